// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#ifndef DUSTREPOTRANSPORT_P_H
#define DUSTREPOTRANSPORT_P_H

#include <dustprivateapi_p.h>

//
//  W A R N I N G
//  -------------
//
// This file is not part of the DustQt API. It may change without notice.
//

#include <dustthreading_p.h>
#include <dusthttptransport.h>
#include <dustrepo.h>

#include <QtCore/qpointer.h>

#include <duststore.h>

#include <optional>

namespace Dust {

// What the Repo needs from a transport (dust-ecto §3.1). Every method may be
// called from any thread. Results finish in the transport's own thread
// (HTTP: the HttpTransport's; WebSocket: the Repo's), so the Repo's chained
// steps run there.
class RepoTransport
{
public:
    virtual ~RepoTransport() = default;

    virtual Repo::Transport kind() const = 0;
    virtual AsyncResult<Page>::Ptr list(const QString &pattern, const PageRequest &request) = 0;
    // std::nullopt: nothing at `path`.
    virtual AsyncResult<std::optional<Entry>>::Ptr get(const Path &path) = 0;
    virtual AsyncResult<bool>::Ptr exists(const Path &path) = 0;
    virtual AsyncResult<qint64>::Ptr put(const Path &path, const QJsonValue &value,
                                         std::optional<qint64> ifMatch) = 0;
    virtual AsyncResult<qint64>::Ptr remove(const Path &path, std::optional<qint64> ifMatch) = 0;
    virtual AsyncResult<BatchResult>::Ptr batchWrite(const QList<BatchOp> &ops) = 0;
    // Realtime: committed events under `pattern` (WebSocket only; over HTTP
    // an Error of kind NotSupported). `receiver` null: on the sync thread.
    virtual Result<SubscriptionId> subscribe(const QString &pattern, QObject *receiver,
                                             std::function<void(const StoreEvent &)> callback,
                                             const SubscribeOptions &options) = 0;
    virtual void unsubscribe(SubscriptionId id) = 0;
    // The local copy under `pattern` at one instant (WebSocket only).
    virtual Result<EntrySnapshot> snapshot(const QString &pattern) = 0;
};

class HttpRepoTransport final : public RepoTransport
{
public:
    // The Repo owns the HttpTransport; a call after it is gone is Cancelled.
    explicit HttpRepoTransport(HttpTransport *http) : m_http(http) { }

    Repo::Transport kind() const override { return Repo::Transport::Http; }

    // Reads and writes are requests to the server, answered on the
    // HttpTransport's thread.
    AsyncResult<Page>::Ptr list(const QString &pattern, const PageRequest &request) override;
    AsyncResult<std::optional<Entry>>::Ptr get(const Path &path) override;
    AsyncResult<bool>::Ptr exists(const Path &path) override;
    AsyncResult<qint64>::Ptr put(const Path &path, const QJsonValue &value,
                                 std::optional<qint64> ifMatch) override;
    AsyncResult<qint64>::Ptr remove(const Path &path, std::optional<qint64> ifMatch) override;
    AsyncResult<BatchResult>::Ptr batchWrite(const QList<BatchOp> &ops) override;

    // REST has no push and no local copy: these are refused with
    // NotSupported.
    Result<SubscriptionId> subscribe(const QString &pattern, QObject *receiver,
                                     std::function<void(const StoreEvent &)> callback,
                                     const SubscribeOptions &options) override;
    void unsubscribe(SubscriptionId id) override;
    Result<EntrySnapshot> snapshot(const QString &pattern) override;

private:
    QPointer<HttpTransport> m_http;
};

// The WebSocket transport: reads from the Store's local copy, writes through
// its sync engine. Write futures finish on the client's sync thread; they
// are watched from `context` (the Repo's worker), where the chain goes on.
class StoreRepoTransport final : public RepoTransport
{
public:
    StoreRepoTransport(Store *store, QObject *context) : m_store(store), m_context(context) { }

    Repo::Transport kind() const override { return Repo::Transport::WebSocket; }

    // What only this transport has: the Store's live subscriptions and
    // snapshots of its local copy.
    Result<SubscriptionId> subscribe(const QString &pattern, QObject *receiver,
                                     std::function<void(const StoreEvent &)> callback,
                                     const SubscribeOptions &options) override;
    void unsubscribe(SubscriptionId id) override;
    Result<EntrySnapshot> snapshot(const QString &pattern) override;

    // Writes are queued in the sync engine and finish when the server
    // acknowledges them.
    AsyncResult<qint64>::Ptr put(const Path &path, const QJsonValue &value,
                                 std::optional<qint64> ifMatch) override;
    AsyncResult<qint64>::Ptr remove(const Path &path, std::optional<qint64> ifMatch) override;
    AsyncResult<BatchResult>::Ptr batchWrite(const QList<BatchOp> &ops) override;

    // Reads come from the Store's local copy and finish at once.
    AsyncResult<Page>::Ptr list(const QString &pattern, const PageRequest &request) override;
    AsyncResult<std::optional<Entry>>::Ptr get(const Path &path) override;
    AsyncResult<bool>::Ptr exists(const Path &path) override;

private:
    AsyncResult<qint64>::Ptr watch(QFuture<Result<qint64>> future);

    QPointer<Store> m_store;
    QPointer<QObject> m_context;
};

} // namespace Dust

#endif // DUSTREPOTRANSPORT_P_H
