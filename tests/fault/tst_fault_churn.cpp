// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

// Fault test 4, churn: four threads subscribe, unsubscribe, destroy and
// stop, over and over, topic subscriptions and the ListModels fed by them,
// while another device writes a storm of events. No crash, nothing leaked
// (LeakSanitizer checks this process at exit in the asan preset), and once
// the broadcasters are stopped none is left, nor any Repo subscription.
//
// Scale: DUST_FAULT_CYCLES, or with DUST_FAULT_FULL=1 10,000 cycles (the figure);
// the default CI scale 2,000.

#include "faultharness.h"

#include <dustclient.h>
#include <dustlistmodel.h>
#include <dustpubsub.h>
#include <dustrepo.h>
#include <dustserver.h>
#include <duststore.h>
#include <dustthreading_p.h>

#include <QtCore/qdeadlinetimer.h>
#include <QtCore/qpointer.h>
#include <QtTest/qtest.h>

#include <atomic>
#include <thread>

using namespace Qt::StringLiterals;
using namespace Dust;
using namespace Fault;

namespace {

const QString StoreName = u"acme/churn"_s;
const QStringList Topics{u"t0"_s, u"t1"_s, u"t2"_s};

Schema itemSchema()
{
    return *Schema::fromDescriptor(QVariantMap{
            {u"name"_s, u"Item"_s},
            {u"prefix"_s, QStringList{u"items"_s}},
            {u"fields"_s, QVariantMap{{u"title"_s, u"string"_s}, {u"n"_s, u"int"_s}}},
            {u"required"_s, QStringList{u"title"_s}}});
}

struct Counters
{
    std::atomic<qint64> subscriptions{0};
    std::atomic<qint64> models{0};
    std::atomic<qint64> unsubscribes{0};
    std::atomic<qint64> destroys{0};
    std::atomic<qint64> stops{0};
    std::atomic<qint64> delivered{0};
    std::atomic<qint64> errors{0};
};

// One churning thread's work: runs on that thread, owns what it creates.
void churn(int cycles, quint32 seed, Repo *repo, const Schema &schema, PubSub *hub, Counters *counters)
{
    QRandomGenerator random(seed);
    auto context = std::make_unique<QObject>();
    QList<QPointer<QObject>> owned;
    const auto topic = [&] { return Topics.at(int(random.bounded(qsizetype(Topics.size())))); };
    const auto pickOwned = [&]() -> QPointer<QObject> {
        owned.removeIf([](const QPointer<QObject> &p) { return p.isNull(); });
        return owned.isEmpty() ? QPointer<QObject>() : owned.takeAt(random.bounded(owned.size()));
    };
    for (int i = 0; i < cycles; ++i) {
        const int r = int(random.bounded(100));
        if (r < 35) {
            TopicOptions options;
            options.includeCurrent = random.bounded(2) == 0;
            options.delivery = random.bounded(2) == 0 ? TopicSubscription::Delivery::Coalesced
                                                      : TopicSubscription::Delivery::EveryEvent;
            options.maxBacklog = int(random.bounded(1, 200));
            Result<TopicSubscription *> sub = subscribeToPubSub(repo, schema, hub, topic(), context.get(), options);
            if (!sub) {
                ++counters->errors;
                continue;
            }
            QObject::connect(*sub, &TopicSubscription::eventsReceived, context.get(),
                             [counters](const QList<RecordEvent> &batch) { counters->delivered += batch.size(); });
            owned.append(*sub);
            ++counters->subscriptions;
        } else if (r < 55) {
            auto *model = new ListModel(context.get());
            model->setSchema(schema);
            TopicOptions options;
            options.includeCurrent = true;
            Result<TopicSubscription *> sub = subscribeToPubSub(repo, schema, hub, topic(), model, options);
            if (!sub) {
                ++counters->errors;
                delete model;
                continue;
            }
            model->setSubscription(*sub);
            owned.append(model);
            ++counters->models;
        } else if (r < 70) {
            if (QPointer<QObject> object = pickOwned()) {
                if (auto *sub = qobject_cast<TopicSubscription *>(object.data()))
                    sub->unsubscribe();
                else if (auto *model = qobject_cast<ListModel *>(object.data()))
                    model->setSubscription(nullptr);
                owned.append(object);
                ++counters->unsubscribes;
            }
        } else if (r < 85) {
            if (QPointer<QObject> object = pickOwned()) {
                delete object.data();
                ++counters->destroys;
            }
        } else if (r < 90) {
            unsubscribeFromPubSub(hub, topic(), context.get());
            ++counters->unsubscribes;
        } else if (r < 95) {
            stopBroadcaster(repo, schema, hub, topic());
            ++counters->stops;
        }
        // Let deliveries (and deferred deletes) happen between cycles.
        QCoreApplication::processEvents();
        QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    }
    // However the churn went, a subscription made now still gets the storm:
    // one more, kept until it has delivered (made again when another thread
    // stopped its broadcaster meanwhile).
    bool delivered = false;
    QDeadlineTimer deadline(60000);
    while (!delivered && !deadline.hasExpired()) {
        Result<TopicSubscription *> last = subscribeToPubSub(repo, schema, hub, Topics.first(), context.get(), {});
        if (!last) {
            ++counters->errors;
            break;
        }
        QObject::connect(*last, &TopicSubscription::eventsReceived, context.get(),
                         [counters, &delivered](const QList<RecordEvent> &batch) {
                             counters->delivered += batch.size();
                             delivered = true;
                         });
        while (!delivered && !deadline.hasExpired() && (*last)->state() != TopicSubscription::State::Stopped)
            QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
        delete *last;
    }
    if (!delivered)
        ++counters->errors;
    for (const QPointer<QObject> &object : std::as_const(owned))
        delete object.data();
    context.reset();
    QCoreApplication::processEvents();
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
}

} // namespace

class tst_FaultChurn : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cleanupTestCase() { Fault::waitForWorkerThreadsToExit(); }
    void churnDuringStorm();
};

void tst_FaultChurn::churnDuringStorm()
{
    const int cycles = count("DUST_FAULT_CYCLES", 2000, 10000);
    constexpr int ThreadCount = 4;
    std::printf("churn: seed=%u scale=%s\n", seed(), fullScale() ? "full" : "ci");

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
    auto hub = std::make_unique<PubSub>(u"churn"_s);
    const Schema schema = itemSchema();

    // The storm.
    std::atomic<bool> storming{true};
    std::atomic<qint64> stormEvents{0};
    std::thread writer([&] {
        QRandomGenerator random(seed() ^ 0x5eed);
        while (storming) {
            const int n = int(random.bounded(200));
            const bool remove = random.bounded(10) == 0;
            const Result<qint64> seq = remove
                ? server->write(StoreName, u"dev_storm"_s, Op::Kind::Delete, u"items/r%1"_s.arg(n))
                : server->write(StoreName, u"dev_storm"_s, Op::Kind::Set, u"items/r%1/title"_s.arg(n),
                                u"v%1"_s.arg(stormEvents.load()));
            if (seq)
                ++stormEvents;
        }
    });

    Counters counters;
    std::atomic<int> finished{0};
    std::vector<std::unique_ptr<WorkerThread>> threads;
    qint64 maxBroadcasters = 0;
    for (int t = 0; t < ThreadCount; ++t) {
        auto thread = std::make_unique<WorkerThread>(u"churn-%1"_s.arg(t));
        thread->start();
        auto *anchor = new QObject;
        anchor->moveToThread(thread.get());
        Threading::post(anchor, [&, anchor, t, cycles] {
            churn(cycles / ThreadCount, seed() + quint32(t), repo.get(), schema, hub.get(), &counters);
            delete anchor;
            ++finished;
        });
        threads.push_back(std::move(thread));
    }
    QVERIFY(waitUntil([&] {
        maxBroadcasters = std::max<qint64>(maxBroadcasters, hub->broadcasterCount());
        return finished == ThreadCount;
    }, 30 * 60 * 1000));
    storming = false;
    writer.join();
    for (const auto &thread : threads)
        thread->stop();

    // Every view is gone; the broadcasters still run until stopped.
    const int runningBefore = hub->broadcasterCount();
    for (const QString &topic : Topics)
        stopBroadcaster(repo.get(), schema, hub.get(), topic);
    const int broadcastersAfter = hub->broadcasterCount();
    const int repoSubscriptionsAfter = repo->subscriptionCount();

    figures(u"cycles=%1 threads=%2 storm_events=%3 subscriptions=%4 models=%5 unsubscribes=%6 destroys=%7 "
            "stop_broadcaster=%8 events_delivered=%9 max_broadcasters=%10 broadcasters_before_stop=%11 "
            "broadcasters_after_stop=%12 repo_subscriptions_after_stop=%13 errors=%14"_s
                .arg(cycles).arg(ThreadCount).arg(stormEvents.load()).arg(counters.subscriptions.load())
                .arg(counters.models.load()).arg(counters.unsubscribes.load()).arg(counters.destroys.load())
                .arg(counters.stops.load()).arg(counters.delivered.load()).arg(maxBroadcasters)
                .arg(runningBefore).arg(broadcastersAfter).arg(repoSubscriptionsAfter).arg(counters.errors.load()));

    QCOMPARE(counters.errors.load(), 0);
    QVERIFY(stormEvents > 0);
    QVERIFY(counters.delivered > 0);
    QCOMPARE(broadcastersAfter, 0);
    QCOMPARE(repoSubscriptionsAfter, 0);

    hub.reset();
    repo.reset();
    client.reset();
    server.reset();
}

QTEST_GUILESS_MAIN(tst_FaultChurn)
#include "tst_fault_churn.moc"
