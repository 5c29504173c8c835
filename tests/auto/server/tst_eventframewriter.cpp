// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

// Catch-up writes `event` frames as bytes (EventFrameWriter) from the op log
// as stored. Each frame must mean what the frame codec makes of
// OpRecord::toEventPayload(), the way every event was built before, in JSON
// and in MessagePack, for values and paths that are easy to get wrong; and
// over real sockets, a catch-up must carry what the live events carried.

#include "phoenixtestclient.h"
#include "servertestutil.h"

#include <dusteventframewriter_p.h>
#include <dustframecodec.h>
#include <dustserver.h>
#include <dustserverstore_p.h>

#include <QtCore/qjsonarray.h>
#include <QtCore/qtemporarydir.h>
#include <QtTest/qtest.h>

using namespace Qt::StringLiterals;

namespace {

const QString JoinRef = u"7"_s;
const QString Topic = u"store:acme/site"_s;

QJsonObject op(const QString &kind, const QString &path, const QJsonValue &value = QJsonValue::Null)
{
    return {{u"op"_s, kind}, {u"path"_s, path}, {u"value"_s, value}};
}

Dust::WriteOp writeOp(const QJsonObject &payload)
{
    Dust::WriteOp op;
    op.kind = Dust::Op::fromName(payload.value(u"op").toString()).value_or(Dust::Op::Kind::Set);
    op.path = Dust::Path::parse(payload.value(u"path").toString()).valueOr(Dust::Path());
    op.value = payload.value(u"value");
    return op;
}

QJsonArray manyInts(int count)
{
    QJsonArray array;
    for (int i = 0; i < count; ++i)
        array.append(i * 1000);
    return array;
}

QJsonObject manyKeys(int count)
{
    QJsonObject object;
    for (int i = 0; i < count; ++i)
        object.insert(u"key%1"_s.arg(i), i % 2 ? QJsonValue(u"v"_s) : QJsonValue(true));
    return object;
}

// Every kind of value and path the writer handles on its own, and some it
// hands to the codec (escapes, fractions, big integers).
QList<QJsonObject> trickyOps()
{
    const QString escapes = u"quote \" backslash \\ slash / newline \n tab \t bell \u0007 nul \u0000 end"_s;
    const QString unicode = u"é 日本語 😀 \u2028 \u007f"_s;
    return {
        op(u"set"_s, u"strings/plain"_s, u"hello"_s),
        op(u"set"_s, u"strings/empty"_s, u""_s),
        op(u"set"_s, u"strings/escapes"_s, escapes),
        op(u"set"_s, u"strings/unicode"_s, unicode),
        op(u"set"_s, u"strings/long"_s, QString(300, u'x')),
        op(u"set"_s, u"strings/medium"_s, QString(40, u'é')),
        op(u"set"_s, u"numbers/zero"_s, 0),
        op(u"set"_s, u"numbers/negative"_s, -17),
        op(u"set"_s, u"numbers/big"_s, qint64(9007199254740993)),
        op(u"set"_s, u"numbers/min"_s, std::numeric_limits<qint64>::min() + 1),
        op(u"set"_s, u"numbers/fraction"_s, -0.25),
        op(u"set"_s, u"numbers/huge"_s, 1e300),
        op(u"set"_s, u"numbers/integral_double"_s, 3.0),
        op(u"set"_s, u"numbers/negative_zero"_s, -0.0),
        op(u"set"_s, u"flags/yes"_s, true),
        op(u"set"_s, u"flags/no"_s, false),
        op(u"set"_s, u"maps/nested"_s,
           QJsonObject{{u"a"_s, QJsonObject{{u"b"_s, QJsonArray{1, 2.5, QJsonObject{{u"c"_s, QJsonValue::Null}}}},
                                             {u"d"_s, u"x\"y"_s}}},
                       {u"e"_s, QJsonArray{}},
                       {u"f"_s, QJsonObject{}},
                       {u"ü \"key\""_s, unicode}}),
        op(u"set"_s, u"maps/wide"_s, manyKeys(20)),
        op(u"set"_s, u"maps/big"_s, manyKeys(3000)),
        op(u"set"_s, u"strings/big"_s, QString(100000, u'ü')),
        op(u"set"_s, u"lists/long"_s, manyInts(40)),
        op(u"merge"_s, u"maps/nested"_s, QJsonObject{{u"g"_s, escapes}}),
        op(u"increment"_s, u"counter"_s, 5),
        op(u"add"_s, u"tags"_s, u"red"_s),
        op(u"remove"_s, u"tags"_s, u"red"_s),
        op(u"set"_s, u"paths/a~1b/c~0d/~0~1"_s, u"escaped segments"_s),
        op(u"set"_s, u"paths/ünï/日本/q\"uote/back\\slash"_s, 1),
        op(u"delete"_s, u"strings/plain"_s),
        op(u"delete"_s, u"maps"_s),
    };
}

} // namespace

class tst_EventFrameWriter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void sameAsQJsonObjectFrames_data();
    void sameAsQJsonObjectFrames();
    void catchUpMatchesLiveEvents_data();
    void catchUpMatchesLiveEvents();

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Dust::ServerStore> m_store;
};

void tst_EventFrameWriter::initTestCase()
{
    QVERIFY(m_dir.isValid());
    auto store = Dust::ServerStore::open(u"acme/site"_s, m_dir.filePath(u"store.db"_s));
    QVERIFY2(store, qPrintable(store ? QString() : store.error().toString()));
    m_store = std::move(*store);
    int answered = 0;
    for (const QJsonObject &payload : trickyOps()) {
        Dust::WriteOp write = writeOp(payload);
        QVERIFY2(!write.path.isEmpty(), qPrintable(payload.value(u"path").toString()));
        Dust::CommitRequest request;
        // A device id and client op id that need escaping in JSON too.
        request.deviceId = u"dev \"ü\"\n\\"_s;
        write.clientOpId = u"op \"%1\" \\ é"_s.arg(m_store->head());
        request.ops = {std::move(write)};
        request.done = [&answered, payload](const Dust::WriteOutcome &outcome) {
            ++answered;
            QVERIFY2(outcome.error.isNull(), qPrintable(payload.value(u"path").toString()));
        };
        m_store->submit(std::move(request));
        m_store->flush();
    }
    QCOMPARE(answered, trickyOps().size());
    QCOMPARE(m_store->head(), qint64(trickyOps().size()));
}

void tst_EventFrameWriter::sameAsQJsonObjectFrames_data()
{
    QTest::addColumn<QString>("vsn");
    QTest::newRow("json") << u"2.0.0"_s;
    QTest::newRow("msgpack") << u"3.0.0"_s;
}

void tst_EventFrameWriter::sameAsQJsonObjectFrames()
{
    QFETCH(QString, vsn);
    const std::unique_ptr<Dust::FrameCodec> codec = Dust::FrameCodec::create(vsn);
    const Dust::Result<QList<Dust::OpRecord>> records = m_store->readOps(0, 1000);
    const Dust::Result<QList<Dust::StoredOp>> stored = m_store->readStoredOps(0, 1000);
    QVERIFY(records && stored);
    QCOMPARE(stored->size(), records->size());
    const Dust::EventFrameWriter writer(codec->isBinary(), JoinRef, Topic);
    for (qsizetype i = 0; i < records->size(); ++i) {
        const Dust::OpRecord &record = records->at(i);
        const QByteArray before =
            codec->encode(Dust::Frame{JoinRef, std::nullopt, Topic, u"event"_s, record.toEventPayload()});
        const QByteArray fast = writer.write(stored->at(i));
        const Dust::Result<Dust::Frame> expected = codec->decode(before);
        const Dust::Result<Dust::Frame> actual = codec->decode(fast);
        QVERIFY2(actual, qPrintable(record.path.toString() + u": "_s + (actual ? QString() : actual.error().code())));
        QCOMPARE(actual->toJsonArray(), expected->toJsonArray());
        // Integers stay integers and floats floats, which QJsonValue's
        // comparison does not tell apart: the MessagePack bytes must match.
        if (codec->isBinary())
            QCOMPARE(fast.toHex(), before.toHex());
    }
}

void tst_EventFrameWriter::catchUpMatchesLiveEvents_data()
{
    sameAsQJsonObjectFrames_data();
}

// End to end: what a joined client got live (frames the codec built from
// the QJsonObject payload) is what a later join gets in its catch-up.
void tst_EventFrameWriter::catchUpMatchesLiveEvents()
{
    QFETCH(QString, vsn);
    Dust::ServerOptions options = memoryServerOptions();
    options.stores = {u"acme/site"_s};
    Dust::Server server(options);
    const Dust::Result<void> started = server.start();
    QVERIFY2(started, qPrintable(started ? QString() : started.error().toString()));
    PhoenixTestClient::Params params;
    params.token = server.devToken();
    params.vsn = vsn;
    PhoenixTestClient live;
    QVERIFY(live.open(server.webSocketUrl(), params));
    QCOMPARE(live.joinAndCatchUp(Topic).size(), 0);
    // The server refuses numbers beyond ±2^53 (2^53 + 1, -2^63 + 1, 1e300:
    // invalid_value); the frame writer still meets them in older op logs.
    QList<QJsonObject> ops;
    for (const QJsonObject &payload : trickyOps()) {
        const Dust::WriteOp write = writeOp(payload);
        if (server.write(u"acme/site"_s, u"dev \"ü\"\n"_s, write.kind, write.path.toString(), write.value))
            ops.append(payload);
    }
    QCOMPARE(ops.size(), trickyOps().size() - 3);
    // Typed values the store makes itself: a lease envelope, a file reference.
    QVERIFY(server.write(u"acme/site"_s, u"dev_typed"_s, Dust::Op::Kind::Lease, u"locks/é"_s,
                         QJsonObject{{u"ttl_ms"_s, 60000}, {u"holder"_s, u"holder ü \"q\""_s}}));
    QVERIFY(server.write(u"acme/site"_s, u"dev_typed"_s, Dust::Op::Kind::PutFile, u"files/a"_s,
                         QJsonObject{{u"content"_s, QString::fromLatin1(QByteArray("hello").toBase64())},
                                     {u"filename"_s, u"ä \"b\".txt"_s},
                                     {u"content_type"_s, u"text/plain"_s}}));
    ops.append(QJsonObject());
    ops.append(QJsonObject());
    const auto isEvent = [](const Dust::Frame &frame) { return frame.event == u"event"; };
    QVERIFY(waitUntil([&] { return std::count_if(live.frames().cbegin(), live.frames().cend(), isEvent) == ops.size(); }));

    PhoenixTestClient later;
    QVERIFY(later.open(server.webSocketUrl(), params));
    const QList<QJsonObject> caughtUp = later.joinAndCatchUp(Topic);
    QCOMPARE(caughtUp.size(), ops.size());
    qsizetype i = 0;
    for (const Dust::Frame &frame : live.frames()) {
        if (isEvent(frame))
            QCOMPARE(caughtUp.at(i++), frame.payload);
    }
}

QTEST_GUILESS_MAIN(tst_EventFrameWriter)
#include "tst_eventframewriter.moc"
