// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#ifndef DUSTINVOKER_P_H
#define DUSTINVOKER_P_H

#include <dustglobal.h>

#include <QtCore/qobject.h>

#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>

QT_BEGIN_NAMESPACE
class QThread;
QT_END_NAMESPACE

namespace Dust::Internal {

class InvokerTarget;

// Runs tasks on one thread's event loop. Tasks travel through a std::mutex
// guarded queue and only a wake-up call by name goes through Qt (which
// allocates and reads it inside Qt), so the hand-off is visible to
// ThreadSanitizer although Qt is not instrumented, and many posts cost one
// wake-up.
//
// Shared by posters; the target QObject lives on the thread and detaches the
// queue when it is destroyed, after which posts are dropped.
class DUST_CORE_EXPORT Invoker : public std::enable_shared_from_this<Invoker>
{
public:
    // An invoker for `thread` (nullptr = the current thread). The target
    // object is parented to `parent` when given (it must live on `thread`).
    static std::shared_ptr<Invoker> create(QThread *thread, QObject *parent = nullptr);
    ~Invoker();

    // Queues `task`; false when the target is gone.
    bool post(std::function<void()> task);
    // Runs `task` on the target thread and waits for it; runs it directly
    // when called on that thread. False when the target is gone.
    bool call(const std::function<void()> &task);
    bool isCurrentThread() const;
    QThread *thread() const { return m_thread; }
    // Destroys the target object (from any thread); later posts are dropped.
    void shutdown();

private:
    friend class InvokerTarget;
    Invoker() = default;
    void runPending();
    void detach();

    std::mutex m_mutex;
    std::deque<std::function<void()>> m_tasks;
    InvokerTarget *m_target = nullptr;
    QThread *m_thread = nullptr;
    bool m_wakePosted = false;
};

class InvokerTarget final : public QObject
{
    Q_OBJECT

public:
    explicit InvokerTarget(std::weak_ptr<Invoker> invoker) : m_invoker(std::move(invoker)) { }
    ~InvokerTarget() override;

    Q_INVOKABLE void wake();

private:
    std::weak_ptr<Invoker> m_invoker;
};

} // namespace Dust::Internal

#endif // DUSTINVOKER_P_H
