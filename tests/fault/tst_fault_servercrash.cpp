// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

// Fault test 1, server crash: four client processes write a mixed op stream
// (set, merge, increment, add, remove, delete, compare-and-set) to a
// dust-devserver child process, which is killed with SIGKILL at random
// moments and restarted on the same data directory. Afterwards every
// acknowledged write is in the server's state, none is applied twice, every
// client converges, each committed subscription saw every store_seq once in
// order, and each client's ListModel equals a fresh all().
//
// Scale: DUST_FAULT_KILLS, or with DUST_FAULT_FULL=1 20 kills (the figure); the
// default CI scale 8.

#include "mixedrun.h"

#include <QtTest/qtest.h>

using namespace Qt::StringLiterals;
using namespace Fault;

class tst_FaultServerCrash : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void serverCrash();
};

void tst_FaultServerCrash::serverCrash()
{
    const int faults = count("DUST_FAULT_KILLS", 8, 20);
    const int clients = 4;
    QRandomGenerator random(seed());
    std::printf("server crash: seed=%u scale=%s\n", seed(), fullScale() ? "full" : "ci");

    MixedRun run(clients, 1000);
    QVERIFY(run.server().start());
    QVERIFY(run.startClients(run.serverPort()));

    for (int i = 0; i < faults; ++i) {
        // Let the clients write for a random while, then pull the plug.
        QTest::qWait(int(random.bounded(200, 1200)));
        run.server().kill();
        QVERIFY2(run.server().start(), "the server did not restart on its data directory");
    }
    QTest::qWait(500);

    QUrl url(u"ws://127.0.0.1:%1/ws/sync"_s.arg(run.serverPort()));
    const MixedRunResult result = run.finish(url);
    figures(u"faults=%1 acked=%2 lost=%3 dup=%4 converged=%5 (clients=%6 head=%7 issued=%8 cas_acked=%9)"_s
                .arg(faults).arg(result.acked).arg(result.lost).arg(result.dup)
                .arg(result.converged ? u"yes"_s : u"no"_s).arg(clients).arg(result.head).arg(result.issued)
                .arg(result.casAcked));
    for (const QString &problem : result.problems)
        qWarning().noquote() << problem;
    QVERIFY(result.problems.isEmpty());
    QCOMPARE(result.lost, 0);
    QCOMPARE(result.dup, 0);
    QVERIFY(result.converged);
    QVERIFY(result.acked > 0);
}

QTEST_GUILESS_MAIN(tst_FaultServerCrash)
#include "tst_fault_servercrash.moc"
