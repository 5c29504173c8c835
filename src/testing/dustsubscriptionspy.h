// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#ifndef DUSTSUBSCRIPTIONSPY_H
#define DUSTSUBSCRIPTIONSPY_H

#include <dusttestglobal.h>

#include <dusterror.h>

#include <QtCore/qlist.h>
#include <QtCore/qobject.h>
#include <QtCore/qvariantmap.h>

#include <memory>

namespace Dust {

class SubscriptionSpyPrivate;
class TopicSubscription;

/*!
    Records what a TopicSubscription delivers, in the order it arrives:
    snapshots, upserted records, deleted slugs, resyncs and errors. Like
    QSignalSpy, it is created in the subscription's thread before the
    events it should see, and its waits run the event loop and return false
    when the time is up. A failed wait warns (category dust.test), and
    failureMessage() says what was awaited and lists everything that did
    arrive.

    waitForUpsert() and waitForDelete() look at the events after the one the
    previous successful wait matched, so consecutive waits follow the order
    of delivery: the second waitForUpsert(u"a"_s) waits for a later upsert of
    "a" than the first.

    \code
    Dust::SubscriptionSpy spy(subscription);
    server.writeAs(u"phone"_s, Dust::Op::Kind::Set, u"links/qt"_s, QJsonObject{{u"title"_s, u"Qt"_s}});
    QVERIFY2(spy.waitForUpsert(u"qt"_s), qPrintable(spy.failureMessage()));
    QCOMPARE(spy.record(u"qt"_s).value(u"title"_s), u"Qt"_s);
    \endcode
*/
class DUST_TEST_EXPORT SubscriptionSpy : public QObject
{
    Q_OBJECT
    Q_PROPERTY(int count READ count NOTIFY recorded)

public:
    struct Event
    {
        enum class Kind { Snapshot, Upserted, Deleted, ResyncRequired, Error };

        Kind kind = Kind::Upserted;
        QString slug;                ///< Upserted, Deleted
        QVariantMap record;          ///< Upserted
        QList<QVariantMap> records;  ///< Snapshot
        Dust::Error error;           ///< Error

        // "+slug {field: value, ...}", "-slug", "snapshot [a, b]", "resync",
        // "error kind/code: message".
        QString toString() const;
    };

    static constexpr int DefaultTimeout = 5000;

    explicit SubscriptionSpy(TopicSubscription *subscription, QObject *parent = nullptr);
    ~SubscriptionSpy() override;

    /// False when constructed with a null subscription.
    bool isValid() const;
    TopicSubscription *subscription() const;

    QList<Event> events() const;
    int count() const;
    Event at(int i) const;
    /// The slugs of the upserts and deletes, in order, repeats included.
    QStringList upsertedSlugs() const;
    QStringList deletedSlugs() const;
    int resyncCount() const;
    QList<Dust::Error> errors() const;
    /// The fields of the newest upsert of `slug`, or an empty map.
    QVariantMap record(const QString &slug) const;
    /// Forgets every event, and where the last wait matched.
    void clear();

    bool waitForUpsert(const QString &slug, int timeout = DefaultTimeout);
    bool waitForDelete(const QString &slug, int timeout = DefaultTimeout);
    /// Until count() >= n (every kind of event counts).
    bool waitForCount(int n, int timeout = DefaultTimeout);
    /// Until a resyncRequired() arrives after the last matched event.
    bool waitForResync(int timeout = DefaultTimeout);

    /// Why the last wait failed, with every event that arrived; empty after
    /// a wait that succeeded.
    QString failureMessage() const;
    /// Every event that arrived, one per numbered line.
    QString describe() const;

Q_SIGNALS:
    void recorded();

private:
    friend class SubscriptionSpyPrivate;
    std::unique_ptr<SubscriptionSpyPrivate> d;
};

} // namespace Dust

#endif // DUSTSUBSCRIPTIONSPY_H
