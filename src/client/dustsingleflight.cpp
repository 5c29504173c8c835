// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#include "dustsingleflight_p.h"

#include <dustfuture.h>
#include <dustthreading_p.h>

#include <QtCore/qdatetime.h>
#include <QtCore/qjsondocument.h>
#include <QtCore/qjsonobject.h>

#include <algorithm>
#include <limits>

using namespace Qt::StringLiterals;

namespace Dust::Internal {

namespace {

// Clocks of the server and of this client may disagree a little about
// when a lease runs out; a retry that comes too early waits this long.
constexpr qint64 MinRetryMs = 10;

QFuture<Result<QJsonValue>> failed(const Error &error)
{
    return QtFuture::makeReadyFuture(Result<QJsonValue>(error));
}

} // namespace

QFuture<Result<QJsonValue>> SingleFlight::start(Store *store, const QString &key, std::chrono::milliseconds ttl,
                                                Work work)
{
    const Result<Path> path = Path::parse(key);
    if (!path)
        return failed(path.error());
    if (ttl.count() <= 0 || ttl.count() > std::numeric_limits<int>::max())
        return failed(Error(Error::Kind::InvalidParams, u"invalid_ttl"_s));
    if (!work)
        return failed(Error(Error::Kind::InvalidParams, u"missing_work"_s));
    QStringList segments{u"_dust:sf"_s};
    segments += path->segments();
    auto *flight = new SingleFlight(store, *Path::fromSegments(segments), ttl, std::move(work));
    QFuture<Result<QJsonValue>> future = flight->m_promise.future();
    flight->attempt();
    return future;
}

SingleFlight::SingleFlight(Store *store, const Path &base, std::chrono::milliseconds ttl, Work work)
    : m_store(store), m_lock(base.child(u"lock"_s)), m_result(base.child(u"result"_s)), m_ttl(ttl),
      m_work(std::move(work))
{
    m_promise.start();
    m_expiry.setSingleShot(true);
    connect(&m_expiry, &QTimer::timeout, this, &SingleFlight::attempt);
    for (const Path &watched : {m_lock, m_result}) {
        const Result<SubscriptionId> id = store->on(watched.toString(), this, [this](const StoreEvent &event) {
            noteHolder(event);
            evaluate();
        });
        if (id)
            m_subscriptions.append(*id);
    }
}

bool SingleFlight::mayAct()
{
    if (m_finished || m_attempting || m_holding)
        return false;
    if (!m_store) {
        finish(Error(Error::Kind::Cancelled, u"closed"_s));
        return false;
    }
    return true;
}

void SingleFlight::attempt()
{
    if (!mayAct())
        return;
    m_attempting = true;
    whenFinished(this, m_store->lease(m_lock, int(m_ttl.count())),
                 [this](const Result<LeaseGrant> &grant) { leaseAnswered(grant); });
}

void SingleFlight::leaseAnswered(const Result<LeaseGrant> &grant)
{
    m_attempting = false;
    if (grant) {
        runWork(*grant);
    } else if (grant.error().code() == u"held") {
        evaluate();
    } else {
        finish(grant.error());
    }
}

void SingleFlight::runWork(const LeaseGrant &grant)
{
    m_holding = true;
    m_seenToken = grant.token;
    whenFinished(this, m_work(), [this, token = grant.token](const Result<QJsonValue> &value) { workDone(value, token); });
}

void SingleFlight::workDone(const Result<QJsonValue> &value, qint64 token)
{
    if (!m_store) {
        finish(value);
        return;
    }
    const auto release = [this, token, value] {
        if (m_store)
            m_store->release(m_lock, token);
        finish(value);
    };
    if (!value) {
        release();
        return;
    }
    // A JSON string, so that a map result stays one leaf (not flattened).
    const QString encoded = QString::fromUtf8(
        QJsonDocument(QJsonObject{{u"token"_s, token}, {u"value"_s, *value}}).toJson(QJsonDocument::Compact));
    WriteOptions fenced;
    fenced.fence = std::pair{m_lock.toString(), token};
    whenFinished(this, m_store->set(m_result, encoded, fenced), [release](const Result<qint64> &) { release(); });
}

std::optional<QJsonValue> SingleFlight::resultFor(qint64 token) const
{
    const QJsonObject stored = QJsonDocument::fromJson(m_store->get(m_result).value_or(QJsonValue()).toString().toUtf8()).object();
    if (token == 0 || stored.value(u"token").toInteger() != token || !stored.contains(u"value"))
        return std::nullopt;
    return stored.value(u"value");
}

// The holder's token, from the lease event itself: by the time a waiter
// looks at the store (its own lease answered), the holder may have written
// the result and released the lock, and a waiter that never saw the token
// would not know the result is for it.
void SingleFlight::noteHolder(const StoreEvent &event)
{
    if (event.path == m_lock && event.op == Op::Kind::Lease && event.error.isNull() && !m_holding)
        m_seenToken = event.value.toObject().value(u"token").toInteger(m_seenToken);
}

// A waiter's look at the two keys, after a refusal and after each change.
void SingleFlight::evaluate()
{
    if (!mayAct())
        return;
    const std::optional<Entry> lock = m_store->entry(m_lock);
    if (lock && lock->type == Entry::Type::Lease)
        m_seenToken = lock->value.toObject().value(u"token").toInteger();
    if (const std::optional<QJsonValue> value = resultFor(m_seenToken)) {
        finish(*value);
        return;
    }
    if (!lock || lock->type != Entry::Type::Lease) {
        attempt();
        return;
    }
    // Wait for the holder; should it die, its lease runs out and the next
    // attempt takes over.
    const qint64 left = lock->value.toObject().value(u"expires_at").toInteger() - QDateTime::currentMSecsSinceEpoch();
    m_expiry.start(int(std::clamp<qint64>(left + 1, MinRetryMs, m_ttl.count())));
}

void SingleFlight::finish(const Result<QJsonValue> &result)
{
    if (m_finished)
        return;
    m_finished = true;
    m_expiry.stop();
    if (m_store) {
        for (SubscriptionId id : std::as_const(m_subscriptions))
            m_store->off(id);
    }
    m_promise.addResult(result);
    Threading::releaseToQt();
    m_promise.finish();
    deleteLater();
}

} // namespace Dust::Internal
