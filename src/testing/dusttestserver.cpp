// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#include "dusttestserver.h"

#include "dusttestsupport_p.h"

#include <dustserver.h>
#include <duststore.h>

#include <QtCore/qelapsedtimer.h>
#include <QtCore/qrandom.h>
#include <QtCore/qtemporarydir.h>

using namespace Qt::StringLiterals;

namespace Dust {

namespace {

QString statusName(Client::Status status)
{
    return QString::fromLatin1(QMetaEnum::fromType<Client::Status>().valueToKey(int(status)));
}

QString newToken()
{
    QByteArray bytes(16, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(bytes.data()), bytes.size() / 4);
    return u"dust_tok_test_"_s + QString::fromLatin1(bytes.toHex());
}

Error kitError(Error::Kind kind, const QString &code, const QString &message,
               const Error &cause = {})
{
    QJsonObject detail{{u"message"_s, message}};
    if (!cause.isNull())
        detail.insert(u"cause"_s, cause.toString());
    return Error(kind, code, detail);
}

// Records, per store, that its status left Connected: the client has seen
// an outage, so a later Connected is a rejoin.
class OutageWatch
{
public:
    explicit OutageWatch(const QList<Store *> &stores)
    {
        for (Store *store : stores) {
            m_left.append(store->status() != Client::Status::Connected);
            const qsizetype i = m_left.size() - 1;
            m_connections.append(QObject::connect(store, &Store::statusChanged, store,
                                                  [this, i](Client::Status status) {
                if (status != Client::Status::Connected)
                    m_left[i] = true;
            }));
        }
    }
    ~OutageWatch()
    {
        for (const QMetaObject::Connection &c : std::as_const(m_connections))
            QObject::disconnect(c);
    }
    bool allLeft() const { return !m_left.contains(false); }

private:
    QList<bool> m_left;
    QList<QMetaObject::Connection> m_connections;
};

} // namespace

class TestServerPrivate
{
public:
    TestServerPrivate(TestServer *q, const TestServerOptions &options) : q(q), options(options) { }

    int timeout(int timeoutMs) const { return timeoutMs < 0 ? options.timeoutMs : timeoutMs; }
    QString storeOrDefault(const QString &store) const
    {
        return store.isEmpty() ? options.stores.value(0) : store;
    }
    bool running() const { return server && server->isRunning(); }
    QList<Store *> stores(const Client *c) const;
    bool clientJoined() const;

    Result<void> validate() const;
    Result<void> prepareData();
    Result<void> startServer();
    Result<void> join(Client *c, int timeoutMs);
    Result<void> synced(Store *store, int timeoutMs);
    void waitForOutage(OutageWatch &watch);
    Error notRunning() const;
    void setState(const Error &failure);
    template<typename T>
    Result<T> checked(const Result<T> &result, std::source_location where) const
    {
        if (!result)
            TestSupport::report(TestText::tr("Dust::TestServer: %1").arg(result.error().toString()),
                                where, options.failTestOnError);
        return result;
    }

    TestServer *const q;
    const TestServerOptions options;
    QString token;
    std::unique_ptr<QTemporaryDir> temporaryDir;
    QString dataDir;
    std::unique_ptr<Server> server;
    std::unique_ptr<Client> client;
    quint16 port = 0;
    bool ready = false;
    bool rejoinOnStart = false;
    Error error;
    std::chrono::nanoseconds startUp{0};
};

QList<Store *> TestServerPrivate::stores(const Client *c) const
{
    QList<Store *> out;
    for (const QString &name : c->stores()) {
        if (Store *s = c->store(name))
            out.append(s);
    }
    return out;
}

bool TestServerPrivate::clientJoined() const
{
    const QList<Store *> all = stores(client.get());
    return !all.isEmpty() && std::all_of(all.cbegin(), all.cend(), [](const Store *s) {
        return s->status() == Client::Status::Connected;
    });
}

Result<void> TestServerPrivate::validate() const
{
    if (options.stores.isEmpty())
        return kitError(Error::Kind::InvalidParams, u"invalid_store_name"_s,
                        TestText::tr("the test server needs at least one store"));
    for (const QString &store : options.stores) {
        if (!ServerOptions::isValidStoreName(store))
            return kitError(Error::Kind::InvalidParams, u"invalid_store_name"_s,
                            TestText::tr("\"%1\" is not \"org/name\"").arg(store));
    }
    return {};
}

Result<void> TestServerPrivate::prepareData()
{
    if (!options.dataDir.isEmpty()) {
        dataDir = options.dataDir;
    } else if (options.storage == TestServerOptions::Storage::TemporaryDirectory) {
        temporaryDir = std::make_unique<QTemporaryDir>();
        if (!temporaryDir->isValid())
            return kitError(Error::Kind::Storage, u"data_dir_unwritable"_s,
                            TestText::tr("no temporary directory: %1").arg(temporaryDir->errorString()));
        dataDir = temporaryDir->path();
    }
    return {};
}

Result<void> TestServerPrivate::startServer()
{
    ServerOptions serverOptions = options.server;
    serverOptions.address = QHostAddress(QHostAddress::LocalHost);
    serverOptions.stores = options.stores;
    serverOptions.tokensFile.clear();
    serverOptions.tokens.prepend(TokenGrant{token, TokenGrant::allScopes(), true, {}});
    serverOptions.inMemory = dataDir.isEmpty();
    serverOptions.dataDir = dataDir;
    // A port of our own choosing is kept, or we fail; the one the system
    // chose is only kept while it is free.
    serverOptions.port = options.port ? options.port : port;
    server.reset();
    auto candidate = std::make_unique<Server>(serverOptions);
    Result<void> started = candidate->start();
    if (!started && !options.port && serverOptions.port) {
        qCInfo(lcTest) << "port" << serverOptions.port << "is taken; the test server moves to another";
        serverOptions.port = 0;
        candidate = std::make_unique<Server>(serverOptions);
        started = candidate->start();
    }
    if (!started)
        return started;
    server = std::move(candidate);
    const bool moved = port != server->port();
    port = server->port();
    if (moved) {
        // A client only takes a new URL while closed; it keeps its queued
        // writes and sends them after reopening.
        const bool wasOpen = client->status() != Client::Status::Disconnected;
        if (wasOpen)
            client->close();
        client->setUrl(q->url());
        if (wasOpen)
            client->open();
        Q_EMIT q->urlChanged();
    }
    return {};
}

Result<void> TestServerPrivate::join(Client *c, int timeoutMs)
{
    if (!running())
        return notRunning();
    if (c->status() == Client::Status::Disconnected)
        c->open();
    const QList<Store *> all = stores(c);
    const auto refused = [&all] {
        return std::any_of(all.cbegin(), all.cend(), [](const Store *s) {
            return s->status() == Client::Status::Unauthorized;
        });
    };
    // A store that is not joined yet is done once its catch-up has been
    // delivered too, so no signal of this join trickles in afterwards.
    QList<bool> caughtUp;
    // A refusal is reported as a status first and an error right after it.
    Error refusal;
    QObject context;
    for (Store *s : all) {
        caughtUp.append(s->status() == Client::Status::Connected);
        const qsizetype i = caughtUp.size() - 1;
        QObject::connect(s, &Store::catchUpCompleted, &context, [&caughtUp, i] { caughtUp[i] = true; });
        QObject::connect(s, &Store::errorOccurred, &context, [&refusal](const Error &e) { refusal = e; });
    }
    TestSupport::Waiter waiter([&] {
        if (refused() && !refusal.isNull())
            return true;
        for (qsizetype i = 0; i < all.size(); ++i) {
            const Store *s = all.at(i);
            if (s->status() != Client::Status::Connected || !caughtUp.at(i)
                || s->lastStoreSeq() < server->storeSeq(s->name())) {
                return false;
            }
        }
        return true;
    });
    for (Store *s : all) {
        waiter.wakeOn(s, &Store::statusChanged);
        waiter.wakeOn(s, &Store::catchUpCompleted);
    }
    const TestSupport::Waiter::Outcome outcome = waiter.wait(timeoutMs);
    if (outcome == TestSupport::Waiter::Outcome::Done)
        QCoreApplication::sendPostedEvents();
    if (refused())
        return kitError(Error::Kind::Unauthorized, u"test_join_refused"_s,
                        TestText::tr("the server refused the client's join"),
                        refusal.isNull() ? c->error() : refusal);
    if (outcome == TestSupport::Waiter::Outcome::Done)
        return {};
    QStringList states;
    for (const Store *s : all) {
        states.append(TestText::tr("%1 is %2 at store_seq %3 (server at %4)")
                              .arg(s->name(), statusName(s->status()))
                              .arg(s->lastStoreSeq())
                              .arg(server ? server->storeSeq(s->name()) : 0));
    }
    if (outcome == TestSupport::Waiter::Outcome::TestFailed)
        return kitError(Error::Kind::Cancelled, u"test_failed"_s, states.join(u"; "_s));
    return kitError(Error::Kind::Timeout, u"test_timeout"_s,
                    TestText::tr("the client did not join within %1 ms: %2")
                            .arg(timeoutMs).arg(states.join(u"; "_s)),
                    c->error());
}

Result<void> TestServerPrivate::synced(Store *s, int timeoutMs)
{
    if (!running())
        return notRunning();
    TestSupport::Waiter waiter([&] {
        // pendingWrites() takes the engine's lock, so once the seq is seen
        // it also waits out the dispatch of that event to subscriptions.
        return s->status() == Client::Status::Connected
            && s->lastStoreSeq() >= server->storeSeq(s->name()) && s->pendingWrites() == 0;
    });
    waiter.wakeOn(s, &Store::lastStoreSeqChanged);
    waiter.wakeOn(s, &Store::statusChanged);
    const TestSupport::Waiter::Outcome outcome = waiter.wait(timeoutMs);
    if (outcome == TestSupport::Waiter::Outcome::Done) {
        // Subscription callbacks for this thread were posted by then: run
        // them, so the caller sees their effects when this returns.
        QCoreApplication::sendPostedEvents();
        return {};
    }
    const QString state = TestText::tr("%1 is %2 at store_seq %3 with %4 writes pending; the server is at %5")
                                  .arg(s->name(), statusName(s->status()))
                                  .arg(s->lastStoreSeq())
                                  .arg(s->pendingWrites())
                                  .arg(server ? server->storeSeq(s->name()) : 0);
    if (outcome == TestSupport::Waiter::Outcome::TestFailed)
        return kitError(Error::Kind::Cancelled, u"test_failed"_s, state);
    return kitError(Error::Kind::Timeout, u"test_timeout"_s,
                    TestText::tr("not in sync within %1 ms: %2").arg(timeoutMs).arg(state));
}

void TestServerPrivate::waitForOutage(OutageWatch &watch)
{
    // Without this, a wait for the rejoin could pass on the stale
    // Connected of the old connection.
    TestSupport::Waiter waiter([&watch] { return watch.allLeft(); });
    if (waiter.wait(options.timeoutMs) == TestSupport::Waiter::Outcome::TimedOut)
        qCWarning(lcTest) << "the test client did not notice the outage within" << options.timeoutMs << "ms";
}

Error TestServerPrivate::notRunning() const
{
    return kitError(Error::Kind::Unavailable, u"test_server_not_running"_s,
                    error.isNull() ? TestText::tr("it was stopped")
                                   : TestText::tr("its last start failed"),
                    error);
}

void TestServerPrivate::setState(const Error &failure)
{
    const bool nowReady = failure.isNull() && running();
    if (nowReady == ready && failure == error)
        return;
    const bool failed = !failure.isNull() && failure != error;
    ready = nowReady;
    error = failure;
    Q_EMIT q->readyChanged();
    if (failed)
        Q_EMIT q->errorOccurred(failure);
}

TestServer::TestServer(const TestServerOptions &options, QObject *parent, std::source_location where)
    : QObject(parent), d(std::make_unique<TestServerPrivate>(this, options))
{
    QElapsedTimer clock;
    clock.start();
    d->token = newToken();
    d->client = createTestClient({}, options.clientToken.isEmpty() ? d->token : options.clientToken,
                                 options.stores);
    Result<void> started = d->validate();
    if (started)
        started = d->prepareData();
    if (started)
        started = d->startServer();
    if (started && options.openClient)
        started = d->join(d->client.get(), options.timeoutMs);
    d->startUp = std::chrono::nanoseconds(clock.nsecsElapsed());
    d->setState(started.error());
    if (started)
        qCDebug(lcTest) << "test server ready on port" << d->port << "in"
                        << std::chrono::duration<double, std::milli>(d->startUp).count() << "ms";
    d->checked(started, where);
}

TestServer::~TestServer()
{
    d->client.reset();
    d->server.reset();
}

TestServerOptions TestServer::options() const
{
    return d->options;
}

bool TestServer::isReady() const
{
    return d->ready;
}

Error TestServer::error() const
{
    return d->error;
}

std::chrono::nanoseconds TestServer::startUpTime() const
{
    return d->startUp;
}

QUrl TestServer::url() const
{
    if (!d->port)
        return {};
    return QUrl(u"ws://127.0.0.1:%1/ws/sync"_s.arg(d->port));
}

QUrl TestServer::httpUrl() const
{
    if (!d->port)
        return {};
    return QUrl(u"http://127.0.0.1:%1"_s.arg(d->port));
}

quint16 TestServer::port() const
{
    return d->port;
}

QString TestServer::token() const
{
    return d->token;
}

QString TestServer::storeName() const
{
    return d->options.stores.value(0);
}

QStringList TestServer::storeNames() const
{
    return d->options.stores;
}

QString TestServer::dataDirectory() const
{
    return d->dataDir;
}

Client *TestServer::client() const
{
    return d->client.get();
}

Store *TestServer::store(const QString &store) const
{
    return d->client->store(d->storeOrDefault(store));
}

std::unique_ptr<Client> TestServer::createClient(const QString &token, const QStringList &stores) const
{
    return createTestClient(url(), token.isEmpty() ? d->token : token,
                            stores.isEmpty() ? d->options.stores : stores);
}

Result<void> TestServer::connectClient(Client *client, int timeoutMs)
{
    return d->join(client ? client : d->client.get(), d->timeout(timeoutMs));
}

Result<void> TestServer::waitSynced(Store *store, int timeoutMs)
{
    Store *s = store ? store : this->store();
    if (!s)
        return kitError(Error::Kind::InvalidParams, u"invalid_params"_s,
                        TestText::tr("the client has no store %1").arg(storeName()));
    return d->synced(s, d->timeout(timeoutMs));
}

Result<qint64> TestServer::writeAs(const QString &deviceId, Op::Kind op, const QString &path,
                                   const QJsonValue &value, std::source_location where)
{
    return writeTo(storeName(), deviceId, op, path, value, where);
}

Result<qint64> TestServer::writeTo(const QString &store, const QString &deviceId, Op::Kind op,
                                   const QString &path, const QJsonValue &value,
                                   std::source_location where)
{
    if (!d->running())
        return d->checked(Result<qint64>(d->notRunning()), where);
    return d->checked(d->server->write(store, deviceId, op, path, value), where);
}

qint64 TestServer::storeSeq(const QString &store) const
{
    return d->running() ? d->server->storeSeq(d->storeOrDefault(store)) : 0;
}

Result<void> TestServer::restart(Rejoin rejoin, std::source_location where)
{
    stop();
    return start(rejoin, where);
}

void TestServer::stop()
{
    if (!d->running())
        return;
    d->rejoinOnStart = d->clientJoined();
    OutageWatch watch(d->stores(d->client.get()));
    d->server->stop();
    d->setState({});
    if (d->rejoinOnStart)
        d->waitForOutage(watch);
}

Result<void> TestServer::start(Rejoin rejoin, std::source_location where)
{
    if (d->running())
        return {};
    Result<void> started = d->startServer();
    if (started && d->rejoinOnStart && rejoin == Rejoin::Wait)
        started = d->join(d->client.get(), d->options.timeoutMs);
    d->setState(started.error());
    return d->checked(started, where);
}

void TestServer::dropConnections()
{
    if (!d->running())
        return;
    const bool joined = d->clientJoined();
    OutageWatch watch(d->stores(d->client.get()));
    d->server->dropConnections();
    if (joined)
        d->waitForOutage(watch);
}

Server *TestServer::server() const
{
    return d->server.get();
}

std::unique_ptr<Client> createTestClient(const QUrl &url, const QString &token, const QStringList &stores)
{
    auto client = std::make_unique<Client>(url, token, stores);
    client->setReconnectDelays(std::chrono::milliseconds(5), std::chrono::milliseconds(50));
    return client;
}

} // namespace Dust
