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

#endif // DUSTSERVERGLOBAL_H
