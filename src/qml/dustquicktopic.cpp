// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#include "dustquicktopic.h"
#include "dustquickerror_p.h"
#include "dustquickschema.h"
#include "dustquicktarget_p.h"

#include <dustpubsub.h>
#include <dusttopicsubscription.h>

#include <QtCore/qpointer.h>

namespace Dust {

static TopicSubscription::Delivery subscriptionDelivery(QuickTopic::Delivery delivery)
{
    switch (delivery) {
    case QuickTopic::Delivery::Coalesced:
        return TopicSubscription::Delivery::Coalesced;
    case QuickTopic::Delivery::EveryEvent:
        return TopicSubscription::Delivery::EveryEvent;
    }
    return TopicSubscription::Delivery::Coalesced;
}

static QuickTopic::State quickState(TopicSubscription::State state)
{
    switch (state) {
    case TopicSubscription::State::Subscribing:
        return QuickTopic::State::Subscribing;
    case TopicSubscription::State::Active:
        return QuickTopic::State::Active;
    case TopicSubscription::State::Stopped:
        return QuickTopic::State::Stopped;
    case TopicSubscription::State::Error:
        return QuickTopic::State::Error;
    }
    return QuickTopic::State::Error;
}

class QuickTopicPrivate
{
public:
    explicit QuickTopicPrivate(QuickTopic *q) : q(q), target(q, [this] { resubscribe(); }) { }

    void resubscribe();
    void fail(const Error &failure, bool warn);
    void setState(QuickTopic::State newState);

    QuickTopic *const q;
    Quick::TopicTarget target;
    bool complete = true;
    QuickTopic::Delivery delivery = QuickTopic::Delivery::Coalesced;
    bool includeCurrent = false;
    int maxBacklog = TopicOptions().maxBacklog;
    bool enabled = true;
    QPointer<TopicSubscription> subscription;
    QuickTopic::State state = QuickTopic::State::Inactive;
    Error error;
};

void QuickTopicPrivate::setState(QuickTopic::State newState)
{
    if (state == newState)
        return;
    state = newState;
    emit q->stateChanged();
}

void QuickTopicPrivate::fail(const Error &failure, bool warn)
{
    error = failure;
    if (warn)
        Quick::warnDeclaration(q, failure);
    setState(QuickTopic::State::Error);
    emit q->errorChanged();
    emit q->errorOccurred(failure);
}

void QuickTopicPrivate::resubscribe()
{
    if (!complete)
        return;
    // Deleting the subscription is the unsubscribe.
    delete subscription;
    if (!error.isNull()) {
        error = Error();
        emit q->errorChanged();
    }
    if (!enabled) {
        setState(QuickTopic::State::Inactive);
        return;
    }
    const auto resolved = target.resolve();
    if (!resolved) {
        setState(QuickTopic::State::Inactive);
        return;
    }
    if (!*resolved) {
        // The schema's own declaration mistakes are reported by the schema.
        const QuickSchema *schema = target.effectiveSchema();
        fail(resolved->error(), !schema || resolved->error() != schema->error());
        return;
    }
    const Quick::TopicTarget::Resolved &r = **resolved;
    TopicOptions options;
    options.delivery = subscriptionDelivery(delivery);
    options.includeCurrent = includeCurrent;
    options.maxBacklog = maxBacklog;
    const Result<TopicSubscription *> made = subscribeToPubSub(r.repo, r.schema, r.hub, r.topic, q, options);
    if (!made) {
        fail(made.error(), true);
        return;
    }
    subscription = *made;
    QObject::connect(subscription, &TopicSubscription::upserted, q,
                     [this](const QVariantMap &record) { emit q->upserted(record); });
    QObject::connect(subscription, &TopicSubscription::deleted, q, &QuickTopic::deleted);
    QObject::connect(subscription, &TopicSubscription::resyncRequired, q, &QuickTopic::resyncRequired);
    QObject::connect(subscription, &TopicSubscription::errorOccurred, q,
                     [this](const Error &error) { fail(error, true); });
    QObject::connect(subscription, &TopicSubscription::stateChanged, q,
                     [this](TopicSubscription::State s) { setState(quickState(s)); });
    setState(quickState(subscription->state()));
}

QuickTopic::QuickTopic(QObject *parent)
    : QObject(parent), d(std::make_unique<QuickTopicPrivate>(this))
{
}

QuickTopic::~QuickTopic()
{
    // The subscription is a child; deleting it first keeps its signals
    // from reaching a half-destroyed topic.
    delete d->subscription;
}

QuickRepo *QuickTopic::repo() const
{
    return d->target.repo();
}

void QuickTopic::setRepo(QuickRepo *repo)
{
    d->target.setRepo(repo);
}

QuickSchema *QuickTopic::schema() const
{
    return d->target.schema();
}

void QuickTopic::setSchema(QuickSchema *schema)
{
    d->target.setSchema(schema);
}

QString QuickTopic::topic() const
{
    return d->target.topic();
}

void QuickTopic::setTopic(const QString &topic)
{
    d->target.setTopic(topic);
}

PubSub *QuickTopic::hub() const
{
    return d->target.hub();
}

void QuickTopic::setHub(PubSub *hub)
{
    d->target.setHub(hub);
}

void QuickTopic::resetHub()
{
    setHub(nullptr);
}

QuickTopic::Delivery QuickTopic::delivery() const
{
    return d->delivery;
}

void QuickTopic::setDelivery(Delivery delivery)
{
    d->target.setOption(d->delivery, delivery, &QuickTopic::deliveryChanged);
}

bool QuickTopic::includeCurrent() const
{
    return d->includeCurrent;
}

void QuickTopic::setIncludeCurrent(bool include)
{
    d->target.setOption(d->includeCurrent, include, &QuickTopic::includeCurrentChanged);
}

int QuickTopic::maxBacklog() const
{
    return d->maxBacklog;
}

void QuickTopic::setMaxBacklog(int events)
{
    d->target.setOption(d->maxBacklog, events, &QuickTopic::maxBacklogChanged);
}

bool QuickTopic::isEnabled() const
{
    return d->enabled;
}

void QuickTopic::setEnabled(bool enabled)
{
    d->target.setOption(d->enabled, enabled, &QuickTopic::enabledChanged);
}

QuickTopic::State QuickTopic::state() const
{
    return d->state;
}

Error QuickTopic::error() const
{
    return d->error;
}

void QuickTopic::classBegin()
{
    d->complete = false;
}

void QuickTopic::componentComplete()
{
    d->complete = true;
    d->resubscribe();
}

} // namespace Dust
