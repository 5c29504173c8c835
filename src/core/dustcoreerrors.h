// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#ifndef DUSTCOREERRORS_H
#define DUSTCOREERRORS_H

#include <dusterrorcode.h>

// The error codes of the protocol core: paths, values, frames, the server's
// reasons for refusing a request (protocol §3.5; Error::fromReply() maps
// them) and translations.
// Each is a Dust::ErrorCode, registered when the library loads.
namespace Dust::CoreErrors {

inline constexpr ErrorCode MissingPath{"missing_path", Error::Kind::InvalidPath,
    QT_TRANSLATE_NOOP("Dust::Error", "No path was given.")};
inline constexpr ErrorCode EmptyPath{"empty_path", Error::Kind::InvalidPath,
    QT_TRANSLATE_NOOP("Dust::Error", "The path is empty.")};
inline constexpr ErrorCode EmptySegment{"empty_segment", Error::Kind::InvalidPath,
    QT_TRANSLATE_NOOP("Dust::Error", "The path has an empty segment (a leading, trailing or doubled '/').")};
inline constexpr ErrorCode InvalidEscape{"invalid_escape", Error::Kind::InvalidPath,
    QT_TRANSLATE_NOOP("Dust::Error", "The path has an invalid escape: '~' must be followed by '0' or '1'.")};
inline constexpr ErrorCode NotAString{"not_a_string", Error::Kind::InvalidPath,
    QT_TRANSLATE_NOOP("Dust::Error", "A path or path segment is not a string.")};
inline constexpr ErrorCode NotAList{"not_a_list", Error::Kind::InvalidPath,
    QT_TRANSLATE_NOOP("Dust::Error", "The path segments are not a list.")};
inline constexpr ErrorCode WildcardManyNotTail{"wildcard_many_not_tail", Error::Kind::InvalidPath,
    QT_TRANSLATE_NOOP("Dust::Error", "'**' may only be the last segment of a pattern.")};
inline constexpr ErrorCode InvalidUnicode{"invalid_unicode", Error::Kind::InvalidPath,
    QT_TRANSLATE_NOOP("Dust::Error", "A path segment or object key holds half of a UTF-16 surrogate pair, which is not a character.")};
inline constexpr ErrorCode MergeRequiresMapValue{"merge_requires_map_value", Error::Kind::InvalidValue,
    QT_TRANSLATE_NOOP("Dust::Error", "A merge needs an object value.")};
inline constexpr ErrorCode IncrementRequiresNumberValue{"increment_requires_number_value", Error::Kind::InvalidValue,
    QT_TRANSLATE_NOOP("Dust::Error", "An increment needs a number.")};
inline constexpr ErrorCode IncrementRequiresNumberTarget{"increment_requires_number_target", Error::Kind::InvalidValue,
    QT_TRANSLATE_NOOP("Dust::Error", "Only a number can be incremented; the path holds another value.")};
inline constexpr ErrorCode AddRequiresValue{"add_requires_value", Error::Kind::InvalidValue,
    QT_TRANSLATE_NOOP("Dust::Error", "Adding to a set needs a value.")};
inline constexpr ErrorCode RemoveRequiresValue{"remove_requires_value", Error::Kind::InvalidValue,
    QT_TRANSLATE_NOOP("Dust::Error", "Removing from a set needs a value.")};
inline constexpr ErrorCode InvalidValue{"invalid_value", Error::Kind::InvalidValue,
    QT_TRANSLATE_NOOP("Dust::Error", "A number is outside the range JSON holds exactly (integers up to ±2^53).")};
inline constexpr ErrorCode InvalidLimit{"invalid_limit", Error::Kind::InvalidParams,
    QT_TRANSLATE_NOOP("Dust::Error", "A page limit must be a positive number.")};
inline constexpr ErrorCode InvalidPatternForPrefixes{"invalid_pattern_for_prefixes", Error::Kind::InvalidParams,
    QT_TRANSLATE_NOOP("Dust::Error", "Listing prefixes needs a pattern that ends in '**'.")};
inline constexpr ErrorCode UnsupportedSelect{"unsupported_select", Error::Kind::InvalidParams,
    QT_TRANSLATE_NOOP("Dust::Error", "A range cannot list prefixes; list the leaves instead.")};
inline constexpr ErrorCode EmptyKey{"empty_key", Error::Kind::InvalidValue,
    QT_TRANSLATE_NOOP("Dust::Error", "An object key is empty; keys become path segments and must not be empty.")};
inline constexpr ErrorCode Conflict{"conflict", Error::Kind::Conflict,
    QT_TRANSLATE_NOOP("Dust::Error", "The value changed since it was read (revision conflict).")};
inline constexpr ErrorCode Exists{"exists", Error::Kind::Conflict,
    QT_TRANSLATE_NOOP("Dust::Error", "The path already has a value.")};
inline constexpr ErrorCode InvalidPrecondition{"invalid_precondition", Error::Kind::InvalidParams,
    QT_TRANSLATE_NOOP("Dust::Error", "if_match and if_absent cannot be used together.")};
inline constexpr ErrorCode IfMatchUnsupportedOp{"if_match_unsupported_op", Error::Kind::InvalidParams,
    QT_TRANSLATE_NOOP("Dust::Error", "if_match is only allowed on set and delete.")};
inline constexpr ErrorCode IfMatchMultiLeaf{"if_match_multi_leaf", Error::Kind::InvalidParams,
    QT_TRANSLATE_NOOP("Dust::Error", "if_match cannot be used with an object value.")};
inline constexpr ErrorCode IfAbsentUnsupportedOp{"if_absent_unsupported_op", Error::Kind::InvalidParams,
    QT_TRANSLATE_NOOP("Dust::Error", "if_absent is only allowed on set.")};
inline constexpr ErrorCode IfAbsentMultiLeaf{"if_absent_multi_leaf", Error::Kind::InvalidParams,
    QT_TRANSLATE_NOOP("Dust::Error", "if_absent cannot be used with an object value.")};
inline constexpr ErrorCode InvalidOp{"invalid op", Error::Kind::InvalidParams,
    QT_TRANSLATE_NOOP("Dust::Error", "The server does not know this operation.")};
inline constexpr ErrorCode InvalidBase64{"invalid_base64", Error::Kind::InvalidParams,
    QT_TRANSLATE_NOOP("Dust::Error", "The file content is not valid base64.")};
inline constexpr ErrorCode InvalidParams{"invalid_params", Error::Kind::InvalidParams,
    QT_TRANSLATE_NOOP("Dust::Error", "The request has invalid parameters.")};
inline constexpr ErrorCode Held{"held", Error::Kind::Rejected,
    QT_TRANSLATE_NOOP("Dust::Error", "The lease is held by someone else.")};
inline constexpr ErrorCode Occupied{"occupied", Error::Kind::Rejected,
    QT_TRANSLATE_NOOP("Dust::Error", "The lease key holds a value that is not a lease.")};
inline constexpr ErrorCode NotHeld{"not_held", Error::Kind::Rejected,
    QT_TRANSLATE_NOOP("Dust::Error", "The lease is not held with this token (expired or released).")};
inline constexpr ErrorCode Fenced{"fenced", Error::Kind::Rejected,
    QT_TRANSLATE_NOOP("Dust::Error", "The write was fenced: the lease it depends on is no longer held.")};
inline constexpr ErrorCode CapverMismatch{"capver_mismatch", Error::Kind::Rejected,
    QT_TRANSLATE_NOOP("Dust::Error", "The server and client capability versions do not match.")};
inline constexpr ErrorCode StoreArchived{"store_archived", Error::Kind::Rejected,
    QT_TRANSLATE_NOOP("Dust::Error", "The store is archived.")};
inline constexpr ErrorCode LimitExceeded{"limit_exceeded", Error::Kind::Rejected,
    QT_TRANSLATE_NOOP("Dust::Error", "A plan limit was exceeded.")};
inline constexpr ErrorCode RateLimited{"rate_limited", Error::Kind::RateLimited,
    QT_TRANSLATE_NOOP("Dust::Error", "Too many requests; try again later.")};
inline constexpr ErrorCode Unauthorized{"unauthorized", Error::Kind::Unauthorized,
    QT_TRANSLATE_NOOP("Dust::Error", "Not authorized: the token or the store is not valid.")};
inline constexpr ErrorCode MissingScope{"missing_scope", Error::Kind::Unauthorized,
    QT_TRANSLATE_NOOP("Dust::Error", "The token is missing a required scope.")};
inline constexpr ErrorCode StoreNotAllowed{"store_not_allowed", Error::Kind::Unauthorized,
    QT_TRANSLATE_NOOP("Dust::Error", "The token does not have access to this store.")};
inline constexpr ErrorCode Forbidden{"forbidden", Error::Kind::Unauthorized,
    QT_TRANSLATE_NOOP("Dust::Error", "Access is forbidden.")};
inline constexpr ErrorCode InvalidJson{"invalid_json", Error::Kind::Protocol,
    QT_TRANSLATE_NOOP("Dust::Error", "The message is not valid JSON.")};
inline constexpr ErrorCode InvalidUtf8{"invalid_utf8", Error::Kind::Protocol,
    QT_TRANSLATE_NOOP("Dust::Error", "The message is not valid UTF-8.")};
inline constexpr ErrorCode InvalidMsgpack{"invalid_msgpack", Error::Kind::Protocol,
    QT_TRANSLATE_NOOP("Dust::Error", "The message is not valid MessagePack.")};
inline constexpr ErrorCode NotAnArray{"not_an_array", Error::Kind::Protocol,
    QT_TRANSLATE_NOOP("Dust::Error", "The message is not a five-element array.")};
inline constexpr ErrorCode WrongArity{"wrong_arity", Error::Kind::Protocol,
    QT_TRANSLATE_NOOP("Dust::Error", "The message array does not have five elements.")};
inline constexpr ErrorCode InvalidJoinRef{"invalid_join_ref", Error::Kind::Protocol,
    QT_TRANSLATE_NOOP("Dust::Error", "The message's join reference is neither a string nor null.")};
inline constexpr ErrorCode InvalidRef{"invalid_ref", Error::Kind::Protocol,
    QT_TRANSLATE_NOOP("Dust::Error", "The message's reference is neither a string nor null.")};
inline constexpr ErrorCode InvalidTopic{"invalid_topic", Error::Kind::Protocol,
    QT_TRANSLATE_NOOP("Dust::Error", "The message's topic is not a non-empty string.")};
inline constexpr ErrorCode InvalidEvent{"invalid_event", Error::Kind::Protocol,
    QT_TRANSLATE_NOOP("Dust::Error", "The message's event is not a non-empty string.")};
inline constexpr ErrorCode PayloadNotObject{"payload_not_object", Error::Kind::Protocol,
    QT_TRANSLATE_NOOP("Dust::Error", "The message's payload is not an object.")};
inline constexpr ErrorCode MalformedFrame{"malformed_frame", Error::Kind::Protocol,
    QT_TRANSLATE_NOOP("Dust::Error", "The server could not decode a message this client sent.")};
inline constexpr ErrorCode TooDeep{"too_deep", Error::Kind::Protocol,
    QT_TRANSLATE_NOOP("Dust::Error", "The message is nested too deeply.")};
inline constexpr ErrorCode TooLarge{"too_large", Error::Kind::Protocol,
    QT_TRANSLATE_NOOP("Dust::Error", "The message is too large.")};
inline constexpr ErrorCode UnexpectedReply{"unexpected_reply", Error::Kind::Protocol,
    QT_TRANSLATE_NOOP("Dust::Error", "The server sent an unexpected reply.")};
inline constexpr ErrorCode UnpairedSurrogate{"unpaired_surrogate", Error::Kind::Protocol,
    QT_TRANSLATE_NOOP("Dust::Error", "The message has a string with half of a UTF-16 surrogate pair, which is not a character.")};
inline constexpr ErrorCode NonFiniteNumber{"non_finite_number", Error::Kind::Protocol,
    QT_TRANSLATE_NOOP("Dust::Error", "The message holds a number JSON cannot represent (NaN or infinity).")};
inline constexpr ErrorCode Timeout{"timeout", Error::Kind::Timeout,
    QT_TRANSLATE_NOOP("Dust::Error", "No answer arrived in time; the write may still be applied.")};
inline constexpr ErrorCode NotConnected{"not_connected", Error::Kind::Unavailable,
    QT_TRANSLATE_NOOP("Dust::Error", "Not connected to the Dust server.")};
inline constexpr ErrorCode Closed{"closed", Error::Kind::Cancelled,
    QT_TRANSLATE_NOOP("Dust::Error", "The client was closed before the operation finished.")};
inline constexpr ErrorCode NotFound{"not_found", Error::Kind::NotFound,
    QT_TRANSLATE_NOOP("Dust::Error", "Nothing was found at this path.")};
inline constexpr ErrorCode NotSupported{"not_supported", Error::Kind::NotSupported,
    QT_TRANSLATE_NOOP("Dust::Error", "This operation is not supported here.")};
inline constexpr ErrorCode Network{"network", Error::Kind::Network,
    QT_TRANSLATE_NOOP("Dust::Error", "A network error occurred.")};
inline constexpr ErrorCode Http{"http", Error::Kind::Http,
    QT_TRANSLATE_NOOP("Dust::Error", "The server answered with an error.")};
inline constexpr ErrorCode NotImplemented{"not_implemented", Error::Kind::NotImplemented,
    QT_TRANSLATE_NOOP("Dust::Error", "The server does not offer this route; it may be older than this client.")};
inline constexpr ErrorCode Storage{"storage", Error::Kind::Storage,
    QT_TRANSLATE_NOOP("Dust::Error", "Local storage failed.")};
inline constexpr ErrorCode NothingToWrite{"nothing_to_write", Error::Kind::NothingToWrite,
    QT_TRANSLATE_NOOP("Dust::Error", "There is nothing to write.")};
inline constexpr ErrorCode UnmatchedTopic{"unmatched topic", Error::Kind::Protocol,
    QT_TRANSLATE_NOOP("Dust::Error", "The message is for a topic this connection has not joined.")};
inline constexpr ErrorCode UnknownEvent{"unknown_event", Error::Kind::Protocol,
    QT_TRANSLATE_NOOP("Dust::Error", "The server does not handle this event on this topic.")};
inline constexpr ErrorCode MethodNotAllowed{"method_not_allowed", Error::Kind::InvalidParams,
    QT_TRANSLATE_NOOP("Dust::Error", "This HTTP method is not allowed on this route.")};
inline constexpr ErrorCode InvalidStoreName{"invalid_store_name", Error::Kind::InvalidParams,
    QT_TRANSLATE_NOOP("Dust::Error", "A store name must be \"org/name\", each part letters, digits, '.', '_' or '-'.")};
inline constexpr ErrorCode InvalidToSeq{"invalid_to_seq", Error::Kind::InvalidParams,
    QT_TRANSLATE_NOOP("Dust::Error", "A rollback needs a store_seq from 0 up to the store's current one.")};
inline constexpr ErrorCode UnknownLanguage{"unknown_language", Error::Kind::InvalidParams,
    QT_TRANSLATE_NOOP("Dust::Error", "DustQt has no translation for this language; texts stay in English.")};
inline constexpr ErrorCode NoApplication{"no_application", Error::Kind::NotSupported,
    QT_TRANSLATE_NOOP("Dust::Error", "Translations can only be installed once the application object exists.")};

} // namespace Dust::CoreErrors

// The PubSub bridge's codes. They move next to its code in src/bridge when the
// bridge rework lands (issue 19, item 3).
namespace Dust::BridgeErrors {

inline constexpr ErrorCode HubGone{"hub_gone", Error::Kind::NotSupported,
    QT_TRANSLATE_NOOP("Dust::Error", "The PubSub hub no longer exists.")};
inline constexpr ErrorCode NoRealtime{"no_realtime", Error::Kind::NotSupported,
    QT_TRANSLATE_NOOP("Dust::Error", "Live updates need a WebSocket connection: give the repository a client that has this store.")};
inline constexpr ErrorCode ContextWithoutEventLoop{"context_without_event_loop", Error::Kind::InvalidParams,
    QT_TRANSLATE_NOOP("Dust::Error", "A topic subscription's context object must live in a thread that runs an event loop.")};
inline constexpr ErrorCode BroadcasterStartFailed{"broadcaster_start_failed", Error::Kind::StartFailed,
    QT_TRANSLATE_NOOP("Dust::Error", "The topic could not subscribe to the repository's changes.")};
inline constexpr ErrorCode RepoGone{"repo_gone", Error::Kind::Cancelled,
    QT_TRANSLATE_NOOP("Dust::Error", "The repository was deleted before the topic could read its records.")};

} // namespace Dust::BridgeErrors

#endif // DUSTCOREERRORS_H
