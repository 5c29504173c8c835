// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#ifndef DUSTSYNCENGINE_P_H
#define DUSTSYNCENGINE_P_H

#include <dustprivateapi_p.h>

#include "dustcache_p.h"

#include <dustclient.h>
#include <dusteventframe_p.h>
#include <duststoreevent.h>
#include <dustvaluemodel.h>
#include <dustoverlaymodel_p.h>

#include <QtCore/qhash.h>
#include <QtCore/qjsonobject.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <list>
#include <memory>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <variant>

namespace Dust::Internal {

class Invoker;
class Subscription;
class SyncEngine;

// How a write was answered; handed to the write's resolver exactly once.
struct Settlement
{
    Error error;
    qint64 storeSeq = 0;
    QJsonObject reply;      // the ok reply's response (lease fields, "released")
    QJsonValue eventValue;  // the echo's value
    bool fromEcho = false;
};

using Resolver = std::function<void(const Settlement &)>;

// An `event` of one socket read: read straight from its frame's text, or
// the payload the codec decoded (every frame the reader leaves to it).
using IncomingEvent = std::variant<EventFrame, QJsonObject>;

// A write submitted through a Store, before the engine takes it.
struct WriteRequest
{
    Op::Kind kind = Op::Kind::Set;
    Path path;
    QJsonValue value;       // applied optimistically (when `optimistic`)
    QString event = QStringLiteral("write");
    QJsonObject extra;      // push fields besides op/path/value/client_op_id
    bool optimistic = true;
    bool persistent = true; // kept in the outbox across restarts
    // A request (status, rollback) settled by its reply alone: no event of
    // its own follows, and a refusal reaches no subscriber.
    bool replyOnly = false;
    Resolver resolve;
};

// An engine's link to the connection; called on the sync thread only.
class SyncHost
{
public:
    virtual ~SyncHost() = default;
    // The engine has writes to persist or send, or a new write deadline.
    virtual void engineHasWork(SyncEngine *engine) = 0;
};

// Notifications from an engine to its Store (from any thread).
class EngineListener
{
public:
    virtual ~EngineListener() = default;
    virtual void engineStatusChanged(Client::Status status) = 0;
    virtual void engineSeqChanged() = 0;
    virtual void engineCapabilitiesChanged() = 0;
    virtual void engineErrorOccurred(const Error &error) = 0;
    virtual void engineCaughtUp(qint64 throughSeq) = 0;
    virtual void enginePendingChanged() = 0;
};

// How far the catch-up after a join has got: events applied of those the
// join's store_seq asks for.
struct CatchUpProgress
{
    qint64 applied = 0;
    qint64 total = 0;
};

// The state of one store: the server's truth (`confirmed`, with revisions),
// what the application sees (`visible`: confirmed with an overlay of what the
// pending writes, replayed in order, change), the ordered pending writes and
// the subscriptions. The data is kept once: with nothing pending the overlay
// is empty and a server event is applied to the confirmed model alone.
//
// Writes, reads and (un)subscribing are called from any thread; everything
// that talks to the server or the cache runs on the sync thread. The state
// lock is never held while a user callback or a future continuation runs.
class SyncEngine : public std::enable_shared_from_this<SyncEngine>
{
public:
    struct Outgoing
    {
        QString clientOpId;
        QString event;
        QJsonObject payload;
    };

    SyncEngine(const QString &store, std::shared_ptr<Invoker> syncInvoker,
               std::unique_ptr<EngineListener> listener);
    ~SyncEngine();

    QString name() const { return m_name; }
    // The Phoenix channel's topic, `store:<name>`; distinct from a PubSub
    // topic of the bridge, which names a stream of records.
    QString channelTopic() const;

    // --- any thread ---
    void submit(WriteRequest request);
    void setWriteTimeout(std::chrono::milliseconds timeout);
    // Named in the optimistic events of this client's writes.
    void setDeviceId(const QString &deviceId);
    Client::Status status() const { return m_status.load(); }
    qint64 lastStoreSeq() const { return m_publicSeq.load(); }
    QJsonObject capabilities() const;
    qsizetype pendingCount() const;
    // Calls `done` once the cache is loaded and no write is pending: at once
    // in this thread when that holds already, otherwise on the sync thread,
    // with Error "closed" when the connection stops first.
    void whenDrained(std::function<void(const Error &)> done);
    bool isLoaded() const { return m_loaded.load(); }
    // Whether applying an event reads more than its leaves: its path, value
    // and ids, for a subscriber or a pending write.
    bool readsEventDetail() const;
    CatchUpProgress catchUpProgress() const;

    std::optional<Entry> read(const Path &path) const;
    QList<Entry> readMany(const QStringList &paths) const;
    Result<Page> enumerate(const QString &pattern, const PageRequest &request) const;
    Result<Page> range(const QString &from, const QString &to, const PageRequest &request) const;
    Result<qsizetype> count(const QString &pattern) const;
    Result<EntrySnapshot> snapshot(const QString &pattern) const;

    Result<SubscriptionId> subscribe(const QString &pattern,
                                     std::function<void(const StoreEvent &)> callback,
                                     const SubscribeOptions &options, QObject *receiver);
    void unsubscribe(SubscriptionId id);

    // --- sync thread ---
    void setHost(SyncHost *host) { m_host = host; }
    // Loads the persisted state; writes made before stay queued after the
    // persisted ones.
    Result<void> load(std::unique_ptr<Cache> cache);
    void unload();
    void setStatus(Client::Status status);
    void setCapabilities(const QJsonObject &joinReply);
    // A join was answered: the catch-up runs from lastStoreSeq() to `headSeq`.
    void beginCatchUp(qint64 headSeq);
    void reportError(const Error &error);
    // Reports a server message (`event`, `snapshot`, a reply...) that was
    // ignored because `field` is missing or of the wrong type.
    void reportMalformed(const QString &event, const QString &field, const QJsonObject &extra = {});
    // Persists new writes; when `generation` is non-zero (joined), returns
    // every unsettled write not yet sent in this generation, in order.
    QList<Outgoing> takeOutgoing(quint64 generation);
    void handleReply(const QString &clientOpId, bool ok, const QJsonObject &response);
    // Applies the `event`s of one socket read, in order, as one batch.
    void handleEvents(const QList<IncomingEvent> &incoming);
    void handleSnapshot(const QJsonObject &payload);
    void handleCatchUpComplete(qint64 throughSeq);
    // Finishes futures whose deadline passed; returns the next deadline.
    std::optional<std::chrono::steady_clock::time_point> expireWrites();
    // Finishes every waiting future with `error`; the writes stay queued.
    // Drain waiters finish with it too.
    void failWaiting(const Error &error);
    // Delivers queued events of sync-thread subscriptions.
    void deliverSyncSubscriptions();
    Result<void> commitCache();

private:
    enum class EventClass { OptimisticOwn, CommittedOwn, CommittedOther, Rejection };

    struct PendingOp
    {
        QString clientOpId;
        Op::Kind kind = Op::Kind::Set;
        Path path;
        QJsonValue value;
        QString event;
        QJsonObject payload;
        bool optimistic = true;
        bool persistent = true;
        bool persisted = false;
        bool replyOnly = false;
        quint64 sentGeneration = 0;
        qint64 ackedSeq = 0;
        Resolver resolve; // empty once settled (or for writes restored from the outbox)
        std::chrono::steady_clock::time_point deadline;
    };
    using PendingList = std::list<PendingOp>;
    using Fired = QList<std::pair<Resolver, Settlement>>;
    // A server `event`, read from its payload. One read from frame text
    // (`frame`) has only its seq and op until materialize() decodes it.
    struct ServerEvent
    {
        qint64 seq = 0;
        Op::Kind kind = Op::Kind::Set;
        Path path;
        QJsonValue value;
        QString clientOpId;
        QString deviceId;
        const EventFrame *frame = nullptr;
    };

    static QString newClientOpId();
    // Applies a server event; its leaves are stamped as synced at `syncedAt`.
    static Result<AppliedOp> applyCommitted(ValueModel &model, Op::Kind kind, const Path &path,
                                            const QJsonValue &value, qint64 seq, qint64 syncedAt);
    static void replay(ValueModel &model, const PendingOp &op);
    // Lays a pending write over the visible state at and below its path.
    void overlayLocked(const PendingOp &op);
    // The event, or nothing with the name of the missing or invalid field.
    static std::optional<ServerEvent> parseEvent(const QJsonObject &payload, QString *badField);
    // Decodes the path, value and ids of an event read from frame text, as
    // the codec and parseEvent() do; the field that failed otherwise.
    static std::optional<QString> materialize(ServerEvent &event);
    Error malformed(const QString &event, const QString &field, const QJsonObject &extra = {}) const;
    static StoredOp toStored(const PendingOp &op);

    // Locked helpers (the state lock is held for writing).
    void applyEventLocked(ServerEvent &event, qint64 now, Fired &fired, QList<Error> &inapplicable);
    // Applies an event read from frame text while nothing is pending and
    // nobody subscribes: only its leaves are needed.
    void applyFrameLocked(const EventFrame &frame, qint64 now);
    void recomputeLocked(const Path &root);
    void rebuildVisibleLocked();
    void removePendingLocked(PendingList::iterator it);
    void settleLocked(PendingOp &op, const Settlement &settlement, Fired &fired);
    void dispatchLocked(const StoreEvent &event, EventClass cls);
    void dropAckedLocked(Fired &fired);
    void setSeqLocked(qint64 seq);
    void scheduleCommit();
    void wakeHost();
    static void fire(Fired &fired);
    // Tells the listener the pending count changed, and finishes the drain
    // waiters once nothing is pending; the state lock must not be held.
    void notifyPending();

    const QString m_name;
    const std::shared_ptr<Invoker> m_syncInvoker;
    const std::unique_ptr<EngineListener> m_listener;

    // Sync thread only.
    SyncHost *m_host = nullptr;
    std::unique_ptr<Cache> m_cache;
    bool m_commitPosted = false;
    bool m_storageErrorReported = false;

    mutable std::shared_mutex m_lock;
    ValueModel m_confirmed;
    OverlayModel m_visible{m_confirmed};
    PendingList m_pending;
    QHash<QString, PendingList::iterator> m_pendingById;
    QList<std::shared_ptr<Subscription>> m_subscriptions;
    // Overflowed subscriptions whose resync call may still be queued; off()
    // must still be able to cancel it.
    QHash<SubscriptionId, std::weak_ptr<Subscription>> m_dropped;
    // Set while a frame is being applied on the sync thread: its sync-thread
    // subscriptions are drained right after, without a posted wake-up.
    bool m_deferSyncWake = false;
    qint64 m_lastSeq = 0;
    QString m_deviceId;
    SubscriptionId m_nextSubscription = 1;
    bool m_pendingChanged = false;
    QList<std::function<void(const Error &)>> m_drainWaiters;

    mutable std::mutex m_capsMutex;
    QJsonObject m_capabilities;

    std::atomic<Client::Status> m_status{Client::Status::Disconnected};
    std::atomic<qint64> m_publicSeq{0};
    std::atomic<qint64> m_catchUpFrom{0};
    std::atomic<qint64> m_catchUpTarget{0};
    std::atomic<bool> m_loaded{false};
    std::atomic<bool> m_workPosted{false};
    std::atomic<qint64> m_timeoutMs{30000};
};

} // namespace Dust::Internal

#endif // DUSTSYNCENGINE_P_H
