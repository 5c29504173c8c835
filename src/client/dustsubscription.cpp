// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#include "dustsubscription_p.h"

#include <dustthreading_p.h>

namespace Dust::Internal {

Subscription::Subscription(SubscriptionId id, Glob glob, SubscribeOptions options,
                           Callback callback, std::shared_ptr<Invoker> invoker, bool ownsInvoker)
    : m_id(id),
      m_glob(std::move(glob)),
      m_options(std::move(options)),
      m_callback(std::move(callback)),
      m_invoker(std::move(invoker)),
      m_ownsInvoker(ownsInvoker)
{
}

Subscription::~Subscription()
{
    if (m_ownsInvoker)
        m_invoker->shutdown();
}

void Subscription::setReceiverConnection(QMetaObject::Connection connection)
{
    std::lock_guard lock(m_mutex);
    m_receiverConnection = connection;
}

void Subscription::wakeLocked()
{
    if (m_wakePosted)
        return;
    m_wakePosted = true;
    m_invoker->post([self = shared_from_this()] { self->drain(); });
}

bool Subscription::push(StoreEvent event, bool live, bool wake)
{
    std::lock_guard lock(m_mutex);
    if (m_cancelled || m_dropped)
        return false;
    // Without a wake-up the caller drains right after its batch on this
    // thread, so only the events it queues before that wait: not a backlog.
    if (live && wake && m_live >= m_options.maxQueueSize) {
        m_dropped = true;
        m_queue.clear();
        m_live = 0;
        m_queue.push_back(Item{{}, false, true});
        wakeLocked();
        return false;
    }
    if (live)
        ++m_live;
    m_queue.push_back(Item{std::move(event), live, false});
    if (wake)
        wakeLocked();
    return true;
}

void Subscription::pushResync()
{
    std::lock_guard lock(m_mutex);
    if (m_cancelled || m_dropped)
        return;
    m_queue.push_back(Item{{}, false, true});
    wakeLocked();
}

void Subscription::drain()
{
    std::unique_lock lock(m_mutex);
    m_wakePosted = false;
    // A nested event loop inside a callback may call drain() again: the
    // outer call keeps delivering, in order.
    if (m_delivering)
        return;
    m_delivering = true;
    m_deliveringThread = std::this_thread::get_id();
    while (!m_cancelled && !m_queue.empty()) {
        Item item = std::move(m_queue.front());
        m_queue.pop_front();
        if (item.live)
            --m_live;
        lock.unlock();
        if (item.resync) {
            if (m_options.onResync)
                m_options.onResync();
        } else if (m_callback) {
            m_callback(item.event);
        }
        lock.lock();
    }
    m_delivering = false;
    m_idle.notify_all();
}

void Subscription::cancel()
{
    QMetaObject::Connection connection;
    {
        std::unique_lock lock(m_mutex);
        m_cancelled = true;
        m_queue.clear();
        m_live = 0;
        if (m_delivering && m_deliveringThread != std::this_thread::get_id())
            m_idle.wait(lock, [this] { return !m_delivering; });
        connection = m_receiverConnection;
        m_receiverConnection = {};
    }
    if (connection)
        QObject::disconnect(connection);
    // Queued drains hold this subscription: drop them.
    if (m_ownsInvoker)
        m_invoker->shutdown();
}

} // namespace Dust::Internal
