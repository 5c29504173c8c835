// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

// Client::open() returns before the caches are loaded: the status moves
// through Loading and Connecting, cacheLoaded() and whenCacheLoaded() say
// when the cached data can be read, and reads before that see only the
// writes made since.

#include "clienttestutils.h"

#include <QtCore/qsemaphore.h>
#include <QtCore/qtemporarydir.h>
#include <QtTest/qsignalspy.h>

using namespace Qt::StringLiterals;
using namespace DustTest;
using Dust::Client;
using Status = Dust::Client::Status;

namespace {

const QString StoreName = u"test/mystore"_s;
const QString OtherStoreName = u"test/other"_s;
constexpr int CachedLeaves = 20000;

std::unique_ptr<Client> cachedClient(const Dust::TestServer &server, const QString &dir,
                                     const QStringList &stores = {StoreName})
{
    auto client = server.createClient({}, stores);
    client->setCacheDirectory(dir);
    return client;
}

// A SQLite cache of `dir` holding CachedLeaves leaves under items/ (one
// server write of an object that many fields wide), so loading it is work.
bool fillCache(Dust::TestServer &server, const QString &dir)
{
    QJsonObject items;
    for (int i = 0; i < CachedLeaves; ++i)
        items.insert(u"f%1"_s.arg(i), i);
    if (!server.writeAs(u"dev_other"_s, Dust::Op::Kind::Set, u"items"_s, items))
        return false;
    auto client = cachedClient(server, dir, {StoreName, OtherStoreName});
    return server.connectClient(client.get()) && server.waitSynced(client->store(StoreName));
}

// Holds the client's sync thread in a callback of a subscription without
// receiver until release(): tasks posted to that thread (the loading of the
// caches) wait behind it.
class SyncThreadGate
{
public:
    explicit SyncThreadGate(Dust::Store *store)
    {
        m_id = *store->on(u"gate"_s, [this](const Dust::StoreEvent &) {
            m_entered.release();
            m_open.tryAcquire(1, 10000);
        });
        store->set(u"gate"_s, true);
    }
    bool waitClosed() { return m_entered.tryAcquire(1, 10000); }
    void release() { m_open.release(); }

private:
    QSemaphore m_entered;
    QSemaphore m_open;
    Dust::SubscriptionId m_id = 0;
};

QList<Status> statuses(const QSignalSpy &spy)
{
    QList<Status> out;
    for (const QVariantList &args : spy)
        out.append(args.first().value<Status>());
    return out;
}

} // namespace

class tst_ClientLoading : public QObject
{
    Q_OBJECT

private slots:
    void openReturnsBeforeTheCacheIsLoaded();
    void openTwiceLoadsOnce();
    void closeWhileLoadingConnectsNothing();
    void whenCacheLoadedBeforeOpen();
    void whenCacheLoadedWithClientDestroyed();
    void invalidSettingsStayDisconnected();
};

void tst_ClientLoading::openReturnsBeforeTheCacheIsLoaded()
{
    QTemporaryDir dir;
    Dust::TestServer server(serverWithoutClient({StoreName, OtherStoreName}));
    QVERIFY(fillCache(server, dir.path()));

    auto client = cachedClient(server, dir.path());
    Dust::Store *store = client->store(StoreName);
    // Not opened: nothing of the cache yet.
    QVERIFY(!store->get(u"items/f0"_s));
    SyncThreadGate gate(store);
    QVERIFY(gate.waitClosed());

    QSignalSpy status(client.get(), &Client::statusChanged);
    QStringList order;
    // Gone before `order`: the client's destruction emits too.
    QObject context;
    connect(client.get(), &Client::cacheLoaded, &context, [&] { order.append(u"cacheLoaded"_s); });
    connect(client.get(), &Client::statusChanged, &context, [&](Status s) {
        order.append(QString::fromLatin1(QMetaEnum::fromType<Status>().valueToKey(int(s))));
    });
    client->open();
    // Returned while the sync thread is held: nothing is loaded.
    QCOMPARE(client->status(), Status::Loading);
    const QFuture<Dust::Result<void>> loaded = client->whenCacheLoaded();
    QVERIFY(!loaded.isFinished());
    // The rule for reads before the load: the writes made since, nothing else.
    QCOMPARE(store->get(u"gate"_s), QJsonValue(true));
    QVERIFY(!store->get(u"items/f0"_s));
    QCOMPARE(*store->count(u"items/*"_s), 0);
    QCOMPARE(store->lastStoreSeq(), 0);
    QCOMPARE(store->pendingWrites(), 1);

    gate.release();
    QVERIFY(waitFinished(loaded));
    QVERIFY(Dust::takeResult(loaded));
    QVERIFY(waitConnected(store));
    QTRY_COMPARE(client->status(), Status::Connected);
    QCOMPARE(statuses(status), QList<Status>({Status::Loading, Status::Connecting, Status::Connected}));
    QCOMPARE(order, QStringList({u"Loading"_s, u"cacheLoaded"_s, u"Connecting"_s, u"Connected"_s}));
    // Once loaded, every cached leaf is read, with the write made before.
    QCOMPARE(*store->count(u"items/*"_s), CachedLeaves);
    QCOMPARE(store->get(u"items/f123"_s), QJsonValue(123));
    QCOMPARE(store->get(u"gate"_s), QJsonValue(true));
    QVERIFY(store->lastStoreSeq() >= 1);
}

void tst_ClientLoading::openTwiceLoadsOnce()
{
    QTemporaryDir dir;
    Dust::TestServer server(serverWithoutClient({StoreName, OtherStoreName}));
    auto client = cachedClient(server, dir.path());
    QSignalSpy status(client.get(), &Client::statusChanged);
    QSignalSpy loadedSignal(client.get(), &Client::cacheLoaded);
    QSignalSpy errors(client.get(), &Client::errorOccurred);
    client->open();
    const QFuture<Dust::Result<void>> first = client->whenCacheLoaded();
    client->open();
    QCOMPARE(client->status(), Status::Loading);
    const QFuture<Dust::Result<void>> second = client->whenCacheLoaded();
    QVERIFY(waitFinished(first));
    QVERIFY(waitFinished(second));
    QVERIFY(Dust::takeResult(first));
    QVERIFY(Dust::takeResult(second));
    QVERIFY(server.connectClient(client.get()));
    QTRY_COMPARE(client->status(), Status::Connected);
    QCOMPARE(loadedSignal.count(), 1);
    QCOMPARE(statuses(status), QList<Status>({Status::Loading, Status::Connecting, Status::Connected}));
    QVERIFY(errors.isEmpty());
    // Loaded and open: finished at once.
    QVERIFY(client->whenCacheLoaded().isFinished());
}

void tst_ClientLoading::closeWhileLoadingConnectsNothing()
{
    QTemporaryDir dir;
    Dust::TestServer server(serverWithoutClient({StoreName, OtherStoreName}));
    QVERIFY(fillCache(server, dir.path()));

    auto client = cachedClient(server, dir.path(), {StoreName, OtherStoreName});
    Dust::Store *store = client->store(StoreName);
    SyncThreadGate gate(client->store(OtherStoreName));
    QVERIFY(gate.waitClosed());
    QSignalSpy status(client.get(), &Client::statusChanged);
    QSignalSpy loadedSignal(client.get(), &Client::cacheLoaded);
    client->open();
    const QFuture<Dust::Result<void>> loaded = client->whenCacheLoaded();
    // close() turns Disconnected before it waits for the sync thread; the
    // gate opens only then, so the load sees the close before any store.
    QObject context; // gone before the gate
    connect(client.get(), &Client::statusChanged, &context, [&](Status s) {
        if (s == Status::Disconnected)
            gate.release();
    });
    client->close();
    QCOMPARE(client->status(), Status::Disconnected);
    QVERIFY(waitFinished(loaded));
    const Dust::Result<void> result = Dust::takeResult(loaded);
    QVERIFY(!result);
    QCOMPARE(result.error().kind(), Dust::Error::Kind::Cancelled);
    QCOMPARE(result.error().code(), u"closed"_s);
    // Nothing loaded, nothing connected.
    QVERIFY(!store->get(u"items/f0"_s));
    QTest::qWait(0);
    QCOMPARE(loadedSignal.count(), 0);
    QCOMPARE(statuses(status), QList<Status>({Status::Loading, Status::Disconnected}));
    QCOMPARE(store->status(), Status::Disconnected);

    // The next open() loads and connects.
    QVERIFY(openLoaded(client.get()));
    QCOMPARE(*store->count(u"items/*"_s), CachedLeaves);
    QVERIFY(server.connectClient(client.get()));
    QTRY_COMPARE(loadedSignal.count(), 1);
}

void tst_ClientLoading::whenCacheLoadedBeforeOpen()
{
    QTemporaryDir dir;
    Dust::TestServer server(serverWithoutClient({StoreName, OtherStoreName}));
    QVERIFY(fillCache(server, dir.path()));
    auto client = cachedClient(server, dir.path());
    const QFuture<Dust::Result<void>> loaded = client->whenCacheLoaded();
    QTest::qWait(0);
    QVERIFY(!loaded.isFinished());
    client->open();
    QVERIFY(waitFinished(loaded));
    QVERIFY(Dust::takeResult(loaded));
    QCOMPARE(*client->store(StoreName)->count(u"items/*"_s), CachedLeaves);
    // Closed, the caches stay loaded: finished at once.
    client->close();
    QVERIFY(client->whenCacheLoaded().isFinished());
    QVERIFY(Dust::takeResult(client->whenCacheLoaded()));
}

void tst_ClientLoading::whenCacheLoadedWithClientDestroyed()
{
    Dust::TestServer server(serverWithoutClient({StoreName, OtherStoreName}));
    auto client = server.createClient();
    const QFuture<Dust::Result<void>> loaded = client->whenCacheLoaded();
    client.reset();
    QVERIFY(loaded.isFinished());
    const Dust::Result<void> result = Dust::takeResult(loaded);
    QVERIFY(!result);
    QCOMPARE(result.error().code(), u"closed"_s);
}

void tst_ClientLoading::invalidSettingsStayDisconnected()
{
    auto client = std::make_unique<Client>(QUrl(u"http://127.0.0.1:1/ws/sync"_s), u"t"_s,
                                           QStringList{StoreName});
    QSignalSpy status(client.get(), &Client::statusChanged);
    QSignalSpy errors(client.get(), &Client::errorOccurred);
    client->open();
    QCOMPARE(errors.count(), 1);
    QCOMPARE(errors.first().first().value<Dust::Error>().code(), u"invalid_url"_s);
    QCOMPARE(client->status(), Status::Disconnected);
    QVERIFY(status.isEmpty());
    // Never opened, so never loaded: the future waits for a later open().
    const QFuture<Dust::Result<void>> loaded = client->whenCacheLoaded();
    QVERIFY(!loaded.isFinished());
    client.reset();
    QVERIFY(loaded.isFinished());
}

QTEST_GUILESS_MAIN(tst_ClientLoading)
#include "tst_clientloading.moc"
