// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#include "dustqmltesthelper.h"

#include <dustlistmodel.h>
#include <dustpubsub.h>
#include <dustquicklistmodel.h>
#include <dustquickrepo.h>
#include <dustquicktestserver.h>
#include <dustserver.h>
#include <dusttestserver.h>
#include <dustthreading_p.h>
#include <dusttopicsubscription.h>

#include <QtCore/qjsonobject.h>

#include <condition_variable>
#include <mutex>

using namespace Qt::StringLiterals;
using namespace Dust;

namespace {

const QString OtherDevice = u"qml-test-other-device"_s;

struct Target
{
    Server *server = nullptr;
    QString store;
};

Target target(QObject *object)
{
    auto *quick = qobject_cast<QuickTestServer *>(object);
    if (!quick || !quick->testServer()->isReady()) {
        qWarning() << "DustTestHelper needs a ready DustTestServer";
        return {};
    }
    return {quick->testServer()->server(), quick->store()};
}

QJsonObject linkRecord(const QString &title, const QString &url)
{
    return QJsonObject{{u"title"_s, title}, {u"url"_s, url}};
}

// What an observer on another thread has seen, for the GUI thread to wait
// on without running its event loop.
struct Progress
{
    bool waitFor(const std::function<bool()> &done)
    {
        std::unique_lock lock(mutex);
        return changed.wait_for(lock, std::chrono::seconds(30), done);
    }
    void update(const std::function<void()> &change)
    {
        {
            std::lock_guard lock(mutex);
            change();
        }
        changed.notify_all();
    }

    std::mutex mutex;
    std::condition_variable changed;
    qint64 seen = 0;
    bool active = false;
};

} // namespace

DustTestHelper::~DustTestHelper()
{
    stopWriter();
}

void DustTestHelper::startWriter(QObject *object, const QString &prefix)
{
    stopWriter();
    const Target to = target(object);
    if (!to.server)
        return;
    m_stopWriter = false;
    m_written = 0;
    m_writer = std::thread([this, to, prefix] {
        for (int i = 0; !m_stopWriter; ++i) {
            const Result<qint64> seq = to.server->write(to.store, OtherDevice, Op::Kind::Set,
                                                        prefix + QString::number(i),
                                                        linkRecord(u"live"_s, u"https://live/"_s + QString::number(i)));
            if (!seq)
                qFatal("writer failed: %s", qPrintable(seq.error().toString()));
            m_written = i + 1;
        }
    });
}

int DustTestHelper::stopWriter()
{
    m_stopWriter = true;
    if (m_writer.joinable()) {
        m_writer.join();
        Threading::acquireFromQt();
    }
    return m_written;
}

bool DustTestHelper::writeWhileBlocked(QObject *object, QObject *modelObject, const QString &prefix,
                                       int count)
{
    const Target to = target(object);
    auto *model = qobject_cast<QuickListModel *>(modelObject);
    if (!to.server || !model || !model->repo() || !model->repo()->repo() || !model->subscription()) {
        qWarning() << "writeWhileBlocked needs a DustTestServer and a subscribed DustListModel";
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
    Progress progress;
    Threading::runBlocking(context, [&] {
        TopicOptions options;
        options.delivery = TopicSubscription::Delivery::EveryEvent;
        options.maxBacklog = 1000000;
        const Result<TopicSubscription *> sub = subscribeToPubSub(repo, schema, hub, topic, context, options);
        if (!sub)
            qFatal("observer: %s", qPrintable(sub.error().toString()));
        connect(*sub, &TopicSubscription::stateChanged, context, [&](TopicSubscription::State state) {
            if (state == TopicSubscription::State::Active)
                progress.update([&] { progress.active = true; });
        });
        connect(*sub, &TopicSubscription::eventsReceived, context, [&](const QList<RecordEvent> &batch) {
            progress.update([&] {
                for (const RecordEvent &e : batch)
                    progress.seen = std::max(progress.seen, e.storeSeq);
            });
        });
    });
    bool ok = progress.waitFor([&] { return progress.active; });
    qint64 last = 0;
    for (int i = 0; ok && i < count; ++i) {
        const Result<qint64> seq = to.server->write(to.store, OtherDevice, Op::Kind::Set, prefix + QString::number(i),
                                                    linkRecord(u"burst"_s, u"https://burst/"_s + QString::number(i)));
        ok = seq.hasValue();
        last = seq.valueOr(0);
    }
    ok = ok && progress.waitFor([&] { return progress.seen >= last; });
    Threading::runBlocking(context, [context] { delete context; });
    thread.stop();
    return ok;
}
