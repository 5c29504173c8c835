// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

// DustListModel (the QML module's model, a Dust::ListModel) against a naive
// list model that handles every event with its own beginInsertRows /
// dataChanged / beginMoveRows / beginRemoveRows and finds rows by scanning.
// Both are fed through the bridge's last hop, a TopicSubscription, by a
// producer thread that plays the broadcaster; what is measured is the GUI
// thread. A stall is the longest single event dispatch on the GUI thread
// (QCoreApplication::notify), which is what delays the next frame. Run from
// the release preset:
//   ./run build release && build/release/tests/benchmarks/bench_listmodel
// `bench_listmodel --rearrange-only <rows>` runs only the search-and-sort
// scenario, over <rows> records.

#include <dustquicklistmodel.h>
#include <dusttopicsubscription_p.h>

#include <QtCore/qcollator.h>
#include <QtCore/qcoreapplication.h>
#include <QtCore/qelapsedtimer.h>
#include <QtCore/qrandom.h>
#include <QtCore/qthread.h>
#include <QtCore/qtimer.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <thread>

using namespace Qt::StringLiterals;
using namespace Dust;

namespace {

// Times every top-level event dispatch of the GUI thread while recording.
qint64 threadCpuNs()
{
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return qint64(now.tv_sec) * 1'000'000'000 + now.tv_nsec;
}

class App : public QCoreApplication
{
public:
    using QCoreApplication::QCoreApplication;

    bool notify(QObject *receiver, QEvent *event) override
    {
        if (!recording || QThread::currentThread() != thread() || depth > 0) {
            ++depth;
            const bool handled = QCoreApplication::notify(receiver, event);
            --depth;
            return handled;
        }
        ++depth;
        const qint64 start = clock.nsecsElapsed();
        const qint64 cpuStart = threadCpuNs();
        const bool handled = QCoreApplication::notify(receiver, event);
        const qint64 took = clock.nsecsElapsed() - start;
        longestCpuNs = std::max(longestCpuNs, threadCpuNs() - cpuStart);
        --depth;
        busyNs += took;
        longestNs = std::max(longestNs, took);
        turns.push_back(took);
        return handled;
    }

    void startRecording()
    {
        busyNs = 0;
        longestNs = 0;
        longestCpuNs = 0;
        turns.clear();
        clock.start();
        recording = true;
    }
    void stopRecording() { recording = false; }
    double p99Ms()
    {
        if (turns.empty())
            return 0;
        std::sort(turns.begin(), turns.end());
        return turns[std::min(turns.size() - 1, turns.size() * 99 / 100)] / 1e6;
    }

    bool recording = false;
    int depth = 0;
    QElapsedTimer clock;
    qint64 busyNs = 0;
    qint64 longestNs = 0;
    qint64 longestCpuNs = 0; // CPU time of the GUI thread: on a loaded machine
                             // a turn's wall time also counts waits for a core
    std::vector<qint64> turns;
};

App *app()
{
    return static_cast<App *>(QCoreApplication::instance());
}

Schema linkSchema()
{
    return *Schema::fromDescriptor(QVariantMap{
            {u"name"_s, u"Link"_s},
            {u"prefix"_s, QStringList{u"links"_s}},
            {u"fields"_s, QVariantList{QVariantMap{{u"name"_s, u"title"_s}, {u"type"_s, u"string"_s}},
                                       QVariantMap{{u"name"_s, u"url"_s}, {u"type"_s, u"string"_s}},
                                       QVariantMap{{u"name"_s, u"rank"_s}, {u"type"_s, u"int"_s}}}}});
}

QString slugOf(int i)
{
    return u"link-%1"_s.arg(i, 6, 10, QChar(u'0'));
}

QVariantMap record(int i, QRandomGenerator &rng)
{
    static const QStringList words{u"alpha"_s, u"bravo"_s, u"charlie"_s, u"delta"_s, u"echo"_s,
                                   u"foxtrot"_s, u"golf"_s, u"hotel"_s, u"india"_s, u"juliett"_s};
    const QString title = words.at(rng.bounded(words.size())) + u' ' + words.at(rng.bounded(words.size()))
            + u' ' + QString::number(rng.bounded(100000));
    return {{u"slug"_s, slugOf(i)},
            {u"title"_s, title},
            {u"url"_s, u"https://example.com/"_s + QString::number(i)},
            {u"rank"_s, int(rng.bounded(1000))}};
}

// The naive model: rows in a list sorted by title, every event applied at
// once with its own row signals, rows found by scanning. A full state (the
// first load) is a model reset.
class NaiveModel : public QAbstractListModel
{
public:
    int rowCount(const QModelIndex &parent = {}) const override { return parent.isValid() ? 0 : int(m_rows.size()); }
    QVariant data(const QModelIndex &index, int role) const override
    {
        if (!index.isValid())
            return {};
        const Row &r = m_rows.at(index.row());
        switch (role) {
        case Qt::UserRole + 1: return r.slug;
        case Qt::UserRole + 2: return r.title;
        default: return {};
        }
    }
    QHash<int, QByteArray> roleNames() const override
    {
        return {{Qt::UserRole + 1, "slug"}, {Qt::UserRole + 2, "title"}};
    }

    void load(const QList<QVariantMap> &records)
    {
        beginResetModel();
        m_rows.clear();
        m_rows.reserve(records.size());
        for (const QVariantMap &r : records)
            m_rows.append(rowOf(r));
        std::sort(m_rows.begin(), m_rows.end(), [](const Row &a, const Row &b) { return less(a, b); });
        endResetModel();
    }
    void apply(const RecordEvent &e)
    {
        if (e.kind == RecordEvent::Kind::Deleted)
            remove(e.slug);
        else
            upsert(e.record);
    }
    void upsert(const QVariantMap &record)
    {
        Row r = rowOf(record);
        const int at = find(r.slug);
        if (at < 0) {
            const int to = position(r);
            beginInsertRows({}, to, to);
            m_rows.insert(to, r);
            endInsertRows();
            return;
        }
        const bool keyChanged = m_rows.at(at).title != r.title;
        m_rows[at] = r;
        emit dataChanged(index(at), index(at));
        if (!keyChanged)
            return;
        Row moving = m_rows.takeAt(at);
        const int to = position(moving);
        m_rows.insert(at, moving);
        if (to != at) {
            beginMoveRows({}, at, at, {}, to > at ? to + 1 : to);
            m_rows.move(at, to);
            endMoveRows();
        }
    }
    void remove(const QString &slug)
    {
        const int at = find(slug);
        if (at < 0)
            return;
        beginRemoveRows({}, at, at);
        m_rows.removeAt(at);
        endRemoveRows();
    }
    qsizetype size() const { return m_rows.size(); }

private:
    struct Row
    {
        QString slug;
        QString title;
        QVariantMap record;
    };
    static Row rowOf(const QVariantMap &r)
    {
        return {r.value(u"slug"_s).toString(), r.value(u"title"_s).toString(), r};
    }
    static bool less(const Row &a, const Row &b)
    {
        const int c = a.title.compare(b.title, Qt::CaseInsensitive);
        return c < 0 || (c == 0 && a.slug < b.slug);
    }
    int find(const QString &slug) const
    {
        for (int i = 0; i < m_rows.size(); ++i) {
            if (m_rows.at(i).slug == slug)
                return i;
        }
        return -1;
    }
    int position(const Row &r) const
    {
        int i = 0;
        while (i < m_rows.size() && !less(r, m_rows.at(i)))
            ++i;
        return i;
    }

    QList<Row> m_rows;
};

// Counts the row signals a view attached to the model would have to handle.
struct SignalCounter
{
    explicit SignalCounter(QAbstractItemModel *model)
    {
        for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
            QObject::connect(model, signal, model, [this] { ++count; });
        QObject::connect(model, &QAbstractItemModel::rowsMoved, model, [this] { ++count; });
        QObject::connect(model, &QAbstractItemModel::dataChanged, model, [this] { ++count; });
    }
    qint64 count = 0;
};

enum class Kind { Dust, DustEveryEvent, Naive };

const char *nameOf(Kind kind)
{
    switch (kind) {
    case Kind::Dust: return "DustListModel (coalesced delivery)";
    case Kind::DustEveryEvent: return "DustListModel (every-event delivery)";
    case Kind::Naive: return "naive model (every event)";
    }
    return "";
}

// One model fed by a TopicSubscription whose mailbox a producer thread fills.
struct Subject
{
    explicit Subject(Kind kind) : kind(kind)
    {
        const auto delivery = kind == Kind::Dust ? TopicSubscription::Delivery::Coalesced
                                                 : TopicSubscription::Delivery::EveryEvent;
        mailbox = std::make_shared<TopicMailbox>(delivery, 100'000'000);
        if (kind == Kind::Naive) {
            naive = std::make_unique<NaiveModel>();
            subscription = TopicSubscriptionPrivate::create(
                    naive.get(), std::make_unique<TopicSubscriptionPrivate>(u"links"_s, mailbox, nullptr));
            QObject::connect(subscription, &TopicSubscription::snapshotReceived, naive.get(),
                             [this](const QList<QVariantMap> &records) { naive->load(records); });
            QObject::connect(subscription, &TopicSubscription::eventsReceived, naive.get(),
                             [this](const QList<RecordEvent> &batch) {
                for (const RecordEvent &e : batch)
                    naive->apply(e);
            });
            counter = std::make_unique<SignalCounter>(naive.get());
        } else {
            dust = std::make_unique<QuickListModel>();
            dust->setSchema(linkSchema());
            dust->setSortRole(u"title"_s);
            subscription = TopicSubscriptionPrivate::create(
                    dust.get(), std::make_unique<TopicSubscriptionPrivate>(u"links"_s, mailbox, nullptr));
            dust->setSubscription(subscription);
            counter = std::make_unique<SignalCounter>(dust.get());
        }
    }

    // The mailbox wakes its subscription itself.
    void snapshot(const QList<QVariantMap> &records)
    {
        mailbox->pushSnapshot(records);
        mailbox->pushActive();
    }
    void push(const RecordEvent &event) { mailbox->push(event); }
    int rows() const { return naive ? int(naive->size()) : dust->count(); }
    bool ready() const { return naive ? true : dust->status() == ListModel::Status::Ready; }
    QAbstractItemModel *model() const
    {
        return naive ? static_cast<QAbstractItemModel *>(naive.get()) : dust.get();
    }

    Kind kind;
    std::shared_ptr<TopicMailbox> mailbox;
    std::unique_ptr<NaiveModel> naive;
    std::unique_ptr<QuickListModel> dust;
    std::unique_ptr<SignalCounter> counter;
    TopicSubscription *subscription = nullptr;
};

void spinUntil(const std::function<bool()> &done, int timeoutMs = 600000)
{
    QElapsedTimer clock;
    clock.start();
    while (!done() && clock.elapsed() < timeoutMs)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    if (!done())
        qFatal("benchmark step timed out");
}

// Every event the model has been handed has been applied.
bool settled(const Subject &s, int expectedRows)
{
    return s.ready() && s.mailbox->queuedEvents() == 0 && s.rows() == expectedRows;
}

struct Measure
{
    double wallMs = 0;
    double busyMs = 0;
    double longestMs = 0;
    double longestCpuMs = 0;
    double p99Ms = 0;
    double catchUpMs = 0; // after the producer stopped, until applied
    double first50Ms = -1; // a load: until the model shows 50 rows
    qint64 signalCount = 0;
};

Measure finish(App *a, const QElapsedTimer &wall, const Subject &s, qint64 signalsBefore)
{
    a->stopRecording();
    Measure m;
    m.wallMs = wall.nsecsElapsed() / 1e6;
    m.busyMs = a->busyNs / 1e6;
    m.longestMs = a->longestNs / 1e6;
    m.longestCpuMs = a->longestCpuNs / 1e6;
    m.p99Ms = a->p99Ms();
    m.signalCount = s.counter->count - signalsBefore;
    return m;
}

QList<QVariantMap> makeRecords(int n, quint32 seed)
{
    QRandomGenerator rng(seed);
    QList<QVariantMap> records;
    records.reserve(n);
    for (int i = 0; i < n; ++i)
        records.append(record(i, rng));
    return records;
}

// The current records arrive at once (includeCurrent): time until shown.
Measure runLoad(Kind kind, const QList<QVariantMap> &records)
{
    Subject s(kind);
    QCoreApplication::processEvents();
    QElapsedTimer wall;
    double first50Ms = -1;
    const auto shown = [&] {
        if (first50Ms < 0 && s.rows() >= 50)
            first50Ms = wall.nsecsElapsed() / 1e6;
    };
    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        QObject::connect(s.model(), signal, s.model(), shown);
    QObject::connect(s.model(), &QAbstractItemModel::modelReset, s.model(), shown);
    app()->startRecording();
    wall.start();
    s.snapshot(records);
    spinUntil([&] { return settled(s, int(records.size())); });
    Measure m = finish(app(), wall, s, 0);
    m.first50Ms = first50Ms;
    return m;
}

// `events` upserts over the `rows` loaded records, pushed by the producer
// as fast as it can: GUI-thread time to apply them all.
Measure runBurst(Kind kind, int rows, int events)
{
    Subject s(kind);
    s.snapshot(makeRecords(rows, 1));
    spinUntil([&] { return settled(s, rows); });
    QRandomGenerator rng(2);
    std::vector<RecordEvent> batch;
    batch.reserve(events);
    for (int i = 0; i < events; ++i) {
        const int slug = int(rng.bounded(rows));
        batch.push_back({RecordEvent::Kind::Upserted, slugOf(slug), record(slug, rng), i + 1});
    }
    const qint64 signalsBefore = s.counter->count;
    QElapsedTimer wall;
    app()->startRecording();
    wall.start();
    std::atomic<bool> pushed = false;
    std::thread producer([&] {
        for (const RecordEvent &e : batch)
            s.push(e);
        pushed = true;
    });
    spinUntil([&] { return pushed && settled(s, rows); });
    producer.join();
    return finish(app(), wall, s, signalsBefore);
}

// A storm at a fixed rate (events per second) for `seconds`: upserts and
// some deletes with re-inserts over `rows` records, paced every millisecond.
Measure runStorm(Kind kind, int rows, int rate, double seconds)
{
    Subject s(kind);
    s.snapshot(makeRecords(rows, 3));
    spinUntil([&] { return settled(s, rows); });
    const int total = int(rate * seconds);
    QRandomGenerator rng(4);
    std::vector<RecordEvent> events;
    events.reserve(total);
    std::vector<bool> present(rows, true);
    int live = rows;
    for (int i = 0; i < total; ++i) {
        const int slug = int(rng.bounded(rows));
        if (present[slug] && rng.bounded(10) == 0) {
            events.push_back({RecordEvent::Kind::Deleted, slugOf(slug), {}, i + 1});
            present[slug] = false;
            --live;
        } else {
            events.push_back({RecordEvent::Kind::Upserted, slugOf(slug), record(slug, rng), i + 1});
            if (!present[slug]) {
                present[slug] = true;
                ++live;
            }
        }
    }
    const qint64 signalsBefore = s.counter->count;
    QElapsedTimer wall;
    app()->startRecording();
    wall.start();
    std::atomic<bool> pushed = false;
    std::atomic<qint64> pushedAtNs = 0;
    std::thread producer([&] {
        using namespace std::chrono;
        const int perTick = std::max(1, rate / 1000);
        auto next = steady_clock::now();
        for (int i = 0; i < total;) {
            for (int k = 0; k < perTick && i < total; ++k, ++i)
                s.push(events[i]);
            next += milliseconds(1);
            std::this_thread::sleep_until(next);
        }
        pushedAtNs = wall.nsecsElapsed();
        pushed = true;
    });
    spinUntil([&] { return pushed && settled(s, live); });
    producer.join();
    Measure m = finish(app(), wall, s, signalsBefore);
    m.catchUpMs = (wall.nsecsElapsed() - pushedAtNs) / 1e6;
    return m;
}

// One change of sort or filter, made from inside an event as a view would
// (so its first slice is a timed turn too), until the model shows it.
struct Rearranged
{
    double totalMs = 0;
    double busyMs = 0;
    qsizetype turns = 0;
    double longestMs = 0;
    double longestCpuMs = 0;
    double baselineMs = 0; // the same work done at once, in one turn
};

Rearranged timeRearrangement(Subject &s, const std::function<void()> &change)
{
    bool changed = false;
    QElapsedTimer wall;
    app()->startRecording();
    wall.start();
    QTimer::singleShot(0, s.dust.get(), [&] {
        change();
        changed = true;
    });
    spinUntil([&] { return changed && !s.dust->isBusy(); });
    app()->stopRecording();
    return {wall.nsecsElapsed() / 1e6, app()->busyNs / 1e6, qsizetype(app()->turns.size()), app()->longestNs / 1e6,
            app()->longestCpuNs / 1e6};
}

// The baseline of a re-sort: the same keys (rank, then the title's collation
// key) computed and ordered with one std::stable_sort.
double stableSortOnceMs(const QList<QVariantMap> &records)
{
    QElapsedTimer clock;
    clock.start();
    QCollator collator;
    collator.setCaseSensitivity(Qt::CaseInsensitive);
    std::vector<std::pair<int, QCollatorSortKey>> keys;
    keys.reserve(records.size());
    for (const QVariantMap &r : records)
        keys.emplace_back(r.value(u"rank"_s).toInt(), collator.sortKey(r.value(u"title"_s).toString()));
    std::stable_sort(keys.begin(), keys.end(), [](const auto &a, const auto &b) {
        return a.first != b.first ? a.first > b.first : a.second.compare(b.second) < 0;
    });
    return clock.nsecsElapsed() / 1e6;
}

// The baseline of a search: one pass over every title.
double searchOnceMs(const QList<QVariantMap> &records)
{
    QElapsedTimer clock;
    clock.start();
    qsizetype matches = 0;
    for (const QVariantMap &r : records)
        matches += r.value(u"title"_s).toString().contains(u"ECHO"_s, Qt::CaseInsensitive);
    Q_UNUSED(matches);
    return clock.nsecsElapsed() / 1e6;
}

// Over `rows` loaded records: a re-sort by two keys of every row, then a
// search that keeps about a fifth of them.
std::pair<Rearranged, Rearranged> runRearrange(int rows)
{
    const QList<QVariantMap> records = makeRecords(rows, 5);
    Subject s(Kind::Dust);
    s.snapshot(records);
    spinUntil([&] { return settled(s, rows); });
    Rearranged sort = timeRearrangement(s, [&] {
        s.dust->setSortRoles({u"rank"_s, u"title"_s});
        s.dust->setSortOrders({Qt::DescendingOrder, Qt::AscendingOrder});
    });
    Rearranged filter = timeRearrangement(s, [&] {
        s.dust->setFilterRoles({u"title"_s});
        s.dust->setFilterText(u"ECHO"_s);
    });
    // After the model's turns, so that freeing the baselines' keys does not
    // leave the allocator's clean-up to the model.
    sort.baselineMs = stableSortOnceMs(records);
    filter.baselineMs = searchOnceMs(records);
    return {filter, sort};
}

void printRearranged(const char *what, int rows, const Rearranged &r)
{
    std::printf("| %s %d rows | %.0f | %.0f | %lld | %.2f | %.2f | %.2f | %.2f |\n", what, rows, r.totalMs, r.busyMs,
                static_cast<long long>(r.turns), r.longestMs, r.longestCpuMs, r.baselineMs,
                r.longestCpuMs / r.baselineMs);
    std::fflush(stdout);
}

void reportRearrange(int rows)
{
    std::printf("\n| change | total ms | GUI busy ms | turns | longest turn ms | longest turn CPU ms "
                "| baseline ms (one turn) | longest turn CPU / baseline |\n|---|---:|---:|---:|---:|---:|---:|---:|\n");
    const auto [filter, sort] = runRearrange(rows);
    printRearranged("search (filterText) over", rows, filter);
    printRearranged("re-sort by 2 keys of", rows, sort);
}

} // namespace

int main(int argc, char **argv)
{
    App a(argc, argv);
    const auto row = [](const char *scenario, Kind kind, const Measure &m, bool storm) {
        std::printf("| %s | %s | %.0f | %.0f | %.2f | %.2f | %.2f | %s | %s | %lld |\n", scenario, nameOf(kind),
                    m.wallMs, m.busyMs, m.longestMs, m.longestCpuMs, m.p99Ms,
                    m.first50Ms >= 0 ? QByteArray::number(m.first50Ms, 'f', 1).constData() : "–",
                    storm ? QByteArray::number(m.catchUpMs, 'f', 0).constData() : "–",
                    static_cast<long long>(m.signalCount));
        std::fflush(stdout);
    };
    const QStringList arguments = QCoreApplication::arguments();
    const qsizetype only = arguments.indexOf(u"--rearrange-only"_s);
    const int rearrangeRows = only > 0 && only + 1 < arguments.size() ? arguments.at(only + 1).toInt() : 100000;
    constexpr int LoadRecords = 100000;
    constexpr int BurstRows = 10000;
    constexpr int BurstEvents = 100000;
    constexpr int StormRows = 10000;
    constexpr int StormRate = 50000;
    constexpr double StormSeconds = 2.0;

    std::printf("# DustListModel benchmark (release; GUI-thread time; sorted by title)\n\n");
    std::printf("| scenario | model | wall ms | GUI busy ms | longest stall ms | longest stall CPU ms | p99 turn ms "
                "| first 50 rows ms | catch-up ms | row signals |\n");
    std::printf("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    if (only > 0) {
        reportRearrange(rearrangeRows);
        return 0;
    }
    const QList<QVariantMap> records = makeRecords(LoadRecords, 9);
    for (Kind kind : {Kind::Dust, Kind::Naive})
        row("load 100,000 records", kind, runLoad(kind, records), false);
    if (arguments.contains(u"--load-only"_s))
        return 0;
    for (Kind kind : {Kind::Dust, Kind::DustEveryEvent, Kind::Naive})
        row("100,000 upserts at once over 10,000 rows", kind, runBurst(kind, BurstRows, BurstEvents), false);
    for (Kind kind : {Kind::Dust, Kind::DustEveryEvent, Kind::Naive})
        row("50,000 events/s for 2 s over 10,000 rows", kind, runStorm(kind, StormRows, StormRate, StormSeconds), true);
    reportRearrange(rearrangeRows);
    return 0;
}
