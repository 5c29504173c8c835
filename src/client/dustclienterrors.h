// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#ifndef DUSTCLIENTERRORS_H
#define DUSTCLIENTERRORS_H

#include <dusterrorcode.h>

// The error codes of the client: connection, subscriptions, leases, files and
// the HTTP transport.
// Each is a Dust::ErrorCode, registered when the library loads.
namespace Dust::ClientErrors {

inline constexpr ErrorCode InvalidUrl{"invalid_url", Error::Kind::InvalidParams,
    QT_TRANSLATE_NOOP("Dust::Error", "The server URL must be a ws:// or wss:// URL with a host.")};
inline constexpr ErrorCode MissingToken{"missing_token", Error::Kind::InvalidParams,
    QT_TRANSLATE_NOOP("Dust::Error", "No API token was given.")};
inline constexpr ErrorCode HeartbeatTimeout{"heartbeat_timeout", Error::Kind::Network,
    QT_TRANSLATE_NOOP("Dust::Error", "The server stopped answering heartbeats; reconnecting.")};
inline constexpr ErrorCode InvalidEventValue{"invalid_event_value", Error::Kind::Protocol,
    QT_TRANSLATE_NOOP("Dust::Error", "The server sent an event whose value does not fit its operation.")};
inline constexpr ErrorCode MalformedMessage{"malformed_message", Error::Kind::Protocol,
    QT_TRANSLATE_NOOP("Dust::Error", "The server sent a message with a missing or mistyped field; it was ignored.")};
inline constexpr ErrorCode StaleSnapshot{"stale_snapshot", Error::Kind::Protocol,
    QT_TRANSLATE_NOOP("Dust::Error", "The server sent a snapshot older than this client's data; it was ignored.")};
inline constexpr ErrorCode UnexpectedBinaryFrame{"unexpected_binary_frame", Error::Kind::Protocol,
    QT_TRANSLATE_NOOP("Dust::Error", "The server sent a binary message on a JSON connection; it was ignored.")};
inline constexpr ErrorCode InvalidSubscribeOptions{"invalid_subscribe_options", Error::Kind::InvalidParams,
    QT_TRANSLATE_NOOP("Dust::Error", "The subscription's queue size must be at least 1 and its bootstrap limit not negative.")};
inline constexpr ErrorCode MissingCallback{"missing_callback", Error::Kind::InvalidParams,
    QT_TRANSLATE_NOOP("Dust::Error", "A subscription needs a callback.")};
inline constexpr ErrorCode MissingReceiver{"missing_receiver", Error::Kind::InvalidParams,
    QT_TRANSLATE_NOOP("Dust::Error", "A subscription delivered to a receiver needs a receiver object.")};
inline constexpr ErrorCode InvalidTtl{"invalid_ttl", Error::Kind::InvalidParams,
    QT_TRANSLATE_NOOP("Dust::Error", "A lease needs a positive time to live.")};
inline constexpr ErrorCode ConnectTimeout{"connect_timeout", Error::Kind::Network,
    QT_TRANSLATE_NOOP("Dust::Error", "The server did not complete the connection in time; reconnecting.")};
inline constexpr ErrorCode NotAFileReference{"not_a_file_reference", Error::Kind::InvalidParams,
    QT_TRANSLATE_NOOP("Dust::Error", "The value is not a file reference ({\"_type\": \"file\", \"hash\": \"sha256:...\", \"size\": ...}).")};
inline constexpr ErrorCode HashMismatch{"hash_mismatch", Error::Kind::Protocol,
    QT_TRANSLATE_NOOP("Dust::Error", "The downloaded file does not match its reference (size or SHA-256 differ).")};
inline constexpr ErrorCode InvalidTarget{"invalid_target", Error::Kind::InvalidParams,
    QT_TRANSLATE_NOOP("Dust::Error", "The download needs a device that is open for writing.")};
inline constexpr ErrorCode MissingWork{"missing_work", Error::Kind::InvalidParams,
    QT_TRANSLATE_NOOP("Dust::Error", "singleFlight needs a work function.")};
inline constexpr ErrorCode InvalidBaseUrl{"invalid_base_url", Error::Kind::InvalidParams,
    QT_TRANSLATE_NOOP("Dust::Error", "The server URL is not valid.")};
inline constexpr ErrorCode SnapshotBusy{"snapshot_busy", Error::Kind::Unavailable,
    QT_TRANSLATE_NOOP("Dust::Error", "The store kept changing while its records were read; try again.")};
inline constexpr ErrorCode UnexpectedStatus{"unexpected_status", Error::Kind::Http,
    QT_TRANSLATE_NOOP("Dust::Error", "The server answered with an unexpected HTTP status.")};

} // namespace Dust::ClientErrors

#endif // DUSTCLIENTERRORS_H
