// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

// Catch-up progress: a store joined with a backlog reports how much of it
// is applied, throttled, ending with everything applied; a rejoin reports
// only what it missed. Events read straight from frame text store what
// the codec's decoding stores.

#include "clienttestutils.h"

#include <QtCore/qcborvalue.h>
#include <QtTest/qsignalspy.h>

using namespace Qt::StringLiterals;
using namespace DustTest;
using Dust::Op;

namespace {

const QString StoreName = u"test/catchup"_s;

// Every leaf of `store`, each as one line: path, type, revision and the
// value's CBOR encoding, which tells an integer from a float.
QStringList leafLines(Dust::Store *store)
{
    QStringList lines;
    const Dust::Result<Dust::EntrySnapshot> all = store->snapshot(u"**"_s);
    if (!all)
        return {all.error().toString()};
    for (const Dust::Entry &entry : all->entries) {
        lines.append(u"%1 %2 %3 %4"_s.arg(entry.path.toString(), Dust::Entry::typeName(entry.type))
                         .arg(entry.revision)
                         .arg(QString::fromLatin1(QCborValue::fromJsonValue(entry.value).toCbor().toHex())));
    }
    return lines;
}

bool writeMany(Dust::TestServer &server, int count)
{
    for (int i = 0; i < count; ++i) {
        if (!server.writeAs(u"dev_other"_s, Op::Kind::Set, u"items/%1"_s.arg(i), i))
            return false;
    }
    return true;
}

} // namespace

class tst_CatchUp : public QObject
{
    Q_OBJECT

private slots:
    void progressOfABacklog();
    void rejoinReportsOnlyTheGap();
    void storeThreadWokenPerBatchNotPerEvent();
    void eventFramesReadFromTextApplyAsDecoded();
};

void tst_CatchUp::progressOfABacklog()
{
    Dust::TestServer server(serverWithoutClient({StoreName}));
    QVERIFY(server.isReady());
    const int backlog = 3000;
    QVERIFY(writeMany(server, backlog));
    Dust::Store *store = server.store();
    QCOMPARE(store->catchUpApplied(), qint64(0));
    QCOMPARE(store->catchUpTotal(), qint64(0));
    QSignalSpy progress(store, &Dust::Store::catchUpProgressChanged);
    QSignalSpy completed(store, &Dust::Store::catchUpCompleted);
    QVERIFY(server.connectClient());
    QTRY_COMPARE_WITH_TIMEOUT(completed.size(), 1, 30000);
    QTRY_VERIFY(!progress.isEmpty() && progress.last().at(0).toLongLong() == backlog);

    // Throttled: far fewer signals than events, the total fixed, the applied
    // count never going back.
    QVERIFY2(progress.size() < backlog / 10, qPrintable(QString::number(progress.size())));
    qint64 previous = -1;
    for (const QList<QVariant> &step : std::as_const(progress)) {
        QCOMPARE(step.at(1).toLongLong(), qint64(backlog));
        QVERIFY(step.at(0).toLongLong() > previous);
        previous = step.at(0).toLongLong();
    }
    QCOMPARE(store->catchUpApplied(), qint64(backlog));
    QCOMPARE(store->catchUpTotal(), qint64(backlog));
    QCOMPARE(store->lastStoreSeq(), qint64(backlog));
}

void tst_CatchUp::rejoinReportsOnlyTheGap()
{
    Dust::TestServer server(serverWithoutClient({StoreName}));
    QVERIFY(server.isReady());
    QVERIFY(writeMany(server, 10));
    Dust::Store *store = server.store();
    QSignalSpy completed(store, &Dust::Store::catchUpCompleted);
    QVERIFY(server.connectClient());
    QTRY_COMPARE(completed.size(), 1);
    QTRY_COMPARE(store->catchUpApplied(), qint64(10));

    // Written while this client is closed: the next catch-up is those 5.
    server.client()->close();
    QTRY_VERIFY(store->status() != Dust::Client::Status::Connected);
    QVERIFY(writeMany(server, 5));
    QSignalSpy progress(store, &Dust::Store::catchUpProgressChanged);
    QVERIFY(server.connectClient());
    QTRY_COMPARE(completed.size(), 2);
    QTRY_VERIFY(!progress.isEmpty() && progress.last().at(0).toLongLong() == 5);
    QCOMPARE(progress.last().at(1).toLongLong(), qint64(5));
    QCOMPARE(store->catchUpTotal(), qint64(5));
    QCOMPARE(store->catchUpApplied(), qint64(5));
}

void tst_CatchUp::storeThreadWokenPerBatchNotPerEvent()
{
    Dust::TestServer server(serverWithoutClient({StoreName}));
    QVERIFY(server.isReady());
    const int backlog = 3000;
    QVERIFY(writeMany(server, backlog));
    Dust::Store *store = server.store();
    // Each lastStoreSeqChanged is one wake-up of this thread by the engine
    // (coalesced when several land before it runs).
    QSignalSpy seqChanged(store, &Dust::Store::lastStoreSeqChanged);
    QSignalSpy completed(store, &Dust::Store::catchUpCompleted);
    QVERIFY(server.connectClient());
    QTRY_COMPARE_WITH_TIMEOUT(completed.size(), 1, 30000);
    QTRY_VERIFY(!seqChanged.isEmpty() && seqChanged.last().at(0).toLongLong() == backlog);
    QVERIFY2(seqChanged.size() < backlog / 20, qPrintable(QString::number(seqChanged.size())));
    qint64 previous = 0;
    for (const QList<QVariant> &step : std::as_const(seqChanged)) {
        QVERIFY(step.at(0).toLongLong() > previous);
        previous = step.at(0).toLongLong();
    }
}

void tst_CatchUp::eventFramesReadFromTextApplyAsDecoded()
{
    Dust::TestServer server(serverWithoutClient({StoreName}));
    QVERIFY(server.isReady());
    const QList<std::pair<QString, QJsonValue>> sets{
        {u"n/int"_s, 42},
        {u"n/negative"_s, -7},
        {u"n/zero"_s, 0},
        {u"n/float"_s, 2.5},
        {u"n/one_point_zero"_s, json("1.0")},
        {u"n/exponent"_s, json("1e3")},
        {u"n/small"_s, json("-1.25e-5")},
        {u"n/big"_s, json("9007199254740992")},
        {u"n/big_negative"_s, json("-9007199254740991")},
        {u"n/long_float"_s, json("123456789012.5")},
        {u"s/plain"_s, u"hello"_s},
        {u"s/escapes"_s, json(R"("quote \" backslash \\ slash \/ \b\f\n\r\t")")},
        {u"s/unicode"_s, json(R"("caf\u00e9 \u6f22 \ud83d\ude00 ü €")")},
        {u"s/empty"_s, u""_s},
        {u"b/true"_s, true},
        {u"b/false"_s, false},
        {u"null"_s, QJsonValue(QJsonValue::Null)},
        {u"map"_s, json(R"({"a": 1, "b": {"c": 2.5, "d": [1, "x", null, true, [2.0]]}, "e": {}, "f~/g": "k"})")},
        {u"array"_s, json(R"([1, 1.5, "two", false, null, [3, [4]]])")},
        {u"array_of_maps"_s, json(R"([{"a": 1}])")},
        {u"typed"_s, json(R"({"_type": "decimal", "_typed": "1.50"})")},
        {u"seg~1ments/x~0y"_s, 1},
        {u"map"_s, json(R"({"a": 2, "z": "replaced"})")},
    };
    for (const auto &[path, value] : sets)
        QVERIFY(server.writeAs(u"dev_other"_s, Op::Kind::Set, path, value));
    QVERIFY(server.writeAs(u"dev_other"_s, Op::Kind::Increment, u"counter"_s, 5));
    QVERIFY(server.writeAs(u"dev_other"_s, Op::Kind::Increment, u"counter"_s, json("0.5")));
    QVERIFY(server.writeAs(u"dev_other"_s, Op::Kind::Increment, u"int_counter"_s, 3));
    QVERIFY(server.writeAs(u"dev_other"_s, Op::Kind::Add, u"tags"_s, u"a"_s));
    QVERIFY(server.writeAs(u"dev_other"_s, Op::Kind::Add, u"tags"_s, 2));
    QVERIFY(server.writeAs(u"dev_other"_s, Op::Kind::Remove, u"tags"_s, u"a"_s));
    QVERIFY(server.writeAs(u"dev_other"_s, Op::Kind::Merge, u"merged"_s, json(R"({"x": 1, "y": {"z": 1.0}})")));
    QVERIFY(server.writeAs(u"dev_other"_s, Op::Kind::Delete, u"b/false"_s));

    // Read from text: nothing subscribes and nothing is pending.
    std::unique_ptr<Dust::Client> fast = server.createClient();
    QVERIFY(server.connectClient(fast.get()));
    QVERIFY(server.waitSynced(fast->store(StoreName)));
    // Decoded by the codec, as before: a subscriber reads every event.
    std::unique_ptr<Dust::Client> decoded = server.createClient();
    Dust::Store *decodedStore = decoded->store(StoreName);
    int seen = 0;
    decodedStore->on(u"**"_s, [&](const Dust::StoreEvent &) { ++seen; });
    QVERIFY(server.connectClient(decoded.get()));
    QVERIFY(server.waitSynced(decodedStore));
    QVERIFY(seen > 0);

    const QStringList expected = leafLines(decodedStore);
    QCOMPARE(fast->store(StoreName)->lastStoreSeq(), server.storeSeq());
    QCOMPARE(leafLines(fast->store(StoreName)), expected);
    // The cases that matter are in it: an integer and a float of value 1.
    QVERIFY(expected.contains(u"n/one_point_zero integer %1 01"_s.arg(5)));
    QVERIFY(expected.filter(u"n/float float"_s).size() == 1);
}

QTEST_MAIN(tst_CatchUp)
#include "tst_catchup.moc"
