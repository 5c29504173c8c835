// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#ifndef DUSTSERVERENGINE_P_H
#define DUSTSERVERENGINE_P_H

#include <dustprivateapi_p.h>

#include "dustratelimiter_p.h"
#include "dustserverstore_p.h"
#include "dusttokenregistry_p.h"

#include <dustserveroptions.h>

#include <QtCore/qhash.h>
#include <QtCore/qobject.h>
#include <QtCore/qset.h>

QT_BEGIN_NAMESPACE
class QTcpSocket;
QT_END_NAMESPACE

#include <map>
#include <memory>
#include <mutex>

namespace Dust {

class ChannelSession;
class RestApi;
class ServerHttp;

// What the engine publishes for Dust::Server's getters, which may be called
// from any thread.
struct ServerShared
{
    mutable std::mutex mutex;
    QHash<QString, qint64> storeSeq;
    QHash<QString, qint64> writesReceived;
};

// One `event` being fanned out: its payload and its encoded frames, built
// once per (serializer, topic) whatever the number of sockets.
struct BroadcastCache
{
    explicit BroadcastCache(const OpRecord &event) : record(event) { }
    const OpRecord &record;
    QJsonObject payload;
    QHash<QString, QByteArray> frames;
};

/*
    The server proper, living on Dust::Server's engine thread: the HTTP and
    WebSocket listener, the stores and their writers, the token registry and
    the channel memberships that decide who gets each broadcast.
*/
class DUST_SERVER_EXPORT ServerEngine : public QObject
{
    Q_OBJECT

public:
    // The connect parameters of a WebSocket upgrade (protocol §1.2), checked.
    struct ConnectCheck
    {
        QString refusal;             // empty when the connection is accepted
        bool unknownPath = false;
        const TokenGrant *grant = nullptr;
        QString deviceId;
        QString vsn;
    };

    struct StartInfo
    {
        quint16 port = 0;
        QString devToken;
        QString dataDir;
    };

    ServerEngine(const ServerOptions &options, ServerShared *shared);
    ~ServerEngine() override;

    Result<StartInfo> start();
    void stop();
    void dropConnections();
    Result<qint64> writeAs(const QString &store, const QString &deviceId, Op::Kind op,
                           const QString &path, const QJsonValue &value);

    ConnectCheck checkConnect(const QUrl &url) const;
    // Logs a refused upgrade: the peer, the device, the reason; never the token.
    static void logRefusal(const QString &peer, const ConnectCheck &check);

    const ServerOptions &options() const { return m_options; }
    const TokenRegistry &tokens() const { return m_tokens; }

    ServerStore *findStore(const QString &name) const;
    // The store a channel joins: `ref` is "org/name" or a store id. Errors
    // are the join errors of protocol §1.7; a missing store is created when
    // auto-create is on and the token may use it.
    Result<ServerStore *> storeForJoin(const QString &ref, const TokenGrant &grant);
    // The store a REST or in-process write goes to, created like a join's.
    Result<ServerStore *> storeForWrite(const QString &name);
    QJsonObject storeAccess(const TokenGrant &grant) const;
    QList<ServerStore *> stores() const;

    void subscribe(ServerStore *store, ChannelSession *session, const QString &topic);
    void unsubscribe(ServerStore *store, ChannelSession *session, const QString &topic);
    void countWrite(ServerStore *store);
    // Counts one write of `grant`'s token against the rate limit: an Error
    // `rate_limited` when it is over, a null Error otherwise.
    Error rateLimit(const TokenGrant &grant);
    // Fans committed events out to every channel on their store.
    void publish(ServerStore *store, const QList<OpRecord> &events);
    // Submits one request and commits it (and anything queued before it) now.
    WriteOutcome writeNow(ServerStore *store, CommitRequest request);

private:
    // The steps of start().
    Result<void> prepareDataDir(StartInfo &info);
    Result<void> loadTokens(StartInfo &info);
    Result<void> listen(StartInfo &info);
    // Puts an HttpGuard in front of QtHttpServer on a new connection.
    void guardHttp(QTcpSocket *socket);
    void acceptWebSocket();
    void sessionClosed(ChannelSession *session);
    Result<ServerStore *> openStore(const QString &name);
    QString storeFile(const QString &name) const;
    Result<void> openExistingStores();

    ServerOptions m_options;
    ServerShared *m_shared;
    TokenRegistry m_tokens;
    RateLimiter m_rateLimiter;
    QString m_dataDir;
    ServerHttp *m_http = nullptr;
    std::unique_ptr<RestApi> m_rest;
    std::map<QString, std::unique_ptr<ServerStore>> m_stores;
    QHash<QString, ServerStore *> m_storesById;
    QHash<ServerStore *, QList<std::pair<ChannelSession *, QString>>> m_members;
    QSet<ChannelSession *> m_sessions;
};

} // namespace Dust

#endif // DUSTSERVERENGINE_P_H
