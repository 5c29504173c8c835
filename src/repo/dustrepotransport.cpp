// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#include "dustrepotransport_p.h"
#include "dusthttptransport_p.h"

using namespace Qt::StringLiterals;

namespace Dust {

namespace {

Error gone()
{
    return Error(Error::Kind::Cancelled, u"closed"_s);
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

} // namespace Dust
