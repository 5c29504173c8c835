// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

// The visible state of a store is its confirmed state with the pending
// writes laid over it. These tests hold writes unanswered (a RawServer
// playing the server, or a stopped TestServer) and check every read and
// subscription sees the overlay, and that it goes away as writes settle.

#include "clienttestutils.h"

using namespace Qt::StringLiterals;
using namespace DustTest;
using Dust::Op;
using Dust::StoreEvent;
using Status = Dust::Client::Status;

namespace {

const QString StoreName = u"test/overlay"_s;

QStringList keys(Dust::Store *store, const QString &pattern,
                 Dust::PageRequest::Order order = Dust::PageRequest::Order::Ascending)
{
    Dust::PageRequest request;
    request.select = Dust::PageRequest::Select::Keys;
    request.order = order;
    request.limit = Dust::PageRequest::MaxLimit;
    return store->enumerate(pattern, request)->keys;
}

// A client joined to a RawServer, which answers nothing but the join.
struct Fixture
{
    Fixture()
    {
        if (!raw.listen())
            qFatal("raw server did not listen");
        client = Dust::createTestClient(raw.url(), u"t"_s, {StoreName});
        store = client->store(StoreName);
        client->open();
    }
    bool connected() { return QTest::qWaitFor([&] { return store->status() == Status::Connected; }); }
    // The server's event, applied before this returns.
    bool event(qint64 seq, const QString &op, const QString &path, const QJsonValue &value,
               const QString &clientOpId = u"op_other"_s)
    {
        raw.push(u"event"_s, {{u"store_seq"_s, seq}, {u"op"_s, op}, {u"path"_s, path}, {u"value"_s, value},
                              {u"device_id"_s, u"dev_other"_s}, {u"client_op_id"_s, clientOpId}});
        return QTest::qWaitFor([&] { return store->lastStoreSeq() == seq; });
    }
    // The n-th write push the client sent (waits for it).
    QJsonArray write(int n)
    {
        if (!QTest::qWaitFor([&] { return raw.count(u"write"_s) > n; }))
            return {};
        return raw.frames(u"write"_s).at(n);
    }
    static QString clientOpId(const QJsonArray &push) { return push.at(4)[u"client_op_id"].toString(); }

    RawServer raw;
    std::unique_ptr<Dust::Client> client;
    Dust::Store *store = nullptr;
};

} // namespace

class tst_PendingOverlay : public QObject
{
    Q_OBJECT

private slots:
    void pendingWriteShowsOverConfirmed();
    void rejectionRemovesTheOverlay();
    void serverEventUnderPendingWrite();
    void serverSetAbovePendingMerge();
    void deleteOverConfirmedSubtree();
    void globReadsMergeBoth();
    void bootstrapSeesTheOverlay();
    void outageWritesConvergeWithServer();
};

void tst_PendingOverlay::pendingWriteShowsOverConfirmed()
{
    Fixture f;
    QVERIFY(f.connected());
    QVERIFY(f.event(1, u"set"_s, u"v"_s, json(R"({"a": 1, "b": 2})")));
    f.store->merge(u"v"_s, json(R"({"b": 20, "c": 3})").toObject());
    QCOMPARE(f.store->get(u"v"_s), json(R"({"a": 1, "b": 20, "c": 3})"));
    QCOMPARE(f.store->entry(u"v/a"_s)->revision, 1);
    QCOMPARE(f.store->entry(u"v/c"_s)->revision, 0);
    QCOMPARE(*f.store->count(u"v/*"_s), 3);

    // Acked and echoed: the confirmed value, with the server's revision.
    const QJsonArray push = f.write(0);
    f.raw.reply(push, u"ok"_s, {{u"store_seq"_s, 2}});
    QVERIFY(f.event(2, u"merge"_s, u"v"_s, json(R"({"b": 20, "c": 3})"), Fixture::clientOpId(push)));
    QTRY_COMPARE(f.store->pendingWrites(), 0);
    QCOMPARE(f.store->get(u"v"_s), json(R"({"a": 1, "b": 20, "c": 3})"));
    QCOMPARE(f.store->entry(u"v/c"_s)->revision, 2);
    QCOMPARE(f.store->entry(u"v/a"_s)->revision, 1);
}

void tst_PendingOverlay::rejectionRemovesTheOverlay()
{
    Fixture f;
    QVERIFY(f.connected());
    QVERIFY(f.event(1, u"set"_s, u"v"_s, json(R"({"a": 1})")));
    auto refused = f.store->set(u"v"_s, json(R"({"z": 9})"));
    f.store->set(u"w"_s, 5);
    QCOMPARE(f.store->get(u"v"_s), json(R"({"z": 9})"));
    f.raw.reply(f.write(0), u"error"_s, {{u"reason"_s, u"fenced"_s}});
    QVERIFY(!await(refused));
    QCOMPARE(f.store->get(u"v"_s), json(R"({"a": 1})"));
    QCOMPARE(f.store->entry(u"v/a"_s)->revision, 1);
    QVERIFY(!f.store->get(u"v/z"_s));
    // The other write is still laid over the confirmed state.
    QCOMPARE(f.store->get(u"w"_s), QJsonValue(5));
    QCOMPARE(f.store->pendingWrites(), 1);
}

// Another writer's increment lands under a pending one: the pending delta is
// replayed on the new confirmed total.
void tst_PendingOverlay::serverEventUnderPendingWrite()
{
    Fixture f;
    QVERIFY(f.connected());
    QVERIFY(f.event(1, u"increment"_s, u"n"_s, 5));
    f.store->increment(u"n"_s, 1);
    QCOMPARE(f.store->get(u"n"_s), QJsonValue(6));
    QVERIFY(f.event(2, u"increment"_s, u"n"_s, 10));
    QCOMPARE(f.store->get(u"n"_s), QJsonValue(11));
    QCOMPARE(f.store->entry(u"n"_s)->revision, 0);

    const QJsonArray push = f.write(0);
    f.raw.reply(push, u"ok"_s, {{u"store_seq"_s, 3}});
    QVERIFY(f.event(3, u"increment"_s, u"n"_s, 11, Fixture::clientOpId(push)));
    QTRY_COMPARE(f.store->pendingWrites(), 0);
    QCOMPARE(f.store->get(u"n"_s), QJsonValue(11));
    QCOMPARE(f.store->entry(u"n"_s)->revision, 3);
}

// A server set of the whole map lands under a pending merge into it: the
// merge is replayed over the new map.
void tst_PendingOverlay::serverSetAbovePendingMerge()
{
    Fixture f;
    QVERIFY(f.connected());
    QVERIFY(f.event(1, u"set"_s, u"v"_s, json(R"({"a": 1, "b": 2})")));
    f.store->merge(u"v/m"_s, json(R"({"c": 3})").toObject());
    QVERIFY(f.event(2, u"set"_s, u"v"_s, json(R"({"x": 9})")));
    QCOMPARE(f.store->get(u"v"_s), json(R"({"x": 9, "m": {"c": 3}})"));
    QCOMPARE(keys(f.store, u"v/**"_s), (QStringList{u"v/m/c"_s, u"v/x"_s}));
    f.raw.reply(f.write(0), u"error"_s, {{u"reason"_s, u"fenced"_s}});
    QTRY_COMPARE(f.store->pendingWrites(), 0);
    QCOMPARE(f.store->get(u"v"_s), json(R"({"x": 9})"));
}

// A pending delete hides a confirmed subtree, also from a leaf the server
// adds under it meanwhile; refused, the whole subtree shows again.
void tst_PendingOverlay::deleteOverConfirmedSubtree()
{
    Fixture f;
    QVERIFY(f.connected());
    QVERIFY(f.event(1, u"set"_s, u"v"_s, json(R"({"a": 1, "b": {"c": 2}})")));
    QVERIFY(f.event(2, u"set"_s, u"k"_s, 1));
    auto refused = f.store->remove(u"v"_s);
    QVERIFY(!f.store->get(u"v"_s));
    QVERIFY(!f.store->get(u"v/b/c"_s));
    QCOMPARE(keys(f.store, u"**"_s), QStringList{u"k"_s});
    QCOMPARE(*f.store->count(u"v/**"_s), 0);
    QCOMPARE(*f.store->count(u"**"_s), 1);

    QVERIFY(f.event(3, u"set"_s, u"v/d"_s, 4));
    QVERIFY(!f.store->get(u"v/d"_s));
    QCOMPARE(*f.store->count(u"**"_s), 1);

    f.raw.reply(f.write(0), u"error"_s, {{u"reason"_s, u"fenced"_s}});
    QVERIFY(!await(refused));
    QCOMPARE(f.store->get(u"v"_s), json(R"({"a": 1, "b": {"c": 2}, "d": 4})"));
    QCOMPARE(*f.store->count(u"**"_s), 4);
}

void tst_PendingOverlay::globReadsMergeBoth()
{
    Fixture f;
    QVERIFY(f.connected());
    qint64 seq = 0;
    for (const QString &key : {u"items/a"_s, u"items/c"_s, u"items/e"_s, u"other"_s})
        QVERIFY(f.event(++seq, u"set"_s, key, 1));
    f.store->set(u"items/b"_s, 2);
    f.store->remove(u"items/c"_s);
    f.store->set(u"items/e"_s, 3);
    f.store->set(u"items/f"_s, 4);
    const QStringList expected{u"items/a"_s, u"items/b"_s, u"items/e"_s, u"items/f"_s};
    QCOMPARE(keys(f.store, u"items/*"_s), expected);
    QStringList reversed = expected;
    std::reverse(reversed.begin(), reversed.end());
    QCOMPARE(keys(f.store, u"items/*"_s, Dust::PageRequest::Order::Descending), reversed);
    QCOMPARE(*f.store->count(u"items/*"_s), 4);

    Dust::PageRequest request;
    request.limit = 2;
    const Dust::Result<Dust::Page> first = f.store->enumerate(u"items/*"_s, request);
    QCOMPARE(first->entries.size(), 2);
    QCOMPARE(first->entries.at(1).revision, 0);
    request.after = first->nextCursor;
    const Dust::Result<Dust::Page> second = f.store->enumerate(u"items/*"_s, request);
    QCOMPARE(second->entries.at(0).value, QJsonValue(3));
    QVERIFY(second->nextCursor.isEmpty());

    const Dust::Result<Dust::Page> range = f.store->range(u"items/b"_s, u"items/f"_s);
    QCOMPARE(range->entries.size(), 2);
    QCOMPARE(f.store->getMany({u"items/a"_s, u"items/c"_s, u"items/f"_s}).size(), 2);
    const Dust::Result<Dust::EntrySnapshot> snapshot = f.store->snapshot(u"items/*"_s);
    QCOMPARE(snapshot->entries.size(), 4);
    QCOMPARE(snapshot->storeSeq, seq);
}

// A subscription's current entries come from the visible state, and its
// events from then on are the changes: no event lost or doubled.
void tst_PendingOverlay::bootstrapSeesTheOverlay()
{
    Fixture f;
    QVERIFY(f.connected());
    QVERIFY(f.event(1, u"set"_s, u"items/a"_s, 1));
    QVERIFY(f.event(2, u"set"_s, u"items/b"_s, 1));
    f.store->remove(u"items/b"_s);
    f.store->set(u"items/c"_s, 3);
    QList<StoreEvent> events;
    Dust::SubscribeOptions options;
    options.includeCurrent = true;
    QVERIFY(f.store->on(u"items/*"_s, f.client.get(), [&](const StoreEvent &e) { events.append(e); }, options));
    QTRY_COMPARE(events.size(), 2);
    QCOMPARE(events.at(0).path.toString(), u"items/a"_s);
    QCOMPARE(events.at(0).source, StoreEvent::Source::Bootstrap);
    QVERIFY(events.at(0).committed);
    QCOMPARE(events.at(1).path.toString(), u"items/c"_s);
    QVERIFY(!events.at(1).committed);

    QVERIFY(f.event(3, u"set"_s, u"items/d"_s, 4));
    QTRY_COMPARE(events.size(), 3);
    QCOMPARE(events.at(2).storeSeq, 3);
    QCOMPARE(events.at(2).source, StoreEvent::Source::Server);
}

// Writes made in an outage sit over the confirmed state while others write
// to the real server; back online, the store converges on the server's.
void tst_PendingOverlay::outageWritesConvergeWithServer()
{
    Dust::TestServerOptions options;
    options.stores = {StoreName};
    options.storage = Dust::TestServerOptions::Storage::TemporaryDirectory;
    Dust::TestServer server(options);
    Dust::Store *store = server.store();
    QVERIFY(await(store->set(u"r"_s, json(R"({"a": 1, "b": 2})"))));
    QVERIFY(await(store->increment(u"n"_s, 5)));
    QVERIFY(server.waitSynced());

    server.stop();
    QTRY_VERIFY(store->status() != Status::Connected);
    auto merged = store->merge(u"r"_s, json(R"({"c": 3})").toObject());
    auto counted = store->increment(u"n"_s, 1);
    auto removed = store->remove(u"r/a"_s);
    QCOMPARE(store->get(u"r"_s), json(R"({"b": 2, "c": 3})"));
    QCOMPARE(store->get(u"n"_s), QJsonValue(6));

    QVERIFY(server.start());
    QVERIFY(server.writeAs(u"dev_other"_s, Op::Kind::Increment, u"n"_s, 10));
    QVERIFY(server.writeAs(u"dev_other"_s, Op::Kind::Merge, u"r"_s, json(R"({"d": 4})")));
    QVERIFY(await(merged));
    QVERIFY(await(counted));
    QVERIFY(await(removed));
    QVERIFY(server.waitSynced());
    QCOMPARE(store->pendingWrites(), 0);
    QCOMPARE(store->get(u"n"_s), QJsonValue(16));
    QCOMPARE(store->get(u"r"_s), json(R"({"b": 2, "c": 3, "d": 4})"));
    QVERIFY(store->entry(u"r/c"_s)->revision > 0);
}

QTEST_GUILESS_MAIN(tst_PendingOverlay)
#include "tst_pendingoverlay.moc"
