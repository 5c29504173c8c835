// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#ifndef DUSTPENDING_P_H
#define DUSTPENDING_P_H

#include <dustresult.h>

#include <QtCore/qfuture.h>
#include <QtCore/qmutex.h>
#include <QtCore/qpromise.h>

#include <memory>

namespace Dust {

// A QPromise<Result<T>> that is finished exactly once: by finish(), or, when
// the last owner lets go first (its work was dropped, e.g. with the object
// that would have done it), with Error Cancelled/"closed". So every future
// handed out gets a result; continuations never see a result-less future.
template<typename T>
class Pending
{
public:
    Pending() { m_promise.start(); }
    ~Pending()
    {
        if (!m_done)
            finishLocked(Result<T>(Error(Error::Kind::Cancelled, QStringLiteral("closed"))));
    }
    Q_DISABLE_COPY_MOVE(Pending)

    static std::shared_ptr<Pending> create() { return std::make_shared<Pending>(); }
    static QFuture<Result<T>> ready(Result<T> result)
    {
        Pending p;
        p.finish(std::move(result));
        return p.future();
    }

    QFuture<Result<T>> future() { return m_promise.future(); }
    void finish(Result<T> result)
    {
        QMutexLocker lock(&m_mutex);
        if (!m_done)
            finishLocked(std::move(result));
    }

private:
    void finishLocked(Result<T> result)
    {
        m_done = true;
        m_promise.addResult(std::move(result));
        m_promise.finish();
    }

    QMutex m_mutex;
    QPromise<Result<T>> m_promise;
    bool m_done = false;
};

} // namespace Dust

#endif // DUSTPENDING_P_H
