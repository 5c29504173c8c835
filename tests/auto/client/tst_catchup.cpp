// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

// Catch-up progress: a store joined with a backlog reports how much of it
// is applied, throttled, ending with everything applied; a rejoin reports
// only what it missed.

#include "clienttestutils.h"

#include <QtTest/qsignalspy.h>

using namespace Qt::StringLiterals;
using namespace DustTest;
using Dust::Op;

namespace {

const QString StoreName = u"test/catchup"_s;

bool writeMany(Dust::TestServer &server, int count)
{
    for (int i = 0; i < count; ++i) {
        if (!server.writeAs(u"dev_other"_s, Op::Kind::Set, u"items/%1"_s.arg(i), i))
            return false;
    }
    return true;
}

} // namespace

class tst_CatchUp : public QObject
{
    Q_OBJECT

private slots:
    void progressOfABacklog();
    void rejoinReportsOnlyTheGap();
    void storeThreadWokenPerBatchNotPerEvent();
};

void tst_CatchUp::progressOfABacklog()
{
    Dust::TestServer server(serverWithoutClient({StoreName}));
    QVERIFY(server.isReady());
    const int backlog = 3000;
    QVERIFY(writeMany(server, backlog));
    Dust::Store *store = server.store();
    QCOMPARE(store->catchUpApplied(), qint64(0));
    QCOMPARE(store->catchUpTotal(), qint64(0));
    QSignalSpy progress(store, &Dust::Store::catchUpProgressChanged);
    QSignalSpy completed(store, &Dust::Store::catchUpCompleted);
    QVERIFY(server.connectClient());
    QTRY_COMPARE_WITH_TIMEOUT(completed.size(), 1, 30000);
    QTRY_VERIFY(!progress.isEmpty() && progress.last().at(0).toLongLong() == backlog);

    // Throttled: far fewer signals than events, the total fixed, the applied
    // count never going back.
    QVERIFY2(progress.size() < backlog / 10, qPrintable(QString::number(progress.size())));
    qint64 previous = -1;
    for (const QList<QVariant> &step : std::as_const(progress)) {
        QCOMPARE(step.at(1).toLongLong(), qint64(backlog));
        QVERIFY(step.at(0).toLongLong() > previous);
        previous = step.at(0).toLongLong();
    }
    QCOMPARE(store->catchUpApplied(), qint64(backlog));
    QCOMPARE(store->catchUpTotal(), qint64(backlog));
    QCOMPARE(store->lastStoreSeq(), qint64(backlog));
}

void tst_CatchUp::rejoinReportsOnlyTheGap()
{
    Dust::TestServer server(serverWithoutClient({StoreName}));
    QVERIFY(server.isReady());
    QVERIFY(writeMany(server, 10));
    Dust::Store *store = server.store();
    QSignalSpy completed(store, &Dust::Store::catchUpCompleted);
    QVERIFY(server.connectClient());
    QTRY_COMPARE(completed.size(), 1);
    QTRY_COMPARE(store->catchUpApplied(), qint64(10));

    // Written while this client is closed: the next catch-up is those 5.
    server.client()->close();
    QTRY_VERIFY(store->status() != Dust::Client::Status::Connected);
    QVERIFY(writeMany(server, 5));
    QSignalSpy progress(store, &Dust::Store::catchUpProgressChanged);
    QVERIFY(server.connectClient());
    QTRY_COMPARE(completed.size(), 2);
    QTRY_VERIFY(!progress.isEmpty() && progress.last().at(0).toLongLong() == 5);
    QCOMPARE(progress.last().at(1).toLongLong(), qint64(5));
    QCOMPARE(store->catchUpTotal(), qint64(5));
    QCOMPARE(store->catchUpApplied(), qint64(5));
}

void tst_CatchUp::storeThreadWokenPerBatchNotPerEvent()
{
    Dust::TestServer server(serverWithoutClient({StoreName}));
    QVERIFY(server.isReady());
    const int backlog = 3000;
    QVERIFY(writeMany(server, backlog));
    Dust::Store *store = server.store();
    // Each lastStoreSeqChanged is one wake-up of this thread by the engine
    // (coalesced when several land before it runs).
    QSignalSpy seqChanged(store, &Dust::Store::lastStoreSeqChanged);
    QSignalSpy completed(store, &Dust::Store::catchUpCompleted);
    QVERIFY(server.connectClient());
    QTRY_COMPARE_WITH_TIMEOUT(completed.size(), 1, 30000);
    QTRY_VERIFY(!seqChanged.isEmpty() && seqChanged.last().at(0).toLongLong() == backlog);
    QVERIFY2(seqChanged.size() < backlog / 20, qPrintable(QString::number(seqChanged.size())));
    qint64 previous = 0;
    for (const QList<QVariant> &step : std::as_const(seqChanged)) {
        QVERIFY(step.at(0).toLongLong() > previous);
        previous = step.at(0).toLongLong();
    }
}

QTEST_MAIN(tst_CatchUp)
#include "tst_catchup.moc"
