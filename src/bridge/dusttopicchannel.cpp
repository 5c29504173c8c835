// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#include "dusttopicchannel_p.h"

namespace Dust {

TopicChannel::TopicChannel(TopicSubscription::Delivery delivery, int maxBacklog)
    : delivery(delivery), maxBacklog(maxBacklog)
{
}

bool TopicChannel::wakeLocked()
{
    if (m_wakePending)
        return false;
    m_wakePending = true;
    return true;
}

bool TopicChannel::push(const RecordEvent &event)
{
    std::lock_guard lock(m_mutex);
    if (m_closed)
        return false;
    if (delivery == TopicSubscription::Delivery::Coalesced) {
        // The latest state per slug, kept at the slug's first-change position.
        const auto it = m_indexBySlug.constFind(event.slug);
        if (it != m_indexBySlug.cend()) {
            m_events[*it] = event;
            return wakeLocked();
        }
        m_indexBySlug.insert(event.slug, m_events.size());
    } else if (m_events.size() >= maxBacklog) {
        // A view this far behind gets a resync instead of unbounded memory;
        // what arrives after the drop is delivered as usual.
        m_events.clear();
        m_resync = true;
    }
    m_events.append(event);
    return wakeLocked();
}

bool TopicChannel::pushResync()
{
    std::lock_guard lock(m_mutex);
    if (m_closed)
        return false;
    // Whatever is queued predates the resync and is superseded by it.
    m_events.clear();
    m_indexBySlug.clear();
    m_resync = true;
    return wakeLocked();
}

bool TopicChannel::pushActive()
{
    std::lock_guard lock(m_mutex);
    if (m_closed)
        return false;
    m_becameActive = true;
    return wakeLocked();
}

bool TopicChannel::pushError(const Error &error)
{
    std::lock_guard lock(m_mutex);
    if (m_closed)
        return false;
    m_error = error;
    return wakeLocked();
}

void TopicChannel::close()
{
    std::lock_guard lock(m_mutex);
    m_closed = true;
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
