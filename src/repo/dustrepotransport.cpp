// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#include "dustrepotransport_p.h"
#include "dustpending_p.h"

using namespace Qt::StringLiterals;

namespace Dust {

namespace {

Error gone()
{
    return Error(Error::Kind::Cancelled, u"closed"_s);
}

} // namespace

QFuture<Result<Page>> HttpRepoTransport::list(const QString &pattern, const PageRequest &request)
{
    if (!m_http)
        return Pending<Page>::ready(gone());
    return m_http->list(pattern, request);
}

QFuture<Result<std::optional<Entry>>> HttpRepoTransport::get(const Path &path)
{
    if (!m_http)
        return Pending<std::optional<Entry>>::ready(gone());
    return m_http->get(path).then(QtFuture::Launch::Sync,
                                  [](const Result<Entry> &entry) -> Result<std::optional<Entry>> {
        if (entry)
            return std::optional<Entry>(*entry);
        // "not_found" is the entry; any other NotFound code (a missing store,
        // say) is an Error.
        const Error e = entry.error();
        if (e.kind() == Error::Kind::NotFound && e.code() == u"not_found")
            return std::optional<Entry>();
        return e;
    });
}

QFuture<Result<bool>> HttpRepoTransport::exists(const Path &path)
{
    if (!m_http)
        return Pending<bool>::ready(gone());
    return m_http->exists(path);
}

QFuture<Result<qint64>> HttpRepoTransport::put(const Path &path, const QJsonValue &value,
                                               std::optional<qint64> ifMatch)
{
    if (!m_http)
        return Pending<qint64>::ready(gone());
    return m_http->put(path, value, ifMatch);
}

QFuture<Result<qint64>> HttpRepoTransport::remove(const Path &path, std::optional<qint64> ifMatch)
{
    if (!m_http)
        return Pending<qint64>::ready(gone());
    return m_http->remove(path, ifMatch);
}

QFuture<Result<BatchResult>> HttpRepoTransport::batchWrite(const QList<BatchOp> &ops)
{
    if (!m_http)
        return Pending<BatchResult>::ready(gone());
    return m_http->batchWrite(ops);
}

} // namespace Dust
