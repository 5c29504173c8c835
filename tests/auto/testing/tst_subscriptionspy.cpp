// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

// Dust::SubscriptionSpy on real subscriptions: order, the waits, and the
// failure message.

#include <dusttest.h>

#include <dustpubsub.h>
#include <dustrepo.h>
#include <duststore.h>

#include <QtCore/qregularexpression.h>
#include <QtTest/qtest.h>

#include <thread>

using namespace Qt::StringLiterals;
using namespace Dust;

namespace {

const QString StoreName = u"acme/links"_s;

TestServerOptions linkStore()
{
    TestServerOptions options;
    options.stores = {StoreName};
    return options;
}

// A server, a Repo on its client, and a hub of the test's own.
struct Fixture
{
    Fixture() : repo(server.client(), StoreName), hub(u"spy"_s) { }

    TopicSubscription *subscribe(QObject *context, const TopicOptions &options = {})
    {
        const Result<TopicSubscription *> sub = subscribeToPubSub(&repo, links, &hub, u"links"_s,
                                                                  context, options);
        return sub.valueOr(nullptr);
    }
    Result<qint64> write(const QString &slug, const QString &title)
    {
        return server.writeAs(u"phone"_s, Op::Kind::Set, u"links/"_s + slug, QJsonObject{{u"title"_s, title}});
    }

    Schema links = *Schema::fromDescriptor(QVariantMap{
            {u"name"_s, u"Link"_s},
            {u"prefix"_s, QStringList{u"links"_s}},
            {u"fields"_s, QVariantMap{{u"title"_s, u"string"_s}}}});
    TestServer server{linkStore()};
    Repo repo;
    PubSub hub;
};

QStringList texts(const SubscriptionSpy &spy)
{
    QStringList out;
    for (const SubscriptionSpy::Event &e : spy.events())
        out.append(e.toString());
    return out;
}

} // namespace

class tst_SubscriptionSpy : public QObject
{
    Q_OBJECT

private slots:
    void recordsInOrder();
    void snapshotFirst();
    void consecutiveWaitsFollowDelivery();
    void waitForCount();
    void resyncAndErrors();
    void failureMessageListsArrivals();
    void clearForgets();
    void nullSubscription();
};

void tst_SubscriptionSpy::recordsInOrder()
{
    Fixture f;
    QObject view;
    SubscriptionSpy spy(f.subscribe(&view, {TopicSubscription::Delivery::EveryEvent}));
    QVERIFY(spy.isValid());
    QTRY_COMPARE(spy.subscription()->state(), TopicSubscription::State::Active);
    DUST_VERIFY(f.write(u"a"_s, u"A"_s));
    QVERIFY(spy.waitForUpsert(u"a"_s));
    DUST_VERIFY(f.write(u"b"_s, u"B"_s));
    DUST_VERIFY(f.server.writeAs(u"phone"_s, Op::Kind::Delete, u"links/a"_s));
    QVERIFY2(spy.waitForDelete(u"a"_s), qPrintable(spy.failureMessage()));
    QVERIFY(spy.failureMessage().isEmpty());
    QCOMPARE(texts(spy), (QStringList{u"+a {title: A}"_s, u"+b {title: B}"_s, u"-a"_s}));
    QCOMPARE(spy.count(), 3);
    QCOMPARE(spy.at(1).kind, SubscriptionSpy::Event::Kind::Upserted);
    QCOMPARE(spy.at(1).record.value(u"title"_s), QVariant(u"B"_s));
    QCOMPARE(spy.upsertedSlugs(), (QStringList{u"a"_s, u"b"_s}));
    QCOMPARE(spy.deletedSlugs(), QStringList{u"a"_s});
    QCOMPARE(spy.record(u"b"_s).value(u"title"_s), QVariant(u"B"_s));
    QVERIFY(spy.record(u"a"_s).isEmpty());
    QVERIFY(spy.record(u"never"_s).isEmpty());
    QCOMPARE(spy.resyncCount(), 0);
    QVERIFY(spy.errors().isEmpty());
}

void tst_SubscriptionSpy::snapshotFirst()
{
    Fixture f;
    DUST_VERIFY(f.write(u"x"_s, u"X"_s));
    DUST_VERIFY(f.write(u"y"_s, u"Y"_s));
    DUST_VERIFY(f.server.waitSynced());
    QObject view;
    TopicOptions options;
    options.includeCurrent = true;
    SubscriptionSpy spy(f.subscribe(&view, options));
    QVERIFY(spy.waitForUpsert(u"y"_s));
    QCOMPARE(spy.at(0).kind, SubscriptionSpy::Event::Kind::Snapshot);
    QCOMPARE(spy.at(0).records.size(), 2);
    QCOMPARE(spy.at(0).toString(), u"snapshot [x, y]"_s);
    QCOMPARE(spy.upsertedSlugs(), (QStringList{u"x"_s, u"y"_s}));
}

void tst_SubscriptionSpy::consecutiveWaitsFollowDelivery()
{
    Fixture f;
    QObject view;
    SubscriptionSpy spy(f.subscribe(&view, {TopicSubscription::Delivery::EveryEvent}));
    QTRY_COMPARE(spy.subscription()->state(), TopicSubscription::State::Active);
    DUST_VERIFY(f.write(u"a"_s, u"first"_s));
    QVERIFY(spy.waitForUpsert(u"a"_s));
    QCOMPARE(spy.record(u"a"_s).value(u"title"_s), QVariant(u"first"_s));
    // The first upsert of "a" was matched already: this waits for the next.
    DUST_VERIFY(f.write(u"a"_s, u"second"_s));
    QVERIFY(spy.waitForUpsert(u"a"_s));
    QCOMPARE(spy.record(u"a"_s).value(u"title"_s), QVariant(u"second"_s));
    QCOMPARE(spy.count(), 2);
    // Nothing newer has arrived.
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"no upsert of \"a\" after event 2"_s));
    QVERIFY(!spy.waitForUpsert(u"a"_s, 20));
}

void tst_SubscriptionSpy::waitForCount()
{
    Fixture f;
    QObject view;
    SubscriptionSpy spy(f.subscribe(&view, {TopicSubscription::Delivery::EveryEvent}));
    QTRY_COMPARE(spy.subscription()->state(), TopicSubscription::State::Active);
    for (int i = 0; i < 5; ++i)
        DUST_VERIFY(f.write(u"r%1"_s.arg(i), u"t"_s));
    QVERIFY(spy.waitForCount(5));
    QCOMPARE(spy.upsertedSlugs(), (QStringList{u"r0"_s, u"r1"_s, u"r2"_s, u"r3"_s, u"r4"_s}));
    QVERIFY(spy.waitForCount(0));
}

// A view that falls behind in EveryEvent mode gets a resync and the current
// state; an error the subscription reports is recorded in its place.
void tst_SubscriptionSpy::resyncAndErrors()
{
    Fixture f;
    QObject view;
    TopicOptions options;
    options.delivery = TopicSubscription::Delivery::EveryEvent;
    options.maxBacklog = 5;
    SubscriptionSpy spy(f.subscribe(&view, options));
    QTRY_COMPARE(spy.subscription()->state(), TopicSubscription::State::Active);
    // This thread delivers nothing until the store has applied every write.
    qint64 last = 0;
    for (int i = 0; i < 50; ++i)
        last = f.write(u"r%1"_s.arg(i), u"t"_s).valueOr(0);
    Store *store = f.server.store();
    for (QDeadlineTimer deadline(30000); store->lastStoreSeq() < last && !deadline.hasExpired();)
        std::this_thread::yield();
    QCOMPARE(store->lastStoreSeq(), last);
    QVERIFY2(spy.waitForResync(), qPrintable(spy.failureMessage()));
    QVERIFY(spy.resyncCount() >= 1);
    QVERIFY(spy.waitForUpsert(u"r49"_s));

    const Error error(Error::Kind::StartFailed, u"not_supported"_s);
    Q_EMIT spy.subscription()->errorOccurred(error);
    QCOMPARE(spy.errors(), QList<Error>{error});
    QCOMPARE(spy.events().last().kind, SubscriptionSpy::Event::Kind::Error);
    QVERIFY(spy.events().last().toString().startsWith(u"error StartFailed/not_supported"_s));
}

void tst_SubscriptionSpy::failureMessageListsArrivals()
{
    Fixture f;
    QObject view;
    SubscriptionSpy spy(f.subscribe(&view, {TopicSubscription::Delivery::EveryEvent}));
    DUST_VERIFY(f.write(u"a"_s, u"A"_s));
    QVERIFY(spy.waitForCount(1));
    DUST_VERIFY(f.server.writeAs(u"phone"_s, Op::Kind::Delete, u"links/a"_s));
    QVERIFY(spy.waitForDelete(u"a"_s));
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"^SubscriptionSpy: no delete of \"zzz\""_s));
    QVERIFY(!spy.waitForDelete(u"zzz"_s, 30));
    const QString message = spy.failureMessage();
    QVERIFY2(message.startsWith(u"SubscriptionSpy: no delete of \"zzz\" after event 2 within 30 ms; "
                                u"the subscription is Active."_s), qPrintable(message));
    QVERIFY2(message.contains(u"Arrived (2 events):\n  1. +a {title: A}\n  2. -a"_s), qPrintable(message));

    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"fewer than 3 events within 10 ms"_s));
    QVERIFY(!spy.waitForCount(3, 10));
    // The subscription going away shows in the message.
    delete spy.subscription();
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"the subscription is gone"_s));
    QVERIFY(!spy.waitForUpsert(u"b"_s, 10));
    // A wait that succeeds clears it.
    QVERIFY(spy.waitForCount(2));
    QVERIFY(spy.failureMessage().isEmpty());
}

void tst_SubscriptionSpy::clearForgets()
{
    Fixture f;
    QObject view;
    SubscriptionSpy spy(f.subscribe(&view, {TopicSubscription::Delivery::EveryEvent}));
    DUST_VERIFY(f.write(u"a"_s, u"A"_s));
    QVERIFY(spy.waitForUpsert(u"a"_s));
    spy.clear();
    QCOMPARE(spy.count(), 0);
    QCOMPARE(spy.describe(), u"Nothing arrived."_s);
    DUST_VERIFY(f.write(u"a"_s, u"A2"_s));
    QVERIFY(spy.waitForUpsert(u"a"_s));
    QCOMPARE(spy.count(), 1);
}

void tst_SubscriptionSpy::nullSubscription()
{
    QTest::ignoreMessage(QtWarningMsg, "SubscriptionSpy: the subscription is null");
    SubscriptionSpy spy(nullptr);
    QVERIFY(!spy.isValid());
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"the subscription is gone"_s));
    QVERIFY(!spy.waitForCount(1, 10));
    QVERIFY(spy.failureMessage().contains(u"Nothing arrived."_s));
}

QTEST_GUILESS_MAIN(tst_SubscriptionSpy)
#include "tst_subscriptionspy.moc"
