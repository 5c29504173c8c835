// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#include "dustlistmodel.h"

#include <dustschema.h>
#include <dusttopicsubscription.h>
#include <dusttopicsubscription_p.h>

#include <QtCore/qcollator.h>
#include <QtCore/qdatetime.h>
#include <QtCore/qelapsedtimer.h>
#include <QtCore/qpointer.h>
#include <QtCore/qtimer.h>

#include <algorithm>
#include <array>
#include <unordered_map>

using namespace Qt::StringLiterals;

namespace Dust {

namespace {

// How long one event-loop turn may spend applying changes; what is left
// waits for the next turn, so the GUI keeps painting during a storm.
constexpr qint64 TurnBudgetNs = 4'000'000;

// A rearrangement sorts the rows in chunks of this many, then merges them,
// so that no single step takes long.
constexpr qsizetype SortChunk = 2048;

// A merge of two sorted runs stops after this many rows and resumes in the
// next step: the last merges span every row, too many for one turn.
constexpr qsizetype MergeSlice = 4096;

// A rearrangement that removes or inserts more separate ranges of rows than
// this is shown as a model reset: views handle one reset faster than
// thousands of scattered row changes.
constexpr qsizetype MaxRowRanges = 32;

// A sort value, cached per record: comparisons run often. A string also
// keeps its collation key, so that comparing two strings is a plain byte
// comparison; under the C locale, which collates by code point, its
// case-folded form instead, so that case still does not separate words. A
// number keeps its value as a double: converting a QVariant on every
// comparison was most of the time a sort took.
struct SortKey
{
    QVariant value;
    std::optional<QCollatorSortKey> collated;
    QString folded;
    std::optional<double> number;
};
using SortKeys = std::vector<SortKey>;

struct Row
{
    QString slug;
    QVariantMap record;
    // The shown keys and those a re-sort computes, in the slots
    // ListModelPrivate::keySlot names: showing a re-sort swaps the slots
    // instead of freeing every record's old keys in one turn. The old keys
    // stay until the next re-sort overwrites them, a slice at a time.
    std::array<SortKeys, 2> keys;
    bool visible = false;
    bool nextVisible = false;
    bool loading = false; // built by a first load, not shown yet
};

using Records = std::unordered_map<QString, std::unique_ptr<Row>>;

// The sort keys and the order of each.
struct SortSpec
{
    QStringList roles;
    std::vector<Qt::SortOrder> orders;
};

// Numbers sort by value, whatever integer or floating type they came as.
bool isNumber(const QVariant &v)
{
    const std::optional<Schema::FieldType> type = Schema::fieldTypeOf(v.metaType());
    return type == Schema::FieldType::Int || type == Schema::FieldType::Double;
}

template<typename T>
int threeWay(const T &x, const T &y)
{
    return x < y ? -1 : (y < x ? 1 : 0);
}

// A total order over the values a record field can hold: missing values
// first, then numbers, dates and strings in their natural order.
int compareKeys(const SortKey &ka, const SortKey &kb)
{
    const QVariant &a = ka.value;
    const QVariant &b = kb.value;
    if (a.typeId() == QMetaType::QString && b.typeId() == QMetaType::QString) {
        const int primary = ka.collated && kb.collated ? ka.collated->compare(*kb.collated)
                                                       : ka.folded.compare(kb.folded);
        if (primary)
            return primary;
        return static_cast<const QString *>(a.constData())->compare(*static_cast<const QString *>(b.constData()));
    }
    const bool aNull = a.isNull();
    const bool bNull = b.isNull();
    if (aNull || bNull)
        return int(bNull) - int(aNull);
    if (ka.number && kb.number)
        return threeWay(*ka.number, *kb.number);
    if (a.typeId() == QMetaType::QDateTime && b.typeId() == QMetaType::QDateTime)
        return threeWay(a.toDateTime(), b.toDateTime());
    if (a.typeId() == QMetaType::Bool && b.typeId() == QMetaType::Bool)
        return int(a.toBool()) - int(b.toBool());
    const QString x = a.toString();
    const QString y = b.toString();
    if (const int ci = x.compare(y, Qt::CaseInsensitive))
        return ci;
    return x.compare(y);
}

// Keys compared one after the other, each in its own order.
int compareBy(const SortKeys &ka, const SortKeys &kb, const SortSpec &spec)
{
    for (size_t i = 0; i < ka.size(); ++i) {
        if (const int c = compareKeys(ka[i], kb[i]))
            return spec.orders[i] == Qt::AscendingOrder ? c : -c;
    }
    return 0;
}

// Counts the separate ranges of `rows` that `inRange` selects.
qsizetype rangeCount(const std::vector<Row *> &rows, bool (*inRange)(const Row *))
{
    qsizetype ranges = 0;
    bool previous = false;
    for (const Row *row : rows) {
        const bool current = inRange(row);
        ranges += current && !previous;
        previous = current;
    }
    return ranges;
}

} // namespace

// Rows put in order a step at a time: chunks of SortChunk rows sorted, then
// merged pairwise, at most MergeSlice rows per step, so that no step takes
// long whatever the number of rows.
struct SlicedSort
{
    std::vector<Row *> sorted;
    std::vector<Row *> buffer;
    qsizetype chunksSorted = 0;
    qsizetype width = SortChunk;
    qsizetype mergedUpTo = 0;
    qsizetype left = 0;      // the merge of the pair starting at mergedUpTo,
    qsizetype right = -1;    // or -1 before it starts

    // One chunk sorted or one slice merged; true once `sorted` is in order.
    template<typename Less>
    bool step(Less less)
    {
        const qsizetype n = sorted.size();
        const qsizetype chunks = (n + SortChunk - 1) / SortChunk;
        if (chunksSorted < chunks) {
            const auto first = sorted.begin() + chunksSorted * SortChunk;
            std::sort(first, first + std::min(SortChunk, n - chunksSorted * SortChunk), less);
            ++chunksSorted;
            return false;
        }
        if (width >= n)
            return true;
        buffer.resize(n);
        const qsizetype lo = mergedUpTo;
        const qsizetype mid = std::min(lo + width, n);
        const qsizetype hi = std::min(lo + 2 * width, n);
        if (!mergeSlice(lo, mid, hi, less))
            return false;
        mergedUpTo = hi;
        if (mergedUpTo == n) {
            std::swap(sorted, buffer);
            width *= 2;
            mergedUpTo = 0;
        }
        return false;
    }

    // Merges up to MergeSlice rows of the sorted runs [lo, mid) and
    // [mid, hi) of `sorted` into `buffer`; true once the pair is merged.
    template<typename Less>
    bool mergeSlice(qsizetype lo, qsizetype mid, qsizetype hi, Less less)
    {
        if (right < 0) {
            left = lo;
            right = mid;
        }
        qsizetype out = left + right - mid;
        const qsizetype stop = std::min(hi, out + MergeSlice);
        for (; out < stop; ++out) {
            const bool takeRight = right < hi && (left == mid || less(sorted[right], sorted[left]));
            buffer[out] = takeRight ? sorted[right++] : sorted[left++];
        }
        if (out < hi)
            return false;
        right = -1;
        return true;
    }
};

// A change of sort or filter being computed, a slice per turn: the keys and
// visibility of every record, then the new visible rows, sorted.
struct Rearrangement
{
    SortSpec spec;
    bool resort = false;
    // The next record to compute; the records do not change meanwhile, as
    // live changes wait for the rearrangement.
    Records::const_iterator next;
    SlicedSort sort;
};

// The first load of a snapshot, a slice per turn. Its first slice is shown
// at once. The rows of the others are built (sort keys computed once) while
// the budget lasts, then sorted a step at a time, merged with the rows shown
// a slice at a time, and shown with row insertions, or a model reset when
// they fall into many ranges.
struct Load
{
    enum class Phase { Build, Sort, Merge };

    QList<QVariantMap> snapshot;
    qsizetype next = 0;          // the next record to build
    Phase phase = Phase::Build;
    SlicedSort sort;             // Build: every row built; then the visible ones
};

class ListModelPrivate
{
public:
    explicit ListModelPrivate(ListModel *q) : q(q) { }

    void rebuildRoles();
    SortSpec wantedSpec() const;
    SortKeys keysOf(const Row &row, const SortSpec &spec) const;
    SortKeys &shownKeys(Row &row) const { return row.keys[keySlot]; }
    SortKeys &nextKeys(Row &row) const { return row.keys[1 - keySlot]; }
    bool matchesText(const QString &slug, const QVariantMap &record) const;
    bool isVisible(const QString &slug, const QVariantMap &record) const;
    bool less(const Row *a, const Row *b) const;
    bool lessNext(const Row *a, const Row *b) const;
    qsizetype positionOf(const Row *row) const;
    qsizetype insertPosition(const Row *row) const;

    void insertRow(Row *row);
    void removeRow(Row *row);
    void updateRow(Row *row, const QVariantMap &record);
    void applyUpsert(const QString &slug, const QVariantMap &record);
    void applyDelete(const QString &slug);
    void startSnapshot(QList<QVariantMap> snapshot);
    bool loadStep(const QElapsedTimer &clock);
    bool buildRows(const QElapsedTimer &clock);
    void prepareRow(Row *row, const QVariantMap &record);
    bool showFirstRows();
    bool mergeLoaded(const QElapsedTimer &clock);
    bool showLoaded();
    void abandonLoadOrder();
    bool applyQueued(const QElapsedTimer &clock);

    void rearrange(bool resort);
    bool advance(const QElapsedTimer &clock);
    bool computeStep();
    bool sortStep();
    void commit();
    void removeHiddenRows();
    void reorderKeptRows(const std::vector<Row *> &sorted);
    bool insertShownRows(const std::vector<Row *> &sorted);
    void takeKeys(const Rearrangement &done);
    void setBusy(bool busy);

    void receiveSnapshot(TopicSubscription *from, const QList<QVariantMap> &records);
    void receiveEvents(TopicSubscription *from, const QList<RecordEvent> &events);
    bool isIdle() const;
    void scheduleProcessing();
    void process();
    void setStatus(ListModel::Status status);

    ListModel *const q;
    Schema schema;
    QStringList fields;          // role order: slug, then the other fields
    QHash<int, QByteArray> roles;
    QHash<QString, int> roleByName;
    QString sortRole;
    Qt::SortOrder sortOrder = Qt::AscendingOrder;
    QStringList sortRoles;
    QList<int> sortOrders;
    QLocale sortLocale;
    QCollator collator;
    SortSpec shownSpec;          // the spec `rows` is sorted by
    int keySlot = 0;             // Row::keys[keySlot] are by shownSpec
    QString filterRole;
    QVariant filterValue;
    QString filterText;
    QStringList filterRoles;
    ListModel::FilterPredicate filterPredicate;
    QString displayRole;

    Records records;                                           // every record by slug
    std::vector<Row *> rows;                                   // the visible ones, sorted
    std::optional<Rearrangement> rearrangement;
    bool busy = false;

    // What the subscription delivered and is not applied yet: at most one
    // batch of its mailbox, which coalesces what comes meanwhile (the
    // subscription is held until these are applied).
    std::optional<QList<QVariantMap>> pendingSnapshot;
    std::optional<Load> load;
    QList<RecordEvent> queue;
    qsizetype queueHead = 0;
    bool processingScheduled = false;

    QPointer<TopicSubscription> subscription;
    ListModel::Status status = ListModel::Status::Loading;
    Error error;
};

void ListModelPrivate::rebuildRoles()
{
    fields = {u"slug"_s};
    const QString slugField = schema.slugField();
    for (const QString &name : schema.fieldNames()) {
        if (name != slugField)
            fields.append(name);
    }
    roles.clear();
    roleByName.clear();
    for (qsizetype i = 0; i < fields.size(); ++i) {
        const int role = ListModel::SlugRole + int(i);
        roles.insert(role, fields.at(i).toUtf8());
        roleByName.insert(fields.at(i), role);
    }
    if (slugField != u"slug")
        roleByName.insert(slugField, ListModel::SlugRole);
}

SortSpec ListModelPrivate::wantedSpec() const
{
    SortSpec spec;
    spec.roles = sortRoles.isEmpty() ? QStringList{sortRole} : sortRoles;
    for (qsizetype i = 0; i < spec.roles.size(); ++i)
        spec.orders.push_back(i < sortOrders.size() ? Qt::SortOrder(sortOrders.at(i)) : sortOrder);
    return spec;
}

SortKeys ListModelPrivate::keysOf(const Row &row, const SortSpec &spec) const
{
    SortKeys keys;
    keys.reserve(spec.roles.size());
    for (const QString &role : spec.roles) {
        const bool isSlug = role.isEmpty() || roleByName.value(role) == ListModel::SlugRole;
        SortKey key{isSlug ? QVariant(row.slug) : row.record.value(role), std::nullopt, {}, std::nullopt};
        if (key.value.typeId() == QMetaType::QString) {
            const QString &text = *static_cast<const QString *>(key.value.constData());
            if (sortLocale.language() == QLocale::C)
                key.folded = text.toCaseFolded();
            else
                key.collated = collator.sortKey(text);
        } else if (isNumber(key.value)) {
            key.number = key.value.toDouble();
        }
        keys.push_back(std::move(key));
    }
    return keys;
}

bool ListModelPrivate::matchesText(const QString &slug, const QVariantMap &record) const
{
    if (filterText.isEmpty())
        return true;
    const QStringList &searched = filterRoles.isEmpty() ? fields : filterRoles;
    for (const QString &role : searched) {
        const bool isSlug = roleByName.value(role) == ListModel::SlugRole;
        const QString text = isSlug ? slug : record.value(role).toString();
        if (text.contains(filterText, Qt::CaseInsensitive))
            return true;
    }
    return false;
}

bool ListModelPrivate::isVisible(const QString &slug, const QVariantMap &record) const
{
    if (!filterRole.isEmpty() && record.value(filterRole) != filterValue)
        return false;
    return matchesText(slug, record) && (!filterPredicate || filterPredicate(record));
}

bool ListModelPrivate::less(const Row *a, const Row *b) const
{
    if (const int c = compareBy(a->keys[keySlot], b->keys[keySlot], shownSpec))
        return c < 0;
    return a->slug < b->slug;
}

// The order a running rearrangement computes: by the next keys when it
// re-sorts, by its spec either way.
bool ListModelPrivate::lessNext(const Row *a, const Row *b) const
{
    const Rearrangement &r = *rearrangement;
    const int slot = r.resort ? 1 - keySlot : keySlot;
    if (const int c = compareBy(a->keys[slot], b->keys[slot], r.spec))
        return c < 0;
    return a->slug < b->slug;
}

// Rows are sorted by a total order, so a row's position is found by binary
// search on its own key; no scan.
qsizetype ListModelPrivate::positionOf(const Row *row) const
{
    const auto it = std::lower_bound(rows.begin(), rows.end(), row,
                                     [this](const Row *a, const Row *b) { return less(a, b); });
    Q_ASSERT(it != rows.end() && *it == row);
    return it - rows.begin();
}

qsizetype ListModelPrivate::insertPosition(const Row *row) const
{
    return std::lower_bound(rows.begin(), rows.end(), row,
                            [this](const Row *a, const Row *b) { return less(a, b); })
            - rows.begin();
}

void ListModelPrivate::insertRow(Row *row)
{
    const qsizetype at = insertPosition(row);
    q->beginInsertRows({}, int(at), int(at));
    rows.insert(rows.begin() + at, row);
    row->visible = true;
    q->endInsertRows();
}

void ListModelPrivate::removeRow(Row *row)
{
    const qsizetype at = positionOf(row);
    q->beginRemoveRows({}, int(at), int(at));
    rows.erase(rows.begin() + at);
    row->visible = false;
    q->endRemoveRows();
}

void ListModelPrivate::updateRow(Row *row, const QVariantMap &record)
{
    const bool wasVisible = row->visible;
    const bool nowVisible = isVisible(row->slug, record);
    if (!wasVisible) {
        row->record = record;
        shownKeys(*row) = keysOf(*row, shownSpec);
        if (nowVisible)
            insertRow(row);
        return;
    }
    if (!nowVisible) {
        removeRow(row);
        row->record = record;
        shownKeys(*row) = keysOf(*row, shownSpec);
        return;
    }

    const qsizetype from = positionOf(row);
    QList<int> changedRoles;
    for (qsizetype i = 1; i < fields.size(); ++i) {
        if (row->record.value(fields.at(i)) != record.value(fields.at(i)))
            changedRoles.append(ListModel::SlugRole + int(i));
    }
    if (!displayRole.isEmpty() && changedRoles.contains(roleByName.value(displayRole)))
        changedRoles.append(Qt::DisplayRole);
    row->record = record;
    shownKeys(*row) = keysOf(*row, shownSpec);

    // Where the row belongs now, among the other rows (still sorted).
    const auto cmp = [this](const Row *a, const Row *b) { return less(a, b); };
    const auto before = std::lower_bound(rows.begin(), rows.begin() + from, row, cmp);
    qsizetype to = before - rows.begin();
    if (to == from)
        to = std::lower_bound(rows.begin() + from + 1, rows.end(), row, cmp) - rows.begin() - 1;
    if (to != from) {
        q->beginMoveRows({}, int(from), int(from), {}, int(to > from ? to + 1 : to));
        if (to > from)
            std::rotate(rows.begin() + from, rows.begin() + from + 1, rows.begin() + to + 1);
        else
            std::rotate(rows.begin() + to, rows.begin() + from, rows.begin() + from + 1);
        q->endMoveRows();
    }
    if (!changedRoles.isEmpty()) {
        const QModelIndex index = q->index(int(to));
        emit q->dataChanged(index, index, changedRoles);
    }
}

void ListModelPrivate::applyUpsert(const QString &slug, const QVariantMap &record)
{
    const auto it = records.find(slug);
    if (it != records.end()) {
        if (it->second->record != record)
            updateRow(it->second.get(), record);
        return;
    }
    auto row = std::make_unique<Row>();
    row->slug = slug;
    row->record = record;
    shownKeys(*row) = keysOf(*row, shownSpec);
    Row *raw = row.get();
    records.emplace(slug, std::move(row));
    if (isVisible(slug, record))
        insertRow(raw);
}

void ListModelPrivate::applyDelete(const QString &slug)
{
    const auto it = records.find(slug);
    if (it == records.end())
        return;
    if (it->second->visible)
        removeRow(it->second.get());
    records.erase(it);
}

// A first load is sliced (see Load). A reload becomes events, applied like
// live ones ahead of those that came after the snapshot: records that are
// gone are removed, the others upserted, and unchanged rows emit nothing.
void ListModelPrivate::startSnapshot(QList<QVariantMap> snapshot)
{
    if (records.empty()) {
        records.reserve(snapshot.size());
        load.emplace();
        load->snapshot = std::move(snapshot);
        return;
    }
    const QString slugField = schema.slugField();
    QSet<QString> present;
    present.reserve(snapshot.size());
    for (const QVariantMap &record : std::as_const(snapshot))
        present.insert(record.value(slugField).toString());
    QList<RecordEvent> events;
    events.reserve(qsizetype(records.size()) + snapshot.size() + queue.size() - queueHead);
    for (const auto &[slug, row] : records) {
        if (!present.contains(slug))
            events.append({RecordEvent::Kind::Deleted, slug, {}, 0});
    }
    for (const QVariantMap &record : std::as_const(snapshot))
        events.append({RecordEvent::Kind::Upserted, record.value(slugField).toString(), record, 0});
    events.append(queue.mid(queueHead));
    queue = std::move(events);
    queueHead = 0;
}

// One slice of a first load; true once every record is shown. False also
// when a slot deleted the model (`alive` tells).
bool ListModelPrivate::loadStep(const QElapsedTimer &clock)
{
    Load &l = *load;
    const auto cmp = [this](const Row *a, const Row *b) { return less(a, b); };
    if (l.phase == Load::Phase::Build) {
        if (!buildRows(clock))
            return false;
        if (rows.empty())
            return showFirstRows() && l.next == l.snapshot.size();
        if (l.next < l.snapshot.size())
            return false;
        std::erase_if(l.sort.sorted, [](const Row *row) { return !row->nextVisible; });
        l.phase = Load::Phase::Sort;
    }
    if (l.phase == Load::Phase::Sort) {
        while (!l.sort.step(cmp)) {
            if (clock.nsecsElapsed() >= TurnBudgetNs)
                return false;
        }
        l.phase = Load::Phase::Merge;
        l.sort.sorted.insert(l.sort.sorted.begin(), rows.begin(), rows.end());
        l.sort.buffer.resize(l.sort.sorted.size());
    }
    return mergeLoaded(clock) && showLoaded();
}

// Rows for the next records, until the budget is spent or every record is
// built. False when a slot deleted the model.
bool ListModelPrivate::buildRows(const QElapsedTimer &clock)
{
    Load &l = *load;
    const QPointer<ListModel> alive(q);
    const QString slugField = schema.slugField();
    while (l.next < l.snapshot.size() && clock.nsecsElapsed() < TurnBudgetNs) {
        const QVariantMap &record = l.snapshot.at(l.next++);
        QString slug = record.value(slugField).toString();
        if (const auto it = records.find(slug); it != records.end()) {
            // The same slug twice in one snapshot: the later record wins.
            if (it->second->loading) {
                prepareRow(it->second.get(), record);
            } else if (it->second->record != record) {
                updateRow(it->second.get(), record);
                if (!alive)
                    return false;
            }
            continue;
        }
        auto row = std::make_unique<Row>();
        row->slug = std::move(slug);
        row->loading = true;
        prepareRow(row.get(), record);
        l.sort.sorted.push_back(row.get());
        records.emplace(row->slug, std::move(row));
    }
    return true;
}

// A row not shown yet: nothing to signal.
void ListModelPrivate::prepareRow(Row *row, const QVariantMap &record)
{
    row->record = record;
    shownKeys(*row) = keysOf(*row, shownSpec);
    row->nextVisible = isVisible(row->slug, record);
}

// The first slice goes in at once, so that a view has rows to show.
bool ListModelPrivate::showFirstRows()
{
    std::vector<Row *> first = std::exchange(load->sort.sorted, {});
    std::erase_if(first, [](Row *row) {
        row->loading = false;
        return !row->nextVisible;
    });
    if (first.empty())
        return true;
    std::sort(first.begin(), first.end(), [this](const Row *a, const Row *b) { return less(a, b); });
    const QPointer<ListModel> alive(q);
    q->beginInsertRows({}, 0, int(first.size()) - 1);
    rows = std::move(first);
    for (Row *row : rows)
        row->visible = true;
    q->endInsertRows();
    return bool(alive);
}

// The rows shown and the sorted loaded ones, merged a slice at a time;
// true once merged.
bool ListModelPrivate::mergeLoaded(const QElapsedTimer &clock)
{
    SlicedSort &m = load->sort;
    const qsizetype n = m.sorted.size();
    const qsizetype shown = qsizetype(rows.size());
    const auto cmp = [this](const Row *a, const Row *b) { return less(a, b); };
    while (!m.mergeSlice(0, shown, n, cmp)) {
        if (clock.nsecsElapsed() >= TurnBudgetNs)
            return false;
    }
    return true;
}

// Shows the merged rows: as row insertions when the loaded ones fall into
// few ranges, else as one model reset. False when a slot deleted the model.
bool ListModelPrivate::showLoaded()
{
    std::vector<Row *> merged = std::exchange(load->sort.buffer, {});
    load->sort.sorted.clear();
    for (Row *row : merged)
        row->loading = false;
    if (rangeCount(merged, [](const Row *row) { return !row->visible; }) <= MaxRowRanges)
        return insertShownRows(merged);
    const QPointer<ListModel> alive(q);
    q->beginResetModel();
    std::swap(rows, merged);
    for (Row *row : rows)
        row->visible = true;
    q->endResetModel();
    return bool(alive);
}

// A rearrangement covers every record, those a load has built included:
// the load starts over from building the records it has not reached.
void ListModelPrivate::abandonLoadOrder()
{
    if (!load)
        return;
    for (const auto &[slug, row] : records)
        row->loading = false;
    load->phase = Load::Phase::Build;
    load->sort = SlicedSort();
}

// Starts (or restarts) applying the current sort and filter settings. As
// much as fits in this turn's budget is done now, so a small model changes
// at once; the rest continues in later turns. A restart only schedules: the
// model already proved too large for one budget, and several setters called
// in one turn would otherwise spend a budget each.
void ListModelPrivate::rearrange(bool resort)
{
    const bool wasRunning = rearrangement.has_value();
    const bool wasResorting = wasRunning && rearrangement->resort;
    rearrangement.emplace();
    rearrangement->spec = wantedSpec();
    rearrangement->resort = resort || wasResorting;
    rearrangement->next = records.cbegin();
    abandonLoadOrder();
    QElapsedTimer clock;
    clock.start();
    if (!wasRunning && advance(clock)) {
        commit();
        return;
    }
    setBusy(true);
    scheduleProcessing();
}

// Works on the running rearrangement until it is computed (true) or the
// turn's budget is spent.
bool ListModelPrivate::advance(const QElapsedTimer &clock)
{
    while (clock.nsecsElapsed() < TurnBudgetNs) {
        if (computeStep() && sortStep())
            return true;
    }
    return false;
}

// Keys and visibility of the next 256 records; true once all are done.
bool ListModelPrivate::computeStep()
{
    Rearrangement &r = *rearrangement;
    for (int i = 0; i < 256; ++i, ++r.next) {
        if (r.next == records.cend())
            return true;
        Row *row = r.next->second.get();
        if (r.resort)
            nextKeys(*row) = keysOf(*row, r.spec);
        row->nextVisible = isVisible(row->slug, row->record);
        if (row->nextVisible)
            r.sort.sorted.push_back(row);
    }
    return false;
}

// One chunk sorted or one slice merged; true once sorted.
bool ListModelPrivate::sortStep()
{
    return rearrangement->sort.step([this](const Row *a, const Row *b) { return lessNext(a, b); });
}

// Shows a computed rearrangement: the rows that no longer pass the filter
// leave, the kept ones move to their new order, the new ones come in; or,
// when those would be many scattered ranges, one model reset.
void ListModelPrivate::commit()
{
    const Rearrangement done = std::move(*rearrangement);
    rearrangement.reset();
    const int countBefore = int(rows.size());
    const qsizetype ranges = rangeCount(rows, [](const Row *row) { return !row->nextVisible; })
            + rangeCount(done.sort.sorted, [](const Row *row) { return !row->visible; });
    if (ranges > MaxRowRanges) {
        q->beginResetModel();
        for (Row *row : rows)
            row->visible = false;
        takeKeys(done);
        rows = done.sort.sorted;
        for (Row *row : rows)
            row->visible = true;
        q->endResetModel();
    } else {
        removeHiddenRows();
        takeKeys(done);
        reorderKeptRows(done.sort.sorted);
        insertShownRows(done.sort.sorted);
    }
    setBusy(false);
    if (int(rows.size()) != countBefore)
        emit q->countChanged();
}

// Positions only, no search: the rows are still in their shown order.
void ListModelPrivate::removeHiddenRows()
{
    for (qsizetype last = qsizetype(rows.size()) - 1; last >= 0; --last) {
        if (rows[last]->nextVisible)
            continue;
        qsizetype first = last;
        while (first > 0 && !rows[first - 1]->nextVisible)
            --first;
        q->beginRemoveRows({}, int(first), int(last));
        for (qsizetype i = first; i <= last; ++i)
            rows[i]->visible = false;
        rows.erase(rows.begin() + first, rows.begin() + last + 1);
        q->endRemoveRows();
        last = first;
    }
}

void ListModelPrivate::takeKeys(const Rearrangement &done)
{
    if (done.resort)
        keySlot = 1 - keySlot;
    shownSpec = done.spec;
}

// The rows that stay move to their places in `sorted`, as one layout change.
void ListModelPrivate::reorderKeptRows(const std::vector<Row *> &sorted)
{
    std::vector<Row *> kept;
    kept.reserve(rows.size());
    for (Row *row : sorted) {
        if (row->visible)
            kept.push_back(row);
    }
    if (kept == rows)
        return;
    emit q->layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    const QModelIndexList before = q->persistentIndexList();
    std::vector<Row *> owners;
    owners.reserve(before.size());
    for (const QModelIndex &index : before)
        owners.push_back(rows.at(index.row()));
    rows = std::move(kept);
    QModelIndexList after;
    after.reserve(before.size());
    for (qsizetype i = 0; i < before.size(); ++i)
        after.append(q->index(int(positionOf(owners.at(i))), before.at(i).column()));
    q->changePersistentIndexList(before, after);
    emit q->layoutChanged({}, QAbstractItemModel::VerticalSortHint);
}

// Inserted front to back, each range at its final position: every row
// before it in `sorted` is already shown. False when a slot deleted the
// model.
bool ListModelPrivate::insertShownRows(const std::vector<Row *> &sorted)
{
    const QPointer<ListModel> alive(q);
    const qsizetype n = sorted.size();
    for (qsizetype first = 0; first < n; ++first) {
        if (sorted[first]->visible)
            continue;
        qsizetype end = first + 1;
        while (end < n && !sorted[end]->visible)
            ++end;
        q->beginInsertRows({}, int(first), int(end) - 1);
        rows.insert(rows.begin() + first, sorted.begin() + first, sorted.begin() + end);
        for (qsizetype i = first; i < end; ++i)
            sorted[i]->visible = true;
        q->endInsertRows();
        if (!alive)
            return false;
        first = end - 1;
    }
    return true;
}

void ListModelPrivate::setBusy(bool newBusy)
{
    if (busy == newBusy)
        return;
    busy = newBusy;
    emit q->busyChanged();
}

void ListModelPrivate::receiveSnapshot(TopicSubscription *from, const QList<QVariantMap> &records)
{
    TopicSubscriptionPrivate::get(from)->hold();
    // A snapshot replaces everything queued before it, and a first load in
    // progress: what it built so far is reloaded in place.
    load.reset();
    queue.clear();
    queueHead = 0;
    pendingSnapshot = records;
    scheduleProcessing();
}

void ListModelPrivate::receiveEvents(TopicSubscription *from, const QList<RecordEvent> &events)
{
    TopicSubscriptionPrivate::get(from)->hold();
    if (queueHead == queue.size()) {
        queue = events;
        queueHead = 0;
    } else {
        queue.append(events);
    }
    scheduleProcessing();
}

bool ListModelPrivate::isIdle() const
{
    return !rearrangement && !pendingSnapshot && !load && queueHead == queue.size();
}

void ListModelPrivate::scheduleProcessing()
{
    if (processingScheduled)
        return;
    processingScheduled = true;
    QTimer::singleShot(0, q, [this] { process(); });
}

// The snapshot, then the events, as far as the turn's budget goes; false
// when a slot deleted the model.
bool ListModelPrivate::applyQueued(const QElapsedTimer &clock)
{
    const QPointer<ListModel> alive(q);
    bool loaded = false;
    if (pendingSnapshot) {
        startSnapshot(*std::exchange(pendingSnapshot, std::nullopt));
        loaded = !load;
    }
    if (load) {
        if (!loadStep(clock))
            return bool(alive);
        load.reset();
        loaded = true;
    }
    if (loaded && status == ListModel::Status::Loading) {
        setStatus(ListModel::Status::Ready);
        if (!alive)
            return false;
    }
    while (queueHead < queue.size() && clock.nsecsElapsed() < TurnBudgetNs) {
        // Moved out when the batch is ours alone: the records it replaces
        // are then freed a slice at a time, not all in the turn that ends it.
        const RecordEvent event = queue.isDetached() ? std::move(queue[queueHead++]) : queue.at(queueHead++);
        if (event.kind == RecordEvent::Kind::Deleted)
            applyDelete(event.slug);
        else
            applyUpsert(event.slug, event.record);
        if (!alive)
            return false;
    }
    if (queueHead == queue.size()) {
        queue.clear();
        queueHead = 0;
    }
    return true;
}

void ListModelPrivate::process()
{
    processingScheduled = false;
    QElapsedTimer clock;
    clock.start();
    const QPointer<ListModel> alive(q);
    if (rearrangement) {
        // Live changes wait until the rows show the new arrangement.
        if (!advance(clock)) {
            scheduleProcessing();
            return;
        }
        commit();
        if (!alive)
            return;
    }
    const int countBefore = int(rows.size());
    if (!applyQueued(clock))
        return;
    if (int(rows.size()) != countBefore) {
        emit q->countChanged();
        if (!alive)
            return;
    }
    if (!isIdle())
        scheduleProcessing();
    else if (subscription)
        TopicSubscriptionPrivate::get(subscription)->release(subscription);
}

void ListModelPrivate::setStatus(ListModel::Status newStatus)
{
    if (status == newStatus)
        return;
    status = newStatus;
    emit q->statusChanged();
}

ListModel::ListModel(QObject *parent)
    : QAbstractListModel(parent), d(std::make_unique<ListModelPrivate>(this))
{
    d->displayRole = u"slug"_s;
    d->collator.setCaseSensitivity(Qt::CaseInsensitive);
    d->shownSpec = d->wantedSpec();
    d->rebuildRoles();
}

ListModel::~ListModel() = default;

Schema ListModel::schema() const
{
    return d->schema;
}

void ListModel::setSchema(const Schema &schema)
{
    if (d->schema == schema)
        return;
    beginResetModel();
    d->schema = schema;
    d->rebuildRoles();
    d->rows.clear();
    d->records.clear();
    d->rearrangement.reset();
    d->shownSpec = d->wantedSpec();
    d->setBusy(false);
    d->load.reset();
    d->queue.clear();
    d->queueHead = 0;
    endResetModel();
    // Releases the subscription, should it wait for what was dropped.
    d->scheduleProcessing();
    emit schemaChanged();
    emit countChanged();
}

QString ListModel::sortRole() const
{
    return d->sortRole;
}

void ListModel::setSortRole(const QString &role)
{
    if (d->sortRole == role)
        return;
    d->sortRole = role;
    d->rearrange(true);
    emit sortRoleChanged();
}

Qt::SortOrder ListModel::sortOrder() const
{
    return d->sortOrder;
}

void ListModel::setSortOrder(Qt::SortOrder order)
{
    if (d->sortOrder == order)
        return;
    d->sortOrder = order;
    d->rearrange(false);
    emit sortOrderChanged();
}

QStringList ListModel::sortRoles() const
{
    return d->sortRoles;
}

void ListModel::setSortRoles(const QStringList &roles)
{
    if (d->sortRoles == roles)
        return;
    d->sortRoles = roles;
    d->rearrange(true);
    emit sortRoleChanged();
}

QList<int> ListModel::sortOrders() const
{
    return d->sortOrders;
}

void ListModel::setSortOrders(const QList<int> &orders)
{
    if (d->sortOrders == orders)
        return;
    d->sortOrders = orders;
    d->rearrange(false);
    emit sortOrderChanged();
}

QLocale ListModel::sortLocale() const
{
    return d->sortLocale;
}

void ListModel::setSortLocale(const QLocale &locale)
{
    if (d->sortLocale == locale)
        return;
    d->sortLocale = locale;
    d->collator = QCollator(locale);
    d->collator.setCaseSensitivity(Qt::CaseInsensitive);
    d->rearrange(true);
    emit sortLocaleChanged();
}

QString ListModel::filterRole() const
{
    return d->filterRole;
}

void ListModel::setFilterRole(const QString &role)
{
    if (d->filterRole == role)
        return;
    d->filterRole = role;
    d->rearrange(false);
    emit filterChanged();
}

QVariant ListModel::filterValue() const
{
    return d->filterValue;
}

void ListModel::setFilterValue(const QVariant &value)
{
    if (d->filterValue == value)
        return;
    d->filterValue = value;
    d->rearrange(false);
    emit filterChanged();
}

QString ListModel::filterText() const
{
    return d->filterText;
}

void ListModel::setFilterText(const QString &text)
{
    if (d->filterText == text)
        return;
    d->filterText = text;
    d->rearrange(false);
    emit filterChanged();
}

QStringList ListModel::filterRoles() const
{
    return d->filterRoles;
}

void ListModel::setFilterRoles(const QStringList &roles)
{
    if (d->filterRoles == roles)
        return;
    d->filterRoles = roles;
    d->rearrange(false);
    emit filterChanged();
}

void ListModel::setFilterPredicate(FilterPredicate predicate)
{
    d->filterPredicate = std::move(predicate);
    d->rearrange(false);
}

bool ListModel::hasFilterPredicate() const
{
    return bool(d->filterPredicate);
}

void ListModel::invalidateFilter()
{
    d->rearrange(false);
}

bool ListModel::isBusy() const
{
    return d->busy;
}

QString ListModel::displayRole() const
{
    return d->displayRole;
}

void ListModel::setDisplayRole(const QString &role)
{
    if (d->displayRole == role)
        return;
    d->displayRole = role;
    if (!d->rows.empty())
        emit dataChanged(index(0), index(count() - 1), {Qt::DisplayRole});
    emit displayRoleChanged();
}

int ListModel::count() const
{
    return int(d->rows.size());
}

ListModel::Status ListModel::status() const
{
    return d->status;
}

Error ListModel::error() const
{
    return d->error;
}

void ListModel::setSubscription(TopicSubscription *subscription)
{
    if (!d->error.isNull()) {
        d->error = Error();
        emit errorChanged();
    }
    if (d->subscription == subscription) {
        if (!subscription)
            d->setStatus(Status::Loading);
        return;
    }
    delete d->subscription;
    d->subscription = subscription;
    d->setStatus(Status::Loading);
    if (!subscription)
        return;
    subscription->setParent(this);
    // Rows show the latest state only: the mailbox coalesces for the model
    // whatever the delivery, and is its only queue.
    TopicSubscriptionPrivate::get(subscription)->mailbox->setCoalescing(true);
    connect(subscription, &TopicSubscription::snapshotReceived, this,
            [this, subscription](const QList<QVariantMap> &records) { d->receiveSnapshot(subscription, records); });
    connect(subscription, &TopicSubscription::eventsReceived, this,
            [this, subscription](const QList<RecordEvent> &events) { d->receiveEvents(subscription, events); });
    connect(subscription, &TopicSubscription::errorOccurred, this,
            [this](const Error &error) { setError(error); });
}

void ListModel::setError(const Error &error)
{
    d->error = error;
    emit errorChanged();
    emit errorOccurred(error);
    d->setStatus(Status::Error);
}

TopicSubscription *ListModel::subscription() const
{
    return d->subscription;
}

int ListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : count();
}

QVariant ListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row *row = d->rows.at(index.row());
    if (role == Qt::DisplayRole)
        role = d->roleByName.value(d->displayRole, SlugRole);
    if (role == SlugRole)
        return row->slug;
    const int field = role - SlugRole;
    if (field <= 0 || field >= d->fields.size())
        return {};
    return row->record.value(d->fields.at(field));
}

QHash<int, QByteArray> ListModel::roleNames() const
{
    return d->roles;
}

int ListModel::roleForName(const QString &name) const
{
    return d->roleByName.value(name, -1);
}

QVariantMap ListModel::get(int row) const
{
    if (row < 0 || row >= count())
        return {};
    return d->rows.at(row)->record;
}

int ListModel::indexOf(const QString &slug) const
{
    const auto it = d->records.find(slug);
    if (it == d->records.end() || !it->second->visible)
        return -1;
    return int(d->positionOf(it->second.get()));
}

} // namespace Dust
