// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#ifndef DUSTASYNC_P_H
#define DUSTASYNC_P_H

//
//  W A R N I N G
//  -------------
//
// This file is not part of the DustQt API. It may change without notice.
//

#include <dustresult.h>
#include <dustthreading_p.h>

#include <QtCore/qfuture.h>
#include <QtCore/qpromise.h>

#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

namespace Dust {

// The result of one asynchronous operation, finished exactly once. Chaining
// goes through then(), whose callbacks run in the finishing thread (or at
// once when already finished), ordered by a std::mutex that
// ThreadSanitizer sees; QFuture::then() would hand the callback between
// threads inside uninstrumented Qt.
//
// When the last owner lets go without finishing it (its work was dropped,
// e.g. with the object that would have done it), it finishes with Error
// Cancelled/"closed": every future handed out gets a result.
template<typename T>
class AsyncResult
{
public:
    using Ptr = std::shared_ptr<AsyncResult>;
    using Callback = std::function<void(const Result<T> &)>;

    AsyncResult() = default;
    ~AsyncResult()
    {
        if (!m_result)
            finish(Result<T>(Error(Error::Kind::Cancelled, QStringLiteral("closed"))));
    }
    Q_DISABLE_COPY_MOVE(AsyncResult)

    static Ptr create() { return std::make_shared<AsyncResult>(); }
    static Ptr ready(Result<T> result)
    {
        Ptr p = create();
        p->finish(std::move(result));
        return p;
    }

    void finish(Result<T> result)
    {
        std::vector<Callback> callbacks;
        {
            std::lock_guard lock(m_mutex);
            if (m_result)
                return;
            m_result.emplace(std::move(result));
            callbacks.swap(m_callbacks);
        }
        for (const Callback &cb : callbacks)
            cb(*m_result);
    }

    void then(Callback callback)
    {
        {
            std::lock_guard lock(m_mutex);
            if (!m_result) {
                m_callbacks.push_back(std::move(callback));
                return;
            }
        }
        callback(*m_result);
    }

    // A QFuture that finishes with the result. Whoever reads it from another
    // thread calls Threading::acquireFromQt() once it is finished.
    QFuture<Result<T>> future()
    {
        auto promise = std::make_shared<QPromise<Result<T>>>();
        promise->start();
        QFuture<Result<T>> f = promise->future();
        then([promise](const Result<T> &result) {
            promise->addResult(result);
            Threading::publish();
            promise->finish();
        });
        return f;
    }

    static QFuture<Result<T>> readyFuture(Result<T> result) { return ready(std::move(result))->future(); }

private:
    std::mutex m_mutex;
    std::optional<Result<T>> m_result;
    std::vector<Callback> m_callbacks;
};

} // namespace Dust

#endif // DUSTASYNC_P_H
