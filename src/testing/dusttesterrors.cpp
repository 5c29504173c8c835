// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#include "dusttesterrors.h"

namespace Dust {

namespace {

void registerTestErrors()
{
    registerErrorCodes({
        TestErrors::TestServerNotRunning,
        TestErrors::TestTimeout,
        TestErrors::TestJoinRefused,
        TestErrors::TestFailed,
    });
}

Q_CONSTRUCTOR_FUNCTION(registerTestErrors)

} // namespace

} // namespace Dust
