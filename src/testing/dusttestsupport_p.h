// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#ifndef DUSTTESTSUPPORT_P_H
#define DUSTTESTSUPPORT_P_H

#include <dustprivateapi_p.h>

#include <dusterror.h>

#include <QtCore/qcoreapplication.h>
#include <QtCore/qeventloop.h>
#include <QtCore/qloggingcategory.h>
#include <QtCore/qobject.h>

#include <functional>
#include <source_location>

namespace Dust {

// Everything the test kit reports outside a failing Qt Test function.
Q_DECLARE_LOGGING_CATEGORY(lcTest)

// The kit's user-visible texts share one translation context.
struct TestText
{
    Q_DECLARE_TR_FUNCTIONS(Dust::TestServer)
};

namespace TestSupport {

// True inside a Qt Test function that has already failed: waiting on would
// only delay the report, as QTRY_* knows too.
bool currentTestFailed();

// Fails the running Qt Test function at `where` with `message`; outside one,
// from another thread, once the test has failed already, or when `failTest`
// is false, logs it as a warning instead.
void report(const QString &message, std::source_location where, bool failTest);

/*
    Runs the event loop until a condition holds, the time is up, or the
    running test has failed. The condition is checked whenever a signal
    passed to wakeOn() fires, and every few milliseconds for state that has
    no signal (such as the server's head seq). Deferred deletes are
    processed like QTest::qWait() does.
*/
class Waiter
{
public:
    enum class Outcome { Done, TimedOut, TestFailed };

    explicit Waiter(std::function<bool()> done);

    template<typename Sender, typename Signal>
    void wakeOn(const Sender *sender, Signal signal)
    {
        QObject::connect(sender, signal, &m_loop, [this] { check(); });
    }

    Outcome wait(int timeoutMs);

private:
    void check();

    std::function<bool()> m_done;
    QEventLoop m_loop;
    Outcome m_outcome = Outcome::TimedOut;
    qint64 m_deadline = 0;
};

} // namespace TestSupport
} // namespace Dust

#endif // DUSTTESTSUPPORT_P_H
