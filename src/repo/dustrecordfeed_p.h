// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#ifndef DUSTRECORDFEED_P_H
#define DUSTRECORDFEED_P_H

#include <dustprivateapi_p.h>

//
//  W A R N I N G
//  -------------
//
// This file is not part of the DustQt API. It may change without notice.
//

#include <dustrecordevent.h>
#include <dustschema.h>
#include <duststoreevent.h>
#include <dustthreading_p.h>

#include <QtCore/qlist.h>
#include <QtCore/qpointer.h>

#include <functional>
#include <memory>
#include <mutex>
#include <optional>

namespace Dust {

class Repo;
class Store;

// Every record of a schema, read at once, and the store_seq the read
// reflects.
struct RecordSnapshot
{
    QList<QVariantMap> records;
    qint64 storeSeq = 0;
};

// What the Repo gives bridges that fan one subscription out to many views;
// defined with the Repo, whose internals they use.
namespace RepoBridge {

// Committed events under the schema's prefix, on the client's sync thread,
// registered with the Repo (Repo::unsubscribe() ends it). `maxQueueSize` is
// the engine queue's bound; past it `onResync` runs and the subscription is
// gone.
DUST_CORE_EXPORT Result<SubscriptionId> subscribe(Repo *repo, const Schema &schema,
                                                  std::function<void(const StoreEvent &)> callback,
                                                  std::function<void()> onResync, int maxQueueSize);
// Every current record (in slug order) and the store_seq that state
// reflects, read from the local copy at one instant. Join it with a feed
// subscribed before it by dropping events at or below its storeSeq.
// Thread-safe. Over HTTP, Error NotSupported.
DUST_CORE_EXPORT Result<RecordSnapshot> snapshot(const Repo *repo, const Schema &schema);
// The Store a subscription made now would use, or null.
DUST_CORE_EXPORT Store *storeOf(const Repo *repo);
// Destroyed first thing in ~Repo, while the Repo still works: connect to its
// destroyed() (directly) to end subscriptions through the Repo in time.
DUST_CORE_EXPORT QObject *lifetimeOf(const Repo *repo);

} // namespace RepoBridge

// The record feed: one Repo subscription decoded into RecordEvents where
// the events leave the engine (on the sync thread), and queued for one
// consumer thread. A committed set of the whole record is decoded from the
// event's value; only a partial write (a field of a record, a field
// delete) reads the record back from the local copy, as the engine's batch
// left it: a field write whose record a later event of the same batch
// deleted gives no upsert, only that delete. The consumer never calls back
// into the Repo or the Store per event.
//
// Events of one sync-thread turn (everything the engine applied from one
// socket read) travel as one batch with at most one wake-up, posted after
// every lock is released. The queue is bounded: an overflow drops what is
// queued and asks the consumer to resync, never silently.
class DUST_CORE_EXPORT RecordFeed : public std::enable_shared_from_this<RecordFeed>
{
public:
    struct Batch
    {
        QList<RecordEvent> events;
        bool resubscribe = false; // the engine dropped the subscription, or replaced its copy
        bool overflowed = false;  // events were dropped here
    };

    // `wake` runs on the sync thread, with no lock held, when a batch waits
    // and the consumer was not already due to take(); close() waits for a
    // running one, so it may use the consumer.
    RecordFeed(Repo *repo, const Schema &schema, qsizetype limit, std::function<void()> wake);
    ~RecordFeed();

    // Any thread. Ends a previous subscription first: events in between
    // are in a snapshot taken after it returns.
    Result<void> subscribe();
    // Any thread. Once it returns, no wake-up runs or starts and take()
    // gives nothing.
    void close();
    // Consumer thread: everything queued since the last take(), in order.
    Batch take();
    // The records a consumer reloads from (see RepoBridge::snapshot()).
    Result<RecordSnapshot> snapshot() const;

    // Where the record of a whole-record set comes from: the event (the
    // feed), or the local copy at decode time (Repo::subscribe()).
    enum class WholeRecord { FromEvent, FromStore };

    // Decodes one committed event of `store` by the rules above; nothing for
    // paths outside any record, other stores, rejections and uncommitted
    // events.
    static std::optional<RecordEvent> decode(Store *store, const Schema &schema, const StoreEvent &event,
                                             WholeRecord wholeRecord = WholeRecord::FromEvent);

private:
    void onEvent(Store *store, const StoreEvent &event); // sync thread
    void onResync();                                     // sync thread
    void flush();                                        // sync thread

    const QPointer<Repo> m_repo;
    const Schema m_schema;
    const qsizetype m_limit;

    // Sync thread only: the batch being built in this turn.
    QList<RecordEvent> m_pending;
    bool m_flushPosted = false;

    mutable std::mutex m_mutex;
    SubscriptionId m_subscription = 0;
    QList<RecordEvent> m_queue;
    bool m_resubscribe = false;
    bool m_overflowed = false;
    Wakeup m_wakeup;
    bool m_closed = false;
};

} // namespace Dust

#endif // DUSTRECORDFEED_P_H
