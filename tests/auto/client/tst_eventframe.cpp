// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

// EventFrame: an `event` frame read straight from its text stores exactly
// the leaves the codec's decoding stores (the same types, integers and
// floats, subtree removals), and every frame it does not take (typed
// values, duplicate keys, escapes and numbers it leaves alone, malformed
// text) is left to the codec, whose errors stay as they were.

#include "leaflines.h"

#include <dusteventframe_p.h>
#include <dustjsonframecodec.h>
#include <dustvaluemodel.h>

#include <QtCore/qcborvalue.h>
#include <QtCore/qjsonarray.h>
#include <QtCore/qjsondocument.h>
#include <QtCore/qrandom.h>
#include <QtTest/qtest.h>

using namespace Qt::StringLiterals;
using Dust::EventFrame;
using Dust::LeafChange;
using Dust::Op;
using Dust::ValueModel;

namespace {

constexpr qint64 SyncedAt = 1700000000000;

// What the sync engine stores for a decoded event (SyncEngine::applyCommitted):
// the codec, then ValueModel::set() for a set, and the materialized value as
// one leaf for a counter or a set op. False when it would not apply.
bool applyDecoded(const QByteArray &text, ValueModel &model, QList<LeafChange> *changes)
{
    const Dust::Result<Dust::Frame> frame = Dust::JsonFrameCodec().decode(text);
    if (!frame)
        return false;
    const QJsonObject payload = frame->payload;
    const QJsonValue segments = payload.value(u"path_segments");
    const Dust::Result<Dust::Path> path = segments.isArray() ? Dust::Path::fromJsonSegments(segments)
                                                             : Dust::Path::fromJsonString(payload.value(u"path"));
    const std::optional<Op::Kind> op = Op::fromName(payload.value(u"op").toString());
    const qint64 seq = payload.value(u"store_seq").toInteger();
    const QJsonValue value = payload.value(u"value");
    if (!path || !op)
        return false;
    if (*op == Op::Kind::Set) {
        if (!ValueModel::validate(*op, value))
            return false;
        *changes = model.set(*path, value, seq, SyncedAt);
        return true;
    }
    const bool counter = *op == Op::Kind::Increment;
    if (counter ? !value.isDouble() : !value.isArray())
        return false;
    *changes = {{path->key(), Dust::Leaf{value, counter ? Dust::Entry::Type::Counter : Dust::Entry::Type::Set,
                                         seq, SyncedAt}}};
    model.applyChanges(*changes);
    return true;
}

// A model with leaves at and below the paths the frames write, so a set's
// removals show.
ValueModel prefilled()
{
    ValueModel model;
    for (const char *path : {"p", "p/old", "p/a/deep", "q/x", "tags", "counter", "a~1b/c"})
        model.set(*Dust::Path::parse(QString::fromLatin1(path)), u"before"_s, 1, 1);
    return model;
}

QByteArray frame(const char *payload, const char *head = R"(["1",null,"store:acme/site","event",)")
{
    return QByteArray(head) + payload + "]";
}

QByteArray eventText(const QString &op, const QString &path, const QJsonValue &value, qint64 seq)
{
    const QJsonObject payload{{u"store_seq"_s, seq}, {u"op"_s, op}, {u"path"_s, path},
                              {u"path_segments"_s, QJsonArray::fromStringList(path.split(u'/'))},
                              {u"value"_s, value}, {u"device_id"_s, u"dev_x"_s}, {u"client_op_id"_s, u"op_1"_s}};
    return QJsonDocument(QJsonArray{u"1"_s, QJsonValue::Null, u"store:acme/site"_s, u"event"_s, payload})
        .toJson(QJsonDocument::Compact);
}

QJsonValue randomValue(QRandomGenerator &random, int depth)
{
    switch (random.bounded(depth > 2 ? 6 : 8)) {
    case 0:
        return qint64(random.generate64() >> random.bounded(12, 64)) * (random.bounded(2) ? 1 : -1);
    case 1:
        return random.generateDouble() * std::pow(10.0, random.bounded(-8, 12));
    case 2:
        return QString::fromUtf8("s\"\\/\n\t\u00e9\u6f22\U0001F600 ").left(random.bounded(1, 12));
    case 3:
        return bool(random.bounded(2));
    case 4:
        return QJsonValue(QJsonValue::Null);
    case 5:
        return double(random.bounded(-5, 5));
    case 6: {
        QJsonArray array;
        for (int i = random.bounded(4); i > 0; --i)
            array.append(randomValue(random, depth + 1));
        return array;
    }
    default: {
        QJsonObject object;
        for (int i = random.bounded(4); i > 0; --i)
            object.insert(u"k%1/~"_s.arg(random.bounded(5)).left(random.bounded(1, 5)), randomValue(random, depth + 1));
        return object;
    }
    }
}

} // namespace

class tst_EventFrame : public QObject
{
    Q_OBJECT

private slots:
    void readsAsDecoded_data();
    void readsAsDecoded();
    void randomEventsReadAsDecoded();
    void keepsTheFrameHead();
    void leavesUnusualFramesToTheCodec_data();
    void leavesUnusualFramesToTheCodec();
};

void tst_EventFrame::readsAsDecoded_data()
{
    QTest::addColumn<QByteArray>("text");
    const auto row = [](const char *name, const char *payload) { QTest::newRow(name) << frame(payload); };
    row("int", R"({"store_seq":5,"op":"set","path":"p","value":1})");
    row("one point zero", R"({"store_seq":5,"op":"set","path":"p","value":1.0})");
    row("exponent integral", R"({"store_seq":5,"op":"set","path":"p","value":1e2})");
    row("fraction zeros", R"({"store_seq":5,"op":"set","path":"p","value":-2.000})");
    row("negative zero", R"({"store_seq":5,"op":"set","path":"p","value":-0})");
    row("negative zero float", R"({"store_seq":5,"op":"set","path":"p","value":-0.0})");
    row("float", R"({"store_seq":5,"op":"set","path":"p","value":1.5})");
    row("small float", R"({"store_seq":5,"op":"set","path":"p","value":-1.25E-7})");
    row("qint64 max", R"({"store_seq":5,"op":"set","path":"p","value":9223372036854775807})");
    row("qint64 min", R"({"store_seq":5,"op":"set","path":"p","value":-9223372036854775808})");
    row("long float", R"({"store_seq":5,"op":"set","path":"p","value":123456789.125})");
    row("string", R"({"store_seq":5,"op":"set","path":"p","value":"hello"})");
    row("escapes", R"({"store_seq":5,"op":"set","path":"p","value":"q\" b\\ s\/ \b\f\n\r\t \u0000 \u00e9 \uD83D\uDE00"})");
    row("raw utf-8", "{\"store_seq\":5,\"op\":\"set\",\"path\":\"p\",\"value\":\"caf\xc3\xa9 \xf0\x9f\x98\x80\"}");
    row("raw control", "{\"store_seq\":5,\"op\":\"set\",\"path\":\"p\",\"value\":\"a\x01\x1f\"}");
    row("null", R"({"store_seq":5,"op":"set","path":"p","value":null})");
    row("booleans", R"({"store_seq":5,"op":"set","path":"p","value":[true,false]})");
    row("nested map", R"({"store_seq":5,"op":"set","path":"p","value":{"a":{"b":1,"c":{"d":2.5}},"e":"x"}})");
    row("empty map", R"({"store_seq":5,"op":"set","path":"p","value":{}})");
    row("map keeps a leaf", R"({"store_seq":5,"op":"set","path":"p","value":{"old":2,"n":{}}})");
    row("escaped keys", R"({"store_seq":5,"op":"set","path":"p","value":{"a/b":1,"~":2,"\u00e9\n":3}})");
    row("array", R"({"store_seq":5,"op":"set","path":"p","value":[1,1.0,1.5,"s",null,[[]],[2,[3]]]})");
    row("segments", R"({"store_seq":5,"op":"set","path":"ignored//","path_segments":["a/b","c~"],"value":1})");
    row("segments null", R"({"store_seq":5,"op":"set","path":"a~1b/c","path_segments":null,"value":1})");
    row("segments string", R"({"store_seq":5,"op":"set","path":"q/x","path_segments":"x","value":{"y":1}})");
    row("escaped path", R"({"store_seq":5,"op":"set","path":"p\/a","value":1})");
    row("increment", R"({"store_seq":5,"op":"increment","path":"counter","value":12})");
    row("increment float", R"({"store_seq":5,"op":"increment","path":"counter","value":0.5})");
    row("add", R"({"store_seq":5,"op":"add","path":"tags","value":["a",2]})");
    row("remove", R"({"store_seq":5,"op":"remove","path":"tags","value":[]})");
    row("store_seq 1.0", R"({"store_seq":1.0,"op":"set","path":"p","value":1})");
    row("other fields", R"({"x":{"y":[1,{"z":null}]},"store_seq":5,"op":"set","path":"p","value":1,"device_id":7,"extra":"e","extra":1})");
    row("value first", R"({"value":{"k":"v"},"path":"p","op":"set","store_seq":5})");
    QTest::newRow("whitespace") << QByteArray(" [ \"1\" , null ,\t\"store:acme/site\"\r\n, \"event\" , { \"store_seq\" : 5 , \"op\" : \"set\" , "
                                             "\"path\" : \"p\" , \"value\" : { \"a\" : [ 1 , 2 ] } } ] \n");
}

void tst_EventFrame::readsAsDecoded()
{
    QFETCH(QByteArray, text);
    const std::optional<EventFrame> event = EventFrame::read(text);
    QVERIFY2(event, text.constData());
    ValueModel decoded = prefilled();
    ValueModel read = prefilled();
    QList<LeafChange> decodedChanges;
    QList<LeafChange> readChanges;
    QVERIFY(applyDecoded(text, decoded, &decodedChanges));
    event->applyTo(read, SyncedAt, &readChanges);
    QCOMPARE(LeafLines::of(read), LeafLines::of(decoded));
    QCOMPARE(LeafLines::of(readChanges), LeafLines::of(decodedChanges));
    QCOMPARE(event->storeSeq(), Dust::JsonFrameCodec().decode(text)->payload.value(u"store_seq").toInteger());

    // Without a record of the changes, the same leaves.
    ValueModel quiet = prefilled();
    event->applyTo(quiet, SyncedAt, nullptr);
    QCOMPARE(LeafLines::of(quiet), LeafLines::of(decoded));
}

void tst_EventFrame::randomEventsReadAsDecoded()
{
    QRandomGenerator random(18);
    const QStringList paths{u"p"_s, u"p/a"_s, u"q/x"_s, u"tags"_s, u"counter"_s, u"a~1b"_s, u"n~0/m"_s};
    ValueModel decoded = prefilled();
    ValueModel read = prefilled();
    qsizetype taken = 0;
    for (int seq = 2; seq < 2000; ++seq) {
        const QJsonValue value = randomValue(random, 0);
        const QString path = paths.at(random.bounded(paths.size()));
        const int kind = random.bounded(4);
        const QString op = kind == 0 ? u"increment"_s : kind == 1 ? u"add"_s : u"set"_s;
        const QByteArray text = eventText(op, path, op == u"increment" && !value.isDouble() ? QJsonValue(seq) : value, seq);
        QList<LeafChange> decodedChanges;
        const bool applied = applyDecoded(text, decoded, &decodedChanges);
        const std::optional<EventFrame> event = EventFrame::read(text);
        if (event) {
            QVERIFY2(applied, text.constData());
            QList<LeafChange> readChanges;
            event->applyTo(read, SyncedAt, &readChanges);
            QCOMPARE(LeafLines::of(readChanges), LeafLines::of(decodedChanges));
            ++taken;
        } else if (applied) {
            read.applyChanges(decodedChanges);
        }
        QCOMPARE(LeafLines::of(read), LeafLines::of(decoded));
    }
    // Most are plain: an object inside an array is what the reader leaves.
    QVERIFY2(taken > 1000, qPrintable(QString::number(taken)));
}

void tst_EventFrame::keepsTheFrameHead()
{
    const QByteArray text = frame(R"({"store_seq":9,"op":"add","path":"tags","value":[]})",
                                  R"([null,"7","store:caf\u00e9","event",)");
    const std::optional<EventFrame> event = EventFrame::read(text);
    QVERIFY(event);
    QVERIFY(!event->joinRef());
    QCOMPARE(event->topic(), u"store:café"_s);
    QCOMPARE(event->op(), Op::Kind::Add);
    QCOMPARE(event->storeSeq(), qint64(9));
    QCOMPARE(event->key().toByteArray(), QByteArray("tags"));
    QCOMPARE(event->text(), text);
    const std::optional<EventFrame> joined = EventFrame::read(frame(R"({"store_seq":9,"op":"add","path":"tags","value":[]})"));
    QVERIFY(joined && joined->joinRef());
    QCOMPARE(*joined->joinRef(), u"1"_s);
}

void tst_EventFrame::leavesUnusualFramesToTheCodec_data()
{
    // The codec's error for the frame, or empty when it decodes.
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("codecError");
    const auto row = [](const char *name, const QByteArray &text, const QString &error = {}) {
        QTest::newRow(name) << text << error;
    };
    const auto payload = [](const char *value) {
        return frame((QByteArray(R"({"store_seq":5,"op":"set","path":"p","value":)") + value + "}").constData());
    };
    row("typed value", payload(R"({"_type":"decimal","_typed":"1.5"})"));
    row("file value", payload(R"({"a":{"_type":"file","ref":"x"}})"));
    row("object in array", payload(R"([{"a":1}])"));
    row("duplicate value key", payload(R"({"a":1,"a":{"b":2}})"));
    row("duplicate field", frame(R"({"store_seq":5,"op":"set","path":"p","value":1,"value":2})"));
    row("empty key", payload(R"({"":1})"));
    row("lone surrogate", payload(R"("\ud800")"), u"unpaired_surrogate"_s);
    row("lone low surrogate", payload(R"("\udc00x")"), u"unpaired_surrogate"_s);
    row("unknown escape", payload(R"("\a")"));
    row("beyond qint64", payload("9223372036854775808"));
    row("huge float", payload("1e300"));
    row("beyond double", payload("1e400"), u"invalid_json"_s);
    row("underflow", payload("1e-400"), u"invalid_json"_s);
    row("subnormal", payload("4.9e-324"));
    row("leading zero", payload("01"), u"invalid_json"_s);
    row("bare fraction", payload("1."));
    row("NaN", payload("NaN"), u"invalid_json"_s);
    row("invalid utf-8", payload("\"\xc3\x28\""), u"invalid_utf8"_s);
    row("overlong utf-8", payload("\"\xc0\xaf\""), u"invalid_utf8"_s);
    row("truncated", payload("[1,2").chopped(2), u"invalid_json"_s);
    row("trailing text", payload("1") + "x", u"invalid_json"_s);
    row("delete", frame(R"({"store_seq":5,"op":"delete","path":"p","value":null})"));
    row("merge", frame(R"({"store_seq":5,"op":"merge","path":"p","value":{"a":1}})"));
    row("unknown op", frame(R"({"store_seq":5,"op":"explode","path":"p","value":1})"));
    row("increment of a string", frame(R"({"store_seq":5,"op":"increment","path":"p","value":"1"})"));
    row("add of a scalar", frame(R"({"store_seq":5,"op":"add","path":"p","value":1})"));
    row("seq zero", frame(R"({"store_seq":0,"op":"set","path":"p","value":1})"));
    row("seq float", frame(R"({"store_seq":1.5,"op":"set","path":"p","value":1})"));
    row("seq string", frame(R"({"store_seq":"5","op":"set","path":"p","value":1})"));
    row("no value", frame(R"({"store_seq":5,"op":"set","path":"p"})"));
    row("empty segment", frame(R"({"store_seq":5,"op":"set","path":"a//b","value":1})"));
    row("bad path escape", frame(R"({"store_seq":5,"op":"set","path":"a~2","value":1})"));
    row("empty segments", frame(R"({"store_seq":5,"op":"set","path":"p","path_segments":[],"value":1})"));
    row("segment not a string", frame(R"({"store_seq":5,"op":"set","path":"p","path_segments":[1],"value":1})"));
    row("snapshot", frame(R"({"snapshot_seq":1,"entries":{}})", R"(["1",null,"store:acme/site","snapshot",)"));
    row("numeric topic", frame(R"({"store_seq":5,"op":"set","path":"p","value":1})", R"(["1",null,5,"event",)"),
        u"invalid_topic"_s);
    row("four elements", QByteArray(R"(["1",null,"event",{}])"), u"wrong_arity"_s);
    row("payload array", frame("[]"), u"payload_not_object"_s);
    QByteArray deep = "1";
    for (int i = 0; i < 40; ++i)
        deep = "[" + deep + "]";
    row("deep", payload(deep.constData()));
    QByteArray tooDeep = "1";
    for (int i = 0; i < 80; ++i)
        tooDeep = "[" + tooDeep + "]";
    row("too deep", payload(tooDeep.constData()), u"too_deep"_s);
}

void tst_EventFrame::leavesUnusualFramesToTheCodec()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, codecError);
    QVERIFY(!EventFrame::read(text));
    // Left to the codec, the frame decodes or fails as it always did.
    const Dust::Result<Dust::Frame> decoded = Dust::JsonFrameCodec().decode(text);
    QCOMPARE(decoded ? QString() : decoded.error().code(), codecError);
    if (!decoded)
        QCOMPARE(decoded.error().kind(), Dust::Error::Kind::Protocol);
}

QTEST_MAIN(tst_EventFrame)
#include "tst_eventframe.moc"
