// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

// The PubSub bridge against the engine alone and the naive alternative
// (each view subscribing to the Repo itself, one queued call and one decode
// per view per event), on a real server, client and threads. Run from the
// release preset:
//   ./run build release && build/release/tests/benchmarks/bench_bridge [runs | memory | profile]

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
#include <sys/resource.h>

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
    double cpuSeconds = 0;    // process CPU time (every thread) over the same span
    qint64 deliveries = 0;
    qint64 contextSwitches = 0;
};

enum class Mode { EngineOnly, Bridge, Naive };

// Process CPU time and context switches (voluntary and not), all threads.
struct Usage
{
    static Usage now()
    {
        rusage u{};
        getrusage(RUSAGE_SELF, &u);
        Usage r;
        r.cpu = double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
        r.switches = u.ru_nvcsw + u.ru_nivcsw;
        return r;
    }
    double cpu = 0;
    qint64 switches = 0;
};

// Subscribes one view: it counts what it receives and notes when it saw
// the last write.
void addView(Bench &bench, Mode mode, TopicSubscription::Delivery delivery, const std::function<void(qint64)> &onEvent)
{
    auto view = std::make_unique<QObject>();
    if (mode == Mode::Bridge) {
        TopicSubscription *sub = *subscribeToPubSub(bench.repo.get(), bench.links, bench.hub.get(),
                                                    u"links"_s, view.get(), {delivery});
        QObject::connect(sub, &TopicSubscription::eventsReceived, view.get(),
                         [onEvent](const QList<RecordEvent> &batch) {
            for (const RecordEvent &e : batch)
                onEvent(e.storeSeq);
        });
    } else {
        // Each view on its own: one queued call and one decode per view per
        // event, decoded from the event's value. Its queue is unbounded so
        // that it loses nothing.
        SubscribeOptions options;
        options.mode = SubscribeOptions::Mode::Committed;
        options.maxQueueSize = std::numeric_limits<int>::max();
        const Schema schema = bench.links;
        bench.store()->on(schema.pattern(), view.get(), [schema, onEvent](const StoreEvent &e) {
            const std::optional<QString> slug = schema.slugOf(e.path);
            if (slug && schema.load(*slug, e.value))
                onEvent(e.storeSeq);
        }, options);
    }
    bench.views.push_back(std::move(view));
}

// The engine catches up on `events` writes from a server that already holds
// them: with no subscriber (the engine's own rate), with the bridge, or
// with a naive subscription per view.
Delivery runDelivery(Mode mode, int viewCount, TopicSubscription::Delivery delivery, int events, int slugs)
{
    Bench bench(events, slugs);
    qint64 deliveries = 0;
    int finished = 0;
    std::vector<bool> seenLast(size_t(viewCount), false);
    for (int i = 0; mode != Mode::EngineOnly && i < viewCount; ++i) {
        const qint64 last = bench.last;
        addView(bench, mode, delivery, [&deliveries, &finished, &seenLast, i, last](qint64 seq) {
            ++deliveries;
            if (seq >= last && !seenLast[size_t(i)]) {
                seenLast[size_t(i)] = true;
                ++finished;
            }
        });
    }
    const int waitFor = mode == Mode::EngineOnly ? 0 : viewCount;
    const Usage before = Usage::now();
    QElapsedTimer clock;
    clock.start();
    bench.client->open();
    double engineSeconds = 0;
    spinUntil([&] {
        if (engineSeconds == 0 && bench.store()->lastStoreSeq() >= bench.last)
            engineSeconds = clock.nsecsElapsed() / 1e9;
        return engineSeconds > 0 && finished == waitFor;
    });
    Delivery result;
    result.seconds = clock.nsecsElapsed() / 1e9;
    const Usage after = Usage::now();
    result.engineSeconds = engineSeconds;
    result.cpuSeconds = after.cpu - before.cpu;
    result.contextSwitches = after.switches - before.switches;
    result.deliveries = deliveries;
    return result;
}

// The median of `runs` runs of one configuration, by wall time.
Delivery medianDelivery(int runs, Mode mode, int views, TopicSubscription::Delivery delivery, int events, int slugs)
{
    std::vector<Delivery> all;
    for (int i = 0; i < runs; ++i)
        all.push_back(runDelivery(mode, views, delivery, events, slugs));
    std::sort(all.begin(), all.end(), [](const Delivery &a, const Delivery &b) { return a.seconds < b.seconds; });
    return all[all.size() / 2];
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
// every event into each view's mailbox, one push per event per view (or one
// pushBatch per 256 events), while the GUI thread delivers; no engine, no
// decode. Seconds until every view has seen the last event.
double runMailboxFeed(int viewCount, TopicSubscription::Delivery delivery, int events, int slugs, bool batched)
{
    QList<RecordEvent> feed;
    feed.reserve(events);
    for (int i = 0; i < events; ++i) {
        const QString slug = u"s%1"_s.arg(i % slugs);
        feed.append({RecordEvent::Kind::Upserted, slug, {{u"slug"_s, slug}, {u"title"_s, u"t%1"_s.arg(i)}}, i + 1});
    }
    QObject views;
    std::vector<std::shared_ptr<TopicMailbox>> mailboxes;
    int finished = 0;
    for (int i = 0; i < viewCount; ++i) {
        auto mailbox = std::make_shared<TopicMailbox>(delivery, std::numeric_limits<int>::max());
        TopicSubscription *sub = TopicSubscriptionPrivate::create(
                &views, std::make_unique<TopicSubscriptionPrivate>(u"links"_s, mailbox, nullptr));
        QObject::connect(sub, &TopicSubscription::eventsReceived, &views,
                         [&finished, events](const QList<RecordEvent> &batch) {
            // Coalesced, the last event may sit at its slug's earlier place.
            finished += std::any_of(batch.cbegin(), batch.cend(),
                                    [events](const RecordEvent &e) { return e.storeSeq == events; });
        });
        mailboxes.push_back(std::move(mailbox));
    }
    QElapsedTimer clock;
    clock.start();
    std::thread producer([&] {
        constexpr qsizetype Batch = 256;
        for (qsizetype at = 0; at < feed.size(); at += Batch) {
            const QList<RecordEvent> slice = feed.mid(at, Batch);
            for (const auto &mailbox : mailboxes) {
                if (batched) {
                    mailbox->pushBatch(slice);
                    continue;
                }
                for (const RecordEvent &event : slice)
                    mailbox->push(event);
            }
        }
    });
    spinUntil([&] { return finished == viewCount; });
    const double seconds = clock.nsecsElapsed() / 1e9;
    producer.join();
    return seconds;
}

void reportMailboxFeed(int events, int slugs)
{
    std::printf("\n# The view end alone (%d events over %d records pushed into each view's mailbox)\n\n", events, slugs);
    std::printf("| views | push | every event: events/s per view | coalesced: events/s per view | coalesced / every event |\n");
    std::printf("|---:|---|---:|---:|---:|\n");
    for (int views : {1, 10, 100, 1000}) {
        for (bool batched : {false, true}) {
            const double every = runMailboxFeed(views, TopicSubscription::Delivery::EveryEvent, events, slugs, batched);
            const double coalesced = runMailboxFeed(views, TopicSubscription::Delivery::Coalesced, events, slugs, batched);
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
    if (QCoreApplication::arguments().contains(u"--mailboxes-only"_s)) {
        reportMailboxFeed(events, slugs);
        return 0;
    }
    if (argc > 1 && QByteArray(argv[1]) == "memory") {
        const auto [perProxy, perBroadcaster] = runMemory();
        std::printf("| memory | bytes |\n|---|---:|\n| per TopicSubscription | %.0f |\n| per broadcaster | %.0f |\n",
                    perProxy, perBroadcaster);
        return 0;
    }
    if (argc > 1 && QByteArray(argv[1]) == "profile") {
        // One view, every event, five times: the run to profile the bridge with.
        for (int i = 0; i < 5; ++i)
            runDelivery(Mode::Bridge, 1, TopicSubscription::Delivery::EveryEvent, events, slugs);
        return 0;
    }
    const int runs = argc > 1 ? std::max(1, QByteArray(argv[1]).toInt()) : 3;
    const QList<int> viewCounts = {1, 10, 100, 1000};
    using D = TopicSubscription::Delivery;

    std::printf("# PubSub bridge benchmark (%d events over %d records, catch-up through one engine, median of %d runs)\n\n",
                events, slugs, runs);
    std::printf("The engine catches up from a server that holds every write. \"engine only\" has no subscriber:\n"
                "its rate is the ceiling a view can see. CPU and context switches are the whole process's\n"
                "(server, sync, bridge and view threads) per event.\n\n");
    const Delivery engine = medianDelivery(runs, Mode::EngineOnly, 0, D::EveryEvent, events, slugs);
    std::printf("| views | delivery | approach | events/s at every view | vs engine only | vs naive | CPU µs/event | switches/event |\n");
    std::printf("|---:|---|---|---:|---:|---:|---:|---:|\n");
    const double engineRate = events / engine.seconds;
    const auto printRow = [engineRate](int views, int n, const char *delivery, const char *approach, const Delivery &d,
                                       double naiveSeconds) {
        const QString vsNaive = naiveSeconds > 0 ? QString::number(naiveSeconds / d.seconds, 'f', 2) : QString();
        std::printf("| %d | %s | %s | %.0f | %.2f | %s | %.1f | %.2f |\n", views, delivery, approach, n / d.seconds,
                    n / d.seconds / engineRate, qPrintable(vsNaive), d.cpuSeconds * 1e6 / n,
                    double(d.contextSwitches) / n);
        std::fflush(stdout);
    };
    printRow(0, events, "", "engine only (no subscriber)", engine, 0);
    for (int views : viewCounts) {
        // A thousand naive views take minutes for the full run: they get a tenth of it.
        const int n = views >= 1000 ? events / 10 : events;
        const auto row = [&](const char *delivery, const char *approach, const Delivery &d, double naiveSeconds) {
            printRow(views, n, delivery, approach, d, naiveSeconds);
        };
        const Delivery naive = medianDelivery(runs, Mode::Naive, views, D::EveryEvent, n, slugs);
        row("every event", "naive (a store subscription per view)", naive, naive.seconds);
        for (D delivery : {D::EveryEvent, D::Coalesced}) {
            const Delivery bridge = medianDelivery(runs, Mode::Bridge, views, delivery, n, slugs);
            row(delivery == D::EveryEvent ? "every event" : "coalesced", "bridge", bridge, naive.seconds);
        }
    }

    std::printf("\n(1,000 views: %d events.)\n", events / 10);
    std::printf("\n| latency engine → view slot (1,000 live writes) | p50 µs | p99 µs |\n|---|---:|---:|\n");
    for (int views : {1, 100}) {
        const Latency l = runLatency(views, 1000);
        std::printf("| %d views | %.0f | %.0f |\n", views, l.p50Us, l.p99Us);
    }

    reportMailboxFeed(events, slugs);

    const auto [perProxy, perBroadcaster] = runMemory();
    std::printf("\n| memory | bytes |\n|---|---:|\n| per TopicSubscription | %.0f |\n| per broadcaster | %.0f |\n",
                perProxy, perBroadcaster);
    return 0;
}
