// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#include "dusttopicsubscription.h"
#include "dusttopicsubscription_p.h"

#include <dustthreading_p.h>

#include <QtCore/qelapsedtimer.h>
#include <QtCore/qhash.h>
#include <QtCore/qmetaobject.h>

#include <mutex>

namespace Dust {

namespace {

// A subscription's thread stays responsive (window repaints, input) while
// a slow slot handles a large batch: its per-record signals are spread over
// event-loop turns of at most this long, as ListModel does with its rows.
constexpr qint64 TurnBudgetNs = 4'000'000;

// Which subscriptions each context object made, whoever parents them now
// (a ListModel re-parents its subscription; one made from another thread is
// parented later). Keys are identities only, never dereferenced.
struct ContextRegistry
{
    std::mutex mutex;
    QMultiHash<const QObject *, TopicSubscription *> byContext;
};

// Never destroyed: subscriptions may outlive static destruction.
ContextRegistry &contexts()
{
    static auto *registry = new ContextRegistry;
    return *registry;
}

bool isActiveState(TopicSubscription::State state)
{
    return state == TopicSubscription::State::Active || state == TopicSubscription::State::Subscribing;
}

// After any signal: false when a slot destroyed or unsubscribed `alive`.
bool carriesOn(const QPointer<TopicSubscription> &alive)
{
    return alive && !TopicSubscriptionPrivate::get(alive.data())->mailbox->isClosed();
}

} // namespace

TopicSubscriptionPrivate::TopicSubscriptionPrivate(const QString &topic,
                                                   std::shared_ptr<TopicMailbox> mailbox,
                                                   std::function<void()> detach, const QObject *hub)
    : topic(topic), mailbox(std::move(mailbox)), hub(hub), detach(std::move(detach))
{
}

TopicSubscription *TopicSubscriptionPrivate::create(QObject *context,
                                                    std::unique_ptr<TopicSubscriptionPrivate> d)
{
    QThread *const thread = context->thread();
    d->context = context;
    auto *subscription = new TopicSubscription(std::move(d));
    {
        std::lock_guard lock(contexts().mutex);
        contexts().byContext.insert(context, subscription);
    }
    // The guard is made here and only copied elsewhere: the producer never
    // reads the subscription, which its own thread may be destroying.
    subscription->d->mailbox->setWake([thread, guard = QPointer<QObject>(subscription)] {
        Threading::post(thread, guard, [guard] {
            auto *q = static_cast<TopicSubscription *>(guard.data());
            q->d->deliver(q);
        });
    });
    // Once its thread has ended nothing can reach the subscription: it
    // stops there, and the broadcaster forgets it and that thread.
    QObject::connect(thread, &QThread::finished, subscription, [subscription] {
        subscription->d->stop(subscription);
        // Seen by whoever joins the thread (QThread::wait()) and reads it.
        Threading::releaseToQt();
    }, Qt::DirectConnection);
    QObject::connect(context, &QObject::destroyed, subscription, [context] {
        std::lock_guard lock(contexts().mutex);
        contexts().byContext.remove(context);
    }, Qt::DirectConnection);
    if (thread == subscription->thread()) {
        subscription->setParent(context);
        return subscription;
    }
    // setParent() would send `context` a child event from the wrong thread:
    // hand the subscription over and let `context`'s thread adopt it.
    subscription->moveToThread(thread);
    QObject::connect(context, &QObject::destroyed, subscription, &QObject::deleteLater);
    Threading::post(context, [context, guard = QPointer<TopicSubscription>(subscription)] {
        if (guard)
            guard->setParent(context);
    });
    return subscription;
}

QList<QPointer<TopicSubscription>> TopicSubscriptionPrivate::createdWith(const QObject *context)
{
    QList<QPointer<TopicSubscription>> out;
    std::lock_guard lock(contexts().mutex);
    for (auto it = contexts().byContext.constFind(context); it != contexts().byContext.cend() && it.key() == context; ++it)
        out.append(it.value());
    return out;
}

bool TopicSubscriptionPrivate::setState(TopicSubscription *q, TopicSubscription::State newState)
{
    if (state == newState)
        return true;
    const bool wasActive = isActiveState(state);
    state = newState;
    const QPointer<TopicSubscription> alive(q);
    emit q->stateChanged(newState);
    // A slot may have deleted the subscription or moved it on (unsubscribe()).
    if (!alive || state != newState)
        return false;
    if (wasActive != isActiveState(newState)) {
        emit q->activeChanged(isActiveState(newState));
        if (!alive || state != newState)
            return false;
    }
    return true;
}

void TopicSubscriptionPrivate::stop(TopicSubscription *q)
{
    mailbox->close();
    current.reset();
    if (auto f = std::exchange(detach, nullptr))
        f();
    if (q)
        setState(q, TopicSubscription::State::Stopped);
}

void TopicSubscriptionPrivate::postContinuation(TopicSubscription *q)
{
    if (std::exchange(continuationPosted, true))
        return;
    Threading::post(q, [q] {
        q->d->continuationPosted = false;
        q->d->deliver(q);
    });
}

bool TopicSubscriptionPrivate::outOfTime(TopicSubscription *q, const QElapsedTimer &turn)
{
    if (turn.nsecsElapsed() < TurnBudgetNs)
        return false;
    postContinuation(q);
    return true;
}

void TopicSubscriptionPrivate::release(TopicSubscription *q)
{
    if (!std::exchange(held, false))
        return;
    postContinuation(q);
}

// A model consumes eventsReceived only: walking a large batch record by
// record for no receiver would delay the next batch for nothing.
bool TopicSubscriptionPrivate::hasRecordSlots(TopicSubscription *q) const
{
    static const QMetaMethod upserted = QMetaMethod::fromSignal(&TopicSubscription::upserted);
    static const QMetaMethod deleted = QMetaMethod::fromSignal(&TopicSubscription::deleted);
    return q->isSignalConnected(upserted) || q->isSignalConnected(deleted);
}

// Signal arguments are copies: a slot that deletes the subscription must not
// pull them from under the slots connected after it.
bool TopicSubscriptionPrivate::announce(TopicSubscription *q)
{
    const QPointer<TopicSubscription> alive(q);
    if (!current->error.isNull()) {
        const Error error = current->error;
        this->error = error;
        if (!setState(q, TopicSubscription::State::Error))
            return false;
        emit q->errorOccurred(error);
        if (!carriesOn(alive))
            return false;
    }
    if (current->resync) {
        emit q->resyncRequired();
        if (!carriesOn(alive))
            return false;
    }
    if (current->snapshot) {
        const QList<QVariantMap> records = *current->snapshot;
        emit q->snapshotReceived(records);
        if (!carriesOn(alive))
            return false;
    }
    return true;
}

bool TopicSubscriptionPrivate::emitRecords(TopicSubscription *q, const QElapsedTimer &turn)
{
    const QPointer<TopicSubscription> alive(q);
    const qsizetype snapshotSize = current->snapshot ? current->snapshot->size() : 0;
    if (!hasRecordSlots(q))
        nextRecord = std::max(nextRecord, snapshotSize);
    while (nextRecord < snapshotSize) {
        if (outOfTime(q, turn))
            return false;
        const QVariantMap record = current->snapshot->at(nextRecord++);
        emit q->upserted(record);
        if (!carriesOn(alive))
            return false;
    }
    if (!std::exchange(eventsAnnounced, true) && !current->events.isEmpty()) {
        const QList<RecordEvent> events = current->events;
        emit q->eventsReceived(events);
        if (!carriesOn(alive))
            return false;
    }
    if (!hasRecordSlots(q))
        return true;
    while (nextRecord - snapshotSize < current->events.size()) {
        if (outOfTime(q, turn))
            return false;
        const RecordEvent event = current->events.at(nextRecord++ - snapshotSize);
        if (event.kind == RecordEvent::Kind::Deleted)
            emit q->deleted(event.slug);
        else
            emit q->upserted(event.record);
        if (!carriesOn(alive))
            return false;
    }
    return true;
}

void TopicSubscriptionPrivate::deliver(TopicSubscription *q)
{
    QElapsedTimer turn;
    turn.start();
    for (;;) {
        if (mailbox->isClosed()) {
            // Unsubscribed here, or the broadcaster was stopped.
            current.reset();
            setState(q, TopicSubscription::State::Stopped);
            return;
        }
        if (!current) {
            if (held || outOfTime(q, turn))
                return;
            TopicMailbox::Batch batch = mailbox->take();
            if (batch.isEmpty()) {
                // A producer's close that landed between the look above and
                // this take sent no wake-up, this delivery being the pending
                // one: look again, or the subscription never stops.
                if (mailbox->isClosed())
                    continue;
                return;
            }
            current = std::make_unique<TopicMailbox::Batch>(std::move(batch));
            nextRecord = 0;
            eventsAnnounced = false;
            if (!announce(q))
                return;
        }
        if (!emitRecords(q, turn))
            return;
        const bool becameActive = std::exchange(current, nullptr)->becameActive;
        if (becameActive && state == TopicSubscription::State::Subscribing
            && !setState(q, TopicSubscription::State::Active)) {
            return;
        }
    }
}

TopicSubscription::TopicSubscription(std::unique_ptr<TopicSubscriptionPrivate> dd)
    : d(std::move(dd))
{
}

TopicSubscription::~TopicSubscription()
{
    {
        std::lock_guard lock(contexts().mutex);
        contexts().byContext.remove(d->context, this);
    }
    d->stop(nullptr);
}

QString TopicSubscription::topic() const
{
    return d->topic;
}

bool TopicSubscription::isActive() const
{
    return isActiveState(d->state);
}

TopicSubscription::Delivery TopicSubscription::delivery() const
{
    return d->mailbox->delivery;
}

TopicSubscription::State TopicSubscription::state() const
{
    return d->state;
}

Error TopicSubscription::error() const
{
    return d->error;
}

void TopicSubscription::unsubscribe()
{
    d->stop(this);
}

} // namespace Dust
