// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#include "dustservererrors.h"

namespace Dust {

namespace {

void registerServerErrors()
{
    registerErrorCodes({
        ServerErrors::InvalidTokenConfig,
        ServerErrors::DataDirUnwritable,
        ServerErrors::ListenFailed,
        ServerErrors::ServerNotRunning,
        ServerErrors::InvalidTlsConfig,
        ServerErrors::InvalidOption,
    });
}

Q_CONSTRUCTOR_FUNCTION(registerServerErrors)

} // namespace

} // namespace Dust
