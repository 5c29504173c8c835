// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#include "dustclienterrors.h"

namespace Dust {

namespace {

void registerClientErrors()
{
    registerErrorCodes({
        ClientErrors::InvalidUrl,
        ClientErrors::MissingToken,
        ClientErrors::HeartbeatTimeout,
        ClientErrors::InvalidEventValue,
        ClientErrors::MalformedMessage,
        ClientErrors::StaleSnapshot,
        ClientErrors::UnexpectedBinaryFrame,
        ClientErrors::InvalidSubscribeOptions,
        ClientErrors::MissingCallback,
        ClientErrors::MissingReceiver,
        ClientErrors::InvalidTtl,
        ClientErrors::ConnectTimeout,
        ClientErrors::NotAFileReference,
        ClientErrors::HashMismatch,
        ClientErrors::InvalidTarget,
        ClientErrors::MissingWork,
        ClientErrors::InvalidBaseUrl,
        ClientErrors::SnapshotBusy,
        ClientErrors::UnexpectedStatus,
    });
}

Q_CONSTRUCTOR_FUNCTION(registerClientErrors)

} // namespace

} // namespace Dust
