// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#ifndef DUSTSERVER_H
#define DUSTSERVER_H

#include <dustentry.h>
#include <dustserveroptions.h>

#include <QtCore/qjsonvalue.h>
#include <QtCore/qobject.h>
#include <QtCore/qurl.h>

#include <memory>

namespace Dust {

class ServerPrivate;

/*!
    A local Dust server: Phoenix channels on `/ws/sync/websocket` (JSON with
    `vsn=2.0.0`, MessagePack with `vsn=3.0.0`), the REST entries API under
    `/api/stores/{org}/{name}/entries` and file downloads under `/api/files`,
    with every store kept in SQLite. Unmodified Dust clients can use it.

    The Server object lives in the thread that creates it; the server itself
    runs on its own thread, so start() and stop() block until it is listening
    or gone, and clients on any other thread can use it meanwhile.

    \code
    Dust::ServerOptions options;
    options.port = 0;
    options.inMemory = true;
    Dust::Server server(options);
    if (const auto started = server.start(); !started)
        qFatal("%s", qPrintable(started.error().message()));
    client.setUrl(server.webSocketUrl());       // `ws://127.0.0.1:<port>/ws/sync`
    client.setToken(server.devToken());
    server.write(u"acme/site"_s, u"dev_other"_s, Dust::Op::Kind::Set, u"posts/hello"_s, u"Hi"_s);
    \endcode
*/
class DUST_SERVER_EXPORT Server : public QObject
{
    Q_OBJECT
    Q_PROPERTY(bool running READ isRunning NOTIFY runningChanged)
    Q_PROPERTY(quint16 port READ port NOTIFY runningChanged)

public:
    explicit Server(const ServerOptions &options = {}, QObject *parent = nullptr);
    ~Server() override;

    ServerOptions options() const;

    /// Blocks until the server listens, or fails with a clear Error (port
    /// taken, data directory not writable, bad token file, store that cannot
    /// be opened). Starting a running server does nothing.
    Result<void> start();
    /// Blocks until every socket is closed and every store is committed and
    /// closed; idempotent. Call it from the thread that owns the Server.
    void stop();
    bool isRunning() const;

    quint16 port() const;
    QUrl webSocketUrl() const;      ///< `ws://127.0.0.1:<port>/ws/sync` (clients append /websocket);
                                    /// `wss://` with TLS
    QUrl httpUrl() const;           ///< `http://127.0.0.1:<port>`; `https://` with TLS
    QString devToken() const;       ///< the generated full-access token; empty when tokens are configured
    QString dataDirectory() const;  ///< where the stores live; empty in memory
    QStringList stores() const;     ///< the stores that exist, "org/name"

    void dropConnections();         ///< closes every WebSocket (reconnect tests)
    qint64 storeSeq(const QString &store) const;          ///< head seq, 0 for an unknown store
    qint64 writesReceived(const QString &store) const;    ///< `write` and `put_file` pushes received,
                                                          /// duplicates and rejected ones included
    /// Commits a write as if device `deviceId` sent it: the same writer, the
    /// same broadcast. Lease ops take ttl_ms/holder/token and put_file takes
    /// content (base64)/filename/content_type from an object `value`. Returns
    /// the store_seq, or 0 for a release that released nothing.
    Result<qint64> write(const QString &store, const QString &deviceId, Op::Kind op,
                         const QString &path, const QJsonValue &value = {});

Q_SIGNALS:
    void started();
    void stopped();
    void runningChanged(bool running);

private:
    std::unique_ptr<ServerPrivate> d;
};

} // namespace Dust

#endif // DUSTSERVER_H
