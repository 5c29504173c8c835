// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#ifndef FUTUREWAIT_H
#define FUTUREWAIT_H

#include <dustthreading_p.h>

#include <QtCore/qfuture.h>
#include <QtTest/qtest.h>

// Spins the event loop until `future` is finished, then takes over what the
// finishing thread published (see Dust::Threading), so reading the result
// is visible to ThreadSanitizer.
template<typename T>
bool waitFinished(const QFuture<T> &future, int timeoutMs = 20000)
{
    const bool finished = QTest::qWaitFor([&] { return future.isFinished(); }, timeoutMs);
    Dust::Threading::acquireFromQt();
    return finished;
}

// `const auto var = <result of future>`, failing the test when the future
// does not finish.
#define DUST_AWAIT(var, future)                       \
    auto var##_future = (future);                     \
    QVERIFY2(waitFinished(var##_future), "future did not finish"); \
    const auto var = var##_future.result()

#endif // FUTUREWAIT_H
