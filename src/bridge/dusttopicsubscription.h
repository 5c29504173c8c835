// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#ifndef DUSTTOPICSUBSCRIPTION_H
#define DUSTTOPICSUBSCRIPTION_H

#include <dusterror.h>
#include <dustrecordevent.h>

#include <QtCore/qobject.h>

#include <memory>

namespace Dust {

class TopicSubscriptionPrivate;

/*!
    A view's handle on one PubSub topic: the records of a schema as they
    change, delivered in the thread the subscription lives in, batched per
    event-loop turn. The bridge creates it (see subscribeToPubSub()) and its
    owner destroys it; destroying it, by delete, deleteLater() or with its
    parent, is all the cleanup a view needs.

    Nothing a slot connected here does can stall the store's sync engine or
    another view: the broadcaster on the bridge thread queues for each
    subscription separately, with bounded memory (see Delivery). A slow
    slot does not hold its own thread either: the per-record signals of a
    large batch are spread over event-loop turns of a few milliseconds.

    A slot connected to any of its signals may delete the subscription or
    its owner, call unsubscribe() or stopBroadcaster(): the delivery in
    progress ends there, and nothing more is emitted on a deleted
    subscription.

    \code
    auto sub = Dust::subscribeToPubSub(repo, links, Dust::PubSub::defaultHub(),
                                       u"links"_s, listWidget);
    if (!sub)
        return showError(sub.error());
    connect(*sub, &Dust::TopicSubscription::upserted, listWidget,
            [=](const QVariantMap &link) { showLink(link); });
    connect(*sub, &Dust::TopicSubscription::deleted, listWidget,
            [=](const QString &slug) { removeLink(slug); });
    \endcode
*/
class DUST_CORE_EXPORT TopicSubscription : public QObject
{
    Q_OBJECT
    Q_PROPERTY(QString topic READ topic CONSTANT)
    Q_PROPERTY(bool active READ isActive NOTIFY activeChanged)
    Q_PROPERTY(Delivery delivery READ delivery CONSTANT)
    Q_PROPERTY(State state READ state NOTIFY stateChanged)
    Q_PROPERTY(Dust::Error error READ error NOTIFY errorOccurred)

public:
    /// Coalesced: a view that falls behind gets the latest state of each
    /// record it missed, in first-change order. EveryEvent: every event in
    /// order, up to a backlog bound; past it the backlog is dropped and
    /// resyncRequired() is emitted.
    enum class Delivery { Coalesced, EveryEvent };
    Q_ENUM(Delivery)

    /// Subscribing: the current records are still on their way
    /// (includeCurrent). Active: live. Stopped: unsubscribed, or the
    /// broadcaster was stopped. Error: the subscription failed (see
    /// errorOccurred()).
    enum class State { Subscribing, Active, Stopped, Error };
    Q_ENUM(State)

    ~TopicSubscription() override;

    QString topic() const;
    bool isActive() const;
    Delivery delivery() const;
    State state() const;
    /// Why the subscription failed (state Error); null otherwise.
    Error error() const;

public Q_SLOTS:
    /// Stops delivery to this subscription only; siblings are not affected.
    void unsubscribe();

Q_SIGNALS:
    /// Every current record: the first delivery of a subscription made with
    /// includeCurrent, and the state to reload after a resync. It replaces
    /// what the receiver had (records missing from it are gone). upserted()
    /// follows for each record; eventsReceived() does not repeat them.
    void snapshotReceived(const QList<QVariantMap> &records);
    /// The events of one batch, in order (for models), emitted before the
    /// per-record signals of the same batch (which may follow over several
    /// event-loop turns, before the next batch).
    void eventsReceived(const QList<Dust::RecordEvent> &batch);
    void upserted(const QVariantMap &record);
    void deleted(const QString &slug);
    /// Events were lost (the view fell behind in EveryEvent mode, or the
    /// store subscription had to be re-established): reload, then carry on.
    void resyncRequired();
    void errorOccurred(const Dust::Error &error);
    void activeChanged(bool active);
    void stateChanged(Dust::TopicSubscription::State state);

private:
    friend class TopicSubscriptionPrivate;
    explicit TopicSubscription(std::unique_ptr<TopicSubscriptionPrivate> d);

    std::unique_ptr<TopicSubscriptionPrivate> d;
};

} // namespace Dust

#endif // DUSTTOPICSUBSCRIPTION_H
