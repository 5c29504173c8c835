// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#ifndef DUSTFUTURE_H
#define DUSTFUTURE_H

#include <dustglobal.h>

#include <QtCore/qfuture.h>
#include <QtCore/qfuturewatcher.h>
#include <QtCore/qpromise.h>

#include <memory>
#include <type_traits>

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

namespace Internal {
/*!
    \internal
    QFuture::then() for a future a DustQt operation returned, for templates
    in public headers (the typed Repo calls), with the two hand-overs
    ThreadSanitizer cannot see inside Qt made explicit:
    - the continuation is written here and run by the finishing thread, which
      acquires before it finishes the future (a data race reported on the
      continuation's captures otherwise). Qt's own lock orders the two; the
      release after registering is seen unless the future finishes within
      the instructions between them;
    - a plain continuation stores its result after the last point where the
      finishing thread could publish it (the reader's takeResult() would be
      reported as racing with that store), so the mapped result is
      published between being stored and its future finishing.
*/
template<typename T, typename F>
auto mapResult(QFuture<T> future, F map) -> QFuture<std::invoke_result_t<F, const T &>>
{
    using R = std::invoke_result_t<F, const T &>;
    auto promise = std::make_shared<QPromise<R>>();
    promise->start();
    QFuture<R> mapped = promise->future();
    future.then(QtFuture::Launch::Sync, [promise, map = std::move(map)](const QFuture<T> &done) mutable {
        promise->addResult(map(takeResult(done)));
        releaseFutureResult();
        promise->finish();
        // Whichever thread lets go of the future last frees its result.
        acquireFutureResult();
        promise.reset();
    });
    releaseFutureResult();
    return mapped;
}
} // namespace Internal

} // namespace Dust

#endif // DUSTFUTURE_H
