// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

// Test functions that fail on purpose, written the way an app's test would
// use the kit with its defaults. Not a CTest test itself: tst_testserver runs
// each function in a child process and checks that it fails, once, with a
// readable message, and that the run ends.

#include <dusttest.h>

#include <dustpubsub.h>
#include <dustrepo.h>

#include <QtCore/qtemporaryfile.h>
#include <QtNetwork/qtcpserver.h>
#include <QtTest/qtest.h>

using namespace Qt::StringLiterals;

class tst_TestKitFailures : public QObject
{
    Q_OBJECT

private slots:
    void portTaken()
    {
        QTcpServer squatter;
        QVERIFY(squatter.listen(QHostAddress::LocalHost, 0));
        Dust::TestServerOptions options;
        options.port = squatter.serverPort();
        Dust::TestServer server(options);
        DUST_VERIFY(server);
        QFAIL("not reached: the fixture failed the test");
    }

    void dataDirUnwritable()
    {
        QTemporaryFile file;
        QVERIFY(file.open());
        Dust::TestServerOptions options;
        options.dataDir = file.fileName() + u"/data"_s;
        Dust::TestServer server(options);
        // Waiting on a fixture that failed ends at once.
        const Dust::Result<void> joined = server.connectClient(nullptr, 600000);
        QVERIFY(!joined);
    }

    void writeAfterFailedRestart()
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        Dust::TestServerOptions options;
        options.port = probe.serverPort();
        probe.close();
        Dust::TestServer server(options);
        DUST_VERIFY(server);
        server.stop();
        QVERIFY(probe.listen(QHostAddress::LocalHost, options.port));
        // A restart that fails also fails the test; writeAs() after it says
        // why and never waits.
        const Dust::Result<void> restarted = server.restart();
        QVERIFY(!restarted);
        QVERIFY(QTest::currentTestFailed());
        DUST_VERIFY(server.writeAs(u"phone"_s, Dust::Op::Kind::Set, u"a"_s, 1));
    }

    void verifyResult()
    {
        Dust::TestServer server;
        server.client()->close();
        DUST_VERIFY(server.writeAs(u"phone"_s, Dust::Op::Kind::Set, u"a"_s, 1));
        DUST_VERIFY(server.waitSynced(nullptr, 20));
    }

    void spyWait()
    {
        Dust::TestServerOptions options;
        options.stores = {u"acme/links"_s};
        Dust::TestServer server(options);
        const auto links = *Dust::Schema::fromDescriptor(QVariantMap{
                {u"name"_s, u"Link"_s}, {u"prefix"_s, QStringList{u"links"_s}},
                {u"fields"_s, QVariantMap{{u"title"_s, u"string"_s}}}});
        Dust::Repo repo(server.client(), server.storeName());
        Dust::PubSub hub(u"failures"_s);
        auto sub = Dust::subscribeToPubSub(&repo, links, &hub, u"links"_s, this);
        DUST_VERIFY(sub);
        Dust::SubscriptionSpy spy(*sub);
        DUST_VERIFY(server.writeAs(u"phone"_s, Dust::Op::Kind::Set, u"links/a"_s,
                                   QJsonObject{{u"title"_s, u"A"_s}}));
        QVERIFY(spy.waitForUpsert(u"a"_s));
        QVERIFY(spy.waitForUpsert(u"nothing"_s, 50));
    }
};

QTEST_GUILESS_MAIN(tst_TestKitFailures)
#include "tst_testkitfailures.moc"
