// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

// The Phoenix channel of Dust::Server, frame by frame over real sockets:
// joins and catch-up, every op and every error reason, broadcasts, reply
// order, exactly-once writes, leases, files, bad frames and socket limits.

#include "phoenixtestclient.h"
#include "servertestutil.h"

#include <dustjsonframecodec.h>
#include <dustmsgpackframecodec.h>
#include <dustserver.h>

#include <QtCore/qdatetime.h>
#include <QtCore/qjsonarray.h>
#include <QtCore/qjsondocument.h>
#include <QtTest/qtest.h>

#include <thread>

using namespace Qt::StringLiterals;

namespace {

const QString Topic = u"store:acme/site"_s;

QJsonObject response(const QJsonObject &reply)
{
    return reply.value(u"response").toObject();
}

bool isOk(const QJsonObject &reply)
{
    return reply.value(u"status") == u"ok"_s;
}

// The error response must have exactly the expected keys; "*" matches any value.
bool matchesError(const QJsonObject &actual, const QJsonObject &expected, QString *why)
{
    if (actual.keys() != expected.keys()) {
        *why = u"keys %1 != %2"_s.arg(actual.keys().join(u','), expected.keys().join(u','));
        return false;
    }
    for (auto it = expected.begin(); it != expected.end(); ++it) {
        if (it.value() == u"*"_s && actual.value(it.key()).isString() && !actual.value(it.key()).toString().isEmpty())
            continue;
        if (actual.value(it.key()) != it.value()) {
            *why = u"%1: %2"_s.arg(it.key(), QString::fromUtf8(Dust::JsonFrameCodec().encodeValue(actual)));
            return false;
        }
    }
    return true;
}

} // namespace

class tst_ServerChannel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void heartbeat();
    void joinReply();
    void joinErrors_data();
    void joinErrors();
    void pushesOutsideAChannel();
    void everyOp();
    void pathSegmentsPreferred();
    void writeErrors_data();
    void writeErrors();
    void putFileErrors_data();
    void putFileErrors();
    void twoClientsSameOrder();
    void topicSpellings();
    void catchUp();
    void catchUpAfterDisconnect();
    void catchUpWithConcurrentWrites();
    void replyOrder_data();
    void replyOrder();
    void exactlyOnce();
    void leaseLifecycle();
    void leaseExpiry();
    void inProcessWrites();
    void badFrames_data();
    void badFrames();
    void badMsgPackFrames();
    void messagePackSession();
    void frameOverLimit();
    void idleTimeout();
    void statusPush();
    void rollbackPath();
    void rollbackStore();
    void rollbackErrors_data();
    void rollbackErrors();
    void leave();
    void duplicateJoin();
    void dropConnections();

private:
    void restart(const Dust::ServerOptions &options);
    std::unique_ptr<PhoenixTestClient> connectClient(const QString &deviceId = u"dev_a"_s,
                                                     const QString &vsn = u"2.0.0"_s);
    // Writes and returns {reply payload, event payload for it}.
    std::pair<QJsonObject, QJsonObject> writeAndEcho(PhoenixTestClient &client, QJsonObject payload,
                                                     const QString &event = u"write"_s);

    std::unique_ptr<Dust::Server> m_server;
};

void tst_ServerChannel::init()
{
    Dust::ServerOptions options = memoryServerOptions();
    options.stores = {u"acme/site"_s};
    restart(options);
}

void tst_ServerChannel::cleanup()
{
    m_server.reset();
}

void tst_ServerChannel::restart(const Dust::ServerOptions &options)
{
    m_server.reset();
    m_server = std::make_unique<Dust::Server>(options);
    const Dust::Result<void> started = m_server->start();
    QVERIFY2(started, qPrintable(started.error().toString()));
}

std::unique_ptr<PhoenixTestClient> tst_ServerChannel::connectClient(const QString &deviceId, const QString &vsn)
{
    auto client = std::make_unique<PhoenixTestClient>();
    PhoenixTestClient::Params params;
    params.token = m_server->devToken();
    params.deviceId = deviceId;
    params.vsn = vsn;
    if (!client->open(m_server->webSocketUrl(), params))
        return nullptr;
    return client;
}

std::pair<QJsonObject, QJsonObject> tst_ServerChannel::writeAndEcho(PhoenixTestClient &client, QJsonObject payload,
                                                                    const QString &event)
{
    if (!payload.contains(u"client_op_id"))
        payload.insert(u"client_op_id"_s, PhoenixTestClient::newOpId());
    const QString opId = payload.value(u"client_op_id").toString();
    const QJsonObject reply = client.request(Topic, event, payload);
    const std::optional<Dust::Frame> echo = client.waitForFrame([&](const Dust::Frame &f) {
        return f.event == u"event" && f.topic == Topic && f.payload.value(u"client_op_id") == opId;
    });
    return {reply, echo ? echo->payload : QJsonObject()};
}

void tst_ServerChannel::heartbeat()
{
    auto client = connectClient();
    QVERIFY(client);
    const QString ref = client->push(u"phoenix"_s, u"heartbeat"_s);
    const std::optional<Dust::Frame> reply = client->waitForReply(ref);
    QVERIFY(reply);
    QVERIFY(!reply->joinRef);
    QCOMPARE(reply->topic, u"phoenix"_s);
    QCOMPARE(reply->payload, (QJsonObject{{u"status"_s, u"ok"_s}, {u"response"_s, QJsonObject()}}));
}

void tst_ServerChannel::joinReply()
{
    auto client = connectClient();
    QVERIFY(client);
    QVERIFY(m_server->write(u"acme/site"_s, u"dev_other"_s, Dust::Op::Kind::Set, u"a"_s, 1));
    const QString ref = client->push(Topic, u"phx_join"_s, {{u"last_store_seq"_s, 0}});
    const std::optional<Dust::Frame> reply = client->waitForReply(ref);
    QVERIFY(reply);
    QCOMPARE(reply->joinRef, std::optional<QString>(ref));
    const QJsonObject expected{
        {u"store_seq"_s, 1},
        {u"capver"_s, 3},
        {u"capver_min"_s, 3},
        {u"permissions"_s, QJsonObject{{u"read"_s, true}, {u"write"_s, true}}},
        {u"scopes"_s, QJsonArray::fromStringList(Dust::TokenGrant::allScopes())},
        {u"store_access"_s, QJsonObject{{u"mode"_s, u"all"_s}, {u"store_ids"_s, QJsonArray()}}},
    };
    QCOMPARE(reply->payload, (QJsonObject{{u"status"_s, u"ok"_s}, {u"response"_s, expected}}));

    // The reply, then the catch-up pushed with the join ref, then catch_up_complete.
    const qsizetype replyAt = client->indexOf([&](const Dust::Frame &f) { return f.ref == ref; });
    const std::optional<Dust::Frame> complete = client->waitForFrame(
        [](const Dust::Frame &f) { return f.event == u"catch_up_complete"; });
    QVERIFY(complete);
    const qsizetype completeAt = client->indexOf([](const Dust::Frame &f) { return f.event == u"catch_up_complete"; });
    QCOMPARE(completeAt, replyAt + 2);
    const Dust::Frame event = client->frames().at(replyAt + 1);
    QCOMPARE(event.event, u"event"_s);
    QCOMPARE(event.joinRef, std::optional<QString>(ref));
    QVERIFY(!event.ref);
    QCOMPARE(event.payload.value(u"store_seq"), QJsonValue(1));
    QCOMPARE(complete->joinRef, std::optional<QString>(ref));
    QVERIFY(!complete->ref);
    QCOMPARE(complete->payload, (QJsonObject{{u"through_seq"_s, 1}}));

    // ack_seq is answered with an empty ok.
    QCOMPARE(client->request(Topic, u"ack_seq"_s, {{u"seq"_s, 1}}),
             (QJsonObject{{u"status"_s, u"ok"_s}, {u"response"_s, QJsonObject()}}));
}

void tst_ServerChannel::joinErrors_data()
{
    QTest::addColumn<QString>("topic");
    QTest::addColumn<QJsonObject>("payload");
    QTest::addColumn<QJsonObject>("expected");
    const QJsonObject badSeq{{u"reason"_s, u"invalid_params"_s}, {u"field"_s, u"last_store_seq"_s},
                             {u"message"_s, u"*"_s}};
    QTest::newRow("no last_store_seq") << Topic << QJsonObject() << badSeq;
    QTest::newRow("negative last_store_seq") << Topic << QJsonObject{{u"last_store_seq"_s, -1}} << badSeq;
    QTest::newRow("string last_store_seq") << Topic << QJsonObject{{u"last_store_seq"_s, u"5"_s}} << badSeq;
    QTest::newRow("fractional last_store_seq") << Topic << QJsonObject{{u"last_store_seq"_s, 1.5}} << badSeq;
    QTest::newRow("null last_store_seq") << Topic << QJsonObject{{u"last_store_seq"_s, QJsonValue::Null}} << badSeq;
    const QJsonObject zero{{u"last_store_seq"_s, 0}};
    QTest::newRow("not a store topic") << u"room:lobby"_s << zero
                                       << QJsonObject{{u"reason"_s, u"unmatched topic"_s}};
    QTest::newRow("invalid store name") << u"store:not a/store!"_s << zero
                                        << QJsonObject{{u"reason"_s, u"unauthorized"_s}};
    QTest::newRow("three segments") << u"store:a/b/c"_s << zero << QJsonObject{{u"reason"_s, u"unauthorized"_s}};
    QTest::newRow("unknown store id") << u"store:6f1c1d52-3a0b-4d55-9a3e-000000000000"_s << zero
                                      << QJsonObject{{u"reason"_s, u"unauthorized"_s}};
}

void tst_ServerChannel::joinErrors()
{
    QFETCH(QString, topic);
    QFETCH(QJsonObject, payload);
    QFETCH(QJsonObject, expected);
    auto client = connectClient();
    QVERIFY(client);
    const QJsonObject reply = client->request(topic, u"phx_join"_s, payload);
    QCOMPARE(reply.value(u"status"), u"error"_s);
    QString why;
    QVERIFY2(matchesError(response(reply), expected, &why), qPrintable(why));
    // The socket stays usable and the failed join left no channel behind.
    QVERIFY(isOk(client->request(u"phoenix"_s, u"heartbeat"_s)));
    QCOMPARE(response(client->write(topic, {{u"op"_s, u"set"_s}, {u"path"_s, u"a"_s}, {u"value"_s, 1}})),
             (QJsonObject{{u"reason"_s, u"unmatched topic"_s}}));
    QCOMPARE(m_server->storeSeq(u"acme/site"_s), 0);
}

void tst_ServerChannel::pushesOutsideAChannel()
{
    auto client = connectClient();
    QVERIFY(client);
    const QJsonObject unmatched{{u"reason"_s, u"unmatched topic"_s}};
    QCOMPARE(response(client->write(Topic, {{u"op"_s, u"set"_s}, {u"path"_s, u"a"_s}, {u"value"_s, 1}})), unmatched);
    QCOMPARE(response(client->request(u"phoenix"_s, u"phx_leave"_s)), unmatched);
    QCOMPARE(response(client->request(u"phoenix"_s, u"other"_s)), unmatched);
    QCOMPARE(response(client->request(u"nope:x"_s, u"anything"_s)), unmatched);

    QVERIFY(isOk(client->join(Topic)));
    const QJsonObject unknown = client->request(Topic, u"frobnicate"_s, {{u"x"_s, 1}});
    QCOMPARE(unknown.value(u"status"), u"error"_s);
    QCOMPARE(response(unknown), (QJsonObject{{u"reason"_s, u"unknown_event"_s}, {u"event"_s, u"frobnicate"_s}}));
    QCOMPARE(response(client->request(Topic, u"phx_close"_s)).value(u"reason"), u"unknown_event"_s);
    QVERIFY(isOk(client->request(u"phoenix"_s, u"heartbeat"_s)));
    QCOMPARE(m_server->storeSeq(u"acme/site"_s), 0);
}

void tst_ServerChannel::everyOp()
{
    auto client = connectClient();
    QVERIFY(client);
    QVERIFY(isOk(client->join(Topic)));
    qint64 seq = 0;
    const auto check = [&](const QJsonObject &payload, const QJsonValue &value, const QString &event = u"write"_s) {
        const auto [reply, echo] = writeAndEcho(*client, payload, event);
        ++seq;
        if (!isOk(reply) || response(reply).value(u"store_seq") != QJsonValue(seq))
            return u"reply %1"_s.arg(QString::fromUtf8(Dust::JsonFrameCodec().encodeValue(reply)));
        const Dust::Path path = *Dust::Path::parse(payload.value(u"path").toString());
        const QJsonObject expected{{u"store_seq"_s, seq},
                                   {u"op"_s, event == u"put_file" ? u"put_file"_s : payload.value(u"op")},
                                   {u"path"_s, path.toString()},
                                   {u"path_segments"_s, path.toJsonSegments()},
                                   {u"value"_s, value},
                                   {u"device_id"_s, u"dev_a"_s},
                                   {u"client_op_id"_s, echo.value(u"client_op_id")}};
        if (echo != expected)
            return u"event %1"_s.arg(QString::fromUtf8(Dust::JsonFrameCodec().encodeValue(echo)));
        return QString();
    };
    const auto op = [](const char *name, const char *path, const QJsonValue &value = QJsonValue::Null) {
        return QJsonObject{{u"op"_s, QString::fromLatin1(name)}, {u"path"_s, QString::fromLatin1(path)},
                           {u"value"_s, value}};
    };
    QString failure;
    const QJsonObject map{{u"title"_s, u"T"_s}, {u"meta"_s, QJsonObject{{u"a"_s, 1}}}};
    QVERIFY2((failure = check(op("set", "posts/hello", u"Hi"_s), u"Hi"_s)).isEmpty(), qPrintable(failure));
    // A plain map travels nested in the event, though the store keeps leaves.
    QVERIFY2((failure = check(op("set", "posts/map", map), map)).isEmpty(), qPrintable(failure));
    const QJsonObject partial{{u"meta"_s, QJsonObject{{u"b"_s, 2}}}};
    QVERIFY2((failure = check(op("merge", "posts/map", partial), partial)).isEmpty(), qPrintable(failure));
    // Counters and sets broadcast the materialized value, not the delta.
    QVERIFY2((failure = check(op("increment", "stats/views", 5), 5)).isEmpty(), qPrintable(failure));
    QVERIFY2((failure = check(op("increment", "stats/views", 3), 8)).isEmpty(), qPrintable(failure));
    QVERIFY2((failure = check(op("increment", "stats/views", -1.5), 6.5)).isEmpty(), qPrintable(failure));
    QVERIFY2((failure = check(op("add", "tags", u"a"_s), QJsonArray{u"a"_s})).isEmpty(), qPrintable(failure));
    QVERIFY2((failure = check(op("add", "tags", u"b"_s), QJsonArray{u"b"_s, u"a"_s})).isEmpty(), qPrintable(failure));
    QVERIFY2((failure = check(op("add", "tags", u"a"_s), QJsonArray{u"a"_s, u"b"_s})).isEmpty(), qPrintable(failure));
    QVERIFY2((failure = check(op("remove", "tags", u"b"_s), QJsonArray{u"a"_s})).isEmpty(), qPrintable(failure));
    QVERIFY2((failure = check(op("remove", "missing/set", u"x"_s), QJsonArray())).isEmpty(), qPrintable(failure));
    QVERIFY2((failure = check(op("delete", "posts/hello"), QJsonValue::Null)).isEmpty(), qPrintable(failure));
    QVERIFY2((failure = check(op("delete", "never/written"), QJsonValue::Null)).isEmpty(), qPrintable(failure));

    // Leases: the token is the store_seq of the acquire.
    const qint64 before = QDateTime::currentMSecsSinceEpoch();
    QJsonObject lease = op("lease", "locks/job");
    lease.insert(u"ttl_ms"_s, 30000);
    lease.insert(u"holder"_s, u"worker-1"_s);
    auto [leaseReply, leaseEvent] = writeAndEcho(*client, lease);
    ++seq;
    const QJsonObject granted = response(leaseReply);
    QCOMPARE(granted.value(u"store_seq"), QJsonValue(seq));
    QCOMPARE(granted.value(u"token"), QJsonValue(seq));
    QCOMPARE(granted.value(u"holder"), u"worker-1"_s);
    QVERIFY(granted.value(u"expires_at").toInteger() >= before + 30000);
    QVERIFY(granted.value(u"expires_at").toInteger() <= QDateTime::currentMSecsSinceEpoch() + 30000);
    QCOMPARE(granted.keys(), (QStringList{u"expires_at"_s, u"holder"_s, u"store_seq"_s, u"token"_s}));
    const QJsonObject envelope{{u"_type"_s, u"lease"_s}, {u"holder"_s, u"worker-1"_s}, {u"token"_s, seq},
                               {u"expires_at"_s, granted.value(u"expires_at")}};
    QCOMPARE(leaseEvent.value(u"op"), u"lease"_s);
    QCOMPARE(leaseEvent.value(u"value"), envelope);
    const qint64 token = seq;

    QJsonObject renew = op("renew", "locks/job");
    renew.insert(u"token"_s, token);
    renew.insert(u"ttl_ms"_s, 60000);
    auto [renewReply, renewEvent] = writeAndEcho(*client, renew);
    ++seq;
    QCOMPARE(response(renewReply).value(u"store_seq"), QJsonValue(seq));
    QCOMPARE(response(renewReply).value(u"token"), QJsonValue(token));
    QCOMPARE(response(renewReply).value(u"holder"), u"worker-1"_s);
    QVERIFY(response(renewReply).value(u"expires_at").toInteger() >= before + 60000);
    QCOMPARE(renewEvent.value(u"op"), u"renew"_s);
    QCOMPARE(renewEvent.value(u"value").toObject().value(u"token"), QJsonValue(token));

    QJsonObject release = op("release", "locks/job");
    release.insert(u"token"_s, token);
    QVERIFY2((failure = check(release, QJsonValue::Null)).isEmpty(), qPrintable(failure));

    // put_file: a content-addressed blob and a file reference value.
    const QJsonObject file{{u"path"_s, u"files/readme"_s},
                           {u"path_segments"_s, QJsonArray{u"ignored"_s}},
                           {u"content"_s, QString::fromLatin1(QByteArray("hello").toBase64())},
                           {u"filename"_s, u"readme.txt"_s},
                           {u"content_type"_s, u"text/plain"_s}};
    auto [fileReply, fileEvent] = writeAndEcho(*client, file, u"put_file"_s);
    ++seq;
    const QString hash = u"sha256:2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824"_s;
    QCOMPARE(response(fileReply), (QJsonObject{{u"store_seq"_s, seq}, {u"hash"_s, hash}}));
    QCOMPARE(fileEvent.value(u"op"), u"put_file"_s);
    QCOMPARE(fileEvent.value(u"path"), u"files/readme"_s);
    const QJsonObject ref = fileEvent.value(u"value").toObject();
    QCOMPARE(ref.value(u"_type"), u"file"_s);
    QCOMPARE(ref.value(u"hash"), hash);
    QCOMPARE(ref.value(u"size"), QJsonValue(5));
    QCOMPARE(ref.value(u"content_type"), u"text/plain"_s);
    QCOMPARE(ref.value(u"filename"), u"readme.txt"_s);
    QVERIFY(QDateTime::fromString(ref.value(u"uploaded_at").toString(), Qt::ISODateWithMs).isValid());

    QCOMPARE(m_server->storeSeq(u"acme/site"_s), seq);
    // A late joiner's catch-up carries the same materialized values.
    const QList<QJsonObject> live = client->events(Topic);
    auto late = connectClient(u"dev_late"_s);
    QVERIFY(late);
    const QList<QJsonObject> replayed = late->joinAndCatchUp(Topic, 0);
    QCOMPARE(replayed, live);
}

void tst_ServerChannel::pathSegmentsPreferred()
{
    auto client = connectClient();
    QVERIFY(client);
    QVERIFY(isOk(client->join(Topic)));
    const auto [reply, echo] = writeAndEcho(*client, {{u"op"_s, u"set"_s}, {u"path"_s, u"wrong/path"_s},
                                                      {u"path_segments"_s, QJsonArray{u"posts"_s, u"a/b~c"_s}},
                                                      {u"value"_s, 1}});
    QVERIFY(isOk(reply));
    QCOMPARE(echo.value(u"path"), u"posts/a~1b~0c"_s);
    QCOMPARE(echo.value(u"path_segments"), (QJsonArray{u"posts"_s, u"a/b~c"_s}));
    // Segments alone are enough, and the event carries both forms.
    const auto [reply2, echo2] = writeAndEcho(*client, {{u"op"_s, u"set"_s},
                                                        {u"path_segments"_s, QJsonArray{u"x"_s, u"y"_s}},
                                                        {u"value"_s, 2}});
    QVERIFY(isOk(reply2));
    QCOMPARE(echo2.value(u"path"), u"x/y"_s);
    QCOMPARE(echo2.value(u"path_segments"), (QJsonArray{u"x"_s, u"y"_s}));
}

void tst_ServerChannel::writeErrors_data()
{
    QTest::addColumn<QJsonObject>("payload");
    QTest::addColumn<QJsonObject>("expected");
    const auto reason = [](const char *code) { return QJsonObject{{u"reason"_s, QString::fromLatin1(code)}}; };
    const auto field = [](const char *name) {
        return QJsonObject{{u"reason"_s, u"invalid_params"_s}, {u"field"_s, QString::fromLatin1(name)},
                           {u"message"_s, u"*"_s}};
    };
    const auto op = [](const char *name, const QJsonValue &path, const QJsonValue &value = QJsonValue::Null) {
        return QJsonObject{{u"op"_s, QString::fromLatin1(name)}, {u"path"_s, path}, {u"value"_s, value},
                           {u"client_op_id"_s, PhoenixTestClient::newOpId()}};
    };
    const auto with = [](QJsonObject o, const char *key, const QJsonValue &value) {
        o.insert(QString::fromLatin1(key), value);
        return o;
    };
    const auto without = [](QJsonObject o, const char *key) {
        o.remove(QString::fromLatin1(key));
        return o;
    };

    QTest::newRow("unknown op") << op("frobnicate", u"a"_s, 1) << reason("invalid op");
    QTest::newRow("put_file as a write op") << op("put_file", u"a"_s, 1) << reason("invalid op");
    QTest::newRow("no op") << without(op("set", u"a"_s, 1), "op") << reason("invalid op");
    QTest::newRow("no path") << without(op("set", u"a"_s, 1), "path") << reason("missing_path");
    QTest::newRow("null path") << op("set", QJsonValue::Null, 1) << reason("missing_path");
    QTest::newRow("empty segments") << with(without(op("set", u"a"_s, 1), "path"), "path_segments", QJsonArray())
                                    << reason("empty_path");
    QTest::newRow("empty path") << op("set", u""_s, 1) << reason("empty_path");
    QTest::newRow("empty segment") << op("set", u"posts//hello"_s, 1) << reason("empty_segment");
    QTest::newRow("trailing slash") << op("set", u"posts/"_s, 1) << reason("empty_segment");
    QTest::newRow("empty segment in list") << with(op("set", u"a"_s, 1), "path_segments", QJsonArray{u"a"_s, u""_s})
                                           << reason("empty_segment");
    QTest::newRow("invalid escape") << op("set", u"a~2b"_s, 1) << reason("invalid_escape");
    QTest::newRow("dangling escape") << op("set", u"a~"_s, 1) << reason("invalid_escape");
    QTest::newRow("numeric path") << op("set", 5, 1) << reason("not_a_string");
    QTest::newRow("numeric segment") << with(op("set", u"a"_s, 1), "path_segments", QJsonArray{u"a"_s, 5})
                                     << reason("not_a_string");
    QTest::newRow("segments not a list") << with(op("set", u"a"_s, 1), "path_segments", u"a/b"_s)
                                         << reason("not_a_list");
    QTest::newRow("merge scalar") << op("merge", u"posts/map"_s, 5) << reason("merge_requires_map_value");
    QTest::newRow("merge array") << op("merge", u"posts/map"_s, QJsonArray{1}) << reason("merge_requires_map_value");
    QTest::newRow("increment string") << op("increment", u"n"_s, u"x"_s) << reason("increment_requires_number_value");
    QTest::newRow("increment a string leaf") << op("increment", u"text"_s, 1) << reason("increment_requires_number_target");
    QTest::newRow("add null") << op("add", u"tags"_s) << reason("add_requires_value");
    QTest::newRow("remove nothing") << without(op("remove", u"tags"_s), "value") << reason("remove_requires_value");
    QTest::newRow("empty key") << op("set", u"m"_s, QJsonObject{{u""_s, 1}}) << reason("empty_key");
    QTest::newRow("nested empty key") << op("merge", u"m"_s, QJsonObject{{u"a"_s, QJsonObject{{u""_s, 1}}}})
                                      << reason("empty_key");
    QTest::newRow("stale if_match") << with(op("set", u"plain"_s, 2), "if_match", 999) << reason("conflict");
    QTest::newRow("if_match on absent leaf") << with(op("set", u"nothing"_s, 2), "if_match", 1) << reason("conflict");
    QTest::newRow("if_match on a map path") << with(op("set", u"posts/map"_s, 2), "if_match", 1) << reason("conflict");
    QTest::newRow("if_match stale delete") << with(op("delete", u"plain"_s), "if_match", 2) << reason("conflict");
    QTest::newRow("if_absent on a leaf") << with(op("set", u"plain"_s, 2), "if_absent", true) << reason("exists");
    QTest::newRow("if_absent on a map") << with(op("set", u"posts/map"_s, 2), "if_absent", true) << reason("exists");
    QTest::newRow("both preconditions") << with(with(op("set", u"x"_s, 2), "if_match", 1), "if_absent", true)
                                        << reason("invalid_precondition");
    QTest::newRow("if_match on merge") << with(op("merge", u"x"_s, QJsonObject{{u"a"_s, 1}}), "if_match", 1)
                                       << QJsonObject{{u"reason"_s, u"if_match_unsupported_op"_s}, {u"op"_s, u"merge"_s}};
    QTest::newRow("if_match on increment") << with(op("increment", u"x"_s, 1), "if_match", 1)
                                           << QJsonObject{{u"reason"_s, u"if_match_unsupported_op"_s}, {u"op"_s, u"increment"_s}};
    QTest::newRow("if_match with a map") << with(op("set", u"x"_s, QJsonObject{{u"a"_s, 1}}), "if_match", 1)
                                         << reason("if_match_multi_leaf");
    QTest::newRow("if_absent on delete") << with(op("delete", u"x"_s), "if_absent", true)
                                         << QJsonObject{{u"reason"_s, u"if_absent_unsupported_op"_s}, {u"op"_s, u"delete"_s}};
    QTest::newRow("if_absent with a map") << with(op("set", u"x"_s, QJsonObject{{u"a"_s, 1}}), "if_absent", true)
                                          << reason("if_absent_multi_leaf");
    QTest::newRow("lease held") << op("lease", u"locks/held"_s) << reason("held");
    QTest::newRow("lease on a value") << op("lease", u"plain"_s) << reason("occupied");
    QTest::newRow("lease on a map") << op("lease", u"posts/map"_s) << reason("occupied");
    QTest::newRow("renew wrong token") << with(op("renew", u"locks/held"_s), "token", 1) << reason("not_held");
    QTest::newRow("renew no lease") << with(op("renew", u"locks/none"_s), "token", 1) << reason("not_held");
    QTest::newRow("renew a value") << with(op("renew", u"plain"_s), "token", 1) << reason("not_held");
    QTest::newRow("fence stale token") << with(op("set", u"x"_s, 1), "fence",
                                               QJsonObject{{u"key"_s, u"locks/held"_s}, {u"token"_s, 999}})
                                       << reason("fenced");
    QTest::newRow("fence without lease") << with(op("set", u"x"_s, 1), "fence",
                                                 QJsonObject{{u"key"_s, u"locks/none"_s}, {u"token"_s, 1}})
                                         << reason("fenced");
    QTest::newRow("no client_op_id") << without(op("set", u"x"_s, 1), "client_op_id") << field("client_op_id");
    QTest::newRow("numeric client_op_id") << with(op("set", u"x"_s, 1), "client_op_id", 7) << field("client_op_id");
    QTest::newRow("string if_match") << with(op("set", u"plain"_s, 1), "if_match", u"1"_s) << field("if_match");
    QTest::newRow("fractional if_match") << with(op("set", u"plain"_s, 1), "if_match", 1.5) << field("if_match");
    QTest::newRow("string if_absent") << with(op("set", u"x"_s, 1), "if_absent", u"yes"_s) << field("if_absent");
    QTest::newRow("fence not an object") << with(op("set", u"x"_s, 1), "fence", u"locks/held"_s) << field("fence");
    QTest::newRow("fence bad key") << with(op("set", u"x"_s, 1), "fence",
                                           QJsonObject{{u"key"_s, u"a//b"_s}, {u"token"_s, 1}}) << field("fence");
    QTest::newRow("fence no token") << with(op("set", u"x"_s, 1), "fence", QJsonObject{{u"key"_s, u"k"_s}})
                                    << field("fence");
    QTest::newRow("zero ttl") << with(op("lease", u"locks/new"_s), "ttl_ms", 0) << field("ttl_ms");
    QTest::newRow("string ttl") << with(op("lease", u"locks/new"_s), "ttl_ms", u"1000"_s) << field("ttl_ms");
    QTest::newRow("numeric holder") << with(op("lease", u"locks/new"_s), "holder", 5) << field("holder");
    QTest::newRow("renew without token") << op("renew", u"locks/held"_s) << field("token");
    QTest::newRow("release string token") << with(op("release", u"locks/held"_s), "token", u"abc"_s)
                                           << field("token");
}

void tst_ServerChannel::writeErrors()
{
    QFETCH(QJsonObject, payload);
    QFETCH(QJsonObject, expected);
    const QString store = u"acme/site"_s;
    QVERIFY(m_server->write(store, u"dev_other"_s, Dust::Op::Kind::Set, u"plain"_s, 1));
    QVERIFY(m_server->write(store, u"dev_other"_s, Dust::Op::Kind::Set, u"text"_s, u"words"_s));
    QVERIFY(m_server->write(store, u"dev_other"_s, Dust::Op::Kind::Set, u"posts/map"_s, QJsonObject{{u"a"_s, 1}}));
    QVERIFY(m_server->write(store, u"dev_other"_s, Dust::Op::Kind::Lease, u"locks/held"_s,
                            QJsonObject{{u"ttl_ms"_s, 600000}, {u"holder"_s, u"other"_s}}));
    const qint64 head = m_server->storeSeq(store);
    QCOMPARE(head, 4);

    auto client = connectClient();
    QVERIFY(client);
    client->joinAndCatchUp(Topic);
    const qsizetype from = client->frameCount();
    const QString ref = client->push(Topic, u"write"_s, payload);
    const std::optional<Dust::Frame> reply = client->waitForReply(ref);
    QVERIFY(reply);
    QCOMPARE(reply->payload.value(u"status"), u"error"_s);
    QString why;
    QVERIFY2(matchesError(reply->payload.value(u"response").toObject(), expected, &why), qPrintable(why));

    // Nothing was applied or broadcast, and the socket is still usable.
    QCOMPARE(m_server->storeSeq(store), head);
    const auto [okReply, echo] = writeAndEcho(*client, {{u"op"_s, u"set"_s}, {u"path"_s, u"after"_s}, {u"value"_s, 1}});
    QCOMPARE(response(okReply).value(u"store_seq"), QJsonValue(head + 1));
    QCOMPARE(client->events(Topic, from).size(), 1);
    QCOMPARE(echo.value(u"store_seq"), QJsonValue(head + 1));
}

void tst_ServerChannel::putFileErrors_data()
{
    QTest::addColumn<QJsonObject>("payload");
    QTest::addColumn<QJsonObject>("expected");
    const QJsonObject good{{u"path"_s, u"files/a"_s}, {u"content"_s, u"aGVsbG8="_s},
                           {u"filename"_s, u"a.txt"_s}, {u"client_op_id"_s, u"op_file"_s}};
    const auto with = [&](const char *key, const QJsonValue &value) {
        QJsonObject o = good;
        o.insert(QString::fromLatin1(key), value);
        return o;
    };
    const auto without = [&](const char *key) {
        QJsonObject o = good;
        o.remove(QString::fromLatin1(key));
        return o;
    };
    const auto reason = [](const char *code) { return QJsonObject{{u"reason"_s, QString::fromLatin1(code)}}; };
    QTest::newRow("not base64") << with("content", u"***"_s) << reason("invalid_base64");
    QTest::newRow("no content") << without("content") << reason("invalid_base64");
    QTest::newRow("numeric content") << with("content", 5) << reason("invalid_base64");
    QJsonObject segmentsOnly = without("path");
    segmentsOnly.insert(u"path_segments"_s, QJsonArray{u"files"_s, u"a"_s});
    QTest::newRow("segments only") << segmentsOnly << reason("missing_path");
    QTest::newRow("bad path") << with("path", u"files//a"_s) << reason("empty_segment");
    QTest::newRow("numeric filename") << with("filename", 5)
                                      << QJsonObject{{u"reason"_s, u"invalid_params"_s}, {u"field"_s, u"filename"_s},
                                                     {u"message"_s, u"*"_s}};
    QTest::newRow("no client_op_id") << without("client_op_id")
                                     << QJsonObject{{u"reason"_s, u"invalid_params"_s},
                                                    {u"field"_s, u"client_op_id"_s}, {u"message"_s, u"*"_s}};
}

void tst_ServerChannel::putFileErrors()
{
    QFETCH(QJsonObject, payload);
    QFETCH(QJsonObject, expected);
    auto client = connectClient();
    QVERIFY(client);
    QVERIFY(isOk(client->join(Topic)));
    const QJsonObject reply = client->request(Topic, u"put_file"_s, payload);
    QCOMPARE(reply.value(u"status"), u"error"_s);
    QString why;
    QVERIFY2(matchesError(response(reply), expected, &why), qPrintable(why));
    QCOMPARE(m_server->storeSeq(u"acme/site"_s), 0);
    QVERIFY(isOk(client->request(u"phoenix"_s, u"heartbeat"_s)));
}

void tst_ServerChannel::twoClientsSameOrder()
{
    auto a = connectClient(u"dev_a"_s);
    auto b = connectClient(u"dev_b"_s);
    QVERIFY(a && b);
    QVERIFY(isOk(a->join(Topic)));
    QVERIFY(isOk(b->join(Topic)));
    constexpr int PerClient = 40;
    QStringList refsA, refsB;
    for (int i = 0; i < PerClient; ++i) {
        refsA.append(a->push(Topic, u"write"_s, {{u"op"_s, u"increment"_s}, {u"path"_s, u"counter"_s},
                                                 {u"value"_s, 1}, {u"client_op_id"_s, u"a%1"_s.arg(i)}}));
        refsB.append(b->push(Topic, u"write"_s, {{u"op"_s, u"set"_s}, {u"path"_s, u"b/%1"_s.arg(i)},
                                                 {u"value"_s, i}, {u"client_op_id"_s, u"b%1"_s.arg(i)}}));
    }
    QVERIFY(a->waitForEvents(Topic, 2 * PerClient));
    QVERIFY(b->waitForEvents(Topic, 2 * PerClient));
    const QList<QJsonObject> seenA = a->events(Topic);
    const QList<QJsonObject> seenB = b->events(Topic);
    QCOMPARE(seenA, seenB);
    for (int i = 0; i < seenA.size(); ++i)
        QCOMPARE(seenA.at(i).value(u"store_seq"), QJsonValue(i + 1));
    // Each writer's reply carries the store_seq its event has.
    for (int i = 0; i < PerClient; ++i) {
        const std::optional<Dust::Frame> reply = a->waitForReply(refsA.at(i));
        QVERIFY(reply);
        const qint64 seq = reply->payload.value(u"response").toObject().value(u"store_seq").toInteger();
        QCOMPARE(seenA.at(seq - 1).value(u"client_op_id"), u"a%1"_s.arg(i));
    }
    // Increments by one client commit in order: the totals count up.
    qint64 expected = 0;
    for (const QJsonObject &event : seenA) {
        if (event.value(u"path") == u"counter"_s)
            QCOMPARE(event.value(u"value").toInteger(), ++expected);
    }
    QCOMPARE(expected, PerClient);
}

void tst_ServerChannel::topicSpellings()
{
    Dust::ServerOptions options = memoryServerOptions();
    options.stores = {u"acme/site"_s};
    options.tokens = {Dust::TokenGrant{u"dust_tok_selected"_s, Dust::TokenGrant::allScopes(), false,
                                       {u"acme/site"_s}}};
    restart(options);
    PhoenixTestClient::Params params;
    params.token = u"dust_tok_selected"_s;
    PhoenixTestClient a, b;
    params.deviceId = u"dev_a"_s;
    QVERIFY(a.open(m_server->webSocketUrl(), params));
    params.deviceId = u"dev_b"_s;
    QVERIFY(b.open(m_server->webSocketUrl(), params));

    const QJsonObject joined = a.join(Topic);
    QVERIFY(isOk(joined));
    const QJsonObject access = response(joined).value(u"store_access").toObject();
    QCOMPARE(access.value(u"mode"), u"selected"_s);
    QCOMPARE(access.value(u"store_ids").toArray().size(), 1);
    const QString byId = u"store:"_s + access.value(u"store_ids").toArray().first().toString();
    QVERIFY(isOk(b.join(byId)));

    QVERIFY(isOk(a.write(Topic, {{u"op"_s, u"set"_s}, {u"path"_s, u"from/a"_s}, {u"value"_s, 1}})));
    QVERIFY(isOk(b.write(byId, {{u"op"_s, u"set"_s}, {u"path"_s, u"from/b"_s}, {u"value"_s, 2}})));
    QVERIFY(a.waitForEvents(Topic, 2));
    QVERIFY(b.waitForEvents(byId, 2));
    QCOMPARE(a.events(Topic), b.events(byId));

    // One socket on both spellings gets each event once per topic.
    QVERIFY(isOk(a.join(byId)));
    const qsizetype from = a.frameCount();
    QVERIFY(isOk(b.write(byId, {{u"op"_s, u"set"_s}, {u"path"_s, u"from/b2"_s}, {u"value"_s, 3}})));
    QVERIFY(a.waitForEvents(Topic, 1, from));
    QVERIFY(a.waitForEvents(byId, 1, from));
    QCOMPARE(a.events(Topic, from), a.events(byId, from));
    QCOMPARE(a.events(Topic, from).size(), 1);
}

void tst_ServerChannel::catchUp()
{
    constexpr int Ops = 2500;
    for (int i = 1; i <= Ops; ++i) {
        const Dust::Result<qint64> seq = i % 2
            ? m_server->write(u"acme/site"_s, u"dev_w"_s, Dust::Op::Kind::Increment, u"count"_s, 1)
            : m_server->write(u"acme/site"_s, u"dev_w"_s, Dust::Op::Kind::Set, u"items/%1"_s.arg(i), i);
        QCOMPARE(seq.valueOr(-1), i);
    }
    auto client = connectClient();
    QVERIFY(client);
    struct Case { qint64 since; qint64 count; };
    for (const Case c : {Case{0, Ops}, Case{1000, Ops - 1000}, Case{2499, 1}, Case{Ops, 0}, Case{3000, 0}}) {
        const QString topic = Topic;
        if (c.since != 0)
            QVERIFY(isOk(client->request(topic, u"phx_leave"_s)));
        const qsizetype from = client->frameCount();
        const QList<QJsonObject> events = client->joinAndCatchUp(topic, c.since);
        QCOMPARE(events.size(), c.count);
        for (qsizetype i = 0; i < events.size(); ++i) {
            const qint64 seq = c.since + 1 + i;
            QCOMPARE(events.at(i).value(u"store_seq").toInteger(), seq);
            // Counters replay as totals at that point, not as deltas.
            if (seq % 2)
                QCOMPARE(events.at(i).value(u"value").toInteger(), (seq + 1) / 2);
            else
                QCOMPARE(events.at(i).value(u"value").toInteger(), seq);
        }
        const std::optional<Dust::Frame> complete = client->waitForFrame(
            [](const Dust::Frame &f) { return f.event == u"catch_up_complete"; }, from);
        QVERIFY(complete);
        QCOMPARE(complete->payload.value(u"through_seq").toInteger(), std::max<qint64>(c.since, c.count ? Ops : c.since));
    }
}

void tst_ServerChannel::catchUpAfterDisconnect()
{
    auto client = connectClient();
    QVERIFY(client);
    QVERIFY(isOk(client->join(Topic)));
    for (int i = 0; i < 5; ++i)
        QVERIFY(m_server->write(u"acme/site"_s, u"dev_w"_s, Dust::Op::Kind::Set, u"k/%1"_s.arg(i), i));
    QVERIFY(client->waitForEvents(Topic, 5));
    const qint64 lastSeen = client->events(Topic).last().value(u"store_seq").toInteger();
    client->close();

    for (int i = 5; i < 2500; ++i)
        QVERIFY(m_server->write(u"acme/site"_s, u"dev_w"_s, Dust::Op::Kind::Set, u"k/%1"_s.arg(i), i));
    auto again = connectClient();
    QVERIFY(again);
    const QList<QJsonObject> events = again->joinAndCatchUp(Topic, lastSeen);
    QCOMPARE(events.size(), 2495);
    QCOMPARE(events.first().value(u"store_seq").toInteger(), lastSeen + 1);
    QCOMPARE(events.last().value(u"store_seq").toInteger(), 2500);
}

void tst_ServerChannel::catchUpWithConcurrentWrites()
{
    constexpr int Backlog = 3000;
    constexpr int Live = 300;
    for (int i = 0; i < Backlog; ++i)
        QVERIFY(m_server->write(u"acme/site"_s, u"dev_w"_s, Dust::Op::Kind::Increment, u"n"_s, 1));
    auto client = connectClient();
    QVERIFY(client);
    // Another thread keeps writing while the backlog is replayed: no live
    // event may overtake the catch-up, and none may be lost or repeated.
    std::atomic<int> failures{0};
    std::thread writer([&] {
        for (int i = 0; i < Live; ++i) {
            if (!m_server->write(u"acme/site"_s, u"dev_live"_s, Dust::Op::Kind::Increment, u"n"_s, 1))
                ++failures;
        }
    });
    const QString ref = client->push(Topic, u"phx_join"_s, {{u"last_store_seq"_s, 0}});
    const bool all = client->waitForEvents(Topic, Backlog + Live, 0, 60000);
    writer.join();
    QVERIFY(all);
    QCOMPARE(failures.load(), 0);
    const QList<QJsonObject> events = client->events(Topic);
    QCOMPARE(events.size(), Backlog + Live);
    for (qsizetype i = 0; i < events.size(); ++i) {
        QCOMPARE(events.at(i).value(u"store_seq").toInteger(), i + 1);
        QCOMPARE(events.at(i).value(u"value").toInteger(), i + 1);
    }
    const qsizetype complete = client->indexOf([](const Dust::Frame &f) { return f.event == u"catch_up_complete"; });
    QVERIFY(complete > 0);
    const qint64 through = client->frames().at(complete).payload.value(u"through_seq").toInteger();
    QVERIFY(through >= Backlog);
    QCOMPARE(client->events(Topic, complete).size(), Backlog + Live - through);
    QVERIFY(client->waitForReply(ref));
}

void tst_ServerChannel::replyOrder_data()
{
    QTest::addColumn<Dust::ServerOptions::ReplyOrder>("order");
    QTest::newRow("reply first") << Dust::ServerOptions::ReplyOrder::ReplyFirst;
    QTest::newRow("echo first") << Dust::ServerOptions::ReplyOrder::EchoFirst;
}

void tst_ServerChannel::replyOrder()
{
    QFETCH(Dust::ServerOptions::ReplyOrder, order);
    Dust::ServerOptions options = memoryServerOptions();
    options.replyOrder = order;
    restart(options);
    auto client = connectClient();
    QVERIFY(client);
    QVERIFY(isOk(client->join(Topic)));
    for (int i = 0; i < 5; ++i) {
        const QString opId = u"op_order_%1"_s.arg(i);
        const QString ref = client->push(Topic, u"write"_s, {{u"op"_s, u"set"_s}, {u"path"_s, u"k"_s},
                                                              {u"value"_s, i}, {u"client_op_id"_s, opId}});
        QVERIFY(client->waitForReply(ref));
        QVERIFY(client->waitForFrame([&](const Dust::Frame &f) { return f.payload.value(u"client_op_id") == opId; }));
        const qsizetype replyAt = client->indexOf([&](const Dust::Frame &f) { return f.ref == ref; });
        const qsizetype echoAt = client->indexOf([&](const Dust::Frame &f) {
            return f.event == u"event" && f.payload.value(u"client_op_id") == opId;
        });
        if (order == Dust::ServerOptions::ReplyOrder::ReplyFirst)
            QCOMPARE(echoAt, replyAt + 1);
        else
            QCOMPARE(replyAt, echoAt + 1);
    }
}

void tst_ServerChannel::exactlyOnce()
{
    auto client = connectClient(u"dev_a"_s);
    auto other = connectClient(u"dev_b"_s);
    QVERIFY(client && other);
    QVERIFY(isOk(client->join(Topic)));
    QVERIFY(isOk(other->join(Topic)));
    const QJsonObject increment{{u"op"_s, u"increment"_s}, {u"path"_s, u"n"_s}, {u"value"_s, 1},
                                {u"client_op_id"_s, u"op_once"_s}};
    const QJsonObject first = client->write(Topic, increment);
    QCOMPARE(response(first), (QJsonObject{{u"store_seq"_s, 1}}));
    // The resend (a client retrying after a lost ack) gets the same answer.
    const QJsonObject again = client->write(Topic, increment);
    QCOMPARE(again, first);
    // Another device may use the same id: that is a different op.
    const QJsonObject fromOther = other->write(Topic, increment);
    QCOMPARE(response(fromOther), (QJsonObject{{u"store_seq"_s, 2}}));
    const QJsonObject marker = client->write(Topic, {{u"op"_s, u"set"_s}, {u"path"_s, u"marker"_s}, {u"value"_s, 1}});
    QCOMPARE(response(marker), (QJsonObject{{u"store_seq"_s, 3}}));
    QVERIFY(client->waitForEvents(Topic, 3));
    QVERIFY(other->waitForEvents(Topic, 3));
    const QList<QJsonObject> events = client->events(Topic);
    QCOMPARE(events.size(), 3);
    QCOMPARE(events.at(0).value(u"value"), QJsonValue(1));
    QCOMPARE(events.at(1).value(u"value"), QJsonValue(2));
    QCOMPARE(other->events(Topic), events);
    QCOMPARE(m_server->storeSeq(u"acme/site"_s), 3);
    QCOMPARE(m_server->writesReceived(u"acme/site"_s), 4);

    // A resent lease answers with the original grant.
    const QJsonObject lease{{u"op"_s, u"lease"_s}, {u"path"_s, u"lock"_s}, {u"ttl_ms"_s, 60000},
                            {u"client_op_id"_s, u"op_lease"_s}};
    const QJsonObject granted = client->write(Topic, lease);
    QVERIFY(isOk(granted));
    QCOMPARE(client->write(Topic, lease), granted);
    // So does a resent put_file.
    const QJsonObject file{{u"path"_s, u"f"_s}, {u"content"_s, u"eA=="_s}, {u"client_op_id"_s, u"op_file"_s}};
    const QJsonObject stored = client->request(Topic, u"put_file"_s, file);
    QVERIFY(isOk(stored));
    QCOMPARE(client->request(Topic, u"put_file"_s, file), stored);
    QCOMPARE(m_server->storeSeq(u"acme/site"_s), 5);
}

void tst_ServerChannel::leaseLifecycle()
{
    auto a = connectClient(u"dev_a"_s);
    auto b = connectClient(u"dev_b"_s);
    QVERIFY(a && b);
    QVERIFY(isOk(a->join(Topic)));
    QVERIFY(isOk(b->join(Topic)));
    const auto lease = [](const QString &holder) {
        return QJsonObject{{u"op"_s, u"lease"_s}, {u"path"_s, u"locks/job"_s}, {u"ttl_ms"_s, 60000},
                           {u"holder"_s, holder}};
    };
    const QJsonObject granted = response(a->write(Topic, lease(u"a"_s)));
    const qint64 token = granted.value(u"token").toInteger();
    QCOMPARE(token, granted.value(u"store_seq").toInteger());
    QCOMPARE(response(b->write(Topic, lease(u"b"_s))), (QJsonObject{{u"reason"_s, u"held"_s}}));
    // A holder may not take its own live lease again either.
    QCOMPARE(response(a->write(Topic, lease(u"a"_s))), (QJsonObject{{u"reason"_s, u"held"_s}}));

    // Writes fenced on the live lease pass; a stale token is fenced.
    const auto fenced = [](qint64 t) {
        return QJsonObject{{u"op"_s, u"set"_s}, {u"path"_s, u"job/result"_s}, {u"value"_s, u"done"_s},
                           {u"fence"_s, QJsonObject{{u"key"_s, u"locks/job"_s}, {u"token"_s, t}}}};
    };
    QVERIFY(isOk(a->write(Topic, fenced(token))));
    QVERIFY(isOk(a->write(Topic, {{u"op"_s, u"set"_s}, {u"path"_s, u"job/x"_s}, {u"value"_s, 1},
                                  {u"fence"_s, QJsonObject{{u"key"_s, QJsonArray{u"locks"_s, u"job"_s}},
                                                           {u"token"_s, token}}}})));
    QCOMPARE(response(a->write(Topic, fenced(token + 100))), (QJsonObject{{u"reason"_s, u"fenced"_s}}));

    // Releasing with a wrong token releases nothing and commits nothing.
    const qint64 head = m_server->storeSeq(u"acme/site"_s);
    QVERIFY(waitUntil([&] {
        return !b->events(Topic).isEmpty() && b->events(Topic).last().value(u"store_seq").toInteger() == head;
    }, 10000));
    const qsizetype eventsBefore = b->events(Topic).size();
    const QJsonObject wrongRelease{{u"op"_s, u"release"_s}, {u"path"_s, u"locks/job"_s}, {u"token"_s, token + 1}};
    QCOMPARE(response(b->write(Topic, wrongRelease)), (QJsonObject{{u"released"_s, false}}));
    QCOMPARE(m_server->storeSeq(u"acme/site"_s), head);

    const QJsonObject release{{u"op"_s, u"release"_s}, {u"path"_s, u"locks/job"_s}, {u"token"_s, token}};
    QCOMPARE(response(a->write(Topic, release)), (QJsonObject{{u"store_seq"_s, head + 1}}));
    // Release is idempotent: the second one answers released: false.
    QCOMPARE(response(a->write(Topic, release)), (QJsonObject{{u"released"_s, false}}));
    QCOMPARE(response(a->write(Topic, fenced(token))), (QJsonObject{{u"reason"_s, u"fenced"_s}}));
    const QJsonObject renew{{u"op"_s, u"renew"_s}, {u"path"_s, u"locks/job"_s}, {u"token"_s, token}};
    QCOMPARE(response(a->write(Topic, renew)), (QJsonObject{{u"reason"_s, u"not_held"_s}}));
    QVERIFY(b->waitForEvents(Topic, eventsBefore + 1));
    QCOMPARE(b->events(Topic).size(), eventsBefore + 1);
    QCOMPARE(b->events(Topic).last().value(u"op"), u"release"_s);

    // Now b can take it.
    const QJsonObject second = response(b->write(Topic, lease(u"b"_s)));
    QCOMPARE(second.value(u"holder"), u"b"_s);
    QVERIFY(second.value(u"token").toInteger() > token);
}

void tst_ServerChannel::leaseExpiry()
{
    auto a = connectClient(u"dev_a"_s);
    auto b = connectClient(u"dev_b"_s);
    QVERIFY(a && b);
    QVERIFY(isOk(a->join(Topic)));
    QVERIFY(isOk(b->join(Topic)));
    const QJsonObject shortLease{{u"op"_s, u"lease"_s}, {u"path"_s, u"locks/short"_s}, {u"ttl_ms"_s, 150},
                                 {u"holder"_s, u"a"_s}};
    const qint64 token = response(a->write(Topic, shortLease)).value(u"token").toInteger();
    QVERIFY(token > 0);
    // Expiry is lazy: the next acquire after the deadline succeeds.
    const QJsonObject take{{u"op"_s, u"lease"_s}, {u"path"_s, u"locks/short"_s}, {u"ttl_ms"_s, 60000},
                           {u"holder"_s, u"b"_s}};
    // (QTRY evaluates its expression once more after it held: keep the result.)
    bool taken = false;
    QTRY_VERIFY_WITH_TIMEOUT(taken || (taken = isOk(b->write(Topic, take))), 10000);
    // The old holder's token no longer renews, fences or releases.
    QCOMPARE(response(a->write(Topic, {{u"op"_s, u"renew"_s}, {u"path"_s, u"locks/short"_s}, {u"token"_s, token}})),
             (QJsonObject{{u"reason"_s, u"not_held"_s}}));
    QCOMPARE(response(a->write(Topic, {{u"op"_s, u"release"_s}, {u"path"_s, u"locks/short"_s},
                                       {u"token"_s, token}})),
             (QJsonObject{{u"released"_s, false}}));
}

void tst_ServerChannel::inProcessWrites()
{
    auto client = connectClient();
    QVERIFY(client);
    QVERIFY(isOk(client->join(Topic)));
    const Dust::Result<qint64> seq = m_server->write(u"acme/site"_s, u"dev_kit"_s, Dust::Op::Kind::Set,
                                                     u"posts/x"_s, QJsonObject{{u"t"_s, 1}});
    QCOMPARE(seq.valueOr(0), 1);
    QVERIFY(client->waitForEvents(Topic, 1));
    const QJsonObject event = client->events(Topic).first();
    QCOMPARE(event.value(u"device_id"), u"dev_kit"_s);
    QCOMPARE(event.value(u"value"), (QJsonObject{{u"t"_s, 1}}));
    QVERIFY(event.value(u"client_op_id").toString().startsWith(u"op_"));

    // Leases and files through the same door.
    const Dust::Result<qint64> leased = m_server->write(u"acme/site"_s, u"dev_kit"_s, Dust::Op::Kind::Lease,
                                                        u"lock"_s, QJsonObject{{u"ttl_ms"_s, 5000}});
    QCOMPARE(leased.valueOr(0), 2);
    QCOMPARE(m_server->write(u"acme/site"_s, u"dev_kit"_s, Dust::Op::Kind::Release, u"lock"_s,
                             QJsonObject{{u"token"_s, 99}}).valueOr(-1), 0);
    QCOMPARE(m_server->write(u"acme/site"_s, u"dev_kit"_s, Dust::Op::Kind::Release, u"lock"_s,
                             QJsonObject{{u"token"_s, 2}}).valueOr(-1), 3);
    QCOMPARE(m_server->write(u"acme/site"_s, u"dev_kit"_s, Dust::Op::Kind::PutFile, u"f"_s,
                             QJsonObject{{u"content"_s, u"eA=="_s}}).valueOr(-1), 4);

    // Bad input is an Error, and a missing store is created (auto-create).
    QCOMPARE(m_server->write(u"acme/site"_s, u"dev_kit"_s, Dust::Op::Kind::Set, u"a//b"_s, 1).error().code(),
             u"empty_segment"_s);
    QCOMPARE(m_server->write(u"acme/site"_s, u"dev_kit"_s, Dust::Op::Kind::Merge, u"a"_s, 1).error().code(),
             u"merge_requires_map_value"_s);
    QCOMPARE(m_server->write(u"not a store"_s, u"dev_kit"_s, Dust::Op::Kind::Set, u"a"_s, 1).error().code(),
             u"not_found"_s);
    QCOMPARE(m_server->write(u"acme/other"_s, u"dev_kit"_s, Dust::Op::Kind::Set, u"a"_s, 1).valueOr(0), 1);
    QCOMPARE(m_server->storeSeq(u"acme/other"_s), 1);
    QCOMPARE(m_server->stores(), (QStringList{u"acme/other"_s, u"acme/site"_s}));
    QVERIFY(client->waitForEvents(Topic, 4));
    QCOMPARE(client->events(Topic).size(), 4);

    m_server->stop();
    QCOMPARE(m_server->write(u"acme/site"_s, u"dev_kit"_s, Dust::Op::Kind::Set, u"a"_s, 1).error().code(),
             u"server_not_running"_s);
}

void tst_ServerChannel::badFrames_data()
{
    QTest::addColumn<QByteArray>("frame");
    QTest::addColumn<QString>("reason");   // empty: no ref, logged and dropped
    const Dust::JsonFrameCodec json;
    const auto array = [&](const QJsonArray &a) { return json.encodeValue(a); };
    const QJsonValue null(QJsonValue::Null);
    const QJsonValue ref(u"9"_s);
    const QJsonValue topic(u"phoenix"_s);
    const QJsonValue event(u"heartbeat"_s);
    const QJsonValue ok(QJsonObject{});
    // The shapes of the core codec tests.
    QTest::newRow("object") << QByteArray(R"({"a":1})") << QString();
    QTest::newRow("string") << QByteArray(R"("hello")") << QString();
    QTest::newRow("number") << QByteArray("42") << QString();
    QTest::newRow("null") << QByteArray("null") << QString();
    QTest::newRow("empty array") << QByteArray("[]") << QString();
    QTest::newRow("four elements") << array({ref, ref, topic, event}) << u"wrong_arity"_s;
    QTest::newRow("six elements") << array({ref, ref, topic, event, ok, ok}) << u"wrong_arity"_s;
    QTest::newRow("numeric join_ref") << array({1, ref, topic, event, ok}) << u"invalid_join_ref"_s;
    QTest::newRow("object join_ref") << array({QJsonObject(), ref, topic, event, ok}) << u"invalid_join_ref"_s;
    QTest::newRow("bool ref") << array({ref, true, topic, event, ok}) << QString();
    QTest::newRow("array ref") << array({null, QJsonArray(), topic, event, ok}) << QString();
    QTest::newRow("null topic") << array({ref, ref, null, event, ok}) << u"invalid_topic"_s;
    QTest::newRow("numeric topic") << array({ref, ref, 7, event, ok}) << u"invalid_topic"_s;
    QTest::newRow("empty topic") << array({ref, ref, u""_s, event, ok}) << u"invalid_topic"_s;
    QTest::newRow("null event") << array({ref, ref, topic, null, ok}) << u"invalid_event"_s;
    QTest::newRow("numeric event") << array({ref, ref, topic, 3.5, ok}) << u"invalid_event"_s;
    QTest::newRow("empty event") << array({ref, ref, topic, u""_s, ok}) << u"invalid_event"_s;
    QTest::newRow("array payload") << array({ref, ref, topic, event, QJsonArray{1}}) << u"payload_not_object"_s;
    QTest::newRow("string payload") << array({ref, ref, topic, event, u"x"_s}) << u"payload_not_object"_s;
    QTest::newRow("null payload") << array({ref, ref, topic, event, null}) << u"payload_not_object"_s;
    QTest::newRow("number payload") << array({ref, ref, topic, event, 1}) << u"payload_not_object"_s;
    QTest::newRow("empty text") << QByteArray() << QString();
    QTest::newRow("whitespace") << QByteArray("   ") << QString();
    // Undecodable, but the ref can be read: answered.
    QTest::newRow("truncated") << QByteArray(R"(["1","9","phoenix","heartbeat",{)") << u"malformed_frame"_s;
    QTest::newRow("garbage") << QByteArray("hello") << QString();
    QTest::newRow("trailing garbage") << QByteArray(R"([null,"9","t","e",{}] x)") << u"malformed_frame"_s;
    QTest::newRow("two scalars") << QByteArray("1,2") << QString();
    QTest::newRow("single quotes") << QByteArray("['1','9','t','e',{}]") << QString();
    QTest::newRow("deep nesting") << QByteArray(100, '[') + QByteArray(100, ']') << QString();
    // Well-formed frames the server has no use for.
    QTest::newRow("unknown topic") << array({null, ref, u"room:lobby"_s, u"shout"_s, ok}) << u"unmatched topic"_s;
    QTest::newRow("unknown phoenix event") << array({null, ref, topic, u"other"_s, ok}) << u"unmatched topic"_s;
    QTest::newRow("unknown store event") << array({u"1"_s, ref, Topic, u"frobnicate"_s, ok}) << u"unknown_event"_s;
    QTest::newRow("reply from client") << array({u"1"_s, ref, Topic, u"phx_reply"_s, ok}) << u"unknown_event"_s;
    QTest::newRow("unknown event without ref") << array({u"1"_s, null, Topic, u"frobnicate"_s, ok}) << QString();
}

void tst_ServerChannel::badFrames()
{
    QFETCH(QByteArray, frame);
    QFETCH(QString, reason);
    auto client = connectClient();
    QVERIFY(client);
    QVERIFY(isOk(client->join(Topic)));
    const qsizetype from = client->frameCount();
    client->sendText(frame);
    // A heartbeat after the bad frame is answered: the socket is still usable.
    const QString heartbeat = client->push(u"phoenix"_s, u"heartbeat"_s);
    const std::optional<Dust::Frame> alive = client->waitForReply(heartbeat);
    QVERIFY(alive && alive->payload.value(u"status") == u"ok"_s);
    const qsizetype heartbeatAt = client->indexOf([&](const Dust::Frame &f) { return f.ref == heartbeat; }, from);
    const qsizetype errorAt = client->indexOf([](const Dust::Frame &f) {
        return f.payload.value(u"status") == u"error"_s;
    }, from);
    if (reason.isEmpty()) {
        QCOMPARE(errorAt, -1);
    } else {
        QVERIFY2(errorAt >= 0 && errorAt < heartbeatAt, "the bad frame with a ref got no error reply");
        const Dust::Frame answer = client->frames().at(errorAt);
        QCOMPARE(answer.ref, std::optional<QString>(u"9"_s));
        QCOMPARE(answer.payload.value(u"response").toObject().value(u"reason"), reason);
    }
    QVERIFY(isOk(client->write(Topic, {{u"op"_s, u"set"_s}, {u"path"_s, u"still"_s}, {u"value"_s, 1}})));
    QCOMPARE(client->undecodable(), 0);
    QVERIFY(client->isConnected());
}

void tst_ServerChannel::badMsgPackFrames()
{
    auto client = connectClient(u"dev_mp"_s, u"3.0.0"_s);
    QVERIFY(client);
    QVERIFY(isOk(client->join(Topic)));
    const Dust::MsgPackFrameCodec codec;
    const QByteArray good = codec.encode(Dust::Frame{std::nullopt, u"bad"_s, u"phoenix"_s, u"heartbeat"_s, {}});
    const QList<QByteArray> bad{
        QByteArray(),
        good.left(good.size() - 3),
        good + QByteArray("\x01", 1),
        QByteArray("\xc1", 1),
        QByteArray("\xdd\xff\xff\xff\xff", 5),
        QByteArray("\xdb\xff\xff\xff\xff", 5),
        QByteArray("\x95\xc0\xc0\xa1t\xa1" "e\x81\x01\x02", 10),
        QByteArray("\x95\xc0\xc0\xa1t\xa1" "e\xc4\x02xy", 11),
        QByteArray("\x95\xc0\xc0\xa1\xff\xa1" "e\x80", 8),
        QByteArray("\xc0", 1),
    };
    for (const QByteArray &frame : bad) {
        client->sendBinary(frame);
        QVERIFY(isOk(client->request(u"phoenix"_s, u"heartbeat"_s)));
    }
    // The cut and the padded heartbeat still show their ref: answered.
    const std::optional<Dust::Frame> malformed = client->waitForReply(u"bad"_s);
    QVERIFY(malformed);
    QCOMPARE(malformed->payload.value(u"response").toObject().value(u"reason"), u"malformed_frame"_s);
    // A decodable array with a ref but a bad shape is answered, in MessagePack.
    client->sendBinary(codec.encodeValue(QJsonArray{QJsonValue::Null, u"77"_s, u"phoenix"_s, u"heartbeat"_s, 5}));
    const std::optional<Dust::Frame> answer = client->waitForReply(u"77"_s);
    QVERIFY(answer);
    QCOMPARE(answer->payload.value(u"response").toObject().value(u"reason"), u"payload_not_object"_s);
    QCOMPARE(client->undecodable(), 0);
    QVERIFY(isOk(client->write(Topic, {{u"op"_s, u"set"_s}, {u"path"_s, u"still"_s}, {u"value"_s, 1}})));
}

void tst_ServerChannel::messagePackSession()
{
    auto binary = connectClient(u"dev_mp"_s, u"3.0.0"_s);
    auto text = connectClient(u"dev_json"_s, u"2.0.0"_s);
    QVERIFY(binary && text);
    int binaryMessages = 0;
    int textMessages = 0;
    connect(binary->socket(), &QWebSocket::binaryMessageReceived, this, [&] { ++binaryMessages; });
    connect(binary->socket(), &QWebSocket::textMessageReceived, this, [&] { ++textMessages; });
    QVERIFY(isOk(binary->join(Topic)));
    QVERIFY(isOk(text->join(Topic)));
    const QJsonObject value{{u"n"_s, 1.5}, {u"big"_s, qint64(1) << 40}, {u"list"_s, QJsonArray{true, u"x"_s}}};
    QVERIFY(isOk(binary->write(Topic, {{u"op"_s, u"set"_s}, {u"path"_s, u"mp"_s}, {u"value"_s, value}})));
    // Inbound JSON text is accepted on a MessagePack socket; answers stay binary.
    binary->sendText(R"([null,"500","phoenix","heartbeat",{}])");
    QVERIFY(binary->waitForReply(u"500"_s));
    QVERIFY(binary->waitForEvents(Topic, 1));
    QVERIFY(text->waitForEvents(Topic, 1));
    QCOMPARE(binary->events(Topic), text->events(Topic));
    QCOMPARE(binary->events(Topic).first().value(u"value"), value);
    QVERIFY(binaryMessages >= 4);
    QCOMPARE(textMessages, 0);
}

void tst_ServerChannel::frameOverLimit()
{
    Dust::ServerOptions options = memoryServerOptions();
    options.maxFrameBytes = 64 * 1024;
    restart(options);
    auto client = connectClient();
    QVERIFY(client);
    QVERIFY(isOk(client->join(Topic)));
    // Just under the limit is fine.
    const QString fits(60 * 1024, u'x');
    QVERIFY(isOk(client->write(Topic, {{u"op"_s, u"set"_s}, {u"path"_s, u"big"_s}, {u"value"_s, fits}})));
    const QString tooBig(80 * 1024, u'x');
    client->push(Topic, u"write"_s, {{u"op"_s, u"set"_s}, {u"path"_s, u"big"_s}, {u"value"_s, tooBig},
                                     {u"client_op_id"_s, u"op_big"_s}});
    QVERIFY(client->waitForClosed());
    QCOMPARE(client->closeCode(), QWebSocketProtocol::CloseCodeTooMuchData);
    QCOMPARE(m_server->storeSeq(u"acme/site"_s), 1);
}

void tst_ServerChannel::idleTimeout()
{
    Dust::ServerOptions options = memoryServerOptions();
    options.idleTimeoutMs = 1000;
    restart(options);
    auto silent = connectClient(u"dev_silent"_s);
    auto chatty = connectClient(u"dev_chatty"_s);
    QVERIFY(silent && chatty);
    // The chatty socket sends a heartbeat every 100 ms, as a client would
    // every 30 s; the silent one sends nothing and is closed.
    bool closed = false;
    connect(silent->socket(), &QWebSocket::disconnected, this, [&] { closed = true; });
    QElapsedTimer elapsed;
    elapsed.start();
    while (!closed && elapsed.elapsed() < 20000) {
        chatty->push(u"phoenix"_s, u"heartbeat"_s);
        QTest::qWait(100);
    }
    QVERIFY(closed);
    QCOMPARE(silent->closeCode(), QWebSocketProtocol::CloseCodeGoingAway);
    QCOMPARE(silent->closeReason(), u"idle timeout"_s);
    QVERIFY(chatty->isConnected());
    QVERIFY(isOk(chatty->request(u"phoenix"_s, u"heartbeat"_s)));
}

void tst_ServerChannel::statusPush()
{
    auto client = connectClient();
    QVERIFY(client);
    QVERIFY(isOk(client->join(Topic)));
    QVERIFY(isOk(client->write(Topic, {{u"op"_s, u"set"_s}, {u"path"_s, u"a"_s}, {u"value"_s, QJsonObject{{u"x"_s, 1}, {u"y"_s, 2}}}})));
    QVERIFY(isOk(client->request(Topic, u"put_file"_s, {{u"path"_s, u"f"_s}, {u"content"_s, u"aGVsbG8="_s},
                                                         {u"client_op_id"_s, u"op_f"_s}})));
    const QJsonObject status = client->request(Topic, u"status"_s);
    QVERIFY(isOk(status));
    const QJsonObject info = response(status);
    QCOMPARE(info.value(u"current_seq"), QJsonValue(2));
    QCOMPARE(info.value(u"op_count"), QJsonValue(2));
    QCOMPARE(info.value(u"entry_count"), QJsonValue(3));
    QCOMPARE(info.value(u"file_storage_bytes"), QJsonValue(5));
    QVERIFY(info.value(u"db_size_bytes").toInteger() > 0);
    QCOMPARE(info.value(u"permissions"), (QJsonObject{{u"read"_s, true}, {u"write"_s, true}}));
    QCOMPARE(info.value(u"recent_ops").toArray().size(), 2);
    QCOMPARE(info.value(u"recent_ops").toArray().first().toObject().value(u"store_seq"), QJsonValue(2));
    QVERIFY(info.contains(u"scopes"));
    QVERIFY(info.contains(u"store_access"));
}

namespace {

QJsonValue restValue(const Dust::Server &server, const QString &path)
{
    HttpClient http(server.httpUrl(), server.devToken());
    const HttpResponse got = http.get(u"/api/stores/acme/site/entries/"_s + path);
    return got.status == 200 ? got.json().toObject().value(u"value") : QJsonValue(QJsonValue::Undefined);
}

QJsonObject setOp(const QString &path, const QJsonValue &value)
{
    return {{u"op"_s, u"set"_s}, {u"path"_s, path}, {u"value"_s, value}};
}

} // namespace

void tst_ServerChannel::rollbackPath()
{
    auto writer = connectClient(u"dev_w"_s);
    auto watcher = connectClient(u"dev_r"_s);
    QVERIFY(writer && watcher);
    QVERIFY(isOk(writer->join(Topic)));
    QVERIFY(isOk(writer->write(Topic, setOp(u"posts/a"_s, QJsonObject{{u"title"_s, u"One"_s}, {u"n"_s, 1}}))));  // 1
    QVERIFY(isOk(writer->write(Topic, setOp(u"other"_s, u"keep"_s))));                                      // 2
    QVERIFY(isOk(writer->write(Topic, setOp(u"posts/a"_s, QJsonObject{{u"title"_s, u"Two"_s}, {u"tag"_s, u"x"_s}}))));
    QVERIFY(isOk(writer->write(Topic, {{u"op"_s, u"increment"_s}, {u"path"_s, u"hits"_s}, {u"value"_s, 5}})));
    QVERIFY(isOk(writer->write(Topic, setOp(u"other"_s, u"changed"_s))));
    const qint64 head = m_server->storeSeq(u"acme/site"_s);
    QVERIFY(watcher->joinAndCatchUp(Topic).size() > 0);
    const qsizetype from = watcher->frameCount();

    const QJsonObject reply = writer->request(Topic, u"rollback"_s, {{u"path"_s, u"posts/a"_s}, {u"to_seq"_s, 2}});
    QVERIFY2(isOk(reply), qPrintable(QString::fromUtf8(QJsonDocument(reply).toJson())));
    // posts/a is back to {title: One, n: 1}: title set, n set, tag deleted.
    QCOMPARE(response(reply).value(u"ops_written"), QJsonValue(3));
    QCOMPARE(response(reply).value(u"store_seq"), QJsonValue(head + 3));
    QCOMPARE(restValue(*m_server, u"posts/a"_s), (QJsonObject{{u"title"_s, u"One"_s}, {u"n"_s, 1}}));
    QCOMPARE(restValue(*m_server, u"other"_s), u"changed"_s);
    QCOMPARE(restValue(*m_server, u"hits"_s), QJsonValue(5));

    // Every other client sees ordinary set/delete events by system:rollback.
    QVERIFY(watcher->waitForEvents(Topic, 3, from));
    const QList<QJsonObject> events = watcher->events(Topic, from);
    QCOMPARE(events.size(), 3);
    for (const QJsonObject &event : events) {
        QCOMPARE(event.value(u"device_id"), u"system:rollback"_s);
        QVERIFY(event.value(u"client_op_id").toString().startsWith(u"rollback:2:posts/a/"));
        QVERIFY(event.value(u"op") == u"set"_s || event.value(u"op") == u"delete"_s);
    }

    // Asked again, nothing differs: a no-op, no event, no new store_seq.
    const QJsonObject again = writer->request(Topic, u"rollback"_s, {{u"path"_s, u"posts/a"_s}, {u"to_seq"_s, 2}});
    QCOMPARE(response(again), (QJsonObject{{u"store_seq"_s, head + 3}, {u"ops_written"_s, 0}, {u"noop"_s, true}}));
    // A counter rolls back to its total at that seq; to 0 a path disappears.
    QVERIFY(isOk(writer->request(Topic, u"rollback"_s, {{u"path"_s, u"hits"_s}, {u"to_seq"_s, 0}})));
    QCOMPARE(restValue(*m_server, u"hits"_s), QJsonValue(QJsonValue::Undefined));
    QVERIFY(isOk(writer->request(Topic, u"rollback"_s, {{u"path"_s, u"hits"_s}, {u"to_seq"_s, head - 1}})));
    QCOMPARE(restValue(*m_server, u"hits"_s), QJsonValue(5));
}

void tst_ServerChannel::rollbackStore()
{
    auto client = connectClient();
    QVERIFY(client);
    QVERIFY(isOk(client->join(Topic)));
    QVERIFY(isOk(client->write(Topic, setOp(u"a"_s, 1))));
    QVERIFY(isOk(client->write(Topic, {{u"op"_s, u"add"_s}, {u"path"_s, u"tags"_s}, {u"value"_s, u"x"_s}})));
    const qint64 mark = m_server->storeSeq(u"acme/site"_s);
    QVERIFY(isOk(client->write(Topic, setOp(u"a"_s, 2))));
    QVERIFY(isOk(client->write(Topic, {{u"op"_s, u"add"_s}, {u"path"_s, u"tags"_s}, {u"value"_s, u"y"_s}})));
    QVERIFY(isOk(client->write(Topic, setOp(u"b/c"_s, true))));
    QVERIFY(isOk(client->write(Topic, {{u"op"_s, u"delete"_s}, {u"path"_s, u"a"_s}})));
    const qsizetype from = client->frameCount();

    const QJsonObject reply = client->request(Topic, u"rollback"_s, {{u"to_seq"_s, mark}});
    QVERIFY(isOk(reply));
    QCOMPARE(response(reply).value(u"ops_written"), QJsonValue(3));
    QVERIFY(!response(reply).contains(u"noop"));
    QCOMPARE(restValue(*m_server, u"a"_s), QJsonValue(1));
    QCOMPARE(restValue(*m_server, u"tags"_s), QJsonArray{u"x"_s});
    QCOMPARE(restValue(*m_server, u"b"_s), QJsonValue(QJsonValue::Undefined));
    QVERIFY(client->waitForEvents(Topic, 3, from));
    for (const QJsonObject &event : client->events(Topic, from))
        QCOMPARE(event.value(u"device_id"), u"system:rollback"_s);

    // The same rollback again writes nothing; rolling back to 0 empties the store.
    QCOMPARE(response(client->request(Topic, u"rollback"_s, {{u"to_seq"_s, mark}})).value(u"ops_written"), QJsonValue(0));
    QVERIFY(isOk(client->request(Topic, u"rollback"_s, {{u"to_seq"_s, 0}})));
    QCOMPARE(response(client->request(Topic, u"status"_s)).value(u"entry_count"), QJsonValue(0));
    // The rollback writes are in the op log like any other: a late joiner catches up on them.
    auto late = connectClient(u"dev_late"_s);
    QVERIFY(late);
    const QList<QJsonObject> caughtUp = late->joinAndCatchUp(Topic);
    QCOMPARE(caughtUp.last().value(u"device_id"), u"system:rollback"_s);
}

void tst_ServerChannel::rollbackErrors_data()
{
    QTest::addColumn<QJsonObject>("payload");
    QTest::addColumn<QString>("reason");
    QTest::newRow("no to_seq") << QJsonObject{{u"path"_s, u"a"_s}} << u"invalid_params"_s;
    QTest::newRow("negative") << QJsonObject{{u"path"_s, u"a"_s}, {u"to_seq"_s, -1}} << u"invalid_to_seq"_s;
    QTest::newRow("fraction") << QJsonObject{{u"to_seq"_s, 1.5}} << u"invalid_params"_s;
    QTest::newRow("string") << QJsonObject{{u"to_seq"_s, u"1"_s}} << u"invalid_params"_s;
    QTest::newRow("future") << QJsonObject{{u"path"_s, u"a"_s}, {u"to_seq"_s, 99}} << u"invalid_to_seq"_s;
    QTest::newRow("future, whole store") << QJsonObject{{u"to_seq"_s, 3}} << u"invalid_to_seq"_s;
    QTest::newRow("empty path") << QJsonObject{{u"path"_s, u""_s}, {u"to_seq"_s, 1}} << u"empty_path"_s;
    QTest::newRow("empty segment") << QJsonObject{{u"path"_s, u"a//b"_s}, {u"to_seq"_s, 1}} << u"empty_segment"_s;
    QTest::newRow("path not a string") << QJsonObject{{u"path"_s, 5}, {u"to_seq"_s, 1}} << u"not_a_string"_s;
}

void tst_ServerChannel::rollbackErrors()
{
    QFETCH(QJsonObject, payload);
    QFETCH(QString, reason);
    auto client = connectClient();
    QVERIFY(client);
    QVERIFY(isOk(client->join(Topic)));
    QVERIFY(isOk(client->write(Topic, setOp(u"a"_s, 1))));
    QVERIFY(isOk(client->write(Topic, setOp(u"a"_s, 2))));
    const qsizetype from = client->frameCount();
    const QJsonObject reply = client->request(Topic, u"rollback"_s, payload);
    QCOMPARE(reply.value(u"status"), u"error"_s);
    QCOMPARE(response(reply).value(u"reason"), reason);
    QCOMPARE(m_server->storeSeq(u"acme/site"_s), 2);
    QCOMPARE(restValue(*m_server, u"a"_s), QJsonValue(2));
    QCOMPARE(client->events(Topic, from).size(), 0);
}

void tst_ServerChannel::leave()
{
    auto a = connectClient(u"dev_a"_s);
    auto b = connectClient(u"dev_b"_s);
    QVERIFY(a && b);
    QVERIFY(isOk(a->join(Topic)));
    QVERIFY(isOk(b->join(Topic)));
    QCOMPARE(a->request(Topic, u"phx_leave"_s),
             (QJsonObject{{u"status"_s, u"ok"_s}, {u"response"_s, QJsonObject()}}));
    QVERIFY(isOk(b->write(Topic, {{u"op"_s, u"set"_s}, {u"path"_s, u"a"_s}, {u"value"_s, 1}})));
    QVERIFY(b->waitForEvents(Topic, 1));
    // a is off the topic: its next push there is unmatched, and it got no event.
    QCOMPARE(response(a->write(Topic, {{u"op"_s, u"set"_s}, {u"path"_s, u"b"_s}, {u"value"_s, 1}})),
             (QJsonObject{{u"reason"_s, u"unmatched topic"_s}}));
    QCOMPARE(a->events(Topic).size(), 0);
}

void tst_ServerChannel::duplicateJoin()
{
    auto client = connectClient();
    QVERIFY(client);
    const QString first = client->push(Topic, u"phx_join"_s, {{u"last_store_seq"_s, 0}});
    QVERIFY(client->waitForReply(first));
    const QString second = client->push(Topic, u"phx_join"_s, {{u"last_store_seq"_s, 0}});
    QVERIFY(client->waitForReply(second));
    const qsizetype closeAt = client->indexOf([](const Dust::Frame &f) { return f.event == u"phx_close"; });
    QVERIFY(closeAt >= 0);
    QCOMPARE(client->frames().at(closeAt).joinRef, std::optional<QString>(first));
    QVERIFY(closeAt < client->indexOf([&](const Dust::Frame &f) { return f.ref == second; }));
    // Only the new channel gets events.
    QVERIFY(isOk(client->write(Topic, {{u"op"_s, u"set"_s}, {u"path"_s, u"a"_s}, {u"value"_s, 1}})));
    QVERIFY(client->waitForEvents(Topic, 1));
    QCOMPARE(client->events(Topic).size(), 1);
}

void tst_ServerChannel::dropConnections()
{
    auto a = connectClient(u"dev_a"_s);
    auto b = connectClient(u"dev_b"_s);
    QVERIFY(a && b);
    m_server->dropConnections();
    QVERIFY(a->waitForClosed());
    QVERIFY(b->waitForClosed());
    // The server keeps listening.
    auto c = connectClient(u"dev_c"_s);
    QVERIFY(c);
    QVERIFY(isOk(c->join(Topic)));
}

QTEST_GUILESS_MAIN(tst_ServerChannel)
#include "tst_serverchannel.moc"
