// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#ifndef DUSTSUBSCRIPTION_P_H
#define DUSTSUBSCRIPTION_P_H

#include <dustprivateapi_p.h>

#include <dustglob.h>
#include <duststoreevent.h>

#include <QtCore/qobject.h>

#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>

namespace Dust::Internal {

class Invoker;

// One subscription's bounded, ordered delivery queue. The engine pushes
// under its state lock (a queue push plus at most one wake-up, never a
// callback); the delivery thread drains without holding any engine lock, so
// callbacks may read and write the store.
class Subscription : public std::enable_shared_from_this<Subscription>
{
public:
    using Callback = std::function<void(const StoreEvent &)>;

    Subscription(SubscriptionId id, Glob glob, SubscribeOptions options, Callback callback,
                 std::shared_ptr<Invoker> invoker, bool ownsInvoker);
    ~Subscription();

    SubscriptionId id() const { return m_id; }
    const Glob &glob() const { return m_glob; }
    SubscribeOptions::Mode mode() const { return m_options.mode; }
    bool matches(const Path &path) const { return m_glob.matches(path); }
    // Delivered on the client's sync thread (the engine drains it there
    // after each frame) rather than on a receiver's thread.
    bool onSyncThread() const { return !m_ownsInvoker; }
    void setReceiverConnection(QMetaObject::Connection connection);

    // Engine side. A live event beyond maxQueueSize drops every queued
    // event, queues the resync call and returns false: the caller removes
    // the subscription. Bootstrap events do not count against the bound.
    // Without `wake`, the caller drains the queue itself right after its
    // batch, and the push is never refused for the bound.
    bool push(StoreEvent event, bool live, bool wake);
    void pushResync();

    // Delivery thread: runs queued callbacks in order.
    void drain();
    // off(): nothing is delivered afterwards; waits for a callback running
    // on another thread.
    void cancel();

private:
    struct Item
    {
        StoreEvent event;
        bool live = false;
        bool resync = false;
    };

    void wakeLocked();

    const SubscriptionId m_id;
    const Glob m_glob;
    const SubscribeOptions m_options;
    const Callback m_callback;
    const std::shared_ptr<Invoker> m_invoker;
    const bool m_ownsInvoker;

    std::mutex m_mutex;
    std::condition_variable m_idle;
    std::deque<Item> m_queue;
    int m_live = 0;
    bool m_wakePosted = false;
    bool m_delivering = false;
    bool m_dropped = false;
    bool m_cancelled = false;
    std::thread::id m_deliveringThread;
    QMetaObject::Connection m_receiverConnection;
};

} // namespace Dust::Internal

#endif // DUSTSUBSCRIPTION_P_H
