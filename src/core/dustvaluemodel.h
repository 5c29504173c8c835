// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#ifndef DUSTVALUEMODEL_H
#define DUSTVALUEMODEL_H

#include <dustentry.h>
#include <dustglob.h>
#include <dustleaf.h>
#include <dustpage.h>

#include <QtCore/qjsonobject.h>
#include <QtCore/qlist.h>

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <span>

namespace Dust {

class EventFrame;

/// The state of one leaf key after (or before) an operation; no leaf means the
/// key is absent.
///
/// \code
/// for (const Dust::LeafChange &change : applied->changes)
///     change.leaf ? cache.put(change.key, *change.leaf) : cache.remove(change.key);
/// \endcode
struct LeafChange
{
    QByteArray key;
    std::optional<Leaf> leaf;
};

/// What ValueModel::apply() did: the materialized value a server broadcasts
/// for the op (protocol §2.1), each touched key's new state, and each touched
/// key's state before, so the op can be persisted or undone exactly.
///
/// \code
/// Dust::Result<Dust::AppliedOp> applied = model.apply(Dust::Op::Kind::Increment, path, 2, seq);
/// if (applied) {
///     broadcast(applied->value);                 // the counter's new total
///     model.applyChanges(applied->previous);     // and undone again
/// }
/// \endcode
struct AppliedOp
{
    QJsonValue value;
    QList<LeafChange> changes;
    QList<LeafChange> previous;
};

/// Every entry matching a pattern and the store_seq that state reflects, read
/// at one instant (Store::snapshot()).
///
/// \code
/// const Dust::Result<Dust::EntrySnapshot> current = site->snapshot(u"posts/*"_s);
/// if (current)
///     view.reset(current->entries);   // events up to current->storeSeq are in it
/// \endcode
struct EntrySnapshot
{
    QList<Entry> entries;
    qint64 storeSeq = 0;
};

/// The reads of a leaf model. ValueModel has them, and so has the sync
/// engine's view of a ValueModel with its pending writes laid over, so both
/// read alike from one implementation. `Model` says which leaves a read sees
/// through its `layers()`.
template<typename Model>
class LeafReads
{
public:
    /// The leaf exactly at `path`.
    std::optional<Leaf> leaf(const Path &path) const { return Model::Reader::leafIn(layers(), path.key()); }
    std::optional<Leaf> leaf(const QByteArray &key) const { return Model::Reader::leafIn(layers(), key); }
    /// The value at `path`: the exact leaf if there is one, otherwise the
    /// nested map of every leaf below it (revision = the highest below, type
    /// Map), otherwise nothing.
    std::optional<Entry> read(const Path &path) const { return Model::Reader::readIn(layers(), path); }
    bool contains(const Path &path) const { return Model::Reader::containsIn(layers(), path); }
    /// Every leaf at `path` and below it, in path order.
    QList<LeafChange> subtree(const Path &path) const { return Model::Reader::subtreeIn(layers(), path); }

    /// Leaves matching a glob, a page at a time, in byte order of the rendered
    /// paths (protocol §7.5). Select::Prefixes needs a pattern ending in "**"
    /// (error invalid_pattern_for_prefixes) and lists each distinct path one
    /// segment below the pattern's literal part.
    Result<Page> enumerate(const Glob &pattern, const PageRequest &request = {}) const
    {
        return Model::Reader::enumerateIn(layers(), pattern, request);
    }
    /// Leaves with from <= path < to, in byte order (no Select::Prefixes:
    /// error unsupported_select).
    Result<Page> range(const QString &from, const QString &to, const PageRequest &request = {}) const
    {
        return Model::Reader::rangeIn(layers(), from, to, request);
    }
    qsizetype count(const Glob &pattern) const { return Model::Reader::countIn(layers(), pattern); }

private:
    auto layers() const { return static_cast<const Model *>(this)->layers(); }
};

/*!
    The leaf store rules of protocol §5, shared by the server's tables and the
    client's caches: plain maps flatten into leaves, typed values and arrays
    stay single leaves, every leaf keeps the revision that wrote it, and
    reading a path above leaves assembles them into a nested map.

    The model is a sorted set of leaves keyed by rendered path; each leaf
    holds its key and its value's CBOR encoding in one allocation and is
    decoded on read. It is not thread-safe, and its owner decides how to lock
    and persist it (apply() reports every changed key).

    \code
    Dust::ValueModel model;
    const auto path = *Dust::Path::parse(u"posts/hello");
    model.apply(Dust::Op::Kind::Set, path, QJsonObject{{u"title"_s, u"Hi"_s}}, 1);
    model.read(path)->value;       // {"title": "Hi"}
    model.leaf(path);              // std::nullopt: only posts/hello/title is a leaf
    \endcode
*/
class DUST_CORE_EXPORT ValueModel : public LeafReads<ValueModel>
{
public:
    /// How increment treats a leaf that is not a number: the server rejects
    /// the op (Strict); a client's optimistic copy counts it as 0 (Lenient)
    /// and lets the server decide.
    enum class Strictness { Strict, Lenient };

    /// Checks an op's value before anything is applied (reason strings of
    /// protocol §3.5: merge_requires_map_value, increment_requires_number_value,
    /// add_requires_value, remove_requires_value, and empty_key (or
    /// invalid_unicode, for half a surrogate pair) for a key that cannot be a
    /// path segment anywhere in a value that would be flattened, or among a
    /// merge's own keys).
    static Result<void> validate(Op::Kind op, const QJsonValue &value);
    /// Checks that every number in `value` survives JSON exactly:
    /// `invalid_value` for any number beyond ±2^53 (9007199254740992); a
    /// double that large is always an integer, and not every one can be
    /// told from its neighbours. The server checks every written value with
    /// it, and (Strict) the result of an increment.
    static Result<void> checkNumbers(const QJsonValue &value);
    /// Unwraps a snapshot entry `{"value": ..., "type": ...}` (protocol §2.2):
    /// `{"_scalar": v}` becomes v; `_typed` values are kept.
    static Leaf leafFromSnapshot(const QJsonObject &entry, qint64 seq);

    /// Applies one op at `path` with revision `seq`. Set, Merge, Increment,
    /// Add, Remove and Delete follow §5; PutFile, Lease and Renew write their
    /// value like Set (their typed values are single leaves); Release deletes
    /// the key.
    Result<AppliedOp> apply(Op::Kind op, const Path &path, const QJsonValue &value, qint64 seq,
                            Strictness strictness = Strictness::Strict);
    /// Sets `value` at `path` as apply() does for Op::Kind::Set (the caller
    /// checks it with validate() first), stamps `syncedAt` on the new leaves
    /// and returns each touched key's new state, and only that: a replica
    /// applying its server's events has no use for the states before, which
    /// apply() records at a cost.
    QList<LeafChange> set(const Path &path, const QJsonValue &value, qint64 seq, qint64 syncedAt = 0);
    /// Puts each change's leaf (or removes the key). Used to load persisted
    /// state and to undo an op with AppliedOp::previous.
    void applyChanges(const QList<LeafChange> &changes);
    void clear() { m_leaves.clear(); }

    qsizetype size() const { return qsizetype(m_leaves.size()); }
    /// The highest revision of any leaf.
    qint64 maxSeq() const;
    /// Calls `function(const QByteArray &key, const Leaf &leaf)` for every
    /// leaf, in byte order of the keys; each leaf is decoded for the call.
    template <typename Function>
    void forEachLeaf(Function &&function) const
    {
        for (const StoredLeaf &stored : m_leaves)
            function(stored.key().toByteArray(), stored.leaf());
    }

private:
    friend class OverlayModel;
    friend class EventFrame;
    template<typename Model>
    friend class LeafReads;
    // Where LeafReads finds the reads over layers, for both its models.
    using Reader = ValueModel;
    class Recorder;

    // One leaf as kept: its key, a type byte and the value's CBOR encoding
    // in one allocation. A QJsonValue string would cost a CBOR container of
    // its own; values are decoded when read. In an overlay a stored leaf may
    // be a removal: the key is absent whatever the model below holds.
    class StoredLeaf
    {
    public:
        StoredLeaf(QByteArrayView key, const std::optional<Leaf> &leaf);
        // A leaf already in its stored form: a type byte and the value's
        // encoding (empty for null).
        StoredLeaf(QByteArrayView key, quint8 type, QByteArrayView value, qint64 seq, qint64 syncedAt);
        StoredLeaf(const StoredLeaf &other);
        StoredLeaf(StoredLeaf &&other) noexcept = default;
        StoredLeaf &operator=(const StoredLeaf &other);
        StoredLeaf &operator=(StoredLeaf &&other) noexcept = default;
        ~StoredLeaf() = default;

        QByteArrayView key() const { return {m_bytes.get(), qsizetype(m_keySize)}; }
        bool isRemoval() const;
        qint64 seq() const { return m_seq; }
        Leaf leaf() const;
        std::optional<Leaf> state() const;

    private:
        std::unique_ptr<char[]> m_bytes;
        qint64 m_seq = 0;
        qint64 m_syncedAt = 0;
        quint32 m_keySize = 0;
        quint32 m_size = 0;
    };
    struct KeyLess
    {
        using is_transparent = void;
        bool operator()(const StoredLeaf &a, const StoredLeaf &b) const { return a.key() < b.key(); }
        bool operator()(const StoredLeaf &a, QByteArrayView b) const { return a.key() < b; }
        bool operator()(QByteArrayView a, const StoredLeaf &b) const { return a < b.key(); }
    };
    using LeafSet = std::set<StoredLeaf, KeyLess>;
    // The leaves a read sees: `base`, with `over` (an overlay's leaves and
    // removals) laid on top when given.
    struct Layers
    {
        const LeafSet &base;
        const LeafSet *over = nullptr;
    };
    Layers layers() const { return {m_leaves}; }

    static void put(LeafSet &leaves, QByteArrayView key, const std::optional<Leaf> &leaf);
    static void put(LeafSet &leaves, StoredLeaf &&leaf);
    // Removes every leaf at and below `key` but those whose keys `keep`
    // (sorted) holds, and appends a removal to `changes` for each.
    void removeSubtreeExcept(QByteArrayView key, std::span<const QByteArrayView> keep, QList<LeafChange> *changes);
    void setValue(Recorder &recorder, const Path &path, const QJsonValue &value, qint64 seq);
    void removeSubtree(Recorder &recorder, const Path &path);
    static Entry toEntry(const StoredLeaf &item);
    static Result<PageRequest> checkedRequest(const PageRequest &request);

    static std::optional<Leaf> leafIn(Layers layers, QByteArrayView key);
    static std::optional<Entry> readIn(Layers layers, const Path &path);
    static bool containsIn(Layers layers, const Path &path);
    static QList<LeafChange> subtreeIn(Layers layers, const Path &path);
    static Result<Page> enumerateIn(Layers layers, const Glob &pattern, const PageRequest &request);
    static Result<Page> rangeIn(Layers layers, const QString &from, const QString &to,
                                const PageRequest &request);
    static qsizetype countIn(Layers layers, const Glob &pattern);
    static Page collectPage(Layers layers, QByteArray low, QByteArray high, const PageRequest &request,
                            const Glob *filter);

    LeafSet m_leaves;
};

} // namespace Dust

#endif // DUSTVALUEMODEL_H
