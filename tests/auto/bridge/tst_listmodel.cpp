// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#include <dustlistmodel.h>
#include <dusttopicsubscription_p.h>

#include <QtCore/qrandom.h>
#include <QtCore/qsortfilterproxymodel.h>
#include <QtTest/qabstractitemmodeltester.h>
#include <QtTest/qsignalspy.h>
#include <QtTest/qtest.h>

using namespace Qt::StringLiterals;
using namespace Dust;

namespace {

Schema linkSchema()
{
    return *Schema::fromDescriptor(QVariantMap{
            {u"name"_s, u"Link"_s},
            {u"prefix"_s, QStringList{u"links"_s}},
            {u"fields"_s, QVariantList{QVariantMap{{u"name"_s, u"title"_s}, {u"type"_s, u"string"_s}},
                                       QVariantMap{{u"name"_s, u"rank"_s}, {u"type"_s, u"int"_s}},
                                       QVariantMap{{u"name"_s, u"tag"_s}, {u"type"_s, u"string"_s}}}}});
}

QVariantMap link(const QString &slug, const QString &title, int rank = 0, const QString &tag = u"a"_s)
{
    return {{u"slug"_s, slug}, {u"title"_s, title}, {u"rank"_s, rank}, {u"tag"_s, tag}};
}

RecordEvent up(const QVariantMap &record)
{
    return {RecordEvent::Kind::Upserted, record.value(u"slug"_s).toString(), record, 0};
}

RecordEvent del(const QString &slug)
{
    return {RecordEvent::Kind::Deleted, slug, {}, 0};
}

// A model fed through a real TopicSubscription whose mailbox the test fills,
// as the broadcaster would.
struct Fixture
{
    explicit Fixture(TopicSubscription::Delivery delivery = TopicSubscription::Delivery::Coalesced)
        : mailbox(std::make_shared<TopicMailbox>(delivery, 100000))
    {
        model.setSchema(linkSchema());
        auto *subscription = TopicSubscriptionPrivate::create(
                &model, std::make_unique<TopicSubscriptionPrivate>(u"links"_s, mailbox, nullptr));
        model.setSubscription(subscription);
    }

    void snapshot(const QList<QVariantMap> &records)
    {
        mailbox->pushSnapshot(records);
        mailbox->pushActive();
    }
    void send(const QList<RecordEvent> &events)
    {
        for (const RecordEvent &e : events)
            mailbox->push(e);
    }
    // Runs the event loop until everything sent has been applied.
    void settle()
    {
        // Runs every queued wake-up and every follow-up turn of the model,
        // until no event is left.
        QCoreApplication::processEvents(QEventLoop::AllEvents, 30000);
        QCOMPARE(mailbox->queuedEvents(), 0);
    }
    QStringList slugs() const
    {
        QStringList out;
        for (int i = 0; i < model.rowCount(); ++i)
            out.append(model.index(i).data(ListModel::SlugRole).toString());
        return out;
    }

    ListModel model;
    QAbstractItemModelTester tester{&model, QAbstractItemModelTester::FailureReportingMode::QtTest};
    std::shared_ptr<TopicMailbox> mailbox;
};

// Whether each row and the one below it are `inOrder`.
bool rowsInOrder(const ListModel &model, bool (*inOrder)(const QVariantMap &above, const QVariantMap &below))
{
    for (int row = 1; row < model.count(); ++row) {
        if (!inOrder(model.get(row - 1), model.get(row)))
            return false;
    }
    return true;
}

} // namespace

class tst_ListModel : public QObject
{
    Q_OBJECT

private slots:
    void rolesFollowTheSchema();
    void loadsTheSnapshotSorted();
    void insertsAtTheirSortedPlace();
    void updateInPlaceIsOnlyDataChanged();
    void updateThatReordersIsAMove();
    void deletes();
    void sortRoleAndOrder();
    void tiesAreBrokenBySlug();
    void filter();
    void textFilter();
    void textFilterStaysLive();
    void predicateFilter();
    void severalSortKeys();
    void localeAwareSort();
    void sourceOfASortFilterProxyModel();
    void largeRearrangementIsSliced();
    void largeResortsKeepOrderAndLiveUpdates();
    void resyncReloadsInPlace();
    void indexOfAndGet();
    void statusAndError();
    void displayRole();
    void storm();
    void largeFirstLoadIsSliced();
    void eventsDuringASlicedLoadLandAfterIt_data();
    void eventsDuringASlicedLoadLandAfterIt();
    void rearrangedDuringASlicedLoad();
    void slugTwiceInALargeSnapshot();
    void modelDeletedDuringASlicedLoad_data();
    void modelDeletedDuringASlicedLoad();
};

void tst_ListModel::rolesFollowTheSchema()
{
    Fixture f;
    const QHash<int, QByteArray> roles = f.model.roleNames();
    QCOMPARE(roles.value(ListModel::SlugRole), "slug");
    QCOMPARE(f.model.roleForName(u"slug"_s), int(ListModel::SlugRole));
    QVERIFY(f.model.roleForName(u"title"_s) > ListModel::SlugRole);
    QVERIFY(f.model.roleForName(u"rank"_s) > ListModel::SlugRole);
    QCOMPARE(f.model.roleForName(u"nope"_s), -1);
    QCOMPARE(roles.size(), 4);
}

void tst_ListModel::loadsTheSnapshotSorted()
{
    Fixture f;
    QCOMPARE(f.model.status(), ListModel::Status::Loading);
    QSignalSpy inserts(&f.model, &QAbstractItemModel::rowsInserted);
    QSignalSpy count(&f.model, &ListModel::countChanged);
    f.snapshot({link(u"c"_s, u"C"_s), link(u"a"_s, u"A"_s), link(u"b"_s, u"B"_s)});
    QTRY_COMPARE(f.model.status(), ListModel::Status::Ready);
    QTRY_COMPARE(f.slugs(), (QStringList{u"a"_s, u"b"_s, u"c"_s}));
    QCOMPARE(inserts.size(), 1); // one insert for the whole first load
    QCOMPARE(count.size(), 1);
    QCOMPARE(f.model.count(), 3);
}

void tst_ListModel::insertsAtTheirSortedPlace()
{
    Fixture f;
    f.model.setSortRole(u"title"_s);
    f.snapshot({link(u"x"_s, u"Banana"_s), link(u"y"_s, u"Date"_s)});
    f.settle();
    QSignalSpy inserts(&f.model, &QAbstractItemModel::rowsInserted);
    f.send({up(link(u"z"_s, u"Cherry"_s)), up(link(u"w"_s, u"apple"_s))});
    f.settle();
    QTRY_COMPARE(f.slugs(), (QStringList{u"w"_s, u"x"_s, u"z"_s, u"y"_s}));
    QCOMPARE(inserts.size(), 2);
    QCOMPARE(inserts.at(0).at(1).toInt(), 1); // Cherry between Banana and Date
    QCOMPARE(inserts.at(1).at(1).toInt(), 0); // apple first (case-insensitive)
}

void tst_ListModel::updateInPlaceIsOnlyDataChanged()
{
    Fixture f;
    f.model.setSortRole(u"title"_s);
    f.snapshot({link(u"a"_s, u"A"_s, 1), link(u"b"_s, u"B"_s, 2)});
    f.settle();
    QSignalSpy changed(&f.model, &QAbstractItemModel::dataChanged);
    QSignalSpy moved(&f.model, &QAbstractItemModel::rowsMoved);
    QSignalSpy inserted(&f.model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(&f.model, &QAbstractItemModel::rowsRemoved);
    f.send({up(link(u"b"_s, u"B"_s, 20))});
    f.settle();
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.at(0).at(0).toModelIndex().row(), 1);
    QCOMPARE(changed.at(0).at(2).value<QList<int>>(), QList<int>{f.model.roleForName(u"rank"_s)});
    QCOMPARE(moved.size() + inserted.size() + removed.size(), 0);
    // The same record again changes nothing.
    f.send({up(link(u"b"_s, u"B"_s, 20))});
    f.settle();
    QCOMPARE(changed.size(), 1);
}

void tst_ListModel::updateThatReordersIsAMove()
{
    Fixture f;
    f.model.setSortRole(u"rank"_s);
    f.snapshot({link(u"a"_s, u"A"_s, 1), link(u"b"_s, u"B"_s, 2), link(u"c"_s, u"C"_s, 3),
                link(u"d"_s, u"D"_s, 4)});
    f.settle();
    QPersistentModelIndex held(f.model.index(0)); // row "a"
    QSignalSpy moved(&f.model, &QAbstractItemModel::rowsMoved);
    QSignalSpy removed(&f.model, &QAbstractItemModel::rowsRemoved);
    f.send({up(link(u"a"_s, u"A"_s, 10))});
    f.settle();
    QTRY_COMPARE(f.slugs(), (QStringList{u"b"_s, u"c"_s, u"d"_s, u"a"_s}));
    QCOMPARE(moved.size(), 1);
    QCOMPARE(removed.size(), 0);
    QCOMPARE(held.row(), 3);
    f.send({up(link(u"d"_s, u"D"_s, 0))});
    f.settle();
    QTRY_COMPARE(f.slugs(), (QStringList{u"d"_s, u"b"_s, u"c"_s, u"a"_s}));
    QCOMPARE(moved.size(), 2);
}

void tst_ListModel::deletes()
{
    Fixture f;
    f.snapshot({link(u"a"_s, u"A"_s), link(u"b"_s, u"B"_s), link(u"c"_s, u"C"_s)});
    f.settle();
    QSignalSpy removed(&f.model, &QAbstractItemModel::rowsRemoved);
    f.send({del(u"b"_s), del(u"missing"_s)});
    f.settle();
    QTRY_COMPARE(f.slugs(), (QStringList{u"a"_s, u"c"_s}));
    QCOMPARE(removed.size(), 1);
    QCOMPARE(removed.at(0).at(1).toInt(), 1);
}

void tst_ListModel::sortRoleAndOrder()
{
    Fixture f;
    f.snapshot({link(u"a"_s, u"Zed"_s, 3), link(u"b"_s, u"Alpha"_s, 1), link(u"c"_s, u"Mid"_s, 2)});
    f.settle();
    QPersistentModelIndex held(f.model.index(0)); // "a"
    QSignalSpy layout(&f.model, &QAbstractItemModel::layoutChanged);
    f.model.setSortRole(u"title"_s);
    QTRY_COMPARE(f.slugs(), (QStringList{u"b"_s, u"c"_s, u"a"_s}));
    QCOMPARE(held.data(ListModel::SlugRole).toString(), u"a"_s);
    QCOMPARE(held.row(), 2);
    f.model.setSortOrder(Qt::DescendingOrder);
    QTRY_COMPARE(f.slugs(), (QStringList{u"a"_s, u"c"_s, u"b"_s}));
    f.model.setSortRole(u"rank"_s);
    QTRY_COMPARE(f.slugs(), (QStringList{u"a"_s, u"c"_s, u"b"_s}));
    f.model.setSortOrder(Qt::AscendingOrder);
    QTRY_COMPARE(f.slugs(), (QStringList{u"b"_s, u"c"_s, u"a"_s}));
    // Sorting by rank left the order as it was: no layout change for it.
    QCOMPARE(layout.size(), 3);
    // New rows land in the current order.
    f.send({up(link(u"d"_s, u"Q"_s, 2))});
    f.settle();
    QTRY_COMPARE(f.slugs(), (QStringList{u"b"_s, u"c"_s, u"d"_s, u"a"_s}));
}

void tst_ListModel::tiesAreBrokenBySlug()
{
    Fixture f;
    f.model.setSortRole(u"tag"_s);
    f.snapshot({link(u"m"_s, u"x"_s, 0, u"same"_s), link(u"b"_s, u"x"_s, 0, u"same"_s),
                link(u"z"_s, u"x"_s, 0, u"same"_s), link(u"a"_s, u"x"_s, 0, u"same"_s)});
    f.settle();
    QTRY_COMPARE(f.slugs(), (QStringList{u"a"_s, u"b"_s, u"m"_s, u"z"_s}));
    f.model.setSortOrder(Qt::DescendingOrder);
    QTRY_COMPARE(f.slugs(), (QStringList{u"a"_s, u"b"_s, u"m"_s, u"z"_s}));
    // A record with no value sorts first.
    f.send({up({{u"slug"_s, u"n"_s}})});
    f.settle();
    QTRY_COMPARE(f.slugs().last(), u"n"_s);
}

void tst_ListModel::filter()
{
    Fixture f;
    f.snapshot({link(u"a"_s, u"A"_s, 1, u"red"_s), link(u"b"_s, u"B"_s, 2, u"blue"_s),
                link(u"c"_s, u"C"_s, 3, u"red"_s)});
    f.settle();
    QSignalSpy count(&f.model, &ListModel::countChanged);
    f.model.setFilterRole(u"tag"_s);
    f.model.setFilterValue(u"red"_s);
    QTRY_COMPARE(f.slugs(), (QStringList{u"a"_s, u"c"_s}));
    QVERIFY(count.size() >= 1);
    QCOMPARE(f.model.indexOf(u"b"_s), -1);
    // A change moves records in and out of the filter.
    f.send({up(link(u"b"_s, u"B"_s, 2, u"red"_s)), up(link(u"a"_s, u"A"_s, 1, u"blue"_s)),
            up(link(u"d"_s, u"D"_s, 4, u"green"_s))});
    f.settle();
    QTRY_COMPARE(f.slugs(), (QStringList{u"b"_s, u"c"_s}));
    f.model.setFilterRole({});
    QTRY_COMPARE(f.slugs(), (QStringList{u"a"_s, u"b"_s, u"c"_s, u"d"_s}));
}

void tst_ListModel::textFilter()
{
    Fixture f;
    f.model.setSortRole(u"title"_s);
    f.snapshot({link(u"a"_s, u"Alpha Centauri"_s, 1, u"star"_s), link(u"b"_s, u"Betelgeuse"_s, 2, u"alpine"_s),
                link(u"c"_s, u"Sirius"_s, 3, u"star"_s)});
    f.settle();
    QSignalSpy count(&f.model, &ListModel::countChanged);
    // A rearrangement may take more than one turn (it has a time budget).
    f.model.setFilterText(u"ALP"_s);
    // Every role by default: the title of a, the tag of b.
    QTRY_COMPARE(f.slugs(), (QStringList{u"a"_s, u"b"_s}));
    QCOMPARE(count.size(), 1);
    f.model.setFilterRoles({u"title"_s});
    QTRY_COMPARE(f.slugs(), (QStringList{u"a"_s}));
    f.model.setFilterRoles({u"slug"_s});
    f.model.setFilterText(u"C"_s);
    QTRY_COMPARE(f.slugs(), (QStringList{u"c"_s}));
    // All filters at once: text, equality and predicate.
    f.model.setFilterRoles({u"title"_s});
    f.model.setFilterText(u"i"_s);
    QTRY_COMPARE(f.slugs(), (QStringList{u"a"_s, u"c"_s}));
    f.model.setFilterRole(u"tag"_s);
    f.model.setFilterValue(u"star"_s);
    f.model.setFilterPredicate([](const QVariantMap &r) { return r.value(u"rank"_s).toInt() > 1; });
    QTRY_COMPARE(f.slugs(), (QStringList{u"c"_s}));
    f.model.setFilterText({});
    f.model.setFilterRole({});
    f.model.setFilterPredicate({});
    QTRY_COMPARE(f.slugs(), (QStringList{u"a"_s, u"b"_s, u"c"_s}));
}

void tst_ListModel::textFilterStaysLive()
{
    Fixture f;
    f.model.setSortRole(u"title"_s);
    f.model.setFilterRoles({u"title"_s});
    f.model.setFilterText(u"rust"_s);
    f.snapshot({link(u"a"_s, u"Rust book"_s), link(u"b"_s, u"Go book"_s)});
    f.settle();
    QTRY_COMPARE(f.slugs(), (QStringList{u"a"_s}));
    QSignalSpy inserted(&f.model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(&f.model, &QAbstractItemModel::rowsRemoved);
    // b starts matching, a stops, c arrives matching, d arrives not matching.
    f.send({up(link(u"b"_s, u"Trusty rustacean"_s)), up(link(u"a"_s, u"C++ book"_s)),
            up(link(u"c"_s, u"RUST in action"_s)), up(link(u"d"_s, u"Zig"_s))});
    f.settle();
    QTRY_COMPARE(f.slugs(), (QStringList{u"c"_s, u"b"_s}));
    QCOMPARE(inserted.size(), 2);
    QCOMPARE(removed.size(), 1);
    QCOMPARE(f.model.count(), 2);
    QCOMPARE(f.model.indexOf(u"a"_s), -1);
}

void tst_ListModel::predicateFilter()
{
    Fixture f;
    int threshold = 2;
    f.model.setFilterPredicate([&threshold](const QVariantMap &r) { return r.value(u"rank"_s).toInt() >= threshold; });
    QVERIFY(f.model.hasFilterPredicate());
    f.snapshot({link(u"a"_s, u"A"_s, 1), link(u"b"_s, u"B"_s, 2), link(u"c"_s, u"C"_s, 3)});
    f.settle();
    QTRY_COMPARE(f.slugs(), (QStringList{u"b"_s, u"c"_s}));
    f.send({up(link(u"a"_s, u"A"_s, 5)), up(link(u"c"_s, u"C"_s, 0))});
    f.settle();
    QTRY_COMPARE(f.slugs(), (QStringList{u"a"_s, u"b"_s}));
    // What the predicate reads besides the record changed: asked to look again.
    threshold = 3;
    f.model.invalidateFilter();
    QTRY_COMPARE(f.slugs(), (QStringList{u"a"_s}));
    f.model.setFilterPredicate({});
    QVERIFY(!f.model.hasFilterPredicate());
    // Re-filtering runs in slices under a time budget, which a slow
    // (sanitizer) build can exceed even for three rows.
    QTRY_COMPARE(f.model.count(), 3);
}

void tst_ListModel::severalSortKeys()
{
    Fixture f;
    f.model.setSortRoles({u"tag"_s, u"rank"_s});
    f.model.setSortOrders({Qt::DescendingOrder});
    QCOMPARE(f.model.sortRoles(), (QStringList{u"tag"_s, u"rank"_s}));
    f.snapshot({link(u"a"_s, u"x"_s, 2, u"old"_s), link(u"b"_s, u"x"_s, 1, u"new"_s),
                link(u"c"_s, u"x"_s, 3, u"new"_s), link(u"d"_s, u"x"_s, 1, u"old"_s),
                link(u"e"_s, u"x"_s, 1, u"old"_s)});
    f.settle();
    // tag descending, then rank ascending (sortOrder), ties by slug.
    QTRY_COMPARE(f.slugs(), (QStringList{u"d"_s, u"e"_s, u"a"_s, u"b"_s, u"c"_s}));
    QPersistentModelIndex held(f.model.index(int(f.model.indexOf(u"c"_s))));
    QSignalSpy layout(&f.model, &QAbstractItemModel::layoutChanged);
    f.model.setSortOrders({Qt::AscendingOrder, Qt::DescendingOrder});
    QTRY_COMPARE(f.slugs(), (QStringList{u"c"_s, u"b"_s, u"a"_s, u"d"_s, u"e"_s}));
    QCOMPARE(layout.size(), 1);
    QCOMPARE(held.row(), 0);
    f.send({up(link(u"f"_s, u"x"_s, 2, u"new"_s)), up(link(u"d"_s, u"x"_s, 9, u"old"_s))});
    f.settle();
    QTRY_COMPARE(f.slugs(), (QStringList{u"c"_s, u"f"_s, u"b"_s, u"d"_s, u"a"_s, u"e"_s}));
    // Back to the single sortRole when sortRoles is empty.
    f.model.setSortRoles({});
    QTRY_COMPARE(f.slugs(), (QStringList{u"a"_s, u"b"_s, u"c"_s, u"d"_s, u"e"_s, u"f"_s}));
}

void tst_ListModel::localeAwareSort()
{
    Fixture f;
    f.model.setSortRole(u"title"_s);
    f.model.setSortLocale(QLocale(QLocale::German, QLocale::Germany));
    f.snapshot({link(u"z"_s, u"Zebra"_s), link(u"o"_s, u"Öl"_s), link(u"a"_s, u"apfel"_s),
                link(u"b"_s, u"Birne"_s), link(u"n"_s, u"Ofen"_s)});
    f.settle();
    // German: Ö sorts with O, lower and upper case together.
    QTRY_COMPARE(f.slugs(), (QStringList{u"a"_s, u"b"_s, u"n"_s, u"o"_s, u"z"_s}));
    f.model.setSortLocale(QLocale(QLocale::Swedish, QLocale::Sweden));
    // Swedish: Ö is a letter of its own, after Z.
    QTRY_COMPARE(f.slugs(), (QStringList{u"a"_s, u"b"_s, u"n"_s, u"z"_s, u"o"_s}));
    QCOMPARE(f.model.sortLocale().language(), QLocale::Swedish);
}

void tst_ListModel::sourceOfASortFilterProxyModel()
{
    Fixture f;
    f.model.setSortRole(u"rank"_s);
    QSortFilterProxyModel proxy;
    QAbstractItemModelTester proxyTester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    proxy.setSourceModel(&f.model);
    proxy.setFilterRole(f.model.roleForName(u"tag"_s));
    proxy.setFilterFixedString(u"red"_s);
    proxy.setSortRole(f.model.roleForName(u"title"_s));
    proxy.sort(0, Qt::DescendingOrder);
    f.snapshot({link(u"a"_s, u"A"_s, 1, u"red"_s), link(u"b"_s, u"B"_s, 2, u"blue"_s),
                link(u"c"_s, u"C"_s, 3, u"red"_s)});
    f.settle();
    const auto proxySlugs = [&proxy] {
        QStringList out;
        for (int i = 0; i < proxy.rowCount(); ++i)
            out.append(proxy.index(i, 0).data(ListModel::SlugRole).toString());
        return out;
    };
    QCOMPARE(proxySlugs(), (QStringList{u"c"_s, u"a"_s}));
    f.send({up(link(u"b"_s, u"Z"_s, 2, u"red"_s)), del(u"c"_s)});
    f.settle();
    QCOMPARE(proxySlugs(), (QStringList{u"b"_s, u"a"_s}));
    // The source's own search and sort feed the proxy too.
    f.model.setFilterText(u"z"_s);
    QCOMPARE(proxySlugs(), (QStringList{u"b"_s}));
    f.model.setFilterText({});
    f.model.setSortOrder(Qt::DescendingOrder);
    QCOMPARE(proxySlugs(), (QStringList{u"b"_s, u"a"_s}));
    QCOMPARE(f.model.count(), 2);
    QCOMPARE(f.model.status(), ListModel::Status::Ready);
    QVERIFY(f.model.error().isNull());
}

// Over 60,000 records a new filter and sort do not fit in one turn: they
// are computed over several, the rows keep their old arrangement meanwhile
// and live changes wait, then everything lands.
void tst_ListModel::largeRearrangementIsSliced()
{
    Fixture f;
    f.model.setSortRole(u"rank"_s);
    QList<QVariantMap> records;
    for (int i = 0; i < 60000; ++i)
        records.append(link(u"s%1"_s.arg(i, 5, 10, QChar(u'0')), u"title %1"_s.arg(i), i % 1000,
                            i % 7 == 0 ? u"seven"_s : u"other"_s));
    f.snapshot(records);
    f.settle();
    QCOMPARE(f.model.count(), 60000);
    QSignalSpy busy(&f.model, &ListModel::busyChanged);
    f.model.setSortRoles({u"title"_s});
    f.model.setSortOrders({Qt::DescendingOrder});
    f.model.setFilterRoles({u"tag"_s});
    f.model.setFilterText(u"SEVEN"_s);
    QVERIFY(f.model.isBusy());
    QCOMPARE(f.model.count(), 60000);
    QCOMPARE(f.model.sortRoles(), QStringList{u"title"_s});
    f.send({up(link(u"s00000"_s, u"title 0"_s, 0, u"other"_s))});
    QTRY_VERIFY_WITH_TIMEOUT(!f.model.isBusy(), 60000);
    f.settle();
    QVERIFY(busy.size() >= 2);
    QCOMPARE(f.model.count(), 8571); // every 7th but s00000
    QCOMPARE(f.model.indexOf(u"s00000"_s), -1);
    QCOMPARE(f.model.get(0).value(u"title"_s).toString(), u"title 9996"_s);
    for (int row = 1; row < f.model.count(); ++row)
        QVERIFY(f.model.get(row - 1).value(u"title"_s).toString() > f.model.get(row).value(u"title"_s).toString());
}

// Re-sorts too large for one turn: chunks merged over many slices give the
// full order, and a live change after each lands by the keys now shown.
void tst_ListModel::largeResortsKeepOrderAndLiveUpdates()
{
    Fixture f;
    constexpr int Records = 30000;
    QList<QVariantMap> records;
    for (int i = 0; i < Records; ++i)
        records.append(link(u"s%1"_s.arg(i, 5, 10, QChar(u'0')), u"title %1"_s.arg((i * 7919) % Records),
                            (i * 31) % 997));
    f.snapshot(records);
    f.settle();
    f.model.setSortRoles({u"rank"_s, u"title"_s});
    f.model.setSortOrders({Qt::DescendingOrder, Qt::AscendingOrder});
    QVERIFY(f.model.isBusy());
    QTRY_VERIFY_WITH_TIMEOUT(!f.model.isBusy(), 60000);
    QVERIFY(rowsInOrder(f.model, [](const QVariantMap &above, const QVariantMap &below) {
        const int byRank = below.value(u"rank"_s).toInt() - above.value(u"rank"_s).toInt();
        return byRank ? byRank < 0 : above.value(u"title"_s).toString() < below.value(u"title"_s).toString();
    }));
    f.send({up(link(u"s00001"_s, u"title new"_s, 2000))});
    f.settle();
    QCOMPARE(f.model.indexOf(u"s00001"_s), 0);

    f.model.setSortRoles({u"rank"_s});
    f.model.setSortOrders({Qt::AscendingOrder});
    QTRY_VERIFY_WITH_TIMEOUT(!f.model.isBusy(), 60000);
    f.send({up(link(u"s00002"_s, u"title low"_s, -1))});
    f.settle();
    QCOMPARE(f.model.indexOf(u"s00002"_s), 0);
    QCOMPARE(f.model.indexOf(u"s00001"_s), Records - 1);
    QVERIFY(rowsInOrder(f.model, [](const QVariantMap &above, const QVariantMap &below) {
        const int byRank = below.value(u"rank"_s).toInt() - above.value(u"rank"_s).toInt();
        return byRank ? byRank > 0 : above.value(u"slug"_s).toString() < below.value(u"slug"_s).toString();
    }));
}

void tst_ListModel::resyncReloadsInPlace()
{
    Fixture f;
    f.snapshot({link(u"a"_s, u"A"_s), link(u"b"_s, u"B"_s), link(u"c"_s, u"C"_s), link(u"d"_s, u"D"_s)});
    f.settle();
    QPersistentModelIndex keptA(f.model.index(0));
    QSignalSpy changed(&f.model, &QAbstractItemModel::dataChanged);
    QSignalSpy removed(&f.model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy inserted(&f.model, &QAbstractItemModel::rowsInserted);
    QSignalSpy reset(&f.model, &QAbstractItemModel::modelReset);
    // b changed, c gone, e new; a and d untouched.
    f.snapshot({link(u"a"_s, u"A"_s), link(u"b"_s, u"B2"_s), link(u"d"_s, u"D"_s), link(u"e"_s, u"E"_s)});
    f.settle();
    QTRY_COMPARE(f.slugs(), (QStringList{u"a"_s, u"b"_s, u"d"_s, u"e"_s}));
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.at(0).at(0).toModelIndex().data(ListModel::SlugRole).toString(), u"b"_s);
    QCOMPARE(removed.size(), 1);
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(reset.size(), 0);
    QVERIFY(keptA.isValid());
    QCOMPARE(keptA.row(), 0);
}

void tst_ListModel::indexOfAndGet()
{
    Fixture f;
    f.model.setSortRole(u"rank"_s);
    QList<QVariantMap> records;
    for (int i = 0; i < 200; ++i)
        records.append(link(u"s%1"_s.arg(i), u"T"_s, 200 - i));
    f.snapshot(records);
    f.settle();
    QCOMPARE(f.model.indexOf(u"s199"_s), 0);
    QCOMPARE(f.model.indexOf(u"s0"_s), 199);
    QCOMPARE(f.model.indexOf(u"nope"_s), -1);
    QCOMPARE(f.model.get(0).value(u"slug"_s).toString(), u"s199"_s);
    QVERIFY(f.model.get(500).isEmpty());
    QVERIFY(f.model.get(-1).isEmpty());
    QCOMPARE(f.model.data(f.model.index(0), f.model.roleForName(u"rank"_s)).toInt(), 1);
}

void tst_ListModel::statusAndError()
{
    Fixture f;
    QSignalSpy status(&f.model, &ListModel::statusChanged);
    f.mailbox->pushError(Error(Error::Kind::Unauthorized, u"store_not_allowed"_s));
    QTRY_COMPARE(f.model.status(), ListModel::Status::Error);
    QCOMPARE(f.model.error().code(), u"store_not_allowed"_s);
    QCOMPARE(status.size(), 1);
}

void tst_ListModel::displayRole()
{
    Fixture f;
    f.snapshot({link(u"a"_s, u"Alpha"_s)});
    f.settle();
    QCOMPARE(f.model.index(0).data().toString(), u"a"_s);
    QSignalSpy changed(&f.model, &QAbstractItemModel::dataChanged);
    f.model.setDisplayRole(u"title"_s);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(f.model.index(0).data().toString(), u"Alpha"_s);
    f.send({up(link(u"a"_s, u"Beta"_s))});
    f.settle();
    QVERIFY(changed.last().at(2).value<QList<int>>().contains(Qt::DisplayRole));
}

// 50,000 random upserts and deletes against 1,000 slugs, EveryEvent
// delivery: the model must end exactly at the final state, sorted, with the
// item-model tester checking every step.
void tst_ListModel::storm()
{
    Fixture f(TopicSubscription::Delivery::EveryEvent);
    f.model.setSortRole(u"rank"_s);
    f.snapshot({});
    f.settle();
    QRandomGenerator rng(7);
    QMap<QString, QVariantMap> expected;
    QList<RecordEvent> events;
    for (int i = 0; i < 50000; ++i) {
        const QString slug = u"r%1"_s.arg(rng.bounded(1000));
        if (rng.bounded(5) == 0) {
            expected.remove(slug);
            events.append(del(slug));
        } else {
            const QVariantMap record = link(slug, u"t%1"_s.arg(i), int(rng.bounded(100)));
            expected.insert(slug, record);
            events.append(up(record));
        }
    }
    f.send(events);
    f.settle();
    QCOMPARE(f.model.count(), int(expected.size()));
    for (int row = 0; row < f.model.count(); ++row) {
        const QVariantMap record = f.model.get(row);
        QCOMPARE(record, expected.value(record.value(u"slug"_s).toString()));
        if (row > 0) {
            const QVariantMap prev = f.model.get(row - 1);
            const int a = prev.value(u"rank"_s).toInt();
            const int b = record.value(u"rank"_s).toInt();
            QVERIFY(a < b || (a == b && prev.value(u"slug"_s).toString() < record.value(u"slug"_s).toString()));
        }
    }
}

namespace {

// Titles in an order unrelated to the slugs, so that each slice of a load
// lands all over the rows already shown.
QList<QVariantMap> scatteredRecords(int count)
{
    QList<QVariantMap> records;
    records.reserve(count);
    for (int i = 0; i < count; ++i)
        records.append(link(u"s%1"_s.arg(i, 5, 10, QChar(u'0')), u"title %1"_s.arg((i * 7919) % count, 5, 10, QChar(u'0')),
                            i % 100));
    return records;
}

bool titlesAscending(const QVariantMap &above, const QVariantMap &below)
{
    return above.value(u"title"_s).toString() < below.value(u"title"_s).toString();
}

} // namespace

// A first load too large for one turn shows its first rows at once, then
// the rest once sorted and merged over later turns; the rows are sorted at
// every step, and the model is Ready only when every record is a row.
void tst_ListModel::largeFirstLoadIsSliced()
{
    Fixture f;
    f.model.setSortRole(u"title"_s);
    constexpr int Records = 20000;
    QList<int> counts;
    bool sortedAtEveryStep = true;
    bool readyBeforeTheEnd = false;
    const auto step = [&] {
        counts.append(f.model.count());
        sortedAtEveryStep = sortedAtEveryStep && rowsInOrder(f.model, titlesAscending);
        readyBeforeTheEnd = readyBeforeTheEnd
                || (f.model.status() == ListModel::Status::Ready && f.model.count() < Records);
    };
    connect(&f.model, &QAbstractItemModel::rowsInserted, this, step);
    connect(&f.model, &QAbstractItemModel::modelReset, this, step);
    f.snapshot(scatteredRecords(Records));
    f.settle();
    QTRY_COMPARE(f.model.status(), ListModel::Status::Ready);
    QCOMPARE(f.model.count(), Records);
    QVERIFY2(counts.size() >= 2, qPrintable(u"steps: %1"_s.arg(counts.size())));
    QVERIFY(counts.first() > 0);
    QVERIFY(counts.first() < Records);
    QCOMPARE(counts.last(), Records);
    QVERIFY(sortedAtEveryStep);
    QVERIFY(!readyBeforeTheEnd);
    QVERIFY(rowsInOrder(f.model, titlesAscending));
}

void tst_ListModel::eventsDuringASlicedLoadLandAfterIt_data()
{
    QTest::addColumn<TopicSubscription::Delivery>("delivery");
    QTest::newRow("coalesced") << TopicSubscription::Delivery::Coalesced;
    QTest::newRow("every event") << TopicSubscription::Delivery::EveryEvent;
}

// Changes that arrive while a load is still being shown wait in the mailbox
// (coalescing there, whatever the delivery) and apply over the loaded rows: an upsert of a record
// not shown yet ends with its new value, a delete removes it, a new record
// is added; no event is lost or applied twice.
void tst_ListModel::eventsDuringASlicedLoadLandAfterIt()
{
    QFETCH(TopicSubscription::Delivery, delivery);
    Fixture f(delivery);
    f.model.setSortRole(u"title"_s);
    constexpr int Records = 20000;
    f.snapshot(scatteredRecords(Records));
    QTRY_VERIFY(f.model.count() > 0);
    QVERIFY(f.model.count() < Records);
    f.send({up(link(u"s19999"_s, u"changed once"_s)), del(u"s19998"_s), up(link(u"s19999"_s, u"changed twice"_s)),
            up(link(u"z-new"_s, u"a new one"_s))});
    QCoreApplication::processEvents();
    QVERIFY(f.model.count() < Records);
    // They wait in the mailbox, to be coalesced when the model takes them.
    QCOMPARE(f.mailbox->queuedEvents(), 4);
    f.settle();
    QTRY_COMPARE(f.model.count(), Records);
    QCOMPARE(f.model.get(f.model.indexOf(u"s19999"_s)).value(u"title"_s).toString(), u"changed twice"_s);
    QCOMPARE(f.model.indexOf(u"s19998"_s), -1);
    QCOMPARE(f.model.indexOf(u"z-new"_s), 0);
    QVERIFY(rowsInOrder(f.model, titlesAscending));
}

// A new sort and filter set while a load is half shown cover the records
// built so far; the rest of the load lands by them.
void tst_ListModel::rearrangedDuringASlicedLoad()
{
    Fixture f;
    f.model.setSortRole(u"title"_s);
    constexpr int Records = 20000;
    f.snapshot(scatteredRecords(Records));
    QTRY_VERIFY(f.model.count() > 0);
    QVERIFY(f.model.count() < Records);
    f.model.setSortRoles({u"rank"_s, u"title"_s});
    f.model.setSortOrders({Qt::DescendingOrder, Qt::AscendingOrder});
    f.model.setFilterRoles({u"rank"_s});
    f.model.setFilterText(u"7"_s); // ranks 7, 17, 27, ... 70-79, 87, 97
    f.settle();
    QTRY_COMPARE(f.model.status(), ListModel::Status::Ready);
    QTRY_VERIFY(!f.model.isBusy());
    QCOMPARE(f.model.count(), 19 * Records / 100);
    QVERIFY(rowsInOrder(f.model, [](const QVariantMap &above, const QVariantMap &below) {
        const int byRank = below.value(u"rank"_s).toInt() - above.value(u"rank"_s).toInt();
        return byRank ? byRank < 0 : titlesAscending(above, below);
    }));
}

// A snapshot that names a slug twice (the later record wins) gives one row,
// whether the first one was shown already or not.
void tst_ListModel::slugTwiceInALargeSnapshot()
{
    Fixture f;
    f.model.setSortRole(u"title"_s);
    QList<QVariantMap> records = scatteredRecords(20000);
    records.append(link(u"s00000"_s, u"again, first record"_s));
    records.append(link(u"s19999"_s, u"again, last record"_s));
    f.snapshot(records);
    f.settle();
    QTRY_COMPARE(f.model.status(), ListModel::Status::Ready);
    QCOMPARE(f.model.count(), 20000);
    QCOMPARE(f.model.get(0).value(u"title"_s).toString(), u"again, first record"_s);
    QCOMPARE(f.model.get(1).value(u"title"_s).toString(), u"again, last record"_s);
    QVERIFY(rowsInOrder(f.model, titlesAscending));
}

void tst_ListModel::modelDeletedDuringASlicedLoad_data()
{
    QTest::addColumn<QString>("when");
    QTest::newRow("from countChanged") << u"countChanged"_s;
    QTest::newRow("from rowsInserted") << u"rowsInserted"_s;
    QTest::newRow("between slices") << u"between"_s;
}

// A model deleted while a load is half shown, by a slot of its own
// signals or between two slices, stops there: nothing runs on it after.
void tst_ListModel::modelDeletedDuringASlicedLoad()
{
    QFETCH(QString, when);
    auto mailbox = std::make_shared<TopicMailbox>(TopicSubscription::Delivery::Coalesced, 100000);
    QPointer<ListModel> model = new ListModel;
    model->setSchema(linkSchema());
    model->setSortRole(u"title"_s);
    model->setSubscription(TopicSubscriptionPrivate::create(
            model, std::make_unique<TopicSubscriptionPrivate>(u"links"_s, mailbox, nullptr)));
    if (when == u"countChanged")
        connect(model, &ListModel::countChanged, this, [&] { delete model.data(); });
    else if (when == u"rowsInserted")
        connect(model, &QAbstractItemModel::rowsInserted, this, [&] { delete model.data(); });
    mailbox->pushSnapshot(scatteredRecords(20000));
    mailbox->pushActive();
    if (when == u"between") {
        QTRY_VERIFY(model->count() > 0);
        QVERIFY(model->count() < 20000);
        delete model.data();
    }
    QTRY_VERIFY(!model);
    for (int i = 0; i < 20; ++i)
        QCoreApplication::processEvents();
    QVERIFY(mailbox->isClosed());
}

QTEST_GUILESS_MAIN(tst_ListModel)
#include "tst_listmodel.moc"
