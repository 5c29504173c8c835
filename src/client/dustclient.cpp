// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#include "dustclient.h"
#include "dustclient_p.h"

#include "dustclientlogging_p.h"
#include "dustfiledownload_p.h"
#include "dustsqlitecache_p.h"
#include "duststore.h"
#include "duststore_p.h"

#include <QtCore/qdir.h>
#include <QtCore/qfile.h>
#include <QtCore/qrandom.h>
#include <QtCore/qsavefile.h>
#include <QtCore/qthread.h>

#include <algorithm>

#include <dustthreading_p.h>

using namespace Qt::StringLiterals;

namespace Dust {

namespace Internal {
Q_LOGGING_CATEGORY(lcClient, "dust.client")
}

using Internal::lcClient;

namespace {

QString generateDeviceId()
{
    quint32 words[2];
    QRandomGenerator::system()->fillRange(words);
    const QByteArray bytes(reinterpret_cast<const char *>(words), sizeof(words));
    return u"dev_"_s
        + QString::fromLatin1(bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

} // namespace

ClientPrivate::ClientPrivate(Client *q) : q(q)
{
    thread = new WorkerThread(u"dust-sync"_s);
    connection = new Internal::Connection(this);
    connection->moveToThread(thread);
    syncInvoker = Internal::Invoker::create(connection);
    clientInvoker = Internal::Invoker::create(q);
    thread->start();
}

ClientPrivate::~ClientPrivate()
{
    QList<std::shared_ptr<Internal::SyncEngine>> engines;
    for (Store *store : std::as_const(stores))
        engines.append(engine(store));
    syncInvoker->call([&] {
        delete connection;
        connection = nullptr;
        for (const auto &engine : std::as_const(engines))
            engine->unload();
    });
    syncInvoker->shutdown();
    clientInvoker->shutdown();
    thread->stop();
    delete thread;
}

void ClientPrivate::connectionStatusChanged(Client::Status s)
{
    clientInvoker->post([this, s] { setStatus(s); });
}

void ClientPrivate::connectionErrorOccurred(const Error &error)
{
    clientInvoker->post([this, error] { setError(error); });
}

void ClientPrivate::setStatus(Client::Status s)
{
    if (status.exchange(s) != s)
        emit q->statusChanged(s);
}

void ClientPrivate::setError(const Error &error)
{
    {
        std::lock_guard lock(errorMutex);
        lastError = error;
    }
    emit q->errorOccurred(error);
}

std::shared_ptr<Internal::SyncEngine> ClientPrivate::engine(Store *store) const
{
    return store->d->engine;
}

void ClientPrivate::syncStores(const QStringList &names)
{
    for (auto it = stores.begin(); it != stores.end();) {
        if (names.contains(it.key())) {
            ++it;
            continue;
        }
        delete it.value();
        it = stores.erase(it);
    }
    for (const QString &name : names) {
        if (stores.contains(name))
            continue;
        auto *store = new Store(name, q);
        store->d = std::make_unique<StorePrivate>(store, name, syncInvoker);
        store->d->engine->setWriteTimeout(writeTimeout);
        stores.insert(name, store);
    }
}

QString ClientPrivate::resolveDeviceId()
{
    if (!deviceId.isEmpty())
        return deviceId;
    const QString directory = usedCacheDirectory.value_or(QString());
    if (directory.isEmpty())
        return generateDeviceId();
    const QString file = QDir(directory).filePath(u"device_id"_s);
    QFile in(file);
    if (in.open(QIODevice::ReadOnly)) {
        const QString stored = QString::fromUtf8(in.readAll()).trimmed();
        if (!stored.isEmpty())
            return stored;
    }
    const QString id = generateDeviceId();
    QSaveFile out(file);
    if (!QDir().mkpath(directory) || !out.open(QIODevice::WriteOnly) || out.write(id.toUtf8()) < 0
        || !out.commit()) {
        setError(Error(Error::Kind::Storage, u"storage"_s,
                       {{u"message"_s, out.errorString()}, {u"file"_s, file}}));
    }
    return id;
}

Client::Client(QObject *parent) : QObject(parent), d(std::make_unique<ClientPrivate>(this)) { }

Client::Client(const QUrl &url, const QString &token, const QStringList &stores, QObject *parent)
    : Client(parent)
{
    setUrl(url);
    setToken(token);
    setStores(stores);
}

Client::~Client()
{
    close();
    d.reset();
}

QUrl Client::url() const
{
    return d->url;
}

void Client::setUrl(const QUrl &url)
{
    if (d->url == url)
        return;
    d->url = url;
    emit urlChanged();
}

QString Client::token() const
{
    return d->token;
}

void Client::setToken(const QString &token)
{
    if (d->token == token)
        return;
    d->token = token;
    emit tokenChanged();
}

QString Client::deviceId() const
{
    return d->deviceId;
}

void Client::setDeviceId(const QString &deviceId)
{
    if (d->deviceId == deviceId)
        return;
    d->deviceId = deviceId;
    emit deviceIdChanged();
}

QStringList Client::stores() const
{
    return d->storeNames;
}

void Client::setStores(const QStringList &stores)
{
    QStringList names;
    for (const QString &name : stores) {
        if (name.isEmpty() || names.contains(name))
            continue;
        names.append(name);
    }
    if (d->storeNames == names)
        return;
    if (d->opened)
        qCWarning(lcClient) << "store list changed while open; it takes effect after close() and open()";
    d->storeNames = names;
    d->syncStores(names);
    emit storesChanged();
}

QString Client::cacheDirectory() const
{
    return d->cacheDirectory;
}

void Client::setCacheDirectory(const QString &directory)
{
    if (d->cacheDirectory == directory)
        return;
    if (d->usedCacheDirectory)
        qCWarning(lcClient) << "the cache directory is fixed by the first open()";
    d->cacheDirectory = directory;
    emit cacheDirectoryChanged();
}

std::chrono::milliseconds Client::writeTimeout() const
{
    return d->writeTimeout;
}

void Client::setWriteTimeout(std::chrono::milliseconds timeout)
{
    d->writeTimeout = timeout;
    for (Store *store : std::as_const(d->stores))
        d->engine(store)->setWriteTimeout(timeout);
}

namespace {

Internal::FileDownload::Settings downloadSettings(const Client &client)
{
    return {Internal::FileDownload::httpBase(client.url()), client.token(), client.sslConfiguration()};
}

} // namespace

QFuture<Result<qint64>> Client::fetchFile(const QJsonValue &fileRef, QIODevice *target)
{
    return Internal::FileDownload::toDevice(downloadSettings(*this), fileRef, target);
}

QFuture<Result<qint64>> Client::fetchFile(const QJsonValue &fileRef, const QString &filePath)
{
    return Internal::FileDownload::toFile(downloadSettings(*this), fileRef, filePath);
}

QSslConfiguration Client::sslConfiguration() const
{
    return d->ssl.value_or(QSslConfiguration::defaultConfiguration());
}

void Client::setSslConfiguration(const QSslConfiguration &configuration)
{
    d->ssl = configuration;
}

Client::FrameFormat Client::frameFormat() const
{
    return d->frameFormat;
}

void Client::setFrameFormat(FrameFormat format)
{
    if (d->frameFormat == format)
        return;
    d->frameFormat = format;
    emit frameFormatChanged();
}

std::chrono::milliseconds Client::heartbeatInterval() const
{
    return d->heartbeat;
}

void Client::setHeartbeatInterval(std::chrono::milliseconds interval)
{
    d->heartbeat = std::max(interval, std::chrono::milliseconds(1));
    const int ms = int(d->heartbeat.count());
    d->syncInvoker->post([connection = d->connection, ms] { connection->setHeartbeatInterval(ms); });
}

void Client::setReconnectDelays(std::chrono::milliseconds first, std::chrono::milliseconds max)
{
    d->reconnectFirst = first;
    d->reconnectMax = max;
    const int firstMs = int(first.count());
    const int maxMs = int(max.count());
    d->syncInvoker->post([connection = d->connection, firstMs, maxMs] {
        connection->setReconnectDelays(firstMs, maxMs);
    });
}

Client::Status Client::status() const
{
    return d->status.load();
}

Error Client::error() const
{
    std::lock_guard lock(d->errorMutex);
    return d->lastError;
}

bool ClientPrivate::cachesLoaded() const
{
    return std::all_of(stores.cbegin(), stores.cend(), [this](Store *s) { return engine(s)->isLoaded(); });
}

QList<std::shared_ptr<Internal::SyncEngine>> ClientPrivate::openEngines() const
{
    QList<std::shared_ptr<Internal::SyncEngine>> engines;
    for (const QString &name : std::as_const(storeNames))
        engines.append(engine(stores.value(name)));
    return engines;
}

Internal::Connection::Settings ClientPrivate::connectionSettings() const
{
    Internal::Connection::Settings settings;
    settings.url = url;
    settings.token = token;
    settings.deviceId = deviceId;
    settings.ssl = ssl;
    settings.frameFormat = frameFormat;
    settings.heartbeatMs = int(heartbeat.count());
    settings.reconnectFirstMs = int(reconnectFirst.count());
    settings.reconnectMaxMs = int(reconnectMax.count());
    return settings;
}

QList<Error> ClientPrivate::loadCaches(const QList<std::shared_ptr<Internal::SyncEngine>> &engines,
                                       const QString &directory, const std::atomic<bool> &cancelled)
{
    QList<Error> errors;
    for (const auto &engine : engines) {
        if (cancelled.load())
            break;
        if (engine->isLoaded())
            continue;
        std::unique_ptr<Internal::Cache> cache;
        if (!directory.isEmpty()) {
            auto sqlite = Internal::SqliteCache::open(Internal::SqliteCache::fileName(directory, engine->name()));
            if (sqlite)
                cache = std::move(sqlite.value());
            else
                errors.append(sqlite.error());
        }
        if (!cache)
            cache = std::make_unique<Internal::MemoryCache>();
        if (Result<void> loaded = engine->load(std::move(cache)); !loaded) {
            errors.append(loaded.error());
            engine->load(std::make_unique<Internal::MemoryCache>());
        }
    }
    return errors;
}

void ClientPrivate::startLoading(const Internal::Connection::Settings &settings)
{
    if (!loading)
        loading = AsyncResult<void>::create();
    loadCancelled = std::make_shared<std::atomic<bool>>(false);
    const QList<std::shared_ptr<Internal::SyncEngine>> engines = openEngines();
    // Runs before the destructor's own call on the sync thread, so `this` is alive.
    syncInvoker->post([this, engines, settings, directory = *usedCacheDirectory, done = loading,
                       cancelled = loadCancelled] {
        for (const auto &engine : engines)
            engine->setDeviceId(settings.deviceId);
        const QList<Error> errors = loadCaches(engines, directory, *cancelled);
        for (const Error &error : errors) {
            qCWarning(lcClient) << "cache unavailable, using memory:" << error;
            connectionErrorOccurred(error);
        }
        if (cancelled->load()) {
            const Error closed(Error::Kind::Cancelled, u"closed"_s);
            for (const auto &engine : engines)
                engine->failWaiting(closed);
            const bool all = std::all_of(engines.cbegin(), engines.cend(), [](const auto &e) { return e->isLoaded(); });
            done->finish(all ? Result<void>() : Result<void>(closed));
            return;
        }
        done->finish(Result<void>());
        clientInvoker->post([this, done] {
            if (loading == done)
                loading.reset();
            emit q->cacheLoaded();
        });
        connection->setEngines(engines);
        connection->start(settings);
    });
}

void Client::open()
{
    if (d->opened)
        return;
    const QString scheme = d->url.scheme();
    if (!d->url.isValid() || d->url.host().isEmpty() || (scheme != u"ws" && scheme != u"wss")) {
        d->setError(Error(Error::Kind::InvalidParams, u"invalid_url"_s,
                          {{u"url"_s, d->url.toString(QUrl::RemoveUserInfo | QUrl::RemoveQuery)}}));
        return;
    }
    if (d->token.isEmpty()) {
        d->setError(Error(Error::Kind::InvalidParams, u"missing_token"_s));
        return;
    }
    if (!d->usedCacheDirectory)
        d->usedCacheDirectory = d->cacheDirectory;
    const QString resolved = d->resolveDeviceId();
    if (resolved != d->deviceId) {
        d->deviceId = resolved;
        emit deviceIdChanged();
    }
    d->opened = true;
    d->setStatus(Status::Loading);
    d->startLoading(d->connectionSettings());
}

QFuture<Result<void>> Client::whenCacheLoaded()
{
    if (!d->loading && d->cachesLoaded())
        return AsyncResult<void>::readyFuture(Result<void>());
    if (!d->loading)
        d->loading = AsyncResult<void>::create();
    return d->loading->future();
}

void Client::close()
{
    if (!d->opened)
        return;
    d->opened = false;
    d->loadCancelled->store(true);
    d->loading.reset();
    // Before the stop, which may wait for a cache being loaded: from here on
    // the load connects nothing.
    d->setStatus(Status::Disconnected);
    d->syncInvoker->call([d = d.get()] { d->connection->stop(); });
}

Store *Client::store(const QString &name) const
{
    return d->stores.value(name);
}

} // namespace Dust
