// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#include "dusttopicchannel_p.h"

namespace Dust {

TopicChannel::TopicChannel(TopicSubscription::Delivery delivery, int maxBacklog)
    : delivery(delivery), maxBacklog(maxBacklog)
{
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

void TopicChannel::push(const RecordEvent &event, bool *overflowed)
{
    std::lock_guard lock(m_mutex);
    if (m_closed)
        return;
    if (delivery == TopicSubscription::Delivery::Coalesced) {
        // The latest state per slug, kept at the slug's first-change position.
        const auto it = m_indexBySlug.constFind(event.slug);
        if (it != m_indexBySlug.cend()) {
            m_events[*it] = event;
            wakeLocked();
            return;
        }
        m_indexBySlug.insert(event.slug, m_events.size());
    } else if (m_events.size() >= maxBacklog) {
        // A view this far behind gets a resync instead of unbounded memory;
        // what arrives after the drop is delivered as usual.
        m_events.clear();
        m_resync = true;
        if (overflowed)
            *overflowed = true;
    }
    m_events.append(event);
    wakeLocked();
}

void TopicChannel::pushResync()
{
    std::lock_guard lock(m_mutex);
    if (m_closed)
        return;
    // Whatever is queued predates the resync and is superseded by it.
    m_events.clear();
    m_indexBySlug.clear();
    m_resync = true;
    wakeLocked();
}

void TopicChannel::pushSnapshot(const QList<QVariantMap> &records)
{
    std::lock_guard lock(m_mutex);
    if (m_closed)
        return;
    m_events.clear();
    m_indexBySlug.clear();
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
    batch.events.swap(m_events);
    m_indexBySlug.clear();
    batch.resync = std::exchange(m_resync, false);
    batch.becameActive = std::exchange(m_becameActive, false);
    batch.error = std::exchange(m_error, Error());
    m_wakePending = false;
    return batch;
}

bool TopicChannel::isClosed() const
{
    std::lock_guard lock(m_mutex);
    return m_closed;
}

qsizetype TopicChannel::queuedEvents() const
{
    std::lock_guard lock(m_mutex);
    return m_events.size();
}

} // namespace Dust
