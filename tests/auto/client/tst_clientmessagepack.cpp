// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

// Client::FrameFormat::MessagePack: the Phoenix serializer vsn 3.0.0, against
// a raw server that checks the wire and against the real server shared with
// a JSON client.

#include "clienttestutils.h"

#include <QtCore/qurlquery.h>
#include <QtTest/qsignalspy.h>

using namespace Qt::StringLiterals;
using namespace DustTest;
using Dust::Client;
using Status = Dust::Client::Status;

namespace {

const QString StoreName = u"test/mystore"_s;

QJsonObject eventPayload(qint64 seq, const QString &path, const QJsonValue &value)
{
    return {{u"store_seq"_s, seq}, {u"op"_s, u"set"_s}, {u"path"_s, path},
            {u"path_segments"_s, QJsonArray::fromStringList(path.split(u'/'))},
            {u"value"_s, value}, {u"device_id"_s, u"dev_other"_s}, {u"client_op_id"_s, u"op_other"_s}};
}

} // namespace

class tst_ClientMessagePack : public QObject
{
    Q_OBJECT

private slots:
    void property();
    void speaksMessagePack();
    void badFramesKeepConnection();
    void sharesServerWithJsonClient();
};

void tst_ClientMessagePack::property()
{
    Client client;
    QCOMPARE(client.frameFormat(), Client::FrameFormat::Json);
    QSignalSpy changed(&client, &Client::frameFormatChanged);
    client.setFrameFormat(Client::FrameFormat::MessagePack);
    client.setFrameFormat(Client::FrameFormat::MessagePack);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(client.property("frameFormat").value<Client::FrameFormat>(), Client::FrameFormat::MessagePack);
}

void tst_ClientMessagePack::speaksMessagePack()
{
    RawServer raw;
    raw.msgpack = true;
    QVERIFY(raw.listen());
    const auto client = Dust::createTestClient(raw.url(), u"dust_tok_test"_s, {StoreName});
    client->setFrameFormat(Client::FrameFormat::MessagePack);
    Dust::Store *store = client->store(StoreName);
    client->open();
    QTRY_COMPARE(store->status(), Status::Connected);
    QCOMPARE(QUrlQuery(raw.requestUrls.first()).queryItemValue(u"vsn"_s), u"3.0.0"_s);
    // The join came packed, and nothing was sent as text.
    QCOMPARE(raw.count(u"phx_join"_s), 1);
    QCOMPARE(raw.binaryReceived, raw.received.size());

    const QJsonObject value{{u"title"_s, u"Hi"_s}, {u"tags"_s, QJsonArray{u"a"_s, 2, 2.5, true}},
                            {u"big"_s, qint64(1) << 40}};
    raw.push(u"event"_s, eventPayload(1, u"posts/hello"_s, value));
    QTRY_COMPARE(store->get(u"posts/hello"_s), QJsonValue(value));

    const auto write = store->set(u"n"_s, 7);
    QTRY_COMPARE(raw.count(u"write"_s), 1);
    const QJsonArray sent = raw.frames(u"write"_s).first();
    QCOMPARE(sent.at(4).toObject().value(u"value"_s), QJsonValue(7));
    QCOMPARE(raw.binaryReceived, raw.received.size());
    raw.reply(sent, u"ok"_s, {{u"store_seq"_s, 2}});
    QCOMPARE(*await(write), 2);
}

void tst_ClientMessagePack::badFramesKeepConnection()
{
    RawServer raw;
    raw.msgpack = true;
    QVERIFY(raw.listen());
    const auto client = Dust::createTestClient(raw.url(), u"dust_tok_test"_s, {StoreName});
    client->setFrameFormat(Client::FrameFormat::MessagePack);
    Dust::Store *store = client->store(StoreName);
    client->open();
    QTRY_COMPARE(store->status(), Status::Connected);
    QSignalSpy statusChanges(client.get(), &Client::statusChanged);
    QSignalSpy errors(client.get(), &Client::errorOccurred);

    const Dust::MsgPackFrameCodec codec;
    const QByteArray good = codec.encode(Dust::Frame{std::nullopt, std::nullopt, raw.topic, u"event"_s,
                                                     eventPayload(1, u"a"_s, 1)});
    const QList<QByteArray> bad{
        QByteArray(),
        good.left(good.size() - 3),                        // truncated
        good + QByteArray("\x01", 1),                      // trailing bytes
        QByteArray("\xc1", 1),                             // reserved type byte
        QByteArray("\xdd\xff\xff\xff\xff", 5),             // array32 header claiming 4 G elements
        QByteArray("\x95\xc0\xc0\xa1t\xa1" "e\x81\x01\x02", 10), // integer map key
        QByteArray("\x95\xc0\xc0\xa1t\xa1" "e\xc4\x02xy", 11),   // bin payload
        QByteArray("\x93\x01\x02\x03", 4),                 // wrong arity
    };
    for (const QByteArray &frame : bad)
        raw.sockets.last()->sendBinaryMessage(frame);
    QTRY_COMPARE(errors.count(), bad.size());
    for (const QList<QVariant> &args : std::as_const(errors)) {
        const auto error = args.first().value<Dust::Error>();
        QCOMPARE(error.kind(), Dust::Error::Kind::Protocol);
        QVERIFY2(!error.code().isEmpty(), "a bad frame's error has a code");
        QCOMPARE(error.detail().value(u"vsn"_s), QJsonValue(u"3.0.0"_s));
        QVERIFY(error.detail().contains(u"frame_bytes"_s));
    }
    QCOMPARE(errors.first().first().value<Dust::Error>().code(), u"invalid_msgpack"_s);

    // The connection is still up: a good frame after the garbage applies,
    // and so does a JSON text frame, which vsn 3.0.0 also allows.
    raw.sockets.last()->sendBinaryMessage(good);
    QTRY_COMPARE(store->get(u"a"_s), QJsonValue(1));
    raw.sendText(QString::fromUtf8(QJsonDocument(QJsonArray{QJsonValue::Null, QJsonValue::Null, raw.topic,
                                                            u"event"_s, eventPayload(2, u"b"_s, 2)})
                                       .toJson(QJsonDocument::Compact)));
    QTRY_COMPARE(store->get(u"b"_s), QJsonValue(2));
    QCOMPARE(raw.requestUrls.size(), 1);
    QCOMPARE(statusChanges.count(), 0);
    QCOMPARE(client->status(), Status::Connected);
}

void tst_ClientMessagePack::sharesServerWithJsonClient()
{
    Dust::TestServer server;
    QVERIFY(server.isReady());
    Client *json = server.client();
    QCOMPARE(json->frameFormat(), Client::FrameFormat::Json);
    const std::unique_ptr<Client> packed = server.createClient();
    packed->setFrameFormat(Client::FrameFormat::MessagePack);
    QVERIFY(server.connectClient(packed.get()));
    Dust::Store *jsonStore = server.store();
    Dust::Store *packedStore = packed->store(server.storeName());

    const QJsonObject nested{{u"title"_s, u"Grüße"_s},
                             {u"meta"_s, QJsonObject{{u"n"_s, 1.5}, {u"big"_s, qint64(1) << 40},
                                                     {u"list"_s, QJsonArray{true, QJsonValue::Null, u"x"_s}}}}};
    QVERIFY(await(packedStore->set(u"from/msgpack"_s, nested)));
    QVERIFY(await(jsonStore->set(u"from/json"_s, QJsonArray{1, 2, 3})));
    QVERIFY(await(packedStore->increment(u"count"_s, 2)));
    QVERIFY(await(jsonStore->increment(u"count"_s, 3)));

    QVERIFY(server.waitSynced(jsonStore));
    QVERIFY(server.waitSynced(packedStore));
    for (Dust::Store *store : {jsonStore, packedStore}) {
        QCOMPARE(store->get(u"from/msgpack"_s), QJsonValue(nested));
        QCOMPARE(store->get(u"from/json"_s), QJsonValue(QJsonArray{1, 2, 3}));
        QCOMPARE(store->get(u"count"_s), QJsonValue(5));
        QCOMPARE(store->lastStoreSeq(), 4);
    }
}

QTEST_MAIN(tst_ClientMessagePack)
#include "tst_clientmessagepack.moc"
