// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#ifndef TESTWAIT_H
#define TESTWAIT_H

// The waits every DustQt test shares: for a condition, a future, a result
// and a connected store. Each runs the test thread's event loop meanwhile.

#include <dustclient.h>
#include <dustfuture.h>
#include <duststore.h>

#include <QtCore/qcoreapplication.h>
#include <QtCore/qdeadlinetimer.h>
#include <QtCore/qfuture.h>
#include <QtCore/qtimer.h>
#include <QtTest/qtest.h>

#include <algorithm>
#include <functional>

// Runs the test thread's event loop until `done` holds or the time is up.
// Unlike QTest::qWaitFor it sleeps in the event loop, not in 10 ms steps,
// so a request/reply costs a round trip and not a polling interval.
inline bool waitUntil(const std::function<bool()> &done, int timeoutMs = 10000)
{
    const QDeadlineTimer deadline(timeoutMs);
    // Conditions may change on other threads without an event for this one
    // (a log line, a counter): the timer wakes the blocking wait to look again.
    QTimer wake;
    wake.start(std::min(timeoutMs, 10));
    while (!done()) {
        if (deadline.hasExpired())
            return done();
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
        QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    }
    return true;
}

// Runs the event loop until `future` is finished.
template<typename T>
bool waitFinished(const QFuture<T> &future, int timeoutMs = 20000)
{
    const bool finished = waitUntil([&] { return future.isFinished(); }, timeoutMs);
    // Tests also read results with QFuture::result(): take over what the
    // finishing thread published (see Dust::takeResult()).
    Dust::Internal::acquireFutureResult();
    return finished;
}

// The result of `future` once it is finished; a fatal failure when it does
// not finish in time. The result is read with Dust::takeResult(), so the
// hand-over from DustQt's threads is visible to ThreadSanitizer.
template<typename T>
T await(QFuture<T> future, int timeoutMs = 10000)
{
    if (!waitFinished(future, timeoutMs))
        qFatal("future did not finish in time");
    return Dust::takeResult(future);
}

// Opens `client` and runs the event loop until every store's cache is
// loaded (open() returns before that).
inline bool openLoaded(Dust::Client *client, int timeoutMs = 10000)
{
    client->open();
    const QFuture<Dust::Result<void>> loaded = client->whenCacheLoaded();
    return waitFinished(loaded, timeoutMs) && Dust::takeResult(loaded).hasValue();
}

// Runs the event loop until `store` is connected (joined and caught up).
inline bool waitConnected(Dust::Store *store, int timeoutMs = 10000)
{
    return waitUntil([store] { return store->status() == Dust::Client::Status::Connected; }, timeoutMs);
}

// `const auto var = <result of future>`, failing the test when the future
// does not finish.
#define DUST_AWAIT(var, future)                                        \
    auto var##_future = (future);                                      \
    QVERIFY2(waitFinished(var##_future), "future did not finish");     \
    const auto var = Dust::takeResult(var##_future)

#endif // TESTWAIT_H
