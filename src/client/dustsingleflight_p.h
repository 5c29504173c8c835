// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#ifndef DUSTSINGLEFLIGHT_P_H
#define DUSTSINGLEFLIGHT_P_H

#include <dustprivateapi_p.h>

#include <duststore.h>

#include <QtCore/qpointer.h>
#include <QtCore/qpromise.h>
#include <QtCore/qtimer.h>

namespace Dust::Internal {

/*
    One caller of Store::singleFlight() (protocol §5.5): it tries to take
    the lease on `_dust:sf/<key>/lock`; the holder runs the work and stores
    {"token", "value"} as a JSON-encoded string at `_dust:sf/<key>/result`
    (fenced by its lease, so a holder whose lease ran out stores nothing),
    then releases the lease. A caller refused with "held" watches both keys
    and finishes with the result stored under the lease token it saw; when
    the lease is released without one, or runs out (its holder died), it
    tries to take the lease again. Lives on the caller's thread and deletes
    itself once its future is finished.
*/
class SingleFlight final : public QObject
{
public:
    using Work = std::function<QFuture<Result<QJsonValue>>()>;

    static QFuture<Result<QJsonValue>> start(Store *store, const QString &key, std::chrono::milliseconds ttl,
                                             Work work);

private:
    SingleFlight(Store *store, const Path &base, std::chrono::milliseconds ttl, Work work);
    // Whether this caller may act now: not finished, not waiting for its
    // own lease or work. A store that is gone finishes it.
    bool mayAct();
    void attempt();
    void leaseAnswered(const Result<LeaseGrant> &grant);
    void runWork(const LeaseGrant &grant);
    void workDone(const Result<QJsonValue> &value, qint64 token);
    void noteHolder(const StoreEvent &event);
    void evaluate();
    std::optional<QJsonValue> resultFor(qint64 token) const;
    void finish(const Result<QJsonValue> &result);

    QPointer<Store> m_store;
    const Path m_lock;
    const Path m_result;
    const std::chrono::milliseconds m_ttl;
    const Work m_work;
    QPromise<Result<QJsonValue>> m_promise;
    QList<SubscriptionId> m_subscriptions;
    QTimer m_expiry;
    qint64 m_seenToken = 0;
    bool m_attempting = false;
    bool m_holding = false;
    bool m_finished = false;
};

} // namespace Dust::Internal

#endif // DUSTSINGLEFLIGHT_P_H
