// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#ifndef DUSTGLOBAL_H
#define DUSTGLOBAL_H

#include <dustversion.h>

#include <QtCore/qglobal.h>
#include <QtCore/qstring.h>

#if defined(DUSTQT_STATIC)
#  define DUST_CORE_EXPORT
#elif defined(DUSTQT_BUILD_CORE)
#  define DUST_CORE_EXPORT Q_DECL_EXPORT
#else
#  define DUST_CORE_EXPORT Q_DECL_IMPORT
#endif

namespace Dust {
/*!
    The version of the DustQt library the application runs with, e.g. "0.1.0";
    DUSTQT_VERSION_STR (dustversion.h) is the one it was compiled against.

    \code
    qInfo() << "DustQt" << Dust::version();
    \endcode
*/
DUST_CORE_EXPORT QString version();
} // namespace Dust

#endif // DUSTGLOBAL_H
