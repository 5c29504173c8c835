// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#ifndef DUSTSERVERGLOBAL_H
#define DUSTSERVERGLOBAL_H

#include <QtCore/qglobal.h>

#if defined(DUSTQT_SERVER_STATIC)
#  define DUST_SERVER_EXPORT
#elif defined(DUSTQT_BUILD_SERVER)
#  define DUST_SERVER_EXPORT Q_DECL_EXPORT
#else
#  define DUST_SERVER_EXPORT Q_DECL_IMPORT
#endif

// DUST_SERVER_EXPORT also marks a few internal classes (ServerEngine,
// ServerStore, ChannelSession, RestApi): the fuzzers in tests/fuzz drive the
// server's real handlers through them. Their headers are private (_p.h) and
// are not installed.

#endif // DUSTSERVERGLOBAL_H
