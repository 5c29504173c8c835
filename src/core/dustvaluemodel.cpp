// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#include "dustvaluemodel.h"

#include <QtCore/qcborvalue.h>
#include <QtCore/qhash.h>
#include <QtCore/qjsonarray.h>

#include <algorithm>
#include <cmath>
#include <set>

using namespace Qt::StringLiterals;

namespace Dust {

namespace {

Error valueError(const char *code)
{
    return Error(Error::Kind::InvalidValue, QString::fromLatin1(code));
}

Error paramsError(const char *code)
{
    return Error(Error::Kind::InvalidParams, QString::fromLatin1(code));
}

bool isIntegral(const QJsonValue &v)
{
    return v.isDouble() && QCborValue::fromJsonValue(v).isInteger();
}

// A JSON double holds every integer up to 2^53 exactly, and every double
// beyond it is an integer too, most of them not told apart from their
// neighbours. Qt's JSON parser keeps an integral number that fits in
// qint64 as an integer, which a double would round.
bool isExactNumber(const QJsonValue &v)
{
    constexpr qint64 maxExactInteger = qint64(1) << 53;
    if (isIntegral(v)) {
        const qint64 n = v.toInteger();
        return n >= -maxExactInteger && n <= maxExactInteger;
    }
    return std::abs(v.toDouble()) <= double(maxExactInteger);
}

// The first key after every key of the subtree rooted at `key`: '0' is the
// byte after '/', so [key + "/", key + "0") holds exactly the descendants.
QByteArray descendantsEnd(const QByteArray &key)
{
    return key + '0';
}

QByteArray descendantsBegin(const QByteArray &key)
{
    return key + '/';
}

Result<void> checkKeys(const QJsonValue &value);

// Each key of `object` becomes a path segment, so none may be empty, and
// neither may a key inside any plain map below it.
Result<void> checkObjectKeys(const QJsonObject &object)
{
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (it.key().isEmpty())
            return valueError("empty_key");
        if (!it.key().isValidUtf16())
            return valueError("invalid_unicode");
        if (Result<void> r = checkKeys(it.value()); !r)
            return r;
    }
    return {};
}

// The keys of a value that set() flattens; a typed value is one leaf and may
// hold any keys.
Result<void> checkKeys(const QJsonValue &value)
{
    if (!Entry::isPlainMap(value))
        return {};
    return checkObjectKeys(value.toObject());
}

// The leaves a set() of `value` at `path` leaves below it: a plain map
// flattens into its keys, anything else is one leaf.
void flatten(const Path &path, const QJsonValue &value, const Leaf &stamp, QList<LeafChange> &out)
{
    if (!Entry::isPlainMap(value)) {
        out.append({path.key(), Leaf{value, Entry::typeOf(value), stamp.seq, stamp.syncedAt}});
        return;
    }
    const QJsonObject object = value.toObject();
    for (auto it = object.begin(); it != object.end(); ++it)
        flatten(path.child(it.key()), it.value(), stamp, out);
}

struct Node
{
    std::optional<QJsonValue> leaf;
    std::map<QString, Node> children;

    QJsonValue toJson() const
    {
        // An exact leaf wins over anything below it.
        if (leaf)
            return *leaf;
        QJsonObject object;
        for (const auto &[name, child] : children)
            object.insert(name, child.toJson());
        return object;
    }
};

} // namespace

// Records the state of each key before an op first touches it, so apply()
// can report both the new and the previous state of every changed key.
class ValueModel::Recorder
{
public:
    explicit Recorder(LeafMap &leaves) : m_leaves(leaves) { }

    void put(const QByteArray &key, Leaf leaf)
    {
        remember(key);
        m_leaves.insert_or_assign(key, std::move(leaf));
    }

    void remove(LeafMap::iterator it)
    {
        remember(it->first);
        m_leaves.erase(it);
    }

    void finish(AppliedOp *out) const
    {
        out->changes.reserve(m_order.size());
        out->previous.reserve(m_order.size());
        for (const QByteArray &key : m_order) {
            const auto it = m_leaves.find(key);
            out->changes.append({key, it == m_leaves.end() ? std::nullopt : std::optional(it->second)});
            out->previous.append({key, m_before.value(key)});
        }
    }

private:
    void remember(const QByteArray &key)
    {
        if (m_before.contains(key))
            return;
        const auto it = m_leaves.find(key);
        m_before.insert(key, it == m_leaves.end() ? std::nullopt : std::optional(it->second));
        m_order.append(key);
    }

    LeafMap &m_leaves;
    QHash<QByteArray, std::optional<Leaf>> m_before;
    QList<QByteArray> m_order;
};

Result<void> ValueModel::validate(Op::Kind op, const QJsonValue &value)
{
    switch (op) {
    case Op::Kind::Set:
    case Op::Kind::PutFile:
    case Op::Kind::Lease:
    case Op::Kind::Renew:
        return checkKeys(value);
    case Op::Kind::Merge:
        // Merge splits even an object that looks like a typed value into its
        // keys, so its own keys are checked whatever it looks like.
        if (!value.isObject())
            return valueError("merge_requires_map_value");
        return checkObjectKeys(value.toObject());
    case Op::Kind::Increment:
        if (!value.isDouble())
            return valueError("increment_requires_number_value");
        return {};
    case Op::Kind::Add:
        if (value.isNull() || value.isUndefined())
            return valueError("add_requires_value");
        return {};
    case Op::Kind::Remove:
        if (value.isNull() || value.isUndefined())
            return valueError("remove_requires_value");
        return {};
    case Op::Kind::Delete:
    case Op::Kind::Release:
        return {};
    }
    return {};
}

Result<void> ValueModel::checkNumbers(const QJsonValue &value)
{
    const auto exactInside = [](const QJsonValue &v) { return checkNumbers(v).hasValue(); };
    bool exact = true;
    if (value.isDouble()) {
        exact = isExactNumber(value);
    } else if (value.isArray()) {
        const QJsonArray array = value.toArray();
        exact = std::all_of(array.begin(), array.end(), exactInside);
    } else if (value.isObject()) {
        const QJsonObject object = value.toObject();
        exact = std::all_of(object.begin(), object.end(), exactInside);
    }
    if (!exact)
        return valueError("invalid_value");
    return {};
}

Leaf ValueModel::leafFromSnapshot(const QJsonObject &entry, qint64 seq)
{
    QJsonValue value = entry.value(u"value");
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        if (object.size() == 1 && object.contains(u"_scalar"))
            value = object.value(u"_scalar");
    }
    const std::optional<Entry::Type> named = Entry::typeFromName(entry.value(u"type").toString());
    return Leaf{value, named.value_or(Entry::typeOf(value)), seq};
}

void ValueModel::removeSubtree(Recorder &recorder, const Path &path)
{
    const QByteArray key = path.key();
    if (const auto exact = m_leaves.find(key); exact != m_leaves.end())
        recorder.remove(exact);
    auto it = m_leaves.lower_bound(descendantsBegin(key));
    const QByteArray end = descendantsEnd(key);
    while (it != m_leaves.end() && it->first < end) {
        const auto next = std::next(it);
        recorder.remove(it);
        it = next;
    }
}

void ValueModel::setValue(Recorder &recorder, const Path &path, const QJsonValue &value, qint64 seq)
{
    removeSubtree(recorder, path);
    if (!Entry::isPlainMap(value)) {
        recorder.put(path.key(), Leaf{value, Entry::typeOf(value), seq});
        return;
    }
    const QJsonObject object = value.toObject();
    for (auto it = object.begin(); it != object.end(); ++it)
        setValue(recorder, path.child(it.key()), it.value(), seq);
}

Result<AppliedOp> ValueModel::apply(Op::Kind op, const Path &path, const QJsonValue &value,
                                    qint64 seq, Strictness strictness)
{
    if (path.isEmpty())
        return Error(Error::Kind::InvalidPath, u"empty_path"_s);
    if (Result<void> valid = validate(op, value); !valid)
        return valid.error();

    AppliedOp result;
    Recorder recorder(m_leaves);
    const QByteArray key = path.key();
    const std::optional<Leaf> current = leaf(key);

    switch (op) {
    case Op::Kind::Set:
    case Op::Kind::PutFile:
    case Op::Kind::Lease:
    case Op::Kind::Renew:
        setValue(recorder, path, value, seq);
        result.value = value;
        break;
    case Op::Kind::Delete:
    case Op::Kind::Release:
        removeSubtree(recorder, path);
        result.value = QJsonValue(QJsonValue::Null);
        break;
    case Op::Kind::Merge: {
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it)
            setValue(recorder, path.child(it.key()), it.value(), seq);
        result.value = value;
        break;
    }
    case Op::Kind::Increment: {
        QJsonValue base = current && !current->value.isNull() ? current->value : QJsonValue(0);
        if (!base.isDouble()) {
            if (strictness == Strictness::Strict)
                return valueError("increment_requires_number_target");
            base = QJsonValue(0);
        }
        QJsonValue total;
        qint64 sum = 0;
        if (isIntegral(base) && isIntegral(value)
            && !__builtin_add_overflow(base.toInteger(), value.toInteger(), &sum)) {
            total = QJsonValue(sum);
        } else {
            total = QJsonValue(base.toDouble() + value.toDouble());
        }
        if (strictness == Strictness::Strict && !isExactNumber(total))
            return valueError("invalid_value");
        recorder.put(key, Leaf{total, Entry::Type::Counter, seq});
        result.value = total;
        break;
    }
    case Op::Kind::Add:
    case Op::Kind::Remove: {
        QJsonArray members = current && current->value.isArray() ? current->value.toArray() : QJsonArray();
        if (op == Op::Kind::Add) {
            for (qsizetype i = members.size() - 1; i >= 0; --i) {
                if (members.at(i) == value)
                    members.removeAt(i);
            }
            members.prepend(value);
        } else {
            for (qsizetype i = 0; i < members.size(); ++i) {
                if (members.at(i) == value) {
                    members.removeAt(i);
                    break;
                }
            }
        }
        recorder.put(key, Leaf{members, Entry::Type::Set, seq});
        result.value = members;
        break;
    }
    }
    recorder.finish(&result);
    return result;
}

QList<LeafChange> ValueModel::set(const Path &path, const QJsonValue &value, qint64 seq, qint64 syncedAt)
{
    QList<LeafChange> changes;
    flatten(path, value, Leaf{{}, Entry::Type::Null, seq, syncedAt}, changes);
    const qsizetype added = changes.size();
    QList<QByteArray> sorted;
    if (added > 8) {
        for (const LeafChange &change : std::as_const(changes))
            sorted.append(change.key);
        std::sort(sorted.begin(), sorted.end());
    }
    const auto stays = [&](const QByteArray &key) {
        if (added > 8)
            return std::binary_search(sorted.cbegin(), sorted.cend(), key);
        return std::any_of(changes.cbegin(), changes.cbegin() + added,
                           [&](const LeafChange &change) { return change.key == key; });
    };
    // What the old subtree held and the new value does not: removed.
    const QByteArray key = path.key();
    const auto removeUnless = [&](LeafMap::iterator it) {
        if (stays(it->first))
            return std::next(it);
        changes.append({it->first, std::nullopt});
        return m_leaves.erase(it);
    };
    if (const auto exact = m_leaves.find(key); exact != m_leaves.end())
        removeUnless(exact);
    const QByteArray end = descendantsEnd(key);
    for (auto it = m_leaves.lower_bound(descendantsBegin(key)); it != m_leaves.end() && it->first < end;)
        it = removeUnless(it);
    for (qsizetype i = 0; i < added; ++i)
        m_leaves.insert_or_assign(changes.at(i).key, *changes.at(i).leaf);
    return changes;
}

void ValueModel::applyChanges(const QList<LeafChange> &changes)
{
    for (const LeafChange &change : changes) {
        if (change.leaf)
            m_leaves.insert_or_assign(change.key, *change.leaf);
        else
            m_leaves.erase(change.key);
    }
}

std::optional<Leaf> ValueModel::leaf(const QByteArray &key) const
{
    const auto it = m_leaves.find(key);
    if (it == m_leaves.end())
        return std::nullopt;
    return it->second;
}

std::optional<Leaf> ValueModel::leaf(const Path &path) const
{
    return leaf(path.key());
}

bool ValueModel::contains(const Path &path) const
{
    const QByteArray key = path.key();
    if (m_leaves.count(key))
        return true;
    const auto it = m_leaves.lower_bound(descendantsBegin(key));
    return it != m_leaves.end() && it->first < descendantsEnd(key);
}

std::optional<Entry> ValueModel::read(const Path &path) const
{
    if (path.isEmpty())
        return std::nullopt;
    const QByteArray key = path.key();
    if (const auto exact = m_leaves.find(key); exact != m_leaves.end())
        return Entry{path, exact->second.value, exact->second.type, exact->second.seq,
                     Entry::syncTime(exact->second.syncedAt)};

    Node root;
    qint64 revision = 0;
    bool found = false;
    const QByteArray end = descendantsEnd(key);
    for (auto it = m_leaves.lower_bound(descendantsBegin(key)); it != m_leaves.end() && it->first < end; ++it) {
        found = true;
        revision = std::max(revision, it->second.seq);
        const Path relative = *Path::parse(QString::fromUtf8(it->first.mid(key.size() + 1)));
        Node *node = &root;
        for (const QString &segment : relative.segments())
            node = &node->children[segment];
        node->leaf = it->second.value;
    }
    if (!found)
        return std::nullopt;
    return Entry{path, root.toJson(), Entry::Type::Map, revision};
}

QList<LeafChange> ValueModel::subtree(const Path &path) const
{
    QList<LeafChange> out;
    const QByteArray key = path.key();
    if (const auto exact = m_leaves.find(key); exact != m_leaves.end())
        out.append({key, exact->second});
    const QByteArray end = descendantsEnd(key);
    for (auto it = m_leaves.lower_bound(descendantsBegin(key)); it != m_leaves.end() && it->first < end; ++it)
        out.append({it->first, it->second});
    return out;
}

qint64 ValueModel::maxSeq() const
{
    qint64 max = 0;
    for (const auto &[key, leaf] : m_leaves)
        max = std::max(max, leaf.seq);
    return max;
}

Entry ValueModel::toEntry(const LeafMap::value_type &item)
{
    return Entry{*Path::parse(QString::fromUtf8(item.first)), item.second.value, item.second.type,
                 item.second.seq, Entry::syncTime(item.second.syncedAt)};
}

Result<PageRequest> ValueModel::checkedRequest(const PageRequest &request)
{
    if (request.limit < 1)
        return paramsError("invalid_limit");
    PageRequest checked = request;
    checked.limit = std::min(request.limit, PageRequest::MaxLimit);
    return checked;
}

Result<Page> ValueModel::enumerate(const Glob &pattern, const PageRequest &request) const
{
    if (!pattern.isValid())
        return Error(Error::Kind::InvalidPath, u"empty_path"_s);
    Result<PageRequest> checked = checkedRequest(request);
    if (!checked)
        return checked.error();
    const PageRequest &req = *checked;
    const bool ascending = req.order == PageRequest::Order::Ascending;
    const QByteArray after = req.after.toUtf8();
    // Only keys from the literal prefix up to its last descendant can match.
    const QByteArray prefix = pattern.literalPrefix().key();

    if (req.select == PageRequest::Select::Prefixes) {
        const auto first = m_leaves.lower_bound(prefix);
        const auto last = prefix.isEmpty() ? m_leaves.end() : m_leaves.lower_bound(descendantsEnd(prefix));
        Page page;
        if (!pattern.endsWithMany())
            return paramsError("invalid_pattern_for_prefixes");
        // The distinct paths one segment below the literal part.
        std::set<QByteArray> prefixes;
        const qsizetype skip = prefix.isEmpty() ? 0 : prefix.size() + 1;
        for (auto it = first; it != last; ++it) {
            if (!pattern.matchesRendered(it->first))
                continue;
            const qsizetype slash = it->first.indexOf('/', skip);
            prefixes.insert(slash < 0 ? it->first : it->first.left(slash));
        }
        QList<QByteArray> ordered(prefixes.begin(), prefixes.end());
        if (!ascending)
            std::reverse(ordered.begin(), ordered.end());
        for (const QByteArray &p : std::as_const(ordered)) {
            if (!after.isEmpty() && (ascending ? p <= after : p >= after))
                continue;
            if (page.keys.size() == req.limit) {
                page.nextCursor = page.keys.last();
                break;
            }
            page.keys.append(QString::fromUtf8(p));
        }
        return page;
    }

    return collectPage(prefix, prefix.isEmpty() ? QByteArray() : descendantsEnd(prefix), req, &pattern);
}

Result<Page> ValueModel::range(const QString &from, const QString &to, const PageRequest &request) const
{
    if (request.select == PageRequest::Select::Prefixes)
        return paramsError("unsupported_select");
    Result<PageRequest> checked = checkedRequest(request);
    if (!checked)
        return checked.error();
    const QByteArray low = from.toUtf8();
    const QByteArray high = to.toUtf8();
    if (low >= high)
        return Page();
    return collectPage(low, high, *checked, nullptr);
}

Page ValueModel::collectPage(QByteArray low, QByteArray high, const PageRequest &req,
                             const Glob *filter) const
{
    // An empty `high` means "to the end". The cursor narrows the bounds: the
    // smallest key above `after` is `after` followed by a NUL byte.
    const bool ascending = req.order == PageRequest::Order::Ascending;
    const QByteArray after = req.after.toUtf8();
    if (!after.isEmpty() && ascending)
        low = std::max(low, QByteArray(after + '\0'));
    if (!after.isEmpty() && !ascending)
        high = high.isEmpty() ? after : std::min(high, after);

    Page page;
    if (!high.isEmpty() && low >= high)
        return page;
    const auto first = m_leaves.lower_bound(low);
    const auto last = high.isEmpty() ? m_leaves.end() : m_leaves.lower_bound(high);

    // Take one item more than the limit, so a cursor is only handed out when
    // another page really exists.
    QList<const LeafMap::value_type *> items;
    const auto visit = [&](const LeafMap::value_type &item) {
        if (!filter || filter->matchesRendered(item.first))
            items.append(&item);
        return items.size() <= req.limit;
    };
    if (ascending) {
        for (auto it = first; it != last && visit(*it); ++it) { }
    } else {
        for (auto it = last; it != first && visit(*--it);) { }
    }
    const bool more = items.size() > req.limit;
    if (more)
        items.removeLast();
    for (const auto *item : std::as_const(items)) {
        if (req.select == PageRequest::Select::Keys)
            page.keys.append(QString::fromUtf8(item->first));
        else
            page.entries.append(toEntry(*item));
    }
    if (more)
        page.nextCursor = QString::fromUtf8(items.last()->first);
    return page;
}

qsizetype ValueModel::count(const Glob &pattern) const
{
    const QByteArray prefix = pattern.literalPrefix().key();
    const auto first = prefix.isEmpty() ? m_leaves.begin() : m_leaves.lower_bound(prefix);
    const auto last = prefix.isEmpty() ? m_leaves.end() : m_leaves.lower_bound(descendantsEnd(prefix));
    qsizetype n = 0;
    for (auto it = first; it != last; ++it) {
        if (pattern.matchesRendered(it->first))
            ++n;
    }
    return n;
}

} // namespace Dust
