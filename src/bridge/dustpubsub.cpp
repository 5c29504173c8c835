// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#include "dustpubsub.h"

#include "dustbroadcaster_p.h"
#include "dusttopicsubscription_p.h"

#include <dustrepo.h>
#include <dustschemaerrors.h>
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
    static PubSubPrivate *get(PubSub *hub) { return hub->d.get(); }

    // The bridge thread, started on first use. Call with `mutex` held.
    QThread *bridgeThread()
    {
        if (!thread) {
            thread = std::make_unique<WorkerThread>(u"dust-bridge-"_s + name);
            thread->start();
        }
        return thread.get();
    }

    // The running broadcaster of `key`, started if needed.
    Result<std::shared_ptr<BroadcasterHandle>> broadcasterFor(Repo *repo, const BroadcasterKey &key, PubSub *hub)
    {
        std::lock_guard lock(mutex);
        if (std::shared_ptr<BroadcasterHandle> handle = broadcasters.value(key))
            return handle;
        auto *broadcaster = new Broadcaster(repo, key.schema, key.topic, name, bridgeThread(), inboxLimit);
        if (Result<void> started = broadcaster->start(); !started) {
            // deleteLater(), not a posted call: a thread that ends drops its
            // posted calls but still runs its deferred deletes.
            Threading::releaseToQt();
            broadcaster->deleteLater();
            return started.error();
        }
        auto handle = std::make_shared<BroadcasterHandle>(broadcaster);
        broadcasters.insert(key, handle);
        watch(key.repo, hub);
        return handle;
    }

    // Broadcasters call into the Repo; they must stop before it goes.
    void watch(const Repo *repo, PubSub *hub)
    {
        if (std::exchange(watchedRepos[repo], true))
            return;
        QObject::connect(RepoBridge::lifetimeOf(repo), &QObject::destroyed, hub, [this, repo] {
            stopAllOf(repo);
            std::lock_guard lock(mutex);
            watchedRepos.remove(repo);
        }, Qt::DirectConnection);
    }

    // Hands `subscriber` to the broadcaster `handle`, or stops it when
    // stopBroadcaster() took that broadcaster away meanwhile: it never waits
    // for a broadcaster that is gone. Under `mutex`, the post cannot be
    // dropped; a stop() after it is seen by addSubscriber().
    void attach(const BroadcasterKey &key, const std::shared_ptr<BroadcasterHandle> &handle,
                const TopicSubscriber &subscriber)
    {
        std::lock_guard lock(mutex);
        if (broadcasters.value(key) != handle) {
            subscriber.mailbox->closeFromProducer();
            return;
        }
        handle->post([subscriber](Broadcaster *b) { b->addSubscriber(subscriber); });
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
    int inboxLimit = DefaultInboxLimit;
};

QThread *bridgeThreadOf(PubSub *hub)
{
    PubSubPrivate *d = PubSubPrivate::get(hub);
    std::lock_guard lock(d->mutex);
    return d->bridgeThread();
}

void setInboxLimit(PubSub *hub, int events)
{
    PubSubPrivate *d = PubSubPrivate::get(hub);
    std::lock_guard lock(d->mutex);
    d->inboxLimit = events;
}

namespace {

// A context whose thread runs no event loop would get nothing, silently:
// neither its adoption, nor wake-ups, nor deleteLater() would ever run. A
// thread that has not started yet or has finished has none; nor has the
// calling thread when it never made one (a std::thread, or the main thread
// before the application object exists). A running QThread whose run()
// never returns to an event loop cannot be told from here.
Error refuseContext(const QObject *context)
{
    QThread *thread = context->thread();
    const bool hasLoop = thread->eventDispatcher() != nullptr && !thread->isFinished();
    const bool mayGetOne = thread != QThread::currentThread() && thread->isRunning();
    if (hasLoop || mayGetOne)
        return {};
    return Error(Error::Kind::InvalidParams, u"context_without_event_loop"_s,
                 {{u"message"_s, QCoreApplication::translate("Dust::PubSub",
                         "The context object of a topic subscription must live in a thread that runs an event loop")}});
}

} // namespace

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
        return SchemaErrors::SchemaInvalid.error();
    const Result<Repo::Transport> transport = repo->transport();
    if (!transport)
        return transport.error();
    if (*transport != Repo::Transport::WebSocket)
        return Error(Error::Kind::NotSupported, u"no_realtime"_s);

    if (const Error refused = refuseContext(context); !refused.isNull())
        return refused;

    const BroadcasterKey key{repo, schema, topic};
    Result<std::shared_ptr<BroadcasterHandle>> handle = hub->d->broadcasterFor(repo, key, hub);
    if (!handle)
        return handle.error();
    auto mailbox = std::make_shared<TopicMailbox>(options.delivery, options.maxBacklog);
    const std::weak_ptr<BroadcasterHandle> weak = *handle;
    auto detach = [weak, mailbox] {
        if (const auto h = weak.lock())
            h->post([c = mailbox.get()](Broadcaster *b) { b->removeSubscriber(c); });
    };
    // Created outside the hub's mutex: parenting sends `context` an event.
    TopicSubscription *subscription = TopicSubscriptionPrivate::create(
            context, std::make_unique<TopicSubscriptionPrivate>(topic, mailbox, detach, hub));
    hub->d->attach(key, *handle, TopicSubscriber{mailbox, options.includeCurrent});
    return subscription;
}

void unsubscribeFromPubSub(PubSub *hub, const QString &topic, QObject *context)
{
    if (!context)
        return;
    // Not only the context's children: a ListModel re-parents the
    // subscription it is given, and one made from another thread may not
    // have been adopted yet.
    const auto subscriptions = TopicSubscriptionPrivate::createdWith(context);
    for (const QPointer<TopicSubscription> &subscription : subscriptions) {
        if (subscription && subscription->topic() == topic && TopicSubscriptionPrivate::get(subscription)->hub == hub)
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
