// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#include "dustcoreerrors.h"

namespace Dust {

namespace {

void registerCoreErrors()
{
    registerErrorCodes({
        CoreErrors::MissingPath,
        CoreErrors::EmptyPath,
        CoreErrors::EmptySegment,
        CoreErrors::InvalidEscape,
        CoreErrors::NotAString,
        CoreErrors::NotAList,
        CoreErrors::WildcardManyNotTail,
        CoreErrors::InvalidUnicode,
        CoreErrors::MergeRequiresMapValue,
        CoreErrors::IncrementRequiresNumberValue,
        CoreErrors::IncrementRequiresNumberTarget,
        CoreErrors::AddRequiresValue,
        CoreErrors::RemoveRequiresValue,
        CoreErrors::InvalidValue,
        CoreErrors::InvalidLimit,
        CoreErrors::InvalidPatternForPrefixes,
        CoreErrors::UnsupportedSelect,
        CoreErrors::EmptyKey,
        CoreErrors::Conflict,
        CoreErrors::Exists,
        CoreErrors::InvalidPrecondition,
        CoreErrors::IfMatchUnsupportedOp,
        CoreErrors::IfMatchMultiLeaf,
        CoreErrors::IfAbsentUnsupportedOp,
        CoreErrors::IfAbsentMultiLeaf,
        CoreErrors::InvalidOp,
        CoreErrors::InvalidBase64,
        CoreErrors::InvalidParams,
        CoreErrors::Held,
        CoreErrors::Occupied,
        CoreErrors::NotHeld,
        CoreErrors::Fenced,
        CoreErrors::CapverMismatch,
        CoreErrors::StoreArchived,
        CoreErrors::LimitExceeded,
        CoreErrors::RateLimited,
        CoreErrors::Unauthorized,
        CoreErrors::MissingScope,
        CoreErrors::StoreNotAllowed,
        CoreErrors::Forbidden,
        CoreErrors::InvalidJson,
        CoreErrors::InvalidUtf8,
        CoreErrors::InvalidMsgpack,
        CoreErrors::NotAnArray,
        CoreErrors::WrongArity,
        CoreErrors::InvalidJoinRef,
        CoreErrors::InvalidRef,
        CoreErrors::InvalidTopic,
        CoreErrors::InvalidEvent,
        CoreErrors::PayloadNotObject,
        CoreErrors::MalformedFrame,
        CoreErrors::TooDeep,
        CoreErrors::TooLarge,
        CoreErrors::UnexpectedReply,
        CoreErrors::UnpairedSurrogate,
        CoreErrors::NonFiniteNumber,
        CoreErrors::Timeout,
        CoreErrors::NotConnected,
        CoreErrors::Closed,
        CoreErrors::NotFound,
        CoreErrors::NotSupported,
        CoreErrors::Network,
        CoreErrors::Http,
        CoreErrors::NotImplemented,
        CoreErrors::Storage,
        CoreErrors::NothingToWrite,
        CoreErrors::UnmatchedTopic,
        CoreErrors::UnknownEvent,
        CoreErrors::MethodNotAllowed,
        CoreErrors::InvalidStoreName,
        CoreErrors::InvalidToSeq,
        CoreErrors::UnknownLanguage,
        CoreErrors::NoApplication,
    });
}

Q_CONSTRUCTOR_FUNCTION(registerCoreErrors)

void registerBridgeErrors()
{
    registerErrorCodes({
        BridgeErrors::HubGone,
        BridgeErrors::NoRealtime,
        BridgeErrors::ContextWithoutEventLoop,
        BridgeErrors::BroadcasterStartFailed,
        BridgeErrors::RepoGone,
    });
}

Q_CONSTRUCTOR_FUNCTION(registerBridgeErrors)

} // namespace

} // namespace Dust
