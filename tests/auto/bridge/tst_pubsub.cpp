// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#include "../shared/testwait.h"

#include <dusttest.h>

#include <dustbroadcaster_p.h>
#include <dustlistmodel.h>
#include <dustpubsub.h>
#include <dustrepo.h>
#include <dustthreading_p.h>
#include <dusttopicsubscription.h>

#include <QtCore/qloggingcategory.h>
#include <QtCore/qthread.h>
#include <QtTest/qsignalspy.h>
#include <QtTest/qtest.h>
#include <QtWidgets/qapplication.h>
#include <QtWidgets/qlistwidget.h>

#include <atomic>
#include <future>
#include <thread>

using namespace Qt::StringLiterals;
using namespace Dust;

namespace {

const QString StoreName = u"acme/links"_s;

Schema linkSchema()
{
    return *Schema::fromDescriptor(QVariantMap{
            {u"name"_s, u"Link"_s},
            {u"prefix"_s, QStringList{u"links"_s}},
            {u"fields"_s, QVariantMap{{u"title"_s, u"string"_s}, {u"url"_s, u"string"_s}}},
            {u"required"_s, QStringList{u"url"_s}}});
}

// What a subscription delivered, in order, as "+slug:title" / "-slug".
QStringList changes(const SubscriptionSpy &spy)
{
    QStringList out;
    for (const SubscriptionSpy::Event &e : spy.events()) {
        if (e.kind == SubscriptionSpy::Event::Kind::Upserted)
            out.append(u"+"_s + e.slug + u':' + e.record.value(u"title"_s).toString());
        else if (e.kind == SubscriptionSpy::Event::Kind::Deleted)
            out.append(u"-"_s + e.slug);
    }
    return out;
}

TestServerOptions linkStore()
{
    TestServerOptions options;
    options.stores = {StoreName};
    return options;
}

// A real server, a client joined to the store, a Repo over it, and a hub of
// the test's own.
struct Fixture
{
    Fixture() : repo(std::make_unique<Repo>(server.client(), StoreName)),
                hub(std::make_unique<PubSub>(u"test"_s))
    {
    }
    ~Fixture()
    {
        hub.reset();
        repo.reset();
    }

    // Another device writes a record (from any thread).
    qint64 write(const QString &slug, const QString &title)
    {
        return server.writeAs(u"writer"_s, Op::Kind::Set, u"links/"_s + slug,
                              QJsonObject{{u"title"_s, title}, {u"url"_s, u"https://"_s + slug}})
                .valueOr(0);
    }
    qint64 remove(const QString &slug)
    {
        return server.writeAs(u"writer"_s, Op::Kind::Delete, u"links/"_s + slug).valueOr(0);
    }
    bool synced() { return server.waitSynced().hasValue(); }
    Store *store() const { return server.store(); }

    TopicSubscription *subscribe(QObject *context, const TopicOptions &options = {},
                                 const QString &topic = u"links"_s)
    {
        const Result<TopicSubscription *> sub = subscribeToPubSub(repo.get(), links, hub.get(), topic,
                                                                  context, options);
        if (!sub)
            qFatal("subscribe failed: %s", qPrintable(sub.error().toString()));
        return *sub;
    }

    Schema links = linkSchema();
    TestServer server{linkStore()};
    std::unique_ptr<Repo> repo;
    std::unique_ptr<PubSub> hub;
};

// A thread with an event loop, owning a context object for subscriptions.
struct ViewThread
{
    ViewThread() : thread(u"view"_s)
    {
        thread.start();
        context = new QObject;
        context->moveToThread(&thread);
    }
    ~ViewThread()
    {
        Threading::runBlocking(context, [c = context] { delete c; });
        thread.stop();
    }
    WorkerThread thread;
    QObject *context;
};

// Holds the thread `context` lives in, from its next event on, until
// released: a view's thread or a bridge thread that falls behind.
class Hold
{
public:
    explicit Hold(QObject *context)
    {
        Threading::post(context, [held = m_released.get_future().share()] { held.wait(); });
    }
    ~Hold() { release(); }
    void release()
    {
        if (!std::exchange(m_done, true))
            m_released.set_value();
    }

private:
    std::promise<void> m_released;
    bool m_done = false;
};

// An object living on a hub's bridge thread, to hold that thread with.
struct BridgeAnchor
{
    explicit BridgeAnchor(PubSub *hub) : object(new QObject) { object->moveToThread(bridgeThreadOf(hub)); }
    ~BridgeAnchor() { Threading::runBlocking(object, [o = object] { delete o; }); }
    QObject *object;
};

// Counts the snapshots the bridge takes for subscribers that fell behind,
// from its log.
class SnapshotCounter
{
public:
    SnapshotCounter()
    {
        QLoggingCategory::setFilterRules(u"dust.bridge.info=true"_s);
        s_count = 0;
        s_previous = qInstallMessageHandler(&SnapshotCounter::handle);
    }
    ~SnapshotCounter() { qInstallMessageHandler(s_previous); }
    int count() const { return s_count; }

private:
    static void handle(QtMsgType type, const QMessageLogContext &context, const QString &message)
    {
        if (message.contains(u"fell behind"_s))
            ++s_count;
        s_previous(type, context, message);
    }
    static inline std::atomic<int> s_count = 0;
    static inline QtMessageHandler s_previous = nullptr;
};

} // namespace

class tst_PubSub : public QObject
{
    Q_OBJECT

private slots:
    void deliversUpsertsAndDeletes();
    void ownWritesAreDelivered();
    void sharesOneBroadcasterAcrossThreads();
    void slowSubscriberDoesNotDelayOthers();
    void destroyDuringStorm();
    void unsubscribeFromPubSubIsPerSubscriber();
    void stopBroadcasterReallyStops();
    void httpTransportIsNotSupported();
    void nullHubIsNotSupported();
    void everyEventOverflowGivesResync();
    void includeCurrentHasNoGapNoDuplicate();
    void repoDestructionStopsBroadcasters();
    void widgetFollowsTopic();
    void slotMayStopTheBroadcaster();
    void subscriberThreadEndStopsItsSubscriptions();
    void subscribeRacingStopBroadcasterNeverHangs();
    void unsubscribeFromPubSubFindsEverySubscriptionOfContext();
    void bridgeFallingBehindResyncsInsteadOfQueueing();
    void recordsAreDecodedWhereTheyLeaveTheEngine();
    void partialWriteArrivesAsWholeRecord();
    void overflowingSubscribersShareOneSnapshot();
    void contextWithoutEventLoopIsRefused();
    void broadcasterThatCannotStartIsStartFailed();
};

void tst_PubSub::deliversUpsertsAndDeletes()
{
    Fixture f;
    QObject view;
    TopicSubscription *sub = f.subscribe(&view, {TopicSubscription::Delivery::EveryEvent});
    QCOMPARE(sub->parent(), &view);
    SubscriptionSpy spy(sub);
    QTRY_COMPARE(sub->state(), TopicSubscription::State::Active);
    // A record is read when its event is decoded, so an upsert whose record
    // is already gone again gives nothing: let each write land first.
    f.write(u"a"_s, u"A"_s);
    QVERIFY(spy.waitForUpsert(u"a"_s));
    QCOMPARE(changes(spy), QStringList{u"+a:A"_s});
    f.write(u"b"_s, u"B"_s);
    f.remove(u"a"_s);
    QVERIFY(spy.waitForDelete(u"a"_s));
    QCOMPARE(changes(spy), (QStringList{u"+a:A"_s, u"+b:B"_s, u"-a"_s}));
    QCOMPARE(f.hub->broadcasterCount(), 1);
}

void tst_PubSub::ownWritesAreDelivered()
{
    Fixture f;
    QObject view;
    SubscriptionSpy spy(f.subscribe(&view));
    DUST_AWAIT(inserted, f.repo->insert(f.links, {{u"slug"_s, u"mine"_s}, {u"title"_s, u"M"_s},
                                                  {u"url"_s, u"https://m"_s}}));
    QVERIFY2(inserted, qPrintable(inserted.error().toString()));
    // Committed events only: the record is complete once both fields landed.
    QVERIFY(spy.waitForUpsert(u"mine"_s));
    QVERIFY(changes(spy).contains(u"+mine:M"_s));
}

// Eight threads race to subscribe to the same triple: one broadcaster, one
// Repo subscription, and every subscriber gets every event exactly once.
void tst_PubSub::sharesOneBroadcasterAcrossThreads()
{
    Fixture f;
    std::vector<std::unique_ptr<ViewThread>> views;
    for (int i = 0; i < 8; ++i)
        views.push_back(std::make_unique<ViewThread>());
    std::vector<std::thread> racers;
    std::atomic<int> ready = 0;
    std::vector<TopicSubscription *> subs(8, nullptr);
    for (int i = 0; i < 8; ++i) {
        racers.emplace_back([&, i] {
            ++ready;
            while (ready < 8) { }
            subs[i] = f.subscribe(views[i]->context);
        });
    }
    for (auto &t : racers)
        t.join();
    Threading::acquireFromQt();
    QCOMPARE(f.hub->broadcasterCount(), 1);
    QCOMPARE(f.repo->subscriptionCount(), 1);

    std::vector<std::shared_ptr<std::atomic<int>>> counts;
    for (int i = 0; i < 8; ++i) {
        auto count = std::make_shared<std::atomic<int>>(0);
        counts.push_back(count);
        Threading::runBlocking(views[i]->context, [sub = subs[i], count] {
            QObject::connect(sub, &TopicSubscription::upserted, sub, [count] { ++*count; });
        });
    }
    for (int i = 0; i < 20; ++i)
        f.write(u"r%1"_s.arg(i), u"t"_s);
    for (const auto &count : counts)
        QTRY_COMPARE(count->load(), 20);
}

// One view blocks 200 ms per event; another view on the same topic keeps up,
// and the engine applies every write meanwhile.
void tst_PubSub::slowSubscriberDoesNotDelayOthers()
{
    Fixture f;
    ViewThread slowView;
    // At most 50 events wait for the slow view; beyond that it gets a resync
    // and the current state instead of an ever longer queue.
    TopicSubscription *slow = f.subscribe(slowView.context, {TopicSubscription::Delivery::EveryEvent, false, 50});
    std::atomic<int> slowSeen = 0;
    std::atomic<int> slowResyncs = 0;
    std::atomic<qsizetype> slowLargestBatch = 0;
    std::atomic<bool> released = false;
    Threading::runBlocking(slowView.context, [&] {
        QObject::connect(slow, &TopicSubscription::upserted, slow, [&] {
            if (!released)
                QThread::msleep(200);
            ++slowSeen;
        });
        QObject::connect(slow, &TopicSubscription::eventsReceived, slow, [&](const QList<RecordEvent> &b) {
            slowLargestBatch = std::max(slowLargestBatch.load(), b.size());
        });
        QObject::connect(slow, &TopicSubscription::resyncRequired, slow, [&] { ++slowResyncs; });
    });
    QObject fastView;
    TopicSubscription *fast = f.subscribe(&fastView, {TopicSubscription::Delivery::EveryEvent});
    int fastSeen = 0;
    connect(fast, &TopicSubscription::upserted, this, [&] { ++fastSeen; });
    QTRY_COMPARE(fast->state(), TopicSubscription::State::Active);

    const int events = 1000;
    qint64 last = 0;
    for (int i = 0; i < events; ++i)
        last = f.write(u"r%1"_s.arg(i % 100), u"v%1"_s.arg(i));
    QTRY_COMPARE_WITH_TIMEOUT(fastSeen, events, 30000);
    // The engine was never held up by the slow view.
    QTRY_COMPARE(f.store()->lastStoreSeq(), last);
    // The slow view has seen a handful of events...
    QVERIFY(slowSeen.load() < events / 10);
    // ...and is told to reload instead of queueing the rest without bound.
    released = true;
    QTRY_VERIFY(slowResyncs.load() >= 1);
    QVERIFY(slowLargestBatch.load() <= 50);
    QCOMPARE(slow->state(), TopicSubscription::State::Active);
}

// Subscriptions are destroyed in each of the four ways while a 10,000-event
// storm is in flight: no crash, no use after free (asan), and the
// broadcaster keeps serving the survivor.
void tst_PubSub::destroyDuringStorm()
{
    Fixture f;
    QObject survivorView;
    TopicSubscription *survivor = f.subscribe(&survivorView, {TopicSubscription::Delivery::EveryEvent});
    SubscriptionSpy survivorLog(survivor);

    ViewThread other; // its subscriptions are destroyed from a third thread
    auto *parent = new QObject;
    const auto victims = [&](QObject *context) {
        std::vector<TopicSubscription *> out;
        for (int i = 0; i < 10; ++i)
            out.push_back(f.subscribe(context, {TopicSubscription::Delivery::EveryEvent}));
        return out;
    };
    const std::vector<TopicSubscription *> deleted = victims(&survivorView);
    const std::vector<TopicSubscription *> deletedLater = victims(&survivorView);
    victims(parent);
    const std::vector<TopicSubscription *> foreign = victims(other.context);

    std::atomic<int> written = 0;
    std::thread writer([&] {
        for (int i = 0; i < 10000; ++i) {
            f.write(u"s%1"_s.arg(i % 200), u"v%1"_s.arg(i));
            written = i + 1;
        }
    });
    const auto atWritten = [&](int n) { QTRY_VERIFY_WITH_TIMEOUT(written >= n, 120000); };
    atWritten(1000);
    for (TopicSubscription *v : deleted)
        delete v;
    atWritten(3000);
    for (TopicSubscription *v : deletedLater)
        v->deleteLater();
    atWritten(5000);
    delete parent;
    atWritten(7000);
    // Their own thread is busy with something else while another deletes them.
    Threading::runBlocking(other.context, [&foreign] {
        std::thread killer([&foreign] {
            for (TopicSubscription *v : foreign)
                delete v;
        });
        killer.join();
    });
    writer.join();
    Threading::acquireFromQt();
    const qint64 last = f.write(u"final"_s, u"F"_s);
    QVERIFY(survivorLog.waitForUpsert(u"final"_s));
    QCOMPARE(survivorLog.record(u"final"_s).value(u"title"_s), QVariant(u"F"_s));
    QTRY_COMPARE(f.store()->lastStoreSeq(), last);
    QCOMPARE(f.hub->broadcasterCount(), 1);
}

void tst_PubSub::unsubscribeFromPubSubIsPerSubscriber()
{
    Fixture f;
    QObject viewA, viewB;
    TopicSubscription *a = f.subscribe(&viewA);
    TopicSubscription *b = f.subscribe(&viewB);
    SubscriptionSpy spyA(a), spyB(b);
    QTRY_COMPARE(b->state(), TopicSubscription::State::Active);
    unsubscribeFromPubSub(f.hub.get(), u"links"_s, &viewA);
    unsubscribeFromPubSub(f.hub.get(), u"links"_s, &viewA);
    unsubscribeFromPubSub(f.hub.get(), u"other"_s, &viewB);
    QCOMPARE(a->state(), TopicSubscription::State::Stopped);
    QVERIFY(!a->isActive());
    f.write(u"x"_s, u"X"_s);
    QVERIFY(spyB.waitForUpsert(u"x"_s));
    QCOMPARE(changes(spyB), QStringList{u"+x:X"_s});
    QCoreApplication::processEvents();
    QVERIFY(changes(spyA).isEmpty());
    QCOMPARE(f.hub->broadcasterCount(), 1);
}

void tst_PubSub::stopBroadcasterReallyStops()
{
    Fixture f;
    QObject view;
    TopicSubscription *sub = f.subscribe(&view);
    SubscriptionSpy spy(sub);
    f.write(u"a"_s, u"A"_s);
    QVERIFY(spy.waitForUpsert(u"a"_s));
    QCOMPARE(changes(spy), QStringList{u"+a:A"_s});

    stopBroadcaster(f.repo.get(), f.links, f.hub.get(), u"links"_s);
    stopBroadcaster(f.repo.get(), f.links, f.hub.get(), u"links"_s);
    QCOMPARE(f.hub->broadcasterCount(), 0);
    QCOMPARE(f.repo->subscriptionCount(), 0);
    QTRY_COMPARE(sub->state(), TopicSubscription::State::Stopped);
    const qint64 last = f.write(u"b"_s, u"B"_s);
    QTRY_COMPARE(f.store()->lastStoreSeq(), last);
    QCoreApplication::processEvents();
    QCOMPARE(changes(spy), QStringList{u"+a:A"_s});

    // A new subscription starts a fresh broadcaster.
    SubscriptionSpy fresh(f.subscribe(&view));
    f.write(u"c"_s, u"C"_s);
    QVERIFY(fresh.waitForUpsert(u"c"_s));
    QCOMPARE(changes(fresh), QStringList{u"+c:C"_s});
    QCOMPARE(f.hub->broadcasterCount(), 1);
    QCOMPARE(changes(spy), QStringList{u"+a:A"_s});
}

void tst_PubSub::httpTransportIsNotSupported()
{
    Fixture f;
    Repo http(f.server.httpUrl(), f.server.token(), StoreName);
    QObject view;
    const Result<TopicSubscription *> sub =
            subscribeToPubSub(&http, f.links, f.hub.get(), u"links"_s, &view);
    QVERIFY(!sub);
    QCOMPARE(sub.error().kind(), Error::Kind::NotSupported);
    QCOMPARE(f.hub->broadcasterCount(), 0);
    QVERIFY(view.children().isEmpty());
}

void tst_PubSub::nullHubIsNotSupported()
{
    Fixture f;
    QObject view;
    const Result<TopicSubscription *> sub =
            subscribeToPubSub(f.repo.get(), f.links, nullptr, u"links"_s, &view);
    QVERIFY(!sub);
    QCOMPARE(sub.error().kind(), Error::Kind::NotSupported);
}

void tst_PubSub::everyEventOverflowGivesResync()
{
    Fixture f;
    ViewThread blocked;
    TopicSubscription *sub = f.subscribe(blocked.context,
                                         {TopicSubscription::Delivery::EveryEvent, false, 50});
    auto rec = std::make_shared<std::atomic<int>>(0);
    auto snapshots = std::make_shared<std::atomic<int>>(0);
    Threading::runBlocking(blocked.context, [sub, rec, snapshots] {
        QObject::connect(sub, &TopicSubscription::resyncRequired, sub, [rec] { ++*rec; });
        QObject::connect(sub, &TopicSubscription::snapshotReceived, sub, [snapshots] { ++*snapshots; });
    });
    // Hold the view's thread while 200 events arrive for it.
    std::mutex gate;
    gate.lock();
    Threading::post(blocked.context, [&gate] { std::lock_guard hold(gate); });
    qint64 last = 0;
    for (int i = 0; i < 200; ++i)
        last = f.write(u"r%1"_s.arg(i), u"v"_s);
    QTRY_COMPARE(f.store()->lastStoreSeq(), last);
    gate.unlock();
    QTRY_COMPARE(rec->load(), 1);
    // and it comes with the full state to reload from
    QTRY_VERIFY(snapshots->load() >= 1);
}

// A subscriber joining with includeCurrent while another device writes gets
// every record once: from the snapshot or from a later event, never both,
// never neither.
void tst_PubSub::includeCurrentHasNoGapNoDuplicate()
{
    Fixture f;
    for (int i = 0; i < 50; ++i)
        f.write(u"pre%1"_s.arg(i), u"v"_s);
    QVERIFY(f.synced());
    // Another device writes new records the whole time.
    struct Writer
    {
        explicit Writer(Fixture &f)
            : thread([this, &f] {
                  for (int i = 0; !stop; ++i) {
                      f.write(u"live%1"_s.arg(i), u"v"_s);
                      written = i + 1;
                  }
              })
        {
        }
        ~Writer() { finish(); }
        void finish()
        {
            stop = true;
            if (thread.joinable())
                thread.join();
            Threading::acquireFromQt();
        }
        std::atomic<bool> stop = false;
        std::atomic<int> written = 0;
        std::thread thread;
    } writer(f);
    QTRY_VERIFY(writer.written > 20);
    QObject view;
    TopicSubscription *sub = f.subscribe(&view, {TopicSubscription::Delivery::EveryEvent, true});
    QHash<QString, int> seen;
    connect(sub, &TopicSubscription::upserted, this,
            [&](const QVariantMap &r) { ++seen[r.value(u"slug"_s).toString()]; });
    QTRY_COMPARE(sub->state(), TopicSubscription::State::Active);
    const int atJoin = writer.written;
    QTRY_VERIFY(writer.written > atJoin + 100);
    writer.finish();
    const int written = writer.written;
    QVERIFY(f.synced());
    QTRY_COMPARE(int(seen.size()), 50 + written);
    for (auto it = seen.cbegin(); it != seen.cend(); ++it)
        QVERIFY2(it.value() == 1, qPrintable(it.key() + u" seen %1 times"_s.arg(it.value())));
}

void tst_PubSub::repoDestructionStopsBroadcasters()
{
    Fixture f;
    QObject view;
    TopicSubscription *sub = f.subscribe(&view);
    QCOMPARE(f.hub->broadcasterCount(), 1);
    f.repo.reset();
    QCOMPARE(f.hub->broadcasterCount(), 0);
    QTRY_COMPARE(sub->state(), TopicSubscription::State::Stopped);
    f.write(u"after"_s, u"A"_s);
    QVERIFY(f.synced());
}

// The widget owns the subscription; showing a live list takes a slot, and
// destroying the widget is the whole cleanup.
void tst_PubSub::widgetFollowsTopic()
{
    Fixture f;
    auto *list = new QListWidget;
    TopicSubscription *sub = f.subscribe(list, {TopicSubscription::Delivery::Coalesced, true});
    connect(sub, &TopicSubscription::upserted, list, [list](const QVariantMap &r) {
        const QString slug = r.value(u"slug"_s).toString();
        const auto found = list->findItems(slug, Qt::MatchExactly);
        if (found.isEmpty())
            list->addItem(slug);
    });
    connect(sub, &TopicSubscription::deleted, list, [list](const QString &slug) {
        qDeleteAll(list->findItems(slug, Qt::MatchExactly));
    });
    f.write(u"one"_s, u"1"_s);
    f.write(u"two"_s, u"2"_s);
    QTRY_COMPARE(list->count(), 2);
    f.remove(u"one"_s);
    QTRY_COMPARE(list->count(), 1);
    QCOMPARE(list->item(0)->text(), u"two"_s);
    delete list;
    f.write(u"three"_s, u"3"_s);
    QVERIFY(f.synced());
    QCOMPARE(f.hub->broadcasterCount(), 1);
}

// A slot that stops the broadcaster, or deletes its subscription, while the
// subscription delivers: the delivery ends there, the subscription Stopped.
void tst_PubSub::slotMayStopTheBroadcaster()
{
    Fixture f;
    QObject view;
    TopicSubscription *sub = f.subscribe(&view, {TopicSubscription::Delivery::EveryEvent});
    SubscriptionSpy spy(sub);
    QTRY_COMPARE(sub->state(), TopicSubscription::State::Active);
    int upserts = 0;
    connect(sub, &TopicSubscription::upserted, this, [&] {
        ++upserts;
        stopBroadcaster(f.repo.get(), f.links, f.hub.get(), u"links"_s);
    });
    // Disabling the view when it stops deletes the subscription in its own
    // stateChanged(), as a QML handler does.
    connect(sub, &TopicSubscription::stateChanged, this, [sub](TopicSubscription::State state) {
        if (state == TopicSubscription::State::Stopped)
            delete sub;
    });
    const QPointer<TopicSubscription> alive(sub);
    for (int i = 0; i < 20; ++i)
        f.write(u"r%1"_s.arg(i), u"v"_s);
    QTRY_VERIFY(!alive);
    QCOMPARE(upserts, 1);
    QCOMPARE(f.hub->broadcasterCount(), 0);
    QCOMPARE(f.repo->subscriptionCount(), 0);
}

// The thread a subscription lives in ends and nobody deletes its owner: the
// subscription turns Stopped, and once the QThread object is deleted the
// broadcaster serves its other subscribers without ever touching that thread.
void tst_PubSub::subscriberThreadEndStopsItsSubscriptions()
{
    Fixture f;
    auto thread = std::make_unique<QThread>();
    thread->start();
    auto *context = new QObject;
    context->moveToThread(thread.get());
    TopicSubscription *sub = f.subscribe(context);
    std::atomic<int> seen = 0;
    Threading::runBlocking(context, [&] {
        QObject::connect(sub, &TopicSubscription::upserted, sub, [&] { ++seen; });
    });
    f.write(u"a"_s, u"A"_s);
    QTRY_COMPARE(seen.load(), 1);
    thread->quit();
    thread->wait();
    Threading::acquireFromQt();
    QCOMPARE(sub->state(), TopicSubscription::State::Stopped);
    thread.reset();

    QObject view;
    SubscriptionSpy other(f.subscribe(&view));
    for (int i = 0; i < 20; ++i)
        f.write(u"b%1"_s.arg(i), u"B"_s);
    QVERIFY(other.waitForUpsert(u"b19"_s));
    QCOMPARE(seen.load(), 1);
    QCOMPARE(f.hub->broadcasterCount(), 1);
    delete context;
}

// subscribeToPubSub() on one thread while stopBroadcaster() runs on another:
// every subscription ends Active, on a running broadcaster, or Stopped;
// none stays Subscribing. A last stop then stops every one.
void tst_PubSub::subscribeRacingStopBroadcasterNeverHangs()
{
    Fixture f;
    constexpr int Subscriptions = 2000;
    QObject view;
    std::vector<TopicSubscription *> subs;
    subs.reserve(Subscriptions);
    std::atomic<bool> subscribing = true;
    std::thread stopper([&] {
        while (subscribing)
            stopBroadcaster(f.repo.get(), f.links, f.hub.get(), u"links"_s);
    });
    std::thread subscriber([&] {
        for (int i = 0; i < Subscriptions; ++i)
            subs.push_back(f.subscribe(&view));
        subscribing = false;
    });
    subscriber.join();
    stopper.join();
    Threading::acquireFromQt();
    const auto settled = [&] {
        return std::all_of(subs.cbegin(), subs.cend(), [](TopicSubscription *s) {
            return s->state() == TopicSubscription::State::Active || s->state() == TopicSubscription::State::Stopped;
        });
    };
    QTRY_VERIFY_WITH_TIMEOUT(settled(), 30000);
    // An Active one is attached to the broadcaster that runs now.
    if (std::any_of(subs.cbegin(), subs.cend(), [](TopicSubscription *s) { return s->isActive(); }))
        QCOMPARE(f.hub->broadcasterCount(), 1);
    stopBroadcaster(f.repo.get(), f.links, f.hub.get(), u"links"_s);
    QTRY_VERIFY(std::none_of(subs.cbegin(), subs.cend(), [](TopicSubscription *s) { return s->isActive(); }));
    QCOMPARE(f.hub->broadcasterCount(), 0);
}

// unsubscribeFromPubSub() stops what a context subscribed, also a
// subscription made from another thread and not adopted yet, and one handed
// to a ListModel, which re-parents it.
void tst_PubSub::unsubscribeFromPubSubFindsEverySubscriptionOfContext()
{
    Fixture f;
    QObject view;
    TopicSubscription *fromAnotherThread = nullptr;
    std::thread([&] { fromAnotherThread = f.subscribe(&view); }).join();
    Threading::acquireFromQt();
    ListModel model;
    model.setSchema(f.links);
    TopicSubscription *modelled = f.subscribe(&view);
    model.setSubscription(modelled);
    QCOMPARE(modelled->parent(), &model);
    TopicSubscription *child = f.subscribe(&view);
    QObject otherView;
    TopicSubscription *other = f.subscribe(&otherView);

    unsubscribeFromPubSub(f.hub.get(), u"links"_s, &view);
    QCOMPARE(fromAnotherThread->state(), TopicSubscription::State::Stopped);
    QCOMPARE(modelled->state(), TopicSubscription::State::Stopped);
    QCOMPARE(child->state(), TopicSubscription::State::Stopped);
    QTRY_COMPARE(other->state(), TopicSubscription::State::Active);
    QTRY_COMPARE(fromAnotherThread->parent(), &view);
}

// The bridge thread falls behind (held here) while the store delivers more
// events than the broadcaster's inbox holds: the inbox stays bounded and
// the subscribers get a resync with the current state instead.
void tst_PubSub::bridgeFallingBehindResyncsInsteadOfQueueing()
{
    Fixture f;
    setInboxLimit(f.hub.get(), 20);
    QObject view;
    TopicSubscription *sub = f.subscribe(&view, {TopicSubscription::Delivery::EveryEvent});
    SubscriptionSpy spy(sub);
    QSignalSpy resyncs(sub, &TopicSubscription::resyncRequired);
    QSignalSpy snapshots(sub, &TopicSubscription::snapshotReceived);
    QSignalSpy batches(sub, &TopicSubscription::eventsReceived);
    QTRY_COMPARE(sub->state(), TopicSubscription::State::Active);

    BridgeAnchor bridge(f.hub.get());
    Hold bridgeHeld(bridge.object);
    qint64 last = 0;
    for (int i = 0; i < 100; ++i)
        last = f.write(u"r%1"_s.arg(i), u"v%1"_s.arg(i));
    QTRY_COMPARE(f.store()->lastStoreSeq(), last);
    bridgeHeld.release();
    QTRY_COMPARE(resyncs.size(), 1);
    QTRY_COMPARE(snapshots.size(), 1);
    QCOMPARE(snapshots.at(0).at(0).value<QList<QVariantMap>>().size(), 100);
    QVERIFY(spy.waitForUpsert(u"r99"_s));
    QCOMPARE(spy.record(u"r99"_s).value(u"title"_s), QVariant(u"v99"_s));
    // The 100 events themselves were not queued for it.
    QVERIFY(batches.isEmpty());
}

// Each whole-record set reaches the view as it was written, even when the
// bridge thread only gets to it after later writes: records are decoded
// from the events where they leave the engine, not read back from the
// store by the bridge (which would see the last write three times).
void tst_PubSub::recordsAreDecodedWhereTheyLeaveTheEngine()
{
    Fixture f;
    QObject view;
    TopicSubscription *sub = f.subscribe(&view, {TopicSubscription::Delivery::EveryEvent});
    SubscriptionSpy spy(sub);
    QTRY_COMPARE(sub->state(), TopicSubscription::State::Active);

    BridgeAnchor bridge(f.hub.get());
    Hold bridgeHeld(bridge.object);
    f.write(u"a"_s, u"one"_s);
    f.write(u"a"_s, u"two"_s);
    const qint64 last = f.write(u"a"_s, u"three"_s);
    QTRY_COMPARE(f.store()->lastStoreSeq(), last);
    bridgeHeld.release();
    QTRY_COMPARE(spy.events().size(), 3);
    QCOMPARE(changes(spy), (QStringList{u"+a:one"_s, u"+a:two"_s, u"+a:three"_s}));
}

// A write to one field of a record reaches the view as the whole record.
void tst_PubSub::partialWriteArrivesAsWholeRecord()
{
    Fixture f;
    QObject view;
    TopicSubscription *sub = f.subscribe(&view, {TopicSubscription::Delivery::EveryEvent});
    SubscriptionSpy spy(sub);
    QTRY_COMPARE(sub->state(), TopicSubscription::State::Active);
    f.write(u"a"_s, u"A"_s);
    QVERIFY(spy.waitForUpsert(u"a"_s));
    QVERIFY(f.server.writeAs(u"writer"_s, Op::Kind::Set, u"links/a/title"_s, u"New"_s).valueOr(0) > 0);
    QTRY_COMPARE(spy.events().size(), 2);
    QCOMPARE(changes(spy), (QStringList{u"+a:A"_s, u"+a:New"_s}));
    const SubscriptionSpy::Event field = spy.events().constLast();
    QCOMPARE(field.record.value(u"url"_s), QVariant(u"https://a"_s));
    QCOMPARE(field.record.value(u"slug"_s), QVariant(u"a"_s));
}

// Subscribers whose backlog overflows while the bridge thread works through
// a run of events share one snapshot, taken after that run has reached
// their sibling, instead of one snapshot each in the middle of the run.
void tst_PubSub::overflowingSubscribersShareOneSnapshot()
{
    Fixture f;
    SnapshotCounter snapshots;
    ViewThread slowView;
    for (int i = 0; i < 3; ++i)
        f.subscribe(slowView.context, {TopicSubscription::Delivery::EveryEvent, false, 2});
    QObject view;
    SubscriptionSpy sibling(f.subscribe(&view, {TopicSubscription::Delivery::EveryEvent}));
    f.write(u"first"_s, u"1"_s);
    QVERIFY(sibling.waitForUpsert(u"first"_s));

    // The slow view's thread and the bridge thread are both held while a
    // run of events arrives.
    Hold viewHeld(slowView.context);
    BridgeAnchor bridge(f.hub.get());
    Hold bridgeHeld(bridge.object);
    qint64 last = 0;
    for (int i = 0; i < 60; ++i)
        last = f.write(u"r%1"_s.arg(i), u"v"_s);
    QTRY_COMPARE(f.store()->lastStoreSeq(), last);
    bridgeHeld.release();
    QVERIFY(sibling.waitForUpsert(u"r59"_s));
    viewHeld.release();
    // The sibling got the run first; then one snapshot for the three of
    // them (two if the run reached the bridge in two parts), not one each.
    QTRY_VERIFY(snapshots.count() >= 1);
    QVERIFY2(snapshots.count() < 3, qPrintable(QString::number(snapshots.count())));
}

// A context in a thread that runs no event loop would never get anything:
// it is refused at once with a clear error.
void tst_PubSub::contextWithoutEventLoopIsRefused()
{
    Fixture f;
    const auto refusal = [&](QObject *context) {
        const Result<TopicSubscription *> sub = subscribeToPubSub(f.repo.get(), f.links, f.hub.get(),
                                                                  u"links"_s, context);
        return sub ? QString() : sub.error().code();
    };
    QString fromPlainThread;
    std::thread([&] {
        QObject context;
        fromPlainThread = refusal(&context);
    }).join();
    Threading::acquireFromQt();
    QCOMPARE(fromPlainThread, u"context_without_event_loop"_s);

    QThread notStarted;
    QObject waiting;
    waiting.moveToThread(&notStarted);
    QCOMPARE(refusal(&waiting), u"context_without_event_loop"_s);

    QThread finished;
    finished.start();
    QObject left;
    left.moveToThread(&finished);
    finished.quit();
    finished.wait();
    QCOMPARE(refusal(&left), u"context_without_event_loop"_s);

    const Result<TopicSubscription *> refused = subscribeToPubSub(f.repo.get(), f.links, f.hub.get(), u"links"_s, &left);
    QCOMPARE(refused.error().kind(), Error::Kind::InvalidParams);
    QVERIFY(!refused.error().message().isEmpty());
    QCOMPARE(f.hub->broadcasterCount(), 0);
}

// A schema whose records the store cannot watch (its prefix is a "**"
// wildcard, which a store pattern allows only last): the broadcaster cannot
// start, and says so with StartFailed and the store's reason.
void tst_PubSub::broadcasterThatCannotStartIsStartFailed()
{
    Fixture f;
    const Result<Schema> odd = Schema::fromDescriptor(QVariantMap{
            {u"name"_s, u"Odd"_s},
            {u"prefix"_s, QStringList{u"**"_s}},
            {u"fields"_s, QVariantMap{{u"title"_s, u"string"_s}}}});
    QVERIFY(odd);
    QObject view;
    const Result<TopicSubscription *> sub = subscribeToPubSub(f.repo.get(), *odd, f.hub.get(), u"odd"_s, &view);
    QVERIFY(!sub);
    QCOMPARE(sub.error().kind(), Error::Kind::StartFailed);
    QCOMPARE(sub.error().code(), u"broadcaster_start_failed"_s);
    QCOMPARE(sub.error().detail().value(u"cause"_s).toString(), u"wildcard_many_not_tail"_s);
    QCOMPARE(f.hub->broadcasterCount(), 0);
    QCOMPARE(f.repo->subscriptionCount(), 0);
    QVERIFY(view.children().isEmpty());
}

QTEST_MAIN(tst_PubSub)
#include "tst_pubsub.moc"
