// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#include "dustbroadcaster_p.h"

#include <dustthreading_p.h>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Dust {

Q_LOGGING_CATEGORY(lcBridge, "dust.bridge")

Broadcaster::Broadcaster(Repo *repo, const Schema &schema, const QString &topic, const QString &hubName,
                         QThread *thread, int inboxLimit)
    : m_schema(schema), m_topic(topic), m_hubName(hubName),
      // The feed's close() (in stop() and the destructor) waits for a
      // wake-up in progress, so it may use this broadcaster.
      m_feed(std::make_shared<RecordFeed>(repo, schema, inboxLimit,
                                          [this] { Threading::post(this, [this] { drain(); }); }))
{
    moveToThread(thread);
}

Broadcaster::~Broadcaster()
{
    // It may be deleted on the bridge thread by a deferred delete from the
    // thread that made it.
    Threading::acquireFromQt();
    // A resync may have resubscribed while stop() ran; closing is
    // idempotent, and afterwards no wake-up can reach this object.
    m_feed->close();
}

Result<void> Broadcaster::start()
{
    if (Result<void> started = m_feed->subscribe(); !started) {
        const Error &cause = started.error();
        qCWarning(lcBridge) << "broadcaster failed to start:" << m_schema.name() << "topic" << m_topic << cause;
        return Error(Error::Kind::StartFailed, u"broadcaster_start_failed"_s,
                     {{u"cause"_s, cause.code()}, {u"message"_s, cause.message()}});
    }
    qCInfo(lcBridge) << "broadcaster started:" << m_schema.name() << "on" << m_hubName << "topic" << m_topic;
    return {};
}

void Broadcaster::stop()
{
    if (m_stopped.exchange(true))
        return;
    // No wake-up starts after close() returns.
    m_feed->close();
    std::lock_guard lock(m_subscribersMutex);
    // Each subscription wakes to a closed mailbox and turns Stopped; one
    // that closed its mailbox itself (destroyed, or its thread ended) is
    // not woken, its thread may be gone.
    for (const TopicSubscriber &subscriber : m_subscribers)
        subscriber.mailbox->closeFromProducer();
    m_subscribers.clear();
    qCInfo(lcBridge) << "broadcaster stopped:" << m_schema.name() << "on" << m_hubName << "topic" << m_topic;
}

void Broadcaster::drain()
{
    RecordFeed::Batch batch = m_feed->take();
    if (m_stopped)
        return;
    if (batch.resubscribe || batch.overflowed) {
        // The snapshot taken by resync() covers everything queued so far.
        resync(batch.resubscribe);
        return;
    }
    if (fanOut(batch.events))
        sendSnapshots();
}

// Returns true when a subscriber's backlog overflowed and it needs the
// current state.
bool Broadcaster::fanOut(const QList<RecordEvent> &events)
{
    if (events.isEmpty())
        return false;
    bool overflowed = false;
    std::lock_guard lock(m_subscribersMutex);
    for (TopicSubscriber &subscriber : m_subscribers) {
        // Events for a subscriber waiting for a snapshot are in it, and so
        // are those up to the store_seq its snapshot was taken at: the
        // batch is in store_seq order, so the rest is one slice, one push.
        const auto first = std::find_if(events.cbegin(), events.cend(), [&](const RecordEvent &event) {
            return event.storeSeq > subscriber.minSeq;
        });
        if (!subscriber.needsSnapshot && first != events.cend())
            subscriber.mailbox->pushBatch(events.sliced(first - events.cbegin()), &subscriber.needsSnapshot);
        overflowed = overflowed || subscriber.needsSnapshot;
    }
    return overflowed;
}

void Broadcaster::sendSnapshots()
{
    // Subscribers that fell too far behind lost events: give them the state
    // to reload from, one snapshot for all of them, taken after everybody
    // else got this drain's events and outside the subscriber lock.
    const Result<RecordSnapshot> snapshot = m_feed->snapshot();
    qCInfo(lcBridge) << "resync:" << m_schema.name() << "topic" << m_topic
                     << "subscribers fell behind; sending the current state";
    std::lock_guard lock(m_subscribersMutex);
    for (TopicSubscriber &subscriber : m_subscribers) {
        if (!std::exchange(subscriber.needsSnapshot, false))
            continue;
        if (!snapshot) {
            subscriber.mailbox->pushError(snapshot.error());
            continue;
        }
        subscriber.minSeq = snapshot->storeSeq;
        subscriber.mailbox->pushSnapshot(snapshot->records);
    }
}

void Broadcaster::resync(bool resubscribe)
{
    if (m_stopped)
        return;
    qCWarning(lcBridge) << "resync:" << m_schema.name() << "topic" << m_topic
                        << (resubscribe ? "lost its store subscription; resubscribing"
                                        : "the bridge thread fell behind; sending the current state");
    if (resubscribe) {
        // The store may have dropped the subscription (queue overflow): take
        // a fresh one first, then read the state, so nothing falls in between.
        if (Result<void> started = start(); !started) {
            std::lock_guard lock(m_subscribersMutex);
            for (const TopicSubscriber &subscriber : m_subscribers)
                subscriber.mailbox->pushError(started.error());
            return;
        }
    }
    const Result<RecordSnapshot> snapshot = m_feed->snapshot();
    std::lock_guard lock(m_subscribersMutex);
    for (TopicSubscriber &subscriber : m_subscribers) {
        subscriber.needsSnapshot = false;
        if (!snapshot) {
            subscriber.mailbox->pushError(snapshot.error());
            continue;
        }
        subscriber.minSeq = snapshot->storeSeq;
        subscriber.mailbox->pushResync();
        subscriber.mailbox->pushSnapshot(snapshot->records);
    }
}

void Broadcaster::addSubscriber(TopicSubscriber subscriber)
{
    // Taken before the lock; events already queued here are at or below its
    // seq and are skipped for this subscriber: no gap, no duplicate.
    std::optional<Result<RecordSnapshot>> snapshot;
    if (subscriber.includeCurrent && !m_stopped)
        snapshot = m_feed->snapshot();
    std::lock_guard lock(m_subscribersMutex);
    if (m_stopped) {
        // stop() ran before this subscriber arrived: it must not wait forever.
        subscriber.mailbox->closeFromProducer();
        return;
    }
    if (snapshot && !*snapshot) {
        subscriber.mailbox->pushError(snapshot->error());
        return;
    }
    if (snapshot) {
        subscriber.minSeq = (*snapshot)->storeSeq;
        subscriber.mailbox->pushSnapshot((*snapshot)->records);
    }
    subscriber.mailbox->pushActive();
    m_subscribers.push_back(std::move(subscriber));
}
void Broadcaster::removeSubscriber(const TopicMailbox *mailbox)
{
    std::lock_guard lock(m_subscribersMutex);
    std::erase_if(m_subscribers, [mailbox](const TopicSubscriber &s) { return s.mailbox.get() == mailbox; });
}

void BroadcasterHandle::post(std::function<void(Broadcaster *)> fn)
{
    std::lock_guard lock(m_mutex);
    if (!m_broadcaster)
        return;
    Broadcaster *broadcaster = m_broadcaster;
    Threading::post(broadcaster, [broadcaster, fn = std::move(fn)] { fn(broadcaster); });
}

void BroadcasterHandle::stop()
{
    Broadcaster *broadcaster = nullptr;
    {
        std::lock_guard lock(m_mutex);
        broadcaster = std::exchange(m_broadcaster, nullptr);
    }
    if (!broadcaster)
        return;
    broadcaster->stop();
    // Wait for a drain in progress, then delete on the bridge thread.
    Threading::runBlocking(broadcaster, [broadcaster] { delete broadcaster; });
}

} // namespace Dust
