// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

// Fault test 5, client restart: a client process with a SQLite cache writes
// a stream (one new path per write) and is killed with SIGKILL while writes
// are pending, then restarted on the same cache, again and again. After
// each kill the cache file is intact (integrity_check) and holds its seq
// and its outbox; after each restart the client joins from exactly that
// persisted seq and resends the outbox. At the end every write that was in
// an outbox is at the server, no write is applied twice, and the client's
// copy equals the server's.
//
// Scale: DUST_FAULT_CLIENT_KILLS, or with DUST_FAULT_FULL=1 20 kills; CI 10.

#include "faultharness.h"

#include <dustserver.h>

#include <QtCore/qregularexpression.h>
#include <QtCore/qtemporarydir.h>
#include <QtTest/qtest.h>

using namespace Qt::StringLiterals;
using namespace Fault;

namespace {

const QString StoreName = u"acme/restart"_s;
const QString Token = u"dust_tok_restart_0123456789abcdef"_s;

} // namespace

class tst_FaultClientRestart : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cleanupTestCase() { Fault::waitForWorkerThreadsToExit(); }
    void clientRestart();
};

void tst_FaultClientRestart::clientRestart()
{
    const int faults = count("DUST_FAULT_CLIENT_KILLS", 10, 20);
    QRandomGenerator random(seed());
    std::printf("client restart: seed=%u scale=%s\n", seed(), fullScale() ? "full" : "ci");

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    LogCapture logs;
    Dust::ServerOptions options;
    options.port = 0;
    options.dataDir = dir.filePath(u"server"_s);
    options.stores = {StoreName};
    options.tokens = {Dust::TokenGrant{Token, {u"entries:read"_s, u"entries:write"_s}, true, {}}};
    auto server = std::make_unique<Dust::Server>(options);
    QVERIFY(server->start());

    const QString cacheDir = dir.filePath(u"cache"_s);
    const QString cacheFile = QDir(cacheDir).filePath(u"acme~1restart.sqlite"_s);
    const QStringList arguments{u"--url"_s, server->webSocketUrl().toString(), u"--token"_s, Token,
                                u"--store"_s, StoreName, u"--mode"_s, u"restart"_s, u"--cache"_s, cacheDir,
                                u"--window"_s, u"32"_s, u"--out"_s, dir.filePath(u"client.json"_s)};

    QString device;
    qint64 persistedSeq = -1;
    qint64 persistedPendingTotal = 0;
    int killsWithPending = 0;
    QSet<QString> outboxIds;
    Child client(u"client"_s);

    // Starts the client, and checks it joined from the persisted seq.
    const auto startClient = [&]() -> bool {
        const qsizetype logsFrom = logs.messages().size();
        client.start(QStringLiteral(DUST_FAULTCLIENT_PATH), arguments);
        const qsizetype ready = client.waitForLine(u"ready"_s, 60000);
        if (ready < 0)
            return false;
        const QString id = client.line(ready).section(u' ', 1);
        if (!device.isEmpty() && id != device) {
            qWarning() << "device id changed across a restart:" << device << id;
            return false;
        }
        device = id;
        if (persistedSeq < 0)
            return true;
        // "device <id> joined store:acme/restart from store_seq <n> at head <h>"
        static const QRegularExpression joined(u"device (\\S+) joined store:acme/restart from store_seq (\\d+)"_s);
        qint64 from = -1;
        waitUntil([&] {
            const QStringList messages = logs.messages();
            for (qsizetype i = logsFrom; i < messages.size(); ++i) {
                const QRegularExpressionMatch m = joined.match(messages.at(i));
                if (m.hasMatch() && m.captured(1) == device) {
                    from = m.captured(2).toLongLong();
                    return true;
                }
            }
            return false;
        });
        if (from != persistedSeq) {
            qWarning() << "rejoined from" << from << "but the cache had persisted" << persistedSeq;
            return false;
        }
        return true;
    };

    for (int round = 0; round < faults; ++round) {
        QVERIFY2(startClient(), qPrintable(client.lines().join(u'\n')));
        QTest::qWait(int(random.bounded(150, 700)));
        client.kill();

        // The cache after a SIGKILL: intact, with its seq and outbox.
        SqliteFile cache(cacheFile);
        QVERIFY(cache.isOpen());
        QCOMPARE(cache.value(u"PRAGMA integrity_check"_s).toString(), u"ok"_s);
        persistedSeq = cache.value(u"SELECT value FROM meta WHERE key = 'last_seq'"_s).toLongLong();
        const QList<QVariantList> outbox = cache.rows(u"SELECT client_op_id FROM outbox"_s, 1);
        for (const QVariantList &row : outbox)
            outboxIds.insert(row.first().toString());
        persistedPendingTotal += outbox.size();
        if (!outbox.isEmpty())
            ++killsWithPending;
    }

    // A last run that is allowed to finish.
    QVERIFY2(startClient(), qPrintable(client.lines().join(u'\n')));
    QTest::qWait(300);
    client.send("stop");
    QVERIFY(client.waitForLine(u"written"_s, 300000) >= 0);
    const qint64 head = server->storeSeq(StoreName);
    client.send("verify " + QByteArray::number(head));
    QVERIFY(client.waitForLine(u"verified"_s, 300000) >= 0);
    QVERIFY(client.waitForExit());
    QCOMPARE(client.exitCode(), 0);
    server->stop();

    const ServerState state = ServerState::read(QDir(options.dataDir).filePath(u"stores/acme/restart.db"_s));
    const QJsonObject result = readJson(dir.filePath(u"client.json"_s));
    QSet<QString> serverIds;
    QHash<QString, int> opsPerPath;
    qint64 deviceOps = 0;
    for (const ServerState::OpRow &op : state.ops) {
        if (op.device != device)
            continue;
        ++deviceOps;
        serverIds.insert(op.clientOpId);
        ++opsPerPath[op.path];
    }
    // Lost: an outbox write that never reached the server.
    qint64 lost = 0;
    for (const QString &id : std::as_const(outboxIds)) {
        if (!serverIds.contains(id))
            ++lost;
    }
    // Duplicated: a path written more than once (each write has its own
    // path), or a counter above 1.
    qint64 dup = 0;
    for (auto it = opsPerPath.cbegin(); it != opsPerPath.cend(); ++it)
        dup += it.value() - 1;
    for (auto it = state.leaves.begin(); it != state.leaves.end(); ++it) {
        if (it.key().startsWith(u"ctr/") && it.value().toInteger() != 1)
            ++dup;
    }
    const bool converged = result.value(u"state").toObject() == state.leaves
        && result.value(u"lastStoreSeq").toInteger() == state.head && result.value(u"pending").toInteger() == 0;
    const QJsonObject committed = result.value(u"committed").toObject();

    figures(u"faults=%1 acked=%2 persisted_pending=%3 kills_with_pending=%4 lost=%5 dup=%6 converged=%7 (head=%8)"_s
                .arg(faults).arg(deviceOps).arg(persistedPendingTotal).arg(killsWithPending).arg(lost).arg(dup)
                .arg(converged ? u"yes"_s : u"no"_s).arg(state.head));
    if (!converged)
        qWarning().noquote() << differences(result.value(u"state").toObject(), state.leaves).join(u"; "_s);
    const QJsonArray errors = result.value(u"errors").toArray();
    QVERIFY2(errors.isEmpty(), QJsonDocument(errors).toJson().constData());
    QVERIFY(killsWithPending > 0);
    QCOMPARE(lost, 0);
    QCOMPARE(dup, 0);
    QVERIFY(converged);
    // The last run's committed subscription: one resync for the cache it
    // loaded, then every store_seq after the persisted one, once, in order.
    QCOMPARE(committed.value(u"cacheResyncs").toInteger(), 1);
    QCOMPARE(committed.value(u"first").toInteger(), persistedSeq + 1);
    QCOMPARE(committed.value(u"last").toInteger(), state.head);
    QCOMPARE(committed.value(u"duplicates").toInteger(), 0);
    QCOMPARE(committed.value(u"outOfOrder").toInteger(), 0);
    QCOMPARE(committed.value(u"gaps").toInteger(), 0);
}

QTEST_GUILESS_MAIN(tst_FaultClientRestart)
#include "tst_fault_clientrestart.moc"
