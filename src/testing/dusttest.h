// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#ifndef DUSTTEST_H
#define DUSTTEST_H

#include <dustlistmodeltester.h>
#include <dustsubscriptionspy.h>
#include <dusttestserver.h>

#include <QtTest/qtestcase.h>

namespace Dust::TestVerify {

template<typename T>
bool passed(const Result<T> &result)
{
    return result.hasValue();
}

inline bool passed(const TestServer &server)
{
    return server.isReady();
}

template<typename T>
QByteArray message(const Result<T> &result)
{
    return result.error().toString().toLocal8Bit();
}

inline QByteArray message(const TestServer &server)
{
    return server.error().toString().toLocal8Bit();
}

} // namespace Dust::TestVerify

/*!
    The DustQt test kit in one include: TestServer, SubscriptionSpy,
    ListModelTester, and DUST_VERIFY, which fails the running test with the
    Error's text unless a Dust::Result holds a value or a Dust::TestServer is
    ready. When the fixture has failed the test itself already, DUST_VERIFY
    just returns, so each failure is reported once.

    \code
    #include <dusttest.h>

    Dust::TestServer server;
    DUST_VERIFY(server);
    DUST_VERIFY(server.waitSynced());
    \endcode
*/
#define DUST_VERIFY(expr)                                                                     \
    do {                                                                                      \
        const auto &dust_verify_subject = (expr);                                             \
        const bool dust_verify_passed = ::Dust::TestVerify::passed(dust_verify_subject);      \
        if (!dust_verify_passed && QTest::currentTestFailed())                                \
            return;                                                                           \
        if (!QTest::qVerify(dust_verify_passed, #expr,                                        \
                            ::Dust::TestVerify::message(dust_verify_subject).constData(),     \
                            __FILE__, __LINE__))                                              \
            return;                                                                           \
    } while (false)

#endif // DUSTTEST_H
