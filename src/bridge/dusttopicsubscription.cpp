// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#include "dusttopicsubscription.h"
#include "dusttopicsubscription_p.h"

#include <dustthreading_p.h>

namespace Dust {

TopicSubscriptionPrivate::TopicSubscriptionPrivate(const QString &topic,
                                                   std::shared_ptr<TopicChannel> channel,
                                                   std::function<void()> detach)
    : topic(topic), channel(std::move(channel)), detach(std::move(detach))
{
}

TopicSubscription *TopicSubscriptionPrivate::create(QObject *context,
                                                    std::unique_ptr<TopicSubscriptionPrivate> d)
{
    auto *subscription = new TopicSubscription(std::move(d));
    if (context->thread() != subscription->thread())
        subscription->moveToThread(context->thread());
    subscription->setParent(context);
    return subscription;
}

void TopicSubscriptionPrivate::wake(QThread *thread, const QPointer<TopicSubscription> &guard)
{
    QPointer<QObject> object = guard.data();
    Threading::post(thread, object, [guard] {
        if (guard)
            guard->d->deliver(guard.data());
    });
}

void TopicSubscriptionPrivate::setState(TopicSubscription *q, TopicSubscription::State newState)
{
    if (state == newState)
        return;
    const bool wasActive = q->isActive();
    state = newState;
    emit q->stateChanged(state);
    if (wasActive != q->isActive())
        emit q->activeChanged(q->isActive());
}

void TopicSubscriptionPrivate::stop(TopicSubscription *q)
{
    channel->close();
    if (auto f = std::exchange(detach, nullptr))
        f();
    if (q)
        setState(q, TopicSubscription::State::Stopped);
}

void TopicSubscriptionPrivate::deliver(TopicSubscription *q)
{
    TopicChannel::Batch batch = channel->take();
    if (channel->isClosed())
        return;
    // A slot may delete the subscription; stop as soon as it is gone.
    const QPointer<TopicSubscription> alive(q);
    if (!batch.error.isNull()) {
        setState(q, TopicSubscription::State::Error);
        emit q->errorOccurred(batch.error);
        if (!alive)
            return;
    }
    if (batch.resync) {
        emit q->resyncRequired();
        if (!alive)
            return;
    }
    if (!batch.events.isEmpty()) {
        emit q->eventsReceived(batch.events);
        for (const RecordEvent &event : std::as_const(batch.events)) {
            if (!alive || channel->isClosed())
                return;
            if (event.kind == RecordEvent::Kind::Deleted)
                emit q->deleted(event.slug);
            else
                emit q->upserted(event.record);
        }
    }
    if (alive && batch.becameActive && state == TopicSubscription::State::Subscribing)
        setState(q, TopicSubscription::State::Active);
}

TopicSubscription::TopicSubscription(std::unique_ptr<TopicSubscriptionPrivate> dd)
    : d(std::move(dd))
{
}

TopicSubscription::~TopicSubscription()
{
    d->stop(nullptr);
}

QString TopicSubscription::topic() const
{
    return d->topic;
}

bool TopicSubscription::isActive() const
{
    return d->state == State::Active || d->state == State::Subscribing;
}

TopicSubscription::Delivery TopicSubscription::delivery() const
{
    return d->channel->delivery;
}

TopicSubscription::State TopicSubscription::state() const
{
    return d->state;
}

void TopicSubscription::unsubscribe()
{
    d->stop(this);
}

} // namespace Dust
