// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#include "dustquickerrorcodes_p.h"

namespace Dust {

namespace {

void registerQuickErrors()
{
    registerErrorCodes({
        QuickErrors::MissingRepo,
        QuickErrors::MissingSchema,
        QuickErrors::RepoNotReady,
        QuickErrors::InvalidRecord,
        QuickErrors::RecordNotFound,
        QuickErrors::MissingClient,
        QuickErrors::InvalidBacklog,
    });
}

Q_CONSTRUCTOR_FUNCTION(registerQuickErrors)

} // namespace

} // namespace Dust
