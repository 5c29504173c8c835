// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#include "dusttestserver.h"

#include <dustclient.h>
#include <dustlistmodel.h>
#include <dustpubsub.h>
#include <dustquickclient.h>
#include <dustquicklistmodel.h>
#include <dustquickrepo.h>
#include <dustserver.h>
#include <duststore.h>
#include <dustthreading_p.h>
#include <dusttopicsubscription.h>

#include <QtCore/qdeadlinetimer.h>
#include <QtCore/qjsonobject.h>
#include <QtQml/qjsengine.h>
#include <QtQml/qjsvalue.h>

using namespace Qt::StringLiterals;
using namespace Dust;

namespace {

DustTestServer *g_instance = nullptr;
const QString OtherDevice = u"qml-test-other-device"_s;

QJsonValue toJson(const QVariant &value)
{
    if (value.metaType() == QMetaType::fromType<QJSValue>())
        return QJsonValue::fromVariant(value.value<QJSValue>().toVariant());
    return QJsonValue::fromVariant(value);
}

// Waits (without running this thread's event loop) until `done` holds.
bool waitUntil(const std::function<bool()> &done, int timeoutMs = 30000)
{
    QDeadlineTimer deadline(timeoutMs);
    while (!done()) {
        if (deadline.hasExpired())
            return false;
        QThread::msleep(1);
    }
    return true;
}

} // namespace

DustTestServer::DustTestServer(Server *server) : m_server(server) { }

DustTestServer::~DustTestServer()
{
    stopWriter();
}

DustTestServer *DustTestServer::instance()
{
    return g_instance;
}

void DustTestServer::setInstance(DustTestServer *server)
{
    g_instance = server;
}

DustTestServer *DustTestServer::create(QQmlEngine *, QJSEngine *)
{
    // Every test file has an engine of its own; the server outlives them all.
    QJSEngine::setObjectOwnership(g_instance, QJSEngine::CppOwnership);
    return g_instance;
}

QUrl DustTestServer::url() const
{
    return m_server->webSocketUrl();
}

QUrl DustTestServer::httpUrl() const
{
    return m_server->httpUrl();
}

QString DustTestServer::token() const
{
    return m_server->devToken();
}

double DustTestServer::write(const QString &store, const QString &path, const QVariant &value)
{
    const Result<qint64> seq = m_server->write(store, OtherDevice, Op::Kind::Set, path, toJson(value));
    if (!seq) {
        qWarning() << "write failed:" << seq.error();
        return -1;
    }
    return double(*seq);
}

double DustTestServer::remove(const QString &store, const QString &path)
{
    const Result<qint64> seq = m_server->write(store, OtherDevice, Op::Kind::Delete, path);
    if (!seq) {
        qWarning() << "remove failed:" << seq.error();
        return -1;
    }
    return double(*seq);
}

double DustTestServer::writeRecords(const QString &store, const QString &prefix, int count,
                                    const QString &title)
{
    double last = -1;
    for (int i = 0; i < count; ++i) {
        last = write(store, prefix + QString::number(i),
                     QVariantMap{{u"title"_s, title}, {u"url"_s, u"https://example.com/"_s + QString::number(i)}});
    }
    return last;
}

double DustTestServer::storeSeq(const QString &store) const
{
    return double(m_server->storeSeq(store));
}

bool DustTestServer::waitSynced(QObject *object, const QString &store) const
{
    auto *client = qobject_cast<QuickClient *>(object);
    Store *handle = client ? client->client()->store(store) : nullptr;
    if (!handle) {
        qWarning() << "waitSynced needs a DustClient with store" << store;
        return false;
    }
    return waitUntil([&] {
        return handle->status() == Client::Status::Connected
                && handle->lastStoreSeq() >= m_server->storeSeq(store) && handle->pendingWrites() == 0;
    });
}

void DustTestServer::startWriter(const QString &store, const QString &prefix)
{
    stopWriter();
    m_stopWriter = false;
    m_written = 0;
    m_writer = std::thread([this, store, prefix] {
        for (int i = 0; !m_stopWriter; ++i) {
            const Result<qint64> seq = m_server->write(
                    store, OtherDevice, Op::Kind::Set, prefix + QString::number(i),
                    QJsonObject{{u"title"_s, u"live"_s}, {u"url"_s, u"https://live/"_s + QString::number(i)}});
            if (!seq)
                qFatal("writer failed: %s", qPrintable(seq.error().toString()));
            m_written = i + 1;
        }
    });
}

int DustTestServer::stopWriter()
{
    m_stopWriter = true;
    if (m_writer.joinable()) {
        m_writer.join();
        Threading::acquireFromQt();
    }
    return m_written;
}

bool DustTestServer::writeWhileBlocked(QObject *object, const QString &store, const QString &prefix,
                                       int count)
{
    auto *model = qobject_cast<QuickListModel *>(object);
    if (!model || !model->repo() || !model->repo()->repo() || !model->subscription()) {
        qWarning() << "writeWhileBlocked needs a subscribed DustListModel";
        return false;
    }
    connect(model->subscription(), &TopicSubscription::resyncRequired, this, [this] {
        ++m_resyncsSeen;
        emit resyncsSeenChanged();
    });

    // An observer on a thread of its own, on the same broadcaster as the
    // model. The broadcaster hands each event to every subscriber before the
    // next, so once the observer has the last write, so has the model.
    Repo *repo = model->repo()->repo();
    const Schema schema = model->schema();
    PubSub *hub = model->hub();
    const QString topic = model->topic().isEmpty() ? schema.name() : model->topic();
    WorkerThread thread(u"observer"_s);
    thread.start();
    auto *context = new QObject;
    context->moveToThread(&thread);
    std::atomic<qint64> seen = 0;
    std::atomic<bool> active = false;
    Threading::runBlocking(context, [&] {
        TopicOptions options;
        options.delivery = TopicSubscription::Delivery::EveryEvent;
        options.maxBacklog = 1000000;
        const Result<TopicSubscription *> sub = subscribeToPubSub(repo, schema, hub, topic, context, options);
        if (!sub)
            qFatal("observer: %s", qPrintable(sub.error().toString()));
        connect(*sub, &TopicSubscription::stateChanged, context, [&](TopicSubscription::State state) {
            if (state == TopicSubscription::State::Active)
                active = true;
        });
        connect(*sub, &TopicSubscription::eventsReceived, context, [&](const QList<RecordEvent> &batch) {
            for (const RecordEvent &e : batch)
                seen = std::max(seen.load(), e.storeSeq);
        });
    });
    bool ok = waitUntil([&] { return active.load(); });
    qint64 last = 0;
    for (int i = 0; ok && i < count; ++i)
        last = qint64(write(store, prefix + QString::number(i),
                            QVariantMap{{u"title"_s, u"burst"_s}, {u"url"_s, u"https://burst/"_s + QString::number(i)}}));
    ok = ok && waitUntil([&] { return seen.load() >= last; });
    Threading::runBlocking(context, [context] { delete context; });
    thread.stop();
    return ok;
}
