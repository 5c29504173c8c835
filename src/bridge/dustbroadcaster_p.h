// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#ifndef DUSTBROADCASTER_P_H
#define DUSTBROADCASTER_P_H

#include <dustprivateapi_p.h>

//
//  W A R N I N G
//  -------------
//
// This file is not part of the DustQt API. It may change without notice.
//

#include <dustpubsub.h>
#include <dustrecordfeed_p.h>
#include <dusttopicmailbox_p.h>

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

// One TopicSubscription as its broadcaster sees it: only its mailbox, which
// alone reaches the subscription's thread.
struct TopicSubscriber
{
    std::shared_ptr<TopicMailbox> mailbox;
    bool includeCurrent = false;
    qint64 minSeq = 0;                       // events at or below it are in its snapshot
    bool needsSnapshot = false;              // its backlog overflowed in this drain
};

// Events a broadcaster's record feed holds while its bridge thread is behind
// (the default backlog of an EveryEvent subscription); past it, its
// subscribers resync. A busy hub's bridge thread lags by a few thousand events under
// load without being stuck.
constexpr int DefaultInboxLimit = 10000;

// For tests that hold up a hub's bridge thread or shrink its inboxes.
DUST_CORE_EXPORT QThread *bridgeThreadOf(PubSub *hub);
DUST_CORE_EXPORT void setInboxLimit(PubSub *hub, int events);

// Fans one record feed out to every TopicSubscription of a (repo, schema,
// hub, topic). It lives on the hub's bridge thread. The feed decodes each
// record once where it leaves the engine and wakes the broadcaster at most
// once per batch; the broadcaster pushes the batch into each subscription's
// mailbox, without calling back into the Repo or the Store.
class Broadcaster : public QObject
{
public:
    // Moves itself to `thread`.
    Broadcaster(Repo *repo, const Schema &schema, const QString &topic, const QString &hubName,
                QThread *thread, int inboxLimit = DefaultInboxLimit);
    ~Broadcaster() override;

    // Subscribes the feed to the Repo (events may arrive at once).
    Result<void> start();
    // Removes the Repo subscription and closes every mailbox, from any
    // thread; no event is pushed to a subscription after it returns, and
    // each turns Stopped. The caller then deletes the broadcaster on its
    // own thread.
    void stop();

    // Bridge thread. A subscriber added after stop() is stopped at once.
    void addSubscriber(TopicSubscriber subscriber);
    void removeSubscriber(const TopicMailbox *mailbox);

private:
    void drain();                              // bridge thread
    bool fanOut(const QList<RecordEvent> &events);
    void sendSnapshots();
    void resync(bool resubscribe);             // bridge thread

    const Schema m_schema;
    const QString m_topic;
    const QString m_hubName;
    std::atomic<bool> m_stopped = false;
    const std::shared_ptr<RecordFeed> m_feed;

    // Written on the bridge thread; stop() closes the mailboxes from any thread.
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
