// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#include "dustquickclient.h"
#include "dustquickerror_p.h"

#include <dustclient.h>
#include <duststore.h>

namespace Dust {

class QuickClientPrivate
{
public:
    explicit QuickClientPrivate(QuickClient *q) : q(q), client(new Client(q)) { }

    void watchStores();
    // Connects or disconnects to match `active`, once the declaration is complete.
    void apply();
    // Reconnects with changed settings.
    void restart();

    QuickClient *const q;
    // A QObject child, so it outlives QuickClient's destroyed() signal:
    // repos and topics let go of it there.
    Client *const client;
    bool complete = true;
    bool active = true;
    bool opened = false;
    Error error;
};

void QuickClientPrivate::watchStores()
{
    for (const QString &name : client->stores()) {
        Store *store = client->store(name);
        if (!store)
            continue;
        QObject::disconnect(store, &Store::statusChanged, q, nullptr);
        QObject::disconnect(store, &Store::catchUpProgressChanged, q, nullptr);
        QObject::disconnect(store, &Store::pendingWritesChanged, q, nullptr);
        QObject::connect(store, &Store::catchUpProgressChanged, q, &QuickClient::catchUpProgressChanged);
        QObject::connect(store, &Store::pendingWritesChanged, q, &QuickClient::pendingWritesChanged);
        QObject::connect(store, &Store::statusChanged, q, [this, name](Client::Status status) {
            emit q->storeStatusChanged(name, status);
        });
    }
}

void QuickClientPrivate::apply()
{
    if (!complete)
        return;
    if (active && !opened) {
        opened = true;
        client->open();
    } else if (!active && opened) {
        opened = false;
        client->close();
    }
}

void QuickClientPrivate::restart()
{
    if (!complete || !opened)
        return;
    client->close();
    client->open();
}

QuickClient::QuickClient(QObject *parent)
    : QObject(parent), d(std::make_unique<QuickClientPrivate>(this))
{
    connect(d->client, &Client::urlChanged, this, &QuickClient::urlChanged);
    connect(d->client, &Client::tokenChanged, this, &QuickClient::tokenChanged);
    connect(d->client, &Client::storesChanged, this, &QuickClient::storesChanged);
    connect(d->client, &Client::deviceIdChanged, this, &QuickClient::deviceIdChanged);
    connect(d->client, &Client::cacheDirectoryChanged, this, &QuickClient::cacheDirectoryChanged);
    connect(d->client, &Client::frameFormatChanged, this, &QuickClient::frameFormatChanged);
    connect(d->client, &Client::statusChanged, this, &QuickClient::statusChanged);
    connect(d->client, &Client::cacheLoaded, this, &QuickClient::cacheLoaded);
    connect(d->client, &Client::errorOccurred, this, [this](const Error &error) {
        d->error = error;
        // Settings that cannot work are declaration mistakes; a network
        // drop is not (the client retries by itself).
        if (error.kind() == Error::Kind::InvalidParams || error.kind() == Error::Kind::Unauthorized)
            Quick::warnDeclaration(this, error);
        emit errorChanged();
        emit errorOccurred(error);
    });
}

QuickClient::~QuickClient() = default;

QUrl QuickClient::url() const
{
    return d->client->url();
}

void QuickClient::setUrl(const QUrl &url)
{
    if (d->client->url() == url)
        return;
    d->client->setUrl(url);
    d->restart();
}

QString QuickClient::token() const
{
    return d->client->token();
}

void QuickClient::setToken(const QString &token)
{
    if (d->client->token() == token)
        return;
    d->client->setToken(token);
    d->restart();
}

QStringList QuickClient::stores() const
{
    return d->client->stores();
}

void QuickClient::setStores(const QStringList &stores)
{
    if (d->client->stores() == stores)
        return;
    // The store list of a Dust::Client changes while it is closed.
    const bool reopen = d->complete && d->opened;
    if (reopen)
        d->client->close();
    d->client->setStores(stores);
    d->watchStores();
    if (reopen)
        d->client->open();
}

QString QuickClient::deviceId() const
{
    return d->client->deviceId();
}

void QuickClient::setDeviceId(const QString &deviceId)
{
    if (d->client->deviceId() == deviceId)
        return;
    d->client->setDeviceId(deviceId);
    d->restart();
}

QuickClient::FrameFormat QuickClient::frameFormat() const
{
    return d->client->frameFormat();
}

void QuickClient::setFrameFormat(FrameFormat format)
{
    if (frameFormat() == format)
        return;
    d->client->setFrameFormat(format);
    d->restart();
}

QString QuickClient::cacheDirectory() const
{
    return d->client->cacheDirectory();
}

void QuickClient::setCacheDirectory(const QString &directory)
{
    d->client->setCacheDirectory(directory);
}

bool QuickClient::isActive() const
{
    return d->active;
}

void QuickClient::setActive(bool active)
{
    const bool changed = d->active != active;
    d->active = active;
    // Also when unchanged: open() on a client made in C++ (active from the
    // start) is what connects it.
    d->apply();
    if (changed)
        emit activeChanged();
}

QuickClient::Status QuickClient::status() const
{
    return d->client->status();
}

Error QuickClient::error() const
{
    return d->error;
}

// One catch-up figure of every store of `client`, added up.
static qint64 sumOverStores(const Client *client, qint64 (Store::*figure)() const)
{
    qint64 sum = 0;
    for (const QString &name : client->stores()) {
        if (const Store *store = client->store(name))
            sum += (store->*figure)();
    }
    return sum;
}

qint64 QuickClient::catchUpApplied() const
{
    return sumOverStores(d->client, &Store::catchUpApplied);
}

qint64 QuickClient::catchUpTotal() const
{
    return sumOverStores(d->client, &Store::catchUpTotal);
}

qint64 QuickClient::pendingWrites() const
{
    return sumOverStores(d->client, &Store::pendingWrites);
}

QuickClient::Status QuickClient::storeStatus(const QString &store) const
{
    const Store *handle = d->client->store(store);
    return handle ? handle->status() : Status::Disconnected;
}

Client *QuickClient::client() const
{
    return d->client;
}

void QuickClient::classBegin()
{
    d->complete = false;
}

void QuickClient::componentComplete()
{
    d->complete = true;
    d->apply();
}

void QuickClient::open()
{
    setActive(true);
}

void QuickClient::close()
{
    setActive(false);
}

} // namespace Dust
