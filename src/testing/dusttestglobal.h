// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#ifndef DUSTTESTGLOBAL_H
#define DUSTTESTGLOBAL_H

#include <QtCore/qglobal.h>

#if defined(DUSTQT_TEST_STATIC)
#  define DUST_TEST_EXPORT
#elif defined(DUSTQT_BUILD_TEST)
#  define DUST_TEST_EXPORT Q_DECL_EXPORT
#else
#  define DUST_TEST_EXPORT Q_DECL_IMPORT
#endif

#endif // DUSTTESTGLOBAL_H
