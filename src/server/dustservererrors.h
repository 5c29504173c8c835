// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#ifndef DUSTSERVERERRORS_H
#define DUSTSERVERERRORS_H

#include <dusterrorcode.h>

// The error codes of dustQt::Server and dust-devserver: what keeps a local
// server from starting.
// Each is a Dust::ErrorCode, registered when the library loads.
namespace Dust::ServerErrors {

inline constexpr ErrorCode InvalidTokenConfig{"invalid_token_config", Error::Kind::InvalidParams,
    QT_TRANSLATE_NOOP("Dust::Error", "The token configuration is not valid.")};
inline constexpr ErrorCode DataDirUnwritable{"data_dir_unwritable", Error::Kind::Storage,
    QT_TRANSLATE_NOOP("Dust::Error", "The server's data directory cannot be created or written.")};
inline constexpr ErrorCode ListenFailed{"listen_failed", Error::Kind::Unavailable,
    QT_TRANSLATE_NOOP("Dust::Error", "The server could not listen on the address and port (is the port taken?).")};
inline constexpr ErrorCode ServerNotRunning{"server_not_running", Error::Kind::Unavailable,
    QT_TRANSLATE_NOOP("Dust::Error", "The Dust server is not running.")};
inline constexpr ErrorCode InvalidTlsConfig{"invalid_tls_config", Error::Kind::InvalidParams,
    QT_TRANSLATE_NOOP("Dust::Error", "The server's TLS certificate or private key cannot be used.")};
inline constexpr ErrorCode InvalidOption{"invalid_option", Error::Kind::InvalidParams,
    QT_TRANSLATE_NOOP("Dust::Error", "A command-line option has an invalid value.")};

} // namespace Dust::ServerErrors

#endif // DUSTSERVERERRORS_H
