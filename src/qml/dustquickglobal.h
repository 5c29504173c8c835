// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#ifndef DUSTQUICKGLOBAL_H
#define DUSTQUICKGLOBAL_H

#include <QtCore/qglobal.h>

#if defined(DUSTQT_QUICK_STATIC)
#  define DUST_QUICK_EXPORT
#elif defined(DUSTQT_BUILD_QUICK)
#  define DUST_QUICK_EXPORT Q_DECL_EXPORT
#else
#  define DUST_QUICK_EXPORT Q_DECL_IMPORT
#endif

#endif // DUSTQUICKGLOBAL_H
