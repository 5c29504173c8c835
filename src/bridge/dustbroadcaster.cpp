// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#include "dustbroadcaster_p.h"
#include "dusttopicsubscription_p.h"

#include <dustrepo.h>
#include <dustthreading_p.h>

namespace Dust {

Q_LOGGING_CATEGORY(lcBridge, "dust.bridge")

Broadcaster::Broadcaster(Repo *repo, const Schema &schema, const QString &topic, const QString &hubName)
    : m_repo(repo), m_schema(schema), m_topic(topic), m_hubName(hubName)
{
}

Broadcaster::~Broadcaster()
{
    // A resync may have resubscribed while stop() ran; unsubscribing is
    // idempotent, and afterwards no raw callback can reach this object.
    if (m_repo)
        m_repo->unsubscribe(m_rawSubscription);
}

Result<void> Broadcaster::start()
{
    // Not under m_inboxMutex: the Repo may wait for the sync thread, which
    // may be waiting for that mutex in onRawEvent().
    Result<SubscriptionId> id = m_repo->subscribeRaw(
            m_schema, [this](const StoreEvent &event) { onRawEvent(event); },
            [this] { onRawResync(); });
    if (!id)
        return id.error();
    {
        std::lock_guard lock(m_inboxMutex);
        m_rawSubscription = *id;
    }
    qCInfo(lcBridge) << "broadcaster started:" << m_schema.name() << "on" << m_hubName << "topic" << m_topic;
    return {};
}

void Broadcaster::stop()
{
    if (m_stopped.exchange(true))
        return;
    quint64 raw = 0;
    {
        std::lock_guard lock(m_inboxMutex);
        m_inbox.clear();
        raw = m_rawSubscription;
    }
    // No raw callback starts after unsubscribe() returns.
    if (m_repo)
        m_repo->unsubscribe(raw);
    std::lock_guard lock(m_subscribersMutex);
    for (const TopicSubscriber &subscriber : m_subscribers) {
        // A subscription closes its channel when it is destroyed; its
        // thread may be gone by now, and there is nobody left to wake.
        if (subscriber.channel->isClosed())
            continue;
        subscriber.channel->close();
        // Wake it so it sees the closed channel and turns Stopped.
        TopicSubscriptionPrivate::wake(subscriber.thread, subscriber.guard);
    }
    m_subscribers.clear();
    qCInfo(lcBridge) << "broadcaster stopped:" << m_schema.name() << "on" << m_hubName << "topic" << m_topic;
}

void Broadcaster::wakeLocked()
{
    if (m_wakePending)
        return;
    m_wakePending = true;
    Threading::post(this, [this] { drain(); });
}

void Broadcaster::onRawEvent(const StoreEvent &event)
{
    std::lock_guard lock(m_inboxMutex);
    if (m_stopped)
        return;
    m_inbox.push_back(event);
    wakeLocked();
}

void Broadcaster::onRawResync()
{
    std::lock_guard lock(m_inboxMutex);
    if (m_stopped)
        return;
    m_resyncPending = true;
    wakeLocked();
}

void Broadcaster::deliver(const TopicSubscriber &subscriber, bool wake)
{
    if (wake)
        TopicSubscriptionPrivate::wake(subscriber.thread, subscriber.guard);
}

void Broadcaster::drain()
{
    std::vector<StoreEvent> events;
    bool resyncNeeded = false;
    {
        std::lock_guard lock(m_inboxMutex);
        if (m_stopped)
            return;
        events.swap(m_inbox);
        resyncNeeded = std::exchange(m_resyncPending, false);
        m_wakePending = false;
    }
    if (resyncNeeded) {
        // The snapshot taken by resync() covers everything queued so far.
        resync();
        return;
    }
    for (const StoreEvent &raw : events) {
        const std::optional<RecordEvent> event = m_repo ? m_repo->decode(m_schema, raw) : std::nullopt;
        if (!event)
            continue;
        std::lock_guard lock(m_subscribersMutex);
        for (TopicSubscriber &subscriber : m_subscribers) {
            if (event->storeSeq <= subscriber.minSeq)
                continue;
            bool overflowed = false;
            deliver(subscriber, subscriber.channel->push(*event, &overflowed));
            if (overflowed)
                sendSnapshot(subscriber);
        }
    }
}

void Broadcaster::sendSnapshot(TopicSubscriber &subscriber)
{
    // The subscriber fell too far behind and lost events: give it the state
    // to reload from. Events up to the snapshot's seq are already in it.
    const Result<RecordSnapshot> snapshot = m_repo->snapshot(m_schema);
    if (!snapshot) {
        deliver(subscriber, subscriber.channel->pushError(snapshot.error()));
        return;
    }
    qCInfo(lcBridge) << "resync:" << m_schema.name() << "topic" << m_topic
                     << "subscriber fell behind; sending the current state";
    subscriber.minSeq = snapshot->storeSeq;
    deliver(subscriber, subscriber.channel->pushSnapshot(snapshot->records));
}

void Broadcaster::resync()
{
    if (!m_repo || m_stopped)
        return;
    qCWarning(lcBridge) << "resync:" << m_schema.name() << "topic" << m_topic
                        << "lost its store subscription; resubscribing";
    // The store may have dropped the subscription (queue overflow): take a
    // fresh one first, then read the state, so nothing falls in between.
    quint64 lost = 0;
    {
        std::lock_guard lock(m_inboxMutex);
        lost = m_rawSubscription;
    }
    m_repo->unsubscribe(lost);
    if (Result<void> started = start(); !started) {
        std::lock_guard lock(m_subscribersMutex);
        for (const TopicSubscriber &subscriber : m_subscribers)
            deliver(subscriber, subscriber.channel->pushError(started.error()));
        return;
    }
    const Result<RecordSnapshot> snapshot = m_repo->snapshot(m_schema);
    std::lock_guard lock(m_subscribersMutex);
    for (TopicSubscriber &subscriber : m_subscribers) {
        if (!snapshot) {
            deliver(subscriber, subscriber.channel->pushError(snapshot.error()));
            continue;
        }
        subscriber.minSeq = snapshot->storeSeq;
        deliver(subscriber, subscriber.channel->pushResync());
        deliver(subscriber, subscriber.channel->pushSnapshot(snapshot->records));
    }
}

void Broadcaster::addSubscriber(TopicSubscriber subscriber)
{
    if (subscriber.includeCurrent && m_repo) {
        // Events already queued here are at or below the snapshot's seq and
        // are skipped for this subscriber: no gap, no duplicate.
        const Result<RecordSnapshot> snapshot = m_repo->snapshot(m_schema);
        if (!snapshot) {
            deliver(subscriber, subscriber.channel->pushError(snapshot.error()));
            return;
        }
        subscriber.minSeq = snapshot->storeSeq;
        deliver(subscriber, subscriber.channel->pushSnapshot(snapshot->records));
    }
    deliver(subscriber, subscriber.channel->pushActive());
    std::lock_guard lock(m_subscribersMutex);
    if (m_stopped) {
        subscriber.channel->close();
        return;
    }
    m_subscribers.push_back(std::move(subscriber));
}

void Broadcaster::removeSubscriber(const TopicChannel *channel)
{
    std::lock_guard lock(m_subscribersMutex);
    std::erase_if(m_subscribers, [channel](const TopicSubscriber &s) { return s.channel.get() == channel; });
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
