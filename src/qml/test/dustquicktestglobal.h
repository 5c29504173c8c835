// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#ifndef DUSTQUICKTESTGLOBAL_H
#define DUSTQUICKTESTGLOBAL_H

#include <QtCore/qglobal.h>

#if defined(DUSTQT_QUICKTEST_STATIC)
#  define DUST_QUICKTEST_EXPORT
#elif defined(DUSTQT_BUILD_QUICKTEST)
#  define DUST_QUICKTEST_EXPORT Q_DECL_EXPORT
#else
#  define DUST_QUICKTEST_EXPORT Q_DECL_IMPORT
#endif

#endif // DUSTQUICKTESTGLOBAL_H
