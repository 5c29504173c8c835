// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

// Dust::ListModelTester on a live Dust::ListModel fed by a real server.

#include <dusttest.h>

#include <dustlistmodel.h>
#include <dustpubsub.h>
#include <dustrepo.h>

#include <QtCore/qregularexpression.h>
#include <QtTest/qabstractitemmodeltester.h>
#include <QtTest/qtest.h>

using namespace Qt::StringLiterals;
using namespace Dust;

namespace {

TestServerOptions linkStore()
{
    TestServerOptions options;
    options.stores = {u"acme/links"_s};
    return options;
}

// A live model of links sorted by title.
struct Fixture
{
    Fixture() : repo(server.client(), server.storeName()), hub(u"models"_s)
    {
        model.setSchema(links);
        model.setSortRole(u"title"_s);
        TopicOptions options;
        options.includeCurrent = true;
        const Result<TopicSubscription *> sub =
                subscribeToPubSub(&repo, links, &hub, u"links"_s, &model, options);
        if (sub)
            model.setSubscription(*sub);
    }
    Result<qint64> write(const QString &slug, const QString &title)
    {
        return server.writeAs(u"phone"_s, Op::Kind::Set, u"links/"_s + slug, QJsonObject{{u"title"_s, title}});
    }

    Schema links = *Schema::fromDescriptor(QVariantMap{
            {u"name"_s, u"Link"_s},
            {u"prefix"_s, QStringList{u"links"_s}},
            {u"fields"_s, QVariantMap{{u"title"_s, u"string"_s}}}});
    TestServer server{linkStore()};
    Repo repo;
    PubSub hub;
    ListModel model;
};

} // namespace

class tst_ListModelTester : public QObject
{
    Q_OBJECT

private slots:
    void followsOrder();
    void attachesModelTester();
    void failureMessageShowsRows();
    void nullModel();
};

void tst_ListModelTester::followsOrder()
{
    Fixture f;
    ListModelTester rows(&f.model);
    QCOMPARE(rows.model(), &f.model);
    QVERIFY(rows.waitForSlugs({}));
    DUST_VERIFY(f.write(u"a"_s, u"Zebra"_s));
    DUST_VERIFY(f.write(u"b"_s, u"Apple"_s));
    QVERIFY2(rows.waitForSlugs({u"b"_s, u"a"_s}), qPrintable(rows.failureMessage()));
    QVERIFY(rows.failureMessage().isEmpty());
    // A title change moves the row.
    DUST_VERIFY(f.write(u"a"_s, u"Aardvark"_s));
    QVERIFY(rows.waitForSlugs({u"a"_s, u"b"_s}));
    DUST_VERIFY(f.server.writeAs(u"phone"_s, Op::Kind::Delete, u"links/a"_s));
    QVERIFY(rows.waitForSlugs({u"b"_s}));
    QCOMPARE(rows.slugs(), QStringList{u"b"_s});
}

void tst_ListModelTester::attachesModelTester()
{
    Fixture f;
    ListModelTester rows(&f.model);
    const QList<QAbstractItemModelTester *> testers = rows.findChildren<QAbstractItemModelTester *>();
    QCOMPARE(testers.size(), 1);
    QCOMPARE(testers.first()->model(), &f.model);
    QCOMPARE(testers.first()->failureReportingMode(), QAbstractItemModelTester::FailureReportingMode::QtTest);
}

void tst_ListModelTester::failureMessageShowsRows()
{
    Fixture f;
    ListModelTester rows(&f.model);
    DUST_VERIFY(f.write(u"a"_s, u"A"_s));
    DUST_VERIFY(f.write(u"b"_s, u"B"_s));
    QVERIFY(rows.waitForSlugs({u"a"_s, u"b"_s}));
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"^ListModelTester: the rows were not"_s));
    QVERIFY(!rows.waitForSlugs({u"b"_s, u"a"_s}, 20));
    QCOMPARE(rows.failureMessage(),
             u"ListModelTester: the rows were not [b, a] within 20 ms; the model is Ready and holds [a, b]."_s);
}

void tst_ListModelTester::nullModel()
{
    QTest::ignoreMessage(QtWarningMsg, "ListModelTester: the model is null");
    ListModelTester rows(nullptr);
    QVERIFY(rows.slugs().isEmpty());
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"the model is gone"_s));
    QVERIFY(!rows.waitForSlugs({}, 10));
}

QTEST_GUILESS_MAIN(tst_ListModelTester)
#include "tst_listmodeltester.moc"
