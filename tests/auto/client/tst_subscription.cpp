// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

// Store::on / Store::off: modes, matching, ordering, bootstrap, bounded
// queues, and the thread guarantees of delivery.

#include "clienttestutils.h"

#include <dustthreading_p.h>

#include <QtCore/qsemaphore.h>
#include <QtCore/qthread.h>
#include <QtTest/qsignalspy.h>

#include <atomic>
#include <mutex>

using namespace Qt::StringLiterals;
using namespace DustTest;
using Dust::Client;
using Dust::StoreEvent;
using Dust::SubscribeOptions;
using Mode = Dust::SubscribeOptions::Mode;
using Status = Dust::Client::Status;

namespace {

const QString StoreName = u"test/mystore"_s;

QJsonObject eventPayload(qint64 seq, const QString &op, const QString &path, const QJsonValue &value,
                         const QString &clientOpId = u"op_other"_s)
{
    return {{u"store_seq"_s, seq}, {u"op"_s, op}, {u"path"_s, path}, {u"value"_s, value},
            {u"device_id"_s, u"dev_other"_s}, {u"client_op_id"_s, clientOpId}};
}

struct Fixture
{
    RawServer raw;
    std::unique_ptr<Client> client;
    Dust::Store *store = nullptr;

    bool start()
    {
        if (!raw.listen())
            return false;
        client = Dust::createTestClient(raw.url(), u"t"_s, {StoreName});
        store = client->store(StoreName);
        client->open();
        return waitConnected(store, 5000);
    }
    QString lastWriteId() const
    {
        return raw.frames(u"write"_s).last().at(4).toObject().value(u"client_op_id"_s).toString();
    }
};

// Thread-safe event collector for sync-thread callbacks.
struct Collector
{
    std::mutex mutex;
    QList<StoreEvent> events;
    void add(const StoreEvent &e)
    {
        std::lock_guard lock(mutex);
        events.append(e);
    }
    qsizetype size()
    {
        std::lock_guard lock(mutex);
        return events.size();
    }
    QList<StoreEvent> all()
    {
        std::lock_guard lock(mutex);
        return events;
    }
};

} // namespace

class tst_Subscription : public QObject
{
    Q_OBJECT

private slots:
    void modes_data();
    void modes();
    void matchedOnOpPath();
    void deliveredInOrder_data();
    void deliveredInOrder();
    void bootstrap();
    void bootstrapHasNoGapNoDuplicate();
    void overflowRequestsResync_data();
    void overflowRequestsResync();
    void slowSubscriberDoesNotDelayFastOne();
    void eventsOfOneReadAreAppliedAsOneBatch();
    void offIsIdempotentAndFinal();
    void offFromInsideCallback();
    void offWaitsForRunningCallback();
    void readsAndWritesInsideCallbacks_data();
    void readsAndWritesInsideCallbacks();
    void receiverDestroyedEndsSubscription();
    void receiverOnAnotherThread();
    void invalidSubscriptions();
};

void tst_Subscription::modes_data()
{
    QTest::addColumn<Mode>("mode");
    // optimistic own, committed own echo, committed other, rejection, bootstrap
    QTest::addColumn<QList<bool>>("sees");
    QTest::newRow("all") << Mode::All << QList<bool>{true, false, true, true, true};
    QTest::newRow("committed") << Mode::Committed << QList<bool>{false, true, true, false, true};
    QTest::newRow("optimistic") << Mode::Optimistic << QList<bool>{true, false, false, true, true};
}

void tst_Subscription::modes()
{
    QFETCH(Mode, mode);
    QFETCH(QList<bool>, sees);
    Fixture f;
    QVERIFY(f.start());
    f.raw.push(u"event"_s, eventPayload(1, u"set"_s, u"boot"_s, 1));
    QTRY_COMPARE(f.store->lastStoreSeq(), 1);

    QList<StoreEvent> events;
    SubscribeOptions options;
    options.mode = mode;
    options.includeCurrent = true;
    QVERIFY(f.store->on(u"**"_s, f.client.get(), [&](const StoreEvent &e) { events.append(e); }, options));
    QTRY_COMPARE(events.size(), sees[4] ? 1 : 0);
    QCOMPARE(events.first().source, StoreEvent::Source::Bootstrap);
    events.clear();

    f.store->set(u"own"_s, 1);                                  // optimistic own
    QTRY_COMPARE(f.raw.count(u"write"_s), 1);
    f.raw.push(u"event"_s, eventPayload(2, u"set"_s, u"own"_s, 1, f.lastWriteId())); // own echo
    f.raw.push(u"event"_s, eventPayload(3, u"set"_s, u"other"_s, 2));                // someone else
    QTRY_COMPARE(f.store->lastStoreSeq(), 3);
    f.store->set(u"bad"_s, 1);
    QTRY_COMPARE(f.raw.count(u"write"_s), 2);
    f.raw.reply(f.raw.frames(u"write"_s).last(), u"error"_s, {{u"reason"_s, u"conflict"_s}}); // rejection
    f.raw.push(u"event"_s, eventPayload(4, u"set"_s, u"end"_s, 3));
    QTRY_COMPARE(f.store->lastStoreSeq(), 4);
    QTest::qWait(20);

    QList<std::pair<StoreEvent::Source, bool>> expected;
    if (sees[0])
        expected.append({StoreEvent::Source::Local, false});
    if (sees[1])
        expected.append({StoreEvent::Source::Server, true});
    if (sees[2])
        expected.append({StoreEvent::Source::Server, true});
    if (sees[0])
        expected.append({StoreEvent::Source::Local, false}); // optimistic "bad"
    if (sees[3])
        expected.append({StoreEvent::Source::Server, false});
    if (sees[2])
        expected.append({StoreEvent::Source::Server, true});
    QCOMPARE(events.size(), expected.size());
    for (qsizetype i = 0; i < expected.size(); ++i) {
        QCOMPARE(events.at(i).source, expected.at(i).first);
        QCOMPARE(events.at(i).committed, expected.at(i).second);
        if (events.at(i).committed)
            QVERIFY(events.at(i).storeSeq > 0);
    }
    if (sees[1]) {
        QVERIFY(events.at(0).wasOwn);
        QCOMPARE(events.at(0).path.toString(), u"own"_s);
    }
    if (sees[3]) {
        const auto rejection = std::find_if(events.cbegin(), events.cend(),
                                            [](const StoreEvent &e) { return !e.error.isNull(); });
        QVERIFY(rejection != events.cend());
        QCOMPARE(rejection->error.code(), u"conflict"_s);
        QCOMPARE(rejection->path.toString(), u"bad"_s);
    }
}

void tst_Subscription::matchedOnOpPath()
{
    Fixture f;
    QVERIFY(f.start());
    QMap<QString, int> hits;
    for (const QString &pattern : {u"links/*"_s, u"links/**"_s, u"links/foo"_s, u"links/foo/title"_s,
                                   u"links/foo/*"_s, u"**"_s, u"*"_s}) {
        QVERIFY(f.store->on(pattern, f.client.get(), [&, pattern](const StoreEvent &) { ++hits[pattern]; }));
    }
    f.raw.push(u"event"_s, eventPayload(1, u"set"_s, u"links/foo"_s, QJsonObject{{u"title"_s, u"T"_s}}));
    f.raw.push(u"event"_s, eventPayload(2, u"delete"_s, u"links"_s, QJsonValue::Null));
    QTRY_COMPARE(f.store->lastStoreSeq(), 2);
    QTRY_COMPARE(hits.value(u"**"_s), 2);
    QCOMPARE(hits.value(u"links/*"_s), 1);
    QCOMPARE(hits.value(u"links/**"_s), 1);
    QCOMPARE(hits.value(u"links/foo"_s), 1);
    QCOMPARE(hits.value(u"links/foo/title"_s), 0);
    // The delete dropped links/foo/title from the cache but is not an event there.
    QCOMPARE(hits.value(u"links/foo/*"_s), 0);
    QCOMPARE(hits.value(u"*"_s), 1);
    QVERIFY(!f.store->get(u"links/foo/title"_s));
}

void tst_Subscription::deliveredInOrder_data()
{
    QTest::addColumn<bool>("syncThread");
    QTest::newRow("sync thread") << true;
    QTest::newRow("receiver") << false;
}

void tst_Subscription::deliveredInOrder()
{
    QFETCH(bool, syncThread);
    Fixture f;
    QVERIFY(f.start());
    Collector collector;
    const auto callback = [&](const StoreEvent &e) { collector.add(e); };
    QVERIFY(syncThread ? f.store->on(u"**"_s, callback) : f.store->on(u"**"_s, f.client.get(), callback));
    constexpr int Count = 300;
    for (int i = 1; i <= Count; ++i) {
        if (i % 3 == 0)
            f.store->increment(u"local"_s); // interleaved local writes
        f.raw.push(u"event"_s, eventPayload(i, u"set"_s, u"k"_s, i));
    }
    QTRY_COMPARE(collector.size(), Count + Count / 3);
    qint64 last = 0;
    int local = 0;
    for (const StoreEvent &e : collector.all()) {
        if (e.source == StoreEvent::Source::Local) {
            QCOMPARE(e.value, QJsonValue(1));
            ++local;
            continue;
        }
        QCOMPARE(e.storeSeq, last + 1);
        QCOMPARE(e.value, QJsonValue(e.storeSeq));
        last = e.storeSeq;
    }
    QCOMPARE(local, Count / 3);
}

void tst_Subscription::bootstrap()
{
    Fixture f;
    QVERIFY(f.start());
    for (int i = 1; i <= 5; ++i)
        f.raw.push(u"event"_s, eventPayload(i, u"set"_s, u"items/i%1"_s.arg(i), i));
    f.raw.push(u"event"_s, eventPayload(6, u"increment"_s, u"other"_s, 1));
    QTRY_COMPARE(f.store->lastStoreSeq(), 6);
    f.store->set(u"items/i6"_s, 6); // optimistic entries bootstrap too, with revision 0

    const auto collect = [&](const SubscribeOptions &options) {
        QList<StoreEvent> events;
        auto id = f.store->on(u"items/*"_s, f.client.get(), [&](const StoreEvent &e) { events.append(e); }, options);
        QTest::qWait(20);
        f.store->off(*id);
        return events;
    };
    SubscribeOptions options;
    options.includeCurrent = true;
    QList<StoreEvent> events = collect(options);
    QCOMPARE(events.size(), 6);
    QCOMPARE(events.first().source, StoreEvent::Source::Bootstrap);
    QCOMPARE(events.first().path.toString(), u"items/i1"_s);
    QCOMPARE(events.first().storeSeq, 1);
    QVERIFY(events.first().committed);
    QCOMPARE(events.first().entryType, Dust::Entry::Type::Integer);
    QCOMPARE(events.last().storeSeq, 0);
    QVERIFY(!events.last().committed);

    options.bootstrapLimit = 2;
    options.order = Dust::PageRequest::Order::Descending;
    events = collect(options);
    QCOMPARE(events.size(), 2);
    QCOMPARE(events.at(0).path.toString(), u"items/i6"_s);
    QCOMPARE(events.at(1).path.toString(), u"items/i5"_s);

    options.bootstrapLimit = 0;
    QCOMPARE(collect(options).size(), 6);
    options.includeCurrent = false;
    QCOMPARE(collect(options).size(), 0);
}

void tst_Subscription::bootstrapHasNoGapNoDuplicate()
{
    Fixture f;
    QVERIFY(f.start());
    constexpr int Writes = 400;
    std::atomic<bool> go{false};
    QThread *writer = QThread::create([&] {
        while (!go.load()) { }
        for (int i = 0; i < Writes; ++i)
            f.store->set(u"k/%1"_s.arg(i, 4, 10, QChar(u'0')), i);
    });
    writer->start();
    Collector collector;
    SubscribeOptions options;
    options.includeCurrent = true;
    options.bootstrapLimit = 0;
    options.maxQueueSize = Writes * 2;
    go.store(true);
    QThread::usleep(200); // let the writer get going: registration lands mid-stream
    QVERIFY(f.store->on(u"k/*"_s, [&](const StoreEvent &e) { collector.add(e); }, options));
    QVERIFY(QTest::qWaitFor([&] { return writer->isFinished(); }, 10000));
    delete writer;
    QTRY_COMPARE(collector.size(), Writes);
    QSet<QString> seen;
    for (const StoreEvent &e : collector.all())
        seen.insert(e.path.toString());
    QCOMPARE(seen.size(), Writes);
}

void tst_Subscription::overflowRequestsResync_data()
{
    QTest::addColumn<bool>("syncThread");
    QTest::newRow("sync thread") << true;
    QTest::newRow("receiver") << false;
}

void tst_Subscription::overflowRequestsResync()
{
    QFETCH(bool, syncThread);
    Fixture f;
    QVERIFY(f.start());
    std::atomic<int> calls{0};
    std::atomic<int> resyncs{0};
    QSemaphore entered, proceed;
    SubscribeOptions options;
    options.maxQueueSize = 5;
    options.onResync = [&] { ++resyncs; };
    int fastCalls = 0;
    QVERIFY(f.store->on(u"**"_s, f.client.get(), [&](const StoreEvent &) { ++fastCalls; }));
    if (syncThread) {
        // The first event blocks the callback; ten more arrive meanwhile.
        QVERIFY(f.store->on(u"**"_s, [&](const StoreEvent &) {
            if (calls.fetch_add(1) == 0) {
                entered.release();
                proceed.acquire();
            }
        }, options));
        f.store->set(u"first"_s, 0);
        QVERIFY(entered.tryAcquire(1, 5000));
        for (int i = 0; i < 10; ++i)
            f.store->set(u"k%1"_s.arg(i), i); // local writes count too
        proceed.release();
    } else {
        // The receiver's thread (this one) is busy while ten events queue up.
        QVERIFY(f.store->on(u"**"_s, f.client.get(), [&](const StoreEvent &) { ++calls; }, options));
        for (int i = 0; i < 10; ++i)
            f.store->set(u"k%1"_s.arg(i), i);
    }
    QTRY_COMPARE(resyncs.load(), 1);
    const int delivered = calls.load();
    QVERIFY(delivered <= 1);
    // Dropped: later events do not reach it; another subscription is unaffected.
    f.store->set(u"after"_s, 1);
    QTRY_COMPARE(fastCalls, syncThread ? 12 : 11);
    QTest::qWait(20);
    QCOMPARE(calls.load(), delivered);
    QCOMPARE(resyncs.load(), 1);
}

void tst_Subscription::slowSubscriberDoesNotDelayFastOne()
{
    Fixture f;
    QVERIFY(f.start());
    QThread worker;
    worker.start();
    QObject slowReceiver;
    slowReceiver.moveToThread(&worker);
    QSemaphore gate;
    std::atomic<int> slow{0};
    Collector fast;
    SubscribeOptions options;
    options.maxQueueSize = 100;
    QVERIFY(f.store->on(u"**"_s, &slowReceiver, [&](const StoreEvent &) {
        gate.acquire();
        ++slow;
    }, options));
    QVERIFY(f.store->on(u"**"_s, [&](const StoreEvent &e) { fast.add(e); }));
    for (int i = 1; i <= 20; ++i)
        f.raw.push(u"event"_s, eventPayload(i, u"set"_s, u"k"_s, i));
    QTRY_COMPARE(fast.size(), 20);
    QCOMPARE(f.store->lastStoreSeq(), 20);
    QCOMPARE(slow.load(), 0);
    gate.release(20);
    QTRY_COMPARE(slow.load(), 20);
    worker.quit();
    worker.wait();
}

void tst_Subscription::eventsOfOneReadAreAppliedAsOneBatch()
{
    Fixture f;
    QVERIFY(f.start());
    constexpr int Events = 2000;
    // A sync-thread subscriber with a queue far smaller than the burst: the
    // engine drains it after each batch, so it is never overflowed.
    std::mutex mutex;
    QList<qint64> seqs;
    QSet<qint64> appliedAtDelivery;
    SubscribeOptions options;
    options.maxQueueSize = 10;
    int resyncs = 0;
    options.onResync = [&] { ++resyncs; };
    QVERIFY(f.store->on(u"**"_s, [&](const StoreEvent &e) {
        std::lock_guard lock(mutex);
        seqs.append(e.storeSeq);
        appliedAtDelivery.insert(f.store->lastStoreSeq());
    }, options));
    // Sent in one turn: the client reads them in a few socket reads.
    for (int seq = 1; seq <= Events; ++seq)
        f.raw.push(u"event"_s, eventPayload(seq, u"set"_s, u"k/%1"_s.arg(seq % 50), seq));
    QTRY_COMPARE(f.store->lastStoreSeq(), Events);
    std::lock_guard lock(mutex);
    QCOMPARE(resyncs, 0);
    QCOMPARE(seqs.size(), Events);
    for (int i = 0; i < Events; ++i)
        QCOMPARE(seqs.at(i), qint64(i + 1));
    // Delivered after its whole batch is applied: the store's seq at delivery
    // takes one value per batch, not one per event.
    QVERIFY2(appliedAtDelivery.size() < Events / 20, qPrintable(QString::number(appliedAtDelivery.size())));
    QCOMPARE(*f.store->count(u"k/*"_s), 50);
    QCOMPARE(f.store->get(u"k/0"_s), QJsonValue(Events));
}

void tst_Subscription::offIsIdempotentAndFinal()
{
    Fixture f;
    QVERIFY(f.start());
    int calls = 0;
    auto id = f.store->on(u"**"_s, f.client.get(), [&](const StoreEvent &) { ++calls; });
    QVERIFY(id);
    // Queued but not yet delivered when off() runs: never delivered.
    f.store->set(u"a"_s, 1);
    f.store->set(u"b"_s, 1);
    f.store->off(*id);
    f.store->off(*id);
    f.store->off(*id + 1000);
    f.store->set(u"c"_s, 1);
    QTest::qWait(30);
    QCOMPARE(calls, 0);
}

void tst_Subscription::offFromInsideCallback()
{
    Fixture f;
    QVERIFY(f.start());
    std::atomic<int> calls{0};
    std::atomic<Dust::SubscriptionId> id{0};
    QSemaphore entered, proceed;
    id = *f.store->on(u"**"_s, [&](const StoreEvent &) {
        if (calls.fetch_add(1) == 0) {
            entered.release();
            proceed.acquire();
        }
        f.store->off(id.load());
    });
    f.store->set(u"k0"_s, 0);
    QVERIFY(entered.tryAcquire(1, 5000));
    for (int i = 1; i <= 5; ++i)
        f.store->set(u"k%1"_s.arg(i), i); // queued behind the running callback
    proceed.release();
    QTRY_COMPARE(f.store->get(u"k5"_s), QJsonValue(5));
    QTest::qWait(30);
    QCOMPARE(calls.load(), 1);
}

void tst_Subscription::offWaitsForRunningCallback()
{
    Fixture f;
    QVERIFY(f.start());
    QSemaphore entered, proceed;
    std::atomic<bool> finished{false};
    auto id = f.store->on(u"**"_s, [&](const StoreEvent &) {
        entered.release();
        proceed.acquire();
        finished.store(true);
    });
    f.store->set(u"a"_s, 1);
    QVERIFY(entered.tryAcquire(1, 5000));
    QThread *releaser = QThread::create([&] {
        QThread::msleep(50);
        proceed.release();
    });
    releaser->start();
    f.store->off(*id);
    // off() returned: the running callback has finished.
    QVERIFY(finished.load());
    releaser->wait();
    delete releaser;
}

void tst_Subscription::readsAndWritesInsideCallbacks_data()
{
    QTest::addColumn<bool>("syncThread");
    QTest::newRow("sync thread") << true;
    QTest::newRow("receiver") << false;
}

void tst_Subscription::readsAndWritesInsideCallbacks()
{
    QFETCH(bool, syncThread);
    Fixture f;
    QVERIFY(f.start());
    std::atomic<int> checked{0};
    std::atomic<int> wrong{0};
    std::atomic<Dust::SubscriptionId> id{0};
    const auto callback = [&](const StoreEvent &e) {
        if (e.path.toString() != u"k"_s)
            return;
        // The event's effect is already visible (a receiver on another thread
        // may even see later ones); reads take the state lock.
        if (f.store->get(u"k"_s)->toInt() < e.value.toInt())
            ++wrong;
        f.store->entry(u"k"_s);
        f.store->enumerate(u"**"_s);
        f.store->count(u"**"_s);
        f.store->getMany({u"k"_s});
        f.store->range(u"a"_s, u"z"_s);
        f.store->lastStoreSeq();
        f.store->pendingWrites();
        f.store->increment(u"echoes"_s); // and a write
        if (++checked == 3)
            f.store->off(id.load());
    };
    id = *(syncThread ? f.store->on(u"**"_s, callback) : f.store->on(u"**"_s, f.client.get(), callback));
    for (int i = 1; i <= 5; ++i)
        f.raw.push(u"event"_s, eventPayload(i, u"set"_s, u"k"_s, i));
    QTRY_COMPARE(checked.load(), 3);
    QCOMPARE(wrong.load(), 0);
    QTRY_COMPARE(f.store->get(u"echoes"_s), QJsonValue(3));
    QTest::qWait(20);
    QCOMPARE(checked.load(), 3);
}

void tst_Subscription::receiverDestroyedEndsSubscription()
{
    Fixture f;
    QVERIFY(f.start());
    int calls = 0;
    auto *receiver = new QObject;
    QVERIFY(f.store->on(u"**"_s, receiver, [&](const StoreEvent &) { ++calls; }));
    f.store->set(u"a"_s, 1);
    QTRY_COMPARE(calls, 1);
    f.store->set(u"b"_s, 1); // queued for the receiver
    delete receiver;
    f.store->set(u"c"_s, 1);
    QTest::qWait(30);
    QCOMPARE(calls, 1);
}

void tst_Subscription::receiverOnAnotherThread()
{
    Fixture f;
    QVERIFY(f.start());
    QThread worker;
    worker.start();
    auto *receiver = new QObject;
    receiver->moveToThread(&worker);
    std::atomic<int> calls{0};
    std::atomic<int> wrongThread{0};
    QVERIFY(f.store->on(u"**"_s, receiver, [&](const StoreEvent &) {
        if (QThread::currentThread() != &worker)
            ++wrongThread;
        ++calls;
    }));
    f.store->set(u"a"_s, 1);
    f.raw.push(u"event"_s, eventPayload(1, u"set"_s, u"b"_s, 1));
    QTRY_COMPARE(calls.load(), 2);
    QCOMPARE(wrongThread.load(), 0);
    // Destroyed on its own thread: the subscription ends there.
    Dust::Threading::runBlocking(receiver, [receiver] { delete receiver; });
    f.store->set(u"c"_s, 1);
    QTest::qWait(30);
    QCOMPARE(calls.load(), 2);
    worker.quit();
    worker.wait();
}

void tst_Subscription::invalidSubscriptions()
{
    Fixture f;
    f.client = Dust::createTestClient(QUrl(u"ws://127.0.0.1:1/ws/sync"_s), u"t"_s, {StoreName});
    f.store = f.client->store(StoreName);
    const auto noop = [](const StoreEvent &) {};
    QCOMPARE(f.store->on(u"a/**/b"_s, noop).error().code(), u"wildcard_many_not_tail"_s);
    QCOMPARE(f.store->on(QString(), noop).error().code(), u"empty_path"_s);
    SubscribeOptions options;
    options.maxQueueSize = 0;
    QCOMPARE(f.store->on(u"**"_s, noop, options).error().code(), u"invalid_subscribe_options"_s);
    options = {};
    options.bootstrapLimit = -1;
    QCOMPARE(f.store->on(u"**"_s, noop, options).error().code(), u"invalid_subscribe_options"_s);
    QCOMPARE(f.store->on(u"**"_s, nullptr).error().code(), u"missing_callback"_s);
    QCOMPARE(f.store->on(u"**"_s, nullptr, noop).error().code(), u"missing_receiver"_s);
}

QTEST_GUILESS_MAIN(tst_Subscription)
#include "tst_subscription.moc"
