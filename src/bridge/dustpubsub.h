// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#ifndef DUSTPUBSUB_H
#define DUSTPUBSUB_H

#include <dustresult.h>
#include <dustschema.h>
#include <dusttopicsubscription.h>

#include <QtCore/qobject.h>

#include <memory>

namespace Dust {

class PubSubPrivate;
class Repo;

/// How a TopicSubscription wants its events.
///
/// \code
/// Dust::TopicOptions options;
/// options.delivery = Dust::TopicSubscription::Delivery::EveryEvent;
/// options.includeCurrent = true;
/// auto sub = Dust::subscribeToPubSub(repo, links, Dust::PubSub::defaultHub(), u"links"_s, this, options);
/// \endcode
struct TopicOptions
{
    TopicSubscription::Delivery delivery = TopicSubscription::Delivery::Coalesced;
    /// Deliver every current record first (snapshotReceived()), then live
    /// events, with no gap and no duplicate between them.
    bool includeCurrent = false;
    /// EveryEvent only: events a subscription may hold before its backlog is
    /// dropped in favour of resyncRequired().
    int maxBacklog = 10000;
};

/*!
    A named PubSub hub: the Qt counterpart of a Phoenix.PubSub server such as
    `MyApp.PubSub`. It owns the bridge thread its broadcasters run on, one
    broadcaster per (repo, schema, topic), each with a single Repo
    subscription however many views listen. An application may create
    several hubs; defaultHub() always exists.

    Destroying a hub stops its broadcasters; its subscriptions then stay
    quiet (state Stopped).

    \code
    auto *hub = new Dust::PubSub(u"reading"_s, this);
    auto sub = Dust::subscribeToPubSub(repo, links, hub, u"links"_s, view);
    \endcode
*/
class DUST_CORE_EXPORT PubSub : public QObject
{
    Q_OBJECT
    Q_PROPERTY(QString name READ name CONSTANT)

public:
    explicit PubSub(const QString &name, QObject *parent = nullptr);
    ~PubSub() override;

    /// The hub used when none is named. It lives until the application ends.
    static PubSub *defaultHub();

    QString name() const;
    /// Broadcasters running now (one per repo, schema and topic in use).
    int broadcasterCount() const;

private:
    friend class PubSubPrivate;
    friend DUST_CORE_EXPORT Result<TopicSubscription *>
    subscribeToPubSub(Repo *, const Schema &, PubSub *, const QString &, QObject *, const TopicOptions &);
    friend DUST_CORE_EXPORT void stopBroadcaster(Repo *, const Schema &, PubSub *, const QString &);
    std::unique_ptr<PubSubPrivate> d;
};

/*!
    \relates PubSub
    Ensures a broadcaster runs for (repo, schema, hub, topic) and returns a
    new TopicSubscription for it, owned by `context` and living in its
    thread. Safe to call from any thread; concurrent callers share one
    broadcaster and one Repo subscription. If stopBroadcaster() runs
    meanwhile on another thread, the subscription turns Stopped; it never
    stays Subscribing. When `context`'s thread finishes, its subscriptions
    turn Stopped.

    Errors: NotSupported when the Repo has no realtime transport (HTTP) or
    `hub` is null; InvalidParams (`context_without_event_loop`) when
    `context` lives in a thread that runs no event loop: one not started
    yet or finished, or the calling thread when it has none (a std::thread).
    A running QThread whose run() never enters an event loop cannot be
    detected: its subscriptions receive nothing. StartFailed
    (`broadcaster_start_failed`, the Repo's reason in its detail) when the
    broadcaster cannot subscribe to the Repo.

    \code
    auto sub = Dust::subscribeToPubSub(repo, links, Dust::PubSub::defaultHub(), u"links"_s,
                                       this, {.includeCurrent = true});
    if (!sub)
        qWarning() << sub.error().message();
    \endcode
*/
DUST_CORE_EXPORT Result<TopicSubscription *>
subscribeToPubSub(Repo *repo, const Schema &schema, PubSub *hub, const QString &topic,
                  QObject *context, const TopicOptions &options = {});

/*!
    \relates PubSub
    Stops delivery to the subscriptions made with `context` on `topic` of
    `hub` (call it from `context`'s thread), whatever their parent is now:
    also one handed to a ListModel, or one made from another thread and not
    adopted by `context` yet. Idempotent; other subscribers and the
    broadcaster carry on. Destroying the subscription does the same.
*/
DUST_CORE_EXPORT void unsubscribeFromPubSub(PubSub *hub, const QString &topic, QObject *context);

/*!
    \relates PubSub
    Stops the broadcaster of (repo, schema, hub, topic): its Repo
    subscription is removed before this returns, and so is every event it
    had queued for its subscriptions. Exactly this holds: no subscription
    receives an event whose delivery had not begun when this returned; a
    slot already running on the subscription's thread finishes, and the
    delivery it belongs to ends after it. Each subscription then turns
    Stopped, on its own thread. Idempotent; may be called from any thread,
    also from a slot of one of its subscriptions. A later
    subscribeToPubSub() starts a fresh broadcaster.
*/
DUST_CORE_EXPORT void stopBroadcaster(Repo *repo, const Schema &schema, PubSub *hub,
                                      const QString &topic);

} // namespace Dust

#endif // DUSTPUBSUB_H
