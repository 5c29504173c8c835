// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

// The PubSub bridge against the naive alternative (each view subscribing to
// the Repo itself, one queued call and one decode per view per event), on a
// real server, client and threads. Run from the release preset:
//   ./run build release && build/release/tests/benchmarks/bench_bridge

#include <dustclient.h>
#include <dustpubsub.h>
#include <dustrepo.h>
#include <dustserver.h>
#include <duststore.h>
#include <dustthreading_p.h>
#include <dusttopicsubscription_p.h>

#include <QtCore/qcoreapplication.h>
#include <QtCore/qelapsedtimer.h>
#include <QtCore/qthread.h>
#include <QtCore/qtimer.h>

#include <malloc.h>

#include <algorithm>
#include <atomic>
#include <limits>
#include <cstdio>
#include <mutex>
#include <thread>
#include <unordered_map>

using namespace Qt::StringLiterals;
using namespace Dust;

namespace {

const QString StoreName = u"bench/links"_s;

Schema linkSchema()
{
    return *Schema::fromDescriptor(QVariantMap{
            {u"name"_s, u"Link"_s},
            {u"prefix"_s, QStringList{u"links"_s}},
            {u"fields"_s, QVariantMap{{u"title"_s, u"string"_s}, {u"url"_s, u"string"_s}}}});
}

void spinUntil(const std::function<bool()> &done, int timeoutMs = 600000)
{
    QElapsedTimer clock;
    clock.start();
    while (!done() && clock.elapsed() < timeoutMs)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    if (!done())
        qFatal("benchmark step timed out");
}

size_t heapInUse()
{
    malloc_trim(0);
    return mallinfo2().uordblks;
}

// A server holding `events` writes to `slugs` records, and a client that has
// not joined yet: opening it replays them all through the engine.
struct Bench
{
    Bench(int events, int slugs)
    {
        ServerOptions options;
        options.port = 0;
        options.inMemory = true;
        server = std::make_unique<Server>(options);
        if (!server->start())
            qFatal("server did not start");
        for (int i = 0; i < events; ++i) {
            const QString slug = u"s%1"_s.arg(i % slugs);
            last = *server->write(StoreName, u"writer"_s, Op::Kind::Set, u"links/"_s + slug,
                                  QJsonObject{{u"title"_s, u"t%1"_s.arg(i)}, {u"url"_s, u"u"_s}});
        }
        client = std::make_unique<Client>(server->webSocketUrl(), server->devToken(), QStringList{StoreName});
        repo = std::make_unique<Repo>(client.get(), StoreName);
        hub = std::make_unique<PubSub>(u"bench"_s);
    }
    ~Bench()
    {
        views.clear();
        hub.reset();
        repo.reset();
        client.reset();
        server.reset();
    }
    Store *store() const { return client->store(StoreName); }

    std::unique_ptr<Server> server;
    std::unique_ptr<Client> client;
    std::unique_ptr<Repo> repo;
    std::unique_ptr<PubSub> hub;
    std::vector<std::unique_ptr<QObject>> views;
    Schema links = linkSchema();
    qint64 last = 0;
};

struct Delivery
{
    double seconds = 0;       // open() to the last event seen by every view
    double engineSeconds = 0; // open() to the engine having applied everything
    qint64 deliveries = 0;
};

enum class Mode { Bridge, Naive };

// Every view counts what it receives and notes when it saw the last write.
Delivery runDelivery(Mode mode, int viewCount, TopicSubscription::Delivery delivery, int events, int slugs)
{
    Bench bench(events, slugs);
    qint64 deliveries = 0;
    int finished = 0;
    for (int i = 0; i < viewCount; ++i) {
        auto view = std::make_unique<QObject>();
        auto *seenLast = new bool(false);
        QObject::connect(view.get(), &QObject::destroyed, [seenLast] { delete seenLast; });
        const qint64 last = bench.last;
        const auto onEvent = [&deliveries, &finished, seenLast, last](qint64 seq) {
            ++deliveries;
            if (seq >= last && !*seenLast) {
                *seenLast = true;
                ++finished;
            }
        };
        if (mode == Mode::Bridge) {
            TopicSubscription *sub = *subscribeToPubSub(bench.repo.get(), bench.links, bench.hub.get(),
                                                        u"links"_s, view.get(), {delivery});
            QObject::connect(sub, &TopicSubscription::eventsReceived, view.get(),
                             [onEvent](const QList<RecordEvent> &batch) {
                for (const RecordEvent &e : batch)
                    onEvent(e.storeSeq);
            });
        } else {
            // Each view on its own: one queued call and one decode per view
            // per event. Its queue is unbounded so that it loses nothing.
            Repo *repo = bench.repo.get();
            const Schema schema = bench.links;
            SubscribeOptions options;
            options.mode = SubscribeOptions::Mode::Committed;
            options.maxQueueSize = std::numeric_limits<int>::max();
            bench.store()->on(schema.pattern(), view.get(), [repo, schema, onEvent](const StoreEvent &e) {
                if (const std::optional<RecordEvent> event = repo->decode(schema, e))
                    onEvent(event->storeSeq);
            }, options);
        }
        bench.views.push_back(std::move(view));
    }
    QElapsedTimer clock;
    clock.start();
    bench.client->open();
    double engineSeconds = 0;
    spinUntil([&] {
        if (engineSeconds == 0 && bench.store()->lastStoreSeq() >= bench.last)
            engineSeconds = clock.nsecsElapsed() / 1e9;
        return finished == viewCount;
    });
    Delivery result;
    result.seconds = clock.nsecsElapsed() / 1e9;
    result.engineSeconds = engineSeconds > 0 ? engineSeconds : result.seconds;
    result.deliveries = deliveries;
    return result;
}

struct Latency
{
    double p50Us = 0;
    double p99Us = 0;
};

// Live writes from another thread; latency from the engine applying the
// event (a raw store callback on the sync thread) to a view's slot.
Latency runLatency(int viewCount, int writes)
{
    Bench bench(0, 1);
    bench.client->open();
    spinUntil([&] { return bench.store()->status() == Client::Status::Connected; });

    QElapsedTimer clock;
    clock.start();
    std::mutex mutex;
    std::unordered_map<qint64, qint64> appliedAt;
    SubscribeOptions committed;
    committed.mode = SubscribeOptions::Mode::Committed;
    committed.maxQueueSize = 1000000;
    bench.store()->on(u"links/**"_s, [&](const StoreEvent &e) {
        const qint64 now = clock.nsecsElapsed();
        std::lock_guard lock(mutex);
        appliedAt.emplace(e.storeSeq, now);
    }, committed);

    std::vector<qint64> samples;
    samples.reserve(size_t(viewCount) * size_t(writes));
    int done = 0;
    for (int i = 0; i < viewCount; ++i) {
        auto view = std::make_unique<QObject>();
        TopicSubscription *sub = *subscribeToPubSub(bench.repo.get(), bench.links, bench.hub.get(),
                                                    u"links"_s, view.get(), {TopicSubscription::Delivery::EveryEvent});
        QObject::connect(sub, &TopicSubscription::eventsReceived, view.get(),
                         [&](const QList<RecordEvent> &batch) {
            const qint64 now = clock.nsecsElapsed();
            Threading::acquireFromQt();
            std::lock_guard lock(mutex);
            for (const RecordEvent &e : batch) {
                const auto it = appliedAt.find(e.storeSeq);
                if (it != appliedAt.end())
                    samples.push_back(now - it->second);
                ++done;
            }
        });
        bench.views.push_back(std::move(view));
    }
    spinUntil([&] { return bench.hub->broadcasterCount() == 1; });
    QThread writer;
    QObject worker;
    worker.moveToThread(&writer);
    writer.start();
    Threading::post(&worker, [&] {
        for (int i = 0; i < writes; ++i) {
            bench.server->write(StoreName, u"writer"_s, Op::Kind::Set, u"links/s%1"_s.arg(i),
                                QJsonObject{{u"title"_s, u"t"_s}, {u"url"_s, u"u"_s}});
            QThread::usleep(200);
        }
    });
    spinUntil([&] { return done >= viewCount * writes; });
    writer.quit();
    writer.wait();
    Threading::acquireFromQt();
    std::sort(samples.begin(), samples.end());
    Latency l;
    if (!samples.empty()) {
        l.p50Us = samples[samples.size() / 2] / 1e3;
        l.p99Us = samples[std::min(samples.size() - 1, samples.size() * 99 / 100)] / 1e3;
    }
    return l;
}

// The view end alone: a producer thread plays the broadcaster and pushes
// every event into each view's channel, one push per event per view (or one
// pushBatch per 256 events), while the GUI thread delivers; no engine, no
// decode. Seconds until every view has seen the last event.
double runChannelFeed(int viewCount, TopicSubscription::Delivery delivery, int events, int slugs, bool batched)
{
    QList<RecordEvent> feed;
    feed.reserve(events);
    for (int i = 0; i < events; ++i) {
        const QString slug = u"s%1"_s.arg(i % slugs);
        feed.append({RecordEvent::Kind::Upserted, slug, {{u"slug"_s, slug}, {u"title"_s, u"t%1"_s.arg(i)}}, i + 1});
    }
    QObject views;
    std::vector<std::shared_ptr<TopicChannel>> channels;
    int finished = 0;
    for (int i = 0; i < viewCount; ++i) {
        auto channel = std::make_shared<TopicChannel>(delivery, std::numeric_limits<int>::max());
        TopicSubscription *sub = TopicSubscriptionPrivate::create(
                &views, std::make_unique<TopicSubscriptionPrivate>(u"links"_s, channel, nullptr));
        QObject::connect(sub, &TopicSubscription::eventsReceived, &views,
                         [&finished, events](const QList<RecordEvent> &batch) {
            // Coalesced, the last event may sit at its slug's earlier place.
            finished += std::any_of(batch.cbegin(), batch.cend(),
                                    [events](const RecordEvent &e) { return e.storeSeq == events; });
        });
        channels.push_back(std::move(channel));
    }
    QElapsedTimer clock;
    clock.start();
    std::thread producer([&] {
        constexpr qsizetype Batch = 256;
        for (qsizetype at = 0; at < feed.size(); at += Batch) {
            const QList<RecordEvent> slice = feed.mid(at, Batch);
            for (const auto &channel : channels) {
                if (batched) {
                    channel->pushBatch(slice);
                    continue;
                }
                for (const RecordEvent &event : slice)
                    channel->push(event);
            }
        }
    });
    spinUntil([&] { return finished == viewCount; });
    const double seconds = clock.nsecsElapsed() / 1e9;
    producer.join();
    return seconds;
}

void reportChannelFeed(int events, int slugs)
{
    std::printf("\n# The view end alone (%d events over %d records pushed into each view's channel)\n\n", events, slugs);
    std::printf("| views | push | every event: events/s per view | coalesced: events/s per view | coalesced / every event |\n");
    std::printf("|---:|---|---:|---:|---:|\n");
    for (int views : {1, 10, 100, 1000}) {
        for (bool batched : {false, true}) {
            const double every = runChannelFeed(views, TopicSubscription::Delivery::EveryEvent, events, slugs, batched);
            const double coalesced = runChannelFeed(views, TopicSubscription::Delivery::Coalesced, events, slugs, batched);
            std::printf("| %d | %s | %.0f | %.0f | %.2f |\n", views, batched ? "pushBatch (256)" : "push per event",
                        events / every, events / coalesced, every / coalesced);
            std::fflush(stdout);
        }
    }
}

// Heap bytes held per subscription, and per broadcaster (one topic each).
std::pair<double, double> runMemory()
{
    Bench bench(0, 1);
    bench.client->open();
    spinUntil([&] { return bench.store()->status() == Client::Status::Connected; });
    // Warm up allocator caches and lazily created state.
    {
        QObject warm;
        subscribeToPubSub(bench.repo.get(), bench.links, bench.hub.get(), u"warm"_s, &warm);
        QCoreApplication::processEvents();
    }
    QObject views;
    const size_t before = heapInUse();
    const int proxies = 1000;
    for (int i = 0; i < proxies; ++i)
        subscribeToPubSub(bench.repo.get(), bench.links, bench.hub.get(), u"links"_s, &views);
    spinUntil([] { return true; });
    QCoreApplication::processEvents(QEventLoop::AllEvents, 1000);
    const size_t afterProxies = heapInUse();
    const int topics = 200;
    for (int i = 0; i < topics; ++i)
        subscribeToPubSub(bench.repo.get(), bench.links, bench.hub.get(), u"topic%1"_s.arg(i), &views);
    QCoreApplication::processEvents(QEventLoop::AllEvents, 1000);
    const size_t afterTopics = heapInUse();
    const double perProxy = double(afterProxies - before) / proxies;
    const double perBroadcaster = double(afterTopics - afterProxies) / topics - perProxy;
    return {perProxy, perBroadcaster};
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const int events = 20000;
    const int slugs = 1000;
    if (QCoreApplication::arguments().contains(u"--channels-only"_s)) {
        reportChannelFeed(events, slugs);
        return 0;
    }

    std::printf("# PubSub bridge benchmark (%d events over %d records, catch-up through one engine)\n\n", events, slugs);
    std::printf("| views | delivery | approach | events/s to every view | deliveries/s | engine apply µs/event | vs naive |\n");
    std::printf("|---:|---|---|---:|---:|---:|---:|\n");
    for (int views : {1, 10, 100, 1000}) {
        const Delivery naive = runDelivery(Mode::Naive, views, TopicSubscription::Delivery::EveryEvent, events, slugs);
        std::printf("| %d | every event | naive (Repo::subscribe per view) | %.0f | %.0f | %.1f | 1.00 |\n", views,
                    events / naive.seconds, naive.deliveries / naive.seconds, naive.engineSeconds * 1e6 / events);
        for (auto delivery : {TopicSubscription::Delivery::EveryEvent, TopicSubscription::Delivery::Coalesced}) {
            const Delivery bridge = runDelivery(Mode::Bridge, views, delivery, events, slugs);
            std::printf("| %d | %s | bridge | %.0f | %.0f | %.1f | %.2f |\n", views,
                        delivery == TopicSubscription::Delivery::EveryEvent ? "every event" : "coalesced",
                        events / bridge.seconds, bridge.deliveries / bridge.seconds,
                        bridge.engineSeconds * 1e6 / events, naive.seconds / bridge.seconds);
        }
        std::fflush(stdout);
    }

    std::printf("\n| latency engine → view slot (1,000 live writes) | p50 µs | p99 µs |\n|---|---:|---:|\n");
    for (int views : {1, 100}) {
        const Latency l = runLatency(views, 1000);
        std::printf("| %d views | %.0f | %.0f |\n", views, l.p50Us, l.p99Us);
    }

    reportChannelFeed(events, slugs);

    const auto [perProxy, perBroadcaster] = runMemory();
    std::printf("\n| memory | bytes |\n|---|---:|\n| per TopicSubscription | %.0f |\n| per broadcaster | %.0f |\n",
                perProxy, perBroadcaster);
    return 0;
}
