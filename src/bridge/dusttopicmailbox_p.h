// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#ifndef DUSTTOPICMAILBOX_P_H
#define DUSTTOPICMAILBOX_P_H

#include <dustprivateapi_p.h>

//
//  W A R N I N G
//  -------------
//
// This file is not part of the DustQt API. It may change without notice.
//

#include <dustrecordevent.h>
#include <dustthreading_p.h>
#include <dusttopicsubscription.h>

#include <QtCore/qlist.h>
#include <QtCore/qpointer.h>

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

namespace Dust {

// The queue between a broadcaster (on the bridge thread) and one
// TopicSubscription (on its owner's thread), and the only place where a
// view's events are coalesced. The broadcaster pushes, the subscription
// takes everything at once when it runs; only the first push after a take
// wakes the consumer, so a busy view costs one queued call per batch, not
// one per event. A consumer that is still applying the previous batch (a
// ListModel) takes later, and meanwhile its events coalesce here. Memory
// stays bounded either way: Coalesced keeps at most two events per slug,
// EveryEvent drops its backlog past `maxBacklog` and asks for a resync
// instead.
//
// Coalescing costs the producer nothing per event: it appends, as for
// EveryEvent, and the consumer coalesces what it takes, outside the mutex
// and on its own thread. Only a backlog twice the size it had after the last
// coalescing is coalesced by the producer, which keeps a slow view's memory
// bounded at an amortized constant cost per push.
//
// The mailbox owns the wake-up and posts it after releasing its mutex, so
// the consumer's take() never waits for a post; once close() has returned,
// no wake-up reaches the consumer's thread, which may then end and be
// deleted. The producer never holds the consumer's thread itself.
class DUST_CORE_EXPORT TopicMailbox
{
public:
    struct Batch
    {
        // Every current record, replacing whatever the consumer had; events
        // of the same batch come after it.
        std::optional<QList<QVariantMap>> snapshot;
        QList<RecordEvent> events;
        bool resync = false;
        bool becameActive = false;
        Error error;

        bool isEmpty() const
        {
            return !snapshot && events.isEmpty() && !resync && !becameActive && error.isNull();
        }
    };

    TopicMailbox(TopicSubscription::Delivery delivery, int maxBacklog);

    // Set once, before the producer sees the mailbox: asks the consumer's
    // thread to take what is queued.
    void setWake(std::function<void()> wake);
    // For a consumer that shows only the latest state (a ListModel): events
    // are coalesced per slug whatever the delivery. EveryEvent still bounds
    // the events pushed since the last take by maxBacklog.
    void setCoalescing(bool coalescing);

    // Producer side; each wakes the consumer when it is not already due to
    // run. push() sets `overflowed` when it dropped the backlog (EveryEvent).
    void push(const RecordEvent &event, bool *overflowed = nullptr);
    // The same as push() for each event, under one lock and with one wake.
    void pushBatch(const QList<RecordEvent> &events, bool *overflowed = nullptr);
    void pushResync();
    // The full current state; supersedes anything queued before it.
    void pushSnapshot(const QList<QVariantMap> &records);
    void pushActive();
    void pushError(const Error &error);
    // The producer is gone (broadcaster stopped): closes the mailbox and
    // wakes the consumer one last time, so that it turns Stopped.
    void closeFromProducer();
    // Consumer side. Stops delivery for good: drops what is queued; later
    // pushes are ignored and the consumer is never woken again.
    void close();

    // Consumer side, from its one thread: everything queued since the last
    // take, in order, coalesced when the mailbox coalesces.
    Batch take();
    bool isClosed() const;
    // Events waiting for the consumer, before it coalesces them.
    qsizetype queuedEvents() const;

    const TopicSubscription::Delivery delivery;
    const int maxBacklog;

private:
    // Keeps the latest event of each slug, at the slug's first position, in
    // place. Its index is a flat open-addressing table of (hash, generation,
    // position), sized to the distinct slugs of a batch: a slug is hashed
    // once and compared only on a hash match, and a new generation empties
    // the table for the next batch without touching it.
    class Coalescer
    {
    public:
        void coalesce(QList<RecordEvent> &events);

    private:
        struct Slot
        {
            quint32 hash = 0;
            quint32 generation = 0; // 0: never used
            quint32 position = 0;
        };
        void startGeneration(qsizetype events);
        void grow(const QList<RecordEvent> &events, qsizetype kept);
        // The slot holding `slug` in this generation, or the free one where
        // it goes.
        Slot &find(const QList<RecordEvent> &events, quint32 hash, const QString &slug);

        std::vector<Slot> m_slots;
        quint32 m_generation = 0;
    };

    static void coalesceWith(std::unique_ptr<Coalescer> &coalescer, QList<RecordEvent> &events);
    void appendLocked(const RecordEvent &event, bool *overflowed);
    void dropEventsLocked();
    void clearLocked();

    mutable std::mutex m_mutex;
    std::optional<QList<QVariantMap>> m_snapshot;
    QList<RecordEvent> m_events;
    qsizetype m_coalesceAt = 0; // backlog at which the producer coalesces
    // Made on first use: most views never need the producer's, and an
    // EveryEvent view never needs either.
    std::unique_ptr<Coalescer> m_producerCoalescer;
    std::unique_ptr<Coalescer> m_consumerCoalescer; // used by take(), outside the mutex
    qsizetype m_pushedSinceDrop = 0;
    bool m_coalescing = false;
    bool m_resync = false;
    bool m_becameActive = false;
    Error m_error;
    Wakeup m_wakeup;
    // Read without the mutex: the consumer checks it after every signal.
    std::atomic<bool> m_closed = false;
};

} // namespace Dust

#endif // DUSTTOPICMAILBOX_P_H
