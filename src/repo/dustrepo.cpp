// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#include "dustrepo.h"
#include "dustrepo_p.h"

#include <duststore.h>

#include <QtNetwork/qsslconfiguration.h>

using namespace Qt::StringLiterals;

namespace Dust {

Repo::Repo(QObject *parent) : QObject(parent), d(new RepoPrivate) { }

Repo::Repo(Client *client, const QString &store, QObject *parent) : Repo(parent)
{
    setClient(client);
    setStoreName(store);
}

Repo::Repo(Store *store, QObject *parent) : Repo(parent)
{
    setStoreHandle(store);
    if (store)
        setStoreName(store->name());
}

Repo::Repo(const QUrl &baseUrl, const QString &token, const QString &store, QObject *parent)
    : Repo(parent)
{
    setBaseUrl(baseUrl);
    setToken(token);
    setStoreName(store);
}

Repo::~Repo()
{
    d->lifetime.reset();
    d->subscriptions.unsubscribeAll();
}

Client *Repo::client() const
{
    return d->transports.client();
}

void Repo::setClient(Client *client)
{
    d->transports.setClient(client);
}

Store *Repo::storeHandle() const
{
    return d->transports.storeHandle();
}

void Repo::setStoreHandle(Store *store)
{
    d->transports.setStoreHandle(store);
}

QString Repo::storeName() const
{
    return d->transports.storeName();
}

void Repo::setStoreName(const QString &store)
{
    if (d->transports.setStoreName(store))
        emit storeNameChanged();
}

QUrl Repo::baseUrl() const
{
    return d->transports.baseUrl();
}

void Repo::setBaseUrl(const QUrl &url)
{
    if (d->transports.setBaseUrl(url))
        emit baseUrlChanged();
}

QString Repo::token() const
{
    return d->transports.token();
}

void Repo::setToken(const QString &token)
{
    if (d->transports.setToken(token))
        emit tokenChanged();
}

int Repo::receiveTimeout() const
{
    return d->transports.receiveTimeout();
}

void Repo::setReceiveTimeout(int ms)
{
    if (d->transports.setReceiveTimeout(ms))
        emit receiveTimeoutChanged();
}

int Repo::connectTimeout() const
{
    return d->transports.connectTimeout();
}

void Repo::setConnectTimeout(int ms)
{
    if (d->transports.setConnectTimeout(ms))
        emit connectTimeoutChanged();
}

QSslConfiguration Repo::sslConfiguration() const
{
    return d->transports.sslConfiguration();
}

void Repo::setSslConfiguration(const QSslConfiguration &configuration)
{
    d->transports.setSslConfiguration(configuration);
}

Result<Repo::Transport> Repo::transport() const
{
    const Result<RepoTransportSelector::TransportPtr> t = d->transports.pick();
    if (!t)
        return t.error();
    return (*t)->kind();
}

QFuture<Result<QVariantMap>> Repo::insert(const Schema &schema, const QVariantMap &record)
{
    return d->operations.insert(schema, record)->future();
}

QFuture<Result<QVariantMap>> Repo::insert(const Changeset &changeset)
{
    if (!changeset.isValid())
        return AsyncResult<QVariantMap>::readyFuture(changeset.toError());
    return d->operations.insert(changeset.schema(), changeset.apply())->future();
}

QFuture<Result<QVariantMap>> Repo::update(const Changeset &changeset, std::optional<qint64> ifMatch)
{
    return d->operations.update(changeset, ifMatch)->future();
}

QFuture<Result<qint64>> Repo::remove(const Schema &schema, const QString &slug, std::optional<qint64> ifMatch)
{
    return d->operations.remove(schema, slug, ifMatch)->future();
}

QFuture<Result<qint64>> Repo::remove(const Schema &schema, const QVariantMap &record, std::optional<qint64> ifMatch)
{
    const Result<QString> slug = schema.slugOfRecord(record);
    if (!slug)
        return AsyncResult<qint64>::readyFuture(slug.error());
    return d->operations.remove(schema, *slug, ifMatch)->future();
}

QFuture<Result<std::optional<QVariantMap>>> Repo::get(const Schema &schema, const QString &slug)
{
    return d->operations.get(schema, slug)->future();
}

QFuture<Result<bool>> Repo::exists(const Schema &schema, const QString &slug)
{
    return d->operations.exists(schema, slug)->future();
}

QFuture<Result<QList<QVariantMap>>> Repo::all(const Schema &schema)
{
    return d->operations.all(schema)->future();
}

QFuture<Result<qsizetype>> Repo::stream(const Schema &schema, QObject *context,
                                        std::function<void(const QList<QVariantMap> &)> onRecords,
                                        int pageSize)
{
    return d->operations.stream(schema, context, std::move(onRecords), pageSize)->future();
}

QFuture<Result<qint64>> Repo::deleteAll(const Schema &schema)
{
    return d->operations.deleteAll(schema)->future();
}

QFuture<Result<BatchResult>> Repo::batchWrite(const QList<RecordOp> &ops)
{
    return d->operations.batchWrite(ops)->future();
}

Result<SubscriptionId> Repo::subscribe(const Schema &schema, std::function<void(const RecordEvent &)> callback,
                                       std::function<void()> onResync)
{
    return d->subscriptions.subscribeRecords(schema, nullptr, std::move(callback), std::move(onResync));
}

Result<SubscriptionId> Repo::subscribe(const Schema &schema, QObject *receiver,
                                       std::function<void(const RecordEvent &)> callback,
                                       std::function<void()> onResync)
{
    if (!receiver)
        return Error(Error::Kind::InvalidParams, u"missing_receiver"_s);
    return d->subscriptions.subscribeRecords(schema, receiver, std::move(callback), std::move(onResync));
}

int Repo::subscriptionCount() const
{
    return d->subscriptions.count();
}

void Repo::unsubscribe(SubscriptionId id)
{
    d->subscriptions.unsubscribe(id);
}

// ---- For bridges ----------------------------------------------------------------

namespace RepoBridge {

Result<SubscriptionId> subscribe(Repo *repo, const Schema &schema, std::function<void(const StoreEvent &)> callback,
                                 std::function<void()> onResync, int maxQueueSize)
{
    return RepoPrivate::get(repo)->subscriptions.subscribe(schema, nullptr, std::move(callback),
                                                           std::move(onResync), maxQueueSize);
}

Result<RecordSnapshot> snapshot(const Repo *repo, const Schema &schema)
{
    return RepoPrivate::get(repo)->subscriptions.snapshot(schema);
}

Store *storeOf(const Repo *repo)
{
    return RepoPrivate::get(repo)->transports.pickStore();
}

QObject *lifetimeOf(const Repo *repo)
{
    return RepoPrivate::get(repo)->lifetime.get();
}

} // namespace RepoBridge

bool Internal::hasHttpTransport(const Repo *repo)
{
    return RepoPrivate::get(repo)->transports.hasHttpTransport();
}

} // namespace Dust
