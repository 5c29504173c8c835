// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#ifndef DUSTGLOBAL_H
#define DUSTGLOBAL_H

#include <QtCore/qglobal.h>

#if defined(DUSTQT_STATIC)
#  define DUST_CORE_EXPORT
#elif defined(DUSTQT_BUILD_CORE)
#  define DUST_CORE_EXPORT Q_DECL_EXPORT
#else
#  define DUST_CORE_EXPORT Q_DECL_IMPORT
#endif

namespace Dust {
/// The DustQt version, e.g. "0.1.0".
DUST_CORE_EXPORT QString version();
} // namespace Dust

#endif // DUSTGLOBAL_H
