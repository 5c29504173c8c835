// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#ifndef DUSTTOPICSUBSCRIPTION_P_H
#define DUSTTOPICSUBSCRIPTION_P_H

//
//  W A R N I N G
//  -------------
//
// This file is not part of the DustQt API. It may change without notice.
//

#include <dusttopicchannel_p.h>
#include <dusttopicsubscription.h>

#include <functional>
#include <memory>

namespace Dust {

class DUST_CORE_EXPORT TopicSubscriptionPrivate
{
public:
    TopicSubscriptionPrivate(const QString &topic, std::shared_ptr<TopicChannel> channel,
                             std::function<void()> detach);

    // Creates a subscription that lives in `context`'s thread with `context`
    // as parent, from any thread.
    static TopicSubscription *create(QObject *context, std::unique_ptr<TopicSubscriptionPrivate> d);

    // Asks `subscription`'s thread to deliver what its channel holds. Safe
    // from any thread, also while the subscription is being destroyed there:
    // `guard` and `thread` were taken on that thread when it was created.
    static void wake(QThread *thread, const QPointer<TopicSubscription> &guard);

    void deliver(TopicSubscription *q);
    void setState(TopicSubscription *q, TopicSubscription::State state);
    void stop(TopicSubscription *q);

    const QString topic;
    const std::shared_ptr<TopicChannel> channel;
    TopicSubscription::State state = TopicSubscription::State::Subscribing;
    // Tells the broadcaster to forget this subscriber; called at most once.
    std::function<void()> detach;
};

} // namespace Dust

#endif // DUSTTOPICSUBSCRIPTION_P_H
