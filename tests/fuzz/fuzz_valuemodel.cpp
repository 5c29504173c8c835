// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

// fuzz_valuemodel: Dust::ValueModel against a reference model.
//
// The input bytes decode into a stream of ops (README.md) on a few short
// paths with small JSON values. Each op goes to the ValueModel and to
// ReferenceModel below: a plain tree of nodes, one optional leaf per node,
// written straight from protocol §5 and not sharing any of ValueModel's
// sorted-map tricks. After every op the fuzzer checks that
// - apply() fails exactly when the reference does, with the same code, and a
//   failed op changes nothing;
// - the result value is the one §2.1 says an event carries;
// - AppliedOp::changes and ::previous describe every changed key, replaying
//   `changes` on the old state gives the new one and applying `previous` to
//   the new state restores the exact prior leaves;
// - all leaves agree, and read(), leaf() and contains() agree for every path
//   the op touched: its path, the path's ancestors and each changed key (and,
//   after the last op, for every path the stream used).
// Query ops compare enumerate() (all selects, both orders, every page),
// count() and range() with the reference.

#include "fuzzcheck.h"
#include "fuzzreference.h"

#include <dustvaluemodel.h>

#include <QtCore/qjsonarray.h>
#include <QtCore/qjsondocument.h>

#include <QtCore/qset.h>

#include <array>
#include <cmath>
#include <cstdint>
#include <functional>
#include <limits>
#include <map>
#include <set>
#include <variant>

using Dust::Entry;
using Dust::Leaf;
using Dust::Op;
using Dust::Path;
using Dust::ValueModel;
using namespace Qt::StringLiterals;

namespace {

using LeafMap = std::map<QByteArray, Leaf>;

constexpr int MaxOps = 32;
constexpr qsizetype MaxPool = 32;

// Few and short, so that ops collide. "a0", "a." and "a-b" sort right next
// to "a/..." in byte order; "d/e" and "~" need escaping; "*" is literal in a
// path but a wildcard in a pattern.
const std::array<QString, 10> segmentNames{
        QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("a0"), QStringLiteral("a."),
        QStringLiteral("a-b"), QStringLiteral("d/e"), QStringLiteral("~"),
        QString::fromUtf8("\xc3\xa9"), QStringLiteral("*"), QStringLiteral("_type")};
// Object keys: the segment names and the keys that make a value typed or
// invalid; half a surrogate pair renders like "?".
const std::array<QString, 6> extraKeys{QString(), QStringLiteral("_typed"), QStringLiteral("c"),
                                       QStringLiteral("_type"), QString(QChar(0xD800)),
                                       QStringLiteral("?")};

class ByteReader
{
public:
    ByteReader(const std::uint8_t *data, std::size_t size) : m_data(data), m_size(size) { }

    bool atEnd() const { return m_pos >= m_size; }
    // Past the end every read is 0, so a truncated op is still an op.
    std::uint8_t byte() { return atEnd() ? 0 : m_data[m_pos++]; }
    int below(int n) { return byte() % n; }

private:
    const std::uint8_t *m_data;
    std::size_t m_size;
    std::size_t m_pos = 0;
};

QString segmentName(ByteReader &in)
{
    return segmentNames.at(std::size_t(in.below(int(segmentNames.size()))));
}

QString keyName(ByteReader &in)
{
    const int i = in.below(int(segmentNames.size() + extraKeys.size()));
    return i < int(segmentNames.size()) ? segmentNames.at(std::size_t(i))
                                        : extraKeys.at(std::size_t(i) - segmentNames.size());
}

QStringList readPath(ByteReader &in)
{
    QStringList segments;
    const int length = 1 + in.below(3);
    for (int i = 0; i < length; ++i)
        segments.append(segmentName(in));
    return segments;
}

QJsonValue readValue(ByteReader &in, int depth = 0)
{
    const int kind = in.below(13);
    switch (depth >= 3 && kind >= 6 && kind <= 8 ? 2 : kind) {
    case 0:
        return QJsonValue(QJsonValue::Null);
    case 1:
        return QJsonValue(bool(in.byte() & 1));
    case 2:
        return QJsonValue(int(std::int8_t(in.byte())));
    case 3: {
        constexpr std::array<qint64, 6> edges{std::numeric_limits<qint64>::max(),
                                              std::numeric_limits<qint64>::min(),
                                              qint64(1) << 53, (qint64(1) << 53) + 1, -1, 0};
        return QJsonValue(edges.at(std::size_t(in.below(int(edges.size())))));
    }
    case 4: {
        constexpr std::array<double, 7> doubles{0.5, -0.0, 1.0, 1e300, -2.5, 2251799813685248.5,
                                                9.3e18};
        return QJsonValue(doubles.at(std::size_t(in.below(int(doubles.size())))));
    }
    case 5: {
        const std::array<QString, 4> strings{QString(), QStringLiteral("x"), QStringLiteral("file"),
                                             QStringLiteral("lease")};
        return QJsonValue(strings.at(std::size_t(in.below(int(strings.size())))));
    }
    case 6: {
        QJsonArray array;
        for (int n = in.below(4); n > 0; --n)
            array.append(readValue(in, depth + 1));
        return array;
    }
    case 7:
    case 8: {
        QJsonObject object;
        for (int n = in.below(4); n > 0; --n)
            object.insert(keyName(in), readValue(in, depth + 1));
        return object;
    }
    case 9:
        return QJsonObject{{QStringLiteral("_type"), QStringLiteral("file")},
                           {QStringLiteral("hash"), QStringLiteral("sha256:00")},
                           {QStringLiteral("size"), int(in.byte())}};
    case 10:
        return QJsonObject{{QStringLiteral("_type"), QStringLiteral("lease")},
                           {QStringLiteral("holder"), QStringLiteral("h")},
                           {QStringLiteral("token"), int(in.byte())},
                           {QStringLiteral("expires_at"), 1000}};
    case 11: {
        const std::array<QString, 3> types{QStringLiteral("decimal"), QStringLiteral("datetime"),
                                           QStringLiteral("other")};
        return QJsonObject{{QStringLiteral("_typed"), QStringLiteral("1.5")},
                           {QStringLiteral("_type"), types.at(std::size_t(in.below(3)))}};
    }
    default:
        return QJsonValue(QStringLiteral("a/b"));
    }
}

QString show(const QJsonValue &value)
{
    if (value.isObject())
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    const QByteArray wrapped = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(wrapped.mid(1, wrapped.size() - 2));
}

QString show(const std::optional<Entry> &entry)
{
    if (!entry)
        return QStringLiteral("(nothing)");
    return show(entry->value) + u' ' + Entry::typeName(entry->type) + u'@'
            + QString::number(entry->revision);
}

LeafMap leavesOf(const Dust::ValueModel &model)
{
    LeafMap out;
    model.forEachLeaf([&out](const QByteArray &key, const Dust::Leaf &leaf) { out.emplace(key, leaf); });
    return out;
}

QString show(const LeafMap &leaves)
{
    QString out;
    for (const auto &[key, leaf] : leaves)
        out += QString::fromUtf8(key) + u'=' + show(leaf.value) + u'@' + QString::number(leaf.seq)
                + u' ';
    return out;
}

// Protocol §5.2: a typed value is an object with "_type" file or lease, or
// with both "_typed" and "_type"; any other object is a plain map.
bool isPlainMap(const QJsonValue &value)
{
    if (!value.isObject())
        return false;
    const QJsonObject object = value.toObject();
    const QJsonValue type = object.value(QStringLiteral("_type"));
    if (type == QJsonValue(QStringLiteral("file")) || type == QJsonValue(QStringLiteral("lease")))
        return false;
    return !(object.contains(QStringLiteral("_typed")) && object.contains(QStringLiteral("_type")));
}

std::optional<QString> keysError(const QJsonValue &value);

// Each key becomes a path segment.
std::optional<QString> objectKeysError(const QJsonObject &object)
{
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (it.key().isEmpty())
            return QStringLiteral("empty_key");
        if (!Reference::wellFormed(it.key()))
            return QStringLiteral("invalid_unicode");
        if (std::optional<QString> code = keysError(it.value()))
            return code;
    }
    return std::nullopt;
}

// Keys become path segments wherever a plain map is flattened.
std::optional<QString> keysError(const QJsonValue &value)
{
    return isPlainMap(value) ? objectKeysError(value.toObject()) : std::nullopt;
}

class ReferenceModel
{
public:
    // The value an event for the op carries, or the error code.
    std::variant<QJsonValue, QString> apply(Op::Kind op, const QStringList &path,
                                            const QJsonValue &value, qint64 seq, bool lenient)
    {
        switch (op) {
        case Op::Kind::Set:
        case Op::Kind::PutFile:
        case Op::Kind::Lease:
        case Op::Kind::Renew:
            if (std::optional<QString> code = keysError(value))
                return *code;
            write(path, value, seq);
            return value;
        case Op::Kind::Delete:
        case Op::Kind::Release:
            erase(path);
            return QJsonValue(QJsonValue::Null);
        case Op::Kind::Merge: {
            if (!value.isObject())
                return QStringLiteral("merge_requires_map_value");
            const QJsonObject object = value.toObject();
            if (std::optional<QString> code = objectKeysError(object))
                return *code;
            for (auto it = object.begin(); it != object.end(); ++it)
                write(path + QStringList{it.key()}, it.value(), seq);
            return value;
        }
        case Op::Kind::Increment: {
            if (!value.isDouble())
                return QStringLiteral("increment_requires_number_value");
            const Node *at = find(path);
            QJsonValue base = at && at->leaf && !at->leaf->value.isNull() ? at->leaf->value
                                                                         : QJsonValue(0);
            if (!base.isDouble()) {
                if (!lenient)
                    return QStringLiteral("increment_requires_number_target");
                base = QJsonValue(0);
            }
            QJsonValue total(base.toDouble() + value.toDouble());
            qint64 sum = 0;
            if (Entry::typeOf(base) == Entry::Type::Integer
                && Entry::typeOf(value) == Entry::Type::Integer
                && !__builtin_add_overflow(base.toInteger(), value.toInteger(), &sum)) {
                total = QJsonValue(sum);
            }
            // A strict (server) increment refuses a total that a JSON double
            // does not hold exactly: beyond ±2^53.
            constexpr qint64 maxExact = qint64(1) << 53;
            const bool exact = Entry::typeOf(total) == Entry::Type::Integer
                    ? total.toInteger() >= -maxExact && total.toInteger() <= maxExact
                    : std::abs(total.toDouble()) <= double(maxExact);
            if (!lenient && !exact)
                return QStringLiteral("invalid_value");
            node(path).leaf = Leaf{total, Entry::Type::Counter, seq};
            return total;
        }
        case Op::Kind::Add:
        case Op::Kind::Remove: {
            if (value.isNull())
                return op == Op::Kind::Add ? QStringLiteral("add_requires_value")
                                           : QStringLiteral("remove_requires_value");
            const Node *at = find(path);
            const QJsonArray current = at && at->leaf && at->leaf->value.isArray()
                    ? at->leaf->value.toArray()
                    : QJsonArray();
            // §5.3: add puts the member first and drops its duplicates;
            // remove deletes the first equal member.
            QJsonArray members;
            if (op == Op::Kind::Add)
                members.append(value);
            bool removed = false;
            for (const QJsonValue &member : current) {
                if (member == value && (op == Op::Kind::Add || !removed)) {
                    removed = true;
                    continue;
                }
                members.append(member);
            }
            node(path).leaf = Leaf{members, Entry::Type::Set, seq};
            return QJsonValue(members);
        }
        }
        return QStringLiteral("unknown op");
    }

    std::optional<Entry> read(const QStringList &path) const
    {
        const Node *at = find(path);
        if (!at || !hasLeaf(*at))
            return std::nullopt;
        const Path p = *Path::fromSegments(path);
        if (at->leaf)
            return Entry{p, at->leaf->value, at->leaf->type, at->leaf->seq};
        return Entry{p, toJson(*at), Entry::Type::Map, maxSeq(*at)};
    }

    std::optional<Leaf> leaf(const QStringList &path) const
    {
        const Node *at = find(path);
        return at ? at->leaf : std::nullopt;
    }

    // Every leaf by its rendered key, and the segments of each key.
    LeafMap leaves(std::map<QByteArray, QStringList> *segments = nullptr) const
    {
        LeafMap out;
        collect(m_root, &out, segments);
        return out;
    }

private:
    struct Node
    {
        std::optional<Leaf> leaf;
        std::map<QString, Node> children;
        QStringList path;
        QByteArray key; // the rendered path
    };

    Node &node(const QStringList &path)
    {
        Node *at = &m_root;
        for (const QString &segment : path) {
            const auto [it, created] = at->children.try_emplace(segment);
            if (created) {
                it->second.path = at->path + QStringList{segment};
                it->second.key = Reference::render(it->second.path).toUtf8();
            }
            at = &it->second;
        }
        return *at;
    }

    const Node *find(const QStringList &path) const
    {
        const Node *at = &m_root;
        for (const QString &segment : path) {
            const auto it = at->children.find(segment);
            if (it == at->children.end())
                return nullptr;
            at = &it->second;
        }
        return at;
    }

    // §5.2 delete: the leaf and everything below it.
    void erase(const QStringList &path)
    {
        node(path.mid(0, path.size() - 1)).children.erase(path.last());
    }

    // §5.2 set: replace the subtree; a plain map becomes one leaf per value.
    void write(const QStringList &path, const QJsonValue &value, qint64 seq)
    {
        erase(path);
        if (!isPlainMap(value)) {
            node(path).leaf = Leaf{value, Entry::typeOf(value), seq};
            return;
        }
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it)
            write(path + QStringList{it.key()}, it.value(), seq);
    }

    static bool hasLeaf(const Node &n)
    {
        if (n.leaf)
            return true;
        for (const auto &[name, child] : n.children) {
            if (hasLeaf(child))
                return true;
        }
        return false;
    }

    static qint64 maxSeq(const Node &n)
    {
        qint64 seq = n.leaf ? n.leaf->seq : 0;
        for (const auto &[name, child] : n.children)
            seq = std::max(seq, maxSeq(child));
        return seq;
    }

    // §5.2 reads: an exact leaf wins over anything below it.
    static QJsonValue toJson(const Node &n)
    {
        if (n.leaf)
            return n.leaf->value;
        QJsonObject object;
        for (const auto &[name, child] : n.children) {
            if (hasLeaf(child))
                object.insert(name, toJson(child));
        }
        return object;
    }

    static void collect(const Node &n, LeafMap *out, std::map<QByteArray, QStringList> *segments)
    {
        if (n.leaf) {
            out->emplace(n.key, *n.leaf);
            if (segments)
                segments->emplace(n.key, n.path);
        }
        for (const auto &[name, child] : n.children)
            collect(child, out, segments);
    }

    Node m_root;
};

struct Fuzzer
{
    ValueModel model;
    ReferenceModel reference;
    LeafMap leaves; // the reference's leaves, which the model was last checked to have
    QList<QStringList> pool;
    // What ran so far, for the failure message; values are only turned into
    // text when a check fails.
    QList<std::pair<QString, std::optional<QJsonValue>>> history;

    QString trail() const
    {
        QString out = u"\nops:"_s;
        for (const auto &[text, value] : history)
            out += u"\n  "_s + text + (value ? u' ' + show(*value) : QString());
        return out;
    }

    void remember(const QStringList &path)
    {
        if (pool.size() < MaxPool && !pool.contains(path))
            pool.append(path);
    }

    void write(ByteReader &in, Op::Kind op, int flags, qint64 seq);
    void checkLeaves();
    void checkRead(const QStringList &segments);
    void checkTouched(const QStringList &opPath, const QList<Dust::LeafChange> &changes);
    void query(ByteReader &in);
    void range(ByteReader &in);
    void checkPages(const QString &what, const std::function<Dust::Result<Dust::Page>(const QString &)> &page,
                    const QStringList &expected, int limit, bool entries);
};

// A few bits of the op byte select the less common variants.
enum Flag { Lenient = 0x10, Optimistic = 0x20 };

constexpr std::array<Op::Kind, 10> writeOps{Op::Kind::Set,      Op::Kind::Delete, Op::Kind::Merge,
                                            Op::Kind::Increment, Op::Kind::Add,   Op::Kind::Remove,
                                            Op::Kind::PutFile,  Op::Kind::Lease,  Op::Kind::Renew,
                                            Op::Kind::Release};

void Fuzzer::write(ByteReader &in, Op::Kind op, int flags, qint64 seq)
{
    const QStringList segments = readPath(in);
    const QJsonValue value = op == Op::Kind::Delete || op == Op::Kind::Release
            ? QJsonValue(QJsonValue::Null)
            : readValue(in);
    const bool lenient = flags & Lenient;
    const Path path = *Path::fromSegments(segments);
    history.append({Op::name(op) + u' ' + path.toString() + u" seq="_s + QString::number(seq)
                            + (lenient ? u" lenient"_s : QString()),
                    value});
    remember(segments);

    const LeafMap before = std::move(leaves);
    const Dust::Result<Dust::AppliedOp> applied =
            model.apply(op, path, value, seq,
                        lenient ? ValueModel::Strictness::Lenient : ValueModel::Strictness::Strict);
    const std::variant<QJsonValue, QString> expected =
            reference.apply(op, segments, value, seq, lenient);

    if (const QString *code = std::get_if<QString>(&expected)) {
        FUZZ_CHECK(!applied.hasValue(), "accepted, the reference says", *code, trail());
        FUZZ_CHECK(applied.error().code() == *code, applied.error(), "expected", *code, trail());
        FUZZ_CHECK(leavesOf(model) == before, "a failed op changed the model", trail());
        checkTouched(segments, {});
        return;
    }
    FUZZ_CHECK(applied.hasValue(), "refused:", applied.error(), trail());
    const QJsonValue &expectedValue = std::get<QJsonValue>(expected);
    FUZZ_CHECK(applied->value == expectedValue, "result value", show(applied->value), "expected",
               show(expectedValue), trail());
    checkTouched(segments, applied->changes);

    const LeafMap after = leavesOf(model);
    const QList<Dust::LeafChange> &changes = applied->changes;
    const QList<Dust::LeafChange> &previous = applied->previous;
    FUZZ_CHECK(changes.size() == previous.size(), trail());
    QSet<QByteArray> touched;
    for (qsizetype i = 0; i < changes.size(); ++i) {
        const QByteArray &key = changes.at(i).key;
        FUZZ_CHECK(!touched.contains(key), "key reported twice", key, trail());
        touched.insert(key);
        FUZZ_CHECK(previous.at(i).key == key, trail());
        const auto old = before.find(key);
        FUZZ_CHECK(previous.at(i).leaf == (old == before.end() ? std::nullopt : std::optional(old->second)),
                   "previous is not the old leaf of", key, trail());
        FUZZ_CHECK(changes.at(i).leaf == model.leaf(key), "change is not the new leaf of", key, trail());
    }
    for (const auto &[key, leaf] : before) {
        const auto now = after.find(key);
        FUZZ_CHECK(touched.contains(key) || (now != after.end() && now->second == leaf),
                   "changed key missing from changes", key, trail());
    }
    for (const auto &[key, leaf] : after)
        FUZZ_CHECK(touched.contains(key) || before.count(key), "new key missing from changes", key, trail());

    // Undo and redo in place: `previous` must restore the exact old leaves,
    // and `changes` the new ones.
    model.applyChanges(previous);
    FUZZ_CHECK(leavesOf(model) == before, "previous does not restore the old leaves", trail());
    model.applyChanges(changes);
    FUZZ_CHECK(leavesOf(model) == leaves, "changes do not give the new leaves", trail());
}

void Fuzzer::checkLeaves()
{
    leaves = reference.leaves();
    FUZZ_CHECK(leavesOf(model) == leaves, "leaves differ\n  model:    ", show(leavesOf(model)),
               "\n  reference:", show(leaves), trail());
    FUZZ_CHECK(model.size() == qsizetype(leaves.size()), trail());
}

void Fuzzer::checkRead(const QStringList &segments)
{
    const Path path = *Path::fromSegments(segments);
    const std::optional<Entry> got = model.read(path);
    const std::optional<Entry> want = reference.read(segments);
    FUZZ_CHECK(got == want, "read", path, show(got), "expected", show(want), trail());
    FUZZ_CHECK(model.contains(path) == want.has_value(), "contains", path, trail());
    FUZZ_CHECK(model.leaf(path) == reference.leaf(segments), "leaf", path, trail());
}

// Reads every path the op touched: its own path and ancestors, and each
// changed key with the paths between it and the op's path.
void Fuzzer::checkTouched(const QStringList &opPath, const QList<Dust::LeafChange> &changes)
{
    checkLeaves();
    for (qsizetype n = 1; n <= opPath.size(); ++n)
        checkRead(opPath.mid(0, n));
    for (const Dust::LeafChange &change : changes) {
        const QStringList segments = Path::parse(QString::fromUtf8(change.key))->segments();
        for (qsizetype n = segments.size(); n > opPath.size(); --n)
            checkRead(segments.mid(0, n));
    }
}

// A pattern built from a path: the path itself, or with a wildcard in it.
QStringList readPattern(ByteReader &in, QString *text)
{
    QStringList segments = readPath(in);
    switch (in.below(5)) {
    case 0:
        break;
    case 1:
        segments.append(QStringLiteral("*"));
        break;
    case 2:
        segments.append(QStringLiteral("**"));
        break;
    case 3:
        segments[0] = QStringLiteral("*");
        break;
    default:
        segments = QStringList{QStringLiteral("**")};
        break;
    }
    // A literal "*" segment is spelled "\*" in a pattern.
    for (QString &s : segments) {
        if (s == QStringLiteral("*") && in.below(4) == 0)
            s = QStringLiteral("\\*");
    }
    *text = segments.join(u'/');
    return segments;
}

void Fuzzer::checkPages(const QString &what,
                        const std::function<Dust::Result<Dust::Page>(const QString &)> &page,
                        const QStringList &expected, int limit, bool entries)
{
    QStringList got;
    QString cursor;
    for (qsizetype pages = 0;; ++pages) {
        FUZZ_CHECK(pages <= expected.size() / limit + 1, what, "does not end", trail());
        const Dust::Result<Dust::Page> result = page(cursor);
        FUZZ_CHECK(result.hasValue(), what, result.error(), trail());
        QStringList keys = result->keys;
        if (entries) {
            FUZZ_CHECK(keys.isEmpty(), what, trail());
            for (const Entry &entry : result->entries) {
                keys.append(entry.path.toString());
                const std::optional<Leaf> leaf = reference.leaf(entry.path.segments());
                FUZZ_CHECK(leaf && entry.value == leaf->value && entry.type == leaf->type
                                   && entry.revision == leaf->seq,
                           what, "entry", entry.path, trail());
            }
        } else {
            FUZZ_CHECK(result->entries.isEmpty(), what, trail());
        }
        got += keys;
        if (result->nextCursor.isEmpty())
            break;
        FUZZ_CHECK(keys.size() == limit && result->nextCursor == keys.last(), what,
                   "a page with a cursor is not full", keys, result->nextCursor, trail());
        cursor = result->nextCursor;
    }
    FUZZ_CHECK(got == expected, what, "\n  model:    ", got, "\n  reference:", expected, trail());
}

void Fuzzer::query(ByteReader &in)
{
    QString text;
    const QStringList segments = readPattern(in, &text);
    const Dust::Result<Dust::Glob> glob = Dust::Glob::fromSegments(segments);
    const auto compiled = Reference::compileGlob(segments);
    FUZZ_CHECK(glob.hasValue() == std::holds_alternative<Reference::Glob>(compiled), text);
    if (!glob)
        return;
    const Reference::Glob &ref = std::get<Reference::Glob>(compiled);
    Dust::PageRequest request;
    request.limit = 1 + in.below(4);
    request.order = in.byte() & 1 ? Dust::PageRequest::Order::Descending
                                  : Dust::PageRequest::Order::Ascending;
    request.select = std::array{Dust::PageRequest::Select::Entries, Dust::PageRequest::Select::Keys,
                                Dust::PageRequest::Select::Prefixes}
                             .at(std::size_t(in.below(3)));
    const bool descending = request.order == Dust::PageRequest::Order::Descending;
    history.append({u"query "_s + glob->pattern() + u" limit="_s + QString::number(request.limit)
                            + (descending ? u" desc"_s : u" asc"_s) + u" select="_s
                            + QString::number(int(request.select)),
                    std::nullopt});

    std::map<QByteArray, QStringList> keys;
    reference.leaves(&keys);
    QStringList matching;
    std::set<QByteArray> prefixes;
    const qsizetype prefixSize = Reference::literalPrefix(ref).size() + 1;
    for (const auto &[key, path] : keys) {
        if (!Reference::matches(ref, path))
            continue;
        matching.append(QString::fromUtf8(key));
        prefixes.insert(Reference::render(path.mid(0, prefixSize)).toUtf8());
    }
    FUZZ_CHECK(model.count(*glob) == matching.size(), "count", glob->pattern(), trail());

    QStringList expected;
    if (request.select == Dust::PageRequest::Select::Prefixes) {
        if (!ref.many) {
            const Dust::Result<Dust::Page> page = model.enumerate(*glob, request);
            FUZZ_CHECK(!page.hasValue() && page.error().code() == u"invalid_pattern_for_prefixes"_s,
                       glob->pattern(), trail());
            return;
        }
        for (const QByteArray &p : prefixes)
            expected.append(QString::fromUtf8(p));
    } else {
        expected = matching;
    }
    if (descending)
        std::reverse(expected.begin(), expected.end());
    checkPages(u"enumerate "_s + glob->pattern(),
               [&](const QString &after) {
                   Dust::PageRequest r = request;
                   r.after = after;
                   return model.enumerate(*glob, r);
               },
               expected, request.limit, request.select == Dust::PageRequest::Select::Entries);
}

void Fuzzer::range(ByteReader &in)
{
    const QString from = Reference::render(readPath(in));
    const QString to = Reference::render(readPath(in));
    Dust::PageRequest request;
    request.limit = 1 + in.below(4);
    request.order = in.byte() & 1 ? Dust::PageRequest::Order::Descending
                                  : Dust::PageRequest::Order::Ascending;
    request.select = in.byte() & 1 ? Dust::PageRequest::Select::Keys : Dust::PageRequest::Select::Entries;
    history.append({u"range "_s + from + u" .. "_s + to + u" limit="_s
                            + QString::number(request.limit),
                    std::nullopt});

    QStringList expected;
    for (const auto &[key, leaf] : reference.leaves()) {
        if (from.toUtf8() <= key && key < to.toUtf8())
            expected.append(QString::fromUtf8(key));
    }
    if (request.order == Dust::PageRequest::Order::Descending)
        std::reverse(expected.begin(), expected.end());
    checkPages(u"range"_s,
               [&](const QString &after) {
                   Dust::PageRequest r = request;
                   r.after = after;
                   return model.range(from, to, r);
               },
               expected, request.limit, request.select == Dust::PageRequest::Select::Entries);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    ByteReader in(data, size);
    Fuzzer fuzzer;
    for (int i = 0; i < MaxOps && !in.atEnd(); ++i) {
        const int code = in.byte();
        const int kind = (code & 0x0f) % 12;
        if (kind == 10) {
            fuzzer.query(in);
        } else if (kind == 11) {
            fuzzer.range(in);
        } else {
            const qint64 seq = code & Optimistic ? 0 : i + 1;
            fuzzer.write(in, writeOps.at(std::size_t(kind)), code, seq);
        }
    }
    // Every path used, once more against the final state.
    for (const QStringList &path : std::as_const(fuzzer.pool))
        fuzzer.checkRead(path);
    return 0;
}
