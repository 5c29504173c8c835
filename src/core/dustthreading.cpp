// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#include "dustthreading_p.h"
#include "dustfuture.h"

#include <QtCore/qcoreapplication.h>
#include <QtCore/qcoreevent.h>
#include <QtCore/qhash.h>
#include <QtCore/qpointer.h>

#include <condition_variable>
#include <mutex>
#include <thread>

#if defined(__SANITIZE_THREAD__)
#  define DUST_HAS_TSAN 1
#elif defined(__has_feature)
#  if __has_feature(thread_sanitizer)
#    define DUST_HAS_TSAN 1
#  endif
#endif

#ifdef DUST_HAS_TSAN
extern "C" void __tsan_acquire(void *addr);
extern "C" void __tsan_release(void *addr);
#endif

namespace Dust::Threading {

namespace {

#ifdef DUST_HAS_TSAN
// One synchronization object stands for all of Qt's internal locking.
char qtSyncAnchor;
#endif

QEvent::Type callEventType()
{
    static const int type = QEvent::registerEventType();
    return QEvent::Type(type);
}

class CallEvent : public QEvent
{
public:
    CallEvent(const QPointer<QObject> &context, std::function<void()> fn, bool guarded = true)
        : QEvent(callEventType()), m_context(context), m_fn(std::move(fn)), m_guarded(guarded)
    {
    }

    void run()
    {
        if (m_context || !m_guarded)
            m_fn();
    }

private:
    QPointer<QObject> m_context;
    std::function<void()> m_fn;
    const bool m_guarded;
};

// Receives CallEvents for one thread. It acquires before looking at any
// event, because even the event's type field was written by the sender.
class Dispatcher : public QObject
{
public:
    bool event(QEvent *e) override
    {
        acquireFromQt();
        if (e->type() == callEventType()) {
            static_cast<CallEvent *>(e)->run();
            return true;
        }
        return QObject::event(e);
    }
};

struct DispatcherRegistry
{
    std::mutex mutex;
    QHash<QThread *, Dispatcher *> byThread;
};

// Never destroyed: threads may still unregister while the process exits.
DispatcherRegistry &registry()
{
    static auto *r = new DispatcherRegistry;
    return *r;
}

// Null once `thread` is finishing: nothing posted to it would ever run, and
// a dispatcher made now would outlive the thread.
Dispatcher *dispatcherFor(QThread *thread)
{
    DispatcherRegistry &r = registry();
    std::lock_guard lock(r.mutex);
    if (Dispatcher *d = r.byThread.value(thread))
        return d;
    if (thread->isFinished())
        return nullptr;
    auto *d = new Dispatcher;
    if (d->thread() != thread)
        d->moveToThread(thread);
    r.byThread.insert(thread, d);
    // When the thread ends, its dispatcher goes with it; events still queued
    // for it are dropped, as for any deleted receiver. (WorkerThread does this
    // itself, earlier, so that ThreadSanitizer sees it before the join.)
    QObject::connect(thread, &QThread::finished, d, &forgetCurrentThread, Qt::DirectConnection);
    return d;
}

} // namespace

void forgetCurrentThread()
{
    Dispatcher *d = nullptr;
    {
        DispatcherRegistry &r = registry();
        std::lock_guard lock(r.mutex);
        d = r.byThread.take(QThread::currentThread());
    }
    // Deleting the dispatcher destroys the events still queued for it, which
    // their senders wrote.
    acquireFromQt();
    delete d;
}

void releaseToQt()
{
#ifdef DUST_HAS_TSAN
    __tsan_release(&qtSyncAnchor);
#endif
}

void acquireFromQt()
{
#ifdef DUST_HAS_TSAN
    __tsan_acquire(&qtSyncAnchor);
#endif
}

void post(QObject *context, std::function<void()> fn)
{
    Q_ASSERT(context);
    post(context->thread(), QPointer<QObject>(context), std::move(fn));
}

void post(QThread *thread, const QPointer<QObject> &guard, std::function<void()> fn)
{
    Q_ASSERT(thread);
    Dispatcher *dispatcher = dispatcherFor(thread);
    if (!dispatcher)
        return;
    auto *event = new CallEvent(guard, std::move(fn));
    releaseToQt();
    QCoreApplication::postEvent(dispatcher, event);
}

void postToCurrentThread(std::function<void()> fn)
{
    Dispatcher *dispatcher = dispatcherFor(QThread::currentThread());
    if (!dispatcher)
        return;
    QCoreApplication::postEvent(dispatcher, new CallEvent({}, std::move(fn), false));
}

void runBlocking(QObject *context, std::function<void()> fn)
{
    Q_ASSERT(context);
    if (context->thread() == QThread::currentThread()) {
        fn();
        return;
    }
    struct Done
    {
        std::mutex mutex;
        std::condition_variable cv;
        bool done = false;
    };
    auto done = std::make_shared<Done>();
    // Signals completion when the call has run or was dropped with its event.
    struct Signaller
    {
        explicit Signaller(std::shared_ptr<Done> s) : state(std::move(s)) { }
        Q_DISABLE_COPY_MOVE(Signaller)
        std::shared_ptr<Done> state;
        ~Signaller()
        {
            std::lock_guard lock(state->mutex);
            state->done = true;
            state->cv.notify_all();
        }
    };
    auto signaller = std::make_shared<Signaller>(done);
    post(context, [fn = std::move(fn), signaller]() mutable {
        fn();
        signaller.reset();
    });
    signaller.reset();
    std::unique_lock lock(done->mutex);
    done->cv.wait(lock, [&] { return done->done; });
}

} // namespace Dust::Threading

namespace Dust {

WorkerThread::WorkerThread(const QString &name, QObject *parent) : QThread(parent)
{
    setObjectName(name);
}

WorkerThread::~WorkerThread()
{
    stop();
}

void WorkerThread::stop()
{
    if (isRunning()) {
        quit();
        wait();
    }
    Threading::acquireFromQt();
}

void WorkerThread::run()
{
    exec();
    Threading::forgetCurrentThread();
    Threading::releaseToQt();
}

void Wakeup::wakeUnlocked(std::unique_lock<std::mutex> &lock)
{
    if (m_closed || m_pending || !m_wake)
        return;
    m_pending = true;
    ++m_posting;
    lock.unlock();
    m_wake();
    lock.lock();
    --m_posting;
}

void Wakeup::close(std::unique_lock<std::mutex> &lock)
{
    m_closed = true;
    while (m_posting > 0) {
        lock.unlock();
        std::this_thread::yield();
        lock.lock();
    }
    m_wake = nullptr;
}

void Internal::acquireFutureResult()
{
    Threading::acquireFromQt();
}

void Internal::releaseFutureResult()
{
    Threading::releaseToQt();
}

} // namespace Dust

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
