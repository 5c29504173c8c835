// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#include "dusterror.h"

#include <QtCore/qdebug.h>
#include <QtCore/qhash.h>
#include <QtCore/qjsondocument.h>

using namespace Qt::StringLiterals;

namespace Dust {

namespace {

struct CodeInfo
{
    Error::Kind kind;
    const char *text;
};

// Every code DustQt or a Dust server produces, with the kind it maps to and a
// sentence for users. The texts are extracted by lupdate under "Dust::Error".
const QHash<QString, CodeInfo> &codeTable()
{
    using K = Error::Kind;
    static const QHash<QString, CodeInfo> table = {
        // Paths and globs (protocol §4).
        {u"missing_path"_s, {K::InvalidPath, QT_TRANSLATE_NOOP("Dust::Error", "No path was given.")}},
        {u"empty_path"_s, {K::InvalidPath, QT_TRANSLATE_NOOP("Dust::Error", "The path is empty.")}},
        {u"empty_segment"_s, {K::InvalidPath, QT_TRANSLATE_NOOP("Dust::Error", "The path has an empty segment (a leading, trailing or doubled '/').")}},
        {u"invalid_escape"_s, {K::InvalidPath, QT_TRANSLATE_NOOP("Dust::Error", "The path has an invalid escape: '~' must be followed by '0' or '1'.")}},
        {u"not_a_string"_s, {K::InvalidPath, QT_TRANSLATE_NOOP("Dust::Error", "A path or path segment is not a string.")}},
        {u"not_a_list"_s, {K::InvalidPath, QT_TRANSLATE_NOOP("Dust::Error", "The path segments are not a list.")}},
        {u"wildcard_many_not_tail"_s, {K::InvalidPath, QT_TRANSLATE_NOOP("Dust::Error", "'**' may only be the last segment of a pattern.")}},
        {u"invalid_unicode"_s, {K::InvalidPath, QT_TRANSLATE_NOOP("Dust::Error", "A path segment or object key holds half of a UTF-16 surrogate pair, which is not a character.")}},
        // Values (protocol §3.1, §5).
        {u"merge_requires_map_value"_s, {K::InvalidValue, QT_TRANSLATE_NOOP("Dust::Error", "A merge needs an object value.")}},
        {u"increment_requires_number_value"_s, {K::InvalidValue, QT_TRANSLATE_NOOP("Dust::Error", "An increment needs a number.")}},
        {u"increment_requires_number_target"_s, {K::InvalidValue, QT_TRANSLATE_NOOP("Dust::Error", "Only a number can be incremented; the path holds another value.")}},
        {u"add_requires_value"_s, {K::InvalidValue, QT_TRANSLATE_NOOP("Dust::Error", "Adding to a set needs a value.")}},
        {u"remove_requires_value"_s, {K::InvalidValue, QT_TRANSLATE_NOOP("Dust::Error", "Removing from a set needs a value.")}},
        {u"invalid_value"_s, {K::InvalidValue, QT_TRANSLATE_NOOP("Dust::Error", "A number is outside the range JSON holds exactly (integers up to ±2^53).")}},
        {u"empty_key"_s, {K::InvalidValue, QT_TRANSLATE_NOOP("Dust::Error", "An object key is empty; keys become path segments and must not be empty.")}},
        // Write preconditions and server rejections (protocol §3.5).
        {u"conflict"_s, {K::Conflict, QT_TRANSLATE_NOOP("Dust::Error", "The value changed since it was read (revision conflict).")}},
        {u"exists"_s, {K::Conflict, QT_TRANSLATE_NOOP("Dust::Error", "The path already has a value.")}},
        {u"invalid_precondition"_s, {K::InvalidParams, QT_TRANSLATE_NOOP("Dust::Error", "if_match and if_absent cannot be used together.")}},
        {u"if_match_unsupported_op"_s, {K::InvalidParams, QT_TRANSLATE_NOOP("Dust::Error", "if_match is only allowed on set and delete.")}},
        {u"if_match_multi_leaf"_s, {K::InvalidParams, QT_TRANSLATE_NOOP("Dust::Error", "if_match cannot be used with an object value.")}},
        {u"if_absent_unsupported_op"_s, {K::InvalidParams, QT_TRANSLATE_NOOP("Dust::Error", "if_absent is only allowed on set.")}},
        {u"if_absent_multi_leaf"_s, {K::InvalidParams, QT_TRANSLATE_NOOP("Dust::Error", "if_absent cannot be used with an object value.")}},
        {u"invalid op"_s, {K::InvalidParams, QT_TRANSLATE_NOOP("Dust::Error", "The server does not know this operation.")}},
        {u"invalid_base64"_s, {K::InvalidParams, QT_TRANSLATE_NOOP("Dust::Error", "The file content is not valid base64.")}},
        {u"invalid_params"_s, {K::InvalidParams, QT_TRANSLATE_NOOP("Dust::Error", "The request has invalid parameters.")}},
        {u"held"_s, {K::Rejected, QT_TRANSLATE_NOOP("Dust::Error", "The lease is held by someone else.")}},
        {u"occupied"_s, {K::Rejected, QT_TRANSLATE_NOOP("Dust::Error", "The lease key holds a value that is not a lease.")}},
        {u"not_held"_s, {K::Rejected, QT_TRANSLATE_NOOP("Dust::Error", "The lease is not held with this token (expired or released).")}},
        {u"fenced"_s, {K::Rejected, QT_TRANSLATE_NOOP("Dust::Error", "The write was fenced: the lease it depends on is no longer held.")}},
        {u"capver_mismatch"_s, {K::Rejected, QT_TRANSLATE_NOOP("Dust::Error", "The server and client capability versions do not match.")}},
        {u"store_archived"_s, {K::Rejected, QT_TRANSLATE_NOOP("Dust::Error", "The store is archived.")}},
        {u"limit_exceeded"_s, {K::Rejected, QT_TRANSLATE_NOOP("Dust::Error", "A plan limit was exceeded.")}},
        {u"rate_limited"_s, {K::RateLimited, QT_TRANSLATE_NOOP("Dust::Error", "Too many requests; try again later.")}},
        {u"unauthorized"_s, {K::Unauthorized, QT_TRANSLATE_NOOP("Dust::Error", "Not authorized: the token or the store is not valid.")}},
        {u"missing_scope"_s, {K::Unauthorized, QT_TRANSLATE_NOOP("Dust::Error", "The token is missing a required scope.")}},
        {u"store_not_allowed"_s, {K::Unauthorized, QT_TRANSLATE_NOOP("Dust::Error", "The token does not have access to this store.")}},
        {u"forbidden"_s, {K::Unauthorized, QT_TRANSLATE_NOOP("Dust::Error", "Access is forbidden.")}},
        // Frames (Phoenix V2 and MessagePack codecs).
        {u"invalid_json"_s, {K::Protocol, QT_TRANSLATE_NOOP("Dust::Error", "The message is not valid JSON.")}},
        {u"invalid_utf8"_s, {K::Protocol, QT_TRANSLATE_NOOP("Dust::Error", "The message is not valid UTF-8.")}},
        {u"invalid_msgpack"_s, {K::Protocol, QT_TRANSLATE_NOOP("Dust::Error", "The message is not valid MessagePack.")}},
        {u"not_an_array"_s, {K::Protocol, QT_TRANSLATE_NOOP("Dust::Error", "The message is not a five-element array.")}},
        {u"wrong_arity"_s, {K::Protocol, QT_TRANSLATE_NOOP("Dust::Error", "The message array does not have five elements.")}},
        {u"invalid_join_ref"_s, {K::Protocol, QT_TRANSLATE_NOOP("Dust::Error", "The message's join reference is neither a string nor null.")}},
        {u"invalid_ref"_s, {K::Protocol, QT_TRANSLATE_NOOP("Dust::Error", "The message's reference is neither a string nor null.")}},
        {u"invalid_topic"_s, {K::Protocol, QT_TRANSLATE_NOOP("Dust::Error", "The message's topic is not a non-empty string.")}},
        {u"invalid_event"_s, {K::Protocol, QT_TRANSLATE_NOOP("Dust::Error", "The message's event is not a non-empty string.")}},
        {u"payload_not_object"_s, {K::Protocol, QT_TRANSLATE_NOOP("Dust::Error", "The message's payload is not an object.")}},
        {u"malformed_frame"_s, {K::Protocol, QT_TRANSLATE_NOOP("Dust::Error", "The server could not decode a message this client sent.")}},
        {u"too_deep"_s, {K::Protocol, QT_TRANSLATE_NOOP("Dust::Error", "The message is nested too deeply.")}},
        {u"too_large"_s, {K::Protocol, QT_TRANSLATE_NOOP("Dust::Error", "The message is too large.")}},
        {u"unexpected_reply"_s, {K::Protocol, QT_TRANSLATE_NOOP("Dust::Error", "The server sent an unexpected reply.")}},
        {u"unpaired_surrogate"_s, {K::Protocol, QT_TRANSLATE_NOOP("Dust::Error", "The message has a string with half of a UTF-16 surrogate pair, which is not a character.")}},
        {u"non_finite_number"_s, {K::Protocol, QT_TRANSLATE_NOOP("Dust::Error", "The message holds a number JSON cannot represent (NaN or infinity).")}},
        // Client, transport and storage.
        {u"timeout"_s, {K::Timeout, QT_TRANSLATE_NOOP("Dust::Error", "No answer arrived in time; the write may still be applied.")}},
        {u"not_connected"_s, {K::Unavailable, QT_TRANSLATE_NOOP("Dust::Error", "Not connected to the Dust server.")}},
        {u"closed"_s, {K::Cancelled, QT_TRANSLATE_NOOP("Dust::Error", "The client was closed before the operation finished.")}},
        {u"not_found"_s, {K::NotFound, QT_TRANSLATE_NOOP("Dust::Error", "Nothing was found at this path.")}},
        {u"not_supported"_s, {K::NotSupported, QT_TRANSLATE_NOOP("Dust::Error", "This operation is not supported here.")}},
        {u"network"_s, {K::Network, QT_TRANSLATE_NOOP("Dust::Error", "A network error occurred.")}},
        {u"http"_s, {K::Http, QT_TRANSLATE_NOOP("Dust::Error", "The server answered with an error.")}},
        {u"not_implemented"_s, {K::NotImplemented, QT_TRANSLATE_NOOP("Dust::Error", "The server does not offer this route; it may be older than this client.")}},
        {u"storage"_s, {K::Storage, QT_TRANSLATE_NOOP("Dust::Error", "Local storage failed.")}},
        {u"missing_slug"_s, {K::InvalidParams, QT_TRANSLATE_NOOP("Dust::Error", "The record has no slug.")}},
        {u"nothing_to_write"_s, {K::NothingToWrite, QT_TRANSLATE_NOOP("Dust::Error", "There is nothing to write.")}},
        // Server (src/server): codes the local server adds.
        {u"unmatched topic"_s, {K::Protocol, QT_TRANSLATE_NOOP("Dust::Error", "The message is for a topic this connection has not joined.")}},
        {u"unknown_event"_s, {K::Protocol, QT_TRANSLATE_NOOP("Dust::Error", "The server does not handle this event on this topic.")}},
        {u"method_not_allowed"_s, {K::InvalidParams, QT_TRANSLATE_NOOP("Dust::Error", "This HTTP method is not allowed on this route.")}},
        {u"invalid_store_name"_s, {K::InvalidParams, QT_TRANSLATE_NOOP("Dust::Error", "A store name must be \"org/name\", each part letters, digits, '.', '_' or '-'.")}},
        {u"invalid_token_config"_s, {K::InvalidParams, QT_TRANSLATE_NOOP("Dust::Error", "The token configuration is not valid.")}},
        {u"data_dir_unwritable"_s, {K::Storage, QT_TRANSLATE_NOOP("Dust::Error", "The server's data directory cannot be created or written.")}},
        {u"listen_failed"_s, {K::Unavailable, QT_TRANSLATE_NOOP("Dust::Error", "The server could not listen on the address and port (is the port taken?).")}},
        {u"server_not_running"_s, {K::Unavailable, QT_TRANSLATE_NOOP("Dust::Error", "The Dust server is not running.")}},
        {u"not_a_file_reference"_s, {K::InvalidParams, QT_TRANSLATE_NOOP("Dust::Error", "The value is not a file reference ({\"_type\": \"file\", \"hash\": \"sha256:...\", \"size\": ...}).")}},
        {u"hash_mismatch"_s, {K::Protocol, QT_TRANSLATE_NOOP("Dust::Error", "The downloaded file does not match its reference (size or SHA-256 differ).")}},
        {u"invalid_target"_s, {K::InvalidParams, QT_TRANSLATE_NOOP("Dust::Error", "The download needs a device that is open for writing.")}},
        {u"missing_work"_s, {K::InvalidParams, QT_TRANSLATE_NOOP("Dust::Error", "singleFlight needs a work function.")}},
        {u"invalid_to_seq"_s, {K::InvalidParams, QT_TRANSLATE_NOOP("Dust::Error", "A rollback needs a store_seq from 0 up to the store's current one.")}},
        {u"invalid_tls_config"_s, {K::InvalidParams, QT_TRANSLATE_NOOP("Dust::Error", "The server's TLS certificate or private key cannot be used.")}},
        // Client (src/client): codes the client and the HTTP transport add.
        {u"invalid_url"_s, {K::InvalidParams, QT_TRANSLATE_NOOP("Dust::Error", "The server URL must be a ws:// or wss:// URL with a host.")}},
        {u"missing_token"_s, {K::InvalidParams, QT_TRANSLATE_NOOP("Dust::Error", "No API token was given.")}},
        {u"heartbeat_timeout"_s, {K::Network, QT_TRANSLATE_NOOP("Dust::Error", "The server stopped answering heartbeats; reconnecting.")}},
        {u"invalid_event_value"_s, {K::Protocol, QT_TRANSLATE_NOOP("Dust::Error", "The server sent an event whose value does not fit its operation.")}},
        {u"malformed_message"_s, {K::Protocol, QT_TRANSLATE_NOOP("Dust::Error", "The server sent a message with a missing or mistyped field; it was ignored.")}},
        {u"stale_snapshot"_s, {K::Protocol, QT_TRANSLATE_NOOP("Dust::Error", "The server sent a snapshot older than this client's data; it was ignored.")}},
        {u"unexpected_binary_frame"_s, {K::Protocol, QT_TRANSLATE_NOOP("Dust::Error", "The server sent a binary message on a JSON connection; it was ignored.")}},
        {u"invalid_subscribe_options"_s, {K::InvalidParams, QT_TRANSLATE_NOOP("Dust::Error", "The subscription's queue size must be at least 1 and its bootstrap limit not negative.")}},
        {u"missing_callback"_s, {K::InvalidParams, QT_TRANSLATE_NOOP("Dust::Error", "A subscription needs a callback.")}},
        {u"missing_receiver"_s, {K::InvalidParams, QT_TRANSLATE_NOOP("Dust::Error", "A subscription delivered to a receiver needs a receiver object.")}},
        {u"invalid_ttl"_s, {K::InvalidParams, QT_TRANSLATE_NOOP("Dust::Error", "A lease needs a positive time to live.")}},
        {u"connect_timeout"_s, {K::Network, QT_TRANSLATE_NOOP("Dust::Error", "The server did not complete the connection in time; reconnecting.")}},
        // Repo (src/repo): codes the Schema and Repo layer add.
        {u"schema_missing_name"_s, {K::InvalidSchema, QT_TRANSLATE_NOOP("Dust::Error", "The schema has no name.")}},
        {u"schema_missing_prefix"_s, {K::InvalidSchema, QT_TRANSLATE_NOOP("Dust::Error", "The schema has no prefix; give a list of path segments such as [\"links\"].")}},
        {u"schema_legacy_prefix"_s, {K::InvalidSchema, QT_TRANSLATE_NOOP("Dust::Error", "The schema prefix is a segment list, not a dotted string.")}},
        {u"schema_prefix_not_list"_s, {K::InvalidSchema, QT_TRANSLATE_NOOP("Dust::Error", "The schema prefix must be a non-empty list of non-empty strings.")}},
        {u"schema_empty_prefix"_s, {K::InvalidSchema, QT_TRANSLATE_NOOP("Dust::Error", "The schema prefix must not be empty.")}},
        {u"schema_bad_segment"_s, {K::InvalidSchema, QT_TRANSLATE_NOOP("Dust::Error", "The schema prefix segments must be non-empty strings.")}},
        {u"schema_unknown_mode"_s, {K::InvalidSchema, QT_TRANSLATE_NOOP("Dust::Error", "The schema mode must be \"flat\" or \"map\".")}},
        {u"schema_required_not_list"_s, {K::InvalidSchema, QT_TRANSLATE_NOOP("Dust::Error", "The schema's required fields must be a list of field names.")}},
        {u"schema_unknown_required_field"_s, {K::InvalidSchema, QT_TRANSLATE_NOOP("Dust::Error", "A required field is not a field of the schema.")}},
        {u"schema_bad_field"_s, {K::InvalidSchema, QT_TRANSLATE_NOOP("Dust::Error", "The schema fields must be a map of names to types or a list of {name, type}.")}},
        {u"schema_empty_field_name"_s, {K::InvalidSchema, QT_TRANSLATE_NOOP("Dust::Error", "A schema field has an empty name.")}},
        {u"schema_duplicate_field"_s, {K::InvalidSchema, QT_TRANSLATE_NOOP("Dust::Error", "A schema field is declared twice.")}},
        {u"schema_unknown_field_type"_s, {K::InvalidSchema, QT_TRANSLATE_NOOP("Dust::Error", "A schema field has an unknown type (use string, int, double, bool, datetime, map or list).")}},
        {u"schema_unsupported_property"_s, {K::InvalidSchema, QT_TRANSLATE_NOOP("Dust::Error", "A property of the record type has a C++ type a schema field cannot hold.")}},
        {u"schema_read_only_property"_s, {K::InvalidSchema, QT_TRANSLATE_NOOP("Dust::Error", "A property of the record type cannot be written.")}},
        {u"schema_missing_slug_property"_s, {K::InvalidSchema, QT_TRANSLATE_NOOP("Dust::Error", "The record type has no property for the slug.")}},
        {u"schema_slug_not_string"_s, {K::InvalidSchema, QT_TRANSLATE_NOOP("Dust::Error", "The slug field must be a string field.")}},
        {u"schema_bad_slug_field"_s, {K::InvalidSchema, QT_TRANSLATE_NOOP("Dust::Error", "The slug field name must be a non-empty string.")}},
        {u"schema_unknown_option"_s, {K::InvalidSchema, QT_TRANSLATE_NOOP("Dust::Error", "The schema descriptor has an unknown key.")}},
        {u"schema_invalid"_s, {K::InvalidSchema, QT_TRANSLATE_NOOP("Dust::Error", "The schema is not valid (it was never created successfully).")}},
        {u"slug_not_string"_s, {K::InvalidParams, QT_TRANSLATE_NOOP("Dust::Error", "The slug must be a string.")}},
        {u"empty_slug"_s, {K::InvalidParams, QT_TRANSLATE_NOOP("Dust::Error", "The slug cannot be empty.")}},
        {u"invalid_field"_s, {K::InvalidParams, QT_TRANSLATE_NOOP("Dust::Error", "A field value does not have the field's type.")}},
        {u"unknown_field"_s, {K::InvalidParams, QT_TRANSLATE_NOOP("Dust::Error", "The record has no such field.")}},
        {u"invalid_changeset"_s, {K::InvalidParams, QT_TRANSLATE_NOOP("Dust::Error", "The record did not pass validation.")}},
        {u"if_match_flat"_s, {K::InvalidParams, QT_TRANSLATE_NOOP("Dust::Error", "if_match needs a map-mode schema: a flat record is written one field at a time.")}},
        {u"unrecognized_batch_op"_s, {K::InvalidParams, QT_TRANSLATE_NOOP("Dust::Error", "A batch operation is not an insert, update or delete.")}},
        {u"missing_store"_s, {K::InvalidParams, QT_TRANSLATE_NOOP("Dust::Error", "No store was configured.")}},
        {u"invalid_store_name"_s, {K::InvalidParams, QT_TRANSLATE_NOOP("Dust::Error", "The store must be named 'org/name'.")}},
        {u"invalid_base_url"_s, {K::InvalidParams, QT_TRANSLATE_NOOP("Dust::Error", "The server URL is not valid.")}},
        {u"snapshot_busy"_s, {K::Unavailable, QT_TRANSLATE_NOOP("Dust::Error", "The store kept changing while its records were read; try again.")}},
        {u"unexpected_status"_s, {K::Http, QT_TRANSLATE_NOOP("Dust::Error", "The server answered with an unexpected HTTP status.")}},
        // Bridge (src/bridge): codes the PubSub bridge adds.
        {u"hub_gone"_s, {K::NotSupported, QT_TRANSLATE_NOOP("Dust::Error", "The PubSub hub no longer exists.")}},
        {u"no_realtime"_s, {K::NotSupported, QT_TRANSLATE_NOOP("Dust::Error", "Live updates need a WebSocket connection: give the repository a client that has this store.")}},
        // QML (qml/): codes the QML module adds.
        {u"missing_repo"_s, {K::InvalidParams, QT_TRANSLATE_NOOP("Dust::Error", "No repository was given (set the repo property).")}},
        {u"missing_schema"_s, {K::InvalidSchema, QT_TRANSLATE_NOOP("Dust::Error", "No schema was given (set the schema property).")}},
        {u"repo_not_ready"_s, {K::Unavailable, QT_TRANSLATE_NOOP("Dust::Error", "The repository is not ready yet; call it once the QML component is complete.")}},
        {u"invalid_record"_s, {K::InvalidParams, QT_TRANSLATE_NOOP("Dust::Error", "The record must be an object of field names and values.")}},
        {u"record_not_found"_s, {K::NotFound, QT_TRANSLATE_NOOP("Dust::Error", "There is no record with this slug.")}},
        {u"missing_client"_s, {K::InvalidParams, QT_TRANSLATE_NOOP("Dust::Error", "No client was given (set the client property).")}},
        {u"invalid_backlog"_s, {K::InvalidParams, QT_TRANSLATE_NOOP("Dust::Error", "The backlog limit must be at least 1.")}},
        // Test kit (src/testing): codes the DustQt::Test fixtures add.
        {u"test_server_not_running"_s, {K::Unavailable, QT_TRANSLATE_NOOP("Dust::Error", "The test server is not running.")}},
        {u"test_timeout"_s, {K::Timeout, QT_TRANSLATE_NOOP("Dust::Error", "The test waited in vain: the expected state did not arrive in time.")}},
        {u"test_join_refused"_s, {K::Unauthorized, QT_TRANSLATE_NOOP("Dust::Error", "The test server refused the client's join.")}},
        {u"test_failed"_s, {K::Cancelled, QT_TRANSLATE_NOOP("Dust::Error", "The test kit stopped waiting: the test had already failed.")}},
        // Translations (src/core/dusttranslations.cpp): codes installLanguage() adds.
        {u"unknown_language"_s, {K::InvalidParams, QT_TRANSLATE_NOOP("Dust::Error", "DustQt has no translation for this language; texts stay in English.")}},
        {u"no_application"_s, {K::NotSupported, QT_TRANSLATE_NOOP("Dust::Error", "Translations can only be installed once the application object exists.")}},
    };
    return table;
}

const char *kindText(Error::Kind kind)
{
    using K = Error::Kind;
    switch (kind) {
    case K::None: return QT_TRANSLATE_NOOP("Dust::Error", "No error.");
    case K::Network: return QT_TRANSLATE_NOOP("Dust::Error", "A network error occurred.");
    case K::Http: return QT_TRANSLATE_NOOP("Dust::Error", "The server answered with an error.");
    case K::Conflict: return QT_TRANSLATE_NOOP("Dust::Error", "The value changed since it was read (revision conflict).");
    case K::NotSupported: return QT_TRANSLATE_NOOP("Dust::Error", "This operation is not supported here.");
    case K::NothingToWrite: return QT_TRANSLATE_NOOP("Dust::Error", "There is nothing to write.");
    case K::Timeout: return QT_TRANSLATE_NOOP("Dust::Error", "No answer arrived in time; the write may still be applied.");
    case K::Unauthorized: return QT_TRANSLATE_NOOP("Dust::Error", "Not authorized: the token or the store is not valid.");
    case K::InvalidParams: return QT_TRANSLATE_NOOP("Dust::Error", "The request has invalid parameters.");
    case K::RateLimited: return QT_TRANSLATE_NOOP("Dust::Error", "Too many requests; try again later.");
    case K::NotImplemented: return QT_TRANSLATE_NOOP("Dust::Error", "The server does not offer this route; it may be older than this client.");
    case K::InvalidPath: return QT_TRANSLATE_NOOP("Dust::Error", "The path is not valid.");
    case K::InvalidValue: return QT_TRANSLATE_NOOP("Dust::Error", "The value is not valid for this operation.");
    case K::Protocol: return QT_TRANSLATE_NOOP("Dust::Error", "The message does not follow the Dust protocol.");
    case K::Rejected: return QT_TRANSLATE_NOOP("Dust::Error", "The server rejected the write.");
    case K::NotFound: return QT_TRANSLATE_NOOP("Dust::Error", "Nothing was found at this path.");
    case K::Unavailable: return QT_TRANSLATE_NOOP("Dust::Error", "Not connected to the Dust server.");
    case K::Storage: return QT_TRANSLATE_NOOP("Dust::Error", "Local storage failed.");
    case K::StartFailed: return QT_TRANSLATE_NOOP("Dust::Error", "The live subscription could not be started.");
    case K::Cancelled: return QT_TRANSLATE_NOOP("Dust::Error", "The operation was cancelled.");
    case K::InvalidSchema: return QT_TRANSLATE_NOOP("Dust::Error", "The schema declaration is not valid.");
    }
    return "";
}

} // namespace

Error::Error(Kind kind, const QString &code, const QJsonObject &detail)
    : Error(kind, code, detail, defaultRetryable(kind))
{
}

Error::Error(Kind kind, const QString &code, const QJsonObject &detail, bool retryable)
    : m_kind(kind), m_code(code), m_detail(detail), m_retryable(retryable)
{
}

bool Error::defaultRetryable(Kind kind)
{
    switch (kind) {
    case Kind::Network:
    case Kind::Http:
    case Kind::RateLimited:
    case Kind::Unavailable:
        return true;
    default:
        return false;
    }
}

Error Error::fromReply(const QJsonObject &response)
{
    const QJsonValue reason = response.value(u"reason");
    if (!reason.isString())
        return Error(Kind::Protocol, u"unexpected_reply"_s, response);
    QJsonObject detail = response;
    detail.remove(u"reason");
    const QString code = reason.toString();
    const auto it = codeTable().constFind(code);
    return Error(it != codeTable().cend() ? it->kind : Kind::Rejected, code, detail);
}

QString Error::kindName() const
{
    return QString::fromLatin1(QMetaEnum::fromType<Kind>().valueToKey(int(m_kind)));
}

QString Error::message() const
{
    const auto it = codeTable().constFind(m_code);
    QString text = QCoreApplication::translate("Dust::Error",
                                              it != codeTable().cend() ? it->text : kindText(m_kind));
    // A server's own explanation, when it sent one, says more than ours.
    const QString serverMessage = m_detail.value(u"message").toString();
    if (!serverMessage.isEmpty())
        text += u' ' + tr("(%1)").arg(serverMessage);
    else if (it == codeTable().cend() && !m_code.isEmpty())
        text += u' ' + tr("(%1)").arg(m_code);
    return text;
}

QString Error::toString() const
{
    QString s = kindName() + u'/' + m_code + u": "_s + message();
    if (!m_detail.isEmpty())
        s += u' ' + QString::fromUtf8(QJsonDocument(m_detail).toJson(QJsonDocument::Compact));
    return s;
}

QDebug operator<<(QDebug debug, const Error &error)
{
    QDebugStateSaver saver(debug);
    debug.nospace() << "Dust::Error(" << error.toString() << ')';
    return debug;
}

} // namespace Dust
