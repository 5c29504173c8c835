// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#include "clienttestutils.h"

#include <QtCore/qfile.h>
#include <QtCore/qtemporarydir.h>
#include <QtCore/qurlquery.h>
#include <QtNetwork/qsslcertificate.h>
#include <QtNetwork/qsslconfiguration.h>
#include <QtNetwork/qsslkey.h>
#include <QtNetwork/qtcpserver.h>
#include <QtNetwork/qtcpsocket.h>
#include <QtTest/qsignalspy.h>

using namespace Qt::StringLiterals;
using namespace DustTest;
using Dust::Client;
using Status = Dust::Client::Status;

namespace {

const QString StoreName = u"test/mystore"_s;

QJsonObject eventPayload(qint64 seq, const QString &op, const QString &path, const QJsonValue &value,
                         const QString &clientOpId = u"op_other"_s)
{
    return {{u"store_seq"_s, seq}, {u"op"_s, op}, {u"path"_s, path},
            {u"path_segments"_s, QJsonArray::fromStringList(path.split(u'/'))},
            {u"value"_s, value}, {u"device_id"_s, u"dev_other"_s}, {u"client_op_id"_s, clientOpId}};
}

// A client connected and joined to a raw server.
struct RawFixture
{
    RawServer raw;
    std::unique_ptr<Client> client;
    Dust::Store *store = nullptr;

    bool start(const QStringList &stores = {StoreName})
    {
        if (!raw.listen())
            return false;
        client = Dust::createTestClient(raw.url(), u"dust_tok_test"_s, stores);
        store = client->store(stores.first());
        client->open();
        return true;
    }
};

} // namespace

class tst_Client : public QObject
{
    Q_OBJECT

private slots:
    void connectUrlAndFirstJoin();
    void joinCapabilities();
    void statusTransitions();
    void invalidConfiguration_data();
    void invalidConfiguration();
    void serverEventReachesCallback();
    void localWritePushesWrite();
    void eventsAreIdempotent();
    void catchUpCompleteIsAcked();
    void snapshotReplacesContents();
    void badFramesKeepConnection();
    void heartbeatTimeoutReconnects();
    void handshakeTimeoutReconnects();
    void rejoinUsesCurrentSeq();
    void refusedJoinStopsRetrying_data();
    void refusedJoinStopsRetrying();
    void failedJoinIsRetried();
    void refusedConnectionStopsRetrying();
    void policyCloseStopsRetrying();
    void channelCloseRejoins();
    void pendingWritesResentOnceAfterReconnect();
    void eachWriteSentOncePerConnection();
    void writeTimeout();
    void closeFinishesWaitingWrites();
    void deviceIdIsStable();
    void secureWebSocket();
};

void tst_Client::connectUrlAndFirstJoin()
{
    RawFixture f;
    QVERIFY(f.start());
    QTRY_COMPARE(f.raw.count(u"phx_join"_s), 1);
    const QUrl url = f.raw.requestUrls.first();
    QCOMPARE(url.path(), u"/ws/sync/websocket"_s);
    const QUrlQuery query(url);
    QCOMPARE(query.queryItemValue(u"token"_s), u"dust_tok_test"_s);
    QCOMPARE(query.queryItemValue(u"capver"_s), u"3"_s);
    QCOMPARE(query.queryItemValue(u"vsn"_s), u"2.0.0"_s);
    QVERIFY(query.queryItemValue(u"device_id"_s).startsWith(u"dev_"_s));
    QCOMPARE(query.queryItemValue(u"device_id"_s), f.client->deviceId());

    const QJsonArray join = f.raw.frames(u"phx_join"_s).first();
    QCOMPARE(join.at(2).toString(), u"store:test/mystore"_s);
    QCOMPARE(join.at(4).toObject(), QJsonObject({{u"last_store_seq"_s, 0}}));
    QVERIFY(join.at(0).isString());
    QCOMPARE(join.at(0), join.at(1));
    QTRY_COMPARE(f.store->status(), Status::Connected);
}

void tst_Client::joinCapabilities()
{
    RawFixture f;
    f.raw.joinResponse = QJsonObject{
        {u"store_seq"_s, 42}, {u"capver"_s, 3}, {u"capver_min"_s, 3},
        {u"permissions"_s, QJsonObject{{u"read"_s, true}, {u"write"_s, false}}},
        {u"scopes"_s, QJsonArray{u"entries:read"_s}},
        {u"store_access"_s, QJsonObject{{u"mode"_s, u"selected"_s}, {u"store_ids"_s, QJsonArray{u"uuid-1"_s}}}}};
    QVERIFY(f.start());
    QSignalSpy caps(f.store, &Dust::Store::capabilitiesChanged);
    QTRY_COMPARE(f.store->status(), Status::Connected);
    QTRY_VERIFY(caps.count() >= 1);
    QCOMPARE(f.store->permissions().value(u"read"_s), QVariant(true));
    QCOMPARE(f.store->permissions().value(u"write"_s), QVariant(false));
    QCOMPARE(f.store->scopes(), QStringList{u"entries:read"_s});
    QCOMPARE(f.store->storeAccess().value(u"mode"_s).toString(), u"selected"_s);
    QCOMPARE(f.store->storeAccess().value(u"store_ids"_s).toStringList(), QStringList{u"uuid-1"_s});
    // The join reply's head seq does not move the applied seq.
    QCOMPARE(f.store->lastStoreSeq(), 0);
}

void tst_Client::statusTransitions()
{
    RawServer raw;
    raw.answerJoins = false;
    QVERIFY(raw.listen());
    auto client = Dust::createTestClient(raw.url(), u"t"_s, {StoreName});
    Dust::Store *store = client->store(StoreName);
    QCOMPARE(client->status(), Status::Disconnected);
    QCOMPARE(store->status(), Status::Disconnected);
    QSignalSpy clientStatus(client.get(), &Client::statusChanged);
    QSignalSpy storeStatus(store, &Dust::Store::statusChanged);
    client->open();
    QTRY_COMPARE(raw.count(u"phx_join"_s), 1);
    QTRY_COMPARE(client->status(), Status::Connected);
    // Socket up, join not answered yet.
    QTRY_COMPARE(store->status(), Status::Connecting);
    raw.reply(raw.frames(u"phx_join"_s).first(), u"ok"_s, raw.joinResponse);
    QTRY_COMPARE(store->status(), Status::Connected);
    // The caches load first, then the connection starts.
    QCOMPARE(clientStatus.at(0).first().value<Status>(), Status::Loading);
    QCOMPARE(clientStatus.at(1).first().value<Status>(), Status::Connecting);

    raw.answerJoins = true;
    raw.sockets.first()->close();
    QTRY_VERIFY(storeStatus.contains(QVariantList{QVariant::fromValue(Status::Reconnecting)}));
    QTRY_VERIFY(clientStatus.contains(QVariantList{QVariant::fromValue(Status::Reconnecting)}));
    QTRY_COMPARE(store->status(), Status::Connected);

    client->close();
    QCOMPARE(client->status(), Status::Disconnected);
    QTRY_COMPARE(store->status(), Status::Disconnected);
}

void tst_Client::invalidConfiguration_data()
{
    QTest::addColumn<QUrl>("url");
    QTest::addColumn<QString>("token");
    QTest::addColumn<QString>("code");
    QTest::newRow("http scheme") << QUrl(u"http://127.0.0.1:1/ws/sync"_s) << u"t"_s << u"invalid_url"_s;
    QTest::newRow("no host") << QUrl(u"ws:///ws/sync"_s) << u"t"_s << u"invalid_url"_s;
    QTest::newRow("empty") << QUrl() << u"t"_s << u"invalid_url"_s;
    QTest::newRow("no token") << QUrl(u"ws://127.0.0.1:1/ws/sync"_s) << QString() << u"missing_token"_s;
}

void tst_Client::invalidConfiguration()
{
    QFETCH(QUrl, url);
    QFETCH(QString, token);
    QFETCH(QString, code);
    Client client(url, token, {StoreName});
    QSignalSpy errors(&client, &Client::errorOccurred);
    client.open();
    QCOMPARE(errors.count(), 1);
    QCOMPARE(client.error().code(), code);
    QCOMPARE(client.error().kind(), Dust::Error::Kind::InvalidParams);
    QCOMPARE(client.status(), Status::Disconnected);
}

void tst_Client::serverEventReachesCallback()
{
    RawFixture f;
    QVERIFY(f.start());
    QList<Dust::StoreEvent> events;
    QVERIFY(f.store->on(u"posts/*"_s, f.client.get(), [&](const Dust::StoreEvent &e) { events.append(e); }));
    QTRY_COMPARE(f.store->status(), Status::Connected);
    f.raw.push(u"event"_s, eventPayload(1, u"set"_s, u"posts/hello"_s, QJsonObject{{u"title"_s, u"Hi"_s}}));
    QTRY_COMPARE(events.size(), 1);
    const Dust::StoreEvent &e = events.first();
    QCOMPARE(e.path.toString(), u"posts/hello"_s);
    QCOMPARE(e.op, Dust::Op::Kind::Set);
    QCOMPARE(e.source, Dust::StoreEvent::Source::Server);
    QCOMPARE(e.storeSeq, 1);
    QVERIFY(e.committed);
    QVERIFY(!e.wasOwn);
    QCOMPARE(e.deviceId, u"dev_other"_s);
    QCOMPARE(e.store, StoreName);
    QCOMPARE(f.store->get(u"posts/hello/title"_s), QJsonValue(u"Hi"_s));
    QCOMPARE(f.store->lastStoreSeq(), 1);
}

void tst_Client::localWritePushesWrite()
{
    RawFixture f;
    QVERIFY(f.start());
    QTRY_COMPARE(f.store->status(), Status::Connected);
    Dust::WriteOptions options;
    options.ifMatch = 7;
    auto future = f.store->set(u"posts/hello"_s, u"Hi"_s, options);
    QTRY_COMPARE(f.raw.count(u"write"_s), 1);
    const QJsonArray write = f.raw.frames(u"write"_s).first();
    QCOMPARE(write.at(2).toString(), u"store:test/mystore"_s);
    QCOMPARE(write.at(0), f.raw.joinRef);
    const QJsonObject payload = write.at(4).toObject();
    QCOMPARE(payload.value(u"op"_s).toString(), u"set"_s);
    QCOMPARE(payload.value(u"path"_s).toString(), u"posts/hello"_s);
    QCOMPARE(payload.value(u"path_segments"_s).toArray(), QJsonArray({u"posts"_s, u"hello"_s}));
    QCOMPARE(payload.value(u"value"_s).toString(), u"Hi"_s);
    QCOMPARE(payload.value(u"if_match"_s).toInteger(), 7);
    QVERIFY(!payload.contains(u"if_absent"_s));
    QVERIFY(payload.value(u"client_op_id"_s).toString().startsWith(u"op_"_s));
    f.raw.reply(write, u"ok"_s, {{u"store_seq"_s, 42}});
    const auto result = await(future);
    QVERIFY(result);
    QCOMPARE(*result, 42);
}

void tst_Client::eventsAreIdempotent()
{
    RawFixture f;
    QVERIFY(f.start());
    int calls = 0;
    QVERIFY(f.store->on(u"**"_s, f.client.get(), [&](const Dust::StoreEvent &) { ++calls; }));
    QTRY_COMPARE(f.store->status(), Status::Connected);
    f.raw.push(u"event"_s, eventPayload(1, u"increment"_s, u"n"_s, 5));
    f.raw.push(u"event"_s, eventPayload(3, u"increment"_s, u"n"_s, 8));
    // Replays of applied seqs (a rejoin that asked for less) are skipped.
    f.raw.push(u"event"_s, eventPayload(1, u"increment"_s, u"n"_s, 5));
    f.raw.push(u"event"_s, eventPayload(2, u"set"_s, u"x"_s, 1));
    f.raw.push(u"event"_s, eventPayload(3, u"increment"_s, u"n"_s, 8));
    f.raw.push(u"event"_s, eventPayload(4, u"set"_s, u"y"_s, 1));
    QTRY_COMPARE(f.store->lastStoreSeq(), 4);
    QTRY_COMPARE(calls, 3);
    QCOMPARE(f.store->get(u"n"_s), QJsonValue(8));
    QCOMPARE(f.store->entry(u"n"_s)->type, Dust::Entry::Type::Counter);
    QVERIFY(!f.store->get(u"x"_s));
}

void tst_Client::catchUpCompleteIsAcked()
{
    RawFixture f;
    QVERIFY(f.start());
    QSignalSpy caughtUp(f.store, &Dust::Store::catchUpCompleted);
    QTRY_COMPARE(f.store->status(), Status::Connected);
    f.raw.push(u"event"_s, eventPayload(5, u"set"_s, u"a"_s, 1));
    f.raw.push(u"catch_up_complete"_s, {{u"through_seq"_s, 5}});
    QTRY_COMPARE(f.raw.count(u"ack_seq"_s), 1);
    const QJsonArray ack = f.raw.frames(u"ack_seq"_s).first();
    QCOMPARE(ack.at(4).toObject(), QJsonObject({{u"seq"_s, 5}}));
    QCOMPARE(ack.at(0), f.raw.joinRef);
    QTRY_COMPARE(caughtUp.count(), 1);
    QCOMPARE(caughtUp.first().first().toLongLong(), 5);
}

void tst_Client::snapshotReplacesContents()
{
    RawFixture f;
    QVERIFY(f.start());
    QTRY_COMPARE(f.store->status(), Status::Connected);
    f.raw.push(u"event"_s, eventPayload(1, u"set"_s, u"stale"_s, u"old"_s));
    QTRY_COMPARE(f.store->lastStoreSeq(), 1);
    int resyncs = 0;
    int events = 0;
    Dust::SubscribeOptions options;
    options.onResync = [&] { ++resyncs; };
    QVERIFY(f.store->on(u"**"_s, f.client.get(), [&](const Dust::StoreEvent &) { ++events; }, options));
    f.raw.push(u"snapshot"_s, QJsonObject{
        {u"snapshot_seq"_s, 100},
        {u"entries"_s, QJsonObject{
            {u"title"_s, QJsonObject{{u"value"_s, QJsonObject{{u"_scalar"_s, u"Hello"_s}}}, {u"type"_s, u"string"_s}}},
            {u"n"_s, QJsonObject{{u"value"_s, QJsonObject{{u"_scalar"_s, 7}}}, {u"type"_s, u"counter"_s}}},
            {u"price"_s, QJsonObject{{u"value"_s, QJsonObject{{u"_typed"_s, u"1.50"_s}, {u"_type"_s, u"decimal"_s}}},
                                     {u"type"_s, u"decimal"_s}}},
            {u"tags"_s, QJsonObject{{u"value"_s, QJsonObject{{u"_scalar"_s, QJsonArray{u"a"_s}}}}, {u"type"_s, u"set"_s}}}}}});
    QTRY_COMPARE(f.store->lastStoreSeq(), 100);
    QTRY_COMPARE(resyncs, 1);
    QCOMPARE(events, 0);
    QCOMPARE(f.store->get(u"title"_s), QJsonValue(u"Hello"_s));
    QCOMPARE(f.store->get(u"n"_s), QJsonValue(7));
    QCOMPARE(f.store->entry(u"n"_s)->type, Dust::Entry::Type::Counter);
    QCOMPARE(f.store->entry(u"title"_s)->revision, 0); // unknown after a snapshot
    QCOMPARE(f.store->get(u"tags"_s), QJsonValue(QJsonArray{u"a"_s}));
    QCOMPARE(f.store->entry(u"price"_s)->type, Dust::Entry::Type::Decimal);
    QVERIFY(!f.store->get(u"stale"_s));
    // Events after the snapshot apply on top of it.
    f.raw.push(u"event"_s, eventPayload(101, u"increment"_s, u"n"_s, 8));
    QTRY_COMPARE(f.store->get(u"n"_s), QJsonValue(8));
    QTRY_COMPARE(events, 1);
}

void tst_Client::badFramesKeepConnection()
{
    RawFixture f;
    QVERIFY(f.start());
    QTRY_COMPARE(f.store->status(), Status::Connected);
    QSignalSpy clientStatus(f.client.get(), &Client::statusChanged);
    const QString topic = u"store:test/mystore"_s;
    const QStringList garbage = {
        u"not json"_s,
        u"{\"an\": \"object\"}"_s,
        u"[1, 2]"_s,
        u"[null, null, \"%1\", \"event\", [1]]"_s.arg(topic),
        u"[null, null, \"%1\", 5, {}]"_s.arg(topic),
        u"[null, null, \"\", \"event\", {}]"_s,
        u"[null, null, \"store:unknown/store\", \"event\", {}]"_s,
        u"[null, null, \"%1\", \"surprise\", {}]"_s.arg(topic),
        u"[null, null, \"%1\", \"event\", {}]"_s.arg(topic),
        u"[null, null, \"%1\", \"event\", {\"store_seq\": \"1\", \"op\": \"set\", \"path\": \"a\"}]"_s.arg(topic),
        u"[null, null, \"%1\", \"event\", {\"store_seq\": 1.5, \"op\": \"set\", \"path\": \"a\"}]"_s.arg(topic),
        u"[null, null, \"%1\", \"event\", {\"store_seq\": 1, \"op\": \"explode\", \"path\": \"a\"}]"_s.arg(topic),
        u"[null, null, \"%1\", \"event\", {\"store_seq\": 1, \"op\": \"set\", \"path\": \"a//b\"}]"_s.arg(topic),
        u"[null, null, \"%1\", \"event\", {\"store_seq\": 1, \"op\": \"set\", \"path_segments\": [1]}]"_s.arg(topic),
        u"[null, null, \"%1\", \"event\", {\"store_seq\": 1, \"op\": \"increment\", \"path\": \"n\", \"value\": \"x\"}]"_s.arg(topic),
        u"[null, null, \"%1\", \"event\", {\"store_seq\": 2, \"op\": \"add\", \"path\": \"s\", \"value\": 3}]"_s.arg(topic),
        u"[null, null, \"%1\", \"snapshot\", {\"snapshot_seq\": \"x\"}]"_s.arg(topic),
        u"[null, null, \"%1\", \"snapshot\", {\"snapshot_seq\": 3, \"entries\": []}]"_s.arg(topic),
        u"[null, null, \"%1\", \"catch_up_complete\", {}]"_s.arg(topic),
        u"[\"1\", \"999\", \"%1\", \"phx_reply\", {\"status\": \"ok\", \"response\": {}}]"_s.arg(topic),
        u"[null, null, \"%1\", \"phx_reply\", {\"status\": \"ok\"}]"_s.arg(topic),
        u"[null, \"777\", \"phoenix\", \"phx_reply\", {\"status\": \"ok\"}]"_s,
        u"[\"stale-join\", null, \"%1\", \"event\", {\"store_seq\": 9, \"op\": \"set\", \"path\": \"stale\", \"value\": 1}]"_s.arg(topic),
        QString(u"[null, null, \"%1\", \"event\", %2]"_s).arg(topic, QString(200, u'[') + QString(200, u']')),
    };
    for (const QString &frame : garbage)
        f.raw.sendText(frame);
    f.raw.sockets.last()->sendBinaryMessage(QByteArray("\x93\x01\x02", 3));
    f.raw.push(u"event"_s, eventPayload(10, u"set"_s, u"ok"_s, true));
    QTRY_COMPARE(f.store->get(u"ok"_s), QJsonValue(true));
    QCOMPARE(f.store->lastStoreSeq(), 10);
    QVERIFY(!f.store->get(u"stale"_s));
    QVERIFY(!f.store->get(u"a"_s));
    QCOMPARE(f.raw.requestUrls.size(), 1);
    QCOMPARE(clientStatus.count(), 0);
    QCOMPARE(f.client->status(), Status::Connected);
    QCOMPARE(f.store->status(), Status::Connected);
}

void tst_Client::handshakeTimeoutReconnects()
{
    // A server that takes the TCP connection and never answers the upgrade:
    // the client gives up on it and tries again instead of waiting forever.
    QTcpServer silent;
    QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
    QList<QTcpSocket *> accepted;
    connect(&silent, &QTcpServer::newConnection, this, [&] {
        while (QTcpSocket *socket = silent.nextPendingConnection())
            accepted.append(socket);
    });
    auto client = Dust::createTestClient(QUrl(u"ws://127.0.0.1:%1/ws/sync"_s.arg(silent.serverPort())), u"t"_s, {StoreName});
    client->setHeartbeatInterval(std::chrono::milliseconds(100));
    QSignalSpy errors(client.get(), &Client::errorOccurred);
    client->open();
    QTRY_VERIFY_WITH_TIMEOUT(accepted.size() >= 2, 15000);
    QVERIFY(!errors.isEmpty());
    const Dust::Error error = errors.first().first().value<Dust::Error>();
    QCOMPARE(error.code(), u"connect_timeout"_s);
    QCOMPARE(error.kind(), Dust::Error::Kind::Network);
    QCOMPARE(client->status(), Status::Reconnecting);
}

void tst_Client::heartbeatTimeoutReconnects()
{
    RawServer raw;
    raw.answerHeartbeats = false;
    QVERIFY(raw.listen());
    auto client = Dust::createTestClient(raw.url(), u"t"_s, {StoreName});
    client->setHeartbeatInterval(std::chrono::milliseconds(50));
    Dust::Store *store = client->store(StoreName);
    QSignalSpy storeStatus(store, &Dust::Store::statusChanged);
    QSignalSpy errors(client.get(), &Client::errorOccurred);
    client->open();
    QTRY_COMPARE(store->status(), Status::Connected);
    QTRY_VERIFY(raw.count(u"heartbeat"_s) >= 1);
    // The first heartbeat goes unanswered: the second tick drops the socket.
    QTRY_VERIFY(storeStatus.contains(QVariantList{QVariant::fromValue(Status::Reconnecting)}));
    QTRY_VERIFY(raw.requestUrls.size() >= 2);
    QVERIFY(!errors.isEmpty());
    QCOMPARE(errors.first().first().value<Dust::Error>().code(), u"heartbeat_timeout"_s);
    const QJsonArray heartbeat = raw.frames(u"heartbeat"_s).first();
    QCOMPARE(heartbeat.at(2).toString(), u"phoenix"_s);
    QVERIFY(heartbeat.at(0).isNull());
    QCOMPARE(heartbeat.at(4).toObject(), QJsonObject());

    // Answered heartbeats keep the connection.
    raw.answerHeartbeats = true;
    QTRY_COMPARE(store->status(), Status::Connected);
    const qsizetype connections = raw.requestUrls.size();
    const qsizetype beats = raw.count(u"heartbeat"_s);
    QTRY_VERIFY(raw.count(u"heartbeat"_s) >= beats + 4);
    QCOMPARE(raw.requestUrls.size(), connections);
}

void tst_Client::rejoinUsesCurrentSeq()
{
    RawFixture f;
    QVERIFY(f.start());
    QTRY_COMPARE(f.store->status(), Status::Connected);
    for (int seq = 1; seq <= 3; ++seq)
        f.raw.push(u"event"_s, eventPayload(seq, u"set"_s, u"k%1"_s.arg(seq), seq));
    QTRY_COMPARE(f.store->lastStoreSeq(), 3);
    f.raw.sockets.first()->close();
    QTRY_COMPARE(f.raw.count(u"phx_join"_s), 2);
    QCOMPARE(f.raw.frames(u"phx_join"_s).last().at(4).toObject(), QJsonObject({{u"last_store_seq"_s, 3}}));
    QTRY_COMPARE(f.store->status(), Status::Connected);
    f.raw.push(u"event"_s, eventPayload(7, u"set"_s, u"k7"_s, 7));
    QTRY_COMPARE(f.store->lastStoreSeq(), 7);
    f.raw.sockets.first()->close();
    QTRY_COMPARE(f.raw.count(u"phx_join"_s), 3);
    QCOMPARE(f.raw.frames(u"phx_join"_s).last().at(4).toObject(), QJsonObject({{u"last_store_seq"_s, 7}}));
}

void tst_Client::refusedJoinStopsRetrying_data()
{
    QTest::addColumn<QJsonObject>("response");
    QTest::addColumn<Dust::Error::Kind>("kind");
    QTest::newRow("unauthorized") << QJsonObject{{u"reason"_s, u"unauthorized"_s}} << Dust::Error::Kind::Unauthorized;
    QTest::newRow("store_not_allowed")
        << QJsonObject{{u"reason"_s, u"store_not_allowed"_s}, {u"message"_s, u"Token does not have access to this store"_s}}
        << Dust::Error::Kind::Unauthorized;
    QTest::newRow("missing_scope")
        << QJsonObject{{u"reason"_s, u"missing_scope"_s}, {u"scope"_s, u"entries:read"_s},
                       {u"message"_s, u"Token is missing entries:read scope"_s}}
        << Dust::Error::Kind::Unauthorized;
}

void tst_Client::refusedJoinStopsRetrying()
{
    QFETCH(QJsonObject, response);
    QFETCH(Dust::Error::Kind, kind);
    RawFixture f;
    f.raw.joinError = response;
    QVERIFY(f.start({StoreName, u"test/other"_s}));
    QSignalSpy storeErrors(f.store, &Dust::Store::errorOccurred);
    QSignalSpy clientErrors(f.client.get(), &Client::errorOccurred);
    QTRY_COMPARE(f.store->status(), Status::Unauthorized);
    QTRY_COMPARE(storeErrors.count(), 1);
    const Dust::Error error = storeErrors.first().first().value<Dust::Error>();
    QCOMPARE(error.code(), response.value(u"reason"_s).toString());
    QCOMPARE(error.kind(), kind);
    QCOMPARE(error.detail().value(u"message"_s), response.value(u"message"_s));
    QTRY_VERIFY(!clientErrors.isEmpty());
    QCOMPARE(f.client->error().code(), error.code());
    // Every store was refused: so is the client.
    QTRY_COMPARE(f.client->status(), Status::Unauthorized);

    // Many retry periods (5..50 ms) later: still one join per store, no loop.
    const qsizetype joins = f.raw.count(u"phx_join"_s);
    QCOMPARE(joins, 2);
    QTest::qWait(300);
    QCOMPARE(f.raw.count(u"phx_join"_s), joins);
    QCOMPARE(f.store->status(), Status::Unauthorized);
    // Writes are queued, not sent to a refused store.
    f.store->set(u"a"_s, 1);
    QTest::qWait(50);
    QCOMPARE(f.raw.count(u"write"_s), 0);

    // A reconnect does not retry it either; a new open() does.
    f.raw.sockets.first()->close();
    QTRY_COMPARE(f.raw.requestUrls.size(), 2);
    QTRY_COMPARE(f.client->status(), Status::Unauthorized);
    QTest::qWait(100);
    QCOMPARE(f.raw.count(u"phx_join"_s), joins);
    f.client->close();
    f.raw.joinError = {};
    f.client->open();
    QTRY_COMPARE(f.store->status(), Status::Connected);
}

// A Dust server answers a wrong token with HTTP 403 instead of the
// upgrade: the client says Unauthorized once and waits for the next open().
void tst_Client::refusedConnectionStopsRetrying()
{
    Dust::TestServer server;
    auto client = Dust::createTestClient(server.url(), u"not-a-token"_s, {server.storeName()});
    Dust::Store *store = client->store(server.storeName());
    QSignalSpy statuses(client.get(), &Client::statusChanged);
    QSignalSpy errors(client.get(), &Client::errorOccurred);
    client->open();
    // The client's and the store's properties follow the sync thread in
    // their own time: wait for each.
    QTRY_COMPARE(client->status(), Status::Unauthorized);
    QTRY_COMPARE(store->status(), Status::Unauthorized);
    QTRY_COMPARE(errors.count(), 1);
    const Dust::Error error = client->error();
    QCOMPARE(error.kind(), Dust::Error::Kind::Unauthorized);
    QCOMPARE(error.code(), u"unauthorized"_s);
    QCOMPARE(error.detail().value(u"http_status"_s).toInt(), 403);
    QVERIFY2(!error.message().contains(u"not-a-token"_s), qPrintable(error.message()));

    // Many reconnect periods later: no retry, no second error.
    const qsizetype changes = statuses.count();
    QTest::qWait(300);
    QCOMPARE(statuses.count(), changes);
    QCOMPARE(errors.count(), 1);

    // The app fixes the token and opens again.
    client->close();
    client->setToken(server.token());
    client->open();
    QTRY_COMPARE(store->status(), Status::Connected);
    QTRY_COMPARE(client->status(), Status::Connected);
}

// A server that upgrades first refuses with close code 1008 and a reason.
void tst_Client::policyCloseStopsRetrying()
{
    RawFixture f;
    QVERIFY(f.start());
    QTRY_COMPARE(f.raw.sockets.size(), 1);
    f.raw.sockets.first()->close(QWebSocketProtocol::CloseCodePolicyViolated, u"token expired"_s);
    QTRY_COMPARE(f.client->status(), Status::Unauthorized);
    QTRY_COMPARE(f.store->status(), Status::Unauthorized);
    const Dust::Error error = f.client->error();
    QCOMPARE(error.kind(), Dust::Error::Kind::Unauthorized);
    QCOMPARE(error.detail().value(u"message"_s).toString(), u"token expired"_s);
    QCOMPARE(error.detail().value(u"close_code"_s).toInt(), 1008);
    QTest::qWait(300);
    QCOMPARE(f.raw.requestUrls.size(), 1);
    QCOMPARE(f.client->status(), Status::Unauthorized);
}

void tst_Client::failedJoinIsRetried()
{
    RawFixture f;
    f.raw.joinError = QJsonObject{{u"reason"_s, u"join crashed"_s}};
    QVERIFY(f.start());
    QTRY_VERIFY(f.raw.count(u"phx_join"_s) >= 3);
    // Between attempts; the reply to the latest join may still be on its way.
    QTRY_COMPARE(f.store->status(), Status::Reconnecting);
    f.raw.joinError = {};
    QTRY_COMPARE(f.store->status(), Status::Connected);
}

void tst_Client::channelCloseRejoins()
{
    RawFixture f;
    QVERIFY(f.start());
    QTRY_COMPARE(f.store->status(), Status::Connected);
    f.raw.push(u"event"_s, eventPayload(4, u"set"_s, u"a"_s, 1));
    QTRY_COMPARE(f.store->lastStoreSeq(), 4);
    f.raw.push(u"phx_close"_s, {});
    QTRY_COMPARE(f.raw.count(u"phx_join"_s), 2);
    QCOMPARE(f.raw.frames(u"phx_join"_s).last().at(4).toObject(), QJsonObject({{u"last_store_seq"_s, 4}}));
    QTRY_COMPARE(f.store->status(), Status::Connected);
    f.raw.push(u"phx_error"_s, {});
    QTRY_COMPARE(f.raw.count(u"phx_join"_s), 3);
    QTRY_COMPARE(f.store->status(), Status::Connected);
    QCOMPARE(f.raw.requestUrls.size(), 1);
}

void tst_Client::pendingWritesResentOnceAfterReconnect()
{
    RawFixture f;
    QVERIFY(f.start());
    QTRY_COMPARE(f.store->status(), Status::Connected);
    auto first = f.store->set(u"a"_s, 1);
    auto second = f.store->increment(u"n"_s, 2);
    QTRY_COMPARE(f.raw.count(u"write"_s), 2);
    // The server never answers; the connection drops.
    f.raw.sockets.first()->close();
    QTRY_COMPARE(f.raw.count(u"phx_join"_s), 2);
    QTRY_COMPARE(f.raw.count(u"write"_s), 4);
    QTest::qWait(100);
    QCOMPARE(f.raw.count(u"write"_s), 4);
    const QList<QJsonArray> writes = f.raw.frames(u"write"_s);
    const auto opId = [&](int i) { return writes.at(i).at(4).toObject().value(u"client_op_id"_s).toString(); };
    // Same ops, same ids, same order.
    QCOMPARE(opId(2), opId(0));
    QCOMPARE(opId(3), opId(1));
    QCOMPARE(writes.at(2).at(0), f.raw.joinRef);
    f.raw.reply(writes.at(2), u"ok"_s, {{u"store_seq"_s, 1}});
    f.raw.reply(writes.at(3), u"ok"_s, {{u"store_seq"_s, 2}});
    QCOMPARE(*await(first), 1);
    QCOMPARE(*await(second), 2);
    // Replies to the first sends are gone with the old socket; echoes settle nothing twice.
    f.raw.push(u"event"_s, eventPayload(1, u"set"_s, u"a"_s, 1, opId(0)));
    f.raw.push(u"event"_s, eventPayload(2, u"increment"_s, u"n"_s, 2, opId(1)));
    QTRY_COMPARE(f.store->pendingWrites(), 0);
    QCOMPARE(f.store->get(u"n"_s), QJsonValue(2));
}

void tst_Client::eachWriteSentOncePerConnection()
{
    RawFixture f;
    QVERIFY(f.start());
    QTRY_COMPARE(f.store->status(), Status::Connected);
    // Unanswered writes, then more writes: each new one must not drag the
    // earlier ones onto the wire again.
    f.store->set(u"a"_s, 1);
    f.store->set(u"b"_s, 2);
    QTRY_COMPARE(f.raw.count(u"write"_s), 2);
    for (int i = 0; i < 5; ++i) {
        f.store->increment(u"n"_s);
        QTRY_COMPARE(f.raw.count(u"write"_s), 3 + i);
    }
    f.raw.sockets.first()->close();
    QTRY_COMPARE(f.raw.count(u"phx_join"_s), 2);
    QTRY_COMPARE(f.raw.count(u"write"_s), 14);
    for (int i = 0; i < 3; ++i) {
        f.store->set(u"late%1"_s.arg(i), i);
        QTRY_COMPARE(f.raw.count(u"write"_s), 15 + i);
    }
    QTest::qWait(50);
    QCOMPARE(f.raw.count(u"write"_s), 17);
    QHash<std::pair<int, QString>, int> sends;
    for (qsizetype i = 0; i < f.raw.received.size(); ++i) {
        const QJsonArray frame = f.raw.received.at(i);
        if (frame.at(3).toString() == u"write")
            ++sends[{f.raw.receivedOn.at(i), frame.at(4).toObject().value(u"client_op_id"_s).toString()}];
    }
    QCOMPARE(sends.size(), 17);
    for (auto it = sends.cbegin(); it != sends.cend(); ++it)
        QCOMPARE(it.value(), 1);
}

void tst_Client::writeTimeout()
{
    RawFixture f;
    QVERIFY(f.start());
    f.client->setWriteTimeout(std::chrono::milliseconds(100));
    QTRY_COMPARE(f.store->status(), Status::Connected);
    auto future = f.store->set(u"a"_s, 1);
    const auto result = await(future);
    QVERIFY(!result);
    QCOMPARE(result.error().kind(), Dust::Error::Kind::Timeout);
    QCOMPARE(result.error().code(), u"timeout"_s);
    // Still queued and visible: the server may yet apply it.
    QCOMPARE(f.store->pendingWrites(), 1);
    QCOMPARE(f.store->get(u"a"_s), QJsonValue(1));
    const QJsonArray write = f.raw.frames(u"write"_s).first();
    f.raw.push(u"event"_s, eventPayload(1, u"set"_s, u"a"_s, 1, write.at(4).toObject().value(u"client_op_id"_s).toString()));
    QTRY_COMPARE(f.store->pendingWrites(), 0);
}

void tst_Client::closeFinishesWaitingWrites()
{
    RawFixture f;
    QVERIFY(f.start());
    QTRY_COMPARE(f.store->status(), Status::Connected);
    auto future = f.store->set(u"a"_s, 1);
    QTRY_COMPARE(f.raw.count(u"write"_s), 1);
    f.client->close();
    const auto result = await(future);
    QVERIFY(!result);
    QCOMPARE(result.error().code(), u"closed"_s);
    QCOMPARE(result.error().kind(), Dust::Error::Kind::Cancelled);
    // Kept, and sent again after the next open().
    QCOMPARE(f.store->pendingWrites(), 1);
    f.client->open();
    QTRY_COMPARE(f.raw.count(u"write"_s), 2);
}

void tst_Client::deviceIdIsStable()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    RawServer raw;
    QVERIFY(raw.listen());
    QString first;
    {
        auto client = Dust::createTestClient(raw.url(), u"t"_s, {StoreName});
        client->setCacheDirectory(dir.path());
        QVERIFY(client->deviceId().isEmpty());
        client->open();
        first = client->deviceId();
        QVERIFY(first.startsWith(u"dev_"_s));
        QCOMPARE(first.size(), 4 + 11); // dev_ + 8 bytes in unpadded base64url
        QTRY_COMPARE(raw.requestUrls.size(), 1);
    }
    {
        auto client = Dust::createTestClient(raw.url(), u"t"_s, {StoreName});
        client->setCacheDirectory(dir.path());
        client->open();
        QCOMPARE(client->deviceId(), first);
    }
    {
        auto client = Dust::createTestClient(raw.url(), u"t"_s, {StoreName});
        client->setCacheDirectory(dir.path());
        client->setDeviceId(u"dev_given"_s);
        client->open();
        QCOMPARE(client->deviceId(), u"dev_given"_s);
    }
    // Without a cache directory every client gets a fresh id.
    auto a = Dust::createTestClient(raw.url(), u"t"_s, {StoreName});
    auto b = Dust::createTestClient(raw.url(), u"t"_s, {StoreName});
    a->open();
    b->open();
    QVERIFY(a->deviceId() != b->deviceId());
    QCOMPARE(QUrlQuery(raw.requestUrls.first()).queryItemValue(u"device_id"_s), first);
}

void tst_Client::secureWebSocket()
{
    QFile certFile(QFINDTESTDATA("data/localhost.crt"));
    QFile keyFile(QFINDTESTDATA("data/localhost.key"));
    QVERIFY(certFile.open(QIODevice::ReadOnly));
    QVERIFY(keyFile.open(QIODevice::ReadOnly));
    const QSslCertificate certificate(&certFile, QSsl::Pem);
    const QSslKey key(&keyFile, QSsl::Rsa, QSsl::Pem);
    QVERIFY(!certificate.isNull());
    QVERIFY(!key.isNull());

    RawServer raw(QWebSocketServer::SecureMode);
    QSslConfiguration serverSsl = QSslConfiguration::defaultConfiguration();
    serverSsl.setLocalCertificate(certificate);
    serverSsl.setPrivateKey(key);
    serverSsl.setPeerVerifyMode(QSslSocket::VerifyNone);
    raw.server().setSslConfiguration(serverSsl);
    QVERIFY(raw.listen());

    // Verification is on: an unknown certificate is refused.
    {
        auto client = Dust::createTestClient(raw.url(u"wss"_s), u"t"_s, {StoreName});
        QSignalSpy errors(client.get(), &Client::errorOccurred);
        client->open();
        QTRY_VERIFY(!errors.isEmpty());
        QCOMPARE(errors.first().first().value<Dust::Error>().kind(), Dust::Error::Kind::Network);
        QVERIFY(client->store(StoreName)->status() != Status::Connected);
        QCOMPARE(raw.count(u"phx_join"_s), 0);
    }
    // Trusting the certificate's issuer connects.
    auto client = Dust::createTestClient(raw.url(u"wss"_s), u"t"_s, {StoreName});
    QSslConfiguration clientSsl = QSslConfiguration::defaultConfiguration();
    clientSsl.setCaCertificates({certificate});
    client->setSslConfiguration(clientSsl);
    client->open();
    QTRY_COMPARE(client->store(StoreName)->status(), Status::Connected);
    QCOMPARE(raw.count(u"phx_join"_s), 1);
}

QTEST_GUILESS_MAIN(tst_Client)
#include "tst_client.moc"
