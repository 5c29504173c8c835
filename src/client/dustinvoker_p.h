// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#ifndef DUSTINVOKER_P_H
#define DUSTINVOKER_P_H

#include <dustglobal.h>

#include <QtCore/qpointer.h>

#include <deque>
#include <functional>
#include <memory>
#include <mutex>

QT_BEGIN_NAMESPACE
class QThread;
QT_END_NAMESPACE

namespace Dust::Internal {

// An ordered task queue drained on the thread of a guard object. Tasks sit
// in a std::mutex guarded queue, and one Dust::Threading::post() wakes the
// thread for however many tasks were posted meanwhile, so a burst of events
// costs one Qt event. Once the guard is destroyed (or shutdown() is called)
// tasks are dropped: posting to a Store or a receiver that another thread is
// deleting is safe.
class Invoker : public std::enable_shared_from_this<Invoker>
{
public:
    // Runs tasks on `guard`'s thread while `guard` lives.
    static std::shared_ptr<Invoker> create(QObject *guard);

    // Queues `task`; false when the invoker was shut down.
    bool post(std::function<void()> task);
    // Runs `task` on the guard's thread and waits for it; runs it directly
    // when called there. False when it could not run.
    bool call(const std::function<void()> &task);
    bool isCurrentThread() const;
    // Drops queued tasks; later posts are refused.
    void shutdown();

private:
    Invoker(QObject *guard);
    void runPending();

    QThread *const m_thread;
    const QPointer<QObject> m_guard;
    std::mutex m_mutex;
    std::deque<std::function<void()>> m_tasks;
    bool m_wakePosted = false;
    bool m_shutDown = false;
};

} // namespace Dust::Internal

#endif // DUSTINVOKER_P_H
