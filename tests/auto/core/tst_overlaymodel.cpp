// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#include "valuemodeltestutils.h"

#include <dustoverlaymodel_p.h>

#include <QtCore/qjsonarray.h>
#include <QtCore/qjsondocument.h>
#include <QtTest/qtest.h>

using namespace Qt::StringLiterals;
using DustTest::J;
using DustTest::P;
using Dust::Glob;
using Dust::Op;
using Dust::OverlayModel;
using Dust::PageRequest;
using Dust::Path;
using Dust::ValueModel;

namespace {

Glob G(QStringView pattern)
{
    return *Glob::compile(pattern.toString());
}

QStringList keys(const OverlayModel &view, QStringView pattern,
                 PageRequest::Order order = PageRequest::Order::Ascending)
{
    PageRequest request;
    request.select = PageRequest::Select::Keys;
    request.order = order;
    request.limit = PageRequest::MaxLimit;
    return view.enumerate(G(pattern), request)->keys;
}

// Lays `op` over `view` at its path as a client replays a pending write.
void pend(OverlayModel &view, Op::Kind kind, const Path &path, const QJsonValue &value)
{
    ValueModel region;
    region.applyChanges(view.subtree(path));
    QVERIFY(region.apply(kind, path, value, 0, ValueModel::Strictness::Lenient));
    view.assign(path, region);
}

} // namespace

class tst_OverlayModel : public QObject
{
    Q_OBJECT

private slots:
    void emptyOverlayReadsTheModel();
    void overlayWinsOverTheModel();
    void removalsHideAModelSubtree();
    void keepsOnlyWhatDiffers();
    void resetShowsTheModelAgain();
    void globReadsMergeBoth_data();
    void globReadsMergeBoth();
    void pagingAcrossBoth();
    void leavesSurviveTheCompactForm_data();
    void leavesSurviveTheCompactForm();
};

void tst_OverlayModel::emptyOverlayReadsTheModel()
{
    ValueModel model;
    model.apply(Op::Kind::Set, P(u"a"), J(R"({"x":1,"y":"s"})"), 3);
    const OverlayModel view(model);
    QVERIFY(view.isEmpty());
    QCOMPARE(view.read(P(u"a"))->value, J(R"({"x":1,"y":"s"})"));
    QCOMPARE(view.leaf(P(u"a/y"))->seq, 3);
    QCOMPARE(view.count(G(u"**")), 2);
    // The model changes underneath; the view shows it at once.
    model.apply(Op::Kind::Set, P(u"b"), J("2"), 4);
    QCOMPARE(keys(view, u"**"), (QStringList{u"a/x"_s, u"a/y"_s, u"b"_s}));
}

void tst_OverlayModel::overlayWinsOverTheModel()
{
    ValueModel model;
    model.apply(Op::Kind::Set, P(u"n"), J("5"), 1);
    model.apply(Op::Kind::Set, P(u"r"), J(R"({"a":1})"), 2);
    OverlayModel view(model);
    pend(view, Op::Kind::Increment, P(u"n"), J("2"));
    pend(view, Op::Kind::Merge, P(u"r"), J(R"({"b":2})"));
    QCOMPARE(view.leaf(P(u"n"))->value, J("7"));
    QCOMPARE(view.leaf(P(u"n"))->seq, 0);
    QCOMPARE(view.read(P(u"r"))->value, J(R"({"a":1,"b":2})"));
    QVERIFY(view.contains(P(u"r/b")));
    // The model itself is untouched.
    QCOMPARE(model.leaf(P(u"n"))->value, J("5"));
    QVERIFY(!model.contains(P(u"r/b")));
}

void tst_OverlayModel::removalsHideAModelSubtree()
{
    ValueModel model;
    model.apply(Op::Kind::Set, P(u"v"), J(R"({"a":1,"b":{"c":2}})"), 1);
    model.apply(Op::Kind::Set, P(u"w"), J("3"), 2);
    OverlayModel view(model);
    pend(view, Op::Kind::Delete, P(u"v"), QJsonValue());
    QVERIFY(!view.read(P(u"v")));
    QVERIFY(!view.contains(P(u"v")));
    QVERIFY(!view.leaf(P(u"v/b/c")));
    QVERIFY(view.subtree(P(u"v")).isEmpty());
    QCOMPARE(keys(view, u"**"), QStringList{u"w"_s});
    QCOMPARE(view.count(G(u"v/**")), 0);
    // A pending set over the removed subtree shows through the removals.
    pend(view, Op::Kind::Set, P(u"v/b"), J("9"));
    QCOMPARE(view.read(P(u"v"))->value, J(R"({"b":9})"));
    QCOMPARE(keys(view, u"**"), (QStringList{u"v/b"_s, u"w"_s}));
}

void tst_OverlayModel::keepsOnlyWhatDiffers()
{
    ValueModel model;
    model.apply(Op::Kind::Set, P(u"r"), J(R"({"a":1,"b":2,"c":3})"), 1);
    OverlayModel view(model);
    pend(view, Op::Kind::Merge, P(u"r"), J(R"({"b":20})"));
    // r/a and r/c are the model's: only r/b is laid over it.
    QCOMPARE(view.overlaySize(), 1);
    pend(view, Op::Kind::Set, P(u"r"), J(R"({"a":1})"));
    // r/a differs now (revision 0), r/b and r/c are removals.
    QCOMPARE(view.overlaySize(), 3);
    QCOMPARE(view.read(P(u"r"))->value, J(R"({"a":1})"));
}

void tst_OverlayModel::resetShowsTheModelAgain()
{
    ValueModel model;
    model.apply(Op::Kind::Set, P(u"a"), J(R"({"x":1})"), 1);
    OverlayModel view(model);
    pend(view, Op::Kind::Delete, P(u"a"), QJsonValue());
    pend(view, Op::Kind::Set, P(u"b"), J("1"));
    view.reset(P(u"a"));
    QCOMPARE(view.read(P(u"a"))->value, J(R"({"x":1})"));
    QCOMPARE(view.leaf(P(u"b"))->value, J("1"));
    view.clear();
    QVERIFY(view.isEmpty());
    QVERIFY(!view.leaf(P(u"b")));
}

void tst_OverlayModel::globReadsMergeBoth_data()
{
    QTest::addColumn<PageRequest::Order>("order");
    QTest::newRow("ascending") << PageRequest::Order::Ascending;
    QTest::newRow("descending") << PageRequest::Order::Descending;
}

void tst_OverlayModel::globReadsMergeBoth()
{
    QFETCH(PageRequest::Order, order);
    ValueModel model;
    for (const char *key : {"items/a", "items/c", "items/e", "other"})
        model.apply(Op::Kind::Set, P(QString::fromLatin1(key)), J("1"), 1);
    OverlayModel view(model);
    pend(view, Op::Kind::Set, P(u"items/b"), J("2"));
    pend(view, Op::Kind::Delete, P(u"items/c"), QJsonValue());
    pend(view, Op::Kind::Set, P(u"items/e"), J("3"));
    pend(view, Op::Kind::Set, P(u"items/f"), J("4"));
    QStringList expected{u"items/a"_s, u"items/b"_s, u"items/e"_s, u"items/f"_s};
    if (order == PageRequest::Order::Descending)
        std::reverse(expected.begin(), expected.end());
    QCOMPARE(keys(view, u"items/*", order), expected);
    QCOMPARE(view.count(G(u"items/*")), 4);
    QCOMPARE(view.count(G(u"**")), 5);

    PageRequest prefixes;
    prefixes.select = PageRequest::Select::Prefixes;
    QCOMPARE(view.enumerate(G(u"**"), prefixes)->keys, (QStringList{u"items"_s, u"other"_s}));

    const Dust::Result<Dust::Page> range = view.range(u"items/b"_s, u"items/f"_s);
    QCOMPARE(range->entries.size(), 2);
    QCOMPARE(range->entries.at(0).path.toString(), u"items/b"_s);
    QCOMPARE(range->entries.at(1).value, J("3"));
    QCOMPARE(range->entries.at(1).revision, 0);
}

void tst_OverlayModel::pagingAcrossBoth()
{
    ValueModel model;
    for (int i = 0; i < 10; i += 2)
        model.apply(Op::Kind::Set, P(u"k/%1"_s.arg(i)), J("1"), 1);
    OverlayModel view(model);
    for (int i = 1; i < 10; i += 2)
        pend(view, Op::Kind::Set, P(u"k/%1"_s.arg(i)), J("2"));
    pend(view, Op::Kind::Delete, P(u"k/4"), QJsonValue());
    PageRequest request;
    request.limit = 3;
    request.select = PageRequest::Select::Keys;
    QStringList all;
    for (;;) {
        const Dust::Result<Dust::Page> page = view.enumerate(G(u"k/*"), request);
        all += page->keys;
        if (page->nextCursor.isEmpty())
            break;
        request.after = page->nextCursor;
    }
    QCOMPARE(all, (QStringList{u"k/0"_s, u"k/1"_s, u"k/2"_s, u"k/3"_s, u"k/5"_s, u"k/6"_s, u"k/7"_s,
                               u"k/8"_s, u"k/9"_s}));
}

void tst_OverlayModel::leavesSurviveTheCompactForm_data()
{
    QTest::addColumn<QJsonValue>("value");
    QTest::newRow("string") << J(R"("héllo ☃")");
    QTest::newRow("string of 24 bytes") << QJsonValue(QString(24, u'x'));
    QTest::newRow("string of 300 bytes") << QJsonValue(QString(300, u'é'));
    QTest::newRow("string of 70,000 bytes") << QJsonValue(QString(70000, u'y'));
    QTest::newRow("zero") << J("0");
    QTest::newRow("23") << J("23");
    QTest::newRow("24") << J("24");
    QTest::newRow("65536") << J("65536");
    QTest::newRow("2^32") << J("4294967296");
    QTest::newRow("-24") << J("-24");
    QTest::newRow("-2^53") << J("-9007199254740992");
    QTest::newRow("int64 min") << QJsonValue(std::numeric_limits<qint64>::min());
    QTest::newRow("int64 max") << QJsonValue(std::numeric_limits<qint64>::max());
    QTest::newRow("false") << J("false");
    QTest::newRow("negative float") << J("-0.5");
    QTest::newRow("huge float") << J("1e300");
    QTest::newRow("empty string") << J(R"("")");
    QTest::newRow("integer") << J("9007199254740992");
    QTest::newRow("negative") << J("-3");
    QTest::newRow("float") << J("1.25");
    QTest::newRow("boolean") << J("true");
    QTest::newRow("null") << J("null");
    QTest::newRow("array") << J(R"([1,"a",{"b":null}])");
    QTest::newRow("typed") << J(R"({"_typed":"1.50","_type":"decimal"})");
    // JSON escapes a lone surrogate; UTF-8 has no form for it.
    QTest::newRow("lone surrogate") << J(R"("\ud800a")");
    QTest::newRow("array holding a lone surrogate key") << J(R"([{"\ud800":"a/b"}])");
    QTest::newRow("typed holding a lone surrogate") << J(R"({"_typed":"\udc00","_type":"decimal"})");
}

// Values are kept encoded and decoded on read: each reads back as written,
// through the model and through a view, and a copy of the model too.
void tst_OverlayModel::leavesSurviveTheCompactForm()
{
    QFETCH(QJsonValue, value);
    ValueModel model;
    model.apply(Op::Kind::Set, P(u"x"), value, 7);
    const ValueModel copy = model;
    const OverlayModel view(copy);
    for (const std::optional<Dust::Leaf> &leaf : {model.leaf(P(u"x")), copy.leaf(P(u"x")), view.leaf(P(u"x"))}) {
        QVERIFY(leaf);
        QCOMPARE(leaf->value, value);
        QCOMPARE(leaf->type, Dust::Entry::typeOf(value));
        QCOMPARE(leaf->seq, 7);
    }
}

QTEST_APPLESS_MAIN(tst_OverlayModel)
#include "tst_overlaymodel.moc"
