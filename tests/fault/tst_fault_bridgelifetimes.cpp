// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

// Fault test 6, bridge lifetimes: four lanes each run a thread after
// another; every thread creates, unsubscribes and destroys topic
// subscriptions, deletes their owners, and ends leaving the rest behind.
// Meanwhile one more thread stops broadcasters over and over and another
// subscribes over and over, while another device writes. Every
// subscription ends Active or Stopped (never stuck Subscribing), those left
// in an ended thread Stopped; after the last stop no broadcaster and no
// Repo subscription is left; no crash, and LeakSanitizer finds nothing at
// exit in the asan preset.
//
// Scale: DUST_FAULT_CYCLES, else 10,000 cycles (the figure).

#include "faultharness.h"

#include <dustclient.h>
#include <dustpubsub.h>
#include <dustrepo.h>
#include <dustserver.h>
#include <duststore.h>
#include <dustthreading_p.h>

#include <QtCore/qpointer.h>
#include <QtTest/qtest.h>

#include <atomic>
#include <mutex>
#include <thread>

using namespace Qt::StringLiterals;
using namespace Dust;
using namespace Fault;

namespace {

const QString StoreName = u"acme/lifetimes"_s;
const QStringList Topics{u"t0"_s, u"t1"_s};
constexpr int LaneCount = 4;

Schema itemSchema()
{
    return *Schema::fromDescriptor(QVariantMap{
            {u"name"_s, u"Item"_s},
            {u"prefix"_s, QStringList{u"items"_s}},
            {u"fields"_s, QVariantMap{{u"title"_s, u"string"_s}}},
            {u"required"_s, QStringList{u"title"_s}}});
}

struct Counters
{
    std::atomic<qint64> cycles{0};
    std::atomic<qint64> threads{0};
    std::atomic<qint64> subscriptions{0};
    std::atomic<qint64> destroys{0};
    std::atomic<qint64> ownerDeletes{0};
    std::atomic<qint64> unsubscribes{0};
    std::atomic<qint64> leftInEndedThreads{0};
    std::atomic<qint64> stops{0};
    std::atomic<qint64> racedSubscriptions{0};
    std::atomic<qint64> notStopped{0};
    std::atomic<qint64> errors{0};
};

struct Target
{
    Repo *repo;
    Schema schema;
    PubSub *hub;
};

// What a thread leaves behind when it ends: owners with live subscriptions.
struct Leftovers
{
    std::vector<QObject *> owners;
    std::vector<TopicSubscription *> subscriptions;
};

// One thread's life, run on that thread.
void liveAndEnd(int cycles, quint32 seed, const Target &target, Counters *counters, Leftovers *left)
{
    QRandomGenerator random(seed);
    auto *owner = new QObject;
    QList<QPointer<TopicSubscription>> subscriptions;
    const auto topic = [&] { return Topics.at(int(random.bounded(qsizetype(Topics.size())))); };
    const auto pick = [&]() -> QPointer<TopicSubscription> {
        subscriptions.removeIf([](const QPointer<TopicSubscription> &p) { return p.isNull(); });
        return subscriptions.isEmpty() ? nullptr : subscriptions.at(random.bounded(subscriptions.size()));
    };
    for (int i = 0; i < cycles; ++i) {
        const int r = int(random.bounded(100));
        if (r < 45) {
            TopicOptions options;
            options.includeCurrent = random.bounded(2) == 0;
            options.delivery = random.bounded(2) == 0 ? TopicSubscription::Delivery::Coalesced
                                                      : TopicSubscription::Delivery::EveryEvent;
            options.maxBacklog = int(random.bounded(1, 100));
            const Result<TopicSubscription *> sub = subscribeToPubSub(target.repo, target.schema, target.hub,
                                                                      topic(), owner, options);
            if (!sub) {
                ++counters->errors;
                continue;
            }
            subscriptions.append(*sub);
            ++counters->subscriptions;
        } else if (r < 70) {
            if (const QPointer<TopicSubscription> sub = pick()) {
                delete sub.data();
                ++counters->destroys;
            }
        } else if (r < 85) {
            if (const QPointer<TopicSubscription> sub = pick())
                sub->unsubscribe();
            ++counters->unsubscribes;
        } else if (r < 93) {
            unsubscribeFromPubSub(target.hub, topic(), owner);
            ++counters->unsubscribes;
        } else {
            // The owner goes, and its subscriptions with it.
            delete owner;
            owner = new QObject;
            ++counters->ownerDeletes;
        }
        QCoreApplication::processEvents();
    }
    left->owners.push_back(owner);
    for (const QPointer<TopicSubscription> &sub : std::as_const(subscriptions)) {
        if (sub)
            left->subscriptions.push_back(sub.data());
    }
}

// One lane: threads that start, live a while and end, until the cycles run out.
void lane(int index, std::atomic<int> *cyclesLeft, const Target &target, Counters *counters)
{
    QRandomGenerator random(seed() + quint32(index));
    for (int generation = 0;; ++generation) {
        const int chunk = int(random.bounded(20, 200));
        const int available = cyclesLeft->fetch_sub(chunk);
        if (available <= 0)
            return;
        const int cycles = std::min(chunk, available);
        auto thread = std::make_unique<WorkerThread>(u"lane-%1-%2"_s.arg(index).arg(generation));
        thread->start();
        auto *anchor = new QObject;
        anchor->moveToThread(thread.get());
        Leftovers left;
        Threading::runBlocking(anchor, [&, anchor, cycles] {
            liveAndEnd(cycles, random.generate(), target, counters, &left);
            delete anchor;
        });
        thread->stop();
        // The thread has ended: whatever it left behind has stopped.
        for (TopicSubscription *sub : left.subscriptions) {
            if (sub->state() != TopicSubscription::State::Stopped)
                ++counters->notStopped;
        }
        counters->leftInEndedThreads += qint64(left.subscriptions.size());
        // Their thread is gone; they are deleted from here, then the QThread.
        for (QObject *owner : left.owners)
            delete owner;
        thread.reset();
        counters->cycles += cycles;
        ++counters->threads;
    }
}

} // namespace

class tst_FaultBridgeLifetimes : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cleanupTestCase() { Fault::waitForWorkerThreadsToExit(); }
    void threadsEndWhileBroadcastersStop();
};

void tst_FaultBridgeLifetimes::threadsEndWhileBroadcastersStop()
{
    const int cycles = count("DUST_FAULT_CYCLES", 10000, 10000);
    std::printf("bridge lifetimes: seed=%u\n", seed());

    ServerOptions options;
    options.port = 0;
    options.inMemory = true;
    options.stores = {StoreName};
    auto server = std::make_unique<Server>(options);
    QVERIFY(server->start());
    auto client = std::make_unique<Client>(server->webSocketUrl(), server->devToken(), QStringList{StoreName});
    client->open();
    Store *store = client->store(StoreName);
    QVERIFY(waitUntil([&] { return store->status() == Client::Status::Connected; }));
    auto repo = std::make_unique<Repo>(client.get(), StoreName);
    auto hub = std::make_unique<PubSub>(u"lifetimes"_s);
    const Target target{repo.get(), itemSchema(), hub.get()};

    std::atomic<bool> running{true};
    std::atomic<qint64> written{0};
    std::thread writer([&] {
        QRandomGenerator random(seed() ^ 0x5eed);
        while (running) {
            const int n = int(random.bounded(100));
            if (server->write(StoreName, u"dev_storm"_s, Op::Kind::Set, u"items/r%1/title"_s.arg(n),
                              u"v%1"_s.arg(written.load())))
                ++written;
            QThread::usleep(500);
        }
    });

    Counters counters;
    // The racers: one stops broadcasters, one subscribes a context of this
    // thread, over and over.
    QObject racedOwner;
    std::mutex racedMutex;
    std::vector<TopicSubscription *> raced;
    std::thread stopper([&] {
        QRandomGenerator random(seed() ^ 0x570b);
        while (running) {
            stopBroadcaster(target.repo, target.schema, target.hub, Topics.at(int(random.bounded(qsizetype(Topics.size())))));
            ++counters.stops;
        }
    });
    std::atomic<int> cyclesLeft = cycles;
    std::thread subscriber([&] {
        QRandomGenerator random(seed() ^ 0x5b5b);
        while (running) {
            // One subscription per 20 cycles done, so that they spread over
            // the whole run.
            if (counters.racedSubscriptions >= (cycles - cyclesLeft.load()) / 20 + 1) {
                QThread::msleep(1);
                continue;
            }
            const Result<TopicSubscription *> sub = subscribeToPubSub(
                    target.repo, target.schema, target.hub, Topics.at(int(random.bounded(qsizetype(Topics.size())))),
                    &racedOwner);
            if (sub) {
                std::lock_guard lock(racedMutex);
                raced.push_back(*sub);
            } else {
                ++counters.errors;
            }
            ++counters.racedSubscriptions;
        }
    });

    std::atomic<int> lanesDone = 0;
    std::vector<std::thread> lanes;
    for (int i = 0; i < LaneCount; ++i) {
        lanes.emplace_back([&, i] {
            lane(i, &cyclesLeft, target, &counters);
            ++lanesDone;
        });
    }
    QVERIFY(waitUntil([&] { return lanesDone == LaneCount; }, 60 * 60 * 1000));
    for (std::thread &t : lanes)
        t.join();
    running = false;
    stopper.join();
    subscriber.join();
    writer.join();
    Threading::acquireFromQt();

    // Every raced subscription settles: Active on a running broadcaster, or
    // Stopped by a stop it raced with.
    const auto settled = [&] {
        return std::all_of(raced.cbegin(), raced.cend(), [](TopicSubscription *s) {
            return s->state() == TopicSubscription::State::Active || s->state() == TopicSubscription::State::Stopped;
        });
    };
    const bool allSettled = waitUntil(settled, 60000);
    for (const QString &topic : Topics)
        stopBroadcaster(target.repo, target.schema, target.hub, topic);
    const int broadcastersAfter = hub->broadcasterCount();
    const int repoSubscriptionsAfter = repo->subscriptionCount();
    const bool allStopped = waitUntil([&] {
        return std::all_of(raced.cbegin(), raced.cend(), [](TopicSubscription *s) {
            return s->state() == TopicSubscription::State::Stopped;
        });
    }, 60000);

    figures(u"cycles=%1 lanes=%2 threads=%3 subscriptions=%4 destroys=%5 owner_deletes=%6 unsubscribes=%7 "
            "left_in_ended_threads=%8 not_stopped=%9 stop_broadcaster=%10 raced_subscriptions=%11 events_written=%12 "
            "broadcasters_after_stop=%13 repo_subscriptions_after_stop=%14 errors=%15"_s
                .arg(counters.cycles.load()).arg(LaneCount).arg(counters.threads.load())
                .arg(counters.subscriptions.load()).arg(counters.destroys.load()).arg(counters.ownerDeletes.load())
                .arg(counters.unsubscribes.load()).arg(counters.leftInEndedThreads.load())
                .arg(counters.notStopped.load()).arg(counters.stops.load()).arg(counters.racedSubscriptions.load())
                .arg(written.load()).arg(broadcastersAfter).arg(repoSubscriptionsAfter).arg(counters.errors.load()));

    QCOMPARE(counters.cycles.load(), qint64(cycles));
    QCOMPARE(counters.notStopped.load(), 0);
    QVERIFY(counters.leftInEndedThreads > 0);
    QVERIFY(allSettled);
    QVERIFY(allStopped);
    QCOMPARE(counters.errors.load(), 0);
    QCOMPARE(broadcastersAfter, 0);
    QCOMPARE(repoSubscriptionsAfter, 0);

    for (TopicSubscription *sub : raced)
        delete sub;
    hub.reset();
    repo.reset();
    client.reset();
    server.reset();
}

QTEST_GUILESS_MAIN(tst_FaultBridgeLifetimes)
#include "tst_fault_bridgelifetimes.moc"
