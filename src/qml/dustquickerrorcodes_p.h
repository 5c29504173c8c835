// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#ifndef DUSTQUICKERRORCODES_P_H
#define DUSTQUICKERRORCODES_P_H

#include <dustprivateapi_p.h>

//
//  W A R N I N G
//  -------------
//
// This file is not part of the DustQt API. It may change without notice.
//

#include <dusterrorcode.h>

// The error codes of the QML module Dust: properties a QML type needs and
// records given from QML.
// Each is a Dust::ErrorCode, registered when the library loads.
namespace Dust::QuickErrors {

inline constexpr ErrorCode MissingRepo{"missing_repo", Error::Kind::InvalidParams,
    QT_TRANSLATE_NOOP("Dust::Error", "No repository was given (set the repo property).")};
inline constexpr ErrorCode MissingSchema{"missing_schema", Error::Kind::InvalidSchema,
    QT_TRANSLATE_NOOP("Dust::Error", "No schema was given (set the schema property).")};
inline constexpr ErrorCode RepoNotReady{"repo_not_ready", Error::Kind::Unavailable,
    QT_TRANSLATE_NOOP("Dust::Error", "The repository is not ready yet; call it once the QML component is complete.")};
inline constexpr ErrorCode InvalidRecord{"invalid_record", Error::Kind::InvalidParams,
    QT_TRANSLATE_NOOP("Dust::Error", "The record must be an object of field names and values.")};
inline constexpr ErrorCode RecordNotFound{"record_not_found", Error::Kind::NotFound,
    QT_TRANSLATE_NOOP("Dust::Error", "There is no record with this slug.")};
inline constexpr ErrorCode MissingClient{"missing_client", Error::Kind::InvalidParams,
    QT_TRANSLATE_NOOP("Dust::Error", "No client was given (set the client property).")};
inline constexpr ErrorCode InvalidBacklog{"invalid_backlog", Error::Kind::InvalidParams,
    QT_TRANSLATE_NOOP("Dust::Error", "The backlog limit must be at least 1.")};

} // namespace Dust::QuickErrors

#endif // DUSTQUICKERRORCODES_P_H
