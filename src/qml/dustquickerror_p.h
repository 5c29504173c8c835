// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#ifndef DUSTQUICKERROR_P_H
#define DUSTQUICKERROR_P_H

#include <dustprivateapi_p.h>

//
//  W A R N I N G
//  -------------
//
// This file is not part of the DustQt API. It may change without notice.
//

#include <dustquickglobal.h>

#include <dusterror.h>

#include <QtCore/qloggingcategory.h>
#include <QtCore/qvariant.h>

namespace Dust::Quick {

// The functions are exported for the module Dust.Test (DustQt::QuickTest),
// whose errors look the same as the ones of `Dust`.

Q_DECLARE_LOGGING_CATEGORY(lcQuick)

// An Error in a QVariant, for the results handed to QML callbacks: QML
// sees the Dust::Error value (code, kind, kindName, message, retryable,
// detail, isNull), as it does in every element's `error` property.
DUST_QUICK_EXPORT QVariant errorToVariant(const Error &error);

// A value QML handed over, with every JS object and array inside turned
// into QVariantMap / QVariantList (JS values arrive as QJSValue in places).
DUST_QUICK_EXPORT QVariant plainVariant(const QVariant &value);

// Reports a declaration mistake as a QML warning at `object`'s position in
// its QML file (or as a dust.quick warning for objects made in C++).
DUST_QUICK_EXPORT void warnDeclaration(const QObject *object, const Error &error);

} // namespace Dust::Quick

#endif // DUSTQUICKERROR_P_H
