// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#ifndef DUSTQUICKCALL_P_H
#define DUSTQUICKCALL_P_H

#include <dustprivateapi_p.h>

//
//  W A R N I N G
//  -------------
//
// This file is not part of the DustQt API. It may change without notice.
//

#include <dustfuture.h>

#include <QtQml/qjsengine.h>
#include <QtQml/qjsvalue.h>
#include <QtQml/qqmlinfo.h>

namespace Dust::Quick {

// Calls a QML callback (when it is a function) with `argument`; an
// exception it throws becomes a QML warning on `owner`.
inline void callBack(QObject *owner, const QJSValue &callback, const QVariant &argument)
{
    if (!callback.isCallable())
        return;
    QJSEngine *engine = qjsEngine(owner);
    if (!engine)
        return;
    QJSValue call = callback;
    const QJSValue returned = call.call({engine->toScriptValue(argument)});
    if (returned.isError())
        qmlWarning(owner) << returned.toString();
}

} // namespace Dust::Quick

#endif // DUSTQUICKCALL_P_H
