// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#include "clienttestutils.h"

#include <dustthreading_p.h>

#include <QtCore/qcryptographichash.h>
#include <QtCore/qthread.h>
#include <QtTest/qsignalspy.h>

#include <atomic>

using namespace Qt::StringLiterals;
using namespace DustTest;
using Dust::Client;
using Dust::Entry;
using Dust::Op;
using Dust::StoreEvent;
using Status = Dust::Client::Status;

namespace {

const QString StoreName = u"test/mystore"_s;
const QString FullToken = u"dust_tok_full"_s;
const QString ReadToken = u"dust_tok_read"_s;
const QString EntriesToken = u"dust_tok_entries"_s;
const QString OtherStoreToken = u"dust_tok_other"_s;
const QString FilesToken = u"dust_tok_files"_s;

// A server accepting the four tokens above; the fixture's client uses
// `token` and is opened by the test.
Dust::TestServerOptions serverOptions(const QString &token = FullToken)
{
    Dust::TestServerOptions options;
    options.stores = {StoreName};
    options.openClient = false;
    options.clientToken = token;
    options.server.tokens = {
        {FullToken, Dust::TokenGrant::allScopes(), true, {}},
        {ReadToken, {u"entries:read"_s}, true, {}},
        {EntriesToken, {u"entries:read"_s, u"entries:write"_s}, true, {}},
        {OtherStoreToken, Dust::TokenGrant::allScopes(), false, {u"test/other"_s}},
        {FilesToken, {u"files:read"_s}, true, {}},
    };
    return options;
}

struct Fixture
{
    explicit Fixture(const Dust::TestServerOptions &options = serverOptions())
        : server(options), client(server.client()), store(server.store())
    {
    }
    bool open() { return server.connectClient().hasValue(); }
    // What the server holds at `path`, read through a fresh client.
    std::optional<QJsonValue> truth(const QString &path)
    {
        auto reader = server.createClient(FullToken);
        if (!server.connectClient(reader.get()) || !server.waitSynced(reader->store(StoreName)))
            return std::nullopt;
        return reader->store(StoreName)->get(path);
    }
    qint64 serverWrite(Op::Kind op, const QString &path, const QJsonValue &value = {})
    {
        const Dust::Result<qint64> seq = server.writeAs(u"dev_other"_s, op, path, value);
        if (!seq)
            qFatal("server write failed: %s", qPrintable(seq.error().toString()));
        return *seq;
    }
    bool synced() { return server.waitSynced().hasValue(); }

    Dust::TestServer server;
    Client *const client;
    Dust::Store *const store;
};

QStringList keys(Dust::Store *store, const QString &pattern)
{
    Dust::PageRequest request;
    request.select = Dust::PageRequest::Select::Keys;
    request.limit = Dust::PageRequest::MaxLimit;
    return store->enumerate(pattern, request)->keys;
}

QJsonObject eventPayload(qint64 seq, const QString &op, const QString &path, const QJsonValue &value,
                  const QString &clientOpId = u"op_other"_s)
{
    return {{u"store_seq"_s, seq}, {u"op"_s, op}, {u"path"_s, path}, {u"value"_s, value},
            {u"device_id"_s, u"dev_other"_s}, {u"client_op_id"_s, clientOpId}};
}

} // namespace

class tst_Store : public QObject
{
    Q_OBJECT

private slots:
    void writeReturnsStoreSeq();
    void refusedJoins_data();
    void refusedJoins();
    void readYourWrites();
    void ifMatch();
    void ifAbsent();
    void replyOrder_data();
    void replyOrder();
    void ackAndEchoSettleOnce_data();
    void ackAndEchoSettleOnce();
    void unexpectedReply();
    void rejectionReasons_data();
    void rejectionReasons();
    void invalidInput_data();
    void invalidInput();
    void mapsFlatten();
    void typedValuesStayLeaves();
    void deletesClearDescendants();
    void subtreeReads();
    void countersAndSets();
    void rollback_data();
    void rollback();
    void rollbackAgainstServer();
    void rejectionEventCarriesServerMessage();
    void leasesNeedConnection();
    void leaseLifecycle();
    void leaseWireFields();
    void leaseAnsweredByEchoOnly();
    void putFile();
    void reads();
    void noDoubleSendAfterOutage();
    void catchUpAfterServerRestart();
    void concurrentWritersAndReaders();
};

void tst_Store::writeReturnsStoreSeq()
{
    Fixture f;
    QVERIFY(f.open());
    QCOMPARE(*await(f.store->set(u"a"_s, 1)), 1);
    QCOMPARE(*await(f.store->set(u"b"_s, 2)), 2);
    QCOMPARE(*await(f.store->remove(u"a"_s)), 3);
    QVERIFY(f.synced());
    QCOMPARE(f.store->lastStoreSeq(), 3);
    QCOMPARE(f.server.server()->writesReceived(StoreName), 3);
}

void tst_Store::refusedJoins_data()
{
    QTest::addColumn<QString>("token");
    QTest::addColumn<bool>("autoCreate");
    QTest::addColumn<QString>("code");
    QTest::newRow("store_not_allowed") << OtherStoreToken << true << u"store_not_allowed"_s;
    QTest::newRow("missing_scope") << FilesToken << true << u"missing_scope"_s;
    QTest::newRow("unauthorized") << FullToken << false << u"unauthorized"_s;
}

void tst_Store::refusedJoins()
{
    QFETCH(QString, token);
    QFETCH(bool, autoCreate);
    QFETCH(QString, code);
    Dust::TestServerOptions options = serverOptions();
    options.server.autoCreate = autoCreate;
    Fixture f(options);
    // Without auto-creation, only the fixture's declared store exists.
    const QString storeName = autoCreate ? StoreName : u"test/undeclared"_s;
    const std::unique_ptr<Client> client = f.server.createClient(token, {storeName});
    Dust::Store *store = client->store(storeName);
    QSignalSpy errors(store, &Dust::Store::errorOccurred);
    QVERIFY(store->error().isNull());
    client->open();
    QTRY_COMPARE(store->status(), Status::Unauthorized);
    QTRY_COMPARE(errors.count(), 1);
    QCOMPARE(errors.first().first().value<Dust::Error>().code(), code);
    // The store keeps what it reported.
    QCOMPARE(store->error(), errors.first().first().value<Dust::Error>());
    QCOMPARE(errors.first().first().value<Dust::Error>().kind(), Dust::Error::Kind::Unauthorized);
    QTRY_COMPARE(client->status(), Status::Unauthorized);
    // Writes stay queued locally; nothing reaches the server.
    store->set(u"a"_s, 1);
    QTest::qWait(100);
    QCOMPARE(f.server.server()->writesReceived(storeName), 0);
    QCOMPARE(store->status(), Status::Unauthorized);
    QCOMPARE(errors.count(), 1);
}

void tst_Store::readYourWrites()
{
    Fixture f;
    // Before open(), and before any answer: the write is visible at once.
    auto future = f.store->set(u"posts/hello"_s, QJsonObject{{u"title"_s, u"Hi"_s}});
    QCOMPARE(f.store->get(u"posts/hello/title"_s), QJsonValue(u"Hi"_s));
    QCOMPARE(f.store->entry(u"posts/hello/title"_s)->revision, 0);
    QCOMPARE(f.store->pendingWrites(), 1);
    QVERIFY(!future.isFinished());
    QVERIFY(f.open());
    const auto seq = await(future);
    QVERIFY(seq);
    QVERIFY(f.synced());
    QCOMPARE(f.store->entry(u"posts/hello/title"_s)->revision, *seq);
}

void tst_Store::ifMatch()
{
    Fixture f;
    QVERIFY(f.open());
    const qint64 first = *await(f.store->set(u"a"_s, 1));
    Dust::WriteOptions options;
    options.ifMatch = first;
    const auto second = await(f.store->set(u"a"_s, 2, options));
    QVERIFY2(second, qPrintable(second.error().toString()));
    QVERIFY(f.synced());
    // The revision moved on: the same precondition now conflicts.
    const auto stale = await(f.store->set(u"a"_s, 3, options));
    QVERIFY(!stale);
    QCOMPARE(stale.error().code(), u"conflict"_s);
    QCOMPARE(stale.error().kind(), Dust::Error::Kind::Conflict);
    QCOMPARE(f.store->get(u"a"_s), QJsonValue(2));
    // A CAS delete.
    options.ifMatch = *second;
    QVERIFY(await(f.store->remove(u"a"_s, options)));
    QVERIFY(!f.store->get(u"a"_s));
}

void tst_Store::ifAbsent()
{
    Fixture f;
    QVERIFY(f.open());
    Dust::WriteOptions options;
    options.ifAbsent = true;
    QVERIFY(await(f.store->set(u"claim"_s, u"mine"_s, options)));
    QVERIFY(f.synced());
    const auto again = await(f.store->set(u"claim"_s, u"yours"_s, options));
    QVERIFY(!again);
    QCOMPARE(again.error().code(), u"exists"_s);
    QCOMPARE(again.error().kind(), Dust::Error::Kind::Conflict);
    QCOMPARE(f.store->get(u"claim"_s), QJsonValue(u"mine"_s));
}

void tst_Store::replyOrder_data()
{
    QTest::addColumn<Dust::ServerOptions::ReplyOrder>("order");
    QTest::newRow("ack before echo") << Dust::ServerOptions::ReplyOrder::ReplyFirst;
    QTest::newRow("echo before ack") << Dust::ServerOptions::ReplyOrder::EchoFirst;
}

void tst_Store::replyOrder()
{
    QFETCH(Dust::ServerOptions::ReplyOrder, order);
    Dust::TestServerOptions options = serverOptions();
    options.server.replyOrder = order;
    Fixture f(options);
    QList<StoreEvent> all, committed;
    Dust::SubscribeOptions committedMode;
    committedMode.mode = Dust::SubscribeOptions::Mode::Committed;
    QVERIFY(f.store->on(u"**"_s, f.client, [&](const StoreEvent &e) { all.append(e); }));
    QVERIFY(f.store->on(u"**"_s, f.client, [&](const StoreEvent &e) { committed.append(e); }, committedMode));
    QVERIFY(f.open());
    auto future = f.store->increment(u"n"_s, 5);
    const auto seq = await(future);
    QVERIFY(seq);
    QVERIFY(f.synced());
    QTRY_COMPARE(committed.size(), 1);
    QCOMPARE(future.resultCount(), 1);
    QCOMPARE(committed.first().storeSeq, *seq);
    QVERIFY(committed.first().wasOwn);
    QCOMPARE(committed.first().value, QJsonValue(5));
    QCOMPARE(all.size(), 1);
    QCOMPARE(all.first().source, StoreEvent::Source::Local);
    QCOMPARE(f.store->get(u"n"_s), QJsonValue(5));
    QCOMPARE(f.store->pendingWrites(), 0);
}

void tst_Store::ackAndEchoSettleOnce_data()
{
    QTest::addColumn<bool>("ackFirst");
    QTest::newRow("ack, then echo") << true;
    QTest::newRow("echo, then ack") << false;
}

void tst_Store::ackAndEchoSettleOnce()
{
    QFETCH(bool, ackFirst);
    RawServer raw;
    QVERIFY(raw.listen());
    auto client = Dust::createTestClient(raw.url(), u"t"_s, {StoreName});
    Dust::Store *store = client->store(StoreName);
    client->open();
    QTRY_COMPARE(store->status(), Status::Connected);
    auto future = store->increment(u"n"_s, 2);
    QTRY_COMPARE(raw.count(u"write"_s), 1);
    const QJsonArray write = raw.frames(u"write"_s).first();
    const QString id = write.at(4).toObject().value(u"client_op_id"_s).toString();
    if (ackFirst) {
        raw.reply(write, u"ok"_s, {{u"store_seq"_s, 12}});
        QCOMPARE(*await(future), 12);
        // Acked but not yet applied: still replayed over the server state.
        QCOMPARE(store->pendingWrites(), 1);
        QCOMPARE(store->get(u"n"_s), QJsonValue(2));
        raw.push(u"event"_s, eventPayload(12, u"increment"_s, u"n"_s, 2, id));
    } else {
        raw.push(u"event"_s, eventPayload(12, u"increment"_s, u"n"_s, 2, id));
        QCOMPARE(*await(future), 12);
        raw.reply(write, u"ok"_s, {{u"store_seq"_s, 12}});
    }
    QTRY_COMPARE(store->pendingWrites(), 0);
    QTest::qWait(20);
    // Answered once: a second answer would have added a second result.
    QCOMPARE(future.resultCount(), 1);
    QCOMPARE(store->get(u"n"_s), QJsonValue(2));
    QCOMPARE(store->entry(u"n"_s)->revision, 12);
}

void tst_Store::unexpectedReply()
{
    RawServer raw;
    QVERIFY(raw.listen());
    auto client = Dust::createTestClient(raw.url(), u"t"_s, {StoreName});
    Dust::Store *store = client->store(StoreName);
    client->open();
    QTRY_COMPARE(store->status(), Status::Connected);
    auto future = store->set(u"a"_s, 1);
    QTRY_COMPARE(raw.count(u"write"_s), 1);
    raw.reply(raw.frames(u"write"_s).first(), u"ok"_s, {{u"something"_s, u"else"_s}});
    const auto result = await(future);
    QVERIFY(!result);
    QCOMPARE(result.error().code(), u"unexpected_reply"_s);
    QVERIFY(!store->get(u"a"_s));
    QCOMPARE(store->pendingWrites(), 0);
}

void tst_Store::rejectionReasons_data()
{
    QTest::addColumn<QJsonObject>("response");
    QTest::addColumn<Dust::Error::Kind>("kind");
    QTest::addColumn<bool>("retryable");
    QTest::newRow("conflict") << QJsonObject{{u"reason"_s, u"conflict"_s}} << Dust::Error::Kind::Conflict << false;
    QTest::newRow("rate_limited") << QJsonObject{{u"reason"_s, u"rate_limited"_s}, {u"retry_after_ms"_s, 60000}}
                                  << Dust::Error::Kind::RateLimited << true;
    QTest::newRow("exists") << QJsonObject{{u"reason"_s, u"exists"_s}} << Dust::Error::Kind::Conflict << false;
    QTest::newRow("missing_scope")
        << QJsonObject{{u"reason"_s, u"missing_scope"_s}, {u"scope"_s, u"entries:write"_s},
                       {u"message"_s, u"Token is missing entries:write scope"_s}}
        << Dust::Error::Kind::Unauthorized << false;
    QTest::newRow("invalid op") << QJsonObject{{u"reason"_s, u"invalid op"_s}} << Dust::Error::Kind::InvalidParams << false;
    QTest::newRow("unknown reason") << QJsonObject{{u"reason"_s, u":invalid_lease_op"_s}} << Dust::Error::Kind::Rejected << false;
    QTest::newRow("no reason") << QJsonObject{{u"oops"_s, 1}} << Dust::Error::Kind::Protocol << false;
}

void tst_Store::rejectionReasons()
{
    QFETCH(QJsonObject, response);
    QFETCH(Dust::Error::Kind, kind);
    QFETCH(bool, retryable);
    RawServer raw;
    QVERIFY(raw.listen());
    auto client = Dust::createTestClient(raw.url(), u"t"_s, {StoreName});
    Dust::Store *store = client->store(StoreName);
    client->open();
    QTRY_COMPARE(store->status(), Status::Connected);
    auto future = store->set(u"a"_s, 1);
    QTRY_COMPARE(raw.count(u"write"_s), 1);
    raw.reply(raw.frames(u"write"_s).first(), u"error"_s, response);
    const auto result = await(future);
    QVERIFY(!result);
    QCOMPARE(result.error().kind(), kind);
    QCOMPARE(result.error().isRetryable(), retryable);
    if (response.contains(u"reason"_s))
        QCOMPARE(result.error().code(), response.value(u"reason"_s).toString());
    QCOMPARE(result.error().detail().value(u"message"_s), response.value(u"message"_s));
}

void tst_Store::invalidInput_data()
{
    QTest::addColumn<int>("op");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QJsonValue>("value");
    QTest::addColumn<QString>("code");
    QTest::newRow("empty path") << 0 << QString() << QJsonValue(1) << u"empty_path"_s;
    QTest::newRow("double slash") << 0 << u"posts//hello"_s << QJsonValue(1) << u"empty_segment"_s;
    QTest::newRow("trailing slash") << 0 << u"posts/"_s << QJsonValue(1) << u"empty_segment"_s;
    QTest::newRow("bad escape") << 0 << u"a~2b"_s << QJsonValue(1) << u"invalid_escape"_s;
    QTest::newRow("empty key") << 0 << u"a"_s << json(R"({"": 1})") << u"empty_key"_s;
    QTest::newRow("nested empty key") << 0 << u"a"_s << json(R"({"b": {"": 1}})") << u"empty_key"_s;
    QTest::newRow("merge bad path") << 1 << u"/a"_s << json("{}") << u"empty_segment"_s;
    QTest::newRow("increment NaN") << 2 << u"n"_s << QJsonValue(qQNaN()) << u"increment_requires_number_value"_s;
    QTest::newRow("add null") << 3 << u"s"_s << QJsonValue() << u"add_requires_value"_s;
    QTest::newRow("remove null") << 4 << u"s"_s << QJsonValue(QJsonValue::Null) << u"remove_requires_value"_s;
    QTest::newRow("fence bad key") << 5 << u"a"_s << QJsonValue(1) << u"empty_segment"_s;
    QTest::newRow("delete bad path") << 6 << u"a~"_s << QJsonValue() << u"invalid_escape"_s;
}

void tst_Store::invalidInput()
{
    QFETCH(int, op);
    QFETCH(QString, path);
    QFETCH(QJsonValue, value);
    QFETCH(QString, code);
    Fixture f;
    QFuture<Dust::Result<qint64>> future;
    switch (op) {
    case 0: future = f.store->set(path, value); break;
    case 1: future = f.store->merge(path, value.toObject()); break;
    case 2: future = f.store->increment(path, value.toDouble()); break;
    case 3: future = f.store->addMember(path, value); break;
    case 4: future = f.store->removeMember(path, value); break;
    case 5: {
        Dust::WriteOptions options;
        options.fence = std::pair{u"locks//a"_s, 1};
        future = f.store->set(path, value, options);
        break;
    }
    case 6: future = f.store->remove(path); break;
    }
    // Checked in the caller: finished at once, nothing queued.
    QVERIFY(future.isFinished());
    QVERIFY(!future.result());
    QCOMPARE(future.result().error().code(), code);
    QCOMPARE(f.store->pendingWrites(), 0);
    QVERIFY(f.open());
    QCOMPARE(f.server.server()->writesReceived(StoreName), 0);
}

void tst_Store::mapsFlatten()
{
    Fixture f;
    QVERIFY(f.open());
    const QJsonObject record{{u"title"_s, u"Hi"_s}, {u"body"_s, QJsonObject{{u"text"_s, u"x"_s}}},
                             {u"a/b"_s, 1}};
    f.store->set(u"posts/hello"_s, record);
    // No root row; one leaf per scalar; a key with '/' is one escaped segment.
    QCOMPARE(keys(f.store, u"**"_s),
             QStringList({u"posts/hello/a~1b"_s, u"posts/hello/body/text"_s, u"posts/hello/title"_s}));
    QCOMPARE(f.store->get(u"posts/hello"_s), QJsonValue(record));
    QVERIFY(f.synced());
    QCOMPARE(keys(f.store, u"**"_s),
             QStringList({u"posts/hello/a~1b"_s, u"posts/hello/body/text"_s, u"posts/hello/title"_s}));
    // Replacing the record clears stale children, locally and on the server.
    f.store->set(u"posts/hello"_s, QJsonObject{{u"title"_s, u"New"_s}});
    QCOMPARE(keys(f.store, u"**"_s), QStringList({u"posts/hello/title"_s}));
    QVERIFY(f.synced());
    QCOMPARE(keys(f.store, u"**"_s), QStringList({u"posts/hello/title"_s}));
    QCOMPARE(f.truth(u"posts/hello"_s), QJsonValue(QJsonObject{{u"title"_s, u"New"_s}}));
    // An empty map leaves nothing.
    f.store->set(u"posts/hello"_s, QJsonObject());
    QVERIFY(keys(f.store, u"**"_s).isEmpty());
    QVERIFY(!f.store->get(u"posts/hello"_s));
}

void tst_Store::typedValuesStayLeaves()
{
    Fixture f;
    QVERIFY(f.open());
    const QJsonObject decimal{{u"_typed"_s, u"1.50"_s}, {u"_type"_s, u"decimal"_s}};
    f.store->set(u"price"_s, decimal);
    f.store->set(u"list"_s, QJsonArray{1, 2});
    QVERIFY(f.synced());
    QCOMPARE(keys(f.store, u"**"_s), QStringList({u"list"_s, u"price"_s}));
    QCOMPARE(f.store->get(u"price"_s), QJsonValue(decimal));
    QCOMPARE(f.store->entry(u"price"_s)->type, Entry::Type::Decimal);
    QCOMPARE(f.store->entry(u"list"_s)->type, Entry::Type::Set);
}

void tst_Store::deletesClearDescendants()
{
    Fixture f;
    QVERIFY(f.open());
    f.store->set(u"a"_s, QJsonObject{{u"b"_s, 1}, {u"c"_s, QJsonObject{{u"d"_s, 2}}}});
    f.store->set(u"ab"_s, 3);
    f.store->remove(u"a"_s);
    QCOMPARE(keys(f.store, u"**"_s), QStringList({u"ab"_s}));
    QVERIFY(f.synced());
    QCOMPARE(keys(f.store, u"**"_s), QStringList({u"ab"_s}));
    // A delete from another device clears descendants here too.
    f.serverWrite(Op::Kind::Set, u"x"_s, json(R"({"y": {"z": 1}, "w": 2})"));
    QVERIFY(f.synced());
    QCOMPARE(keys(f.store, u"x/**"_s).size(), 2);
    f.serverWrite(Op::Kind::Delete, u"x"_s);
    QVERIFY(f.synced());
    QVERIFY(keys(f.store, u"x/**"_s).isEmpty());
}

void tst_Store::subtreeReads()
{
    Fixture f;
    QVERIFY(f.open());
    f.serverWrite(Op::Kind::Set, u"user/name"_s, u"Ann"_s);
    const qint64 last = f.serverWrite(Op::Kind::Set, u"user/address/city"_s, u"Oslo"_s);
    QVERIFY(f.synced());
    const std::optional<Entry> entry = f.store->entry(u"user"_s);
    QVERIFY(entry);
    QCOMPARE(entry->type, Entry::Type::Map);
    QCOMPARE(entry->revision, last);
    QCOMPARE(entry->value, json(R"({"name": "Ann", "address": {"city": "Oslo"}})"));
    // getMany returns exact leaves only, in order, skipping missing ones.
    const QList<Entry> many = f.store->getMany({u"user/address/city"_s, u"user"_s, u"nope"_s, u"user/name"_s});
    QCOMPARE(many.size(), 2);
    QCOMPARE(many.at(0).path.toString(), u"user/address/city"_s);
    QCOMPARE(many.at(1).value, QJsonValue(u"Ann"_s));
    // An exact leaf wins over leaves below it.
    f.serverWrite(Op::Kind::Increment, u"user"_s, 1);
    QVERIFY(f.synced());
    QCOMPARE(f.store->get(u"user"_s), QJsonValue(1));
}

void tst_Store::countersAndSets()
{
    Fixture f;
    QVERIFY(f.open());
    f.store->increment(u"n"_s);
    QCOMPARE(f.store->get(u"n"_s), QJsonValue(1));
    f.store->increment(u"n"_s, -3);
    QCOMPARE(f.store->get(u"n"_s), QJsonValue(-2));
    f.store->increment(u"f"_s, 0.5);
    f.store->addMember(u"tags"_s, u"a"_s);
    f.store->addMember(u"tags"_s, u"b"_s);
    f.store->addMember(u"tags"_s, u"a"_s);
    QCOMPARE(f.store->get(u"tags"_s), json(R"(["a", "b"])"));
    f.store->removeMember(u"missing"_s, u"x"_s);
    QCOMPARE(f.store->get(u"missing"_s), QJsonValue(QJsonArray()));
    QVERIFY(f.synced());
    QCOMPARE(f.store->get(u"n"_s), QJsonValue(-2));
    QCOMPARE(f.store->entry(u"n"_s)->type, Entry::Type::Counter);
    QCOMPARE(f.store->get(u"f"_s), QJsonValue(0.5));
    QCOMPARE(f.store->get(u"tags"_s), json(R"(["a", "b"])"));
    QCOMPARE(f.store->get(u"missing"_s), QJsonValue(QJsonArray()));
    // Increments from elsewhere sum with ours.
    f.serverWrite(Op::Kind::Increment, u"n"_s, 10);
    f.store->increment(u"n"_s, 100);
    QVERIFY(f.synced());
    QCOMPARE(f.store->get(u"n"_s), QJsonValue(108));
}

void tst_Store::rollback_data()
{
    QTest::addColumn<QString>("op");
    QTest::newRow("set scalar") << u"set scalar"_s;
    QTest::newRow("set map") << u"set map"_s;
    QTest::newRow("delete") << u"delete"_s;
    QTest::newRow("merge") << u"merge"_s;
    QTest::newRow("increment") << u"increment"_s;
    QTest::newRow("add") << u"add"_s;
    QTest::newRow("remove") << u"remove"_s;
    QTest::newRow("put_file") << u"put_file"_s;
}

// The rejected write sits between two accepted ones that touch the same
// value and are still unanswered: the rollback must restore exactly the
// confirmed value with the other two replayed on top.
void tst_Store::rollback()
{
    QFETCH(QString, op);
    RawServer raw;
    QVERIFY(raw.listen());
    auto client = Dust::createTestClient(raw.url(), u"t"_s, {StoreName});
    Dust::Store *store = client->store(StoreName);
    QList<StoreEvent> events;
    QVERIFY(store->on(u"**"_s, client.get(), [&](const StoreEvent &e) { events.append(e); }));
    client->open();
    QTRY_COMPARE(store->status(), Status::Connected);

    const QString path = u"v"_s;
    QJsonValue confirmed;
    QJsonValue expected;
    std::function<void()> before, after;
    std::function<QFuture<Dust::Result<qint64>>()> rejected;
    if (op == u"set scalar") {
        confirmed = u"x"_s;
        before = [&] { store->set(u"v/child"_s, 1); };
        rejected = [&] { return store->set(path, u"y"_s); };
        after = [&] { store->set(u"w"_s, 2); };
        expected = u"x"_s; // the exact leaf wins over v/child
    } else if (op == u"set map") {
        confirmed = json(R"({"t": "old", "keep": 1})");
        before = [&] { store->merge(path, json(R"({"m": 1})").toObject()); };
        rejected = [&] { return store->set(path, json(R"({"t": "new"})")); };
        after = [&] { store->merge(path, json(R"({"n": 2})").toObject()); };
        expected = json(R"({"t": "old", "keep": 1, "m": 1, "n": 2})");
    } else if (op == u"delete") {
        confirmed = json(R"({"x": 1, "y": 2})");
        before = [&] { store->merge(path, json(R"({"z": 3})").toObject()); };
        rejected = [&] { return store->remove(path); };
        after = [&] { store->merge(path, json(R"({"w": 4})").toObject()); };
        expected = json(R"({"x": 1, "y": 2, "z": 3, "w": 4})");
    } else if (op == u"merge") {
        confirmed = json(R"({"a": 1, "b": 2})");
        before = [&] { store->merge(path, json(R"({"c": 3})").toObject()); };
        rejected = [&] { return store->merge(path, json(R"({"a": 9, "d": 4})").toObject()); };
        after = [&] { store->merge(path, json(R"({"e": 5})").toObject()); };
        expected = json(R"({"a": 1, "b": 2, "c": 3, "e": 5})");
    } else if (op == u"increment") {
        confirmed = 5;
        before = [&] { store->increment(path, 1); };
        rejected = [&] { return store->increment(path, 10); };
        after = [&] { store->increment(path, 100); };
        expected = 106;
    } else if (op == u"add") {
        confirmed = json(R"(["a"])");
        before = [&] { store->addMember(path, u"b"_s); };
        rejected = [&] { return store->addMember(path, u"c"_s); };
        after = [&] { store->addMember(path, u"d"_s); };
        expected = json(R"(["d", "b", "a"])");
    } else if (op == u"remove") {
        confirmed = json(R"(["a", "b", "c"])");
        before = [&] { store->addMember(path, u"d"_s); };
        rejected = [&] { return store->removeMember(path, u"b"_s); };
        after = [&] { store->addMember(path, u"e"_s); };
        expected = json(R"(["e", "d", "a", "b", "c"])");
    } else {
        confirmed = u"old"_s;
        before = [&] { store->set(u"w"_s, 1); };
        rejected = [&] { return store->putFile(path, "content", u"a.txt"_s); };
        after = [&] { store->set(u"w"_s, 2); };
        expected = u"old"_s;
    }
    const QString confirmedOp = confirmed.isArray() ? u"add"_s : op == u"increment" ? u"increment"_s : u"set"_s;
    raw.push(u"event"_s, eventPayload(1, confirmedOp, path, confirmed));
    QTRY_COMPARE(store->lastStoreSeq(), 1);
    QCOMPARE(store->get(path), confirmed);

    before();
    auto future = rejected();
    after();
    QTRY_COMPARE(raw.count(u"write"_s) + raw.count(u"put_file"_s), 3);
    QVERIFY(store->get(path) != expected);
    QList<QJsonArray> pushes = raw.received;
    pushes.removeIf([](const QJsonArray &f) { return f.at(3) != u"write"_s && f.at(3) != u"put_file"_s; });
    raw.reply(pushes.at(1), u"error"_s, {{u"reason"_s, u"fenced"_s}});
    const auto result = await(future);
    QVERIFY(!result);
    QCOMPARE(result.error().code(), u"fenced"_s);
    QCOMPARE(store->get(path), expected);
    QCOMPARE(store->pendingWrites(), 2);
    QTRY_VERIFY(!events.isEmpty() && !events.last().error.isNull());
    const StoreEvent &rejection = events.last();
    QCOMPARE(rejection.error.code(), u"fenced"_s);
    QCOMPARE(rejection.path.toString(), path);
    QVERIFY(!rejection.committed);
    QCOMPARE(rejection.value, QJsonValue(QJsonValue::Null));
    QCOMPARE(rejection.clientOpId, pushes.at(1).at(4).toObject().value(u"client_op_id"_s).toString());
}

void tst_Store::rollbackAgainstServer()
{
    Fixture f;
    f.serverWrite(Op::Kind::Increment, u"n"_s, 5);
    f.serverWrite(Op::Kind::Set, u"m"_s, json(R"({"a": 1})"));
    Dust::WriteOptions fence;
    fence.fence = std::pair{u"locks/none"_s, 1};
    // Queued while closed, so all of them are in flight together.
    auto ok1 = f.store->increment(u"n"_s, 1);
    auto bad1 = f.store->increment(u"n"_s, 10, fence);
    auto ok2 = f.store->merge(u"m"_s, json(R"({"b": 2})").toObject());
    auto bad2 = f.store->merge(u"m"_s, json(R"({"a": 9})").toObject(), fence);
    auto ok3 = f.store->increment(u"n"_s, 100);
    QVERIFY(f.open());
    QVERIFY(await(ok1));
    QCOMPARE(await(bad1).error().code(), u"fenced"_s);
    QVERIFY(await(ok2));
    QCOMPARE(await(bad2).error().code(), u"fenced"_s);
    QVERIFY(await(ok3));
    QVERIFY(f.synced());
    QCOMPARE(f.store->get(u"n"_s), QJsonValue(106));
    QCOMPARE(f.store->get(u"m"_s), json(R"({"a": 1, "b": 2})"));
    QCOMPARE(f.truth(u"n"_s), QJsonValue(106));
    QCOMPARE(f.truth(u"m"_s), json(R"({"a": 1, "b": 2})"));
}

void tst_Store::rejectionEventCarriesServerMessage()
{
    Fixture f(serverOptions(ReadToken));
    f.serverWrite(Op::Kind::Set, u"title"_s, u"before"_s);
    QList<StoreEvent> events;
    QVERIFY(f.store->on(u"**"_s, f.client, [&](const StoreEvent &e) { events.append(e); }));
    QVERIFY(f.open());
    QVERIFY(f.synced());
    QCOMPARE(f.store->permissions().value(u"write"_s), QVariant(false));
    auto future = f.store->set(u"title"_s, u"after"_s);
    auto created = f.store->set(u"fresh"_s, 1);
    const auto result = await(future);
    QVERIFY(!result);
    QCOMPARE(result.error().code(), u"missing_scope"_s);
    QCOMPARE(result.error().detail().value(u"scope"_s).toString(), u"entries:write"_s);
    QVERIFY(!await(created));
    // Restored to the previous value, and a path that did not exist is gone.
    QCOMPARE(f.store->get(u"title"_s), QJsonValue(u"before"_s));
    QVERIFY(!f.store->get(u"fresh"_s));
    QTRY_COMPARE(events.size(), 5); // bootstrap-free: title (committed), 2 optimistic, 2 rejections
    // The rejection may roll back before this thread looks at the cache, so
    // the optimistic value is checked in the events, not with get().
    QCOMPARE(events.at(1).path.toString(), u"title"_s);
    QCOMPARE(events.at(1).value, QJsonValue(u"after"_s));
    QVERIFY(!events.at(1).committed);
    const StoreEvent rejection = events.at(3);
    QCOMPARE(rejection.error.code(), u"missing_scope"_s);
    QVERIFY(!rejection.error.detail().value(u"message"_s).toString().isEmpty());
    QVERIFY(rejection.error.message().contains(rejection.error.detail().value(u"message"_s).toString()));
}

void tst_Store::leasesNeedConnection()
{
    RawServer raw;
    QVERIFY(raw.listen());
    raw.answerJoins = false;
    auto client = Dust::createTestClient(raw.url(), u"t"_s, {StoreName});
    Dust::Store *store = client->store(StoreName);
    const auto closed = await(store->lease(u"locks/job"_s));
    QVERIFY(!closed);
    QCOMPARE(closed.error().code(), u"not_connected"_s);
    QCOMPARE(closed.error().kind(), Dust::Error::Kind::Unavailable);
    client->open();
    QTRY_COMPARE(raw.count(u"phx_join"_s), 1);
    // Socket up but not joined: still unavailable, nothing sent.
    QCOMPARE(await(store->renew(u"locks/job"_s, 1)).error().code(), u"not_connected"_s);
    QCOMPARE(await(store->release(u"locks/job"_s, 1)).error().code(), u"not_connected"_s);
    QCOMPARE(await(store->lease(u"locks/job"_s, 0)).error().code(), u"invalid_ttl"_s);
    QTest::qWait(20);
    QCOMPARE(raw.count(u"write"_s), 0);
    QCOMPARE(store->pendingWrites(), 0);
}

void tst_Store::leaseLifecycle()
{
    Fixture f;
    QVERIFY(f.open());
    const auto grant = await(f.store->lease(u"locks/job"_s, 10000, u"worker-1"_s));
    QVERIFY2(grant, qPrintable(grant.error().toString()));
    QVERIFY(grant->token > 0);
    QCOMPARE(grant->token, grant->storeSeq);
    QCOMPARE(grant->holder, u"worker-1"_s);
    QVERIFY(grant->expiresAt > QDateTime::currentMSecsSinceEpoch());
    QVERIFY(f.synced());
    QCOMPARE(f.store->entry(u"locks/job"_s)->type, Entry::Type::Lease);

    const auto held = await(f.store->lease(u"locks/job"_s));
    QVERIFY(!held);
    QCOMPARE(held.error().code(), u"held"_s);
    const auto wrongToken = await(f.store->renew(u"locks/job"_s, grant->token + 1000));
    QCOMPARE(wrongToken.error().code(), u"not_held"_s);
    const auto renewed = await(f.store->renew(u"locks/job"_s, grant->token, 20000));
    QVERIFY(renewed);
    QCOMPARE(renewed->token, grant->token);

    // A fenced write passes with the live token, fails with a stale one.
    Dust::WriteOptions fence;
    fence.fence = std::pair{u"locks/job"_s, grant->token};
    QVERIFY(await(f.store->set(u"guarded"_s, 1, fence)));
    fence.fence->second = grant->token + 1000;
    QCOMPARE(await(f.store->set(u"guarded"_s, 2, fence)).error().code(), u"fenced"_s);
    QCOMPARE(f.store->get(u"guarded"_s), QJsonValue(1));

    QCOMPARE(await(f.store->release(u"locks/job"_s, grant->token + 1000)).value(), false);
    QCOMPARE(await(f.store->release(u"locks/job"_s, grant->token)).value(), true);
    QVERIFY(f.synced());
    QVERIFY(!f.store->get(u"locks/job"_s));
}

void tst_Store::leaseWireFields()
{
    RawServer raw;
    QVERIFY(raw.listen());
    auto client = Dust::createTestClient(raw.url(), u"t"_s, {StoreName});
    Dust::Store *store = client->store(StoreName);
    client->open();
    QTRY_COMPARE(store->status(), Status::Connected);
    store->lease(u"locks/job"_s, 1234, u"me"_s);
    store->lease(u"locks/other"_s);
    store->renew(u"locks/job"_s, 7, 99);
    store->release(u"locks/job"_s, 7);
    Dust::WriteOptions fence;
    fence.fence = std::pair{u"locks/job"_s, 7};
    store->set(u"x"_s, 1, fence);
    QTRY_COMPARE(raw.count(u"write"_s), 5);
    const QList<QJsonArray> writes = raw.frames(u"write"_s);
    const auto payload = [&](int i) { return writes.at(i).at(4).toObject(); };
    QCOMPARE(payload(0).value(u"op"_s).toString(), u"lease"_s);
    QCOMPARE(payload(0).value(u"ttl_ms"_s).toInt(), 1234);
    QCOMPARE(payload(0).value(u"holder"_s).toString(), u"me"_s);
    QVERIFY(payload(0).value(u"value"_s).isNull());
    QVERIFY(!payload(1).contains(u"holder"_s));
    QCOMPARE(payload(1).value(u"ttl_ms"_s).toInt(), 30000);
    QCOMPARE(payload(2).value(u"op"_s).toString(), u"renew"_s);
    QCOMPARE(payload(2).value(u"token"_s).toInteger(), 7);
    QCOMPARE(payload(2).value(u"ttl_ms"_s).toInt(), 99);
    QCOMPARE(payload(3).value(u"op"_s).toString(), u"release"_s);
    QCOMPARE(payload(3).value(u"token"_s).toInteger(), 7);
    QCOMPARE(payload(4).value(u"fence"_s).toObject(),
             QJsonObject({{u"key"_s, u"locks/job"_s}, {u"token"_s, 7}}));
    // A lease changes nothing locally before the server answers.
    QVERIFY(!store->get(u"locks/job"_s));
}

void tst_Store::leaseAnsweredByEchoOnly()
{
    RawServer raw;
    QVERIFY(raw.listen());
    auto client = Dust::createTestClient(raw.url(), u"t"_s, {StoreName});
    Dust::Store *store = client->store(StoreName);
    client->open();
    QTRY_COMPARE(store->status(), Status::Connected);
    auto future = store->lease(u"locks/job"_s, 5000, u"me"_s);
    QTRY_COMPARE(raw.count(u"write"_s), 1);
    const QString id = raw.frames(u"write"_s).first().at(4).toObject().value(u"client_op_id"_s).toString();
    const QJsonObject envelope{{u"_type"_s, u"lease"_s}, {u"holder"_s, u"me"_s}, {u"token"_s, 31},
                               {u"expires_at"_s, qint64(1767225600000)}};
    raw.push(u"event"_s, eventPayload(31, u"lease"_s, u"locks/job"_s, envelope, id));
    const auto grant = await(future);
    QVERIFY(grant);
    QCOMPARE(grant.value(), (Dust::LeaseGrant{31, 31, 1767225600000, u"me"_s}));
    QCOMPARE(store->get(u"locks/job"_s), QJsonValue(envelope));
}

void tst_Store::putFile()
{
    Fixture f;
    QVERIFY(f.open());
    const QByteArray content("hello file");
    auto future = f.store->putFile(u"files/readme"_s, content, u"readme.txt"_s, u"text/plain"_s);
    const QJsonObject optimistic = f.store->get(u"files/readme"_s)->toObject();
    const QString hash = u"sha256:"_s
        + QString::fromLatin1(QCryptographicHash::hash(content, QCryptographicHash::Sha256).toHex());
    QCOMPARE(optimistic.value(u"hash"_s).toString(), hash);
    QCOMPARE(optimistic.value(u"size"_s).toInt(), content.size());
    QCOMPARE(f.store->entry(u"files/readme"_s)->type, Entry::Type::File);
    QVERIFY(await(future));
    QVERIFY(f.synced());
    const QJsonObject committed = f.store->get(u"files/readme"_s)->toObject();
    QCOMPARE(committed.value(u"hash"_s).toString(), hash);
    QCOMPARE(committed.value(u"filename"_s).toString(), u"readme.txt"_s);
    QCOMPARE(committed.value(u"content_type"_s).toString(), u"text/plain"_s);

    // Without files:write the upload is rejected and rolled back.
    Fixture limited(serverOptions(EntriesToken));
    QVERIFY(limited.open());
    const auto refused = await(limited.store->putFile(u"f"_s, "x", u"x.bin"_s));
    QCOMPARE(refused.error().code(), u"missing_scope"_s);
    QVERIFY(!limited.store->get(u"f"_s));
}

void tst_Store::reads()
{
    Fixture f;
    QVERIFY(f.open());
    for (const char *p : {"a-b", "a.b", "a/b", "a0", "posts/x/title", "posts/y/title", "posts/y/body", "posts/z"})
        f.store->set(QString::fromLatin1(p), 1);
    // Byte order of the rendered paths.
    QCOMPARE(keys(f.store, u"**"_s),
             QStringList({u"a-b"_s, u"a.b"_s, u"a/b"_s, u"a0"_s, u"posts/x/title"_s, u"posts/y/body"_s,
                          u"posts/y/title"_s, u"posts/z"_s}));
    QCOMPARE(keys(f.store, u"posts/*"_s), QStringList({u"posts/z"_s}));
    QCOMPARE(*f.store->count(u"posts/**"_s), 4);
    QCOMPARE(f.store->count(u"a/**/z"_s).error().code(), u"wildcard_many_not_tail"_s);
    QCOMPARE(f.store->enumerate(u"posts//x"_s).error().code(), u"empty_segment"_s);

    Dust::PageRequest page;
    page.limit = 2;
    auto first = f.store->enumerate(u"posts/**"_s, page);
    QCOMPARE(first->entries.size(), 2);
    QCOMPARE(first->nextCursor, u"posts/y/body"_s);
    page.after = first->nextCursor;
    auto second = f.store->enumerate(u"posts/**"_s, page);
    QCOMPARE(second->entries.size(), 2);
    // No phantom cursor when the rest fits the page exactly.
    QVERIFY(second->nextCursor.isEmpty());

    page = {};
    page.order = Dust::PageRequest::Order::Descending;
    page.limit = 1;
    QCOMPARE(f.store->enumerate(u"posts/**"_s, page)->entries.first().path.toString(), u"posts/z"_s);

    page = {};
    page.select = Dust::PageRequest::Select::Prefixes;
    QCOMPARE(f.store->enumerate(u"posts/**"_s, page)->keys,
             QStringList({u"posts/x"_s, u"posts/y"_s, u"posts/z"_s}));
    QCOMPARE(f.store->enumerate(u"posts/*"_s, page).error().code(), u"invalid_pattern_for_prefixes"_s);
    page.limit = 0;
    QCOMPARE(f.store->enumerate(u"**"_s, page).error().code(), u"invalid_limit"_s);

    page = {};
    QCOMPARE(f.store->range(u"a"_s, u"a0"_s, page)->entries.size(), 3);
    QVERIFY(f.store->range(u"b"_s, u"a"_s, page)->entries.isEmpty());
    page.select = Dust::PageRequest::Select::Prefixes;
    QCOMPARE(f.store->range(u"a"_s, u"b"_s, page).error().code(), u"unsupported_select"_s);

    QVERIFY(!f.store->get(u"posts//x"_s));
    QVERIFY(!f.store->entry(QString()));
    QVERIFY(!f.store->get(u"nothing"_s));
}

void tst_Store::noDoubleSendAfterOutage()
{
    Dust::TestServerOptions options = serverOptions();
    options.storage = Dust::TestServerOptions::Storage::TemporaryDirectory;
    Fixture f(options);
    const quint16 port = f.server.port();
    QVERIFY(f.open());
    QVERIFY(await(f.store->set(u"before"_s, 1)));
    QCOMPARE(f.server.server()->writesReceived(StoreName), 1);

    // Writes made before the client ever connected, and during an outage.
    f.server.stop();
    QTRY_VERIFY(f.store->status() != Status::Connected);
    QList<QFuture<Dust::Result<qint64>>> futures;
    for (int i = 0; i < 5; ++i)
        futures.append(f.store->increment(u"n"_s, 1));
    futures.append(f.store->addMember(u"s"_s, u"x"_s));
    QCOMPARE(f.store->get(u"n"_s), QJsonValue(5));
    QTest::qWait(100); // many reconnect attempts against the stopped server

    QVERIFY(f.server.start());
    QCOMPARE(f.server.port(), port);
    for (const auto &future : std::as_const(futures))
        QVERIFY(await(future));
    QVERIFY(f.synced());
    // Each queued write reached the server exactly once.
    QCOMPARE(f.server.server()->writesReceived(StoreName), 6);
    QCOMPARE(f.store->get(u"n"_s), QJsonValue(5));
    QCOMPARE(f.truth(u"n"_s), QJsonValue(5));
}

void tst_Store::catchUpAfterServerRestart()
{
    Dust::TestServerOptions options = serverOptions();
    options.storage = Dust::TestServerOptions::Storage::TemporaryDirectory;
    Fixture f(options);
    const quint16 port = f.server.port();
    f.client->setReconnectDelays(std::chrono::milliseconds(200), std::chrono::milliseconds(200));
    QVERIFY(f.open());
    f.serverWrite(Op::Kind::Set, u"a"_s, 1);
    f.serverWrite(Op::Kind::Increment, u"n"_s, 2);
    QVERIFY(f.synced());
    QList<qint64> seen;
    QVERIFY(f.store->on(u"**"_s, f.client, [&](const StoreEvent &e) { seen.append(e.storeSeq); }));

    QVERIFY(f.server.restart(Dust::TestServer::Rejoin::DontWait));
    QCOMPARE(f.server.port(), port);
    // Written before the client is back: it must catch up on them.
    f.serverWrite(Op::Kind::Increment, u"n"_s, 3);
    f.serverWrite(Op::Kind::Set, u"b"_s, QJsonObject{{u"c"_s, 1}});
    f.serverWrite(Op::Kind::Delete, u"a"_s);
    QVERIFY(f.synced());
    QCOMPARE(f.store->lastStoreSeq(), 5);
    QCOMPARE(f.store->get(u"n"_s), QJsonValue(5));
    QCOMPARE(f.store->get(u"b/c"_s), QJsonValue(1));
    QVERIFY(!f.store->get(u"a"_s));
    QTRY_COMPARE(seen, QList<qint64>({3, 4, 5}));
}

void tst_Store::concurrentWritersAndReaders()
{
    Fixture f;
    QVERIFY(f.open());
    constexpr int Threads = 4;
    constexpr int Writes = 50;
    std::atomic<int> reads{0};
    QList<QThread *> threads;
    for (int t = 0; t < Threads; ++t) {
        threads.append(QThread::create([&, t] {
            QList<QFuture<Dust::Result<qint64>>> futures;
            for (int i = 0; i < Writes; ++i) {
                futures.append(f.store->increment(u"n"_s));
                futures.append(f.store->set(u"t%1/i%2"_s.arg(t).arg(i), i));
                if (f.store->get(u"t%1/i%2"_s.arg(t).arg(i)) == QJsonValue(i))
                    ++reads;
                f.store->count(u"**"_s);
            }
            for (auto &future : futures)
                future.waitForFinished();
            // This thread frees the results: take over what the sync thread published.
            Dust::Threading::acquireFromQt();
        }));
    }
    for (QThread *thread : std::as_const(threads))
        thread->start();
    for (QThread *thread : std::as_const(threads)) {
        QVERIFY(QTest::qWaitFor([&] { return thread->isFinished(); }, 20000));
        delete thread;
    }
    QCOMPARE(reads.load(), Threads * Writes);
    QVERIFY(f.synced());
    QCOMPARE(f.store->get(u"n"_s), QJsonValue(Threads * Writes));
    QCOMPARE(*f.store->count(u"**"_s), Threads * Writes + 1);
    QCOMPARE(f.server.server()->writesReceived(StoreName), 2 * Threads * Writes);
}

QTEST_GUILESS_MAIN(tst_Store)
#include "tst_store.moc"
