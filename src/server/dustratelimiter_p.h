// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#ifndef DUSTRATELIMITER_P_H
#define DUSTRATELIMITER_P_H

#include <dustprivateapi_p.h>

#include <dusterror.h>

#include <QtCore/qelapsedtimer.h>
#include <QtCore/qhash.h>

#include <optional>

namespace Dust {

/*
    The per-token write limit of protocol §3.5: at most `limit` writes in
    each window of `windowMs` (a fixed window that starts with the first
    write after the previous one ended). Used on the engine thread only.
*/
class RateLimiter
{
public:
    RateLimiter(int limit, qint64 windowMs);

    bool isEnabled() const { return m_limit > 0; }
    // Counts one write of `key`: std::nullopt when it may go ahead, else
    // the milliseconds until the key's window ends.
    std::optional<qint64> take(const QString &key);

    // The `rate_limited` rejection, with `retry_after_ms`.
    static Error limited(qint64 retryAfterMs);

private:
    struct Window
    {
        qint64 start = 0;
        int count = 0;
    };

    int m_limit;
    qint64 m_windowMs;
    QElapsedTimer m_clock;
    QHash<QString, Window> m_windows;
};

} // namespace Dust

#endif // DUSTRATELIMITER_P_H
