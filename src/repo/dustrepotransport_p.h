// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#ifndef DUSTREPOTRANSPORT_P_H
#define DUSTREPOTRANSPORT_P_H

#include <dusthttptransport.h>
#include <dustrepo.h>

#include <QtCore/qpointer.h>

#include <functional>
#include <memory>
#include <optional>

namespace Dust {

// What the Repo needs from a transport (dust-ecto §3.1). Every method may be
// called from any thread; futures finish in the transport's own thread.
class RepoTransport
{
public:
    virtual ~RepoTransport() = default;

    virtual Repo::Transport kind() const = 0;
    virtual QFuture<Result<Page>> list(const QString &pattern, const PageRequest &request) = 0;
    // std::nullopt: nothing at `path`.
    virtual QFuture<Result<std::optional<Entry>>> get(const Path &path) = 0;
    virtual QFuture<Result<bool>> exists(const Path &path) = 0;
    virtual QFuture<Result<qint64>> put(const Path &path, const QJsonValue &value,
                                        std::optional<qint64> ifMatch) = 0;
    virtual QFuture<Result<qint64>> remove(const Path &path, std::optional<qint64> ifMatch) = 0;
    virtual QFuture<Result<BatchResult>> batchWrite(const QList<BatchOp> &ops) = 0;
};

class HttpRepoTransport final : public RepoTransport
{
public:
    explicit HttpRepoTransport(HttpTransport *http) : m_http(http) { }
    // The Repo owns the HttpTransport; a call after it is gone is Cancelled.

    Repo::Transport kind() const override { return Repo::Transport::Http; }
    QFuture<Result<Page>> list(const QString &pattern, const PageRequest &request) override;
    QFuture<Result<std::optional<Entry>>> get(const Path &path) override;
    QFuture<Result<bool>> exists(const Path &path) override;
    QFuture<Result<qint64>> put(const Path &path, const QJsonValue &value,
                                std::optional<qint64> ifMatch) override;
    QFuture<Result<qint64>> remove(const Path &path, std::optional<qint64> ifMatch) override;
    QFuture<Result<BatchResult>> batchWrite(const QList<BatchOp> &ops) override;

private:
    QPointer<HttpTransport> m_http;
};

} // namespace Dust

#endif // DUSTREPOTRANSPORT_P_H
