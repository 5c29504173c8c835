// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

// Dust::TestServer: start-up, the client it joins, writes as another device,
// restarts, dropped connections, and every bad input (a taken port, a data
// directory that cannot be written, use after a failed restart), in this
// process and, for the failing-test behaviour, in a child test process.

#include "../shared/testwait.h"

#include <dusttest.h>

#include <dusthttptransport.h>
#include <dustserver.h>
#include <duststore.h>

#include <QtCore/qdir.h>
#include <QtCore/qprocess.h>
#include <QtCore/qregularexpression.h>
#include <QtCore/qtemporarydir.h>
#include <QtNetwork/qtcpserver.h>
#include <QtTest/qsignalspy.h>
#include <QtTest/qtest.h>

using namespace Qt::StringLiterals;
using namespace Dust;
using Status = Client::Status;

namespace {

// A fixture that reports its failures as values only, so the test can
// check them.
TestServerOptions quiet(TestServerOptions options = {})
{
    options.failTestOnError = false;
    return options;
}

QRegularExpression warning(const QString &code)
{
    return QRegularExpression(u"Dust::TestServer: .*"_s + QRegularExpression::escape(code));
}

// A loopback port some other program holds.
struct TakenPort
{
    TakenPort() { holder.listen(QHostAddress::LocalHost, 0); }
    quint16 port() const { return holder.serverPort(); }
    QTcpServer holder;
};

} // namespace

class tst_TestServer : public QObject
{
    Q_OBJECT

private slots:
    void startsJoined();
    void clientSeesAnotherDevicesWrites();
    void writeToAnotherStore();
    void moreClients();
    void clientTokenOption();
    void clientNotOpened();
    void restartKeepsDataOnDisk();
    void restartInMemoryStartsEmpty();
    void restartMovesWhenPortIsTaken();
    void restartWithoutWaitingForTheClient();
    void outageBetweenStopAndStart();
    void dropConnectionsReconnects();
    void waitSyncedTimesOutReadably();
    void portTaken();
    void dataDirUnwritable();
    void invalidStores_data();
    void invalidStores();
    void useAfterFailedRestart_data();
    void useAfterFailedRestart();
    void verifyMacro();
    void failsTheRunningTest_data();
    void failsTheRunningTest();
};

void tst_TestServer::startsJoined()
{
    TestServer server;
    DUST_VERIFY(server);
    QVERIFY(server.error().isNull());
    QCOMPARE(server.url().scheme(), u"ws"_s);
    QCOMPARE(server.url().host(), u"127.0.0.1"_s);
    QCOMPARE(server.url().port(), int(server.port()));
    QCOMPARE(server.url().path(), u"/ws/sync"_s);
    QCOMPARE(server.httpUrl(), QUrl(u"http://127.0.0.1:%1"_s.arg(server.port())));
    QVERIFY(server.port() != 0);
    QVERIFY(server.token().startsWith(u"dust_tok_test_"_s));
    QCOMPARE(server.storeName(), u"test/store"_s);
    QVERIFY(server.dataDirectory().isEmpty());
    QVERIFY(server.startUpTime() > std::chrono::nanoseconds(0));
    // Joined before the constructor returned: no waiting here.
    QCOMPARE(server.client()->status(), Status::Connected);
    QCOMPARE(server.store()->status(), Status::Connected);
    QCOMPARE(server.client()->url(), server.url());
    QCOMPARE(server.store()->scopes().size(), TokenGrant::allScopes().size());
    // The token works on the REST API too.
    HttpTransport http(server.httpUrl(), server.token(), server.storeName());
    DUST_AWAIT(put, http.put(*Path::parse(u"a"_s), 1));
    DUST_VERIFY(put);
    DUST_VERIFY(server.waitSynced());
    QCOMPARE(server.store()->get(u"a"_s), QJsonValue(1));
    QCOMPARE(server.storeSeq(), 1);
}

void tst_TestServer::clientSeesAnotherDevicesWrites()
{
    TestServer server;
    QList<StoreEvent> events;
    QVERIFY(server.store()->on(u"**"_s, this, [&](const StoreEvent &e) { events.append(e); }));
    const Result<qint64> seq = server.writeAs(u"phone"_s, Op::Kind::Set, u"links/qt/title"_s, u"Qt"_s);
    DUST_VERIFY(seq);
    QCOMPARE(*seq, 1);
    QTRY_COMPARE(events.size(), 1);
    QCOMPARE(events.first().deviceId, u"phone"_s);
    QCOMPARE(events.first().path.toString(), u"links/qt/title"_s);
    QCOMPARE(events.first().value, QJsonValue(u"Qt"_s));
    QVERIFY(!events.first().wasOwn);
    DUST_VERIFY(server.writeAs(u"phone"_s, Op::Kind::Delete, u"links/qt"_s));
    DUST_VERIFY(server.waitSynced());
    QVERIFY(!server.store()->get(u"links/qt/title"_s));
    QCOMPARE(server.storeSeq(), 2);
}

void tst_TestServer::writeToAnotherStore()
{
    TestServerOptions options;
    options.stores = {u"acme/one"_s, u"acme/two"_s};
    TestServer server(options);
    DUST_VERIFY(server);
    QCOMPARE(server.storeNames(), options.stores);
    QCOMPARE(server.store(u"acme/two"_s)->status(), Status::Connected);
    QVERIFY(!server.store(u"acme/none"_s));
    DUST_VERIFY(server.writeTo(u"acme/two"_s, u"phone"_s, Op::Kind::Increment, u"n"_s, 2));
    DUST_VERIFY(server.waitSynced(server.store(u"acme/two"_s)));
    QCOMPARE(server.store(u"acme/two"_s)->get(u"n"_s), QJsonValue(2));
    QVERIFY(!server.store()->get(u"n"_s));
    QCOMPARE(server.storeSeq(u"acme/two"_s), 1);
    QCOMPARE(server.storeSeq(), 0);
}

void tst_TestServer::moreClients()
{
    TestServer server;
    std::unique_ptr<Client> other = server.createClient();
    QCOMPARE(other->status(), Status::Disconnected);
    QCOMPARE(other->url(), server.url());
    QCOMPARE(other->stores(), server.storeNames());
    DUST_VERIFY(server.connectClient(other.get()));
    Store *otherStore = other->store(server.storeName());
    DUST_AWAIT(written, otherStore->set(u"from/other"_s, u"hi"_s));
    DUST_VERIFY(written);
    DUST_VERIFY(server.waitSynced());
    QCOMPARE(server.store()->get(u"from/other"_s), QJsonValue(u"hi"_s));
    // Connecting a joined client again just checks it.
    DUST_VERIFY(server.connectClient(other.get()));
}

void tst_TestServer::clientTokenOption()
{
    TestServerOptions options;
    options.server.tokens = {{u"dust_tok_reader"_s, {u"entries:read"_s}, true, {}},
                             {u"dust_tok_elsewhere"_s, TokenGrant::allScopes(), false, {u"acme/other"_s}}};
    options.clientToken = u"dust_tok_reader"_s;
    TestServer server(options);
    DUST_VERIFY(server);
    QCOMPARE(server.client()->token(), u"dust_tok_reader"_s);
    QCOMPARE(server.store()->scopes(), QStringList{u"entries:read"_s});
    DUST_AWAIT(refused, server.store()->set(u"x"_s, 1));
    QCOMPARE(refused.error().code(), u"missing_scope"_s);
    // Other clients still get the full-access token.
    auto writer = server.createClient();
    DUST_VERIFY(server.connectClient(writer.get()));
    QCOMPARE(writer->token(), server.token());

    // A join the server refuses is an error at once, not a timeout.
    auto stranger = server.createClient(u"dust_tok_elsewhere"_s);
    const Result<void> joined = server.connectClient(stranger.get(), 60000);
    QVERIFY(!joined);
    QCOMPARE(joined.error().code(), u"test_join_refused"_s);
    QVERIFY2(joined.error().toString().contains(u"store_not_allowed"_s), qPrintable(joined.error().toString()));

    // A token the server does not know: the upgrade is refused (HTTP 403),
    // which is an error at once too, and says what the client ran into.
    auto unknown = server.createClient(u"dust_tok_unknown"_s);
    const Result<void> refusedSocket = server.connectClient(unknown.get(), 60000);
    QVERIFY(!refusedSocket);
    QCOMPARE(refusedSocket.error().code(), u"test_join_refused"_s);
    const QString text = refusedSocket.error().toString();
    QVERIFY2(text.contains(u"403"_s), qPrintable(text));

    // A client that cannot reach a server keeps retrying: the timeout says
    // what it waited for and what it ran into.
    auto lost = server.createClient();
    lost->setUrl(QUrl(u"ws://127.0.0.1:1/ws/sync"_s));
    const Result<void> timedOut = server.connectClient(lost.get(), 200);
    QCOMPARE(timedOut.error().code(), u"test_timeout"_s);
    const QString waited = timedOut.error().toString();
    QVERIFY2(waited.contains(u"the client did not join within 200 ms"_s), qPrintable(waited));
    QVERIFY2(waited.contains(u"network"_s), qPrintable(waited));
}

void tst_TestServer::clientNotOpened()
{
    TestServerOptions options;
    options.openClient = false;
    TestServer server(options);
    DUST_VERIFY(server);
    QCOMPARE(server.client()->status(), Status::Disconnected);
    // Writes made before the client connects are queued and sent on join.
    auto queued = server.store()->set(u"early"_s, true);
    DUST_VERIFY(server.connectClient());
    QCOMPARE(server.store()->status(), Status::Connected);
    DUST_AWAIT(written, queued);
    DUST_VERIFY(written);
}

void tst_TestServer::restartKeepsDataOnDisk()
{
    TestServerOptions options;
    options.storage = TestServerOptions::Storage::TemporaryDirectory;
    TestServer server(options);
    DUST_VERIFY(server);
    const QString dataDir = server.dataDirectory();
    QVERIFY(QDir(dataDir).exists());
    const quint16 port = server.port();
    DUST_VERIFY(server.writeAs(u"phone"_s, Op::Kind::Set, u"kept"_s, 42));
    DUST_VERIFY(server.waitSynced());

    QSignalSpy urlChanged(&server, &TestServer::urlChanged);
    DUST_VERIFY(server.restart());
    QVERIFY(server.isReady());
    QCOMPARE(server.port(), port);
    QCOMPARE(urlChanged.count(), 0);
    QCOMPARE(server.storeSeq(), 1);
    // The client is back: a write after the restart reaches it.
    QCOMPARE(server.store()->status(), Status::Connected);
    DUST_VERIFY(server.writeAs(u"phone"_s, Op::Kind::Set, u"after"_s, 1));
    DUST_VERIFY(server.waitSynced());
    QCOMPARE(server.store()->get(u"after"_s), QJsonValue(1));
    QCOMPARE(server.store()->get(u"kept"_s), QJsonValue(42));
    // A fresh client reads what the first server stored.
    auto reader = server.createClient();
    DUST_VERIFY(server.connectClient(reader.get()));
    DUST_VERIFY(server.waitSynced(reader->store(server.storeName())));
    QCOMPARE(reader->store(server.storeName())->get(u"kept"_s), QJsonValue(42));
}

void tst_TestServer::restartInMemoryStartsEmpty()
{
    TestServer server;
    DUST_VERIFY(server.writeAs(u"phone"_s, Op::Kind::Set, u"gone"_s, 1));
    DUST_VERIFY(server.restart());
    QCOMPARE(server.storeSeq(), 0);
    QCOMPARE(server.store()->status(), Status::Connected);
    auto reader = server.createClient();
    DUST_VERIFY(server.connectClient(reader.get()));
    QVERIFY(!reader->store(server.storeName())->get(u"gone"_s));
}

void tst_TestServer::restartMovesWhenPortIsTaken()
{
    TestServer server;
    const quint16 old = server.port();
    server.stop();
    QVERIFY(!server.isReady());
    QCOMPARE(server.port(), old);
    QTcpServer squatter;
    QVERIFY(squatter.listen(QHostAddress::LocalHost, old));
    QSignalSpy urlChanged(&server, &TestServer::urlChanged);
    DUST_VERIFY(server.start());
    QVERIFY(server.port() != old);
    QCOMPARE(urlChanged.count(), 1);
    QCOMPARE(server.client()->url(), server.url());
    QCOMPARE(server.store()->status(), Status::Connected);
    DUST_VERIFY(server.writeAs(u"phone"_s, Op::Kind::Set, u"moved"_s, true));
    DUST_VERIFY(server.waitSynced());
    QCOMPARE(server.store()->get(u"moved"_s), QJsonValue(true));
}

void tst_TestServer::restartWithoutWaitingForTheClient()
{
    TestServerOptions options;
    options.storage = TestServerOptions::Storage::TemporaryDirectory;
    TestServer server(options);
    // Slow reconnects: the writes below land before the client is back,
    // so it must catch up on them.
    server.client()->setReconnectDelays(std::chrono::milliseconds(1000), std::chrono::milliseconds(1000));
    QSignalSpy caughtUp(server.store(), &Store::catchUpCompleted);
    DUST_VERIFY(server.restart(TestServer::Rejoin::DontWait));
    QVERIFY(server.store()->status() != Status::Connected);
    DUST_VERIFY(server.writeAs(u"phone"_s, Op::Kind::Set, u"missed"_s, 1));
    DUST_VERIFY(server.connectClient());
    DUST_VERIFY(server.waitSynced());
    QCOMPARE(server.store()->get(u"missed"_s), QJsonValue(1));
    QTRY_COMPARE(caughtUp.count(), 1);
    QCOMPARE(caughtUp.first().first().toLongLong(), 1);
}

void tst_TestServer::outageBetweenStopAndStart()
{
    TestServer server;
    server.stop();
    QVERIFY(!server.isReady());
    QVERIFY(server.error().isNull());
    QVERIFY(server.store()->status() != Status::Connected);
    auto queued = server.store()->increment(u"n"_s);
    DUST_VERIFY(server.start());
    QVERIFY(server.isReady());
    DUST_AWAIT(written, queued);
    DUST_VERIFY(written);
    DUST_VERIFY(server.waitSynced());
    QCOMPARE(server.server()->writesReceived(server.storeName()), 1);
    // Starting a running server does nothing.
    DUST_VERIFY(server.start());
}

void tst_TestServer::dropConnectionsReconnects()
{
    TestServer server;
    QList<Status> seen;
    connect(server.store(), &Store::statusChanged, this, [&](Status s) { seen.append(s); });
    server.dropConnections();
    // The client has noticed by the time dropConnections() returns.
    QVERIFY(!seen.isEmpty());
    QVERIFY(seen.first() != Status::Connected);
    DUST_VERIFY(server.connectClient());
    QCOMPARE(seen.last(), Status::Connected);
    DUST_VERIFY(server.writeAs(u"phone"_s, Op::Kind::Set, u"after/drop"_s, 1));
    DUST_VERIFY(server.waitSynced());
    QCOMPARE(server.store()->get(u"after/drop"_s), QJsonValue(1));
}

void tst_TestServer::waitSyncedTimesOutReadably()
{
    TestServer server;
    DUST_VERIFY(server.writeAs(u"phone"_s, Op::Kind::Set, u"a"_s, 1));
    DUST_VERIFY(server.waitSynced());
    server.client()->close();
    DUST_VERIFY(server.writeAs(u"phone"_s, Op::Kind::Set, u"b"_s, 2));
    const Result<void> synced = server.waitSynced(nullptr, 50);
    QVERIFY(!synced);
    QCOMPARE(synced.error().code(), u"test_timeout"_s);
    QCOMPARE(synced.error().kind(), Error::Kind::Timeout);
    const QString text = synced.error().toString();
    QVERIFY2(text.contains(u"test/store is Disconnected at store_seq 1"_s), qPrintable(text));
    QVERIFY2(text.contains(u"the server is at 2"_s), qPrintable(text));
    QVERIFY2(text.contains(u"50 ms"_s), qPrintable(text));
}

void tst_TestServer::portTaken()
{
    TakenPort taken;
    TestServerOptions options = quiet();
    options.port = taken.port();
    QTest::ignoreMessage(QtWarningMsg, warning(u"listen_failed"_s));
    TestServer server(options);
    QVERIFY(!server.isReady());
    QCOMPARE(server.error().code(), u"listen_failed"_s);
    QCOMPARE(server.error().kind(), Error::Kind::Unavailable);
    QVERIFY(!server.error().message().isEmpty());
    QVERIFY(server.url().isEmpty());
    // Still usable as an object: everything answers with an Error at once.
    QVERIFY(server.client());
    QCOMPARE(server.client()->status(), Status::Disconnected);
    QCOMPARE(server.connectClient().error().code(), u"test_server_not_running"_s);
    QCOMPARE(server.waitSynced().error().code(), u"test_server_not_running"_s);
    QTest::ignoreMessage(QtWarningMsg, warning(u"test_server_not_running"_s));
    const Result<qint64> write = server.writeAs(u"phone"_s, Op::Kind::Set, u"a"_s, 1);
    QCOMPARE(write.error().code(), u"test_server_not_running"_s);
    QVERIFY2(write.error().toString().contains(u"listen_failed"_s), qPrintable(write.error().toString()));
    QCOMPARE(server.storeSeq(), 0);
    server.dropConnections();
    server.stop();
}

void tst_TestServer::dataDirUnwritable()
{
    // A path below a regular file can be created by nobody, root included.
    QTemporaryDir scratch;
    QFile blocker(scratch.filePath(u"file"_s));
    QVERIFY(blocker.open(QIODevice::WriteOnly));
    blocker.close();
    TestServerOptions options = quiet();
    options.dataDir = scratch.filePath(u"file/data"_s);
    QTest::ignoreMessage(QtWarningMsg, warning(u"data_dir_unwritable"_s));
    TestServer server(options);
    QVERIFY(!server.isReady());
    QCOMPARE(server.error().code(), u"data_dir_unwritable"_s);
    QCOMPARE(server.error().kind(), Error::Kind::Storage);
    QVERIFY2(server.error().toString().contains(options.dataDir), qPrintable(server.error().toString()));
}

void tst_TestServer::invalidStores_data()
{
    QTest::addColumn<QStringList>("stores");
    QTest::newRow("none") << QStringList();
    QTest::newRow("not org/name") << QStringList{u"links"_s};
    QTest::newRow("one bad of two") << QStringList{u"acme/links"_s, u"a//b"_s};
}

void tst_TestServer::invalidStores()
{
    QFETCH(QStringList, stores);
    TestServerOptions options = quiet();
    options.stores = stores;
    QTest::ignoreMessage(QtWarningMsg, warning(u"invalid_store_name"_s));
    TestServer server(options);
    QVERIFY(!server.isReady());
    QCOMPARE(server.error().code(), u"invalid_store_name"_s);
    QVERIFY(server.client());
}

void tst_TestServer::useAfterFailedRestart_data()
{
    QTest::addColumn<bool>("portTaken");
    QTest::newRow("own port taken") << true;
    QTest::newRow("data dir gone") << false;
}

void tst_TestServer::useAfterFailedRestart()
{
    QFETCH(bool, portTaken);
    QTemporaryDir scratch;
    const QString dataDir = scratch.filePath(u"data"_s);
    TestServerOptions options = quiet();
    options.dataDir = dataDir;
    if (portTaken) {
        // A port of the test's own choosing: kept on restart, or it fails.
        TakenPort probe;
        options.port = probe.port();
    }
    std::unique_ptr<TestServer> server;
    {
        server = std::make_unique<TestServer>(options);
    }
    DUST_VERIFY(*server);
    DUST_VERIFY(server->writeAs(u"phone"_s, Op::Kind::Set, u"a"_s, 1));

    std::unique_ptr<QTcpServer> squatter;
    server->stop();
    if (portTaken) {
        squatter = std::make_unique<QTcpServer>();
        QVERIFY(squatter->listen(QHostAddress::LocalHost, server->port()));
    } else {
        QVERIFY(QDir(dataDir).removeRecursively());
        QFile blocker(dataDir);
        QVERIFY(blocker.open(QIODevice::WriteOnly));
    }
    const QString cause = portTaken ? u"listen_failed"_s : u"data_dir_unwritable"_s;
    QSignalSpy readyChanged(server.get(), &TestServer::readyChanged);
    QSignalSpy errors(server.get(), &TestServer::errorOccurred);
    QTest::ignoreMessage(QtWarningMsg, warning(cause));
    const Result<void> restarted = server->restart();
    QVERIFY(!restarted);
    QCOMPARE(restarted.error().code(), cause);
    QVERIFY(!server->isReady());
    QCOMPARE(server->error().code(), cause);
    QCOMPARE(readyChanged.count(), 1);
    QCOMPARE(errors.count(), 1);
    QCOMPARE(errors.at(0).at(0).value<Error>(), server->error());

    // Every later use is an Error naming the cause, at once.
    QTest::ignoreMessage(QtWarningMsg, warning(u"test_server_not_running"_s));
    const Result<qint64> write = server->writeAs(u"phone"_s, Op::Kind::Set, u"b"_s, 2);
    QCOMPARE(write.error().code(), u"test_server_not_running"_s);
    QCOMPARE(write.error().kind(), Error::Kind::Unavailable);
    QVERIFY2(write.error().toString().contains(cause), qPrintable(write.error().toString()));
    const Result<void> joined = server->connectClient(nullptr, 60000);
    QCOMPARE(joined.error().code(), u"test_server_not_running"_s);
    QCOMPARE(server->waitSynced(nullptr, 60000).error().code(), u"test_server_not_running"_s);
    auto other = server->createClient();
    QCOMPARE(server->connectClient(other.get(), 60000).error().code(), u"test_server_not_running"_s);
    QCOMPARE(server->storeSeq(), 0);
    server->dropConnections();

    // Once the cause is gone, a restart brings it back with its data.
    squatter.reset();
    if (!portTaken)
        QVERIFY(QFile::remove(dataDir));
    DUST_VERIFY(server->restart());
    QVERIFY(server->error().isNull());
    QCOMPARE(server->storeSeq(), portTaken ? 1 : 0);
    DUST_VERIFY(server->writeAs(u"phone"_s, Op::Kind::Set, u"b"_s, 2));
}

void tst_TestServer::verifyMacro()
{
    // DUST_VERIFY passes on a value and on a ready server; its failing side
    // is checked in the child process below.
    TestServer server;
    DUST_VERIFY(server);
    DUST_VERIFY(Result<int>(1));
    DUST_VERIFY(Result<void>());
}

void tst_TestServer::failsTheRunningTest_data()
{
    QTest::addColumn<QString>("function");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("port taken") << u"portTaken"_s
                                << QStringList{u"listen_failed"_s, u"tst_testkitfailures.cpp"_s};
    QTest::newRow("data dir") << u"dataDirUnwritable"_s
                              << QStringList{u"data_dir_unwritable"_s};
    QTest::newRow("after failed restart") << u"writeAfterFailedRestart"_s
                                          << QStringList{u"test_server_not_running"_s, u"listen_failed"_s};
    QTest::newRow("verify macro") << u"verifyResult"_s
                                  << QStringList{u"test_timeout"_s, u"within 20 ms"_s};
    QTest::newRow("spy") << u"spyWait"_s
                         << QStringList{u"no upsert of \"nothing\" after event 1 within 50 ms"_s,
                                        u"Arrived (1 event):"_s, u"1. +a {title: A}"_s};
}

// The same bad inputs with the defaults an app's test uses: the fixture
// fails the test function with a readable message, and the run ends.
void tst_TestServer::failsTheRunningTest()
{
    QFETCH(QString, function);
    QFETCH(QStringList, expected);
    QProcess child;
    child.setProcessChannelMode(QProcess::MergedChannels);
    child.start(QStringLiteral(DUST_TESTKIT_FAILURES), {function});
    QVERIFY(child.waitForStarted());
    QVERIFY2(child.waitForFinished(120000), "the failing test hung");
    const QString output = QString::fromLocal8Bit(child.readAll());
    QVERIFY2(child.exitStatus() == QProcess::NormalExit, qPrintable(output));
    QVERIFY2(child.exitCode() == 1, qPrintable(output));
    QVERIFY2(output.contains(u"FAIL!  : tst_TestKitFailures::"_s + function + u"()"_s), qPrintable(output));
    for (const QString &text : std::as_const(expected))
        QVERIFY2(output.contains(text), qPrintable(u"missing \""_s + text + u"\" in:\n"_s + output));
    // One failure, reported once.
    QCOMPARE(output.count(u"FAIL!"_s), 1);
    QVERIFY2(output.contains(u"Totals: 2 passed, 1 failed"_s), qPrintable(output));
}

QTEST_GUILESS_MAIN(tst_TestServer)
#include "tst_testserver.moc"
