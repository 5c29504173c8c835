// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#include "dusttestsupport_p.h"

#include <QtCore/qdeadlinetimer.h>
#include <QtCore/qthread.h>
#include <QtCore/qtimer.h>
#include <QtTest/qtestcase.h>

namespace Dust {

Q_LOGGING_CATEGORY(lcTest, "dust.test")

namespace TestSupport {

bool currentTestFailed()
{
    return QTest::runningTest() && QTest::currentTestFailed();
}

void report(const QString &message, std::source_location where, bool failTest)
{
    // Qt Test records failures from the test's own thread only.
    const bool testThread = QCoreApplication::instance()
            && QThread::currentThread() == QCoreApplication::instance()->thread();
    // One failure per test function is reported as such; what follows from
    // it only adds to the log.
    if (failTest && testThread && QTest::runningTest() && QTest::currentTestFunction()
        && !QTest::currentTestFailed()) {
        QTest::qFail(message.toLocal8Bit().constData(), where.file_name(), int(where.line()));
        return;
    }
    qCWarning(lcTest).noquote() << message;
}

Waiter::Waiter(std::function<bool()> done) : m_done(std::move(done)) { }

void Waiter::check()
{
    if (!m_loop.isRunning())
        return;
    if (m_done()) {
        m_outcome = Outcome::Done;
        m_loop.quit();
    } else if (currentTestFailed()) {
        m_outcome = Outcome::TestFailed;
        m_loop.quit();
    } else if (QDeadlineTimer::current().deadline() >= m_deadline) {
        m_outcome = Outcome::TimedOut;
        m_loop.quit();
    }
}

Waiter::Outcome Waiter::wait(int timeoutMs)
{
    if (m_done())
        return Outcome::Done;
    if (currentTestFailed())
        return Outcome::TestFailed;
    m_deadline = QDeadlineTimer(qMax(timeoutMs, 0)).deadline();
    m_outcome = Outcome::TimedOut;
    // A re-check, not a sleep: the loop keeps delivering events meanwhile.
    QTimer poll;
    poll.setInterval(5);
    QObject::connect(&poll, &QTimer::timeout, &m_loop, [this] {
        QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
        check();
    });
    poll.start();
    QTimer::singleShot(0, &m_loop, [this] { check(); });
    m_loop.exec();
    return m_outcome;
}

} // namespace TestSupport
} // namespace Dust
