// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

// Store::singleFlight() across clients of dust-devserver: one runs the work,
// the others wait for and receive its result; a holder that dies is taken
// over after the TTL; bad keys and TTLs are refused.

#include "clienttestutils.h"

#include <QtCore/qdeadlinetimer.h>
#include <QtCore/qeventloop.h>
#include <QtCore/qpromise.h>
#include <QtCore/qthread.h>
#include <QtCore/qtimer.h>

using namespace Qt::StringLiterals;
using namespace DustTest;
using namespace std::chrono_literals;

namespace {

const QString StoreName = u"test/flight"_s;

Dust::TestServerOptions serverOptions()
{
    Dust::TestServerOptions options;
    options.stores = {StoreName};
    return options;
}

// Work that finishes when the test says so, counting its runs.
struct ControlledWork
{
    int runs = 0;
    std::shared_ptr<QPromise<Dust::Result<QJsonValue>>> promise;

    std::function<QFuture<Dust::Result<QJsonValue>>()> function()
    {
        return [this] {
            ++runs;
            promise = std::make_shared<QPromise<Dust::Result<QJsonValue>>>();
            promise->start();
            return promise->future();
        };
    }
    void complete(const Dust::Result<QJsonValue> &result)
    {
        promise->addResult(result);
        promise->finish();
    }
};

// Waits for `condition` on this thread without running its event loop, so
// what other threads post here piles up until the test lets it run.
bool holdEventsUntil(const std::function<bool()> &condition)
{
    QDeadlineTimer deadline(10s);
    while (!condition()) {
        if (deadline.hasExpired())
            return false;
        QThread::msleep(2);
    }
    return true;
}

} // namespace

class tst_SingleFlight : public QObject
{
    Q_OBJECT

private slots:
    void oneHolderAllReceive();
    void resultIsAStringLeaf();
    void deadHolderIsTakenOver();
    void failedWorkLetsAWaiterRun();
    void waiterAnsweredAfterTheRelease();
    void badInput_data();
    void badInput();
};

void tst_SingleFlight::oneHolderAllReceive()
{
    Dust::TestServer server(serverOptions());
    QVERIFY(server.isReady());
    auto second = server.createClient();
    auto third = server.createClient();
    QVERIFY(server.connectClient(second.get()));
    QVERIFY(server.connectClient(third.get()));
    QList<Dust::Store *> stores{server.store(), second->store(StoreName), third->store(StoreName)};

    ControlledWork work;
    QList<QFuture<Dust::Result<QJsonValue>>> calls;
    const qint64 receivedBefore = server.server()->writesReceived(StoreName);
    for (Dust::Store *store : stores)
        calls.append(store->singleFlight(u"reports/daily"_s, 30s, work.function()));
    // Every lease attempt is answered before the holder finishes.
    QTRY_COMPARE(work.runs, 1);
    QTRY_VERIFY(server.server()->writesReceived(StoreName) >= receivedBefore + 3);
    for (Dust::Store *store : stores)
        QTRY_VERIFY(store->entry(u"_dust:sf/reports/daily/lock"_s).has_value());
    QVERIFY(std::none_of(calls.cbegin(), calls.cend(), [](const auto &f) { return f.isFinished(); }));

    const QJsonObject report{{u"rows"_s, 3}, {u"title"_s, u"Daily"_s}};
    work.complete(QJsonValue(report));
    for (const auto &call : calls) {
        const Dust::Result<QJsonValue> result = await(call);
        QVERIFY2(result, qPrintable(result.error().toString()));
        QCOMPARE(*result, QJsonValue(report));
    }
    QCOMPARE(work.runs, 1);
    // The lease is released.
    QTRY_VERIFY(!server.store()->entry(u"_dust:sf/reports/daily/lock"_s).has_value());
}

void tst_SingleFlight::resultIsAStringLeaf()
{
    Dust::TestServer server(serverOptions());
    QVERIFY(server.isReady());
    ControlledWork work;
    auto call = server.store()->singleFlight(u"k"_s, 10s, work.function());
    QTRY_COMPARE(work.runs, 1);
    work.complete(QJsonValue(QJsonObject{{u"a"_s, QJsonObject{{u"b"_s, 1}}}}));
    QVERIFY(await(call));
    const std::optional<Dust::Entry> stored = server.store()->entry(u"_dust:sf/k/result"_s);
    QVERIFY(stored);
    QCOMPARE(stored->type, Dust::Entry::Type::String);
    const QJsonObject decoded = QJsonDocument::fromJson(stored->value.toString().toUtf8()).object();
    QCOMPARE(decoded.value(u"value"_s), QJsonValue(QJsonObject{{u"a"_s, QJsonObject{{u"b"_s, 1}}}}));
    QVERIFY(decoded.value(u"token"_s).toInteger() > 0);
}

void tst_SingleFlight::deadHolderIsTakenOver()
{
    Dust::TestServer server(serverOptions());
    QVERIFY(server.isReady());
    // A holder that took the lease and died without a result.
    QVERIFY(server.writeAs(u"dev_dead"_s, Dust::Op::Kind::Lease, u"_dust:sf/job/lock"_s,
                           QJsonObject{{u"ttl_ms"_s, 400}}));
    QVERIFY(server.waitSynced());
    ControlledWork work;
    auto call = server.store()->singleFlight(u"job"_s, 5s, work.function());
    // It waits for the dead holder's lease to run out, then runs the work itself.
    QTRY_COMPARE_WITH_TIMEOUT(work.runs, 1, 10000);
    work.complete(QJsonValue(u"done"_s));
    const Dust::Result<QJsonValue> result = await(call);
    QVERIFY2(result, qPrintable(result.error().toString()));
    QCOMPARE(*result, QJsonValue(u"done"_s));
}

void tst_SingleFlight::failedWorkLetsAWaiterRun()
{
    Dust::TestServer server(serverOptions());
    QVERIFY(server.isReady());
    auto second = server.createClient();
    QVERIFY(server.connectClient(second.get()));
    ControlledWork first;
    ControlledWork other;
    auto holderCall = server.store()->singleFlight(u"job"_s, 30s, first.function());
    QTRY_COMPARE(first.runs, 1);
    auto waiterCall = second->store(StoreName)->singleFlight(u"job"_s, 30s, other.function());
    QTRY_VERIFY(second->store(StoreName)->entry(u"_dust:sf/job/lock"_s).has_value());
    first.complete(Dust::Error(Dust::Error::Kind::Http, u"http"_s));
    const Dust::Result<QJsonValue> failed = await(holderCall);
    QVERIFY(!failed);
    QCOMPARE(failed.error().code(), u"http"_s);
    // The waiter takes the released lease and runs its own work.
    QTRY_COMPARE(other.runs, 1);
    other.complete(QJsonValue(7));
    QCOMPARE(await(waiterCall).valueOr(QJsonValue()), QJsonValue(7));
}

// The waiter's lease is refused while another device holds it, but by the time
// the waiter's thread handles that refusal the holder has written its result
// and released the lock. The holder's token came with the lease event the
// waiter saw in its catch-up: the result is the waiter's, and it does not run
// the work a second time.
void tst_SingleFlight::waiterAnsweredAfterTheRelease()
{
    Dust::TestServer server(serverOptions());
    QVERIFY(server.isReady());
    // Enough history that the waiter's catch-up reaches the lease only after
    // the waiter has subscribed.
    for (int i = 0; i < 2000; ++i)
        QVERIFY(server.writeAs(u"dev_other"_s, Dust::Op::Kind::Set, u"history/%1"_s.arg(i), i));
    const QString lock = u"_dust:sf/job/lock"_s;
    const Dust::Result<qint64> token
        = server.writeAs(u"dev_holder"_s, Dust::Op::Kind::Lease, lock, QJsonObject{{u"ttl_ms"_s, 30000}});
    QVERIFY(token);

    auto waiterClient = server.createClient();
    Dust::Store *waiter = waiterClient->store(StoreName);
    // The connection starts once the cache is loaded; from then on this
    // thread runs no events until the waiter has subscribed.
    QEventLoop loading;
    connect(waiterClient.get(), &Dust::Client::cacheLoaded, &loading, &QEventLoop::quit);
    QTimer::singleShot(10s, &loading, &QEventLoop::quit);
    waiterClient->open();
    loading.exec();
    QVERIFY(holdEventsUntil([&] { return waiter->status() == Dust::Client::Status::Connected; }));
    QVERIFY2(!waiter->entry(lock), "the catch-up reached the lease before the waiter subscribed");
    ControlledWork work;
    const qint64 receivedBefore = server.server()->writesReceived(StoreName);
    auto call = waiter->singleFlight(u"job"_s, 30s, work.function());

    // From here until the release is in the waiter's store, this thread runs
    // no events: the lease event, the refusal, the result and the release
    // all wait for it, in that order.
    QVERIFY(holdEventsUntil([&] { return server.server()->writesReceived(StoreName) > receivedBefore; }));
    const QJsonObject result{{u"token"_s, *token}, {u"value"_s, u"report"_s}};
    QVERIFY(server.writeAs(u"dev_holder"_s, Dust::Op::Kind::Set, u"_dust:sf/job/result"_s,
                           QString::fromUtf8(QJsonDocument(result).toJson(QJsonDocument::Compact))));
    QVERIFY(server.writeAs(u"dev_holder"_s, Dust::Op::Kind::Release, lock, QJsonObject{{u"token"_s, *token}}));
    QVERIFY(holdEventsUntil([&] {
        return waiter->entry(u"_dust:sf/job/result"_s).has_value() && !waiter->entry(lock).has_value();
    }));
    QVERIFY(!call.isFinished());

    QTRY_VERIFY(call.isFinished() || work.runs > 0);
    QCOMPARE(work.runs, 0);
    const Dust::Result<QJsonValue> received = await(call);
    QVERIFY2(received, qPrintable(received.error().toString()));
    QCOMPARE(*received, QJsonValue(u"report"_s));
}

void tst_SingleFlight::badInput_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<int>("ttlMs");
    QTest::addColumn<QString>("code");
    QTest::newRow("empty key") << u""_s << 1000 << u"empty_path"_s;
    QTest::newRow("empty segment") << u"a//b"_s << 1000 << u"empty_segment"_s;
    QTest::newRow("bad escape") << u"a~x"_s << 1000 << u"invalid_escape"_s;
    QTest::newRow("zero ttl") << u"job"_s << 0 << u"invalid_ttl"_s;
    QTest::newRow("negative ttl") << u"job"_s << -5 << u"invalid_ttl"_s;
}

void tst_SingleFlight::badInput()
{
    QFETCH(QString, key);
    QFETCH(int, ttlMs);
    QFETCH(QString, code);
    Dust::TestServer server(serverOptions());
    QVERIFY(server.isReady());
    ControlledWork work;
    const qint64 head = server.storeSeq();
    const Dust::Result<QJsonValue> result
        = await(server.store()->singleFlight(key, std::chrono::milliseconds(ttlMs), work.function()));
    QVERIFY(!result);
    QCOMPARE(result.error().code(), code);
    QVERIFY(!result.error().message().isEmpty());
    QCOMPARE(work.runs, 0);
    QCOMPARE(server.storeSeq(), head);
    const Dust::Result<QJsonValue> noWork = await(server.store()->singleFlight(u"job"_s, 1s, {}));
    QCOMPARE(noWork.error().code(), u"missing_work"_s);
}

QTEST_MAIN(tst_SingleFlight)
#include "tst_singleflight.moc"
