// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#include "vectors.h"

#include <dustframecodec.h>
#include <dustjsonframecodec.h>
#include <dustmsgpackframecodec.h>

#include <QtCore/qcborvalue.h>
#include <QtCore/qendian.h>
#include <QtCore/qjsonobject.h>
#include <QtCore/qrandom.h>
#include <QtTest/qtest.h>

#include <bit>

using namespace Qt::StringLiterals;
using Dust::Frame;
using Dust::FrameCodec;

class tst_FrameCodec : public QObject
{
    Q_OBJECT

private slots:
    void vectors_data();
    void vectors();
    void msgpackVectors_data();
    void msgpackVectors();
    void create();
    void knownFrames();
    void malformedShapes_data();
    void malformedShapes();
    void malformedJsonText_data();
    void malformedJsonText();
    void malformedMsgPack_data();
    void malformedMsgPack();
    void depthLimit();
    void sizeLimit();
    void valuesSurviveEitherCodec();
    void randomizedRoundTrip_data();
    void randomizedRoundTrip();
    void reply();
};

static std::unique_ptr<FrameCodec> codecFor(const QString &format)
{
    return FrameCodec::create(format == u"msgpack" ? u"3.0.0" : u"2.0.0");
}

void tst_FrameCodec::vectors_data()
{
    QTest::addColumn<QJsonObject>("vector");
    for (const QJsonValue &v : loadVectors("codec_vectors.json")) {
        const QJsonObject o = v.toObject();
        const QString name = o.value(u"format").toString() + u' '
                + QString::fromUtf8(QJsonDocument(o.value(u"input").toObject()).toJson(QJsonDocument::Compact));
        QTest::newRow(qPrintable(name)) << o;
    }
}

void tst_FrameCodec::vectors()
{
    QFETCH(QJsonObject, vector);
    const auto codec = codecFor(vector.value(u"format").toString());
    QVERIFY(codec);
    const QJsonValue input = vector.value(u"input");
    const QByteArray bytes = codec->encodeValue(input);
    QVERIFY(!bytes.isEmpty());
    const Dust::Result<QJsonValue> decoded = codec->decodeValue(bytes);
    QVERIFY2(decoded, qPrintable(decoded.error().toString()));
    if (vector.value(u"roundtrip").toBool())
        QCOMPARE(*decoded, input);
}

// Byte-exact MessagePack frames written by an independent implementation
// (data/tools/make_msgpack_vectors.py): what we send must be what other
// MessagePack peers send, and what they may send (other integer and float
// widths) must decode.
void tst_FrameCodec::msgpackVectors_data()
{
    QTest::addColumn<QJsonObject>("vector");
    for (const QJsonValue &v : loadVectors("msgpack_vectors.json")) {
        const QJsonObject o = v.toObject();
        QTest::newRow(qPrintable(o.value(u"kind").toString() + u' ' + o.value(u"name").toString())) << o;
    }
}

void tst_FrameCodec::msgpackVectors()
{
    QFETCH(QJsonObject, vector);
    const Dust::MsgPackFrameCodec codec;
    const QByteArray bytes = QByteArray::fromHex(vector.value(u"msgpack").toString().toLatin1());
    const QString kind = vector.value(u"kind").toString();
    const Dust::Result<Frame> decoded = codec.decode(bytes);
    if (kind == u"invalid") {
        QVERIFY(!decoded);
        QCOMPARE(decoded.error().kind(), Dust::Error::Kind::Protocol);
        QCOMPARE(decoded.error().code(), vector.value(u"error").toString());
        return;
    }
    QVERIFY2(decoded, qPrintable(decoded.error().toString()));
    const Dust::Result<Frame> expected = FrameCodec::frameFromValue(vector.value(u"frame"));
    QVERIFY(expected);
    QCOMPARE(*decoded, *expected);
    if (kind == u"roundtrip")
        QCOMPARE(codec.encode(*expected).toHex(), bytes.toHex());
    // Whatever arrived packed can be relayed to a JSON client unchanged.
    const Dust::JsonFrameCodec json;
    const Dust::Result<Frame> relayed = json.decode(json.encode(*decoded));
    QVERIFY(relayed);
    QCOMPARE(*relayed, *decoded);
}

void tst_FrameCodec::create()
{
    QCOMPARE(FrameCodec::create(u"2.0.0")->version(), u"2.0.0"_s);
    QVERIFY(!FrameCodec::create(u"2.0.0")->isBinary());
    QCOMPARE(FrameCodec::create(u"3.0.0")->version(), u"3.0.0"_s);
    QVERIFY(FrameCodec::create(u"3.0.0")->isBinary());
    QVERIFY(!FrameCodec::create(u"1.0.0"));
    QVERIFY(!FrameCodec::create(u""));
}

void tst_FrameCodec::knownFrames()
{
    Dust::JsonFrameCodec json;
    const auto join = json.decode(R"(["1","2","store:acme/site","phx_join",{"last_store_seq":0}])");
    QVERIFY2(join, qPrintable(join.error().toString()));
    QCOMPARE(join->joinRef, u"1"_s);
    QCOMPARE(join->ref, u"2"_s);
    QCOMPARE(join->topic, u"store:acme/site"_s);
    QCOMPARE(join->event, u"phx_join"_s);
    QCOMPARE(join->payload.value(u"last_store_seq").toInteger(), 0);

    const auto broadcast = json.decode(R"([null,null,"store:a/b","event",{"store_seq":43}])");
    QVERIFY(broadcast);
    QVERIFY(!broadcast->joinRef);
    QVERIFY(!broadcast->ref);
    QCOMPARE(json.encode(*broadcast), R"([null,null,"store:a/b","event",{"store_seq":43}])");
}

void tst_FrameCodec::malformedShapes_data()
{
    QTest::addColumn<QJsonValue>("message");
    QTest::addColumn<QString>("code");
    const QJsonValue null(QJsonValue::Null);
    const QJsonObject ok;
    auto frame = [&](QJsonValue a, QJsonValue b, QJsonValue c, QJsonValue d, QJsonValue e) {
        return QJsonValue(QJsonArray{a, b, c, d, e});
    };
    const QJsonValue ref(u"1"_s), topic(u"phoenix"_s), event(u"heartbeat"_s);

    QTest::newRow("object") << QJsonValue(QJsonObject{{u"a"_s, 1}}) << u"not_an_array"_s;
    QTest::newRow("string") << QJsonValue(u"hello"_s) << u"not_an_array"_s;
    QTest::newRow("number") << QJsonValue(42) << u"not_an_array"_s;
    QTest::newRow("null") << null << u"not_an_array"_s;
    QTest::newRow("empty array") << QJsonValue(QJsonArray{}) << u"wrong_arity"_s;
    QTest::newRow("four elements") << QJsonValue(QJsonArray{ref, ref, topic, event}) << u"wrong_arity"_s;
    QTest::newRow("six elements") << QJsonValue(QJsonArray{ref, ref, topic, event, ok, ok}) << u"wrong_arity"_s;
    QTest::newRow("numeric join_ref") << frame(1, ref, topic, event, ok) << u"invalid_join_ref"_s;
    QTest::newRow("object join_ref") << frame(QJsonObject{}, ref, topic, event, ok) << u"invalid_join_ref"_s;
    QTest::newRow("bool ref") << frame(ref, true, topic, event, ok) << u"invalid_ref"_s;
    QTest::newRow("array ref") << frame(null, QJsonArray{}, topic, event, ok) << u"invalid_ref"_s;
    QTest::newRow("null topic") << frame(ref, ref, null, event, ok) << u"invalid_topic"_s;
    QTest::newRow("numeric topic") << frame(ref, ref, 7, event, ok) << u"invalid_topic"_s;
    QTest::newRow("empty topic") << frame(ref, ref, u""_s, event, ok) << u"invalid_topic"_s;
    QTest::newRow("null event") << frame(ref, ref, topic, null, ok) << u"invalid_event"_s;
    QTest::newRow("numeric event") << frame(ref, ref, topic, 3.5, ok) << u"invalid_event"_s;
    QTest::newRow("empty event") << frame(ref, ref, topic, u""_s, ok) << u"invalid_event"_s;
    QTest::newRow("array payload") << frame(ref, ref, topic, event, QJsonArray{1}) << u"payload_not_object"_s;
    QTest::newRow("string payload") << frame(ref, ref, topic, event, u"x"_s) << u"payload_not_object"_s;
    QTest::newRow("null payload") << frame(ref, ref, topic, event, null) << u"payload_not_object"_s;
    QTest::newRow("number payload") << frame(ref, ref, topic, event, 1) << u"payload_not_object"_s;
}

// Every bad shape gives its own error through both codecs.
void tst_FrameCodec::malformedShapes()
{
    QFETCH(QJsonValue, message);
    QFETCH(QString, code);
    for (const QString &format : {u"json"_s, u"msgpack"_s}) {
        const auto codec = codecFor(format);
        const Dust::Result<Frame> frame = codec->decode(codec->encodeValue(message));
        QVERIFY2(!frame, qPrintable(format));
        QCOMPARE(frame.error().code(), code);
        QCOMPARE(frame.error().kind(), Dust::Error::Kind::Protocol);
    }
}

void tst_FrameCodec::malformedJsonText_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("code");
    QTest::newRow("empty") << QByteArray() << u"invalid_json"_s;
    QTest::newRow("whitespace") << QByteArray("   ") << u"invalid_json"_s;
    QTest::newRow("truncated") << QByteArray(R"(["1","1","phoenix","heartbeat",{)") << u"invalid_json"_s;
    QTest::newRow("garbage") << QByteArray("hello") << u"invalid_json"_s;
    QTest::newRow("trailing garbage") << QByteArray(R"([null,null,"t","e",{}] x)") << u"invalid_json"_s;
    QTest::newRow("two scalars") << QByteArray("1,2") << u"invalid_json"_s;
    QTest::newRow("single quotes") << QByteArray("['1','1','t','e',{}]") << u"invalid_json"_s;
    QTest::newRow("invalid utf-8") << QByteArray("[null,null,\"t\xff\",\"e\",{}]") << u"invalid_utf8"_s;
    QTest::newRow("overlong utf-8") << QByteArray("[null,null,\"\xc0\xaf\",\"e\",{}]") << u"invalid_utf8"_s;
    QTest::newRow("bare scalar") << QByteArray("42") << u"not_an_array"_s;
    QTest::newRow("NUL byte") << QByteArray("[null,null,\"t\",\"e\",{}]\0", 23) << u"invalid_json"_s;
    // Found by fuzz_frame: Qt keeps an escaped lone surrogate in the string,
    // which no UTF-8 (and so no MessagePack client) can carry.
    QTest::newRow("lone high surrogate") << QByteArray(R"([null,null,"t","\ud800",{}])") << u"unpaired_surrogate"_s;
    QTest::newRow("lone low surrogate key") << QByteArray(R"([null,null,"t","e",{"\uDC00":1}])") << u"unpaired_surrogate"_s;
    QTest::newRow("high surrogate, other escape") << QByteArray(R"([null,null,"t","\ud800\u0041",{}])") << u"unpaired_surrogate"_s;
    QTest::newRow("surrogates reversed") << QByteArray(R"([null,null,"t","\udc00\ud800",{}])") << u"unpaired_surrogate"_s;
}

void tst_FrameCodec::malformedJsonText()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, code);
    const Dust::Result<Frame> frame = Dust::JsonFrameCodec().decode(text);
    QVERIFY(!frame);
    QCOMPARE(frame.error().code(), code);
}

void tst_FrameCodec::malformedMsgPack_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("code");
    Dust::MsgPackFrameCodec codec;
    const QByteArray good = codec.encode(Frame{u"1"_s, u"1"_s, u"phoenix"_s, u"heartbeat"_s, {}});

    QTest::newRow("empty") << QByteArray() << u"invalid_msgpack"_s;
    QTest::newRow("truncated") << good.left(good.size() - 3) << u"invalid_msgpack"_s;
    QTest::newRow("trailing bytes") << good + QByteArray("\x01", 1) << u"invalid_msgpack"_s;
    QTest::newRow("reserved byte 0xc1") << QByteArray("\xc1", 1) << u"invalid_msgpack"_s;
    // A header claiming four billion elements must fail fast, not allocate.
    QTest::newRow("forged array32 header") << QByteArray("\xdd\xff\xff\xff\xff", 5) << u"invalid_msgpack"_s;
    QTest::newRow("forged str32 header") << QByteArray("\xdb\xff\xff\xff\xff", 5) << u"invalid_msgpack"_s;
    // fixarray(5) [nil, nil, "t", "e", {1: 2}]: a map key that is not a string.
    QTest::newRow("integer map key") << QByteArray("\x95\xc0\xc0\xa1t\xa1" "e\x81\x01\x02", 10) << u"invalid_msgpack"_s;
    // payload is bin8 of two bytes.
    QTest::newRow("binary payload") << QByteArray("\x95\xc0\xc0\xa1t\xa1" "e\xc4\x02xy", 11) << u"invalid_msgpack"_s;
    // topic is fixstr(1) holding 0xff.
    QTest::newRow("invalid utf-8 string") << QByteArray("\x95\xc0\xc0\xa1\xff\xa1" "e\x80", 8) << u"invalid_utf8"_s;
    QTest::newRow("bare nil") << QByteArray("\xc0", 1) << u"not_an_array"_s;
    // Found by fuzz_frame: NaN and infinity decoded, but JSON cannot carry
    // them (a NaN became null when relayed to a JSON client).
    // [nil, nil, "t", "e", {"v": float64 NaN}]
    QTest::newRow("NaN float64") << QByteArray("\x95\xc0\xc0\xa1t\xa1" "e\x81\xa1v\xcb\x7f\xf8\0\0\0\0\0\0", 19)
                                 << u"non_finite_number"_s;
    // [nil, nil, "t", "e", {"v": float32 -infinity}]
    QTest::newRow("infinite float32") << QByteArray("\x95\xc0\xc0\xa1t\xa1" "e\x81\xa1v\xca\xff\x80\0\0", 15)
                                      << u"non_finite_number"_s;
}

void tst_FrameCodec::malformedMsgPack()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, code);
    const Dust::Result<Frame> frame = Dust::MsgPackFrameCodec().decode(bytes);
    QVERIFY(!frame);
    QCOMPARE(frame.error().code(), code);
}

static QJsonValue nested(int depth)
{
    QJsonValue v(1);
    for (int i = 0; i < depth; ++i)
        v = i % 2 ? QJsonValue(QJsonArray{v}) : QJsonValue(QJsonObject{{u"k"_s, v}});
    return v;
}

void tst_FrameCodec::depthLimit()
{
    for (const QString &format : {u"json"_s, u"msgpack"_s}) {
        const auto codec = codecFor(format);
        const int limit = codec->limits().maxDepth;
        // The frame array is one level, the payload object a second.
        const auto frameWithDepth = [](int depth) {
            return QJsonValue(QJsonArray{QJsonValue::Null, QJsonValue::Null, u"t"_s, u"e"_s,
                                         QJsonObject{{u"v"_s, nested(depth - 2)}}});
        };
        const auto atLimit = codec->decode(codec->encodeValue(frameWithDepth(limit)));
        QVERIFY2(atLimit, qPrintable(format + u": "_s + atLimit.error().toString()));
        const auto over = codec->decode(codec->encodeValue(frameWithDepth(limit + 1)));
        QVERIFY(!over);
        QCOMPARE(over.error().code(), u"too_deep"_s);
    }
    // Far beyond the limit, with brackets inside strings that must not count.
    QByteArray hostile = "[\"[[[[\",";
    hostile += QByteArray(100000, '[');
    const auto deep = Dust::JsonFrameCodec().decode(hostile);
    QCOMPARE(deep.error().code(), u"too_deep"_s);
    QByteArray quoted = "[null,null,\"" + QByteArray(1000, '[') + "\",\"e\",{}]";
    QVERIFY(Dust::JsonFrameCodec().decode(quoted));
}

void tst_FrameCodec::sizeLimit()
{
    FrameCodec::Limits limits;
    limits.maxBytes = 100;
    const Frame big{std::nullopt, std::nullopt, u"t"_s, u"e"_s, {{u"blob"_s, QString(200, u'x')}}};
    const Frame small{std::nullopt, std::nullopt, u"t"_s, u"e"_s, {{u"blob"_s, u"x"_s}}};
    for (const QString &vsn : {u"2.0.0"_s, u"3.0.0"_s}) {
        const auto codec = FrameCodec::create(vsn, limits);
        QCOMPARE(codec->decode(codec->encode(big)).error().code(), u"too_large"_s);
        QVERIFY(codec->decode(codec->encode(small)));
    }
}

namespace {

class RandomJson
{
public:
    explicit RandomJson(quint32 seed) : m_rng(seed) { }

    QString string()
    {
        static const QString pool = u"abcXYZ019 \"\\/\t\n\u00e9\u4e2d\U0001F600~*.:{}[]"_s;
        QString s;
        const int n = m_rng.bounded(12);
        for (int i = 0; i < n; ++i) {
            const int at = m_rng.bounded(pool.size());
            // Keep surrogate pairs whole.
            if (pool.at(at).isLowSurrogate())
                s += pool.mid(at - 1, 2);
            else if (pool.at(at).isHighSurrogate())
                s += pool.mid(at, 2);
            else
                s += pool.at(at);
        }
        return s;
    }

    QJsonValue value(int depth)
    {
        switch (m_rng.bounded(depth > 0 ? 8 : 6)) {
        case 0: return QJsonValue(QJsonValue::Null);
        case 1: return QJsonValue(m_rng.bounded(2) == 1);
        case 2: return QJsonValue(qint64(m_rng.generate64() % (1LL << 53)) - (1LL << 52));
        case 3: return QJsonValue((m_rng.generateDouble() - 0.5) * 1e9);
        case 4:
        case 5: return QJsonValue(string());
        case 6: {
            QJsonArray a;
            for (int i = m_rng.bounded(4); i > 0; --i)
                a.append(value(depth - 1));
            return a;
        }
        default: return object(depth - 1);
        }
    }

    QJsonObject object(int depth)
    {
        QJsonObject o;
        for (int i = m_rng.bounded(5); i > 0; --i)
            o.insert(string(), value(depth));
        return o;
    }

    std::optional<QString> ref()
    {
        if (m_rng.bounded(3) == 0)
            return std::nullopt;
        return QString::number(m_rng.bounded(100000));
    }

    Frame frame()
    {
        QString topic = string();
        QString event = string();
        if (topic.isEmpty())
            topic = u"store:acme/site"_s;
        if (event.isEmpty())
            event = u"event"_s;
        return Frame{ref(), ref(), topic, event, object(4)};
    }

private:
    QRandomGenerator m_rng;
};

} // namespace

// Found by fuzz_frame: a frame decoded by one codec must come back equal
// through either, as a server relays it between JSON and MessagePack clients.
void tst_FrameCodec::valuesSurviveEitherCodec()
{
    const Dust::JsonFrameCodec json;
    const Dust::MsgPackFrameCodec msgpack;
    // Floats with integral values are read as integers, as Qt's JSON parser
    // does: 2^56 + 2^52 kept as a double came back from JSON text as
    // 116530210861481980, another number.
    const auto float64 = [](const char *key, double d) {
        QByteArray bytes = char(0xa0 | qstrlen(key)) + QByteArray(key) + char(0xcb) + QByteArray(8, 0);
        qToBigEndian(std::bit_cast<quint64>(d), bytes.data() + bytes.size() - 8);
        return bytes;
    };
    // [nil, nil, "t", "e", {four float64 values, "max": uint64 2^64 - 1}].
    // "max" reads as the double 2^64, which msgpack-c's pack_double() once
    // converted to uint64_t (undefined behaviour, packed as 0).
    const QByteArray bytes = QByteArray("\x95\xc0\xc0\xa1t\xa1" "e\x85") + float64("one", 1.0)
            + float64("big", 116530210861481984.0) + float64("half", 1.5)
            + float64("huge", 9223372036854775808.0) + QByteArray("\xa3max\xcf") + QByteArray(8, char(0xff));
    const Dust::Result<Frame> packed = msgpack.decode(bytes);
    QVERIFY2(packed, qPrintable(packed.error().toString()));
    const auto isInteger = [&](const char *key) {
        return QCborValue::fromJsonValue(packed->payload.value(QLatin1StringView(key))).isInteger();
    };
    QVERIFY(isInteger("one"));
    QVERIFY(isInteger("big"));
    QVERIFY(!isInteger("half"));
    QVERIFY(!isInteger("huge"));
    QCOMPARE(packed->payload.value(u"big").toInteger(), Q_INT64_C(116530210861481984));
    QCOMPARE(packed->payload.value(u"max").toDouble(), 18446744073709551616.0);
    // Written back as that float64, not through the undefined conversion.
    QCOMPARE(msgpack.encodeValue(packed->payload.value(u"max")), QByteArray("\xcb\x43\xf0\0\0\0\0\0\0", 9));

    // An escaped surrogate pair is one character, fine in both codecs.
    const Dust::Result<Frame> text = json.decode(R"([null,null,"t","e",{"s":"\ud83d\ude00"}])");
    QVERIFY(text);
    QCOMPARE(text->payload.value(u"s").toString(), u"\U0001F600"_s);

    for (const Frame &frame : {*packed, *text}) {
        for (const FrameCodec *codec : {static_cast<const FrameCodec *>(&json),
                                        static_cast<const FrameCodec *>(&msgpack)}) {
            const Dust::Result<Frame> back = codec->decode(codec->encode(frame));
            QVERIFY2(back, qPrintable(back.error().toString()));
            QVERIFY2(*back == frame, qPrintable(codec->version()));
        }
    }
}

void tst_FrameCodec::randomizedRoundTrip_data()
{
    QTest::addColumn<QString>("vsn");
    QTest::newRow("json") << u"2.0.0"_s;
    QTest::newRow("msgpack") << u"3.0.0"_s;
}

void tst_FrameCodec::randomizedRoundTrip()
{
    QFETCH(QString, vsn);
    const auto codec = FrameCodec::create(vsn);
    RandomJson random(20261125);
    for (int i = 0; i < 10000; ++i) {
        const Frame frame = random.frame();
        const QByteArray bytes = codec->encode(frame);
        const Dust::Result<Frame> back = codec->decode(bytes);
        QVERIFY2(back, qPrintable(u"frame %1: %2"_s.arg(i).arg(back.error().toString())));
        QVERIFY2(*back == frame, qPrintable(u"frame %1 differs: %2"_s.arg(i).arg(QString::fromUtf8(bytes.toHex()))));
    }
}

void tst_FrameCodec::reply()
{
    const Frame push{u"3"_s, u"7"_s, u"store:a/b"_s, u"write"_s, {}};
    const Frame reply = push.reply(u"ok"_s, {{u"store_seq"_s, 9}});
    QCOMPARE(reply.joinRef, push.joinRef);
    QCOMPARE(reply.ref, push.ref);
    QCOMPARE(reply.topic, push.topic);
    QCOMPARE(reply.event, u"phx_reply"_s);
    QCOMPARE(reply.payload.value(u"status").toString(), u"ok"_s);
    QCOMPARE(reply.payload.value(u"response").toObject().value(u"store_seq").toInteger(), 9);
}

QTEST_APPLESS_MAIN(tst_FrameCodec)
#include "tst_framecodec.moc"
