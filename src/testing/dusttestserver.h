// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#ifndef DUSTTESTSERVER_H
#define DUSTTESTSERVER_H

#include <dusttestglobal.h>
#include <dusttestserveroptions.h>

#include <dustclient.h>
#include <dustentry.h>
#include <dustresult.h>
#include <duststore.h>

#include <QtCore/qjsonvalue.h>
#include <QtCore/qobject.h>
#include <QtCore/qurl.h>

#include <chrono>
#include <memory>
#include <source_location>

namespace Dust {

class Server;
class TestServerPrivate;

/*!
    A Dust server for one test: the in-process Dust::Server on 127.0.0.1 and
    a free port, with a throw-away store, a full-access token, and a
    Dust::Client already joined to the store when the constructor returns.
    Destroying it closes the client and the server and removes their data.

    writeAs() plays another client, restart() and dropConnections() exercise
    reconnects. Waiting is event-driven: nothing here sleeps for a fixed time,
    and nothing waits longer than TestServerOptions::timeoutMs.

    A fixture that cannot start (a taken port, a data directory that cannot
    be written) is not ready: isReady() is false, error() says why, and inside
    a running Qt Test function the test fails with that message. Every later
    call returns an Error instead of waiting.

    \code
    void tst_LinkList::showsOtherClientsChanges()
    {
        Dust::TestServer server;
        LinkList view(server.client());          // the app's own widget
        server.writeAs(u"phone"_s, Dust::Op::Kind::Set, u"links/qt/title"_s, u"Qt"_s);
        QTRY_COMPARE(view.titles(), QStringList{u"Qt"_s});
    }
    \endcode
*/
class DUST_TEST_EXPORT TestServer : public QObject
{
    Q_OBJECT
    Q_PROPERTY(bool ready READ isReady NOTIFY readyChanged)
    Q_PROPERTY(QUrl url READ url NOTIFY urlChanged)
    Q_PROPERTY(QUrl httpUrl READ httpUrl NOTIFY urlChanged)
    Q_PROPERTY(QString token READ token CONSTANT)
    Q_PROPERTY(QString storeName READ storeName CONSTANT)
    Q_PROPERTY(Dust::Error error READ error NOTIFY readyChanged)

public:
    /// Starts the server and, unless options.openClient is false, joins the
    /// client to every store before returning.
    explicit TestServer(const TestServerOptions &options = {}, QObject *parent = nullptr,
                        std::source_location where = std::source_location::current());
    ~TestServer() override;

    TestServerOptions options() const;

    /// True while the server runs after a start-up (or restart) that
    /// succeeded, the client's join included.
    bool isReady() const;
    /// Why the last start-up or restart() failed; a null Error otherwise.
    Error error() const;
    /// From construction until the client had joined (or the server had
    /// started, without openClient).
    std::chrono::nanoseconds startUpTime() const;

    /// Where clients connect: `ws://127.0.0.1:<port>/ws/sync`, as Client::url
    /// expects it. Kept after stop(); empty if the server never started.
    QUrl url() const;
    /// The REST base, `http://127.0.0.1:<port>`, for Repo and HttpTransport.
    QUrl httpUrl() const;
    quint16 port() const;
    /// A token with every scope on every store.
    QString token() const;
    /// The first store of the options: the one the one-store helpers use.
    QString storeName() const;
    QStringList storeNames() const;
    /// Where the SQLite files live; empty in memory.
    QString dataDirectory() const;

    /// The fixture's client: never null, owned by the fixture, with fast
    /// reconnects (5 ms growing to 50 ms).
    Client *client() const;
    /// Its handle of `store` (storeName() when empty); null for a store it
    /// was not given.
    Store *store(const QString &store = {}) const;
    /// One more client of this server, set up like client() but not opened:
    /// `token` empty means token(), `stores` empty means storeNames().
    std::unique_ptr<Client> createClient(const QString &token = {},
                                         const QStringList &stores = {}) const;
    /// Opens `client` (client() when null) unless it is open already, and
    /// waits until every one of its stores has joined.
    Result<void> connectClient(Client *client = nullptr, int timeoutMs = -1);
    /// Waits until `store` (store() when null) has joined, applied every
    /// event the server has committed, and has no write waiting for the
    /// server; subscription callbacks it posted to this thread have run by
    /// the time it returns.
    Result<void> waitSynced(Store *store = nullptr, int timeoutMs = -1);

    /// Commits a write as another device would (Server::write): the store
    /// broadcasts it to every client, the fixture's own included. Returns
    /// the store_seq.
    Result<qint64> writeAs(const QString &deviceId, Op::Kind op, const QString &path,
                           const QJsonValue &value = {},
                           std::source_location where = std::source_location::current());
    /// The same, to another store than storeName().
    Result<qint64> writeTo(const QString &store, const QString &deviceId, Op::Kind op,
                           const QString &path, const QJsonValue &value = {},
                           std::source_location where = std::source_location::current());
    /// The head store_seq of `store` (storeName() when empty) on the server.
    qint64 storeSeq(const QString &store = {}) const;

    /// Whether restart() and start() wait for the fixture's client to rejoin
    /// (when it was joined before the stop). DontWait lets a test write
    /// before the client is back, to exercise its catch-up.
    enum class Rejoin { Wait, DontWait };
    Q_ENUM(Rejoin)

    /// Stops the server (clients see an outage) and starts it again with the
    /// same data (see TestServerOptions::Storage), on the same port when it
    /// is free.
    Result<void> restart(Rejoin rejoin = Rejoin::Wait,
                         std::source_location where = std::source_location::current());
    /// The two halves of restart(), for tests that act during the outage.
    /// stop() returns once the fixture's client has noticed.
    void stop();
    Result<void> start(Rejoin rejoin = Rejoin::Wait,
                       std::source_location where = std::source_location::current());
    /// Closes every WebSocket; clients reconnect by themselves. Returns once
    /// the fixture's client has noticed; connectClient() waits for its rejoin.
    void dropConnections();

    /// The server itself, for anything else (writesReceived(), ...). It is
    /// replaced by start() and restart().
    Server *server() const;

Q_SIGNALS:
    void readyChanged();
    void urlChanged();
    /// A start (or restart) failed; `error` says why.
    void errorOccurred(const Dust::Error &error);

private:
    std::unique_ptr<TestServerPrivate> d;
};

/*!
    \relates TestServer
    A Client set up the way the test kit sets up its own (fast reconnects),
    not opened; for tests against any server, such as one a test plays.

    \code
    auto client = Dust::createTestClient(rawServer.url(), u"token"_s, {u"acme/site"_s});
    client->open();
    \endcode
*/
DUST_TEST_EXPORT std::unique_ptr<Client> createTestClient(const QUrl &url, const QString &token,
                                                          const QStringList &stores);

} // namespace Dust

#endif // DUSTTESTSERVER_H
