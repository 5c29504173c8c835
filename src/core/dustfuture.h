// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#ifndef DUSTFUTURE_H
#define DUSTFUTURE_H

#include <dustglobal.h>

#include <QtCore/qfuture.h>
#include <QtCore/qfuturewatcher.h>

namespace Dust {

namespace Internal {
// The ThreadSanitizer edge for a result another thread stored in a QFuture
// (no-ops without ThreadSanitizer). DustQt's threads publish a result before
// they finish its future; Qt's own locks are invisible to ThreadSanitizer
// when Qt is not built with it, so reading the result without this edge is
// reported as a data race (see dustthreading_p.h). Use takeResult() or
// whenFinished() instead of calling these.
DUST_CORE_EXPORT void acquireFutureResult();
DUST_CORE_EXPORT void releaseFutureResult();
} // namespace Internal

/*!
    Returns the result of a finished \a future that a DustQt operation
    returned. Use it instead of QFuture::result() when the future may have
    been finished on another thread: it also tells ThreadSanitizer that the
    result was handed over, so sanitized builds of your program stay clean.

    \code
    QFuture<Dust::Result<qint64>> written = store->set(u"greeting"_s, u"hello"_s);
    written.waitForFinished();
    const Dust::Result<qint64> seq = Dust::takeResult(written);
    \endcode
*/
template<typename T>
T takeResult(const QFuture<T> &future)
{
    Internal::acquireFutureResult();
    T result = future.result();
    // Whichever thread lets go of the future last frees the result.
    Internal::releaseFutureResult();
    return result;
}

/*!
    Calls \a onDone with the result of \a future in \a context's thread once
    the future has finished, unless \a context is destroyed first. Like
    QFuture::then(context, ...), but the result is read with takeResult().

    \code
    Dust::whenFinished(this, repo->insert(schema, record), [this](const Dust::Result<qint64> &r) {
        if (!r)
            showError(r.error().message());
    });
    \endcode
*/
template<typename T, typename F>
void whenFinished(QObject *context, const QFuture<T> &future, F onDone)
{
    auto *watcher = new QFutureWatcher<T>(context);
    QObject::connect(watcher, &QFutureWatcherBase::finished, context,
                     [watcher, onDone = std::move(onDone)]() mutable {
        const T result = takeResult(watcher->future());
        watcher->deleteLater();
        onDone(result);
    });
    watcher->setFuture(future);
}

} // namespace Dust

#endif // DUSTFUTURE_H
