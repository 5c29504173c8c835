// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

// Fault test 2, network cuts: the same four writers and checks as the
// server-crash test, but the clients reach the server through
// dust-faultproxy, which drops every connection at random moments:
// sometimes at once, sometimes mid-frame (half a chunk of data, then a
// reset), and sometimes by blackholing all traffic for longer than the
// clients' heartbeat allows.
//
// Scale: DUST_FAULT_CUTS, or with DUST_FAULT_FULL=1 100 faults (the figure); the
// default CI scale 40.

#include "mixedrun.h"

#include <QtTest/qtest.h>

using namespace Qt::StringLiterals;
using namespace Fault;

class tst_FaultNetworkCuts : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void networkCuts();
};

void tst_FaultNetworkCuts::networkCuts()
{
    const int faults = count("DUST_FAULT_CUTS", 40, 100);
    const int clients = 4;
    const int heartbeatMs = 250;
    QRandomGenerator random(seed());
    std::printf("network cuts: seed=%u scale=%s\n", seed(), fullScale() ? "full" : "ci");

    MixedRun run(clients, heartbeatMs);
    QVERIFY(run.server().start());
    Child proxy(u"dust-faultproxy"_s);
    proxy.start(QStringLiteral(DUST_FAULTPROXY_PATH), {QString::number(run.serverPort())});
    const qsizetype listening = proxy.waitForLine(u"listening"_s, 30000);
    QVERIFY(listening >= 0);
    const quint16 proxyPort = quint16(proxy.line(listening).section(u' ', 1).toUInt());
    QVERIFY(run.startClients(proxyPort));

    int cuts = 0;
    int mid = 0;
    int blackholes = 0;
    int affected = 0;   // connections the faults hit
    for (int i = 0; i < faults; ++i) {
        QTest::qWait(int(random.bounded(100, 600)));
        const int kind = int(random.bounded(10));
        QByteArray command;
        if (kind < 5) {
            command = "cut";
            ++cuts;
        } else if (kind < 8) {
            command = "cutmid";
            ++mid;
        } else {
            // Long enough for a missed heartbeat reply to count as a drop.
            command = "blackhole " + QByteArray::number(3 * heartbeatMs + random.bounded(500));
            ++blackholes;
        }
        const qsizetype from = proxy.lines().size();
        proxy.send(command);
        const qsizetype ok = proxy.waitForLine(u"ok"_s, 10000, from);
        QVERIFY(ok >= 0);
        affected += proxy.line(ok).section(u' ', 2).toInt();
        if (kind >= 8)
            QTest::qWait(3 * heartbeatMs + 500);
    }
    QTest::qWait(500);

    const MixedRunResult result = run.finish(QUrl(u"ws://127.0.0.1:%1/ws/sync"_s.arg(run.serverPort())));
    proxy.send("quit");
    proxy.waitForExit(10000);
    figures(u"faults=%1 acked=%2 lost=%3 dup=%4 converged=%5 (cuts=%6 mid_frame=%7 blackholes=%8 clients=%9 head=%10 connections_hit=%11)"_s
                .arg(faults).arg(result.acked).arg(result.lost).arg(result.dup)
                .arg(result.converged ? u"yes"_s : u"no"_s).arg(cuts).arg(mid).arg(blackholes).arg(clients)
                .arg(result.head).arg(affected));
    for (const QString &problem : result.problems)
        qWarning().noquote() << problem;
    QVERIFY(result.problems.isEmpty());
    QCOMPARE(result.lost, 0);
    QCOMPARE(result.dup, 0);
    QVERIFY(result.converged);
    QVERIFY(result.acked > 0);
    // The faults hit live connections, not only reconnecting clients.
    QVERIFY(affected >= faults);
}

QTEST_GUILESS_MAIN(tst_FaultNetworkCuts)
#include "tst_fault_networkcuts.moc"
