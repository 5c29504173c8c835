// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#include "dustlistmodel.h"

#include <dusttopicsubscription.h>

#include <QtCore/qdatetime.h>
#include <QtCore/qelapsedtimer.h>
#include <QtCore/qpointer.h>
#include <QtCore/qtimer.h>

#include <algorithm>
#include <unordered_map>

using namespace Qt::StringLiterals;

namespace Dust {

namespace {

// How long one event-loop turn may spend applying changes; what is left
// waits for the next turn, so the GUI keeps painting during a storm.
constexpr qint64 TurnBudgetNs = 4'000'000;

// A row's sort value, cached: comparisons run often. A string also keeps its
// case-folded form, so that the common case-insensitive comparison of two
// strings is a plain one, with no folding per character and comparison.
struct SortKey
{
    QVariant value;
    QString folded;
};

struct Row
{
    QString slug;
    QVariantMap record;
    SortKey key;
    bool visible = false;
};

bool isNumber(const QVariant &v)
{
    switch (v.typeId()) {
    case QMetaType::Int:
    case QMetaType::UInt:
    case QMetaType::LongLong:
    case QMetaType::ULongLong:
    case QMetaType::Double:
    case QMetaType::Float:
        return true;
    default:
        return false;
    }
}

SortKey sortKey(const QVariant &value)
{
    if (value.typeId() == QMetaType::QString)
        return {value, static_cast<const QString *>(value.constData())->toCaseFolded()};
    return {value, {}};
}

// A total order over the values a record field can hold: missing values
// first, then numbers, dates and strings in their natural order.
int compareKeys(const SortKey &ka, const SortKey &kb)
{
    const QVariant &a = ka.value;
    const QVariant &b = kb.value;
    if (a.typeId() == QMetaType::QString && b.typeId() == QMetaType::QString) {
        if (const int folded = ka.folded.compare(kb.folded))
            return folded;
        return static_cast<const QString *>(a.constData())->compare(*static_cast<const QString *>(b.constData()));
    }
    const bool aNull = a.isNull();
    const bool bNull = b.isNull();
    if (aNull || bNull)
        return int(bNull) - int(aNull);
    if (isNumber(a) && isNumber(b)) {
        const double x = a.toDouble();
        const double y = b.toDouble();
        return x < y ? -1 : (y < x ? 1 : 0);
    }
    if (a.typeId() == QMetaType::QDateTime && b.typeId() == QMetaType::QDateTime) {
        const QDateTime x = a.toDateTime();
        const QDateTime y = b.toDateTime();
        return x < y ? -1 : (y < x ? 1 : 0);
    }
    if (a.typeId() == QMetaType::Bool && b.typeId() == QMetaType::Bool)
        return int(a.toBool()) - int(b.toBool());
    const QString x = a.toString();
    const QString y = b.toString();
    if (const int ci = x.compare(y, Qt::CaseInsensitive))
        return ci;
    return x.compare(y);
}

} // namespace

class ListModelPrivate
{
public:
    explicit ListModelPrivate(ListModel *q) : q(q) { }

    void rebuildRoles();
    SortKey keyOf(const Row &row) const;
    bool isVisible(const QVariantMap &record) const;
    bool less(const Row *a, const Row *b) const;
    qsizetype positionOf(const Row *row) const;
    qsizetype insertPosition(const Row *row) const;

    void insertRow(Row *row);
    void removeRow(Row *row);
    void updateRow(Row *row, const QVariantMap &record);
    void applyUpsert(const QString &slug, const QVariantMap &record);
    void applyDelete(const QString &slug);
    void applySnapshot(const QList<QVariantMap> &records);
    void resort();
    void refilter();

    void enqueue(const QList<RecordEvent> &events);
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
    QString filterRole;
    QVariant filterValue;
    QString displayRole;

    std::unordered_map<QString, std::unique_ptr<Row>> records; // every record by slug
    std::vector<Row *> rows;                                   // the visible ones, sorted

    // Changes not applied yet, coalesced per slug in first-change order.
    std::optional<QList<QVariantMap>> pendingSnapshot;
    QList<RecordEvent> pending;
    qsizetype pendingHead = 0;
    QHash<QString, qsizetype> pendingIndex;
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

SortKey ListModelPrivate::keyOf(const Row &row) const
{
    if (sortRole.isEmpty() || roleByName.value(sortRole) == ListModel::SlugRole)
        return sortKey(row.slug);
    return sortKey(row.record.value(sortRole));
}

bool ListModelPrivate::isVisible(const QVariantMap &record) const
{
    return filterRole.isEmpty() || record.value(filterRole) == filterValue;
}

bool ListModelPrivate::less(const Row *a, const Row *b) const
{
    if (const int c = compareKeys(a->key, b->key))
        return sortOrder == Qt::AscendingOrder ? c < 0 : c > 0;
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
    const bool nowVisible = isVisible(record);
    if (!wasVisible) {
        row->record = record;
        row->key = keyOf(*row);
        if (nowVisible)
            insertRow(row);
        return;
    }
    if (!nowVisible) {
        removeRow(row);
        row->record = record;
        row->key = keyOf(*row);
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
    row->key = keyOf(*row);

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
    row->key = keyOf(*row);
    Row *raw = row.get();
    records.emplace(slug, std::move(row));
    if (isVisible(record))
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

void ListModelPrivate::applySnapshot(const QList<QVariantMap> &snapshot)
{
    const QString slugField = schema.slugField();
    if (records.empty()) {
        // First load: every row at once, in one insert.
        std::vector<Row *> visible;
        for (const QVariantMap &record : snapshot) {
            auto row = std::make_unique<Row>();
            row->slug = record.value(slugField).toString();
            row->record = record;
            row->key = keyOf(*row);
            row->visible = isVisible(record);
            if (row->visible)
                visible.push_back(row.get());
            records.insert_or_assign(row->slug, std::move(row));
        }
        if (visible.empty())
            return;
        std::sort(visible.begin(), visible.end(), [this](const Row *a, const Row *b) { return less(a, b); });
        q->beginInsertRows({}, 0, int(visible.size()) - 1);
        rows = std::move(visible);
        q->endInsertRows();
        return;
    }
    // A reload: records that are gone are removed, the others upserted;
    // unchanged rows emit nothing.
    QSet<QString> present;
    present.reserve(snapshot.size());
    for (const QVariantMap &record : snapshot)
        present.insert(record.value(slugField).toString());
    QStringList gone;
    for (const auto &[slug, row] : records) {
        if (!present.contains(slug))
            gone.append(slug);
    }
    for (const QString &slug : std::as_const(gone))
        applyDelete(slug);
    for (const QVariantMap &record : snapshot)
        applyUpsert(record.value(slugField).toString(), record);
}

void ListModelPrivate::resort()
{
    for (auto &[slug, row] : records)
        row->key = keyOf(*row);
    if (rows.empty())
        return;
    emit q->layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    const QModelIndexList before = q->persistentIndexList();
    std::vector<Row *> owners;
    owners.reserve(before.size());
    for (const QModelIndex &index : before)
        owners.push_back(rows.at(index.row()));
    std::sort(rows.begin(), rows.end(), [this](const Row *a, const Row *b) { return less(a, b); });
    QModelIndexList after;
    after.reserve(before.size());
    for (qsizetype i = 0; i < before.size(); ++i)
        after.append(q->index(int(positionOf(owners.at(i))), before.at(i).column()));
    q->changePersistentIndexList(before, after);
    emit q->layoutChanged({}, QAbstractItemModel::VerticalSortHint);
}

void ListModelPrivate::refilter()
{
    for (auto &[slug, row] : records) {
        const bool want = isVisible(row->record);
        if (want && !row->visible)
            insertRow(row.get());
        else if (!want && row->visible)
            removeRow(row.get());
    }
}

void ListModelPrivate::enqueue(const QList<RecordEvent> &events)
{
    for (const RecordEvent &event : events) {
        const auto it = pendingIndex.constFind(event.slug);
        if (it != pendingIndex.cend() && *it >= pendingHead) {
            pending[*it] = event;
        } else {
            pendingIndex.insert(event.slug, pending.size());
            pending.append(event);
        }
    }
    scheduleProcessing();
}

void ListModelPrivate::scheduleProcessing()
{
    if (processingScheduled)
        return;
    processingScheduled = true;
    QTimer::singleShot(0, q, [this] { process(); });
}

void ListModelPrivate::process()
{
    processingScheduled = false;
    const int countBefore = int(rows.size());
    QElapsedTimer clock;
    clock.start();
    if (pendingSnapshot) {
        const QList<QVariantMap> snapshot = *std::exchange(pendingSnapshot, std::nullopt);
        applySnapshot(snapshot);
        if (status == ListModel::Status::Loading)
            setStatus(ListModel::Status::Ready);
    }
    while (pendingHead < pending.size() && clock.nsecsElapsed() < TurnBudgetNs) {
        const RecordEvent event = pending.at(pendingHead);
        pendingIndex.remove(event.slug);
        ++pendingHead;
        if (event.kind == RecordEvent::Kind::Deleted)
            applyDelete(event.slug);
        else
            applyUpsert(event.slug, event.record);
    }
    if (pendingHead == pending.size()) {
        pending.clear();
        pendingIndex.clear();
        pendingHead = 0;
    } else {
        scheduleProcessing();
    }
    if (int(rows.size()) != countBefore)
        emit q->countChanged();
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
    d->pending.clear();
    d->pendingIndex.clear();
    d->pendingHead = 0;
    endResetModel();
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
    d->resort();
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
    d->resort();
    emit sortOrderChanged();
}

QString ListModel::filterRole() const
{
    return d->filterRole;
}

void ListModel::setFilterRole(const QString &role)
{
    if (d->filterRole == role)
        return;
    const int before = count();
    d->filterRole = role;
    d->refilter();
    emit filterChanged();
    if (count() != before)
        emit countChanged();
}

QVariant ListModel::filterValue() const
{
    return d->filterValue;
}

void ListModel::setFilterValue(const QVariant &value)
{
    if (d->filterValue == value)
        return;
    const int before = count();
    d->filterValue = value;
    d->refilter();
    emit filterChanged();
    if (count() != before)
        emit countChanged();
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
    connect(subscription, &TopicSubscription::snapshotReceived, this,
            [this](const QList<QVariantMap> &records) {
        // A snapshot replaces everything queued before it.
        d->pending.clear();
        d->pendingIndex.clear();
        d->pendingHead = 0;
        d->pendingSnapshot = records;
        d->scheduleProcessing();
    });
    connect(subscription, &TopicSubscription::eventsReceived, this,
            [this](const QList<RecordEvent> &events) { d->enqueue(events); });
    connect(subscription, &TopicSubscription::errorOccurred, this,
            [this](const Error &error) { setError(error); });
}

void ListModel::setError(const Error &error)
{
    d->error = error;
    emit errorChanged();
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
