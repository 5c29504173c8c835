// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#include "dusttopicchannel_p.h"

namespace Dust {

TopicChannel::TopicChannel(TopicSubscription::Delivery delivery, int maxBacklog)
    : delivery(delivery), maxBacklog(maxBacklog), m_coalescing(delivery == TopicSubscription::Delivery::Coalesced)
{
}

void TopicChannel::setCoalescing(bool coalescing)
{
    std::lock_guard lock(m_mutex);
    m_coalescing = coalescing || delivery == TopicSubscription::Delivery::Coalesced;
}

void TopicChannel::setWake(std::function<void()> wake)
{
    std::lock_guard lock(m_mutex);
    m_wake = std::move(wake);
}

void TopicChannel::wakeLocked()
{
    if (m_wakePending || !m_wake)
        return;
    m_wakePending = true;
    m_wake();
}

// The index keeps the slugs of earlier batches. Past this many entries, and
// four times the batch just taken, it is rebuilt: a topic whose slugs keep
// changing must not grow it for ever.
constexpr qsizetype MaxIndexEntries = 16384;

void TopicChannel::appendLocked(const RecordEvent &event, bool *overflowed)
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
    if (m_coalescing) {
        // The latest state per slug, kept at the slug's first-change position.
        Position &position = m_indexBySlug[event.slug];
        if (position.generation == m_generation) {
            m_events[position.index] = event;
            return;
        }
        position = {m_events.size(), m_generation};
    }
    m_events.append(event);
}

void TopicChannel::push(const RecordEvent &event, bool *overflowed)
{
    std::lock_guard lock(m_mutex);
    if (m_closed)
        return;
    appendLocked(event, overflowed);
    wakeLocked();
}

void TopicChannel::pushBatch(const QList<RecordEvent> &events, bool *overflowed)
{
    if (events.isEmpty())
        return;
    std::lock_guard lock(m_mutex);
    if (m_closed)
        return;
    for (const RecordEvent &event : events)
        appendLocked(event, overflowed);
    wakeLocked();
}

void TopicChannel::dropEventsLocked()
{
    const qsizetype dropped = m_events.size();
    m_events.clear();
    m_pushedSinceDrop = 0;
    if (++m_generation == 0 || m_indexBySlug.size() > std::max(MaxIndexEntries, 4 * dropped)) {
        m_indexBySlug.clear();
        m_generation = 1;
    }
}

void TopicChannel::pushResync()
{
    std::lock_guard lock(m_mutex);
    if (m_closed)
        return;
    // Whatever is queued predates the resync and is superseded by it.
    dropEventsLocked();
    m_resync = true;
    wakeLocked();
}

void TopicChannel::pushSnapshot(const QList<QVariantMap> &records)
{
    std::lock_guard lock(m_mutex);
    if (m_closed)
        return;
    dropEventsLocked();
    m_snapshot = records;
    wakeLocked();
}

void TopicChannel::pushActive()
{
    std::lock_guard lock(m_mutex);
    if (m_closed)
        return;
    m_becameActive = true;
    wakeLocked();
}

void TopicChannel::pushError(const Error &error)
{
    std::lock_guard lock(m_mutex);
    if (m_closed)
        return;
    m_error = error;
    wakeLocked();
}

void TopicChannel::closeFromProducer()
{
    std::lock_guard lock(m_mutex);
    if (m_closed)
        return;
    clearLocked();
    wakeLocked();
    m_wake = nullptr;
}

void TopicChannel::close()
{
    std::lock_guard lock(m_mutex);
    clearLocked();
    m_wake = nullptr;
}

void TopicChannel::clearLocked()
{
    m_closed = true;
    m_snapshot.reset();
    m_events.clear();
    m_indexBySlug.clear();
    m_resync = false;
    m_becameActive = false;
    m_error = Error();
}

TopicChannel::Batch TopicChannel::take()
{
    std::lock_guard lock(m_mutex);
    Batch batch;
    batch.snapshot = std::exchange(m_snapshot, std::nullopt);
    batch.events = m_events;
    dropEventsLocked();
    batch.resync = std::exchange(m_resync, false);
    batch.becameActive = std::exchange(m_becameActive, false);
    batch.error = std::exchange(m_error, Error());
    m_wakePending = false;
    return batch;
}

bool TopicChannel::isClosed() const
{
    return m_closed.load(std::memory_order_acquire);
}

qsizetype TopicChannel::queuedEvents() const
{
    std::lock_guard lock(m_mutex);
    return m_events.size();
}

} // namespace Dust
