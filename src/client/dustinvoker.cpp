// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#include "dustinvoker_p.h"

#include <dustthreading_p.h>

#include <QtCore/qthread.h>

#include <condition_variable>

namespace Dust::Internal {

std::shared_ptr<Invoker> Invoker::create(QObject *guard)
{
    return std::shared_ptr<Invoker>(new Invoker(guard));
}

Invoker::Invoker(QObject *guard) : m_thread(guard->thread()), m_guard(guard) { }

bool Invoker::post(std::function<void()> task)
{
    std::lock_guard lock(m_mutex);
    if (m_shutDown)
        return false;
    m_tasks.push_back(std::move(task));
    if (!m_wakePosted) {
        m_wakePosted = true;
        Threading::post(m_thread, m_guard, [weak = weak_from_this()] {
            if (const auto self = weak.lock())
                self->runPending();
        });
    }
    return true;
}

bool Invoker::call(const std::function<void()> &task)
{
    if (isCurrentThread()) {
        task();
        return true;
    }
    struct Done
    {
        std::mutex mutex;
        std::condition_variable cv;
        bool finished = false;
        bool ran = false;
    };
    // Signals the waiter when the task is destroyed, whether it ran or was
    // dropped because the guard went away.
    struct Notifier
    {
        std::shared_ptr<Done> done;
        ~Notifier()
        {
            std::lock_guard lock(done->mutex);
            done->finished = true;
            done->cv.notify_all();
        }
    };
    auto done = std::make_shared<Done>();
    auto notifier = std::make_shared<Notifier>();
    notifier->done = done;
    const bool posted = post([task, notifier] {
        task();
        std::lock_guard lock(notifier->done->mutex);
        notifier->done->ran = true;
    });
    notifier.reset();
    if (!posted)
        return false;
    std::unique_lock lock(done->mutex);
    done->cv.wait(lock, [&] { return done->finished; });
    return done->ran;
}

bool Invoker::isCurrentThread() const
{
    return QThread::currentThread() == m_thread;
}

void Invoker::shutdown()
{
    // Dropped tasks are destroyed outside the lock: their captures may post.
    std::deque<std::function<void()>> dropped;
    std::lock_guard lock(m_mutex);
    m_shutDown = true;
    dropped.swap(m_tasks);
}

void Invoker::runPending()
{
    // One task at a time, so a nested event loop inside a task continues
    // with the next task instead of reordering them.
    {
        std::lock_guard lock(m_mutex);
        m_wakePosted = false;
    }
    for (;;) {
        std::function<void()> task;
        {
            std::lock_guard lock(m_mutex);
            if (m_tasks.empty())
                return;
            task = std::move(m_tasks.front());
            m_tasks.pop_front();
        }
        task();
    }
}

} // namespace Dust::Internal
