// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

// DustListModel driven from C++ through the real stack: a server, a client,
// the Repo, the PubSub bridge and the model, with QAbstractItemModelTester
// checking every change the model reports.

#include "../shared/testwait.h"

#include <dusttest.h>

#include <dustquickclient.h>
#include <dustquicklistmodel.h>
#include <dustquickrepo.h>
#include <dustquickschema.h>
#include <dustrepo.h>
#include <dustserver.h>
#include <dustthreading_p.h>

#include <QtCore/qrandom.h>
#include <QtCore/qsortfilterproxymodel.h>
#include <QtTest/qabstractitemmodeltester.h>
#include <QtTest/qsignalspy.h>
#include <QtTest/qtest.h>

#include <algorithm>
#include <atomic>
#include <thread>


using namespace Qt::StringLiterals;
using namespace Dust;

namespace {

const QString StoreName = u"acme/links"_s;

// The QML elements, made and completed in C++ the way the QML engine does.
struct Fixture
{
    Fixture()
        : server(options())
    {
        client.classBegin();
        client.setUrl(server.url());
        client.setToken(server.token());
        client.setStores({StoreName});
        client.componentComplete();

        schema.classBegin();
        schema.setName(u"Link"_s);
        schema.setPrefix(QStringList{u"links"_s});
        schema.setFields(QVariantList{QVariantMap{{u"name"_s, u"title"_s}, {u"type"_s, u"string"_s}},
                                      QVariantMap{{u"name"_s, u"rank"_s}, {u"type"_s, u"int"_s}}});
        schema.componentComplete();

        repo.classBegin();
        repo.setClient(&client);
        repo.setSchema(&schema);
        repo.componentComplete();
        if (!server.connectClient(client.client()))
            qFatal("client did not connect");
    }
    ~Fixture() { model.reset(); }

    // A model following the links topic, sorted by rank.
    QuickListModel *open()
    {
        model = std::make_unique<QuickListModel>();
        tester = std::make_unique<QAbstractItemModelTester>(
                model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        model->classBegin();
        model->setRepo(&repo);
        model->setSortRole(u"rank"_s);
        model->componentComplete();
        return model.get();
    }

    Store *store() const { return client.client()->store(StoreName); }
    bool synced(int timeoutMs = -1) { return server.waitSynced(store(), timeoutMs).hasValue(); }

    qint64 write(const QString &slug, const QString &title, int rank)
    {
        const Result<qint64> seq = server.writeAs(u"other-device"_s, Op::Kind::Set, u"links/"_s + slug,
                                                 QJsonObject{{u"title"_s, title}, {u"rank"_s, rank}});
        if (!seq)
            qFatal("write failed: %s", qPrintable(seq.error().toString()));
        return *seq;
    }
    qint64 remove(const QString &slug)
    {
        return *server.writeAs(u"other-device"_s, Op::Kind::Delete, u"links/"_s + slug);
    }

    // Every record as a fresh Repo reads it, in the model's order.
    QList<QVariantMap> expected()
    {
        Repo fresh(client.client(), StoreName);
        auto all = fresh.all(schema.schema());
        if (!waitFinished(all))
            qFatal("all() did not finish");
        QList<QVariantMap> records = all.result().valueOr({});
        std::stable_sort(records.begin(), records.end(), [](const QVariantMap &a, const QVariantMap &b) {
            const int ra = a.value(u"rank"_s).toInt();
            const int rb = b.value(u"rank"_s).toInt();
            return ra != rb ? ra < rb : a.value(u"slug"_s).toString() < b.value(u"slug"_s).toString();
        });
        return records;
    }
    QList<QVariantMap> rows() const
    {
        QList<QVariantMap> out;
        for (int i = 0; i < model->count(); ++i)
            out.append(model->get(i));
        return out;
    }
    // The model shows what a fresh read gives, once it has caught up.
    // timeoutMs: how long the client may take to catch up (the fixture's
    // default when negative); a storm under a sanitizer needs longer.
    bool matchesStore(int timeoutMs = -1)
    {
        if (!synced(timeoutMs))
            return false;
        const QList<QVariantMap> want = expected();
        return QTest::qWaitFor([&] { return rows() == want; }, std::max(timeoutMs, 20000));
    }

    static TestServerOptions options()
    {
        TestServerOptions o;
        o.stores = {StoreName};
        o.openClient = false;
        return o;
    }

    TestServer server;
    QuickClient client;
    QuickSchema schema;
    QuickRepo repo;
    std::unique_ptr<QuickListModel> model;
    std::unique_ptr<QAbstractItemModelTester> tester;
};

} // namespace

class tst_QuickListModel : public QObject
{
    Q_OBJECT

private slots:
    void loadsThenFollowsLiveChanges();
    void rolesAndData();
    void sortAndFilterWhileLive();
    void searchAndSortUnderAProxyWhileLive();
    void schemaErrorIsTheModelsError();
    void storm();
};

void tst_QuickListModel::loadsThenFollowsLiveChanges()
{
    Fixture f;
    for (int i = 0; i < 100; ++i)
        f.write(u"r%1"_s.arg(i, 3, 10, QChar(u'0')), u"T%1"_s.arg(i), i % 7);
    QVERIFY(f.synced());
    QuickListModel *model = f.open();
    QCOMPARE(model->status(), ListModel::Status::Loading);
    QTRY_COMPARE(model->status(), ListModel::Status::Ready);
    QVERIFY(f.matchesStore());
    QCOMPARE(model->count(), 100);

    QSignalSpy reset(model, &QAbstractItemModel::modelReset);
    f.write(u"new"_s, u"N"_s, 3);
    f.write(u"r005"_s, u"moved"_s, 0);
    f.write(u"r010"_s, u"same place"_s, 3);
    f.remove(u"r020"_s);
    QVERIFY(f.matchesStore());
    QCOMPARE(model->count(), 100);
    QCOMPARE(reset.size(), 0);
    QVERIFY(model->error().isNull());
}

void tst_QuickListModel::rolesAndData()
{
    Fixture f;
    f.write(u"a"_s, u"Alpha"_s, 1);
    QVERIFY(f.synced());
    QuickListModel *model = f.open();
    QTRY_COMPARE(model->count(), 1);
    const QHash<int, QByteArray> roles = model->roleNames();
    QCOMPARE(roles.size(), 3);
    const QModelIndex row = model->index(0);
    QCOMPARE(row.data(model->roleForName(u"slug"_s)).toString(), u"a"_s);
    QCOMPARE(row.data(model->roleForName(u"title"_s)).toString(), u"Alpha"_s);
    QCOMPARE(row.data(model->roleForName(u"rank"_s)).toInt(), 1);
}

void tst_QuickListModel::sortAndFilterWhileLive()
{
    Fixture f;
    for (int i = 0; i < 20; ++i)
        f.write(u"s%1"_s.arg(i), u"T"_s, i % 3);
    QVERIFY(f.synced());
    QuickListModel *model = f.open();
    QTRY_COMPARE(model->count(), 20);
    model->setFilterRole(u"rank"_s);
    model->setFilterValue(1);
    QTRY_COMPARE(model->count(), 7);
    f.write(u"s0"_s, u"T"_s, 1);
    QTRY_COMPARE(model->count(), 8);
    model->setSortOrder(Qt::DescendingOrder);
    model->setSortRole(u"slug"_s);
    QCOMPARE(model->get(0).value(u"slug"_s).toString(), u"s7"_s);
    model->setFilterRole({});
    QCOMPARE(model->count(), 20);
}

// The model's search and multi-key sort, live over server writes, with a
// QSortFilterProxyModel on top that a tester checks too.
void tst_QuickListModel::searchAndSortUnderAProxyWhileLive()
{
    Fixture f;
    f.write(u"a"_s, u"Rust book"_s, 2);
    f.write(u"b"_s, u"Go book"_s, 1);
    f.write(u"c"_s, u"rusty nail"_s, 1);
    QVERIFY(f.synced());
    QuickListModel *model = f.open();
    QTRY_COMPARE(model->status(), ListModel::Status::Ready);
    model->setSortRoles({u"rank"_s, u"title"_s});
    model->setSortOrders({Qt::DescendingOrder});
    model->setFilterRoles({u"title"_s});
    model->setFilterText(u"RUST"_s);
    QSortFilterProxyModel proxy;
    QAbstractItemModelTester proxyTester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    proxy.setSourceModel(model);
    proxy.setFilterRole(model->roleForName(u"title"_s));
    proxy.setFilterFixedString(u"book"_s);
    const auto slugs = [](const QAbstractItemModel &m) {
        QStringList out;
        for (int i = 0; i < m.rowCount(); ++i)
            out.append(m.index(i, 0).data(ListModel::SlugRole).toString());
        return out;
    };
    QCOMPARE(slugs(*model), (QStringList{u"a"_s, u"c"_s}));
    QCOMPARE(slugs(proxy), QStringList{u"a"_s});

    f.write(u"b"_s, u"Trusty book"_s, 3);
    f.write(u"d"_s, u"Rust in action book"_s, 2);
    f.write(u"c"_s, u"nail"_s, 1);
    QVERIFY(f.synced());
    QTRY_COMPARE(slugs(*model), (QStringList{u"b"_s, u"a"_s, u"d"_s}));
    QCOMPARE(slugs(proxy), (QStringList{u"b"_s, u"a"_s, u"d"_s}));
    QCOMPARE(model->count(), 3);
    QCOMPARE(model->status(), ListModel::Status::Ready);
    QVERIFY(model->error().isNull());
}

void tst_QuickListModel::schemaErrorIsTheModelsError()
{
    Fixture f;
    QuickListModel *model = f.open();
    QTRY_COMPARE(model->status(), ListModel::Status::Ready);
    QSignalSpy errors(model, &ListModel::errorChanged);
    QSignalSpy occurred(model, &ListModel::errorOccurred);
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"schema_unknown_field_type"_s));
    f.schema.setFields(QVariantList{QVariantMap{{u"name"_s, u"title"_s}, {u"type"_s, u"text"_s}}});
    QCOMPARE(model->status(), ListModel::Status::Error);
    QCOMPARE(model->error().code(), u"schema_unknown_field_type"_s);
    // What QML reads is the same Dust::Error, not a copy of another type.
    QCOMPARE(model->property("error").value<Error>(), model->error());
    QVERIFY(errors.size() >= 1);
    QCOMPARE(occurred.size(), 1);
    QCOMPARE(occurred.at(0).at(0).value<Error>().code(), u"schema_unknown_field_type"_s);
}

// 50,000 writes from four other devices at once, upserts and deletes over
// 2,000 records, while the model is live: it ends exactly where a fresh read
// of the store is, in order, with the tester checking every step. (Under
// ThreadSanitizer, which slows the server's writes tenfold, 10,000.)
void tst_QuickListModel::storm()
{
#if defined(__SANITIZE_THREAD__)
    constexpr int Events = 10000;
#else
    constexpr int Events = 50000;
#endif
    constexpr int Writers = 4;
    Fixture f;
    QuickListModel *model = f.open();
    QTRY_COMPARE(model->status(), ListModel::Status::Ready);
    QSignalSpy moved(model, &QAbstractItemModel::rowsMoved);
    std::vector<std::thread> writers;
    std::atomic<int> failures = 0;
    std::atomic<int> finished = 0;
    for (int w = 0; w < Writers; ++w) {
        writers.emplace_back([&f, &failures, &finished, w] {
            QRandomGenerator rng(quint32(w + 1));
            for (int i = 0; i < Events / Writers; ++i) {
                const QString path = u"links/r%1"_s.arg(rng.bounded(2000));
                const Result<qint64> seq = rng.bounded(5) == 0
                        ? f.server.server()->write(StoreName, u"writer"_s, Op::Kind::Delete, path)
                        : f.server.server()->write(StoreName, u"writer"_s, Op::Kind::Set, path,
                                          QJsonObject{{u"title"_s, u"t%1"_s.arg(i)},
                                                      {u"rank"_s, int(rng.bounded(100))}});
                if (!seq)
                    ++failures;
            }
            ++finished;
        });
    }
    // The model applies what arrives while the storm runs.
    QTRY_VERIFY_WITH_TIMEOUT(finished == Writers, 300000);
    for (auto &t : writers)
        t.join();
    Threading::acquireFromQt();
    QCOMPARE(failures.load(), 0);
    QVERIFY(f.matchesStore(120000));
    QVERIFY(model->count() > 1000);
    QVERIFY(moved.size() > 0);
    QCOMPARE(model->status(), ListModel::Status::Ready);
}

QTEST_MAIN(tst_QuickListModel)
#include "tst_quicklistmodel.moc"
