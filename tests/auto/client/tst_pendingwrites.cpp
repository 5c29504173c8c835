// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

// Pending writes are observable: pendingWritesChanged() follows
// pendingWrites(), whenDrained() finishes once every write (restored ones
// included) has left the queue, and a program without an event loop can
// wait for both. Also the documented rules around close(): subscriptions
// outlive it, and count() counts leaves.

#include "clienttestutils.h"

#include <QtCore/qtemporarydir.h>
#include <QtTest/qsignalspy.h>

#include <thread>

using namespace Qt::StringLiterals;
using namespace DustTest;

namespace {

const QString StoreName = u"test/mystore"_s;

qint64 lastCount(const QSignalSpy &spy)
{
    return spy.isEmpty() ? -1 : spy.last().first().toLongLong();
}

} // namespace

class tst_PendingWrites : public QObject
{
    Q_OBJECT

private slots:
    void changedOnWriteCommitAndRefusal();
    void drainedAfterRestoredWritesCommit();
    void drainedAtOnceWhenNothingPending();
    void drainedWaitsForTheLoad();
    void drainedFailsOnClose();
    void drainedWithClientDestroyed();
    void plainThreadWaitsWithoutEventLoop();
    void callbacksOutliveClose();
    void countCountsLeaves();
};

void tst_PendingWrites::changedOnWriteCommitAndRefusal()
{
    Dust::TestServer server(serverWithoutClient({StoreName}));
    QVERIFY(server.writeAs(u"dev_other"_s, Dust::Op::Kind::Set, u"taken"_s, 1));
    auto client = server.createClient();
    Dust::Store *store = client->store(StoreName);
    QSignalSpy changed(store, &Dust::Store::pendingWritesChanged);

    // Offline: both stay queued.
    auto accepted = store->set(u"free"_s, 1);
    Dust::WriteOptions ifAbsent;
    ifAbsent.ifAbsent = true;
    auto refused = store->set(u"taken"_s, 2, ifAbsent);
    QCOMPARE(store->pendingWrites(), 2);
    QTRY_COMPARE(lastCount(changed), 2);
    QCOMPARE(changed.count(), 1);

    QVERIFY(server.connectClient(client.get()));
    DUST_AWAIT(committed, accepted);
    QVERIFY(committed);
    DUST_AWAIT(refusal, refused);
    QVERIFY(!refusal);
    QTRY_COMPARE(lastCount(changed), 0);
    QCOMPARE(store->pendingWrites(), 0);
    // Down from 2, never up again.
    for (qsizetype i = 1; i < changed.count(); ++i)
        QVERIFY(changed.at(i).first().toLongLong() < changed.at(i - 1).first().toLongLong());

    // Online: a write and its commit end at 0 again.
    changed.clear();
    DUST_AWAIT(online, store->set(u"free"_s, 3));
    QVERIFY(online);
    QTRY_COMPARE(store->pendingWrites(), 0);
    QTRY_COMPARE(lastCount(changed), 0);
}

void tst_PendingWrites::drainedAfterRestoredWritesCommit()
{
    QTemporaryDir dir;
    Dust::TestServer server(serverWithoutClient({StoreName}));
    server.stop();
    {
        // Offline with a persistent cache: queued, written to the outbox.
        auto client = server.createClient();
        client->setCacheDirectory(dir.path());
        QVERIFY(openLoaded(client.get()));
        Dust::Store *store = client->store(StoreName);
        store->set(u"a"_s, 1);
        store->increment(u"n"_s, 2);
        store->merge(u"m"_s, QJsonObject{{u"x"_s, 1}});
        QCOMPARE(store->pendingWrites(), 3);
        client->close();
    }
    QVERIFY(server.start());
    auto client = server.createClient();
    client->setCacheDirectory(dir.path());
    Dust::Store *store = client->store(StoreName);
    QSignalSpy changed(store, &Dust::Store::pendingWritesChanged);
    client->open();
    // Asked before the load: it waits for the restored writes too.
    const QFuture<Dust::Result<void>> drained = store->whenDrained();
    QVERIFY(waitFinished(drained));
    QVERIFY(Dust::takeResult(drained));
    QCOMPARE(store->pendingWrites(), 0);
    QCOMPARE(server.server()->writesReceived(StoreName), 3);
    QVERIFY(server.waitSynced(store));
    QCOMPARE(store->get(u"a"_s), QJsonValue(1));
    QCOMPARE(store->get(u"n"_s), QJsonValue(2));
    QCOMPARE(store->get(u"m/x"_s), QJsonValue(1));
    // The restored writes were reported, then their commit.
    QTRY_COMPARE(lastCount(changed), 0);
    QCOMPARE(changed.first().first().toLongLong(), 3);
}

void tst_PendingWrites::drainedAtOnceWhenNothingPending()
{
    Dust::TestServer server(serverWithoutClient({StoreName}));
    auto client = server.createClient();
    QVERIFY(server.connectClient(client.get()));
    const QFuture<Dust::Result<void>> drained = client->store(StoreName)->whenDrained();
    QVERIFY(drained.isFinished());
    QVERIFY(Dust::takeResult(drained));
}

void tst_PendingWrites::drainedWaitsForTheLoad()
{
    Dust::TestServer server(serverWithoutClient({StoreName}));
    auto client = server.createClient();
    // Nothing pending, but the cache (which may hold queued writes) is not loaded.
    const QFuture<Dust::Result<void>> drained = client->store(StoreName)->whenDrained();
    QTest::qWait(0);
    QVERIFY(!drained.isFinished());
    client->open();
    QVERIFY(waitFinished(drained));
    QVERIFY(Dust::takeResult(drained));
}

void tst_PendingWrites::drainedFailsOnClose()
{
    Dust::TestServer server(serverWithoutClient({StoreName}));
    server.stop();
    auto client = server.createClient();
    QVERIFY(openLoaded(client.get()));
    Dust::Store *store = client->store(StoreName);
    store->set(u"a"_s, 1);
    const QFuture<Dust::Result<void>> drained = store->whenDrained();
    QVERIFY(!drained.isFinished());
    client->close();
    QVERIFY(drained.isFinished());
    const Dust::Result<void> result = Dust::takeResult(drained);
    QVERIFY(!result);
    QCOMPARE(result.error().kind(), Dust::Error::Kind::Cancelled);
    QCOMPARE(result.error().code(), u"closed"_s);
    // The write itself stays queued.
    QCOMPARE(store->pendingWrites(), 1);
}

void tst_PendingWrites::drainedWithClientDestroyed()
{
    Dust::TestServer server(serverWithoutClient({StoreName}));
    auto client = server.createClient();
    client->store(StoreName)->set(u"a"_s, 1);
    const QFuture<Dust::Result<void>> drained = client->store(StoreName)->whenDrained();
    client.reset();
    QVERIFY(drained.isFinished());
    const Dust::Result<void> result = Dust::takeResult(drained);
    QVERIFY(!result);
    QCOMPARE(result.error().code(), u"closed"_s);
}

void tst_PendingWrites::plainThreadWaitsWithoutEventLoop()
{
    Dust::TestServer server(serverWithoutClient({StoreName}));
    auto client = server.createClient();
    QVERIFY(server.connectClient(client.get()));
    Dust::Store *store = client->store(StoreName);
    Dust::Result<qint64> written = Dust::Error();
    Dust::Result<void> drained = Dust::Error();
    // No event loop runs in that thread, nor in this one while it works:
    // the sync thread finishes both futures.
    std::thread plain([&] {
        QFuture<Dust::Result<qint64>> write = store->set(u"plain"_s, 1);
        write.waitForFinished();
        written = Dust::takeResult(write);
        store->increment(u"count"_s, 1);
        QFuture<Dust::Result<void>> all = store->whenDrained();
        all.waitForFinished();
        drained = Dust::takeResult(all);
    });
    plain.join();
    QVERIFY(written);
    QVERIFY(*written > 0);
    QVERIFY(drained);
    QCOMPARE(store->pendingWrites(), 0);
    QCOMPARE(store->get(u"count"_s), QJsonValue(1));
}

void tst_PendingWrites::callbacksOutliveClose()
{
    Dust::TestServer server(serverWithoutClient({StoreName}));
    auto client = server.createClient();
    QVERIFY(server.connectClient(client.get()));
    Dust::Store *store = client->store(StoreName);
    QList<Dust::StoreEvent> seen;
    QVERIFY(store->on(u"**"_s, this, [&](const Dust::StoreEvent &e) { seen.append(e); }));
    client->close();
    store->set(u"after"_s, 1);
    QTRY_COMPARE(seen.size(), 1);
    QCOMPARE(seen.first().path.toString(), u"after"_s);
    QCOMPARE(seen.first().source, Dust::StoreEvent::Source::Local);
    // The Client's destruction ends it: no callback runs on a gone store.
    client.reset();
    QTest::qWait(0);
    QCOMPARE(seen.size(), 1);
}

void tst_PendingWrites::countCountsLeaves()
{
    Dust::TestServer server(serverWithoutClient({StoreName}));
    auto client = server.createClient();
    Dust::Store *store = client->store(StoreName);
    store->set(u"posts/hello"_s, QJsonObject{{u"title"_s, u"Hi"_s}, {u"likes"_s, 0}});
    store->set(u"posts/bye"_s, QJsonObject{{u"title"_s, u"Bye"_s}});
    QCOMPARE(*store->count(u"**"_s), 3);
    QCOMPARE(*store->count(u"posts/*"_s), 0);
    QCOMPARE(*store->count(u"posts/*/title"_s), 2);
}

QTEST_GUILESS_MAIN(tst_PendingWrites)
#include "tst_pendingwrites.moc"
