// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#include "dusttopicmailbox_p.h"

namespace Dust {

TopicMailbox::TopicMailbox(TopicSubscription::Delivery delivery, int maxBacklog)
    : delivery(delivery), maxBacklog(maxBacklog), m_coalescing(delivery == TopicSubscription::Delivery::Coalesced)
{
}

void TopicMailbox::setCoalescing(bool coalescing)
{
    std::lock_guard lock(m_mutex);
    m_coalescing = coalescing || delivery == TopicSubscription::Delivery::Coalesced;
}

void TopicMailbox::setWake(std::function<void()> wake)
{
    std::lock_guard lock(m_mutex);
    m_wakeup.set(std::move(wake));
}

// Past this many slots, and eight times the events about to be coalesced,
// a coalescer's table is allocated again at the size they need: one huge
// batch must not keep its table for ever.
constexpr qsizetype MaxIdleSlots = 16384;
// The smallest backlog the producer coalesces: below it, what the consumer
// takes is small whatever it holds.
constexpr qsizetype MinCoalesceAt = 1024;

namespace {

// FNV-1a over the slug's UTF-16 code units: slugs are short, and the table
// compares the strings themselves on a hash match.
quint32 slugHash(const QString &slug)
{
    quint32 hash = 2166136261u;
    for (const QChar c : slug)
        hash = (hash ^ c.unicode()) * 16777619u;
    return hash;
}

} // namespace

void TopicMailbox::coalesceWith(std::unique_ptr<Coalescer> &coalescer, QList<RecordEvent> &events)
{
    if (!coalescer)
        coalescer = std::make_unique<Coalescer>();
    coalescer->coalesce(events);
}

void TopicMailbox::Coalescer::coalesce(QList<RecordEvent> &events)
{
    if (events.size() < 2)
        return;
    startGeneration(events.size());
    qsizetype kept = 0;
    for (qsizetype i = 0; i < events.size(); ++i) {
        const quint32 hash = slugHash(events.at(i).slug);
        Slot &slot = find(events, hash, events.at(i).slug);
        if (slot.generation == m_generation) {
            events[slot.position] = std::move(events[i]);
            continue;
        }
        slot = {hash, m_generation, quint32(kept)};
        if (kept != i)
            events[kept] = std::move(events[i]);
        if (2 * ++kept > qsizetype(m_slots.size()))
            grow(events, kept);
    }
    events.resize(kept);
}

void TopicMailbox::Coalescer::startGeneration(qsizetype events)
{
    const bool oversized = qsizetype(m_slots.size()) > std::max(MaxIdleSlots, 8 * events);
    if (++m_generation == 0 || oversized || m_slots.empty()) {
        m_slots.assign(oversized || m_slots.empty() ? 64 : m_slots.size(), Slot());
        m_generation = 1;
    }
}

// Doubles the table, re-entering the slugs kept so far in this generation.
void TopicMailbox::Coalescer::grow(const QList<RecordEvent> &events, qsizetype kept)
{
    m_slots.assign(2 * m_slots.size(), Slot());
    for (qsizetype j = 0; j < kept; ++j) {
        const quint32 hash = slugHash(events.at(j).slug);
        find(events, hash, events.at(j).slug) = {hash, m_generation, quint32(j)};
    }
}

TopicMailbox::Coalescer::Slot &TopicMailbox::Coalescer::find(const QList<RecordEvent> &events, quint32 hash,
                                                             const QString &slug)
{
    const size_t mask = m_slots.size() - 1;
    for (size_t at = hash & mask;; at = (at + 1) & mask) {
        Slot &slot = m_slots[at];
        if (slot.generation != m_generation
            || (slot.hash == hash && events.at(slot.position).slug == slug)) {
            return slot;
        }
    }
}

void TopicMailbox::appendLocked(const RecordEvent &event, bool *overflowed)
{
    if (delivery == TopicSubscription::Delivery::EveryEvent && m_pushedSinceDrop++ >= maxBacklog) {
        // A view this far behind gets a resync instead of unbounded memory;
        // what arrives after the drop is delivered as usual.
        dropEventsLocked();
        m_pushedSinceDrop = 1;
        m_resync = true;
        if (overflowed)
            *overflowed = true;
    }
    m_events.append(event);
    if (m_coalescing && m_events.size() >= std::max(m_coalesceAt, MinCoalesceAt)) {
        coalesceWith(m_producerCoalescer, m_events);
        m_coalesceAt = 2 * m_events.size();
    }
}

void TopicMailbox::push(const RecordEvent &event, bool *overflowed)
{
    std::unique_lock lock(m_mutex);
    if (m_closed)
        return;
    appendLocked(event, overflowed);
    m_wakeup.wakeUnlocked(lock);
}

void TopicMailbox::pushBatch(const QList<RecordEvent> &events, bool *overflowed)
{
    if (events.isEmpty())
        return;
    std::unique_lock lock(m_mutex);
    if (m_closed)
        return;
    for (const RecordEvent &event : events)
        appendLocked(event, overflowed);
    m_wakeup.wakeUnlocked(lock);
}

void TopicMailbox::dropEventsLocked()
{
    m_events.clear();
    m_pushedSinceDrop = 0;
    m_coalesceAt = 0;
}

void TopicMailbox::pushResync()
{
    std::unique_lock lock(m_mutex);
    if (m_closed)
        return;
    // Whatever is queued predates the resync and is superseded by it.
    dropEventsLocked();
    m_resync = true;
    m_wakeup.wakeUnlocked(lock);
}

void TopicMailbox::pushSnapshot(const QList<QVariantMap> &records)
{
    std::unique_lock lock(m_mutex);
    if (m_closed)
        return;
    dropEventsLocked();
    m_snapshot = records;
    m_wakeup.wakeUnlocked(lock);
}

void TopicMailbox::pushActive()
{
    std::unique_lock lock(m_mutex);
    if (m_closed)
        return;
    m_becameActive = true;
    m_wakeup.wakeUnlocked(lock);
}

void TopicMailbox::pushError(const Error &error)
{
    std::unique_lock lock(m_mutex);
    if (m_closed)
        return;
    m_error = error;
    m_wakeup.wakeUnlocked(lock);
}

void TopicMailbox::closeFromProducer()
{
    std::unique_lock lock(m_mutex);
    if (m_closed)
        return;
    clearLocked();
    m_wakeup.wakeUnlocked(lock);
    m_wakeup.close(lock);
}

void TopicMailbox::close()
{
    std::unique_lock lock(m_mutex);
    clearLocked();
    m_wakeup.close(lock);
}

void TopicMailbox::clearLocked()
{
    m_closed = true;
    m_snapshot.reset();
    m_events.clear();
    m_resync = false;
    m_becameActive = false;
    m_error = Error();
}

TopicMailbox::Batch TopicMailbox::take()
{
    Batch batch;
    bool coalescing = false;
    {
        std::lock_guard lock(m_mutex);
        batch.snapshot = std::exchange(m_snapshot, std::nullopt);
        batch.events.swap(m_events);
        dropEventsLocked();
        batch.resync = std::exchange(m_resync, false);
        batch.becameActive = std::exchange(m_becameActive, false);
        batch.error = std::exchange(m_error, Error());
        coalescing = m_coalescing;
        m_wakeup.taken();
    }
    if (coalescing)
        coalesceWith(m_consumerCoalescer, batch.events);
    return batch;
}

bool TopicMailbox::isClosed() const
{
    return m_closed.load(std::memory_order_acquire);
}

qsizetype TopicMailbox::queuedEvents() const
{
    std::lock_guard lock(m_mutex);
    return m_events.size();
}

} // namespace Dust
