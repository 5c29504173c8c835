// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#ifndef DUSTTOPICSUBSCRIPTION_P_H
#define DUSTTOPICSUBSCRIPTION_P_H

#include <dustprivateapi_p.h>

//
//  W A R N I N G
//  -------------
//
// This file is not part of the DustQt API. It may change without notice.
//

#include <dusttopicmailbox_p.h>
#include <dusttopicsubscription.h>

#include <QtCore/qelapsedtimer.h>

#include <functional>
#include <memory>
#include <optional>

namespace Dust {

class DUST_CORE_EXPORT TopicSubscriptionPrivate
{
public:
    TopicSubscriptionPrivate(const QString &topic, std::shared_ptr<TopicMailbox> mailbox,
                             std::function<void()> detach, const QObject *hub = nullptr);

    // Creates a subscription that lives in `context`'s thread and is owned by
    // `context`, from any thread, and wires its mailbox's wake-up to that
    // thread. From another thread it is parented once `context`'s thread
    // runs, and deleted with `context` either way. It stops when that thread
    // finishes.
    static TopicSubscription *create(QObject *context, std::unique_ptr<TopicSubscriptionPrivate> d);
    static TopicSubscriptionPrivate *get(TopicSubscription *q) { return q->d.get(); }
    // The live subscriptions created with `context`, whatever their parent
    // is now. Call it on `context`'s thread.
    static QList<QPointer<TopicSubscription>> createdWith(const QObject *context);

    void deliver(TopicSubscription *q);
    void stop(TopicSubscription *q);
    // A consumer that applies a batch over several turns (ListModel) holds
    // the subscription until it is done: later batches wait, and coalesce,
    // in the mailbox rather than in a second queue of the consumer's.
    // Releasing delivers what waits, in a later turn.
    void hold() { held = true; }
    void release(TopicSubscription *q);

    const QString topic;
    const std::shared_ptr<TopicMailbox> mailbox;
    const QObject *const hub; // identity only, for unsubscribeFromPubSub()
    const QObject *context = nullptr; // identity only, see createdWith()
    TopicSubscription::State state = TopicSubscription::State::Subscribing;
    Error error;
    // Tells the broadcaster to forget this subscriber; called at most once.
    std::function<void()> detach;

private:
    // Each returns false when a slot destroyed or stopped the subscription:
    // the caller then returns at once, touching nothing of it.
    bool setState(TopicSubscription *q, TopicSubscription::State state);
    bool announce(TopicSubscription *q);
    bool emitRecords(TopicSubscription *q, const QElapsedTimer &turn);
    bool outOfTime(TopicSubscription *q, const QElapsedTimer &turn);
    void postContinuation(TopicSubscription *q);
    bool hasRecordSlots(TopicSubscription *q) const;

    // The batch being delivered: its per-record signals are spread over as
    // many event-loop turns as the time budget needs. Allocated only while
    // there is one, as most of a subscription's life there is none.
    std::unique_ptr<TopicMailbox::Batch> current;
    qsizetype nextRecord = 0;
    bool eventsAnnounced = false;
    bool continuationPosted = false;
    bool held = false;
};

} // namespace Dust

#endif // DUSTTOPICSUBSCRIPTION_P_H
