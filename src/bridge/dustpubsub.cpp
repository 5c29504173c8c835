// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#include "dustpubsub.h"

#include "dustbroadcaster_p.h"
#include "dusttopicsubscription_p.h"

#include <dustrepo.h>
#include <dustthreading_p.h>

#include <QtCore/qcoreapplication.h>

using namespace Qt::StringLiterals;

namespace Dust {

namespace {

struct BroadcasterKey
{
    const Repo *repo;
    Schema schema;
    QString topic;

    friend bool operator==(const BroadcasterKey &a, const BroadcasterKey &b)
    {
        return a.repo == b.repo && a.schema == b.schema && a.topic == b.topic;
    }
    friend size_t qHash(const BroadcasterKey &key, size_t seed = 0)
    {
        return qHash(key.repo, seed) ^ qHash(key.schema, seed) ^ qHash(key.topic, seed);
    }
};

} // namespace

class PubSubPrivate
{
public:
    explicit PubSubPrivate(const QString &name) : name(name) { }

    // The bridge thread, started on first use. Call with `mutex` held.
    QThread *bridgeThread()
    {
        if (!thread) {
            thread = std::make_unique<WorkerThread>(u"dust-bridge-"_s + name);
            thread->start();
        }
        return thread.get();
    }

    std::shared_ptr<BroadcasterHandle> take(const BroadcasterKey &key)
    {
        std::lock_guard lock(mutex);
        return broadcasters.take(key);
    }

    // Stops every broadcaster of `repo`, before the Repo goes away.
    void stopAllOf(const Repo *repo)
    {
        QList<std::shared_ptr<BroadcasterHandle>> stopping;
        {
            std::lock_guard lock(mutex);
            for (auto it = broadcasters.begin(); it != broadcasters.end();) {
                if (it.key().repo == repo) {
                    stopping.append(it.value());
                    it = broadcasters.erase(it);
                } else {
                    ++it;
                }
            }
        }
        for (const auto &handle : std::as_const(stopping))
            handle->stop();
    }

    const QString name;
    std::mutex mutex;
    QHash<BroadcasterKey, std::shared_ptr<BroadcasterHandle>> broadcasters;
    QHash<const Repo *, bool> watchedRepos; // repos whose destruction stops their broadcasters
    std::unique_ptr<WorkerThread> thread;
};

PubSub::PubSub(const QString &name, QObject *parent)
    : QObject(parent), d(std::make_unique<PubSubPrivate>(name))
{
}

PubSub::~PubSub()
{
    QList<std::shared_ptr<BroadcasterHandle>> stopping;
    {
        std::lock_guard lock(d->mutex);
        stopping = d->broadcasters.values();
        d->broadcasters.clear();
    }
    for (const auto &handle : std::as_const(stopping))
        handle->stop();
    if (d->thread)
        d->thread->stop();
}

PubSub *PubSub::defaultHub()
{
    static PubSub *const hub = [] {
        auto *h = new PubSub(u"default"_s);
        if (QCoreApplication *app = QCoreApplication::instance(); app && h->thread() != app->thread())
            h->moveToThread(app->thread());
        qAddPostRoutine([] { delete PubSub::defaultHub(); });
        return h;
    }();
    return hub;
}

QString PubSub::name() const
{
    return d->name;
}

int PubSub::broadcasterCount() const
{
    std::lock_guard lock(d->mutex);
    return int(d->broadcasters.size());
}

Result<TopicSubscription *> subscribeToPubSub(Repo *repo, const Schema &schema, PubSub *hub,
                                              const QString &topic, QObject *context,
                                              const TopicOptions &options)
{
    if (!hub)
        return Error(Error::Kind::NotSupported, u"hub_gone"_s);
    if (!repo || !context)
        return Error(Error::Kind::InvalidParams, u"invalid_params"_s,
                     {{u"message"_s, QCoreApplication::translate("Dust::PubSub", "subscribeToPubSub needs a repo and a context object")}});
    if (!schema.isValid())
        return Error(Error::Kind::InvalidSchema, u"invalid_schema"_s);
    const Result<Repo::Transport> transport = repo->transport();
    if (!transport)
        return transport.error();
    if (*transport != Repo::Transport::WebSocket)
        return Error(Error::Kind::NotSupported, u"no_realtime"_s);

    const BroadcasterKey key{repo, schema, topic};
    std::shared_ptr<BroadcasterHandle> handle;
    {
        std::lock_guard lock(hub->d->mutex);
        handle = hub->d->broadcasters.value(key);
        if (!handle) {
            auto *broadcaster = new Broadcaster(repo, schema, topic, hub->name());
            broadcaster->moveToThread(hub->d->bridgeThread());
            if (Result<void> started = broadcaster->start(); !started) {
                Threading::post(broadcaster, [broadcaster] { delete broadcaster; });
                qCWarning(lcBridge) << "broadcaster failed to start:" << started.error();
                return started.error();
            }
            handle = std::make_shared<BroadcasterHandle>(broadcaster);
            hub->d->broadcasters.insert(key, handle);
            // Broadcasters call into the Repo; they must stop before it goes.
            if (!std::exchange(hub->d->watchedRepos[repo], true)) {
                QObject::connect(repo, &Repo::aboutToBeDestroyed, hub, [d = hub->d.get(), repo] {
                    d->stopAllOf(repo);
                    std::lock_guard lock(d->mutex);
                    d->watchedRepos.remove(repo);
                }, Qt::DirectConnection);
            }
        }
    }

    auto channel = std::make_shared<TopicChannel>(options.delivery, options.maxBacklog);
    const std::weak_ptr<BroadcasterHandle> weak = handle;
    auto detach = [weak, channel] {
        if (const auto h = weak.lock())
            h->post([c = channel.get()](Broadcaster *b) { b->removeSubscriber(c); });
    };
    TopicSubscription *subscription = TopicSubscriptionPrivate::create(
            context, std::make_unique<TopicSubscriptionPrivate>(topic, channel, detach, hub));
    TopicSubscriber subscriber{channel, context->thread(), subscription, options.includeCurrent, 0};
    handle->post([subscriber](Broadcaster *b) { b->addSubscriber(subscriber); });
    return subscription;
}

void unsubscribeFromPubSub(PubSub *hub, const QString &topic, QObject *context)
{
    if (!context)
        return;
    const auto subscriptions = context->findChildren<TopicSubscription *>(Qt::FindDirectChildrenOnly);
    for (TopicSubscription *subscription : subscriptions) {
        if (subscription->topic() == topic && TopicSubscriptionPrivate::get(subscription)->hub == hub)
            subscription->unsubscribe();
    }
}

void stopBroadcaster(Repo *repo, const Schema &schema, PubSub *hub, const QString &topic)
{
    if (!hub)
        return;
    if (const auto handle = hub->d->take(BroadcasterKey{repo, schema, topic}))
        handle->stop();
}

} // namespace Dust
