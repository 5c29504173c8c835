// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#include "dustquicktestserver.h"

#include <dustclient.h>
#include <dustquickclient.h>
#include <dustquickerror_p.h>
#include <duststore.h>
#include <dusttestserver.h>

#include <QtCore/qjsonvalue.h>
#include <QtCore/qloggingcategory.h>
#include <QtQml/qjsengine.h>
#include <QtQml/qqmlinfo.h>

using namespace Qt::StringLiterals;

namespace Dust {

Q_LOGGING_CATEGORY(lcQuickTest, "dust.test")

class QuickTestServerPrivate
{
public:
    explicit QuickTestServerPrivate(QuickTestServer *q) : q(q) { }

    // Starts the fixture once. No change signals: nothing has read the
    // values it sets before this.
    TestServer *start();
    // Reports `error` where the test sees it: as a JS exception in the
    // calling test function, or as a warning outside one.
    void fail(const Error &error) const;
    template<typename T>
    double seqOrThrow(const Result<T> &result) const
    {
        if (!result) {
            fail(result.error());
            return -1;
        }
        return double(*result);
    }

    QuickTestServer *const q;
    QString store = u"test/store"_s;
    bool persistent = false;
    int port = 0;
    std::unique_ptr<TestServer> server;
};

TestServer *QuickTestServerPrivate::start()
{
    if (server)
        return server.get();
    TestServerOptions options;
    options.stores = {store};
    options.storage = persistent ? TestServerOptions::Storage::TemporaryDirectory
                                 : TestServerOptions::Storage::InMemory;
    options.port = quint16(port);
    // QML clients of its own join the server; the fixture's client stays closed.
    options.openClient = false;
    // Qt Quick Test has no running Qt Test function to fail: failures
    // become `error`, warnings, and exceptions in the methods.
    options.failTestOnError = false;
    server = std::make_unique<TestServer>(options);
    QObject::connect(server.get(), &TestServer::urlChanged, q, [this] {
        Q_EMIT q->urlChanged();
        Q_EMIT q->portChanged();
    });
    QObject::connect(server.get(), &TestServer::readyChanged, q, [this] {
        Q_EMIT q->readyChanged();
        Q_EMIT q->errorChanged();
    });
    QObject::connect(server.get(), &TestServer::errorOccurred, q, &QuickTestServer::errorOccurred);
    if (!server->isReady()) {
        Quick::warnDeclaration(q, server->error());
        // The fixture failed in its constructor, before the connection
        // above. Queued: the first read of a property starts the server,
        // and a handler must not run inside that read.
        QMetaObject::invokeMethod(q, [q = q, error = server->error()] { Q_EMIT q->errorOccurred(error); },
                                  Qt::QueuedConnection);
    }
    return server.get();
}

void QuickTestServerPrivate::fail(const Error &error) const
{
    const QString message = QuickTestServer::tr("DustTestServer: %1").arg(error.toString());
    if (QJSEngine *engine = qjsEngine(q))
        engine->throwError(QJSValue::GenericError, message);
    else
        qCWarning(lcQuickTest).noquote() << message;
}

QuickTestServer::QuickTestServer(QObject *parent)
    : QObject(parent), d(std::make_unique<QuickTestServerPrivate>(this))
{
}

QuickTestServer::~QuickTestServer() = default;

QString QuickTestServer::store() const
{
    return d->store;
}

void QuickTestServer::setStore(const QString &store)
{
    if (d->store == store)
        return;
    d->store = store;
    Q_EMIT storeChanged();
}

bool QuickTestServer::isPersistent() const
{
    return d->persistent;
}

void QuickTestServer::setPersistent(bool persistent)
{
    if (d->persistent == persistent)
        return;
    if (d->server)
        qmlWarning(this) << tr("persistent is read when the server starts; it has started");
    d->persistent = persistent;
    Q_EMIT persistentChanged();
}

int QuickTestServer::port() const
{
    if (const quint16 inUse = d->start()->port())
        return inUse;
    return d->port;
}

void QuickTestServer::setPort(int port)
{
    if (port < 0 || port > 65535) {
        qmlWarning(this) << tr("%1 is not a port (0 to 65535)").arg(port);
        return;
    }
    if (d->port == port)
        return;
    if (d->server)
        qmlWarning(this) << tr("port is read when the server starts; it has started");
    d->port = port;
    Q_EMIT portChanged();
}

QUrl QuickTestServer::url() const
{
    return d->start()->url();
}

QUrl QuickTestServer::httpUrl() const
{
    return d->start()->httpUrl();
}

QString QuickTestServer::token() const
{
    return d->start()->token();
}

bool QuickTestServer::isReady() const
{
    return d->start()->isReady();
}

Error QuickTestServer::error() const
{
    return d->start()->error();
}

double QuickTestServer::writeAs(const QString &deviceId, const QString &path, const QVariant &value)
{
    const QJsonValue json = QJsonValue::fromVariant(Quick::plainVariant(value));
    return d->seqOrThrow(d->start()->writeTo(d->store, deviceId, Op::Kind::Set, path, json));
}

double QuickTestServer::removeAs(const QString &deviceId, const QString &path)
{
    return d->seqOrThrow(d->start()->writeTo(d->store, deviceId, Op::Kind::Delete, path));
}

double QuickTestServer::storeSeq() const
{
    return double(d->start()->storeSeq(d->store));
}

void QuickTestServer::waitSynced(QObject *object, int timeout)
{
    TestServer *server = d->start();
    const auto *quickClient = qobject_cast<const QuickClient *>(object);
    if (!quickClient) {
        d->fail(Error(Error::Kind::InvalidParams, u"invalid_params"_s,
                      {{u"message"_s, tr("waitSynced() takes a DustClient")}}));
        return;
    }
    const Client *client = quickClient->client();
    for (const QString &name : client->stores()) {
        Store *store = client->store(name);
        if (!store)
            continue;
        if (const Result<void> synced = server->waitSynced(store, timeout); !synced) {
            d->fail(synced.error());
            return;
        }
    }
}

void QuickTestServer::restart()
{
    if (const Result<void> restarted = d->start()->restart(); !restarted)
        d->fail(restarted.error());
}

void QuickTestServer::dropConnections()
{
    d->start()->dropConnections();
}

TestServer *QuickTestServer::testServer() const
{
    return d->start();
}

void QuickTestServer::classBegin() { }

void QuickTestServer::componentComplete()
{
    d->start();
}

} // namespace Dust
