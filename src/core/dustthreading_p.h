// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#ifndef DUSTTHREADING_P_H
#define DUSTTHREADING_P_H

#include <dustprivateapi_p.h>

//
//  W A R N I N G
//  -------------
//
// This file is not part of the DustQt API. It may change without notice.
//

#include <dustglobal.h>
#include <dustresult.h>

#include <QtCore/qfuture.h>
#include <QtCore/qpointer.h>
#include <QtCore/qpromise.h>
#include <QtCore/qthread.h>

#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

// How DustQt's threads hand work and results to each other. Everything here
// exists because of one constraint: ThreadSanitizer cannot see the
// synchronization inside Debian's Qt, which is not built with it (the locks
// around Qt's event queue, QFuture and QThread::wait() are futexes in
// uninstrumented code). Where Qt's own mechanism would do (a queued
// QMetaObject::invokeMethod() functor, QFuture::then()), ThreadSanitizer
// reports a data race between the sending thread's writes and the receiving
// thread's reads; each piece below names the report it avoids.

namespace Dust::Threading {

// The explicit happens-before edge for any hand-off through Qt: the sender
// calls releaseToQt() after writing the data and before Qt can deliver it,
// the receiver calls acquireFromQt() before reading it. Both are no-ops in
// builds without ThreadSanitizer.
DUST_CORE_EXPORT void releaseToQt();
DUST_CORE_EXPORT void acquireFromQt();

// Runs `fn` on `context`'s thread from its event loop, after everything
// posted to that thread before it. Skipped when `context` is destroyed first,
// or when the thread has finished (nothing would ever run it).
// Not QMetaObject::invokeMethod(context, fn, Qt::QueuedConnection): Qt
// copies the functor into its slot object after the last point where we
// could release, and reads it on the receiving thread before any code of
// ours runs, so ThreadSanitizer reports a data race on the functor's
// captures (write in the sender's invokeMethod(), read in
// QFunctorSlotObject::impl()). Our own event is built before releaseToQt()
// and its receiver acquires before touching it.
DUST_CORE_EXPORT void post(QObject *context, std::function<void()> fn);
// The same for a receiver another thread may be deleting: `guard` was made
// on the receiver's own thread and is only checked there, on `thread`.
DUST_CORE_EXPORT void post(QThread *thread, const QPointer<QObject> &guard, std::function<void()> fn);
// Runs `fn` later on the calling thread, after what its event loop already
// has queued: work that should happen once per burst of events (it runs
// after the events the thread is handling now). Dropped if the thread ends
// first, so `fn` must own what it touches.
DUST_CORE_EXPORT void postToCurrentThread(std::function<void()> fn);

// Runs `fn` on `context`'s thread and waits until it has run (or was skipped
// because `context` was destroyed). Calls it directly when already there.
// The target thread's event loop must be running. Not
// Qt::BlockingQueuedConnection, for the functor race of post() and because
// the caller's wake-up (a QSemaphore) is invisible: ThreadSanitizer would
// report what `fn` wrote as racing with the caller's reads after it.
DUST_CORE_EXPORT void runBlocking(QObject *context, std::function<void()> fn);

// Deletes the calling thread's dispatcher for post(); WorkerThread calls it
// before the thread ends.
DUST_CORE_EXPORT void forgetCurrentThread();

} // namespace Dust::Threading

namespace Dust {

// A QThread running an event loop whose stop() is a join that
// ThreadSanitizer can see (QThread::wait() alone is a futex it cannot: it
// reports the thread's last writes as racing with the joiner's reads).
class DUST_CORE_EXPORT WorkerThread : public QThread
{
public:
    explicit WorkerThread(const QString &name, QObject *parent = nullptr);
    ~WorkerThread() override;

    // Ends the event loop and waits for the thread. Objects living on the
    // thread must have been deleted on it before (e.g. with runBlocking()).
    void stop();

protected:
    void run() override;
};

// The wake-up a queue owes its consumer thread. A producer posts it after
// releasing the queue's lock, so that the consumer's take never waits for a
// post; at most one is pending until the consumer takes; none is posted once
// close() has returned, after which the consumer's thread may end and be
// deleted. Every member is called with the queue's mutex held, through
// `lock`.
class DUST_CORE_EXPORT Wakeup
{
public:
    Wakeup() = default;
    explicit Wakeup(std::function<void()> wake) : m_wake(std::move(wake)) { }

    // Set once, before any producer sees the queue.
    void set(std::function<void()> wake) { m_wake = std::move(wake); }
    // Wakes the consumer unless a wake-up is already pending, with `lock`
    // released for the call and held again when it returns.
    void wakeUnlocked(std::unique_lock<std::mutex> &lock);
    // The consumer took what was queued: the next push wakes it again.
    void taken() { m_pending = false; }
    // Waits for a wake-up being posted (a queue post, which never waits for
    // the consumer), then never wakes again.
    void close(std::unique_lock<std::mutex> &lock);

private:
    std::function<void()> m_wake;
    bool m_pending = false;
    int m_posting = 0; // wake-ups being posted now, with the lock released
    bool m_closed = false;
};

// The result of one asynchronous operation, finished exactly once. Chaining
// goes through then(), whose callbacks run in the finishing thread (or at
// once when already finished), ordered by a std::mutex that
// ThreadSanitizer sees. Not QFuture::then(): Qt stores a continuation's
// result after the last point where we could release, so ThreadSanitizer
// reports the reader's copy of it racing with that store (write in
// QFutureInterface::reportResult(), read in QFuture::result()).
//
// When the last owner lets go without finishing it (its work was dropped,
// e.g. with the object that would have done it), it finishes with Error
// Cancelled/"closed": every future handed out gets a result.
template<typename T>
class AsyncResult
{
public:
    using Ptr = std::shared_ptr<AsyncResult>;
    using Callback = std::function<void(const Result<T> &)>;

    AsyncResult() = default;
    ~AsyncResult()
    {
        if (!m_result)
            finish(Result<T>(Error(Error::Kind::Cancelled, QStringLiteral("closed"))));
        // Whichever thread lets go of a future last frees its result: take
        // over what a reader released after reading it. (The promises live
        // as long as this object, not just until finish(), so that a reader
        // woken by finish() is most likely done before they go.)
        Threading::acquireFromQt();
    }
    Q_DISABLE_COPY_MOVE(AsyncResult)

    static Ptr create() { return std::make_shared<AsyncResult>(); }
    static Ptr ready(Result<T> result)
    {
        Ptr p = create();
        p->finish(std::move(result));
        return p;
    }

    void finish(Result<T> result)
    {
        std::vector<Callback> callbacks;
        {
            std::lock_guard lock(m_mutex);
            if (m_result)
                return;
            m_result.emplace(std::move(result));
            callbacks.swap(m_callbacks);
        }
        for (const Callback &cb : callbacks)
            cb(*m_result);
    }

    void then(Callback callback)
    {
        {
            std::lock_guard lock(m_mutex);
            if (!m_result) {
                m_callbacks.push_back(std::move(callback));
                return;
            }
        }
        callback(*m_result);
    }

    // A QFuture that finishes with the result. Whoever reads it from another
    // thread calls Threading::acquireFromQt() once it is finished (or reads
    // it with Dust::takeResult()).
    QFuture<Result<T>> future()
    {
        auto promise = std::make_shared<QPromise<Result<T>>>();
        promise->start();
        QFuture<Result<T>> f = promise->future();
        {
            std::lock_guard lock(m_mutex);
            m_promises.push_back(promise);
        }
        then([promise](const Result<T> &result) {
            promise->addResult(result);
            Threading::releaseToQt();
            // Takes over the continuations registered on the future through
            // Qt (Dust::Internal::mapResult() releases after registering):
            // finish() runs them here.
            Threading::acquireFromQt();
            promise->finish();
        });
        return f;
    }

    static QFuture<Result<T>> readyFuture(Result<T> result) { return ready(std::move(result))->future(); }

private:
    std::mutex m_mutex;
    std::optional<Result<T>> m_result;
    std::vector<Callback> m_callbacks;
    std::vector<std::shared_ptr<QPromise<Result<T>>>> m_promises;
};

namespace Internal {

// An ordered task queue drained on the thread of a guard object. Tasks sit
// in a std::mutex guarded queue, and one Threading::post() wakes the thread
// for however many tasks were posted meanwhile, so a burst of events costs
// one Qt event (a queued invokeMethod() per task would cost one each, on
// top of the race post() avoids). Once the guard is destroyed (or
// shutdown() is called) tasks are dropped: posting to a Store or a receiver
// that another thread is deleting is safe.
class DUST_CORE_EXPORT Invoker : public std::enable_shared_from_this<Invoker>
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

} // namespace Internal

} // namespace Dust

#endif // DUSTTHREADING_P_H
