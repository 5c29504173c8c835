// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#include "dustvaluemodel.h"

#include "dustcbor_p.h"

#include <QtCore/qcborvalue.h>
#include <QtCore/qhash.h>
#include <QtCore/qjsonarray.h>
#include <QtCore/qjsondocument.h>
#include <QtCore/qjsonobject.h>

#include <QtCore/qvarlengtharray.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>
#include <limits>
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

// `key` and one more byte, in one allocation.
QByteArray keyWith(QByteArrayView key, char last)
{
    QByteArray out(key.size() + 1, Qt::Uninitialized);
    std::memcpy(out.data(), key.data(), size_t(key.size()));
    out[key.size()] = last;
    return out;
}

// The first key after every key of the subtree rooted at `key`: '0' is the
// byte after '/', so [key + "/", key + "0") holds exactly the descendants.
QByteArray descendantsEnd(QByteArrayView key)
{
    return keyWith(key, '0');
}

QByteArray descendantsBegin(QByteArrayView key)
{
    return keyWith(key, '/');
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

// The type byte of a stored removal (an overlay's "absent here").
constexpr quint8 RemovalType = 0xff;

using Encoded = QVarLengthArray<char, 64>;

// JSON carries a lone UTF-16 surrogate as an escape ("\ud800"), but UTF-8,
// and so a CBOR text string, cannot hold one. Such a string is kept as its
// UTF-16 code units in a CBOR byte string, and an array or object holding
// one as its JSON text under CBOR tag 262 (embedded JSON), so that it reads
// back as it came.
constexpr quint64 EmbeddedJsonTag = 262;

bool holdsLoneSurrogate(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::String:
        return !QStringView(value.toString()).isValidUtf16();
    case QJsonValue::Array: {
        const QJsonArray array = value.toArray();
        return std::any_of(array.begin(), array.end(), [](const QJsonValue &item) { return holdsLoneSurrogate(item); });
    }
    case QJsonValue::Object: {
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            if (!QStringView(it.key()).isValidUtf16() || holdsLoneSurrogate(it.value()))
                return true;
        }
        return false;
    }
    default:
        return false;
    }
}

void appendBytes(Encoded &out, const char *data, qsizetype size)
{
    Cbor::appendHead(out, 2, quint64(size));
    out.append(data, size);
}

// A stored value: nothing for null, else its CBOR encoding. Strings,
// numbers and booleans, nearly every leaf, are written here directly:
// QCborValue::toCbor() costs a stream writer and a growing buffer each.
Encoded encodeValue(const QJsonValue &value)
{
    Encoded out;
    switch (value.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        break;
    case QJsonValue::Bool:
        out.append(char(value.toBool() ? 0xf5 : 0xf4));
        break;
    case QJsonValue::String: {
        const QString string = value.toString();
        if (!QStringView(string).isValidUtf16()) {
            appendBytes(out, reinterpret_cast<const char *>(string.utf16()), string.size() * qsizetype(sizeof(char16_t)));
            break;
        }
        const QByteArray text = string.toUtf8();
        Cbor::appendHead(out, 3, quint64(text.size()));
        out.append(text.constData(), text.size());
        break;
    }
    case QJsonValue::Double: {
        const QCborValue number = QCborValue::fromJsonValue(value);
        if (number.isInteger()) {
            const qint64 n = number.toInteger();
            Cbor::appendHead(out, n < 0 ? 1 : 0, n < 0 ? ~quint64(n) : quint64(n));
        } else {
            out.append(char(0xfb));
            const quint64 bits = std::bit_cast<quint64>(number.toDouble());
            for (int shift = 56; shift >= 0; shift -= 8)
                out.append(char((bits >> shift) & 0xff));
        }
        break;
    }
    case QJsonValue::Array:
    case QJsonValue::Object: {
        if (holdsLoneSurrogate(value)) {
            const QByteArray json = value.isArray() ? QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact)
                                                    : QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact);
            Cbor::appendHead(out, 6, EmbeddedJsonTag);
            appendBytes(out, json.constData(), json.size());
            break;
        }
        const QByteArray cbor = QCborValue::fromJsonValue(value).toCbor();
        out.append(cbor.constData(), cbor.size());
        break;
    }
    }
    return out;
}

// A CBOR head: its argument and its length in bytes. A length of 0 marks a
// head this reader leaves to QCborValue. (Not a std::optional: GCC 12 at -O1
// reports its members as maybe-uninitialized.)
struct CborHead
{
    quint64 argument = 0;
    qsizetype length = 0;
};

CborHead readHead(const uchar *bytes, qsizetype size)
{
    const quint8 info = bytes[0] & 0x1f;
    if (info < 24)
        return {quint64(info), 1};
    if (info > 27)
        return {};
    const qsizetype length = qsizetype(1) << (info - 24);
    if (size < 1 + length)
        return {};
    quint64 n = 0;
    for (qsizetype i = 1; i <= length; ++i)
        n = (n << 8) | bytes[i];
    return {n, 1 + length};
}

QJsonValue decodeValue(const char *data, qsizetype size)
{
    if (size == 0)
        return QJsonValue(QJsonValue::Null);
    const auto *bytes = reinterpret_cast<const uchar *>(data);
    const quint8 major = bytes[0] >> 5;
    if (bytes[0] == 0xf4 || bytes[0] == 0xf5)
        return QJsonValue(bytes[0] == 0xf5);
    if (bytes[0] == 0xfb && size == 9) {
        quint64 bits = 0;
        for (qsizetype i = 1; i < 9; ++i)
            bits = (bits << 8) | bytes[i];
        return QJsonValue(std::bit_cast<double>(bits));
    }
    const CborHead head = major <= 3 || major == 6 ? readHead(bytes, size) : CborHead();
    if (head.length && major == 2 && quint64(size - head.length) == head.argument) {
        QString text(qsizetype(head.argument / sizeof(char16_t)), Qt::Uninitialized);
        std::memcpy(text.data(), data + head.length, size_t(text.size()) * sizeof(char16_t));
        return QJsonValue(text);
    }
    if (head.length && major == 6 && head.argument == EmbeddedJsonTag) {
        const CborHead json = readHead(bytes + head.length, size - head.length);
        const QJsonDocument document = QJsonDocument::fromJson(
            QByteArray::fromRawData(data + head.length + json.length, size - head.length - json.length));
        return document.isArray() ? QJsonValue(document.array()) : QJsonValue(document.object());
    }
    constexpr quint64 maxInteger = quint64(std::numeric_limits<qint64>::max());
    if (head.length && major == 0 && head.argument <= maxInteger)
        return QJsonValue(qint64(head.argument));
    if (head.length && major == 1 && head.argument <= maxInteger)
        return QJsonValue(qint64(-1) - qint64(head.argument));
    if (head.length && major == 3 && quint64(size - head.length) == head.argument)
        return QJsonValue(QString::fromUtf8(data + head.length, qsizetype(head.argument)));
    return QCborValue::fromCbor(QByteArray::fromRawData(data, size)).toJsonValue();
}

// Visits the leaves of `base` with keys in [low, high) (an empty `high`:
// to the end), with `over` laid on top: its leaves replace the base's of the
// same key and its removals hide them. `visit` returns false to stop.
template<typename Set, typename Visit>
void walk(const Set &base, const Set *over, QByteArrayView low, QByteArrayView high, bool ascending,
          Visit &&visit)
{
    const auto bounds = [&](const Set &set) {
        return std::pair{set.lower_bound(low), high.isEmpty() ? set.end() : set.lower_bound(high)};
    };
    const auto merge = [&](auto b, auto bEnd, auto o, auto oEnd, auto before) {
        while (b != bEnd || o != oEnd) {
            if (o == oEnd || (b != bEnd && before(b->key(), o->key()))) {
                if (!visit(*b++))
                    return;
                continue;
            }
            if (b != bEnd && b->key() == o->key())
                ++b;
            const auto &item = *o++;
            if (!item.isRemoval() && !visit(item))
                return;
        }
    };
    const auto [bFirst, bLast] = bounds(base);
    if (!over || over->empty()) {
        if (ascending)
            merge(bFirst, bLast, bLast, bLast, std::less<>());
        else
            merge(std::make_reverse_iterator(bLast), std::make_reverse_iterator(bFirst),
                  std::make_reverse_iterator(bFirst), std::make_reverse_iterator(bFirst), std::greater<>());
        return;
    }
    const auto [oFirst, oLast] = bounds(*over);
    if (ascending)
        merge(bFirst, bLast, oFirst, oLast, std::less<>());
    else
        merge(std::make_reverse_iterator(bLast), std::make_reverse_iterator(bFirst),
              std::make_reverse_iterator(oLast), std::make_reverse_iterator(oFirst), std::greater<>());
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

ValueModel::StoredLeaf::StoredLeaf(QByteArrayView key, const std::optional<Leaf> &leaf)
    : StoredLeaf(key, leaf ? quint8(leaf->type) : RemovalType,
                 leaf ? QByteArrayView(encodeValue(leaf->value)) : QByteArrayView(),
                 leaf ? leaf->seq : 0, leaf ? leaf->syncedAt : 0)
{
}

ValueModel::StoredLeaf::StoredLeaf(QByteArrayView key, quint8 type, QByteArrayView value, qint64 seq,
                                   qint64 syncedAt)
    : m_bytes(std::make_unique_for_overwrite<char[]>(size_t(key.size() + 1 + value.size()))), m_seq(seq),
      m_syncedAt(syncedAt), m_keySize(quint32(key.size())), m_size(quint32(key.size() + 1 + value.size()))
{
    std::memcpy(m_bytes.get(), key.data(), size_t(key.size()));
    m_bytes[key.size()] = char(type);
    if (!value.isEmpty())
        std::memcpy(m_bytes.get() + key.size() + 1, value.data(), size_t(value.size()));
}

ValueModel::StoredLeaf::StoredLeaf(const StoredLeaf &other)
    : m_bytes(std::make_unique_for_overwrite<char[]>(other.m_size)), m_seq(other.m_seq),
      m_syncedAt(other.m_syncedAt), m_keySize(other.m_keySize), m_size(other.m_size)
{
    std::memcpy(m_bytes.get(), other.m_bytes.get(), m_size);
}

ValueModel::StoredLeaf &ValueModel::StoredLeaf::operator=(const StoredLeaf &other)
{
    if (this != &other)
        *this = StoredLeaf(other);
    return *this;
}

bool ValueModel::StoredLeaf::isRemoval() const
{
    return quint8(m_bytes[m_keySize]) == RemovalType;
}

Leaf ValueModel::StoredLeaf::leaf() const
{
    const qsizetype valueAt = qsizetype(m_keySize) + 1;
    return Leaf{decodeValue(m_bytes.get() + valueAt, qsizetype(m_size) - valueAt),
                Entry::Type(quint8(m_bytes[m_keySize])), m_seq, m_syncedAt};
}

std::optional<Leaf> ValueModel::StoredLeaf::state() const
{
    if (isRemoval())
        return std::nullopt;
    return leaf();
}

// Puts `leaf` at `key` (a removal for no leaf), reusing the tree node of a
// key already there.
void ValueModel::put(LeafSet &leaves, QByteArrayView key, const std::optional<Leaf> &leaf)
{
    put(leaves, StoredLeaf(key, leaf));
}

void ValueModel::put(LeafSet &leaves, StoredLeaf &&leaf)
{
    const auto it = leaves.lower_bound(leaf.key());
    if (it == leaves.end() || it->key() != leaf.key()) {
        leaves.insert(it, std::move(leaf));
        return;
    }
    const auto hint = std::next(it);
    auto node = leaves.extract(it);
    node.value() = std::move(leaf);
    leaves.insert(hint, std::move(node));
}

// Records the state of each key before an op first touches it, so apply()
// can report both the new and the previous state of every changed key.
class ValueModel::Recorder
{
public:
    explicit Recorder(LeafSet &leaves) : m_leaves(leaves) { }

    void put(const QByteArray &key, const Leaf &leaf)
    {
        remember(key);
        ValueModel::put(m_leaves, key, leaf);
    }

    void remove(LeafSet::iterator it)
    {
        remember(it->key().toByteArray());
        m_leaves.erase(it);
    }

    void finish(AppliedOp *out) const
    {
        out->changes.reserve(m_order.size());
        out->previous.reserve(m_order.size());
        for (const QByteArray &key : m_order) {
            out->changes.append({key, leafIn({m_leaves}, key)});
            out->previous.append({key, m_before.value(key)});
        }
    }

private:
    void remember(const QByteArray &key)
    {
        if (m_before.contains(key))
            return;
        m_before.insert(key, leafIn({m_leaves}, key));
        m_order.append(key);
    }

    LeafSet &m_leaves;
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
    if (const auto exact = m_leaves.find(QByteArrayView(key)); exact != m_leaves.end())
        recorder.remove(exact);
    const QByteArray end = descendantsEnd(key);
    auto it = m_leaves.lower_bound(QByteArrayView(descendantsBegin(key)));
    while (it != m_leaves.end() && it->key() < QByteArrayView(end)) {
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
    QVarLengthArray<QByteArrayView, 8> keep;
    for (const LeafChange &change : std::as_const(changes))
        keep.append(change.key);
    std::sort(keep.begin(), keep.end());
    removeSubtreeExcept(path.key(), keep, &changes);
    for (qsizetype i = 0; i < added; ++i)
        put(m_leaves, changes.at(i).key, changes.at(i).leaf);
    return changes;
}

void ValueModel::removeSubtreeExcept(QByteArrayView key, std::span<const QByteArrayView> keep,
                                     QList<LeafChange> *changes)
{
    // What the old subtree held and the new value does not: removed.
    const auto removeUnless = [&](LeafSet::iterator it) {
        if (std::binary_search(keep.begin(), keep.end(), it->key()))
            return std::next(it);
        if (changes)
            changes->append({it->key().toByteArray(), std::nullopt});
        return m_leaves.erase(it);
    };
    if (const auto exact = m_leaves.find(key); exact != m_leaves.end())
        removeUnless(exact);
    const QByteArray end = descendantsEnd(key);
    for (auto it = m_leaves.lower_bound(QByteArrayView(descendantsBegin(key)));
         it != m_leaves.end() && it->key() < QByteArrayView(end);)
        it = removeUnless(it);
}

void ValueModel::applyChanges(const QList<LeafChange> &changes)
{
    for (const LeafChange &change : changes) {
        if (change.leaf)
            put(m_leaves, change.key, change.leaf);
        else if (const auto it = m_leaves.find(QByteArrayView(change.key)); it != m_leaves.end())
            m_leaves.erase(it);
    }
}

std::optional<Leaf> ValueModel::leafIn(Layers layers, QByteArrayView key)
{
    if (layers.over) {
        if (const auto it = layers.over->find(key); it != layers.over->end())
            return it->state();
    }
    const auto it = layers.base.find(key);
    if (it == layers.base.end())
        return std::nullopt;
    return it->leaf();
}

bool ValueModel::containsIn(Layers layers, const Path &path)
{
    const QByteArray key = path.key();
    if (leafIn(layers, key))
        return true;
    bool found = false;
    walk(layers.base, layers.over, descendantsBegin(key), descendantsEnd(key), true, [&](const StoredLeaf &) {
        found = true;
        return false;
    });
    return found;
}

std::optional<Entry> ValueModel::readIn(Layers layers, const Path &path)
{
    if (path.isEmpty())
        return std::nullopt;
    const QByteArray key = path.key();
    if (const std::optional<Leaf> exact = leafIn(layers, key))
        return Entry{path, exact->value, exact->type, exact->seq, Entry::syncTime(exact->syncedAt)};

    Node root;
    qint64 revision = 0;
    bool found = false;
    walk(layers.base, layers.over, descendantsBegin(key), descendantsEnd(key), true, [&](const StoredLeaf &item) {
        found = true;
        revision = std::max(revision, item.seq());
        const Path relative = *Path::parse(QString::fromUtf8(item.key().sliced(key.size() + 1)));
        Node *node = &root;
        for (const QString &segment : relative.segments())
            node = &node->children[segment];
        node->leaf = item.leaf().value;
        return true;
    });
    if (!found)
        return std::nullopt;
    return Entry{path, root.toJson(), Entry::Type::Map, revision};
}

QList<LeafChange> ValueModel::subtreeIn(Layers layers, const Path &path)
{
    QList<LeafChange> out;
    const QByteArray key = path.key();
    if (std::optional<Leaf> exact = leafIn(layers, key))
        out.append({key, std::move(exact)});
    walk(layers.base, layers.over, descendantsBegin(key), descendantsEnd(key), true, [&](const StoredLeaf &item) {
        out.append({item.key().toByteArray(), item.leaf()});
        return true;
    });
    return out;
}

qint64 ValueModel::maxSeq() const
{
    qint64 max = 0;
    for (const StoredLeaf &item : m_leaves)
        max = std::max(max, item.seq());
    return max;
}

Entry ValueModel::toEntry(const StoredLeaf &item)
{
    const Leaf leaf = item.leaf();
    return Entry{*Path::parse(QString::fromUtf8(item.key())), leaf.value, leaf.type, leaf.seq,
                 Entry::syncTime(leaf.syncedAt)};
}

Result<PageRequest> ValueModel::checkedRequest(const PageRequest &request)
{
    if (request.limit < 1)
        return paramsError("invalid_limit");
    PageRequest checked = request;
    checked.limit = std::min(request.limit, PageRequest::MaxLimit);
    return checked;
}

Result<Page> ValueModel::enumerateIn(Layers layers, const Glob &pattern, const PageRequest &request)
{
    if (!pattern.isValid())
        return Error(Error::Kind::InvalidPath, u"empty_path"_s);
    Result<PageRequest> checked = checkedRequest(request);
    if (!checked)
        return checked.error();
    const PageRequest &req = *checked;
    // Only keys from the literal prefix up to its last descendant can match.
    const QByteArray prefix = pattern.literalPrefix().key();
    const QByteArray last = prefix.isEmpty() ? QByteArray() : descendantsEnd(prefix);
    if (req.select != PageRequest::Select::Prefixes)
        return collectPage(layers, prefix, last, req, &pattern);
    if (!pattern.endsWithMany())
        return paramsError("invalid_pattern_for_prefixes");

    // The distinct paths one segment below the literal part.
    std::set<QByteArray> prefixes;
    const qsizetype skip = prefix.isEmpty() ? 0 : prefix.size() + 1;
    walk(layers.base, layers.over, prefix, last, true, [&](const StoredLeaf &item) {
        const QByteArrayView key = item.key();
        if (pattern.matchesRendered(key)) {
            const qsizetype slash = key.indexOf('/', skip);
            prefixes.insert((slash < 0 ? key : key.first(slash)).toByteArray());
        }
        return true;
    });
    const bool ascending = req.order == PageRequest::Order::Ascending;
    const QByteArray after = req.after.toUtf8();
    QList<QByteArray> ordered(prefixes.begin(), prefixes.end());
    if (!ascending)
        std::reverse(ordered.begin(), ordered.end());
    Page page;
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

Result<Page> ValueModel::rangeIn(Layers layers, const QString &from, const QString &to,
                                 const PageRequest &request)
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
    return collectPage(layers, low, high, *checked, nullptr);
}

Page ValueModel::collectPage(Layers layers, QByteArray low, QByteArray high, const PageRequest &req,
                             const Glob *filter)
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
    // Take one item more than the limit, so a cursor is only handed out when
    // another page really exists.
    QList<const StoredLeaf *> items;
    walk(layers.base, layers.over, low, high, ascending, [&](const StoredLeaf &item) {
        if (!filter || filter->matchesRendered(item.key()))
            items.append(&item);
        return items.size() <= req.limit;
    });
    const bool more = items.size() > req.limit;
    if (more)
        items.removeLast();
    for (const StoredLeaf *item : std::as_const(items)) {
        if (req.select == PageRequest::Select::Keys)
            page.keys.append(QString::fromUtf8(item->key()));
        else
            page.entries.append(toEntry(*item));
    }
    if (more)
        page.nextCursor = QString::fromUtf8(items.last()->key());
    return page;
}

qsizetype ValueModel::countIn(Layers layers, const Glob &pattern)
{
    const QByteArray prefix = pattern.literalPrefix().key();
    qsizetype n = 0;
    walk(layers.base, layers.over, prefix, prefix.isEmpty() ? QByteArray() : descendantsEnd(prefix), true,
         [&](const StoredLeaf &item) {
             if (pattern.matchesRendered(item.key()))
                 ++n;
             return true;
         });
    return n;
}

} // namespace Dust
