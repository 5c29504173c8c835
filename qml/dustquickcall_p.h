// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#ifndef DUSTQUICKCALL_P_H
#define DUSTQUICKCALL_P_H

//
//  W A R N I N G
//  -------------
//
// This file is not part of the DustQt API. It may change without notice.
//

#include <dustthreading_p.h>

#include <QtCore/qfuturewatcher.h>
#include <QtQml/qjsengine.h>
#include <QtQml/qjsvalue.h>
#include <QtQml/qqmlinfo.h>

namespace Dust::Quick {

// Runs `onDone(result)` in `context`'s thread once `future` is finished,
// unless `context` is gone by then.
template<typename T, typename F>
void whenFinished(QObject *context, const QFuture<T> &future, F onDone)
{
    auto *watcher = new QFutureWatcher<T>(context);
    QObject::connect(watcher, &QFutureWatcherBase::finished, context,
                     [watcher, onDone = std::move(onDone)]() mutable {
        // The producer published the result before finishing the future.
        Threading::acquireFromQt();
        const T result = watcher->result();
        watcher->deleteLater();
        onDone(result);
    });
    watcher->setFuture(future);
}

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
