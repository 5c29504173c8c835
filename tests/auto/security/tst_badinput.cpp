// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

// Hostile input, end to end, as a table: every row sends one bad input to
// a running server (WebSocket frames, connect parameters, REST requests)
// or to a running client (frames from a raw QWebSocketServer playing a
// hostile server), and asserts: a clear error (an error reply with its
// code, an HTTP status with its code, or the client's Dust::Error and a log
// line naming the problem), no crash, the connection (or for a refused one
// the server) still usable, and the data unchanged. The table is printed at
// the end.

#include "clienttestutils.h"
#include "../shared/testwait.h"
#include "phoenixtestclient.h"
#include "securitytestutils.h"
#include "servertestutil.h"

#include <dustserver.h>

#include <QtCore/qjsonarray.h>
#include <QtCore/qjsondocument.h>
#include <QtCore/qloggingcategory.h>
#include <QtNetwork/qtcpsocket.h>
#include <QtTest/qtest.h>

#include <cstdio>

using namespace Qt::StringLiterals;
using namespace Dust;
using namespace DustTest;

namespace {

const QString StoreName = u"acme/bad"_s;
const QString Topic = u"store:acme/bad"_s;
const QString Full = u"dust_tok_bad_full_0123456789"_s;
const QString OtherStore = u"dust_tok_bad_other_0123456789"_s;
const QString Expired = u"dust_tok_bad_expired_0123456789"_s;
const QString Device = u"dev_seed"_s;
const QString SeedOpId = u"op_seed_1"_s;
constexpr qsizetype MaxFrame = 64 * 1024;

struct Row
{
    QString input;
    QString target;
    QString outcome;
};

QList<Row> &table()
{
    static QList<Row> rows;
    return rows;
}

QByteArray deepArray(int depth)
{
    return QByteArray(depth, '[') + QByteArray(depth, ']');
}

QJsonObject response(const QJsonObject &reply)
{
    return reply.value(u"response").toObject();
}

// A frame on the test's store topic: [join_ref, ref, topic, event, payload].
QByteArray push(const char *event, const QByteArray &payload)
{
    return R"(["1","%REF%","store:acme/bad",")" + QByteArray(event) + R"(",)" + payload + "]";
}

QByteArray write(const QByteArray &fields)
{
    return push("write", "{" + fields + "}");
}

} // namespace

class tst_BadInput : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void serverFrames_data();
    void serverFrames();
    void serverConnect_data();
    void serverConnect();
    void serverRest_data();
    void serverRest();
    void serverRawHttp_data();
    void serverRawHttp();
    void serverLogInjection();
    void serverBadMessagePack();
    void clientFrames_data();
    void clientFrames();
    void clientReplies_data();
    void clientReplies();
    void clientSnapshotEntries();

private:
    QJsonValue serverState() const;
    bool newLog(qsizetype from, const QString &text, int timeoutMs = 5000) const;

    std::unique_ptr<LogCapture> m_logs;
    std::unique_ptr<Server> m_server;
    qint64 m_seedSeq = 0;
    int m_ref = 0;
};

void tst_BadInput::initTestCase()
{
    // Every client and bridge line, debug included, so the log rows show
    // what the client said about each input.
    QLoggingCategory::setFilterRules(u"dust.*.debug=true"_s);
    m_logs = std::make_unique<LogCapture>();
    ServerOptions options = memoryServerOptions();
    options.stores = {StoreName, u"acme/other"_s};
    options.autoCreate = false;
    options.maxFrameBytes = MaxFrame;
    options.tokens = {
        TokenGrant{Full, TokenGrant::allScopes(), true, {}, {}},
        TokenGrant{OtherStore, TokenGrant::allScopes(), false, {u"acme/other"_s}, {}},
        TokenGrant{Expired, TokenGrant::allScopes(), true, {}, QDateTime::currentDateTimeUtc().addDays(-1)},
    };
    m_server = std::make_unique<Server>(options);
    const Result<void> started = m_server->start();
    QVERIFY2(started, qPrintable(started.error().toString()));

    // The data every row must leave alone.
    PhoenixTestClient seed;
    QVERIFY(seed.open(m_server->webSocketUrl(), {Full, Device}));
    QCOMPARE(seed.join(Topic).value(u"status"), u"ok"_s);
    const QJsonObject first = seed.write(Topic, {{u"op"_s, u"set"_s}, {u"path"_s, u"doc"_s},
                                                 {u"value"_s, u"v1"_s}, {u"client_op_id"_s, SeedOpId}});
    QCOMPARE(first.value(u"status"), u"ok"_s);
    m_seedSeq = response(first).value(u"store_seq").toInteger();
    QCOMPARE(seed.write(Topic, {{u"op"_s, u"increment"_s}, {u"path"_s, u"n"_s}, {u"value"_s, 5}})
                 .value(u"status"), u"ok"_s);
    QCOMPARE(seed.write(Topic, {{u"op"_s, u"lease"_s}, {u"path"_s, u"lock"_s}, {u"ttl_ms"_s, 600000}})
                 .value(u"status"), u"ok"_s);
}

void tst_BadInput::cleanupTestCase()
{
    std::printf("\n%-58s %-16s %s\n", "input", "target", "outcome");
    std::printf("%s\n", QByteArray(120, '-').constData());
    for (const Row &row : std::as_const(table())) {
        std::printf("%-58s %-16s %s\n", qPrintable(row.input.left(58)), qPrintable(row.target),
                    qPrintable(row.outcome.left(120)));
    }
    std::printf("%lld rows: no crash, every error clear, every connection or server still usable, "
                "data unchanged\n", qlonglong(table().size()));
    std::fflush(stdout);
    m_server.reset();
    QLoggingCategory::setFilterRules(QString());
    m_logs.reset();
}

QJsonValue tst_BadInput::serverState() const
{
    HttpClient http(m_server->httpUrl(), Full);
    return http.get(u"/api/stores/acme/bad/entries?limit=1000"_s).json();
}

bool tst_BadInput::newLog(qsizetype from, const QString &text, int timeoutMs) const
{
    return waitUntil([&] {
        const QStringList messages = m_logs->messages();
        for (qsizetype i = from; i < messages.size(); ++i) {
            if (messages.at(i).contains(text))
                return true;
        }
        return false;
    }, timeoutMs);
}

// --------------------------------------------------------------- server, WebSocket frames

void tst_BadInput::serverFrames_data()
{
    QTest::addColumn<QString>("token");
    QTest::addColumn<bool>("join");
    QTest::addColumn<QByteArray>("frame");
    QTest::addColumn<bool>("binary");
    // "reply:<reason>", "ok", "dropped:<logged code>" or "closed:<close code>".
    QTest::addColumn<QString>("expect");

    const auto row = [](const char *name, const QByteArray &frame, const QString &expect,
                        const QString &token = Full, bool join = true, bool binary = false) {
        QTest::newRow(name) << token << join << frame << binary << expect;
    };
    // Framing.
    row("malformed JSON", R"(["1","%REF%","store:acme/bad","write",{"op":"set")", u"reply:malformed_frame:invalid_json"_s);
    row("not JSON at all", "hello there", u"dropped:invalid_json"_s);
    row("invalid UTF-8 (binary frame)", "[\"1\",\"%REF%\",\"store:acme/bad\",\"write\",{\"op\":\"\xff\xfe\"}]",
        u"reply:malformed_frame:invalid_utf8"_s, Full, true, true);
    row("JSON object instead of array", R"({"topic":"store:acme/bad","event":"write"})", u"dropped:not_an_array"_s);
    row("wrong frame arity (4)", R"(["1","%REF%","store:acme/bad","write"])", u"reply:wrong_arity"_s);
    row("wrong frame arity (6)", R"(["1","%REF%","store:acme/bad","write",{},{}])", u"reply:wrong_arity"_s);
    row("ref not a string", R"(["1",7,"store:acme/bad","write",{}])", u"dropped:invalid_ref"_s);
    row("topic not a string", R"(["1","%REF%",5,"write",{}])", u"reply:invalid_topic"_s);
    row("event not a string", R"(["1","%REF%","store:acme/bad",null,{}])", u"reply:invalid_event"_s);
    row("payload an array", push("write", "[1,2]"), u"reply:payload_not_object"_s);
    row("payload a string", push("write", R"("set doc")"), u"reply:payload_not_object"_s);
    row("huge frame (over max frame)", push("write", R"({"value":")" + QByteArray(MaxFrame * 2, 'x') + R"("})"),
        u"closed:1009"_s);
    row("deep nesting (2000 levels)", write(R"("op":"set","path":"d","client_op_id":"op_d","value":)" + deepArray(2000)),
        u"reply:malformed_frame:too_deep"_s);
    row("deep nesting (65 levels)", write(R"("op":"set","path":"d","client_op_id":"op_d","value":)" + deepArray(65)),
        u"reply:malformed_frame:too_deep"_s);
    row("NaN", write(R"("op":"set","path":"d","client_op_id":"op_d","value":NaN)"), u"reply:malformed_frame:invalid_json"_s);
    row("1e400", write(R"("op":"set","path":"d","client_op_id":"op_d","value":1e400)"), u"reply:malformed_frame:invalid_json"_s);
    row("lone surrogate", write(R"("op":"set","path":"d","client_op_id":"op_d","value":"\ud800")"),
        u"reply:malformed_frame:unpaired_surrogate"_s);
    row("malformed JSON, ref not readable", R"(["1",{"%REF%"},"store:acme/bad","write",{})", u"dropped:invalid_json"_s);
    // Events and topics.
    row("unknown event", push("frobnicate", "{}"), u"reply:unknown_event"_s);
    row("push to a topic not joined", R"(["1","%REF%","store:acme/other","write",{}])", u"reply:unmatched topic"_s);
    row("join of a non-store topic", R"(["1","%REF%","room:lobby","phx_join",{"last_store_seq":0}])",
        u"reply:unmatched topic"_s);
    row("join of a store that does not exist", R"(["9","%REF%","store:acme/missing","phx_join",{"last_store_seq":0}])",
        u"reply:unauthorized"_s, Full, false);
    row("join with a path-like store name", R"(["9","%REF%","store:../../etc","phx_join",{"last_store_seq":0}])",
        u"reply:unauthorized"_s, Full, false);
    row("join of an unknown store id", R"(["9","%REF%","store:00000000-0000-0000-0000-000000000000","phx_join",{"last_store_seq":0}])",
        u"reply:unauthorized"_s, Full, false);
    row("join with a token for another store", R"(["9","%REF%","store:acme/bad","phx_join",{"last_store_seq":0}])",
        u"reply:store_not_allowed"_s, OtherStore, false);
    // Paths.
    row("path with an empty segment", write(R"("op":"set","path":"a//b","value":1,"client_op_id":"op_p1")"), u"reply:empty_segment"_s);
    row("path with a bad escape", write(R"("op":"set","path":"a~2b","value":1,"client_op_id":"op_p2")"), u"reply:invalid_escape"_s);
    row("empty path", write(R"("op":"set","path":"","value":1,"client_op_id":"op_p3")"), u"reply:empty_path"_s);
    row("missing path", write(R"("op":"set","value":1,"client_op_id":"op_p4")"), u"reply:missing_path"_s);
    row("path a number", write(R"("op":"set","path":5,"value":1,"client_op_id":"op_p5")"), u"reply:not_a_string"_s);
    row("path_segments a string", write(R"("op":"set","path_segments":"a/b","value":1,"client_op_id":"op_p6")"), u"reply:not_a_list"_s);
    row("path_segments with a number", write(R"("op":"set","path_segments":["a",1],"value":1,"client_op_id":"op_p7")"), u"reply:not_a_string"_s);
    row("path_segments with an empty segment", write(R"("op":"set","path_segments":["a",""],"value":1,"client_op_id":"op_p8")"), u"reply:empty_segment"_s);
    // Wrong types for every field of a write.
    row("op a number", write(R"("op":5,"path":"x","value":1,"client_op_id":"op_t1")"), u"reply:invalid op"_s);
    row("op unknown", write(R"("op":"explode","path":"x","value":1,"client_op_id":"op_t2")"), u"reply:invalid op"_s);
    row("client_op_id missing", write(R"("op":"set","path":"x","value":1)"), u"reply:invalid_params"_s);
    row("client_op_id a number", write(R"("op":"set","path":"x","value":1,"client_op_id":7)"), u"reply:invalid_params"_s);
    row("client_op_id 300 characters", write(R"("op":"set","path":"x","value":1,"client_op_id":")" + QByteArray(300, 'a') + '"'),
        u"reply:invalid_params"_s);
    row("merge value a string", write(R"("op":"merge","path":"x","value":"s","client_op_id":"op_t3")"), u"reply:merge_requires_map_value"_s);
    row("increment value a string", write(R"("op":"increment","path":"n","value":"1","client_op_id":"op_t4")"),
        u"reply:increment_requires_number_value"_s);
    row("increment of a string value", write(R"("op":"increment","path":"doc","value":1,"client_op_id":"op_t5")"),
        u"reply:increment_requires_number_target"_s);
    row("add without a value", write(R"("op":"add","path":"s","client_op_id":"op_t6")"), u"reply:add_requires_value"_s);
    row("remove without a value", write(R"("op":"remove","path":"s","value":null,"client_op_id":"op_t7")"), u"reply:remove_requires_value"_s);
    row("object with an empty key", write(R"("op":"set","path":"m","value":{"":1},"client_op_id":"op_t8")"), u"reply:empty_key"_s);
    row("if_match a string", write(R"("op":"set","path":"doc","value":1,"if_match":"1","client_op_id":"op_t9")"), u"reply:invalid_params"_s);
    row("if_absent a string", write(R"("op":"set","path":"x","value":1,"if_absent":"yes","client_op_id":"op_t10")"), u"reply:invalid_params"_s);
    row("if_match and if_absent", write(R"("op":"set","path":"x","value":1,"if_match":1,"if_absent":true,"client_op_id":"op_t11")"),
        u"reply:invalid_precondition"_s);
    row("fence a string", write(R"("op":"set","path":"x","value":1,"fence":"lock","client_op_id":"op_t12")"), u"reply:invalid_params"_s);
    row("fence with a stale token", write(R"("op":"set","path":"x","value":1,"fence":{"key":"lock","token":1},"client_op_id":"op_t13")"),
        u"reply:fenced"_s);
    row("lease ttl_ms a string", write(R"("op":"lease","path":"l2","ttl_ms":"soon","client_op_id":"op_t14")"), u"reply:invalid_params"_s);
    row("lease ttl_ms negative", write(R"("op":"lease","path":"l2","ttl_ms":-5,"client_op_id":"op_t15")"), u"reply:invalid_params"_s);
    row("lease holder a number", write(R"("op":"lease","path":"l2","holder":5,"client_op_id":"op_t16")"), u"reply:invalid_params"_s);
    row("lease on a held key", write(R"("op":"lease","path":"lock","client_op_id":"op_t17")"), u"reply:held"_s);
    row("renew token a string", write(R"("op":"renew","path":"lock","token":"abc","client_op_id":"op_t18")"), u"reply:invalid_params"_s);
    row("put_file content not base64", push("put_file", R"({"path":"f","content":"***","client_op_id":"op_f1"})"), u"reply:invalid_base64"_s);
    row("put_file content a number", push("put_file", R"({"path":"f","content":5,"client_op_id":"op_f2"})"), u"reply:invalid_base64"_s);
    row("put_file filename a number", push("put_file", R"({"path":"f","content":"eA==","filename":5,"client_op_id":"op_f3"})"),
        u"reply:invalid_params"_s);
    row("put_file content_type a list", push("put_file", R"({"path":"f","content":"eA==","content_type":[],"client_op_id":"op_f4"})"),
        u"reply:invalid_params"_s);
    // Seqs.
    row("join last_store_seq negative", R"(["9","%REF%","store:acme/bad","phx_join",{"last_store_seq":-1}])",
        u"reply:invalid_params"_s, Full, false);
    row("join last_store_seq enormous", R"(["9","%REF%","store:acme/bad","phx_join",{"last_store_seq":1e300}])",
        u"reply:invalid_params"_s, Full, false);
    row("join last_store_seq a string", R"(["9","%REF%","store:acme/bad","phx_join",{"last_store_seq":"5"}])",
        u"reply:invalid_params"_s, Full, false);
    row("join without last_store_seq", R"(["9","%REF%","store:acme/bad","phx_join",{}])",
        u"reply:invalid_params"_s, Full, false);
    row("if_match negative", write(R"("op":"set","path":"doc","value":1,"if_match":-1,"client_op_id":"op_s1")"), u"reply:conflict"_s);
    row("if_match enormous", write(R"("op":"set","path":"doc","value":1,"if_match":1e300,"client_op_id":"op_s2")"), u"reply:invalid_params"_s);
    row("ack_seq negative", push("ack_seq", R"({"seq":-1})"), u"reply:invalid_params"_s);
    row("ack_seq enormous", push("ack_seq", R"({"seq":1e300})"), u"reply:invalid_params"_s);
    row("ack_seq without seq", push("ack_seq", "{}"), u"reply:invalid_params"_s);
    // Numbers a JSON double does not hold exactly.
    row("integer 2^63", write(R"("op":"set","path":"x","value":9223372036854775808,"client_op_id":"op_n1")"),
        u"reply:invalid_value"_s);
    row("integer 2^53 + 1", write(R"("op":"set","path":"x","value":{"a":[9007199254740993]},"client_op_id":"op_n2")"),
        u"reply:invalid_value"_s);
    row("increment past 2^53", write(R"("op":"increment","path":"n","value":9007199254740990,"client_op_id":"op_n3")"),
        u"reply:invalid_value"_s);
    // A replayed client_op_id: answered like the first time, applied once.
    row("replayed client_op_id", write(R"("op":"set","path":"doc","value":"v2","client_op_id":")" + SeedOpId.toLatin1() + '"'),
        u"ok"_s);
}

void tst_BadInput::serverFrames()
{
    QFETCH(QString, token);
    QFETCH(bool, join);
    QFETCH(QByteArray, frame);
    QFETCH(bool, binary);
    QFETCH(QString, expect);

    PhoenixTestClient ws;
    QVERIFY(ws.open(m_server->webSocketUrl(), {token, Device}));
    if (join)
        QCOMPARE(ws.join(Topic).value(u"status"), u"ok"_s);
    const qint64 head = m_server->storeSeq(StoreName);
    const QJsonValue state = serverState();
    const qsizetype logsFrom = m_logs->messages().size();

    const QString ref = u"bad%1"_s.arg(++m_ref);
    frame.replace("%REF%", ref.toLatin1());
    if (binary)
        ws.sendBinary(frame);
    else
        ws.sendText(frame);

    QString outcome;
    bool closed = false;
    if (expect.startsWith(u"reply:") || expect == u"ok") {
        const std::optional<Frame> reply = ws.waitForReply(ref);
        QVERIFY2(reply, "no reply");
        const QString status = reply->payload.value(u"status").toString();
        const QJsonObject body = reply->payload.value(u"response").toObject();
        outcome = u"reply "_s + status;
        if (expect == u"ok") {
            QCOMPARE(status, u"ok"_s);
            QCOMPARE(body.value(u"store_seq").toInteger(), m_seedSeq);
            outcome += u", original store_seq %1, not applied again"_s.arg(m_seedSeq);
        } else {
            QCOMPARE(status, u"error"_s);
            // "reply:malformed_frame:<detail>" for a frame that could not be decoded.
            const QStringList expected = expect.mid(6).split(u':');
            QCOMPARE(body.value(u"reason").toString(), expected.first());
            if (expected.size() > 1)
                QCOMPARE(body.value(u"detail").toString(), expected.at(1));
            outcome += u" \""_s + body.value(u"reason").toString() + u'"';
            if (body.contains(u"detail"))
                outcome += u" (detail "_s + body.value(u"detail").toString() + u')';
            if (body.contains(u"field"))
                outcome += u" (field "_s + body.value(u"field").toString() + u')';
        }
    } else if (expect.startsWith(u"dropped:")) {
        const QString code = expect.mid(8);
        QVERIFY2(newLog(logsFrom, u"dropped: "_s + code), qPrintable(m_logs->messages().join(u'\n')));
        outcome = u"no ref to answer; logged \"bad frame ... dropped: "_s + code + u'"';
    } else if (expect.startsWith(u"closed:")) {
        QVERIFY(ws.waitForClosed());
        QCOMPARE(int(ws.closeCode()), expect.mid(7).toInt());
        outcome = u"socket closed with %1 (message too big)"_s.arg(int(ws.closeCode()));
        closed = true;
    }

    // Still usable: the same socket answers, or (closed by policy) the server
    // takes a new one.
    if (closed) {
        PhoenixTestClient again;
        QVERIFY(again.open(m_server->webSocketUrl(), {Full, Device}));
        QCOMPARE(again.join(Topic).value(u"status"), u"ok"_s);
        QCOMPARE(again.request(u"phoenix"_s, u"heartbeat"_s).value(u"status"), u"ok"_s);
        outcome += u"; a new connection works"_s;
    } else {
        QVERIFY(ws.isConnected());
        QCOMPARE(ws.request(u"phoenix"_s, u"heartbeat"_s).value(u"status"), u"ok"_s);
        if (join)
            QCOMPARE(ws.request(Topic, u"status"_s).value(u"status"), u"ok"_s);
        // No reply for a dropped frame, even late.
        if (expect.startsWith(u"dropped:"))
            QVERIFY(ws.indexOf([&](const Frame &f) { return f.ref == ref; }) < 0);
    }
    QCOMPARE(m_server->storeSeq(StoreName), head);
    QCOMPARE(serverState(), state);
    QCOMPARE(ws.undecodable(), 0);
    table().append({QString::fromLatin1(QTest::currentDataTag()), u"server ws"_s, outcome});
}

// --------------------------------------------------------------- server, connect parameters

void tst_BadInput::serverConnect_data()
{
    QTest::addColumn<QString>("token");
    QTest::addColumn<QString>("capver");
    QTest::addColumn<QString>("vsn");
    QTest::addColumn<QString>("deviceId");
    QTest::addColumn<QString>("reason");
    QTest::newRow("capver 1") << Full << u"1"_s << u"2.0.0"_s << Device << u"capver must be an integer >= 3"_s;
    QTest::newRow("capver 2") << Full << u"2"_s << u"2.0.0"_s << Device << u"capver must be an integer >= 3"_s;
    QTest::newRow("capver not a number") << Full << u"three"_s << u"2.0.0"_s << Device << u"capver must be an integer >= 3"_s;
    QTest::newRow("capver enormous") << Full << u"99999999999999999999"_s << u"2.0.0"_s << Device
                                     << u"capver must be an integer >= 3"_s;
    QTest::newRow("missing token") << QString() << u"3"_s << u"2.0.0"_s << Device << u"missing token"_s;
    QTest::newRow("wrong token") << u"dust_tok_nope_0123456789"_s << u"3"_s << u"2.0.0"_s << Device << u"invalid token"_s;
    QTest::newRow("expired token") << Expired << u"3"_s << u"2.0.0"_s << Device << u"token expired"_s;
    QTest::newRow("token with spaces and quotes") << u"\" or 1=1 --"_s << u"3"_s << u"2.0.0"_s << Device << u"invalid token"_s;
    QTest::newRow("missing device_id") << Full << u"3"_s << u"2.0.0"_s << QString() << u"missing device_id"_s;
    QTest::newRow("unknown vsn") << Full << u"3"_s << u"9.9.9"_s << Device << u"unsupported vsn"_s;
}

void tst_BadInput::serverConnect()
{
    QFETCH(QString, token);
    QFETCH(QString, capver);
    QFETCH(QString, vsn);
    QFETCH(QString, deviceId);
    QFETCH(QString, reason);
    PhoenixTestClient::Params params{token, deviceId, vsn, capver};
    PhoenixTestClient refused;
    QString error;
    QObject::connect(refused.socket(), qOverload<QAbstractSocket::SocketError>(&QWebSocket::error), this,
                     [&] { error = refused.socket()->errorString(); });
    QVERIFY(!refused.open(m_server->webSocketUrl(), params));
    QVERIFY2(error.contains(u"403"), qPrintable(error));
    // The same upgrade made by hand: the status and the reason.
    HttpClient http(m_server->httpUrl());
    const QUrl url = PhoenixTestClient::socketUrl(m_server->webSocketUrl(), params);
    const HttpResponse plain = http.send("GET", url.path(QUrl::FullyEncoded) + u'?' + url.query(QUrl::FullyEncoded), {},
                                         {{"Upgrade", "websocket"}, {"Connection", "Upgrade"},
                                          {"Sec-WebSocket-Version", "13"},
                                          {"Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ=="}});
    QCOMPARE(plain.status, 403);
    const QString said = plain.json().toObject().value(u"reason").toString();
    QVERIFY2(said.contains(reason), qPrintable(said));
    // The server takes the next good connection.
    PhoenixTestClient good;
    QVERIFY(good.open(m_server->webSocketUrl(), {Full, Device}));
    QCOMPARE(good.join(Topic).value(u"status"), u"ok"_s);
    table().append({QString::fromLatin1(QTest::currentDataTag()), u"server connect"_s,
                    u"HTTP 403 \"%1\"; next connection works"_s.arg(said)});
}

// --------------------------------------------------------------- server, REST

void tst_BadInput::serverRest_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("authorization");
    QTest::addColumn<QList<QByteArray>>("headers");   // "Name: value"
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("code");

    const QByteArray bearer = "Bearer " + Full.toLatin1();
    const QString entries = u"/api/stores/acme/bad/entries"_s;
    const auto row = [&](const char *name, const QByteArray &method, const QString &path, const QByteArray &body,
                         int status, const QString &code, const QByteArray &auth = {},
                         const QList<QByteArray> &headers = {}) {
        QTest::newRow(name) << method << path << body << (auth.isNull() ? bearer : auth) << headers << status << code;
    };
    // Bad headers.
    row("no Authorization header", "GET", entries, {}, 401, u"unauthorized"_s, "");
    row("Authorization: Basic", "GET", entries, {}, 401, u"unauthorized"_s, "Basic ZHVzdDpkdXN0");
    row("Authorization: Bearer (empty)", "GET", entries, {}, 401, u"unauthorized"_s, "Bearer ");
    row("Bearer with a wrong token", "PUT", entries + u"/doc"_s, "1", 401, u"unauthorized"_s, "Bearer dust_tok_nope_0123456789");
    row("Bearer with an expired token", "PUT", entries + u"/doc"_s, "1", 401, u"unauthorized"_s, "Bearer " + Expired.toLatin1());
    row("Bearer with a token for another store", "PUT", entries + u"/doc"_s, "1", 403, u"store_not_allowed"_s,
        "Bearer " + OtherStore.toLatin1());
    row("If-Match not a revision", "PUT", entries + u"/doc"_s, "1", 400, u"invalid_params"_s, {}, {"If-Match: abc"});
    row("If-Match negative", "PUT", entries + u"/doc"_s, "1", 412, u"conflict"_s, {}, {"If-Match: -1"});
    row("If-Match enormous", "PUT", entries + u"/doc"_s, "1", 400, u"invalid_params"_s, {}, {"If-Match: 99999999999999999999"});
    row("If-Match and If-None-Match", "PUT", entries + u"/doc"_s, "1", 400, u"invalid_precondition"_s, {},
        {"If-Match: 1", "If-None-Match: *"});
    row("If-None-Match a revision on PUT", "PUT", entries + u"/doc"_s, "1", 400, u"invalid_params"_s, {}, {"If-None-Match: 7"});
    row("If-None-Match: * on an existing path", "PUT", entries + u"/doc"_s, "1", 412, u"exists"_s, {}, {"If-None-Match: *"});
    // Bad bodies.
    row("malformed JSON body", "PUT", entries + u"/doc"_s, "{\"a\":", 400, u"invalid_json"_s);
    row("invalid UTF-8 body", "PUT", entries + u"/doc"_s, "\"\xff\xfe\"", 400, u"invalid_utf8"_s);
    row("deeply nested body", "PUT", entries + u"/doc"_s, deepArray(2000), 400, u"too_deep"_s);
    row("body over the size limit", "PUT", entries + u"/doc"_s, '"' + QByteArray(MaxFrame * 2, 'x') + '"', 413, u"too_large"_s);
    row("POST body not an object", "POST", entries, "[1,2]", 400, u"invalid_params"_s);
    row("POST body without path", "POST", entries, R"({"value":1})", 400, u"missing_path"_s);
    row("POST path a number", "POST", entries, R"({"path":5,"value":1})", 400, u"not_a_string"_s);
    row("POST merge-less empty key object", "POST", entries, R"({"path":"m","value":{"":1}})", 400, u"empty_key"_s);
    row("DELETE body path with a bad escape", "DELETE", entries, R"({"path":"a~9"})", 400, u"invalid_escape"_s);
    row("batch read paths not a list", "POST", entries + u"/batch"_s, R"({"paths":"doc"})", 400, u"invalid_params"_s);
    row("batch read with a bad path", "POST", entries + u"/batch"_s, R"({"paths":["doc","a//b"]})", 400, u"empty_segment"_s);
    row("batch_write ops not a list", "POST", entries + u"/batch_write"_s, R"({"ops":{}})", 400, u"invalid_params"_s);
    row("batch_write empty", "POST", entries + u"/batch_write"_s, R"({"ops":[]})", 400, u"nothing_to_write"_s);
    row("batch_write 1001 ops", "POST", entries + u"/batch_write"_s,
        "{\"ops\":[" + QByteArray(R"({"op":"set","path":"x","value":1},)").repeated(1000) + R"({"op":"set","path":"x","value":1}]})",
        400, u"invalid_params"_s);
    row("batch_write unknown op", "POST", entries + u"/batch_write"_s, R"({"ops":[{"op":"explode","path":"x"}]})", 400, u"invalid op"_s);
    row("batch_write if_match a string", "POST", entries + u"/batch_write"_s,
        R"({"ops":[{"op":"set","path":"x","value":1,"if_match":"3"}]})", 400, u"invalid_params"_s);
    row("batch_write second op invalid (atomic)", "POST", entries + u"/batch_write"_s,
        R"({"ops":[{"op":"set","path":"ok","value":1},{"op":"set","path":"a//b","value":2}]})", 400, u"empty_segment"_s);
    row("batch_write stale if_match (atomic)", "POST", entries + u"/batch_write"_s,
        R"({"ops":[{"op":"set","path":"ok","value":1},{"op":"set","path":"doc","value":2,"if_match":999}]})", 412, u"conflict"_s);
    // Bad paths, globs and parameters.
    row("URL path with a bad escape", "GET", entries + u"/a~2b"_s, {}, 400, u"invalid_escape"_s);
    row("URL path with an empty segment", "PUT", entries + u"/a//b"_s, "1", 400, u"empty_segment"_s);
    row("URL path of invalid UTF-8", "GET", entries + u"/%FF%FE"_s, {}, 400, u"invalid_utf8"_s);
    row("PUT of an integer beyond 2^53", "PUT", entries + u"/doc"_s, "9223372036854775808", 400, u"invalid_value"_s);
    row("batch_write of an integer beyond 2^53", "POST", entries + u"/batch_write"_s,
        R"({"ops":[{"op":"set","path":"x","value":-9007199254740993}]})", 400, u"invalid_value"_s);
    row("glob with ** not at the tail", "GET", entries + u"?pattern=a/**/b"_s, {}, 400, u"wildcard_many_not_tail"_s);
    row("glob with an empty segment", "GET", entries + u"?pattern=a//b"_s, {}, 400, u"empty_segment"_s);
    row("limit not a number", "GET", entries + u"?limit=lots"_s, {}, 400, u"invalid_limit"_s);
    row("limit negative", "GET", entries + u"?limit=-5"_s, {}, 400, u"invalid_limit"_s);
    row("order unknown", "GET", entries + u"?order=sideways"_s, {}, 400, u"invalid_params"_s);
    row("range without to", "GET", entries + u"?from=a"_s, {}, 400, u"invalid_params"_s);
    row("method not allowed", "PATCH", entries, "{}", 405, u"method_not_allowed"_s);
    row("unknown route", "GET", u"/api/nothing/here"_s, {}, 404, u"not_found"_s);
    row("store that does not exist", "PUT", u"/api/stores/acme/missing/entries/x"_s, "1", 404, u"not_found"_s);
    row("store name with dots", "GET", u"/api/stores/../bad/entries"_s, {}, 404, u"not_found"_s);
    row("file hash malformed", "GET", u"/api/files/sha256:xyz"_s, {}, 404, u"not_found"_s);
}

void tst_BadInput::serverRest()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, authorization);
    QFETCH(QList<QByteArray>, headers);
    QFETCH(int, status);
    QFETCH(QString, code);

    const qint64 head = m_server->storeSeq(StoreName);
    const QJsonValue state = serverState();
    HttpClient http(m_server->httpUrl());
    QList<std::pair<QByteArray, QByteArray>> raw;
    if (!authorization.isEmpty())
        raw.append({"Authorization", authorization});
    for (const QByteArray &header : std::as_const(headers)) {
        const qsizetype colon = header.indexOf(':');
        raw.append({header.left(colon), header.mid(colon + 1).trimmed()});
    }
    const HttpResponse reply = http.send(method, path, body, raw);
    const QString got = reply.json().toObject().value(u"error").toString();
    QCOMPARE(reply.status, status);
    QCOMPARE(got, code);

    // Still usable, nothing changed.
    HttpClient check(m_server->httpUrl(), Full);
    QCOMPARE(check.get(u"/api/stores/acme/bad/entries/doc"_s).status, 200);
    QCOMPARE(m_server->storeSeq(StoreName), head);
    QCOMPARE(serverState(), state);
    table().append({QString::fromLatin1(QTest::currentDataTag()), u"server REST"_s,
                    u"HTTP %1 \"%2\""_s.arg(reply.status).arg(got)});
}

// --------------------------------------------------------------- server, raw HTTP

namespace {

// What came back on one connection for bytes written as they are.
struct RawExchange
{
    QByteArray received;
    bool closedByServer = false;

    int status() const { return received.startsWith("HTTP/1.1 ") ? received.mid(9, 3).toInt() : 0; }
    qsizetype responses() const { return received.count("HTTP/1.1 "); }
    QString errorCode() const
    {
        const QByteArray body = received.mid(received.indexOf("\r\n\r\n") + 4);
        return QJsonDocument::fromJson(body).object().value(u"error").toString();
    }
};

// Sends `bytes` on a fresh connection and reads until the server closes it
// or `timeoutMs` passes.
RawExchange rawExchange(const QUrl &server, const QByteArray &bytes, int timeoutMs = 10000)
{
    RawExchange exchange;
    QTcpSocket socket;
    socket.connectToHost(server.host(), quint16(server.port()));
    if (!socket.waitForConnected(timeoutMs))
        return exchange;
    socket.write(bytes);
    exchange.closedByServer = waitUntil([&] {
        exchange.received += socket.readAll();
        return socket.state() == QAbstractSocket::UnconnectedState;
    }, timeoutMs);
    exchange.received += socket.readAll();
    return exchange;
}

QByteArray bearer()
{
    return "Authorization: Bearer " + Full.toLatin1() + "\r\n";
}

} // namespace

void tst_BadInput::serverRawHttp_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("code");

    const QByteArray entries = "/api/stores/acme/bad/entries";
    const QByteArray smuggled = "DELETE " + entries + "/doc HTTP/1.1\r\nHost: t\r\n" + bearer() + "\r\n";
    const QByteArray length = QByteArray::number(smuggled.size());
    const auto row = [](const char *name, const QByteArray &bytes, int status, const QString &code) {
        QTest::newRow(name) << bytes << status << code;
    };
    // Framing a proxy and QtHttpServer could read differently: each would
    // run the DELETE that follows.
    row("Content-Length and Transfer-Encoding (smuggled DELETE)",
        "POST " + entries + " HTTP/1.1\r\nHost: t\r\n" + bearer() + "Content-Length: " + length
            + "\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n" + smuggled,
        400, u"ambiguous_framing"_s);
    row("two different Content-Lengths (smuggled DELETE)",
        "PUT " + entries + "/doc HTTP/1.1\r\nHost: t\r\n" + bearer() + "Content-Length: 0\r\nContent-Length: " + length
            + "\r\n\r\n" + smuggled,
        400, u"ambiguous_framing"_s);
    row("Content-Length as a list (smuggled DELETE)",
        "PUT " + entries + "/doc HTTP/1.1\r\nHost: t\r\n" + bearer() + "Content-Length: " + length + ", " + length
            + "\r\n\r\n" + smuggled,
        400, u"ambiguous_framing"_s);
    row("Transfer-Encoding: gzip (smuggled DELETE)",
        "POST " + entries + " HTTP/1.1\r\nHost: t\r\n" + bearer() + "Transfer-Encoding: gzip\r\n\r\n" + smuggled,
        400, u"ambiguous_framing"_s);
    row("obsolete line folding",
        "PUT " + entries + "/doc HTTP/1.1\r\nHost: t\r\n" + bearer() + "X-Note: a\r\n folded\r\nContent-Length: 3\r\n\r\n\"x\"",
        400, u"malformed_request"_s);
    row("garbage request line", "\x16\x03\x01\x02garbage\r\n\r\n", 400, u"malformed_request"_s);
    row("10 KB device_id",
        "GET /ws/sync/websocket?vsn=2.0.0&capver=3&token=" + Full.toLatin1() + "&device_id=" + QByteArray(10240, 'd')
            + " HTTP/1.1\r\nHost: t\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
              "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n",
        414, u"uri_too_long"_s);
    row("1 MB header", "GET " + entries + " HTTP/1.1\r\nHost: t\r\nX-Big: " + QByteArray(1024 * 1024, 'b') + "\r\n" + bearer()
            + "\r\n",
        431, u"headers_too_large"_s);
    row("10,000 headers", "GET " + entries + " HTTP/1.1\r\nHost: t\r\n" + QByteArray("X-N: 1\r\n").repeated(10000) + bearer()
            + "\r\n",
        431, u"headers_too_large"_s);
    // Refused on the headers: the body never comes.
    row("100 MB PUT without a token (headers only)",
        "PUT " + entries + "/doc HTTP/1.1\r\nHost: t\r\nContent-Length: 104857600\r\n\r\n", 401, u"unauthorized"_s);
    row("100 MB PUT with a token (headers only)",
        "PUT " + entries + "/doc HTTP/1.1\r\nHost: t\r\n" + bearer() + "Content-Length: 104857600\r\n\r\n", 413, u"too_large"_s);
    row("chunked body over the size limit",
        "PUT " + entries + "/doc HTTP/1.1\r\nHost: t\r\n" + bearer() + "Transfer-Encoding: chunked\r\n\r\n"
            + QByteArray::number(MaxFrame * 2, 16) + "\r\n\"" + QByteArray(MaxFrame * 2 - 2, 'x') + "\"\r\n0\r\n\r\n",
        413, u"too_large"_s);
}

void tst_BadInput::serverRawHttp()
{
    QFETCH(QByteArray, bytes);
    QFETCH(int, status);
    QFETCH(QString, code);

    const qint64 head = m_server->storeSeq(StoreName);
    const QJsonValue state = serverState();
    const RawExchange exchange = rawExchange(m_server->httpUrl(), bytes);
    QCOMPARE(exchange.status(), status);
    QCOMPARE(exchange.errorCode(), code);
    QVERIFY2(exchange.received.contains("\r\nConnection: close\r\n"), exchange.received.left(300).constData());
    // One answer, then the server hangs up: nothing after the refused
    // request's headers ever runs.
    QCOMPARE(exchange.responses(), 1);
    QVERIFY(exchange.closedByServer);

    HttpClient check(m_server->httpUrl(), Full);
    QCOMPARE(check.get(u"/api/stores/acme/bad/entries/doc"_s).status, 200);
    QCOMPARE(m_server->storeSeq(StoreName), head);
    QCOMPARE(serverState(), state);
    table().append({QString::fromLatin1(QTest::currentDataTag()), u"server HTTP"_s,
                    u"HTTP %1 \"%2\", connection closed, nothing after it run"_s.arg(status).arg(code)});
}

void tst_BadInput::serverLogInjection()
{
    // A device id and a topic with a forged line, colours, a NUL and a
    // backslash: every log line shows them escaped.
    const QString device = u"dev\n[dust.server] FORGED\x1b[31m\r\t"_s + QChar(0) + u"cut\\x"_s;
    const qsizetype logsFrom = m_logs->messages().size();
    PhoenixTestClient ws;
    QVERIFY(ws.open(m_server->webSocketUrl(), {Full, device}));
    QCOMPARE(ws.join(u"store:acme/missing\nFORGED\x1b[0m"_s).value(u"status"), u"error"_s);
    QVERIFY(newLog(logsFrom, u"refused join of"_s));
    ws.close();
    QVERIFY(newLog(logsFrom, u"disconnected"_s));

    const QStringList lines = m_logs->messages().mid(logsFrom);
    qsizetype escaped = 0;
    for (const QString &line : lines) {
        QVERIFY2(!line.contains(u'\n') && !line.contains(u'\x1b') && !line.contains(QChar(0)) && !line.contains(u'\r'),
                 qPrintable(line));
        if (line.contains(u"FORGED"))
            ++escaped;
    }
    const QString shown = lines.filter(u"connected from"_s).join(u'\n');
    QVERIFY2(shown.contains(uR"(dev\n[dust.server] FORGED\x1b[31m\r\t\x00cut\\x)"_s), qPrintable(shown));
    QVERIFY2(lines.filter(u"refused join of"_s).join(u'\n').contains(uR"(store:acme/missing\nFORGED\x1b[0m)"_s),
             qPrintable(lines.join(u'\n')));
    QVERIFY(escaped >= 3);   // connected, refused join, disconnected
    table().append({u"device_id and topic with \\n, ESC, NUL"_s, u"server log"_s,
                    u"escaped in every log line (\\n, \\x1b, \\x00)"_s});
}

void tst_BadInput::serverBadMessagePack()
{
    PhoenixTestClient ws;
    QVERIFY(ws.open(m_server->webSocketUrl(), {Full, Device, u"3.0.0"_s}));
    QCOMPARE(ws.join(Topic).value(u"status"), u"ok"_s);
    const qint64 head = m_server->storeSeq(StoreName);
    const QJsonValue state = serverState();
    const qsizetype logsFrom = m_logs->messages().size();

    // [join_ref, ref, topic, event, <0xc1, a byte MessagePack never uses>]
    const QByteArray prefix = QByteArray("\x95\xa1" "1" "\xa3" "mp1" "\xae") + Topic.toLatin1() + "\xa5" "write";
    ws.sendBinary(prefix + "\xc1");
    const std::optional<Frame> reply = ws.waitForReply(u"mp1"_s);
    QVERIFY2(reply, "no reply");
    const QJsonObject body = reply->payload.value(u"response").toObject();
    QCOMPARE(reply->payload.value(u"status").toString(), u"error"_s);
    QCOMPARE(body.value(u"reason").toString(), u"malformed_frame"_s);
    QVERIFY(!body.value(u"detail").toString().isEmpty());

    // Without a readable ref: dropped, and counted.
    ws.sendBinary("\xc1\xc1");
    QVERIFY(newLog(logsFrom, u"1 dropped on this connection"_s));
    QCOMPARE(ws.request(u"phoenix"_s, u"heartbeat"_s).value(u"status"), u"ok"_s);
    QCOMPARE(m_server->storeSeq(StoreName), head);
    QCOMPARE(serverState(), state);
    table().append({u"bad MessagePack after a readable ref"_s, u"server ws"_s,
                    u"reply error \"malformed_frame\" (detail %1)"_s.arg(body.value(u"detail").toString())});
    table().append({u"bad MessagePack, no readable ref"_s, u"server ws"_s, u"dropped; counted in the log"_s});
}

// --------------------------------------------------------------- client

namespace {

QJsonObject serverEvent(qint64 seq, const QString &op, const QString &path, const QJsonValue &value)
{
    return {{u"store_seq"_s, seq}, {u"op"_s, op}, {u"path"_s, path},
            {u"path_segments"_s, QJsonArray::fromStringList(path.split(u'/'))},
            {u"value"_s, value}, {u"device_id"_s, u"dev_other"_s}, {u"client_op_id"_s, u"op_x%1"_s.arg(seq)}};
}

// A frame pushed on the client's store topic with its join ref.
QByteArray topicFrame(const char *event, const QByteArray &payload)
{
    return R"(["%JREF%",null,"store:acme/bad",")" + QByteArray(event) + R"(",)" + payload + "]";
}

QByteArray eventFrame(const QByteArray &fields)
{
    return topicFrame("event", "{" + fields + "}");
}

QList<Entry> entriesOf(Store *store)
{
    PageRequest all;
    all.limit = PageRequest::MaxLimit;
    return store->enumerate(u"**"_s, all).valueOr(Page()).entries;
}

// A client joined to a raw server that already sent seqs 1 and 2.
struct HostileServer
{
    HostileServer()
    {
        raw.catchUp = true;
        raw.log = {serverEvent(1, u"set"_s, u"doc"_s, u"v1"_s), serverEvent(2, u"increment"_s, u"n"_s, 5)};
        raw.joinResponse.insert(u"store_seq"_s, 2);
        if (!raw.listen())
            qFatal("raw server did not listen");
        client = makeClient(raw.url(), u"dust_tok_client_0123456789"_s, {StoreName});
        client->setWriteTimeout(std::chrono::seconds(10));
        client->open();
        store = client->store(StoreName);
    }
    bool ready()
    {
        return waitUntil([&] {
            return store->status() == Client::Status::Connected && store->lastStoreSeq() == 2;
        });
    }
    void send(QByteArray frame)
    {
        frame.replace("%JREF%", raw.joinRef.toString().toLatin1());
        if (frame.startsWith("BINARY:")) {
            if (!raw.sockets.isEmpty())
                raw.sockets.last()->sendBinaryMessage(frame.mid(7));
            return;
        }
        raw.sendText(QString::fromUtf8(frame));
    }

    RawServer raw;
    std::unique_ptr<Client> client;
    Store *store = nullptr;
};

} // namespace

void tst_BadInput::clientFrames_data()
{
    QTest::addColumn<QByteArray>("frame");
    QTest::addColumn<QString>("logged");
    // The Dust::Error the client reports (Client::errorOccurred for a frame
    // it cannot decode, Store::errorOccurred for a message on the store's
    // topic), or none where the input is something a well-behaved server
    // also sends: a push racing a leave or a rejoin, an event a newer server
    // added, the overlap of a catch-up, the late reply to a timed-out request.
    QTest::addColumn<QString>("error");
    const auto row = [](const char *name, const QByteArray &frame, const QString &logged, const QString &error) {
        QTest::newRow(name) << frame << logged << error;
    };
    // Framing.
    row("malformed JSON", R"(["1",null,"store:acme/bad","event",{"store_seq":3)", u"bad frame from the server: \"invalid_json\""_s, u"invalid_json"_s);
    row("not JSON at all", "<html>502 Bad Gateway</html>", u"bad frame from the server: \"invalid_json\""_s, u"invalid_json"_s);
    row("JSON object instead of array", R"({"event":"event"})", u"bad frame from the server: \"not_an_array\""_s, u"not_an_array"_s);
    row("wrong frame arity", R"(["1",null,"store:acme/bad","event"])", u"bad frame from the server: \"wrong_arity\""_s, u"wrong_arity"_s);
    row("payload not an object", topicFrame("event", "[3]"), u"bad frame from the server: \"payload_not_object\""_s, u"payload_not_object"_s);
    row("deep nesting", topicFrame("event", "{\"value\":" + deepArray(5000) + "}"), u"bad frame from the server: \"too_deep\""_s, u"too_deep"_s);
    row("huge frame (9 MB)", topicFrame("event", "{\"value\":\"" + QByteArray(9 * 1024 * 1024, 'x') + "\"}"),
        u"bad frame from the server: \"too_large\""_s, u"too_large"_s);
    row("binary frame", "BINARY:\x93\x01\x02\x03", u"ignoring a binary frame"_s, u"unexpected_binary_frame"_s);
    // Events and topics.
    row("unknown topic", R"([null,null,"store:acme/elsewhere","event",{}])", u"frame for unknown topic"_s, QString());
    row("unknown event", topicFrame("frobnicate", "{}"), u"ignoring unknown event"_s, QString());
    row("stale join ref", R"(["old-join",null,"store:acme/bad","event",{"store_seq":3,"op":"set","path":"doc","value":"evil"}])",
        u"ignoring a stale frame"_s, QString());
    // Wrong types for every field of an event.
    row("event without store_seq", eventFrame(R"("op":"set","path":"doc","value":"evil")"), u"malformed event: store_seq"_s, u"malformed_message"_s);
    row("store_seq a string", eventFrame(R"("store_seq":"3","op":"set","path":"doc","value":"evil")"), u"malformed event: store_seq"_s, u"malformed_message"_s);
    row("store_seq negative", eventFrame(R"("store_seq":-3,"op":"set","path":"doc","value":"evil")"), u"malformed event: store_seq"_s, u"malformed_message"_s);
    row("store_seq enormous", eventFrame(R"("store_seq":1e300,"op":"set","path":"doc","value":"evil")"), u"malformed event: store_seq"_s, u"malformed_message"_s);
    row("store_seq fractional", eventFrame(R"("store_seq":3.5,"op":"set","path":"doc","value":"evil")"), u"malformed event: store_seq"_s, u"malformed_message"_s);
    row("op unknown", eventFrame(R"("store_seq":3,"op":"explode","path":"doc","value":"evil")"), u"malformed event: op"_s, u"malformed_message"_s);
    row("op a number", eventFrame(R"("store_seq":3,"op":1,"path":"doc","value":"evil")"), u"malformed event: op"_s, u"malformed_message"_s);
    row("path with an empty segment", eventFrame(R"("store_seq":3,"op":"set","path":"a//b","value":"evil")"), u"malformed event: path"_s, u"malformed_message"_s);
    row("path with a bad escape", eventFrame(R"("store_seq":3,"op":"set","path":"a~2","value":"evil")"), u"malformed event: path"_s, u"malformed_message"_s);
    row("path a number", eventFrame(R"("store_seq":3,"op":"set","path":7,"value":"evil")"), u"malformed event: path"_s, u"malformed_message"_s);
    row("path_segments with a number", eventFrame(R"("store_seq":3,"op":"set","path":"doc","path_segments":[1],"value":"evil")"),
        u"malformed event: path"_s, u"malformed_message"_s);
    row("increment value a string", eventFrame(R"("store_seq":3,"op":"increment","path":"n","value":"lots")"),
        u"cannot apply event 3"_s, u"invalid_event_value"_s);
    row("add value not a list", eventFrame(R"("store_seq":3,"op":"add","path":"s","value":"member")"), u"cannot apply event 3"_s, u"invalid_event_value"_s);
    row("merge value a string", eventFrame(R"("store_seq":3,"op":"merge","path":"doc","value":"evil")"), u"cannot apply event 3"_s, u"invalid_event_value"_s);
    row("replayed seq with another value", eventFrame(R"("store_seq":1,"op":"set","path":"doc","value":"evil")"),
        u"replayed event 1 ignored"_s, QString());
    // Other pushes and replies.
    row("snapshot without snapshot_seq", topicFrame("snapshot", R"({"entries":{"doc":{"value":"evil","type":"string"}}})"),
        u"ignoring a malformed snapshot"_s, u"malformed_message"_s);
    row("snapshot with entries a list", topicFrame("snapshot", R"({"snapshot_seq":9,"entries":[1]})"), u"ignoring a malformed snapshot"_s, u"malformed_message"_s);
    row("snapshot older than the cache", topicFrame("snapshot", R"({"snapshot_seq":1,"entries":{}})"),
        u"ignoring a snapshot older than the cache"_s, u"stale_snapshot"_s);
    row("catch_up_complete without through_seq", topicFrame("catch_up_complete", "{}"),
        u"ignoring catch_up_complete without through_seq"_s, u"malformed_message"_s);
    row("reply to an unknown ref", R"(["%JREF%","12345","store:acme/bad","phx_reply",{"status":"ok","response":{}}])",
        u"ignoring a reply to an unknown ref"_s, QString());
    row("reply without a ref", R"(["%JREF%",null,"store:acme/bad","phx_reply",{"status":"ok","response":{}}])",
        u"ignoring a reply without ref"_s, u"malformed_message"_s);
}

void tst_BadInput::clientFrames()
{
    QFETCH(QByteArray, frame);
    QFETCH(QString, logged);
    QFETCH(QString, error);

    HostileServer hostile;
    QVERIFY(hostile.ready());
    QList<Error> reported;
    QList<qint64> delivered;
    // Goes first, and with it every connection to the two lists.
    QObject receiver;
    const auto collect = [&reported](const Error &e) { reported.append(e); };
    connect(hostile.client.get(), &Client::errorOccurred, &receiver, collect);
    connect(hostile.store, &Store::errorOccurred, &receiver, collect);
    QVERIFY(hostile.store->on(u"**"_s, &receiver,
                              [&delivered](const StoreEvent &e) { delivered.append(e.storeSeq); }));
    QCOMPARE(hostile.raw.requestUrls.size(), 1);
    const QList<Entry> before = entriesOf(hostile.store);
    QCOMPARE(before.size(), 2);
    const qsizetype logsFrom = m_logs->messages().size();

    hostile.send(frame);
    QVERIFY2(newLog(logsFrom, logged, 10000), qPrintable(m_logs->messages().mid(logsFrom).join(u'\n')));

    // Still usable: the next good event on the same connection is applied.
    hostile.raw.push(u"event"_s, serverEvent(4, u"set"_s, u"after"_s, true));
    QVERIFY(waitUntil([&] { return hostile.store->get(u"after"_s) == std::optional(QJsonValue(true)); }));
    QCOMPARE(hostile.store->lastStoreSeq(), 4);
    QCOMPARE(hostile.raw.requestUrls.size(), 1);
    QCOMPARE(hostile.store->status(), Client::Status::Connected);
    // Subscribers saw only the good event: nothing the store refused.
    QTRY_COMPARE(delivered, QList<qint64>{4});
    if (error.isEmpty()) {
        // Errors arrive queued: give any that would come the time to.
        QTest::qWait(50);
        QVERIFY2(reported.isEmpty(), qPrintable(reported.value(0).code()));
    } else {
        QTRY_COMPARE(reported.size(), 1);
        QCOMPARE(reported.first().code(), error);
        QCOMPARE(reported.first().kind(), Error::Kind::Protocol);
        QVERIFY(!reported.first().message().isEmpty());
    }
    // Data unchanged: everything but the new entry is as before.
    QList<Entry> after = entriesOf(hostile.store);
    after.removeIf([](const Entry &e) { return e.path.toString() == u"after"; });
    QCOMPARE(after.size(), before.size());
    for (qsizetype i = 0; i < before.size(); ++i) {
        QCOMPARE(after.at(i).path, before.at(i).path);
        QCOMPARE(after.at(i).value, before.at(i).value);
        QCOMPARE(after.at(i).revision, before.at(i).revision);
    }
    QString said;
    const QStringList messages = m_logs->messages().mid(logsFrom);
    for (const QString &message : messages) {
        if (message.contains(logged)) {
            said = message;
            break;
        }
    }
    const QString outcome = error.isEmpty() ? u"no error (a server may send it)"_s
                                            : u"Dust::Error \""_s + error + u"\""_s;
    table().append({QString::fromLatin1(QTest::currentDataTag()), u"client"_s,
                    outcome + u"; logged \""_s + said.section(u": "_s, 1) + u"\"; next event applied"_s});
}

void tst_BadInput::clientReplies_data()
{
    QTest::addColumn<QByteArray>("reply");   // the payload of the phx_reply to a write
    QTest::addColumn<QString>("code");
    QTest::addColumn<Error::Kind>("kind");
    using K = Error::Kind;
    QTest::newRow("ok without store_seq") << QByteArray(R"({"status":"ok","response":{}})") << u"unexpected_reply"_s << K::Protocol;
    QTest::newRow("ok with store_seq a string") << QByteArray(R"({"status":"ok","response":{"store_seq":"3"}})")
                                                << u"unexpected_reply"_s << K::Protocol;
    QTest::newRow("ok with store_seq negative") << QByteArray(R"({"status":"ok","response":{"store_seq":-3}})")
                                                << u"unexpected_reply"_s << K::Protocol;
    QTest::newRow("ok with response a list") << QByteArray(R"({"status":"ok","response":[3]})")
                                             << u"unexpected_reply"_s << K::Protocol;
    QTest::newRow("error without reason") << QByteArray(R"({"status":"error","response":{}})")
                                          << u"unexpected_reply"_s << K::Protocol;
    QTest::newRow("error with reason a number") << QByteArray(R"({"status":"error","response":{"reason":5}})")
                                                << u"unexpected_reply"_s << K::Protocol;
    QTest::newRow("error with an unknown reason") << QByteArray(R"({"status":"error","response":{"reason":"made_up"}})")
                                                  << u"made_up"_s << K::Rejected;
    QTest::newRow("status unknown") << QByteArray(R"({"status":"maybe","response":{"store_seq":3}})")
                                    << u"unexpected_reply"_s << K::Protocol;
}

void tst_BadInput::clientReplies()
{
    QFETCH(QByteArray, reply);
    QFETCH(QString, code);
    QFETCH(Error::Kind, kind);

    HostileServer hostile;
    QVERIFY(hostile.ready());
    QFuture<Result<qint64>> write = hostile.store->set(u"mine"_s, 1);
    QVERIFY(waitUntil([&] { return hostile.raw.count(u"write"_s) == 1; }));
    const QJsonArray request = hostile.raw.frames(u"write"_s).first();
    hostile.send("[" + QJsonDocument(QJsonArray{request.at(0), request.at(1), request.at(2)}).toJson(QJsonDocument::Compact).mid(1).chopped(1)
                 + R"(,"phx_reply",)" + reply + "]");
    QVERIFY(waitFinished(write));
    const Result<qint64> result = write.result();
    QVERIFY(!result);
    QCOMPARE(result.error().code(), code);
    QCOMPARE(result.error().kind(), kind);
    // The write is rolled back and forgotten; the connection carries on.
    QCOMPARE(hostile.store->get(u"mine"_s), std::nullopt);
    QCOMPARE(hostile.store->pendingWrites(), 0);
    hostile.raw.push(u"event"_s, serverEvent(3, u"set"_s, u"after"_s, true));
    QVERIFY(waitUntil([&] { return hostile.store->get(u"after"_s) == std::optional(QJsonValue(true)); }));
    QCOMPARE(hostile.raw.requestUrls.size(), 1);
    QCOMPARE(entriesOf(hostile.store).size(), 3);
    table().append({u"write reply: "_s + QString::fromLatin1(QTest::currentDataTag()), u"client"_s,
                    u"write failed %1/%2; rolled back; connection kept"_s.arg(result.error().kindName(), code)});
}

void tst_BadInput::clientSnapshotEntries()
{
    // A snapshot replaces the store's data, so one with some malformed
    // entries keeps the good ones and reports how many it skipped.
    HostileServer hostile;
    QVERIFY(hostile.ready());
    QList<Error> reported;
    QObject receiver;
    connect(hostile.store, &Store::errorOccurred, &receiver, [&reported](const Error &e) { reported.append(e); });
    hostile.send(topicFrame("snapshot", R"({"snapshot_seq":9,"entries":{
        "good":{"value":"kept","type":"string"},
        "a//b":{"value":"bad path","type":"string"},
        "c~2":{"value":"bad escape","type":"string"},
        "flat":"not an object"}})"));
    QVERIFY(waitUntil([&] { return hostile.store->lastStoreSeq() == 9; }));
    const QList<Entry> entries = entriesOf(hostile.store);
    QCOMPARE(entries.size(), 1);
    QCOMPARE(entries.first().path.toString(), u"good"_s);
    QCOMPARE(entries.first().value, QJsonValue(u"kept"_s));
    QTRY_COMPARE(reported.size(), 1);
    const Error &error = reported.first();
    QCOMPARE(error.code(), u"malformed_message"_s);
    QCOMPARE(error.kind(), Error::Kind::Protocol);
    QCOMPARE(error.detail().value(u"event"), u"snapshot"_s);
    QCOMPARE(error.detail().value(u"field"), u"entries"_s);
    QCOMPARE(error.detail().value(u"skipped_entries").toInteger(), 3);
    QCOMPARE(error.detail().value(u"store"), StoreName);

    // Still usable: the next event applies on top of the snapshot.
    hostile.raw.push(u"event"_s, serverEvent(10, u"set"_s, u"after"_s, true));
    QVERIFY(waitUntil([&] { return hostile.store->get(u"after"_s) == std::optional(QJsonValue(true)); }));
    QCOMPARE(hostile.raw.requestUrls.size(), 1);
    table().append({u"snapshot with 3 malformed entries of 4"_s, u"client"_s,
                    u"Dust::Error \"malformed_message\" (skipped_entries 3); the good entry kept; next event applied"_s});
}

QTEST_GUILESS_MAIN(tst_BadInput)
#include "tst_badinput.moc"
