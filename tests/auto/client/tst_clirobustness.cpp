// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

// The dust command-line tool, run as a child process against scripted
// servers that misbehave: it always ends, in time, and says why.

#include "clienttestutils.h"

#include <QtCore/qelapsedtimer.h>
#include <QtCore/qprocess.h>
#include <QtCore/qtemporarydir.h>
#include <QtNetwork/qtcpserver.h>

#include <csignal>

using namespace Qt::StringLiterals;
using namespace DustTest;

namespace {

const QString StoreName = u"acme/site"_s;
const QString Token = u"dust_tok_keep_this_secret"_s;

// What the scripted server does with the tool's connection.
enum class Stage { Upgrade, Join, CatchUp, Write, WatchCatchUp, MalformedCatchUp };

class tst_CliRobustness : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void signalEndsEveryStage_data();
    void signalEndsEveryStage();
    void timeoutBoundsWrite();
    void failedOpenSaysWhatFailed_data();
    void failedOpenSaysWhatFailed();
    void watchReportsTrouble();
    void watchBackoffGrowsWhenJoinsBreak();

private:
    void start(QProcess &process, const QUrl &url, const QStringList &args);
    static bool finish(QProcess &process, int timeoutMs = 20000);
    void startWatch(RawServer &raw, QProcess &watch, QByteArray &err);

    QTemporaryDir m_home;
};

void tst_CliRobustness::initTestCase()
{
    QVERIFY(m_home.isValid());
}

void tst_CliRobustness::start(QProcess &process, const QUrl &url, const QStringList &args)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const QString &name : {u"DUST_URL"_s, u"DUST_TOKEN"_s, u"DUST_API_KEY"_s, u"DUST_DATA_DIR"_s,
                                u"LANGUAGE"_s, u"LC_MESSAGES"_s})
        env.remove(name);
    env.insert(u"XDG_DATA_HOME"_s, m_home.filePath(u"share"_s));
    env.insert(u"LC_ALL"_s, u"C.UTF-8"_s);
    process.setProcessEnvironment(env);
    process.start(QStringLiteral(DUST_CLI),
                  QStringList{u"--url"_s, url.toString(), u"--token"_s, Token} + args);
}

// Waits with the event loop running: the scripted servers live on this thread.
bool tst_CliRobustness::finish(QProcess &process, int timeoutMs)
{
    QElapsedTimer timer;
    timer.start();
    while (process.state() != QProcess::NotRunning && timer.elapsed() < timeoutMs)
        QTest::qWait(20);
    return process.state() == QProcess::NotRunning;
}

void tst_CliRobustness::signalEndsEveryStage_data()
{
    QTest::addColumn<Stage>("stage");
    QTest::addColumn<int>("signal");
    const QList<std::pair<const char *, Stage>> stages{{"upgrade", Stage::Upgrade}, {"join", Stage::Join},
                                                       {"catch-up", Stage::CatchUp}, {"write", Stage::Write},
                                                       {"watch catch-up", Stage::WatchCatchUp}};
    for (const auto &[name, stage] : stages) {
        QTest::addRow("%s, SIGINT", name) << stage << int(SIGINT);
        QTest::addRow("%s, SIGTERM", name) << stage << int(SIGTERM);
    }
}

// Ctrl+C (or a SIGTERM) ends the tool wherever it waits, with the exit
// status a shell expects, long before its --timeout.
void tst_CliRobustness::signalEndsEveryStage()
{
    QFETCH(Stage, stage);
    QFETCH(int, signal);
    QTcpServer silent; // takes the TCP connection, never upgrades it
    QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
    RawServer raw;
    raw.answerJoins = stage != Stage::Join;
    QVERIFY(raw.listen());

    QStringList args{u"--timeout"_s, u"120000"_s};
    if (stage == Stage::Write)
        args += QStringList{u"put"_s, StoreName, u"a"_s, u"1"_s};
    else if (stage == Stage::WatchCatchUp)
        args += QStringList{u"watch"_s, StoreName, u"**"_s};
    else
        args += QStringList{u"get"_s, StoreName, u"a"_s};
    QProcess process;
    start(process, stage == Stage::Upgrade ? QUrl(u"ws://127.0.0.1:%1/ws/sync"_s.arg(silent.serverPort()))
                                           : raw.url(),
          args);
    QVERIFY(process.waitForStarted());
    // The tool is waiting at the stage under test.
    if (stage == Stage::Upgrade)
        QTRY_VERIFY_WITH_TIMEOUT(silent.hasPendingConnections(), 20000);
    else if (stage == Stage::Write)
        QTRY_VERIFY_WITH_TIMEOUT(raw.count(u"write"_s) == 1, 20000);
    else
        QTRY_VERIFY_WITH_TIMEOUT(raw.count(u"phx_join"_s) == 1, 20000);

    ::kill(process.processId(), signal);
    QVERIFY2(finish(process), "the signal did not end the tool");
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    QCOMPARE(process.exitCode(), 128 + signal);
    QVERIFY(process.readAllStandardOutput().isEmpty());
}

// A server that takes the join but never answers the write: --timeout
// ends the command, not the client's 30 s write timeout.
void tst_CliRobustness::timeoutBoundsWrite()
{
    RawServer raw;
    QVERIFY(raw.listen());
    QProcess process;
    QElapsedTimer elapsed;
    elapsed.start();
    start(process, raw.url(), {u"--timeout"_s, u"1500"_s, u"put"_s, StoreName, u"a"_s, u"1"_s});
    QVERIFY(process.waitForStarted());
    QVERIFY2(finish(process, 15000), "--timeout did not end the write");
    QVERIFY(elapsed.elapsed() < 15000);
    QCOMPARE(raw.count(u"write"_s), 1);
    QCOMPARE(process.exitCode(), 1);
    const QByteArray err = process.readAllStandardError();
    QVERIFY2(err.contains("no reply within 1500 ms") && err.contains("may still be applied"), err.constData());
    QVERIFY(process.readAllStandardOutput().isEmpty());
}

void tst_CliRobustness::failedOpenSaysWhatFailed_data()
{
    QTest::addColumn<Stage>("stage");
    QTest::addColumn<QJsonObject>("joinError");
    QTest::addColumn<QString>("expected");
    QTest::newRow("no upgrade") << Stage::Upgrade << QJsonObject()
                                << u"no connection to ws://127.0.0.1:"_s;
    QTest::newRow("no join reply") << Stage::Join << QJsonObject()
                                   << u"connected, but the server did not answer the join of acme/site within "
                                      "1500 ms"_s;
    QTest::newRow("join refused")
        << Stage::Join << QJsonObject{{u"reason"_s, u"internal_error"_s}, {u"message"_s, u"database is down"_s}}
        << u"the server refused the join of acme/site: internal_error"_s;
    QTest::newRow("no catch-up") << Stage::CatchUp << QJsonObject()
                                 << u"joined acme/site, but the server did not finish the catch-up within 1500 ms"_s;
    QTest::newRow("malformed catch_up_complete")
        << Stage::MalformedCatchUp << QJsonObject()
        << u"the server's catch_up_complete for acme/site is malformed: malformed_message"_s;
}

// A read that cannot start says which step failed and why, never that a
// write may still be applied.
void tst_CliRobustness::failedOpenSaysWhatFailed()
{
    QFETCH(Stage, stage);
    QFETCH(QJsonObject, joinError);
    QFETCH(QString, expected);
    QTcpServer silent;
    QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
    RawServer raw;
    raw.answerJoins = stage != Stage::Join;
    raw.joinError = joinError;
    QVERIFY(raw.listen());
    QProcess process;
    // A malformed catch_up_complete ends the wait at once: the long timeout
    // shows that it is not what ended it.
    const QString timeout = stage == Stage::MalformedCatchUp ? u"60000"_s : u"1500"_s;
    start(process, stage == Stage::Upgrade ? QUrl(u"ws://127.0.0.1:%1/ws/sync"_s.arg(silent.serverPort()))
                                           : raw.url(),
          {u"--timeout"_s, timeout, u"get"_s, StoreName, u"a"_s});
    QVERIFY(process.waitForStarted());
    if (stage == Stage::MalformedCatchUp) {
        QTRY_VERIFY_WITH_TIMEOUT(raw.count(u"phx_join"_s) == 1, 20000);
        raw.push(u"catch_up_complete"_s, {{u"through_seq"_s, u"soon"_s}});
    }
    QVERIFY2(finish(process, 30000), "the tool did not end");
    QCOMPARE(process.exitCode(), 1);
    const QString err = QString::fromUtf8(process.readAllStandardError());
    QVERIFY2(err.contains(expected), qPrintable(err));
    if (!joinError.isEmpty())
        QVERIFY2(err.contains(u"database is down"_s), qPrintable(err));
    QVERIFY2(!err.contains(u"may still be applied"_s), qPrintable(err));
    QVERIFY(!err.contains(Token));
}

// Starts `dust watch` on every path of the store `raw` serves and waits
// until it says it is watching; what it wrote on stderr so far is in `err`.
void tst_CliRobustness::startWatch(RawServer &raw, QProcess &watch, QByteArray &err)
{
    raw.catchUp = true;
    QVERIFY(raw.listen());
    start(watch, raw.url(), {u"watch"_s, StoreName, u"**"_s});
    QVERIFY(watch.waitForStarted());
    QTRY_VERIFY_WITH_TIMEOUT((err += watch.readAllStandardError()).contains("watching"), 20000);
}

// Everything that may leave a gap in the printed events is one line on
// stderr, and the token is never among them.
void tst_CliRobustness::watchReportsTrouble()
{
    RawServer raw;
    QProcess watch;
    QByteArray err;
    startWatch(raw, watch, err);
    if (QTest::currentTestFailed())
        return;

    raw.push(u"event"_s, {{u"store_seq"_s, u"one"_s}, {u"op"_s, u"set"_s}, {u"path"_s, u"a"_s}});
    QTRY_VERIFY_WITH_TIMEOUT((err += watch.readAllStandardError()).contains("malformed_message"), 20000);
    const QByteArray huge = "\"" + QByteArray(9 * 1024 * 1024, 'x') + "\"";
    raw.sendText(QString::fromLatin1(huge));
    QTRY_VERIFY_WITH_TIMEOUT((err += watch.readAllStandardError()).contains("too_large"), 20000);
    raw.sockets.last()->close();
    QTRY_VERIFY_WITH_TIMEOUT((err += watch.readAllStandardError()).contains("rejoined acme/site"), 20000);
    QTRY_COMPARE(raw.count(u"phx_join"_s), 2);

    ::kill(watch.processId(), SIGTERM);
    QVERIFY(finish(watch));
    QCOMPARE(watch.exitCode(), 128 + SIGTERM);
    err += watch.readAllStandardError();
    const QList<QByteArray> lines = err.trimmed().split('\n');
    const auto has = [&lines](const char *text) {
        return std::count_if(lines.cbegin(), lines.cend(), [text](const QByteArray &l) { return l.contains(text); });
    };
    QCOMPARE(has("dust: malformed_message"), 1);
    QCOMPARE(has("dust: too_large"), 1);
    QCOMPARE(has("dust: connection lost: network"), 1);
    QCOMPARE(has("dust: lost acme/site; reconnecting"), 1);
    QVERIFY2(!err.contains(Token.toUtf8()), err.constData());
    QVERIFY(watch.readAllStandardOutput().isEmpty());
}

// A server that takes every join and drops the connection at once is
// redialled with a growing delay, not in a tight loop.
void tst_CliRobustness::watchBackoffGrowsWhenJoinsBreak()
{
    RawServer raw;
    QProcess watch;
    QByteArray err;
    startWatch(raw, watch, err);
    if (QTest::currentTestFailed())
        return;

    raw.closeAfterJoin = true;
    QElapsedTimer elapsed;
    elapsed.start();
    raw.sockets.last()->close();
    // Seven redials wait at least 10 + 20 + ... + 640 ms between them.
    QTRY_VERIFY_WITH_TIMEOUT(raw.count(u"phx_join"_s) >= 8, 30000);
    QVERIFY2(elapsed.elapsed() >= 1270, qPrintable(u"%1 ms"_s.arg(elapsed.elapsed())));
    ::kill(watch.processId(), SIGINT);
    QVERIFY(finish(watch));
    QCOMPARE(watch.exitCode(), 128 + SIGINT);
    err += watch.readAllStandardError();
    QVERIFY2(err.count("reconnecting") >= 7, err.constData());
}

} // namespace

QTEST_GUILESS_MAIN(tst_CliRobustness)
#include "tst_clirobustness.moc"
