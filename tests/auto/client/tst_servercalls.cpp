// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

// The Store calls answered by the server rather than the local copy, against
// dust-devserver: rollback() and rollbackStore() (the store afterwards on
// this client and on others, the events they receive, the scope they need,
// each bad input) and serverStatus().

#include "clienttestutils.h"

using namespace Qt::StringLiterals;
using namespace DustTest;
using Dust::Op;

namespace {

const QString StoreName = u"test/rollback"_s;
const QString FullToken = u"dust_tok_rollback_full"_s;
const QString ReadToken = u"dust_tok_rollback_read"_s;

Dust::TestServerOptions serverOptions()
{
    return serverWithTokens(StoreName, FullToken, ReadToken, {u"entries:read"_s});
}

qint64 write(Dust::TestServer &server, Op::Kind op, const QString &path, const QJsonValue &value = {})
{
    const Dust::Result<qint64> seq = server.writeAs(u"dev_other"_s, op, path, value);
    return seq ? *seq : -1;
}

} // namespace

class tst_ServerCalls : public QObject
{
    Q_OBJECT

private slots:
    void rollbackPath();
    void rollbackStore();
    void otherClientsSeeRollback();
    void needsEntriesWrite();
    void badInput_data();
    void badInput();
    void notConnected();
    void serverStatus();
    void serverStatusIsTheServersView();
    void serverStatusNotConnected();
};

void tst_ServerCalls::rollbackPath()
{
    Dust::TestServer server(serverOptions());
    QVERIFY(server.isReady());
    Dust::Store *store = server.store();
    QCOMPARE(write(server, Op::Kind::Set, u"posts/hello"_s, QJsonObject{{u"title"_s, u"Hi"_s}}), qint64(1));
    QCOMPARE(write(server, Op::Kind::Set, u"posts/hello/title"_s, u"Oops"_s), qint64(2));
    QCOMPARE(write(server, Op::Kind::Set, u"posts/hello/draft"_s, true), qint64(3));
    QCOMPARE(write(server, Op::Kind::Set, u"about"_s, u"kept"_s), qint64(4));
    QVERIFY(server.waitSynced());

    const Dust::Result<Dust::RollbackResult> result = await(store->rollback(u"posts/hello"_s, 1));
    QVERIFY2(result, qPrintable(result.error().toString()));
    QCOMPARE(result->opsWritten, qint64(2));
    QCOMPARE(result->storeSeq, qint64(6));
    QCOMPARE(server.storeSeq(), qint64(6));
    QTRY_COMPARE(store->lastStoreSeq(), qint64(6));
    QCOMPARE(store->get(u"posts/hello"_s), QJsonValue(QJsonObject{{u"title"_s, u"Hi"_s}}));
    QCOMPARE(store->get(u"about"_s), QJsonValue(u"kept"_s));

    // Nothing differs any more: no write, the store stays where it is.
    const Dust::Result<Dust::RollbackResult> again = await(store->rollback(u"posts/hello"_s, 1));
    QVERIFY(again);
    QCOMPARE(*again, (Dust::RollbackResult{6, 0}));
    QCOMPARE(server.storeSeq(), qint64(6));
}

void tst_ServerCalls::rollbackStore()
{
    Dust::TestServer server(serverOptions());
    QVERIFY(server.isReady());
    Dust::Store *store = server.store();
    write(server, Op::Kind::Set, u"a"_s, 1);
    write(server, Op::Kind::Increment, u"hits"_s, 3);
    const qint64 mark = server.storeSeq();
    write(server, Op::Kind::Increment, u"hits"_s, 4);
    write(server, Op::Kind::Delete, u"a"_s);
    write(server, Op::Kind::Set, u"b"_s, u"new"_s);
    QVERIFY(server.waitSynced());

    const Dust::Result<Dust::RollbackResult> result = await(store->rollbackStore(mark));
    QVERIFY2(result, qPrintable(result.error().toString()));
    QCOMPARE(result->opsWritten, qint64(3));
    QTRY_COMPARE(store->lastStoreSeq(), result->storeSeq);
    QCOMPARE(store->get(u"a"_s), QJsonValue(1));
    QCOMPARE(store->get(u"hits"_s), QJsonValue(3));
    QCOMPARE(store->get(u"b"_s), std::nullopt);

    // Back to 0: an empty store.
    QVERIFY(await(store->rollbackStore(0)));
    QTRY_COMPARE(store->count(u"**"_s).valueOr(-1), qsizetype(0));
}

void tst_ServerCalls::otherClientsSeeRollback()
{
    Dust::TestServer server(serverOptions());
    QVERIFY(server.isReady());
    write(server, Op::Kind::Set, u"title"_s, u"Good"_s);
    write(server, Op::Kind::Set, u"title"_s, u"Bad"_s);
    auto other = server.createClient(FullToken);
    QVERIFY(server.connectClient(other.get()));
    Dust::Store *watched = other->store(StoreName);
    QVERIFY(server.waitSynced(watched));
    QList<Dust::StoreEvent> events;
    QVERIFY(watched->on(u"title"_s, this, [&](const Dust::StoreEvent &e) { events.append(e); }));

    QVERIFY(await(server.store()->rollback(u"title"_s, 1)));
    QTRY_COMPARE(events.size(), qsizetype(1));
    QCOMPARE(events.first().op, Op::Kind::Set);
    QCOMPARE(events.first().value, QJsonValue(u"Good"_s));
    QCOMPARE(events.first().deviceId, u"system:rollback"_s);
    QCOMPARE(watched->get(u"title"_s), QJsonValue(u"Good"_s));
}

void tst_ServerCalls::needsEntriesWrite()
{
    Dust::TestServerOptions options = serverOptions();
    options.clientToken = ReadToken;
    Dust::TestServer server(options);
    QVERIFY(server.isReady());
    write(server, Op::Kind::Set, u"a"_s, 1);
    write(server, Op::Kind::Set, u"a"_s, 2);
    QVERIFY(server.waitSynced());
    for (auto future : {server.store()->rollback(u"a"_s, 1), server.store()->rollbackStore(1)}) {
        const Dust::Result<Dust::RollbackResult> refused = await(future);
        QVERIFY(!refused);
        QCOMPARE(refused.error().code(), u"missing_scope"_s);
        QCOMPARE(refused.error().kind(), Dust::Error::Kind::Unauthorized);
    }
    QCOMPARE(server.storeSeq(), qint64(2));
    QCOMPARE(server.store()->get(u"a"_s), QJsonValue(2));
}

void tst_ServerCalls::badInput_data()
{
    QTest::addColumn<QString>("path");   // "*" = the whole store
    QTest::addColumn<qint64>("toSeq");
    QTest::addColumn<QString>("code");
    QTest::addColumn<Dust::Error::Kind>("kind");
    using K = Dust::Error::Kind;
    QTest::newRow("negative") << u"a"_s << qint64(-1) << u"invalid_to_seq"_s << K::InvalidParams;
    QTest::newRow("negative, store") << u"*"_s << qint64(-5) << u"invalid_to_seq"_s << K::InvalidParams;
    QTest::newRow("future") << u"a"_s << qint64(3) << u"invalid_to_seq"_s << K::InvalidParams;
    QTest::newRow("far future, store") << u"*"_s << qint64(1) << u"invalid_to_seq"_s << K::InvalidParams;
    QTest::newRow("empty path") << u""_s << qint64(1) << u"empty_path"_s << K::InvalidPath;
    QTest::newRow("empty segment") << u"a//b"_s << qint64(1) << u"empty_segment"_s << K::InvalidPath;
    QTest::newRow("bad escape") << u"a~2"_s << qint64(1) << u"invalid_escape"_s << K::InvalidPath;
}

void tst_ServerCalls::badInput()
{
    QFETCH(QString, path);
    QFETCH(qint64, toSeq);
    QFETCH(QString, code);
    QFETCH(Dust::Error::Kind, kind);
    Dust::TestServer server(serverOptions());
    QVERIFY(server.isReady());
    write(server, Op::Kind::Set, u"a"_s, 1);
    write(server, Op::Kind::Set, u"a"_s, 2);
    QVERIFY(server.waitSynced());
    // "far future, store": the server's head, not this client's, decides.
    const qint64 seq = QByteArray(QTest::currentDataTag()).startsWith("far") ? server.storeSeq() + 1000 : toSeq;
    const auto future = path == u"*" ? server.store()->rollbackStore(seq) : server.store()->rollback(path, seq);
    const Dust::Result<Dust::RollbackResult> result = await(future);
    QVERIFY(!result);
    QCOMPARE(result.error().code(), code);
    QCOMPARE(result.error().kind(), kind);
    QVERIFY(!result.error().message().isEmpty());
    QCOMPARE(server.storeSeq(), qint64(2));
    QCOMPARE(server.store()->get(u"a"_s), QJsonValue(2));
    QCOMPARE(server.store()->pendingWrites(), qsizetype(0));
}

void tst_ServerCalls::notConnected()
{
    Dust::TestServerOptions options = serverOptions();
    options.openClient = false;
    Dust::TestServer server(options);
    QVERIFY(server.isReady());
    const Dust::Result<Dust::RollbackResult> result = await(server.store()->rollback(u"a"_s, 0));
    QVERIFY(!result);
    QCOMPARE(result.error().code(), u"not_connected"_s);
    QCOMPARE(server.store()->pendingWrites(), qsizetype(0));
}

void tst_ServerCalls::serverStatus()
{
    Dust::TestServer server(serverOptions());
    QVERIFY(server.isReady());
    write(server, Op::Kind::Set, u"post"_s, QJsonObject{{u"title"_s, u"Hi"_s}, {u"n"_s, 1}});
    write(server, Op::Kind::Set, u"about"_s, u"x"_s);
    write(server, Op::Kind::Delete, u"about"_s);
    const Dust::Result<Dust::ServerStatus> status = await(server.store()->serverStatus());
    QVERIFY2(status, qPrintable(status.error().toString()));
    QCOMPARE(status->storeSeq, qint64(3));
    QCOMPARE(status->entryCount, qint64(2));
    QCOMPARE(status->opCount, qint64(3));
    QCOMPARE(status->fileStorageBytes, qint64(0));
    QCOMPARE(status->reply.value(u"permissions"_s), (QJsonObject{{u"read"_s, true}, {u"write"_s, true}}));
    QCOMPARE(status->reply.value(u"recent_ops"_s).toArray().size(), 3);
    // Asking changes nothing.
    QCOMPARE(server.storeSeq(), qint64(3));
    QCOMPARE(server.store()->pendingWrites(), qsizetype(0));
}

void tst_ServerCalls::serverStatusIsTheServersView()
{
    // The server's head, whatever this client has applied yet; a read-only
    // token may ask too.
    Dust::TestServer server(serverOptions());
    QVERIFY(server.isReady());
    auto reader = server.createClient(ReadToken);
    QVERIFY(server.connectClient(reader.get()));
    Dust::Store *store = reader->store(StoreName);
    write(server, Op::Kind::Set, u"a"_s, 1);
    write(server, Op::Kind::Set, u"b"_s, 2);
    const Dust::Result<Dust::ServerStatus> status = await(store->serverStatus());
    QVERIFY(status);
    QCOMPARE(status->storeSeq, qint64(2));
    QCOMPARE(status->entryCount, qint64(2));
    QCOMPARE(status->reply.value(u"permissions"_s), (QJsonObject{{u"read"_s, true}, {u"write"_s, false}}));
}

void tst_ServerCalls::serverStatusNotConnected()
{
    Dust::TestServerOptions options = serverOptions();
    options.openClient = false;
    Dust::TestServer server(options);
    QVERIFY(server.isReady());
    const Dust::Result<Dust::ServerStatus> status = await(server.store()->serverStatus());
    QVERIFY(!status);
    QCOMPARE(status.error().code(), u"not_connected"_s);
    QCOMPARE(status.error().kind(), Dust::Error::Kind::Unavailable);
}

QTEST_MAIN(tst_ServerCalls)
#include "tst_servercalls.moc"
