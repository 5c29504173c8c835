// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#ifndef DUSTTESTERRORS_H
#define DUSTTESTERRORS_H

#include <dusterrorcode.h>

// The error codes of the DustQt::Test kit.
// Each is a Dust::ErrorCode, registered when the library loads.
namespace Dust::TestErrors {

inline constexpr ErrorCode TestServerNotRunning{"test_server_not_running", Error::Kind::Unavailable,
    QT_TRANSLATE_NOOP("Dust::Error", "The test server is not running.")};
inline constexpr ErrorCode TestTimeout{"test_timeout", Error::Kind::Timeout,
    QT_TRANSLATE_NOOP("Dust::Error", "The test waited in vain: the expected state did not arrive in time.")};
inline constexpr ErrorCode TestJoinRefused{"test_join_refused", Error::Kind::Unauthorized,
    QT_TRANSLATE_NOOP("Dust::Error", "The test server refused the client's join.")};
inline constexpr ErrorCode TestFailed{"test_failed", Error::Kind::Cancelled,
    QT_TRANSLATE_NOOP("Dust::Error", "The test kit stopped waiting: the test had already failed.")};

} // namespace Dust::TestErrors

#endif // DUSTTESTERRORS_H
