// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

// DustValue driven from C++ against a real server: the optimistic write
// and its rollback when the server refuses it, which a QML test cannot
// provoke with the full-access token of DustTestServer.

#include <dusttest.h>

#include <dustquickclient.h>
#include <dustquickvalue.h>

#include <QtCore/qjsonarray.h>
#include <QtTest/qsignalspy.h>
#include <QtTest/qtest.h>

using namespace Qt::StringLiterals;
using namespace Dust;

namespace {

const QString StoreName = u"acme/stats"_s;
const QString ReadToken = u"dust_tok_reader"_s;

// A QuickClient joined with a token that may read but not write, and a
// DustValue on stats/visits, made and completed as the QML engine does.
struct Fixture
{
    Fixture()
        : server(options())
    {
        server.writeAs(u"other-device"_s, Op::Kind::Set, u"stats/visits"_s, 5);
        server.writeAs(u"other-device"_s, Op::Kind::Set, u"stats/tags"_s, QJsonArray{u"qt"_s});
        client.classBegin();
        client.setUrl(server.url());
        client.setToken(ReadToken);
        client.setStores({StoreName});
        client.componentComplete();
        if (!server.connectClient(client.client()) || !server.waitSynced(client.client()->store(StoreName)))
            qFatal("client did not connect");
        value.classBegin();
        value.setClient(&client);
        value.setPath(u"stats/visits"_s);
        value.componentComplete();
    }

    static TestServerOptions options()
    {
        TestServerOptions o;
        o.stores = {StoreName};
        o.openClient = false;
        o.storage = TestServerOptions::Storage::TemporaryDirectory; // kept across stop() and start()
        o.server.tokens = {{ReadToken, {u"entries:read"_s}, true, {}}};
        return o;
    }

    QString errorCode() const { return value.error().code(); }

    // Writes while the server is down, so the optimistic value is on show
    // until start(): online, the refusal may come back before a test reads.
    template<typename Write>
    void writeOffline(Write write)
    {
        server.stop();
        write();
    }

    TestServer server;
    QuickClient client;
    QuickValue value;
};

} // namespace

class tst_QuickValue : public QObject
{
    Q_OBJECT

private slots:
    void readsTheStoredValue();
    void refusedWriteRollsBack();
    void refusedIncrementAndAddRollBack();
};

void tst_QuickValue::readsTheStoredValue()
{
    Fixture f;
    QCOMPARE(f.value.value().toInt(), 5);
    QCOMPARE(f.value.entryType(), u"integer"_s);
    QVERIFY(f.value.exists());
    QVERIFY(f.value.revision() > 0);
    QVERIFY(f.value.error().isNull());
}

void tst_QuickValue::refusedWriteRollsBack()
{
    Fixture f;
    QSignalSpy values(&f.value, &QuickValue::valueChanged);
    QSignalSpy errors(&f.value, &QuickValue::errorOccurred);
    const double revision = f.value.revision();
    const qint64 headBefore = f.server.storeSeq();
    f.writeOffline([&] { f.value.setValue(9); });
    // Shown at once, before the server answers.
    QCOMPARE(f.value.value().toInt(), 9);
    QVERIFY(f.server.start());
    QTRY_COMPARE(errors.size(), 1);
    QTRY_COMPARE(f.value.value().toInt(), 5);
    QCOMPARE(f.value.revision(), revision);
    QCOMPARE(f.value.error().kind(), Dust::Error::Kind::Unauthorized);
    QVERIFY(!f.errorCode().isEmpty());
    QCOMPARE(values.size(), 2);
    // Nothing was committed on the server.
    QCOMPARE(f.server.storeSeq(), headBefore);
}

void tst_QuickValue::refusedIncrementAndAddRollBack()
{
    Fixture f;
    QSignalSpy errors(&f.value, &QuickValue::errorOccurred);
    f.writeOffline([&] { f.value.increment(3); });
    QCOMPARE(f.value.value().toInt(), 8);
    QVERIFY(f.server.start());
    QTRY_COMPARE(errors.size(), 1);
    QTRY_COMPARE(f.value.value().toInt(), 5);

    f.value.setPath(u"stats/tags"_s);
    QCOMPARE(f.value.value().toList(), QVariantList{u"qt"_s});
    f.writeOffline([&] { f.value.add(QJSValue(u"dust"_s)); });
    QCOMPARE(f.value.value().toList().size(), 2);
    QVERIFY(f.server.start());
    QTRY_COMPARE(errors.size(), 2);
    QTRY_COMPARE(f.value.value().toList(), QVariantList{u"qt"_s});
}

QTEST_MAIN(tst_QuickValue)
#include "tst_quickvalue.moc"
