// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#ifndef DUSTREPO_H
#define DUSTREPO_H

#include <dustchangeset.h>
#include <dustfuture.h>
#include <dusthttptransport.h>
#include <dustrecordevent.h>
#include <dustrecordop.h>
#include <dustschema.h>
#include <duststoreevent.h>

#include <QtCore/qfuture.h>
#include <QtCore/qobject.h>
#include <QtCore/qurl.h>

#include <functional>
#include <memory>
#include <optional>

namespace Dust {

class Client;
class Store;
class RepoPrivate;

/*!
    Reads and writes records described by a Schema in one Dust store: the
    Qt counterpart of dustlayer_ecto's Dust.Repo (dust-ecto §2).

    The transport is picked on every call (dust-ecto §3.2): a Repo given a
    Store, or a Client that has the store configured, goes through it over
    the WebSocket (reads from the local copy, writes through the sync
    engine, realtime subscriptions). Otherwise it uses the REST API at
    baseUrl with the token; calling without a token is an Error
    (invalid_params/missing_token). A Client that lacks the store falls back
    to HTTP with a dust.repo warning (at most once a minute).

    Every operation returns at once with a QFuture that finishes with a value
    or an Error. A record that does not exist is not an Error: get() gives
    std::nullopt. The Repo runs its network work on a worker thread that
    every Repo of the process shares, where those futures finish; reads of
    a Client's local copy and argument errors finish at once, in the
    calling thread. Attach continuations with
    a context object (`future.then(this, ...)`) to come back to yours;
    waiting on a future (QFuture::waitForFinished()) does not block the Repo.
    Methods may be called from any thread.

    Writes follow the schema's mode. Flat: insert writes one leaf per field,
    in declaration order, nulls included, never the slug, stopping at the
    first failure; update writes only the changed fields. Map: one write of
    the whole record. An update that changes nothing writes nothing and
    succeeds. if_match is allowed on map-mode updates and on deletes (over
    the WebSocket too, where the server checks it); on a flat-mode update it
    is the Error invalid_params/if_match_flat.

    \code
    auto *client = new Dust::Client(wsUrl, token, {u"acme/links"_s}, this);
    client->open();
    auto *repo = new Dust::Repo(client, u"acme/links"_s, this);
    repo->insert(links, Link{u"example.com"_s, u"Example"_s, u"https://example.com"_s, {}, {}});
    repo->all(links).then(this, [](const Dust::Result<QList<QVariantMap>> &records) {
        for (const QVariantMap &r : records.valueOr({}))
            qDebug() << r.value(u"slug"_s);
    });
    repo->subscribe(links, this, [](const Dust::RecordEvent &e) {
        qDebug() << e.kind << e.slug;         // upserted or deleted, committed only
    });
    \endcode
*/
class DUST_CORE_EXPORT Repo : public QObject
{
    Q_OBJECT
    Q_PROPERTY(QString storeName READ storeName WRITE setStoreName NOTIFY storeNameChanged)
    Q_PROPERTY(QUrl baseUrl READ baseUrl WRITE setBaseUrl NOTIFY baseUrlChanged)
    Q_PROPERTY(QString token READ token WRITE setToken NOTIFY tokenChanged)
    Q_PROPERTY(int receiveTimeout READ receiveTimeout WRITE setReceiveTimeout NOTIFY receiveTimeoutChanged)
    Q_PROPERTY(int connectTimeout READ connectTimeout WRITE setConnectTimeout NOTIFY connectTimeoutChanged)

public:
    enum class Transport { WebSocket, Http };
    Q_ENUM(Transport)

    static constexpr int AllPageSize = 200;
    static constexpr int StreamPageSize = 100;

    explicit Repo(QObject *parent = nullptr);
    /// WebSocket through `client` when it has `store` configured.
    Repo(Client *client, const QString &store, QObject *parent = nullptr);
    /// WebSocket through this store handle.
    explicit Repo(Store *store, QObject *parent = nullptr);
    /// HTTP.
    Repo(const QUrl &baseUrl, const QString &token, const QString &store, QObject *parent = nullptr);
    ~Repo() override;

    /// The Client (and Store) must outlive their use by the Repo. They are
    /// consulted from the thread that calls an operation.
    Client *client() const;
    void setClient(Client *client);
    Store *storeHandle() const;
    void setStoreHandle(Store *store);

    /// The store's name, "org/name" (Client::store() is the store itself).
    QString storeName() const;
    void setStoreName(const QString &store);
    /// Default https://dustlayer.io.
    QUrl baseUrl() const;
    void setBaseUrl(const QUrl &url);
    QString token() const;
    void setToken(const QString &token);
    int receiveTimeout() const;
    void setReceiveTimeout(int ms);
    int connectTimeout() const;
    void setConnectTimeout(int ms);
    /// TLS of the HTTP transport (see HttpTransport::setSslConfiguration()):
    /// certificates are verified; a private CA is trusted only when added here.
    QSslConfiguration sslConfiguration() const;
    void setSslConfiguration(const QSslConfiguration &configuration);

    /// The transport the next call will use, or the Error it would fail with.
    Result<Transport> transport() const;

    /// Writes every field of `record`; the result is the record as written
    /// (values cast to the field types). A changeset must be valid.
    QFuture<Result<QVariantMap>> insert(const Schema &schema, const QVariantMap &record);
    QFuture<Result<QVariantMap>> insert(const Changeset &changeset);
    /// Writes the changed fields (flat) or the whole record (map).
    QFuture<Result<QVariantMap>> update(const Changeset &changeset, std::optional<qint64> ifMatch = {});
    /// Deletes the record and everything under it; the result is the
    /// delete's store_seq, whether or not anything existed.
    QFuture<Result<qint64>> remove(const Schema &schema, const QString &slug,
                                   std::optional<qint64> ifMatch = {});
    QFuture<Result<qint64>> remove(const Schema &schema, const QVariantMap &record,
                                   std::optional<qint64> ifMatch = {});
    /// The record, or std::nullopt when it does not exist or fails the
    /// required guard.
    QFuture<Result<std::optional<QVariantMap>>> get(const Schema &schema, const QString &slug);
    /// Whether anything is stored at the record's path (no required guard).
    QFuture<Result<bool>> exists(const Schema &schema, const QString &slug);
    /// Every record, in slug order (the store's path order).
    QFuture<Result<QList<QVariantMap>>> all(const Schema &schema);
    /// Every record, a page at a time: `onRecords` gets each batch of
    /// complete records, in slug order, in `context`'s thread (or the
    /// transport's when context is null). The result is the number of records
    /// delivered, or the Error that stopped the stream: a failed page is
    /// never a silently shorter stream.
    QFuture<Result<qsizetype>> stream(const Schema &schema, QObject *context,
                                      std::function<void(const QList<QVariantMap> &)> onRecords,
                                      int pageSize = StreamPageSize);
    /// Deletes every record of the schema, one delete per record (so each
    /// subscriber sees deleted(slug) for each), then the bare prefix; over
    /// HTTP all of it is one atomic batch. The result is the last store_seq.
    QFuture<Result<qint64>> deleteAll(const Schema &schema);
    /// Commits all ops or none (HTTP only; Error NotSupported otherwise).
    /// Flat records expand to one set per field.
    QFuture<Result<BatchResult>> batchWrite(const QList<RecordOp> &ops);

    /// Record subscriptions (WebSocket only; over HTTP an Error of kind
    /// NotSupported). `callback` gets RecordEvents built from committed
    /// writes under the schema's prefix, own writes included, in store order
    /// (dust-ecto §2.5): a delete of the record path is deleted(slug); any
    /// other write under a record re-reads it from the local copy and is
    /// upserted(record), or nothing when it fails the required guard (a
    /// deleted field that leaves the record unreadable is deleted(slug));
    /// paths no record holds give nothing. The first form calls `callback` on
    /// the client's sync thread (keep it short); the second on `receiver`'s
    /// thread, until `receiver` is destroyed. `onResync` is called when the
    /// subscription was dropped because its queue overflowed, or the local
    /// copy was replaced: re-read with all() then.
    Result<SubscriptionId> subscribe(const Schema &schema, std::function<void(const RecordEvent &)> callback,
                                     std::function<void()> onResync = {});
    Result<SubscriptionId> subscribe(const Schema &schema, QObject *receiver,
                                     std::function<void(const RecordEvent &)> callback,
                                     std::function<void()> onResync = {});
    /// Idempotent; no callback starts after it returns.
    void unsubscribe(SubscriptionId id);
    /// Subscriptions made through this Repo (its own and the PubSub
    /// bridge's) that have not been unsubscribed.
    int subscriptionCount() const;

    /// Typed conveniences for gadget records (the schema was made from T).
    template<GadgetRecord T>
    QFuture<Result<T>> insert(const Schema &schema, const T &record)
    {
        return Internal::mapResult(insert(schema, schema.fromGadgetValue(record)),
                                   [schema](const Result<QVariantMap> &r) { return toGadget<T>(schema, r); });
    }
    template<GadgetRecord T>
    QFuture<Result<T>> update(const Schema &schema, const T &before, const T &after,
                              std::optional<qint64> ifMatch = {})
    {
        const Changeset diff = Changeset::diff(schema, schema.fromGadgetValue(before), schema.fromGadgetValue(after));
        return Internal::mapResult(update(diff, ifMatch),
                                   [schema](const Result<QVariantMap> &r) { return toGadget<T>(schema, r); });
    }
    template<GadgetRecord T>
    QFuture<Result<std::optional<T>>> getAs(const Schema &schema, const QString &slug)
    {
        return Internal::mapResult(get(schema, slug), [schema](const Result<std::optional<QVariantMap>> &r) {
            if (!r)
                return Result<std::optional<T>>(r.error());
            if (!*r)
                return Result<std::optional<T>>(std::optional<T>());
            return Result<std::optional<T>>(std::optional<T>(schema.toGadget<T>(**r)));
        });
    }
    template<GadgetRecord T>
    QFuture<Result<QList<T>>> allAs(const Schema &schema)
    {
        return Internal::mapResult(all(schema), [schema](const Result<QList<QVariantMap>> &r) {
            if (!r)
                return Result<QList<T>>(r.error());
            QList<T> out;
            out.reserve(r->size());
            for (const QVariantMap &record : *r)
                out.append(schema.toGadget<T>(record));
            return Result<QList<T>>(out);
        });
    }

signals:
    void storeNameChanged();
    void baseUrlChanged();
    void tokenChanged();
    void receiveTimeoutChanged();
    void connectTimeoutChanged();

private:
    template<typename T>
    static Result<T> toGadget(const Schema &schema, const Result<QVariantMap> &record)
    {
        return record ? Result<T>(schema.toGadget<T>(*record)) : Result<T>(record.error());
    }

    Q_DISABLE_COPY_MOVE(Repo)
    std::unique_ptr<RepoPrivate> d;
    friend class RepoPrivate;
};

} // namespace Dust

#endif // DUSTREPO_H
