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
    m_wake = std::move(wake);
}

void TopicMailbox::wakeLocked()
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

void TopicMailbox::push(const RecordEvent &event, bool *overflowed)
{
    std::lock_guard lock(m_mutex);
    if (m_closed)
        return;
    appendLocked(event, overflowed);
    wakeLocked();
}

void TopicMailbox::pushBatch(const QList<RecordEvent> &events, bool *overflowed)
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

void TopicMailbox::dropEventsLocked()
{
    const qsizetype dropped = m_events.size();
    m_events.clear();
    m_pushedSinceDrop = 0;
    if (++m_generation == 0 || m_indexBySlug.size() > std::max(MaxIndexEntries, 4 * dropped)) {
        m_indexBySlug.clear();
        m_generation = 1;
    }
}

void TopicMailbox::pushResync()
{
    std::lock_guard lock(m_mutex);
    if (m_closed)
        return;
    // Whatever is queued predates the resync and is superseded by it.
    dropEventsLocked();
    m_resync = true;
    wakeLocked();
}

void TopicMailbox::pushSnapshot(const QList<QVariantMap> &records)
{
    std::lock_guard lock(m_mutex);
    if (m_closed)
        return;
    dropEventsLocked();
    m_snapshot = records;
    wakeLocked();
}

void TopicMailbox::pushActive()
{
    std::lock_guard lock(m_mutex);
    if (m_closed)
        return;
    m_becameActive = true;
    wakeLocked();
}

void TopicMailbox::pushError(const Error &error)
{
    std::lock_guard lock(m_mutex);
    if (m_closed)
        return;
    m_error = error;
    wakeLocked();
}

void TopicMailbox::closeFromProducer()
{
    std::lock_guard lock(m_mutex);
    if (m_closed)
        return;
    clearLocked();
    wakeLocked();
    m_wake = nullptr;
}

void TopicMailbox::close()
{
    std::lock_guard lock(m_mutex);
    clearLocked();
    m_wake = nullptr;
}

void TopicMailbox::clearLocked()
{
    m_closed = true;
    m_snapshot.reset();
    m_events.clear();
    m_indexBySlug.clear();
    m_resync = false;
    m_becameActive = false;
    m_error = Error();
}

TopicMailbox::Batch TopicMailbox::take()
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
