// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#include "dustserver.h"

#include "dustserverengine_p.h"

#include <dustthreading_p.h>

#include <mutex>

using namespace Qt::StringLiterals;

namespace Dust {

class ServerPrivate
{
public:
    void shutdown();

    ServerOptions options;
    ServerShared shared;
    std::unique_ptr<WorkerThread> thread;
    ServerEngine *engine = nullptr;
    // Written by the owner thread in start()/stop(), read from any thread.
    mutable std::mutex stateMutex;
    bool running = false;
    quint16 port = 0;
    QString devToken;
    QString dataDir;
};

void ServerPrivate::shutdown()
{
    if (!engine)
        return;
    {
        std::lock_guard locker(stateMutex);
        running = false;
    }
    // The engine and everything it owns are deleted on their own thread
    // before the thread is joined.
    ServerEngine *doomed = engine;
    engine = nullptr;
    Threading::runBlocking(doomed, [doomed] { delete doomed; });
    thread->stop();
    thread.reset();
}

Server::Server(const ServerOptions &options, QObject *parent)
    : QObject(parent), d(std::make_unique<ServerPrivate>())
{
    d->options = options;
}

Server::~Server()
{
    d->shutdown();
}

ServerOptions Server::options() const
{
    return d->options;
}

Result<void> Server::start()
{
    if (d->engine)
        return {};
    {
        std::lock_guard locker(d->shared.mutex);
        d->shared.storeSeq.clear();
        d->shared.writesReceived.clear();
    }
    d->thread = std::make_unique<WorkerThread>(u"dust-server"_s);
    d->thread->start();
    d->engine = new ServerEngine(d->options, &d->shared);
    d->engine->moveToThread(d->thread.get());

    Result<ServerEngine::StartInfo> info = Error(Error::Kind::Unavailable, u"listen_failed"_s);
    ServerEngine *engine = d->engine;
    Threading::runBlocking(engine, [&info, engine] { info = engine->start(); });
    if (!info) {
        d->shutdown();
        return info.error();
    }
    {
        std::lock_guard locker(d->stateMutex);
        d->running = true;
        d->port = info->port;
        d->devToken = info->devToken;
        d->dataDir = info->dataDir;
    }
    Q_EMIT started();
    Q_EMIT runningChanged(true);
    return {};
}

void Server::stop()
{
    if (!d->engine)
        return;
    d->shutdown();
    Q_EMIT stopped();
    Q_EMIT runningChanged(false);
}

bool Server::isRunning() const
{
    std::lock_guard locker(d->stateMutex);
    return d->running;
}

quint16 Server::port() const
{
    std::lock_guard locker(d->stateMutex);
    return d->port;
}

QString Server::devToken() const
{
    std::lock_guard locker(d->stateMutex);
    return d->devToken;
}

QString Server::dataDirectory() const
{
    std::lock_guard locker(d->stateMutex);
    return d->dataDir;
}

namespace {

QUrl baseUrl(const QHostAddress &listen, quint16 port, const QString &scheme)
{
    // A server on every interface is still reached most simply on loopback.
    QHostAddress host = listen;
    if (host == QHostAddress::Any || host == QHostAddress::AnyIPv4)
        host = QHostAddress(QHostAddress::LocalHost);
    else if (host == QHostAddress::AnyIPv6)
        host = QHostAddress(QHostAddress::LocalHostIPv6);
    QUrl url;
    url.setScheme(scheme);
    url.setHost(host.toString());
    url.setPort(port);
    return url;
}

} // namespace

QUrl Server::webSocketUrl() const
{
    QUrl url = baseUrl(d->options.address, port(), d->options.usesTls() ? u"wss"_s : u"ws"_s);
    url.setPath(u"/ws/sync"_s);
    return url;
}

QUrl Server::httpUrl() const
{
    return baseUrl(d->options.address, port(), d->options.usesTls() ? u"https"_s : u"http"_s);
}

QStringList Server::stores() const
{
    std::lock_guard locker(d->shared.mutex);
    QStringList names = d->shared.storeSeq.keys();
    names.sort();
    return names;
}

void Server::dropConnections()
{
    if (ServerEngine *engine = d->engine)
        Threading::runBlocking(engine, [engine] { engine->dropConnections(); });
}

qint64 Server::storeSeq(const QString &store) const
{
    std::lock_guard locker(d->shared.mutex);
    return d->shared.storeSeq.value(store);
}

qint64 Server::writesReceived(const QString &store) const
{
    std::lock_guard locker(d->shared.mutex);
    return d->shared.writesReceived.value(store);
}

Result<qint64> Server::write(const QString &store, const QString &deviceId, Op::Kind op,
                             const QString &path, const QJsonValue &value)
{
    ServerEngine *engine = d->engine;
    if (!engine)
        return Error(Error::Kind::Unavailable, u"server_not_running"_s);
    // The arguments and the result travel in fresh heap memory rather than
    // in this stack frame: ThreadSanitizer loses track of the caller's older
    // stack accesses once the process has forked children (QProcess), and
    // would report the engine thread's accesses to a reused stack slot.
    auto result = std::make_shared<Result<qint64>>(Error(Error::Kind::Unavailable, u"server_not_running"_s));
    Threading::runBlocking(engine, [=] { *result = engine->writeAs(store, deviceId, op, path, value); });
    return *result;
}

} // namespace Dust
