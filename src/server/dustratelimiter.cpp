// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#include "dustratelimiter_p.h"

using namespace Qt::StringLiterals;

namespace Dust {

RateLimiter::RateLimiter(int limit, qint64 windowMs)
    : m_limit(limit), m_windowMs(std::max<qint64>(1, windowMs))
{
    m_clock.start();
}

std::optional<qint64> RateLimiter::take(const QString &key)
{
    if (m_limit <= 0)
        return std::nullopt;
    const qint64 now = m_clock.elapsed();
    // Ended windows are forgotten, so the table holds only recent writers.
    if (m_windows.size() > 1024) {
        m_windows.removeIf([&](const QHash<QString, Window>::iterator it) {
            return now - it->start >= m_windowMs;
        });
    }
    Window &window = m_windows[key];
    if (window.count == 0 || now - window.start >= m_windowMs)
        window = Window{now, 0};
    if (window.count >= m_limit)
        return std::max<qint64>(1, window.start + m_windowMs - now);
    ++window.count;
    return std::nullopt;
}

Error RateLimiter::limited(qint64 retryAfterMs)
{
    return Error(Error::Kind::RateLimited, u"rate_limited"_s, {{u"retry_after_ms"_s, retryAfterMs}}, true);
}

} // namespace Dust
