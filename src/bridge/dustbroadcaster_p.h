// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#ifndef DUSTBROADCASTER_P_H
#define DUSTBROADCASTER_P_H

//
//  W A R N I N G
//  -------------
//
// This file is not part of the DustQt API. It may change without notice.
//

#include <dustpubsub.h>
#include <duststoreevent.h>
#include <dusttopicchannel_p.h>

#include <QtCore/qloggingcategory.h>
#include <QtCore/qobject.h>
#include <QtCore/qpointer.h>

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

namespace Dust {

Q_DECLARE_LOGGING_CATEGORY(lcBridge)

// One TopicSubscription as its broadcaster sees it: only its channel, which
// alone reaches the subscription's thread.
struct TopicSubscriber
{
    std::shared_ptr<TopicChannel> channel;
    bool includeCurrent = false;
    qint64 minSeq = 0;                       // events at or below it are in its snapshot
    bool needsSnapshot = false;              // its backlog overflowed in this drain
};

// Events a broadcaster's inbox holds while its bridge thread is behind (the
// default backlog of an EveryEvent subscription); past it, its subscribers
// resync. A busy hub's bridge thread lags by a few thousand events under
// load without being stuck.
constexpr int DefaultInboxLimit = 10000;

// For tests that hold up a hub's bridge thread or shrink its inboxes.
DUST_CORE_EXPORT QThread *bridgeThreadOf(PubSub *hub);
DUST_CORE_EXPORT void setInboxLimit(PubSub *hub, int events);

// Fans one Repo subscription out to every TopicSubscription of a (repo,
// schema, hub, topic). It lives on the hub's bridge thread. The Repo calls
// it on the client's sync thread, where it only queues the raw event and
// posts at most one wake-up; decoding (once per event, whatever the number
// of subscribers) and delivery happen on the bridge thread.
class Broadcaster : public QObject
{
public:
    Broadcaster(Repo *repo, const Schema &schema, const QString &topic, const QString &hubName,
                int inboxLimit = DefaultInboxLimit);
    ~Broadcaster() override;

    // Subscribes to the Repo; call after the broadcaster was moved to its
    // thread (events may arrive at once).
    Result<void> start();
    // Removes the Repo subscription and closes every channel, from any
    // thread; no event is pushed to a subscription after it returns, and
    // each turns Stopped. The caller then deletes the broadcaster on its
    // own thread.
    void stop();

    // Bridge thread. A subscriber added after stop() is stopped at once.
    void addSubscriber(TopicSubscriber subscriber);
    void removeSubscriber(const TopicChannel *channel);

private:
    void onRawEvent(const StoreEvent &event);  // sync thread
    void onRawResync();                        // sync thread
    void wakeLocked();
    void drain();                              // bridge thread
    bool fanOut(const std::vector<StoreEvent> &events);
    void sendSnapshots();
    void resync(bool resubscribe);             // bridge thread

    QPointer<Repo> m_repo;
    const Schema m_schema;
    const QString m_topic;
    const QString m_hubName;
    std::atomic<bool> m_stopped = false;

    std::mutex m_inboxMutex;
    quint64 m_rawSubscription = 0;
    std::vector<StoreEvent> m_inbox;
    const size_t m_inboxLimit;
    bool m_wakePending = false;
    bool m_resyncPending = false;              // the store dropped the subscription
    bool m_inboxOverflowed = false;            // events were dropped here

    // Written on the bridge thread; stop() closes the channels from any thread.
    std::mutex m_subscribersMutex;
    std::vector<TopicSubscriber> m_subscribers;
};

// The registry entry for one broadcaster: lets any thread reach it on its
// own thread for as long as it runs.
class BroadcasterHandle
{
public:
    explicit BroadcasterHandle(Broadcaster *broadcaster) : m_broadcaster(broadcaster) { }

    // Runs `fn` on the broadcaster's thread, unless it has stopped.
    void post(std::function<void(Broadcaster *)> fn);
    // Stops the broadcaster and deletes it on its thread; idempotent.
    void stop();

private:
    std::mutex m_mutex;
    Broadcaster *m_broadcaster;
};

} // namespace Dust

#endif // DUSTBROADCASTER_P_H
