// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#include "dustrepotransport_p.h"
#include "dusthttptransport_p.h"

#include <dustfuture.h>

#include <QtCore/qthread.h>

using namespace Qt::StringLiterals;

namespace Dust {

namespace {

Error gone()
{
    return Error(Error::Kind::Cancelled, u"closed"_s);
}

Error notSupportedOverHttp()
{
    return Error(Error::Kind::NotSupported, u"not_supported"_s,
                 {{u"message"_s, Repo::tr("realtime needs the WebSocket transport (a Dust::Client with this store)")}});
}

} // namespace

AsyncResult<Page>::Ptr HttpRepoTransport::list(const QString &pattern, const PageRequest &request)
{
    if (!m_http)
        return AsyncResult<Page>::ready(gone());
    return HttpTransportPrivate::of(m_http)->list(pattern, request);
}

AsyncResult<std::optional<Entry>>::Ptr HttpRepoTransport::get(const Path &path)
{
    if (!m_http)
        return AsyncResult<std::optional<Entry>>::ready(gone());
    auto result = AsyncResult<std::optional<Entry>>::create();
    HttpTransportPrivate::of(m_http)->get(path)->then([result](const Result<Entry> &entry) {
        if (entry) {
            result->finish(std::optional<Entry>(*entry));
            return;
        }
        // "not_found" is the entry; any other NotFound code (a missing store,
        // say) is an Error.
        const Error e = entry.error();
        if (e.kind() == Error::Kind::NotFound && e.code() == u"not_found")
            result->finish(std::optional<Entry>());
        else
            result->finish(e);
    });
    return result;
}

AsyncResult<bool>::Ptr HttpRepoTransport::exists(const Path &path)
{
    if (!m_http)
        return AsyncResult<bool>::ready(gone());
    return HttpTransportPrivate::of(m_http)->exists(path);
}

AsyncResult<qint64>::Ptr HttpRepoTransport::put(const Path &path, const QJsonValue &value,
                                                std::optional<qint64> ifMatch)
{
    if (!m_http)
        return AsyncResult<qint64>::ready(gone());
    return HttpTransportPrivate::of(m_http)->put(path, value, ifMatch, false);
}

AsyncResult<qint64>::Ptr HttpRepoTransport::remove(const Path &path, std::optional<qint64> ifMatch)
{
    if (!m_http)
        return AsyncResult<qint64>::ready(gone());
    return HttpTransportPrivate::of(m_http)->remove(path, ifMatch);
}

AsyncResult<BatchResult>::Ptr HttpRepoTransport::batchWrite(const QList<BatchOp> &ops)
{
    if (!m_http)
        return AsyncResult<BatchResult>::ready(gone());
    return HttpTransportPrivate::of(m_http)->batchWrite(ops);
}

Result<SubscriptionId> HttpRepoTransport::subscribe(const QString &, QObject *,
                                                    std::function<void(const StoreEvent &)>,
                                                    const SubscribeOptions &)
{
    return notSupportedOverHttp();
}

void HttpRepoTransport::unsubscribe(SubscriptionId) { }

Result<EntrySnapshot> HttpRepoTransport::snapshot(const QString &)
{
    return notSupportedOverHttp();
}

// ---- StoreRepoTransport -----------------------------------------------------

AsyncResult<Page>::Ptr StoreRepoTransport::list(const QString &pattern, const PageRequest &request)
{
    if (!m_store)
        return AsyncResult<Page>::ready(gone());
    return AsyncResult<Page>::ready(m_store->enumerate(pattern, request));
}

AsyncResult<std::optional<Entry>>::Ptr StoreRepoTransport::get(const Path &path)
{
    if (!m_store)
        return AsyncResult<std::optional<Entry>>::ready(gone());
    return AsyncResult<std::optional<Entry>>::ready(m_store->entry(path));
}

AsyncResult<bool>::Ptr StoreRepoTransport::exists(const Path &path)
{
    if (!m_store)
        return AsyncResult<bool>::ready(gone());
    return AsyncResult<bool>::ready(m_store->entry(path).has_value());
}

AsyncResult<qint64>::Ptr StoreRepoTransport::put(const Path &path, const QJsonValue &value,
                                                 std::optional<qint64> ifMatch)
{
    if (!m_store)
        return AsyncResult<qint64>::ready(gone());
    WriteOptions options;
    options.ifMatch = ifMatch;
    return watch(m_store->set(path, value, options));
}

AsyncResult<qint64>::Ptr StoreRepoTransport::remove(const Path &path, std::optional<qint64> ifMatch)
{
    if (!m_store)
        return AsyncResult<qint64>::ready(gone());
    // Unlike the Elixir SDK, the if_match really goes to the server.
    WriteOptions options;
    options.ifMatch = ifMatch;
    return watch(m_store->remove(path, options));
}

AsyncResult<BatchResult>::Ptr StoreRepoTransport::batchWrite(const QList<BatchOp> &)
{
    return AsyncResult<BatchResult>::ready(
            Error(Error::Kind::NotSupported, u"not_supported"_s,
                  {{u"message"_s, Repo::tr("batch_write needs the HTTP transport (the WebSocket protocol has no atomic batch)")}}));
}

Result<SubscriptionId> StoreRepoTransport::subscribe(const QString &pattern, QObject *receiver,
                                                     std::function<void(const StoreEvent &)> callback,
                                                     const SubscribeOptions &options)
{
    if (!m_store)
        return gone();
    return receiver ? m_store->on(pattern, receiver, std::move(callback), options)
                    : m_store->on(pattern, std::move(callback), options);
}

void StoreRepoTransport::unsubscribe(SubscriptionId id)
{
    if (m_store)
        m_store->off(id);
}

Result<EntrySnapshot> StoreRepoTransport::snapshot(const QString &pattern)
{
    if (!m_store)
        return gone();
    return m_store->snapshot(pattern);
}

AsyncResult<qint64>::Ptr StoreRepoTransport::watch(QFuture<Result<qint64>> future)
{
    if (future.isFinished())
        return AsyncResult<qint64>::ready(takeResult(future));
    QObject *context = m_context.data();
    if (!context)
        return AsyncResult<qint64>::ready(gone());
    // Watched from the context's thread: the sync thread only wakes it, and
    // whenFinished() reads the result there with the hand-over made explicit.
    auto result = AsyncResult<qint64>::create();
    auto start = [context, future, result] {
        whenFinished(context, future, [result](const Result<qint64> &value) { result->finish(value); });
    };
    if (QThread::currentThread() == context->thread())
        start();
    else
        Threading::post(context, start);
    return result;
}

} // namespace Dust
