// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#include "dustsyncengine_p.h"

#include "dustclientlogging_p.h"
#include <dustthreading_p.h>
#include "dustsubscription_p.h"

#include <dustjsonframecodec.h>

#include <QtCore/qcborvalue.h>
#include <QtCore/qjsonarray.h>
#include <QtCore/qrandom.h>
#include <QtCore/qthread.h>
#include <QtCore/qvarlengtharray.h>

using namespace Qt::StringLiterals;

namespace Dust::Internal {

namespace {

bool overlaps(const Path &a, const Path &b)
{
    return a == b || a.isAncestorOf(b) || b.isAncestorOf(a);
}

// A positive integral JSON number, as store_seq values are.
std::optional<qint64> seqFrom(const QJsonValue &value, qint64 minimum)
{
    if (!value.isDouble())
        return std::nullopt;
    const QCborValue cbor = QCborValue::fromJsonValue(value);
    if (!cbor.isInteger() || cbor.toInteger() < minimum)
        return std::nullopt;
    return cbor.toInteger();
}

} // namespace

SyncEngine::SyncEngine(const QString &store, std::shared_ptr<Invoker> syncInvoker,
                       std::unique_ptr<EngineListener> listener)
    : m_name(store), m_syncInvoker(std::move(syncInvoker)), m_listener(std::move(listener))
{
}

SyncEngine::~SyncEngine()
{
    for (const auto &subscription : std::as_const(m_subscriptions))
        subscription->cancel();
}

QString SyncEngine::channelTopic() const
{
    return u"store:"_s + m_name;
}

QString SyncEngine::newClientOpId()
{
    quint32 words[3];
    QRandomGenerator::system()->fillRange(words);
    const QByteArray bytes(reinterpret_cast<const char *>(words), sizeof(words));
    return u"op_"_s
        + QString::fromLatin1(bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

void SyncEngine::setDeviceId(const QString &deviceId)
{
    std::unique_lock lock(m_lock);
    m_deviceId = deviceId;
}

void SyncEngine::setWriteTimeout(std::chrono::milliseconds timeout)
{
    m_timeoutMs.store(timeout.count());
}

QJsonObject SyncEngine::capabilities() const
{
    std::lock_guard lock(m_capsMutex);
    return m_capabilities;
}

bool SyncEngine::readsEventDetail() const
{
    std::shared_lock lock(m_lock);
    return !m_pending.empty() || !m_subscriptions.isEmpty();
}

qsizetype SyncEngine::pendingCount() const
{
    std::shared_lock lock(m_lock);
    return qsizetype(m_pending.size());
}

// ---------------------------------------------------------------- writes

void SyncEngine::submit(WriteRequest request)
{
    PendingOp op;
    op.clientOpId = newClientOpId();
    op.kind = request.kind;
    op.path = request.path;
    op.value = request.value;
    op.event = request.event;
    op.optimistic = request.optimistic;
    op.persistent = request.persistent;
    op.replyOnly = request.replyOnly;
    op.resolve = std::move(request.resolve);
    op.deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(m_timeoutMs.load());

    op.payload = request.extra;
    // A whole-store request (status, rollback of the store) has no path.
    if (!request.path.isEmpty()) {
        op.payload.insert(u"path"_s, request.path.toString());
        op.payload.insert(u"path_segments"_s, request.path.toJsonSegments());
    }
    op.payload.insert(u"client_op_id"_s, op.clientOpId);
    if (op.event == u"write") {
        op.payload.insert(u"op"_s, Op::name(op.kind));
        op.payload.insert(u"value"_s, request.value);
    }

    {
        std::unique_lock lock(m_lock);
        overlayLocked(op);
        StoreEvent event;
        const bool notify = op.optimistic && !m_subscriptions.isEmpty();
        if (notify) {
            event.store = m_name;
            event.path = op.path;
            event.op = op.kind;
            event.value = op.value;
            event.source = StoreEvent::Source::Local;
            event.deviceId = m_deviceId;
            event.clientOpId = op.clientOpId;
        }
        const QString id = op.clientOpId;
        m_pending.push_back(std::move(op));
        m_pendingById.insert(id, std::prev(m_pending.end()));
        if (notify)
            dispatchLocked(event, EventClass::OptimisticOwn);
    }
    // The queue grew: no drain waiter can finish, so no notifyPending().
    m_listener->enginePendingChanged();
    wakeHost();
}

void SyncEngine::whenDrained(std::function<void(const Error &)> done)
{
    {
        std::unique_lock lock(m_lock);
        if (!m_loaded.load() || !m_pending.empty()) {
            m_drainWaiters.append(std::move(done));
            return;
        }
    }
    done(Error());
}

void SyncEngine::notifyPending()
{
    QList<std::function<void(const Error &)>> drained;
    bool changed = false;
    {
        std::unique_lock lock(m_lock);
        changed = std::exchange(m_pendingChanged, false);
        if (m_pending.empty() && m_loaded.load())
            drained.swap(m_drainWaiters);
    }
    if (changed)
        m_listener->enginePendingChanged();
    for (const auto &done : std::as_const(drained))
        done(Error());
}

void SyncEngine::wakeHost()
{
    if (m_workPosted.exchange(true))
        return;
    m_syncInvoker->post([weak = weak_from_this()] {
        const auto engine = weak.lock();
        if (!engine)
            return;
        engine->m_workPosted.store(false);
        if (engine->m_host)
            engine->m_host->engineHasWork(engine.get());
    });
}

QList<SyncEngine::Outgoing> SyncEngine::takeOutgoing(quint64 generation)
{
    QList<Outgoing> out;
    bool persisted = false;
    {
        std::unique_lock lock(m_lock);
        for (PendingOp &op : m_pending) {
            if (m_cache && op.persistent && !op.persisted) {
                m_cache->addOp(toStored(op));
                op.persisted = true;
                persisted = true;
            }
            if (generation != 0 && op.ackedSeq == 0 && op.sentGeneration != generation) {
                op.sentGeneration = generation;
                out.append({op.clientOpId, op.event, op.payload});
            }
        }
    }
    // On disk before it is on the wire, so a restart resends rather than loses it.
    if (persisted)
        commitCache();
    return out;
}

StoredOp SyncEngine::toStored(const PendingOp &op)
{
    return StoredOp{op.clientOpId, op.kind, op.path.toString(), op.value, op.event, op.payload};
}

void SyncEngine::replay(ValueModel &model, const PendingOp &op)
{
    if (!op.optimistic)
        return;
    // Lenient: an increment of a non-number counts from 0 here; the server decides.
    model.apply(op.kind, op.path, op.value, 0, ValueModel::Strictness::Lenient);
}

void SyncEngine::overlayLocked(const PendingOp &op)
{
    if (!op.optimistic)
        return;
    // The op reads and writes only at and below its path: replayed on a
    // scratch copy of that subtree as the application sees it.
    ValueModel region;
    region.applyChanges(m_visible.subtree(op.path));
    replay(region, op);
    m_visible.assign(op.path, region);
}

void SyncEngine::settleLocked(PendingOp &op, const Settlement &settlement, Fired &fired)
{
    if (!op.resolve)
        return;
    fired.append({std::move(op.resolve), settlement});
    op.resolve = nullptr;
}

void SyncEngine::fire(Fired &fired)
{
    for (auto &[resolve, settlement] : fired)
        resolve(settlement);
    fired.clear();
}

void SyncEngine::removePendingLocked(PendingList::iterator it)
{
    if (m_cache && it->persisted)
        m_cache->removeOp(it->clientOpId);
    m_pendingById.remove(it->clientOpId);
    m_pending.erase(it);
    m_pendingChanged = true;
}

void SyncEngine::handleReply(const QString &clientOpId, bool ok, const QJsonObject &response)
{
    Fired fired;
    {
        std::unique_lock lock(m_lock);
        m_deferSyncWake = true;
        const auto found = m_pendingById.constFind(clientOpId);
        if (found == m_pendingById.cend()) {
            m_deferSyncWake = false;
            return; // answered already (echo first), or a reply to an old send
        }
        const PendingList::iterator op = *found;
        Error error;
        if (ok) {
            const std::optional<qint64> seq = seqFrom(response.value(u"store_seq"), 1);
            if (op->replyOnly || (op->kind == Op::Kind::Release && response.value(u"released") == QJsonValue(false))) {
                Settlement settlement;
                settlement.storeSeq = seq.value_or(0);
                settlement.reply = response;
                settleLocked(*op, settlement, fired);
                removePendingLocked(op); // no echo of its own follows
            } else if (seq) {
                op->ackedSeq = *seq;
                Settlement settlement;
                settlement.storeSeq = *seq;
                settlement.reply = response;
                settleLocked(*op, settlement, fired);
                // Kept (and replayed) until its event is applied; already applied
                // when the server answered a resend with the original store_seq.
                dropAckedLocked(fired);
            } else {
                error = Error(Error::Kind::Protocol, u"unexpected_reply"_s, response);
            }
        } else {
            error = Error::fromReply(response);
        }
        if (!error.isNull()) {
            const Path path = op->path;
            const Op::Kind kind = op->kind;
            const bool optimistic = op->optimistic;
            const bool replyOnly = op->replyOnly;
            settleLocked(*op, Settlement{error, 0, {}, {}, false}, fired);
            removePendingLocked(op);
            if (optimistic)
                recomputeLocked(path);
            if (!replyOnly && !m_subscriptions.isEmpty()) {
                StoreEvent event;
                event.store = m_name;
                event.path = path;
                event.op = kind;
                event.value = QJsonValue(QJsonValue::Null);
                event.source = StoreEvent::Source::Server;
                event.clientOpId = clientOpId;
                event.error = error;
                dispatchLocked(event, EventClass::Rejection);
            }
        }
        m_deferSyncWake = false;
    }
    fire(fired);
    notifyPending();
    scheduleCommit();
    deliverSyncSubscriptions();
}

void SyncEngine::dropAckedLocked(Fired &fired)
{
    for (auto it = m_pending.begin(); it != m_pending.end();) {
        if (it->ackedSeq == 0 || it->ackedSeq > m_lastSeq) {
            ++it;
            continue;
        }
        const Path path = it->path;
        const bool optimistic = it->optimistic;
        settleLocked(*it, Settlement{{}, it->ackedSeq, {}, {}, false}, fired);
        const auto next = std::next(it);
        removePendingLocked(it);
        if (optimistic)
            recomputeLocked(path);
        it = next;
    }
}

std::optional<std::chrono::steady_clock::time_point> SyncEngine::expireWrites()
{
    const auto now = std::chrono::steady_clock::now();
    std::optional<std::chrono::steady_clock::time_point> next;
    Fired fired;
    {
        std::unique_lock lock(m_lock);
        for (PendingOp &op : m_pending) {
            if (!op.resolve)
                continue;
            if (op.deadline <= now) {
                Settlement settlement;
                settlement.error = Error(Error::Kind::Timeout, u"timeout"_s,
                                         {{u"client_op_id"_s, op.clientOpId}});
                settleLocked(op, settlement, fired);
            } else if (!next || op.deadline < *next) {
                next = op.deadline;
            }
        }
    }
    fire(fired);
    return next;
}

void SyncEngine::failWaiting(const Error &error)
{
    Fired fired;
    QList<std::function<void(const Error &)>> drainWaiters;
    {
        std::unique_lock lock(m_lock);
        for (PendingOp &op : m_pending)
            settleLocked(op, Settlement{error, 0, {}, {}, false}, fired);
        drainWaiters.swap(m_drainWaiters);
    }
    fire(fired);
    for (const auto &done : std::as_const(drainWaiters))
        done(error);
}

// ---------------------------------------------------------------- server events

Result<AppliedOp> SyncEngine::applyCommitted(ValueModel &model, Op::Kind kind, const Path &path,
                                             const QJsonValue &value, qint64 seq, qint64 syncedAt)
{
    // Only the new state of each key is used (AppliedOp::previous stays
    // empty): a plain set and the materialized ops skip apply()'s recording.
    // Counter and set events carry the materialized result, not the delta.
    if (kind == Op::Kind::Increment || kind == Op::Kind::Add || kind == Op::Kind::Remove) {
        const bool counter = kind == Op::Kind::Increment;
        if (counter ? !value.isDouble() : !value.isArray())
            return Error(Error::Kind::Protocol, u"invalid_event_value"_s, {{u"op"_s, Op::name(kind)}});
        AppliedOp applied;
        applied.value = value;
        applied.changes.append({path.key(), Leaf{value, counter ? Entry::Type::Counter : Entry::Type::Set, seq, syncedAt}});
        model.applyChanges(applied.changes);
        return applied;
    }
    if (kind == Op::Kind::Set) {
        if (path.isEmpty())
            return Error(Error::Kind::InvalidPath, u"empty_path"_s);
        if (Result<void> valid = ValueModel::validate(kind, value); !valid)
            return valid.error();
        AppliedOp applied;
        applied.value = value;
        applied.changes = model.set(path, value, seq, syncedAt);
        return applied;
    }
    Result<AppliedOp> applied = model.apply(kind, path, value, seq);
    if (applied) {
        for (LeafChange &change : applied->changes) {
            if (change.leaf)
                change.leaf->syncedAt = syncedAt;
        }
        model.applyChanges(applied->changes);
    }
    return applied;
}

std::optional<SyncEngine::ServerEvent> SyncEngine::parseEvent(const QJsonObject &payload, QString *badField)
{
    const std::optional<qint64> seq = seqFrom(payload.value(u"store_seq"), 1);
    const std::optional<Op::Kind> kind = Op::fromName(payload.value(u"op").toString());
    const QJsonValue segments = payload.value(u"path_segments");
    const Result<Path> path = segments.isArray() ? Path::fromJsonSegments(segments)
                                                 : Path::fromJsonString(payload.value(u"path"));
    if (!seq || !kind || !path) {
        *badField = !seq ? u"store_seq"_s : !kind ? u"op"_s : u"path"_s;
        return std::nullopt;
    }
    return ServerEvent{*seq, *kind, *path, payload.value(u"value"), payload.value(u"client_op_id").toString(),
                       payload.value(u"device_id").toString()};
}

std::optional<QString> SyncEngine::materialize(ServerEvent &event)
{
    const Result<Frame> frame = JsonFrameCodec().decode(event.frame->text());
    if (!frame)
        return u"payload"_s;
    QString field;
    std::optional<ServerEvent> decoded = parseEvent(frame->payload, &field);
    if (!decoded)
        return field;
    event = std::move(*decoded);
    return std::nullopt;
}

void SyncEngine::handleEvents(const QList<IncomingEvent> &incoming)
{
    QList<ServerEvent> events;
    events.reserve(incoming.size());
    QStringList malformed;
    for (const IncomingEvent &item : incoming) {
        if (const EventFrame *frame = std::get_if<EventFrame>(&item)) {
            events.append(ServerEvent{frame->storeSeq(), frame->op(), {}, {}, {}, {}, frame});
            continue;
        }
        QString field;
        if (std::optional<ServerEvent> event = parseEvent(std::get<QJsonObject>(item), &field))
            events.append(std::move(*event));
        else
            malformed.append(field);
    }

    Fired fired;
    QList<Error> inapplicable;
    bool advanced = false;
    {
        // One lock for the whole batch: a catch-up arrives in runs.
        std::unique_lock lock(m_lock);
        m_deferSyncWake = true;
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        for (ServerEvent &event : events)
            applyEventLocked(event, now, fired, inapplicable);
        // Published last: once lastStoreSeq() shows an event, its
        // subscription deliveries are queued.
        advanced = m_publicSeq.load() != m_lastSeq;
        m_publicSeq.store(m_lastSeq);
        m_deferSyncWake = false;
    }
    fire(fired);
    notifyPending();
    // Reported once the events before them are applied, as one at a time did.
    for (const QString &field : std::as_const(malformed)) {
        qCWarning(lcClient) << "store" << m_name << "ignoring a malformed event:" << qUtf8Printable(field);
        reportMalformed(u"event"_s, field);
    }
    for (const Error &error : std::as_const(inapplicable))
        reportError(error);
    if (advanced) {
        // One wake-up of the store's thread for the batch, not one per event.
        m_listener->engineSeqChanged();
        scheduleCommit();
    }
    deliverSyncSubscriptions();
}

void SyncEngine::applyEventLocked(ServerEvent &event, qint64 now, Fired &fired, QList<Error> &inapplicable)
{
    if (event.seq <= m_lastSeq) {
        // A rejoin's catch-up may overlap what was applied already.
        qCDebug(lcClient) << "store" << m_name << "replayed event" << event.seq << "ignored";
        return;
    }
    // Without a pending write or a subscriber, nothing reads the event's
    // path, value or ids: its leaves are all it takes.
    if (event.frame && m_pending.empty() && m_subscriptions.isEmpty()) {
        applyFrameLocked(*event.frame, now);
        return;
    }
    if (event.frame) {
        if (const std::optional<QString> field = materialize(event)) {
            inapplicable.append(malformed(u"event"_s, *field));
            return;
        }
    }
    const Result<AppliedOp> applied = applyCommitted(m_confirmed, event.kind, event.path, event.value, event.seq, now);
    if (!applied) {
        // The event still takes its store_seq: the server committed it,
        // and waiting for it would stall every later event.
        qCWarning(lcClient) << "store" << m_name << "cannot apply event" << event.seq << applied.error();
        inapplicable.append(Error(Error::Kind::Protocol, u"invalid_event_value"_s,
                                  {{u"store"_s, m_name},
                                   {u"store_seq"_s, event.seq},
                                   {u"op"_s, Op::name(event.kind)},
                                   {u"path"_s, event.path.toString()},
                                   {u"reason"_s, applied.error().code()}}));
    }

    const auto own = event.clientOpId.isEmpty() ? m_pendingById.cend() : m_pendingById.constFind(event.clientOpId);
    const bool wasOwn = own != m_pendingById.cend();
    bool overlapping = wasOwn;
    for (auto it = m_pending.cbegin(); !overlapping && it != m_pending.cend(); ++it)
        overlapping = it->optimistic && overlaps(it->path, event.path);
    if (wasOwn) {
        const PendingList::iterator op = *own;
        Settlement settlement;
        settlement.storeSeq = event.seq;
        settlement.eventValue = event.value;
        settlement.fromEcho = true;
        settleLocked(*op, settlement, fired);
        removePendingLocked(op);
    }
    // Without a pending write over the path, the overlay holds nothing
    // there and the visible state is the confirmed one, already updated.
    if (overlapping)
        recomputeLocked(event.path);
    if (applied && m_cache)
        m_cache->write(applied->changes);
    setSeqLocked(event.seq);
    dropAckedLocked(fired);

    // Subscribers see what the store holds: not a value it refused.
    if (applied && !m_subscriptions.isEmpty()) {
        StoreEvent out;
        out.store = m_name;
        out.path = event.path;
        out.op = event.kind;
        out.value = event.value;
        out.storeSeq = event.seq;
        out.committed = true;
        out.wasOwn = wasOwn;
        out.source = StoreEvent::Source::Server;
        out.deviceId = event.deviceId;
        out.clientOpId = event.clientOpId;
        dispatchLocked(out, wasOwn ? EventClass::CommittedOwn : EventClass::CommittedOther);
    }
}

void SyncEngine::applyFrameLocked(const EventFrame &frame, qint64 now)
{
    const bool persistent = m_cache && m_cache->isPersistent();
    QList<LeafChange> changes;
    frame.applyTo(m_confirmed, now, persistent ? &changes : nullptr);
    if (persistent)
        m_cache->write(changes);
    setSeqLocked(frame.storeSeq());
}

void SyncEngine::handleSnapshot(const QJsonObject &payload)
{
    const std::optional<qint64> seq = seqFrom(payload.value(u"snapshot_seq"), 0);
    const QJsonValue entries = payload.value(u"entries");
    if (!seq || !entries.isObject()) {
        qCWarning(lcClient) << "store" << m_name << "ignoring a malformed snapshot";
        reportMalformed(u"snapshot"_s, !seq ? u"snapshot_seq"_s : u"entries"_s);
        return;
    }
    Fired fired;
    qsizetype skipped = 0;
    {
        std::unique_lock lock(m_lock);
        if (*seq < m_lastSeq) {
            qCWarning(lcClient) << "store" << m_name << "ignoring a snapshot older than the cache";
            const qint64 lastSeq = m_lastSeq;
            lock.unlock();
            reportError(Error(Error::Kind::Protocol, u"stale_snapshot"_s,
                              {{u"store"_s, m_name}, {u"snapshot_seq"_s, *seq}, {u"last_store_seq"_s, lastSeq}}));
            return;
        }
        m_deferSyncWake = true;
        m_confirmed.clear();
        QList<LeafChange> leaves;
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        const QJsonObject object = entries.toObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            const Result<Path> path = Path::parse(it.key());
            if (!path || !it.value().isObject()) {
                qCWarning(lcClient) << "store" << m_name << "skipping a malformed snapshot entry";
                ++skipped;
                continue;
            }
            // Snapshots carry no per-entry revision: 0 marks it unknown.
            Leaf leaf = ValueModel::leafFromSnapshot(it.value().toObject(), 0);
            leaf.syncedAt = now;
            leaves.append({path->key(), leaf});
        }
        m_confirmed.applyChanges(leaves);
        setSeqLocked(*seq);
        dropAckedLocked(fired);
        rebuildVisibleLocked();
        if (m_cache)
            m_cache->replace(m_confirmed);
        for (const auto &subscription : std::as_const(m_subscriptions))
            subscription->pushResync();
        m_publicSeq.store(m_lastSeq);
        m_deferSyncWake = false;
    }
    fire(fired);
    notifyPending();
    if (skipped > 0)
        reportMalformed(u"snapshot"_s, u"entries"_s, {{u"skipped_entries"_s, skipped}});
    m_listener->engineSeqChanged();
    scheduleCommit();
    deliverSyncSubscriptions();
}

void SyncEngine::beginCatchUp(qint64 headSeq)
{
    const qint64 from = m_publicSeq.load();
    m_catchUpFrom.store(from);
    m_catchUpTarget.store(std::max(from, headSeq));
    m_listener->engineSeqChanged();
}

void SyncEngine::handleCatchUpComplete(qint64 throughSeq)
{
    // Live writes during the catch-up may have taken it past the join's head.
    m_catchUpTarget.store(std::max({m_catchUpTarget.load(), throughSeq, m_publicSeq.load()}));
    m_listener->engineCaughtUp(throughSeq);
}

CatchUpProgress SyncEngine::catchUpProgress() const
{
    const qint64 from = m_catchUpFrom.load();
    const qint64 total = std::max<qint64>(0, m_catchUpTarget.load() - from);
    return {std::clamp<qint64>(m_publicSeq.load() - from, 0, total), total};
}

void SyncEngine::setSeqLocked(qint64 seq)
{
    m_lastSeq = seq;
    if (m_cache)
        m_cache->setLastSeq(seq);
}

void SyncEngine::recomputeLocked(const Path &changed)
{
    // The region to rebuild: the changed path, widened to the highest
    // pending write above it, so every pending write that touches the region
    // lies inside it and can be replayed there.
    Path root = changed;
    for (const PendingOp &op : m_pending) {
        if (op.optimistic && op.path.isAncestorOf(root))
            root = op.path;
    }
    m_visible.reset(root);
    for (const PendingOp &op : m_pending) {
        if (op.path == root || root.isAncestorOf(op.path))
            overlayLocked(op);
    }
}

void SyncEngine::rebuildVisibleLocked()
{
    m_visible.clear();
    for (const PendingOp &op : m_pending)
        overlayLocked(op);
}

// ---------------------------------------------------------------- subscriptions

void SyncEngine::dispatchLocked(const StoreEvent &event, EventClass cls)
{
    using Mode = SubscribeOptions::Mode;
    for (qsizetype i = 0; i < m_subscriptions.size();) {
        const std::shared_ptr<Subscription> &subscription = m_subscriptions.at(i);
        const Mode mode = subscription->mode();
        bool wanted = false;
        switch (cls) {
        case EventClass::OptimisticOwn:
        case EventClass::Rejection:
            wanted = mode != Mode::Committed;
            break;
        case EventClass::CommittedOwn:
            wanted = mode == Mode::Committed;
            break;
        case EventClass::CommittedOther:
            wanted = mode != Mode::Optimistic;
            break;
        }
        if (!wanted || !subscription->matches(event.path)) {
            ++i;
            continue;
        }
        // Sync-thread subscriptions are drained right after the frame that
        // produced the event; other pushes post one wake-up.
        const bool wake = !(m_deferSyncWake && subscription->onSyncThread());
        if (subscription->push(event, true, wake)) {
            ++i;
            continue;
        }
        qCWarning(lcClient) << "store" << m_name << "subscription" << subscription->id()
                            << "overflowed its queue; dropped, resync requested";
        for (auto it = m_dropped.begin(); it != m_dropped.end();)
            it = it->expired() ? m_dropped.erase(it) : std::next(it);
        m_dropped.insert(subscription->id(), subscription);
        m_subscriptions.removeAt(i);
    }
}

Result<SubscriptionId> SyncEngine::subscribe(const QString &pattern,
                                             std::function<void(const StoreEvent &)> callback,
                                             const SubscribeOptions &options, QObject *receiver)
{
    Result<Glob> glob = Glob::compile(pattern);
    if (!glob)
        return glob.error();
    if (options.maxQueueSize < 1 || options.bootstrapLimit < 0)
        return Error(Error::Kind::InvalidParams, u"invalid_subscribe_options"_s);
    if (!callback)
        return Error(Error::Kind::InvalidParams, u"missing_callback"_s);

    const std::shared_ptr<Invoker> invoker = receiver ? Invoker::create(receiver) : m_syncInvoker;

    std::shared_ptr<Subscription> subscription;
    {
        std::unique_lock lock(m_lock);
        const SubscriptionId id = m_nextSubscription++;
        subscription = std::make_shared<Subscription>(id, *glob, options, std::move(callback),
                                                      invoker, receiver != nullptr);
        if (options.includeCurrent) {
            // Under the same lock as registration: no live event slips between.
            PageRequest request;
            request.order = options.order;
            qsizetype remaining = options.bootstrapLimit == 0 ? -1 : options.bootstrapLimit;
            for (;;) {
                request.limit = remaining < 0 ? PageRequest::MaxLimit
                                              : int(std::min<qsizetype>(remaining, PageRequest::MaxLimit));
                const Result<Page> page = m_visible.enumerate(*glob, request);
                if (!page)
                    break;
                for (const Entry &entry : page->entries) {
                    StoreEvent event;
                    event.store = m_name;
                    event.path = entry.path;
                    event.op = Op::Kind::Set;
                    event.value = entry.value;
                    event.storeSeq = entry.revision;
                    event.committed = entry.revision > 0;
                    event.source = StoreEvent::Source::Bootstrap;
                    event.entryType = entry.type;
                    subscription->push(std::move(event), false, true);
                }
                if (remaining > 0)
                    remaining -= page->entries.size();
                if (page->nextCursor.isEmpty() || remaining == 0)
                    break;
                request.after = page->nextCursor;
            }
        }
        m_subscriptions.append(subscription);
    }
    if (receiver) {
        const std::weak_ptr<SyncEngine> weak = weak_from_this();
        const SubscriptionId id = subscription->id();
        subscription->setReceiverConnection(QObject::connect(receiver, &QObject::destroyed, [weak, id] {
            if (const auto engine = weak.lock())
                engine->unsubscribe(id);
        }));
    }
    return subscription->id();
}

void SyncEngine::unsubscribe(SubscriptionId id)
{
    std::shared_ptr<Subscription> subscription;
    {
        std::unique_lock lock(m_lock);
        for (qsizetype i = 0; i < m_subscriptions.size(); ++i) {
            if (m_subscriptions.at(i)->id() == id) {
                subscription = m_subscriptions.takeAt(i);
                break;
            }
        }
        if (!subscription)
            subscription = m_dropped.take(id).lock();
        for (auto it = m_dropped.begin(); it != m_dropped.end();)
            it = it->expired() ? m_dropped.erase(it) : std::next(it);
    }
    // Outside the state lock: cancel() may wait for a running callback,
    // which may itself read the store.
    if (subscription)
        subscription->cancel();
}

void SyncEngine::deliverSyncSubscriptions()
{
    QVarLengthArray<std::shared_ptr<Subscription>, 8> sync;
    {
        std::shared_lock lock(m_lock);
        for (const auto &subscription : std::as_const(m_subscriptions)) {
            if (subscription->onSyncThread())
                sync.append(subscription);
        }
    }
    for (const auto &subscription : sync)
        subscription->drain();
}

// ---------------------------------------------------------------- reads

std::optional<Entry> SyncEngine::read(const Path &path) const
{
    std::shared_lock lock(m_lock);
    return m_visible.read(path);
}

QList<Entry> SyncEngine::readMany(const QStringList &paths) const
{
    QList<Path> parsed;
    parsed.reserve(paths.size());
    for (const QString &p : paths) {
        if (Result<Path> path = Path::parse(p))
            parsed.append(*path);
    }
    QList<Entry> out;
    std::shared_lock lock(m_lock);
    for (const Path &path : std::as_const(parsed)) {
        if (const std::optional<Leaf> leaf = m_visible.leaf(path))
            out.append(Entry{path, leaf->value, leaf->type, leaf->seq});
    }
    return out;
}

Result<Page> SyncEngine::enumerate(const QString &pattern, const PageRequest &request) const
{
    const Result<Glob> glob = Glob::compile(pattern);
    if (!glob)
        return glob.error();
    std::shared_lock lock(m_lock);
    return m_visible.enumerate(*glob, request);
}

Result<Page> SyncEngine::range(const QString &from, const QString &to, const PageRequest &request) const
{
    std::shared_lock lock(m_lock);
    return m_visible.range(from, to, request);
}

Result<qsizetype> SyncEngine::count(const QString &pattern) const
{
    const Result<Glob> glob = Glob::compile(pattern);
    if (!glob)
        return glob.error();
    std::shared_lock lock(m_lock);
    return m_visible.count(*glob);
}

Result<EntrySnapshot> SyncEngine::snapshot(const QString &pattern) const
{
    const Result<Glob> glob = Glob::compile(pattern);
    if (!glob)
        return glob.error();
    PageRequest request;
    request.limit = PageRequest::MaxLimit;
    EntrySnapshot snapshot;
    // One read lock for every page and the seq: writes apply under the
    // write lock, so nothing lands between them.
    std::shared_lock lock(m_lock);
    snapshot.storeSeq = m_lastSeq;
    for (;;) {
        const Result<Page> page = m_visible.enumerate(*glob, request);
        if (!page)
            return page.error();
        snapshot.entries += page->entries;
        if (page->nextCursor.isEmpty())
            return snapshot;
        request.after = page->nextCursor;
    }
}

// ---------------------------------------------------------------- lifecycle

Result<void> SyncEngine::load(std::unique_ptr<Cache> cache)
{
    Result<CacheContents> contents = cache->load();
    if (!contents)
        return contents.error();
    {
        std::unique_lock lock(m_lock);
        m_confirmed.clear();
        m_confirmed.applyChanges(contents->leaves);
        PendingList restored;
        for (const StoredOp &stored : std::as_const(contents->outbox)) {
            if (m_pendingById.contains(stored.clientOpId))
                continue;
            PendingOp op;
            op.clientOpId = stored.clientOpId;
            op.kind = stored.kind;
            op.path = *Path::parse(stored.path);
            op.value = stored.value;
            op.event = stored.event;
            op.payload = stored.payload;
            op.optimistic = op.kind != Op::Kind::Lease && op.kind != Op::Kind::Renew
                && op.kind != Op::Kind::Release;
            op.persisted = true;
            restored.push_back(std::move(op));
        }
        m_pending.splice(m_pending.begin(), restored);
        m_pendingById.clear();
        for (auto it = m_pending.begin(); it != m_pending.end(); ++it) {
            m_pendingById.insert(it->clientOpId, it);
            if (it->persistent && !it->persisted) {
                cache->addOp(toStored(*it));
                it->persisted = true;
            }
        }
        m_lastSeq = contents->lastSeq;
        m_publicSeq.store(m_lastSeq);
        m_pendingChanged = !contents->outbox.isEmpty();
        rebuildVisibleLocked();
        m_cache = std::move(cache);
        if (!contents->leaves.isEmpty() || !contents->outbox.isEmpty()) {
            for (const auto &subscription : std::as_const(m_subscriptions))
                subscription->pushResync();
        }
    }
    m_loaded.store(true);
    commitCache();
    m_listener->engineSeqChanged();
    notifyPending();
    return {};
}

void SyncEngine::unload()
{
    commitCache();
    std::unique_lock lock(m_lock);
    m_cache.reset();
}

void SyncEngine::scheduleCommit()
{
    if (!m_cache || !m_cache->isPersistent() || m_commitPosted)
        return;
    m_commitPosted = true;
    m_syncInvoker->post([weak = weak_from_this()] {
        if (const auto engine = weak.lock()) {
            engine->m_commitPosted = false;
            engine->commitCache();
        }
    });
}

Result<void> SyncEngine::commitCache()
{
    if (!m_cache)
        return {};
    Result<void> result = m_cache->commit();
    if (!result) {
        qCWarning(lcClient) << "store" << m_name << "cache write failed:" << result.error();
        if (!m_storageErrorReported) {
            m_storageErrorReported = true;
            m_listener->engineErrorOccurred(result.error());
        }
    }
    return result;
}

void SyncEngine::setStatus(Client::Status status)
{
    if (m_status.exchange(status) != status)
        m_listener->engineStatusChanged(status);
}

void SyncEngine::setCapabilities(const QJsonObject &joinReply)
{
    {
        std::lock_guard lock(m_capsMutex);
        m_capabilities = joinReply;
    }
    m_listener->engineCapabilitiesChanged();
}

void SyncEngine::reportError(const Error &error)
{
    m_listener->engineErrorOccurred(error);
}

Error SyncEngine::malformed(const QString &event, const QString &field, const QJsonObject &extra) const
{
    QJsonObject detail = extra;
    detail.insert(u"store"_s, m_name);
    detail.insert(u"event"_s, event);
    detail.insert(u"field"_s, field);
    return Error(Error::Kind::Protocol, u"malformed_message"_s, detail);
}

void SyncEngine::reportMalformed(const QString &event, const QString &field, const QJsonObject &extra)
{
    reportError(malformed(event, field, extra));
}

} // namespace Dust::Internal
