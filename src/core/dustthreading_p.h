// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#ifndef DUSTTHREADING_P_H
#define DUSTTHREADING_P_H

//
//  W A R N I N G
//  -------------
//
// This file is not part of the DustQt API. It may change without notice.
//

#include <dustglobal.h>

#include <QtCore/qpointer.h>
#include <QtCore/qthread.h>

#include <functional>

namespace Dust::Threading {

// ThreadSanitizer cannot see the synchronization inside Debian's Qt, which
// is not built with it: the locks around Qt's event queue, QFuture and
// QThread::wait() are futexes in uninstrumented code. Every hand-off of data
// between threads through Qt therefore gets an explicit happens-before edge:
// the sender calls releaseToQt() after writing the data and before Qt can
// deliver it, the receiver calls acquireFromQt() before reading it. Both are
// no-ops in builds without ThreadSanitizer.
DUST_CORE_EXPORT void releaseToQt();
DUST_CORE_EXPORT void acquireFromQt();

// Runs `fn` on `context`'s thread from its event loop, after everything
// posted to that thread before it. Skipped when `context` is destroyed first,
// or when the thread has finished (nothing would ever run it).
// Use this (never a queued lambda or a queued signal with arguments) to move
// work between DustQt's threads: it is ordered and visible to ThreadSanitizer.
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
// The target thread's event loop must be running.
DUST_CORE_EXPORT void runBlocking(QObject *context, std::function<void()> fn);

// Deletes the calling thread's dispatcher for post(); WorkerThread calls it
// before the thread ends.
DUST_CORE_EXPORT void forgetCurrentThread();

// Marks `promise`-style completion: call after storing a result another thread
// will read and before making it visible (e.g. before QPromise::finish()).
inline void publish() { releaseToQt(); }

} // namespace Dust::Threading

namespace Dust {

// A QThread running an event loop whose stop() is a join that
// ThreadSanitizer can see.
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

} // namespace Dust

#endif // DUSTTHREADING_P_H
