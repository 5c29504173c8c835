// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#include "valuemodeltestutils.h"

#include <dustvaluemodel.h>

#include <QtCore/qjsonarray.h>
#include <QtCore/qjsondocument.h>
#include <QtTest/qtest.h>

#include <map>

using namespace Qt::StringLiterals;
using DustTest::J;
using DustTest::P;
using Dust::Entry;
using Dust::Leaf;
using Dust::Op;
using Dust::Path;
using Dust::ValueModel;

namespace {

// Every leaf of `model`, to compare whole states.
std::map<QByteArray, Leaf> leaves(const ValueModel &model)
{
    std::map<QByteArray, Leaf> out;
    model.forEachLeaf([&out](const QByteArray &key, const Leaf &leaf) { out.emplace(key, leaf); });
    return out;
}

QStringList keys(const ValueModel &model)
{
    QStringList out;
    model.forEachLeaf([&out](const QByteArray &key, const Leaf &) { out.append(QString::fromUtf8(key)); });
    return out;
}

} // namespace

class tst_ValueModel : public QObject
{
    Q_OBJECT

private slots:
    void setPlainMapFlattens();
    void setMapReplacesStaleChildren();
    void setScalarReplacesSubtree();
    void setEmptyMapLeavesNothing();
    void setKeepsAncestors();
    void fastSetMatchesApply_data();
    void fastSetMatchesApply();
    void typedValuesStayLeaves_data();
    void typedValuesStayLeaves();
    void arraysStayLeaves();
    void keysWithSlashesAreOneSegment();
    void deleteRemovesSubtree();
    void mergeReplacesNamedChildren();
    void mergeNestedMaps();
    void increment_data();
    void increment();
    void incrementBeyondExactRange();
    void checkNumbers_data();
    void checkNumbers();
    void incrementNonNumberTarget();
    void addPutsFrontWithoutDuplicates();
    void removeFirstEqual();
    void removeMissingGivesEmptySet();
    void addRemoveStructuredMembers();
    void leaseAndFileOps();
    void revisions();
    void readAssemblesNestedMap();
    void exactLeafWins();
    void validation_data();
    void validation();
    void rejectedOpChangesNothing();
    void undoWithPrevious();
    void changesReportEveryTouchedKey();
    void snapshotValues_data();
    void snapshotValues();
    void enumerate();
    void enumeratePaging_data();
    void enumeratePaging();
    void enumeratePrefixes();
    void rangeQueries();
    void count();
};

void tst_ValueModel::setPlainMapFlattens()
{
    ValueModel m;
    const auto r = m.apply(Op::Kind::Set, P(u"posts/hello"), J(R"({"title":"Hi","meta":{"views":3,"tags":["a"]}})"), 5);
    QVERIFY2(r, qPrintable(r.error().toString()));
    QCOMPARE(keys(m), (QStringList{u"posts/hello/meta/tags"_s, u"posts/hello/meta/views"_s, u"posts/hello/title"_s}));
    QVERIFY(!m.leaf(P(u"posts/hello")));
    QCOMPARE(m.leaf(P(u"posts/hello/meta/views"))->type, Entry::Type::Integer);
    QCOMPARE(m.leaf(P(u"posts/hello/meta/tags"))->type, Entry::Type::Set);
    QCOMPARE(m.leaf(P(u"posts/hello/title"))->value, J(R"("Hi")"));
    // The materialized value of a set is the value as written.
    QCOMPARE(r->value, J(R"({"title":"Hi","meta":{"views":3,"tags":["a"]}})"));
}

void tst_ValueModel::setMapReplacesStaleChildren()
{
    ValueModel m;
    m.apply(Op::Kind::Set, P(u"r"), J(R"({"a":1,"b":{"c":2}})"), 1);
    m.apply(Op::Kind::Set, P(u"r"), J(R"({"b":3})"), 2);
    QCOMPARE(keys(m), QStringList{u"r/b"_s});
    QCOMPARE(m.read(P(u"r"))->value, J(R"({"b":3})"));
}

void tst_ValueModel::setScalarReplacesSubtree()
{
    ValueModel m;
    m.apply(Op::Kind::Set, P(u"a"), J(R"({"x":1,"y":{"z":2}})"), 1);
    m.apply(Op::Kind::Set, P(u"a"), J("7"), 2);
    QCOMPARE(keys(m), QStringList{u"a"_s});
    QCOMPARE(m.read(P(u"a"))->value, J("7"));
    // and back: a map replaces the scalar leaf
    m.apply(Op::Kind::Set, P(u"a"), J(R"({"k":true})"), 3);
    QCOMPARE(keys(m), QStringList{u"a/k"_s});
}

void tst_ValueModel::setEmptyMapLeavesNothing()
{
    ValueModel m;
    m.apply(Op::Kind::Set, P(u"a/b"), J("1"), 1);
    m.apply(Op::Kind::Set, P(u"a"), J("{}"), 2);
    QVERIFY(keys(m).isEmpty());
    QVERIFY(!m.read(P(u"a")));
    m.apply(Op::Kind::Set, P(u"x"), J(R"({"empty":{},"y":1})"), 3);
    QCOMPARE(keys(m), QStringList{u"x/y"_s});
}

void tst_ValueModel::setKeepsAncestors()
{
    ValueModel m;
    m.apply(Op::Kind::Set, P(u"a"), J(R"("scalar")"), 1);
    m.apply(Op::Kind::Set, P(u"a/b"), J("2"), 2);
    QCOMPARE(keys(m), (QStringList{u"a"_s, u"a/b"_s}));
    QCOMPARE(m.read(P(u"a/b"))->value, J("2"));
}

void tst_ValueModel::typedValuesStayLeaves_data()
{
    QTest::addColumn<QJsonValue>("value");
    QTest::addColumn<Entry::Type>("type");
    QTest::newRow("file") << J(R"({"_type":"file","hash":"sha256:00","size":3,"content_type":"text/plain","filename":"a.txt","uploaded_at":"2026-01-01T00:00:00Z"})") << Entry::Type::File;
    QTest::newRow("lease") << J(R"({"_type":"lease","holder":null,"token":4,"expires_at":1})") << Entry::Type::Lease;
    QTest::newRow("decimal") << J(R"({"_typed":"1.50","_type":"decimal"})") << Entry::Type::Decimal;
    QTest::newRow("datetime") << J(R"({"_typed":"2026-01-01T00:00:00Z","_type":"datetime"})") << Entry::Type::DateTime;
    QTest::newRow("string") << J(R"("s")") << Entry::Type::String;
    QTest::newRow("integer") << J("-12") << Entry::Type::Integer;
    QTest::newRow("float") << J("1.25") << Entry::Type::Float;
    QTest::newRow("boolean") << J("false") << Entry::Type::Boolean;
    QTest::newRow("null") << J("null") << Entry::Type::Null;
}

void tst_ValueModel::typedValuesStayLeaves()
{
    QFETCH(QJsonValue, value);
    QFETCH(Entry::Type, type);
    ValueModel m;
    m.apply(Op::Kind::Set, P(u"k/child"), J("1"), 1);
    QVERIFY(m.apply(Op::Kind::Set, P(u"k"), value, 2));
    QCOMPARE(keys(m), QStringList{u"k"_s});
    QCOMPARE(m.leaf(P(u"k"))->type, type);
    QCOMPARE(m.read(P(u"k"))->value, value);
    QCOMPARE(Entry::typeName(type), Entry::typeName(*Entry::typeFromName(Entry::typeName(type))));
}

void tst_ValueModel::arraysStayLeaves()
{
    ValueModel m;
    m.apply(Op::Kind::Set, P(u"list"), J(R"([{"a":1},[2],3])"), 1);
    QCOMPARE(keys(m), QStringList{u"list"_s});
    QCOMPARE(m.leaf(P(u"list"))->type, Entry::Type::Set);
}

void tst_ValueModel::keysWithSlashesAreOneSegment()
{
    ValueModel m;
    m.apply(Op::Kind::Set, P(u"files"), J(R"({"image/png":1,"a~b":2,"x.y":3})"), 1);
    QCOMPARE(keys(m), (QStringList{u"files/a~0b"_s, u"files/image~1png"_s, u"files/x.y"_s}));
    QCOMPARE(m.read(P(u"files"))->value, J(R"({"image/png":1,"a~b":2,"x.y":3})"));
}

void tst_ValueModel::deleteRemovesSubtree()
{
    ValueModel m;
    m.apply(Op::Kind::Set, P(u"a"), J("1"), 1);
    m.apply(Op::Kind::Set, P(u"a/b"), J(R"({"c":1,"d":2})"), 2);
    m.apply(Op::Kind::Set, P(u"ab"), J("3"), 3);
    m.apply(Op::Kind::Set, P(u"a-b"), J("4"), 4);
    const auto r = m.apply(Op::Kind::Delete, P(u"a"), QJsonValue(), 5);
    QVERIFY(r);
    QVERIFY(r->value.isNull());
    QCOMPARE(keys(m), (QStringList{u"a-b"_s, u"ab"_s}));
    // Deleting what is not there succeeds and changes nothing.
    const auto none = m.apply(Op::Kind::Delete, P(u"zzz"), QJsonValue(), 6);
    QVERIFY(none);
    QVERIFY(none->changes.isEmpty());
}

void tst_ValueModel::mergeReplacesNamedChildren()
{
    ValueModel m;
    m.apply(Op::Kind::Set, P(u"p"), J(R"({"a":1,"b":2,"c":{"x":1}})"), 1);
    const auto r = m.apply(Op::Kind::Merge, P(u"p"), J(R"({"b":20,"c":"flat"})"), 2);
    QVERIFY(r);
    QCOMPARE(r->value, J(R"({"b":20,"c":"flat"})"));
    QCOMPARE(m.read(P(u"p"))->value, J(R"({"a":1,"b":20,"c":"flat"})"));
    QCOMPARE(m.leaf(P(u"p/a"))->seq, 1);
    QCOMPARE(m.leaf(P(u"p/b"))->seq, 2);
}

void tst_ValueModel::mergeNestedMaps()
{
    ValueModel m;
    m.apply(Op::Kind::Set, P(u"p"), J("0"), 2);
    m.apply(Op::Kind::Set, P(u"p/keep"), J("true"), 3);
    m.apply(Op::Kind::Set, P(u"p/n"), J(R"({"old":1,"other":2})"), 4);
    // A nested map replaces the named child's whole subtree; a leaf at the
    // merge root survives.
    QVERIFY(m.apply(Op::Kind::Merge, P(u"p"), J(R"({"n":{"new":{"deep":1}}})"), 5));
    QCOMPARE(keys(m), (QStringList{u"p"_s, u"p/keep"_s, u"p/n/new/deep"_s}));
    QCOMPARE(m.read(P(u"p"))->value, J("0"));
    QCOMPARE(m.read(P(u"p/n"))->value, J(R"({"new":{"deep":1}})"));
    // Merge onto nothing creates the children.
    QVERIFY(m.apply(Op::Kind::Merge, P(u"fresh"), J(R"({"a":{"b":1}})"), 6));
    QCOMPARE(m.read(P(u"fresh"))->value, J(R"({"a":{"b":1}})"));
}

void tst_ValueModel::increment_data()
{
    QTest::addColumn<QJsonValue>("start");
    QTest::addColumn<QJsonArray>("deltas");
    QTest::addColumn<QJsonValue>("total");
    QTest::newRow("from nothing") << QJsonValue(QJsonValue::Undefined) << QJsonArray{1} << J("1");
    QTest::newRow("5 then 3") << QJsonValue(QJsonValue::Undefined) << QJsonArray{5, 3} << J("8");
    QTest::newRow("negative") << J("10") << QJsonArray{-15} << J("-5");
    QTest::newRow("float delta") << J("1") << QJsonArray{0.5, 0.25} << J("1.75");
    QTest::newRow("float start") << J("2.5") << QJsonArray{-1} << J("1.5");
    QTest::newRow("from null") << J("null") << QJsonArray{2} << J("2");
    QTest::newRow("up to 2^53") << J("9007199254740990") << QJsonArray{2} << J("9007199254740992");
}

void tst_ValueModel::increment()
{
    QFETCH(QJsonValue, start);
    QFETCH(QJsonArray, deltas);
    QFETCH(QJsonValue, total);
    ValueModel m;
    if (!start.isUndefined())
        m.apply(Op::Kind::Set, P(u"c"), start, 1);
    QJsonValue last;
    for (const QJsonValue &d : deltas) {
        const auto r = m.apply(Op::Kind::Increment, P(u"c"), d, 2);
        QVERIFY2(r, qPrintable(r.error().toString()));
        last = r->value;
    }
    QCOMPARE(last, total);
    QCOMPARE(m.leaf(P(u"c"))->value, total);
    QCOMPARE(m.leaf(P(u"c"))->type, Entry::Type::Counter);
}

void tst_ValueModel::incrementBeyondExactRange()
{
    // The server refuses a total JSON cannot hold exactly and keeps the
    // counter; a client's optimistic copy (Lenient) computes on and lets
    // the server decide.
    ValueModel strict;
    strict.apply(Op::Kind::Set, P(u"c"), J("9007199254740992"), 1);
    const auto refused = strict.apply(Op::Kind::Increment, P(u"c"), J("1"), 2);
    QVERIFY(!refused);
    QCOMPARE(refused.error().code(), u"invalid_value"_s);
    QCOMPARE(strict.leaf(P(u"c"))->value, J("9007199254740992"));
    QVERIFY(!strict.apply(Op::Kind::Increment, P(u"c"), J("-18014398509481985"), 3));

    ValueModel lenient;
    lenient.apply(Op::Kind::Set, P(u"c"), J("9223372036854775807"), 1);
    const auto total = lenient.apply(Op::Kind::Increment, P(u"c"), J("1"), 2, ValueModel::Strictness::Lenient);
    QVERIFY(total);
    QCOMPARE(total->value, QJsonValue(9223372036854775807.0 + 1.0));
}

void tst_ValueModel::checkNumbers_data()
{
    QTest::addColumn<QJsonValue>("value");
    QTest::addColumn<bool>("exact");
    QTest::newRow("2^53") << J("9007199254740992") << true;
    QTest::newRow("-2^53") << J("-9007199254740992") << true;
    QTest::newRow("2^53 + 1") << J("9007199254740993") << false;
    QTest::newRow("-(2^53 + 1)") << J("-9007199254740993") << false;
    QTest::newRow("2^63") << J("9223372036854775808") << false;
    QTest::newRow("1e18") << J("1e18") << false;
    QTest::newRow("1e300") << J("1e300") << false;
    QTest::newRow("-1e300") << J("-1e300") << false;
    QTest::newRow("0.5") << J("0.5") << true;
    QTest::newRow("1.5e15") << J("1.5e15") << true;
    QTest::newRow("deep in a map") << J(R"({"a":{"b":[1,2,9007199254740993]}})") << false;
    QTest::newRow("a typed value") << J(R"({"_typed":"decimal","value":"1e400"})") << true;
    QTest::newRow("strings and nulls") << J(R"(["9007199254740993",null,true])") << true;
}

void tst_ValueModel::checkNumbers()
{
    QFETCH(QJsonValue, value);
    QFETCH(bool, exact);
    const Dust::Result<void> checked = ValueModel::checkNumbers(value);
    QCOMPARE(checked.hasValue(), exact);
    if (!exact)
        QCOMPARE(checked.error().code(), u"invalid_value"_s);
}

void tst_ValueModel::incrementNonNumberTarget()
{
    ValueModel m;
    m.apply(Op::Kind::Set, P(u"c"), J(R"("text")"), 1);
    m.apply(Op::Kind::Set, P(u"c/child"), J("1"), 2);
    const auto strict = m.apply(Op::Kind::Increment, P(u"c"), J("1"), 3);
    QVERIFY(!strict);
    QCOMPARE(strict.error().code(), u"increment_requires_number_target"_s);
    QCOMPARE(m.leaf(P(u"c"))->value, J(R"("text")"));
    const auto lenient = m.apply(Op::Kind::Increment, P(u"c"), J("4"), 3, ValueModel::Strictness::Lenient);
    QVERIFY(lenient);
    QCOMPARE(lenient->value, J("4"));
    // Descendants of a counter are not touched.
    QVERIFY(m.leaf(P(u"c/child")));
}

void tst_ValueModel::addPutsFrontWithoutDuplicates()
{
    ValueModel m;
    QCOMPARE(m.apply(Op::Kind::Add, P(u"s"), J(R"("a")"), 1)->value, J(R"(["a"])"));
    QCOMPARE(m.apply(Op::Kind::Add, P(u"s"), J(R"("b")"), 2)->value, J(R"(["b","a"])"));
    // Adding again moves it to the front and keeps one copy.
    QCOMPARE(m.apply(Op::Kind::Add, P(u"s"), J(R"("a")"), 3)->value, J(R"(["a","b"])"));
    QCOMPARE(m.apply(Op::Kind::Add, P(u"s"), J(R"("a")"), 4)->value, J(R"(["a","b"])"));
    QCOMPARE(m.leaf(P(u"s"))->type, Entry::Type::Set);
    // A non-array value counts as an empty set.
    m.apply(Op::Kind::Set, P(u"t"), J("5"), 5);
    QCOMPARE(m.apply(Op::Kind::Add, P(u"t"), J("1"), 6)->value, J("[1]"));
}

void tst_ValueModel::removeFirstEqual()
{
    ValueModel m;
    m.apply(Op::Kind::Set, P(u"s"), J(R"(["x","y","x"])"), 1);
    QCOMPARE(m.apply(Op::Kind::Remove, P(u"s"), J(R"("x")"), 2)->value, J(R"(["y","x"])"));
    QCOMPARE(m.apply(Op::Kind::Remove, P(u"s"), J(R"("nope")"), 3)->value, J(R"(["y","x"])"));
}

void tst_ValueModel::removeMissingGivesEmptySet()
{
    ValueModel m;
    const auto r = m.apply(Op::Kind::Remove, P(u"missing"), J("1"), 1);
    QVERIFY(r);
    QCOMPARE(r->value, J("[]"));
    QCOMPARE(m.leaf(P(u"missing"))->value, J("[]"));
    QCOMPARE(m.leaf(P(u"missing"))->type, Entry::Type::Set);
}

void tst_ValueModel::addRemoveStructuredMembers()
{
    ValueModel m;
    m.apply(Op::Kind::Add, P(u"s"), J(R"({"id":1})"), 1);
    m.apply(Op::Kind::Add, P(u"s"), J(R"({"id":2})"), 2);
    m.apply(Op::Kind::Add, P(u"s"), J(R"({"id":1})"), 3);
    QCOMPARE(m.leaf(P(u"s"))->value, J(R"([{"id":1},{"id":2}])"));
    m.apply(Op::Kind::Remove, P(u"s"), J(R"({"id":2})"), 4);
    QCOMPARE(m.leaf(P(u"s"))->value, J(R"([{"id":1}])"));
}

void tst_ValueModel::leaseAndFileOps()
{
    ValueModel m;
    const QJsonValue lease = J(R"({"_type":"lease","holder":"me","token":7,"expires_at":99})");
    QVERIFY(m.apply(Op::Kind::Lease, P(u"locks/job"), lease, 7));
    QCOMPARE(m.leaf(P(u"locks/job"))->type, Entry::Type::Lease);
    QVERIFY(m.apply(Op::Kind::Renew, P(u"locks/job"), lease, 8));
    QCOMPARE(m.leaf(P(u"locks/job"))->seq, 8);
    QVERIFY(m.apply(Op::Kind::Release, P(u"locks/job"), QJsonValue(), 9));
    QVERIFY(!m.leaf(P(u"locks/job")));
    const QJsonValue file = J(R"({"_type":"file","hash":"sha256:ab","size":1})");
    QVERIFY(m.apply(Op::Kind::PutFile, P(u"docs/a"), file, 10));
    QCOMPARE(m.leaf(P(u"docs/a"))->type, Entry::Type::File);
}

void tst_ValueModel::revisions()
{
    ValueModel m;
    m.apply(Op::Kind::Set, P(u"r"), J(R"({"a":1,"b":2})"), 10);
    m.apply(Op::Kind::Set, P(u"r/b"), J("3"), 11);
    QCOMPARE(m.leaf(P(u"r/a"))->seq, 10);
    QCOMPARE(m.leaf(P(u"r/b"))->seq, 11);
    QCOMPARE(m.read(P(u"r"))->revision, 11);
    QCOMPARE(m.maxSeq(), 11);
}

void tst_ValueModel::readAssemblesNestedMap()
{
    ValueModel m;
    m.apply(Op::Kind::Set, P(u"things/foo/meta"), J(R"({"a":1,"b":{"c":[1,2]}})"), 3);
    m.apply(Op::Kind::Set, P(u"things/foo/title"), J(R"("T")"), 4);
    m.apply(Op::Kind::Set, P(u"things/foo/file"), J(R"({"_type":"file","hash":"h"})"), 5);
    const auto e = m.read(P(u"things/foo"));
    QVERIFY(e);
    QCOMPARE(e->type, Entry::Type::Map);
    QCOMPARE(e->revision, 5);
    QCOMPARE(e->value, J(R"({"meta":{"a":1,"b":{"c":[1,2]}},"title":"T","file":{"_type":"file","hash":"h"}})"));
    QCOMPARE(m.read(P(u"things"))->value.toObject().keys(), QStringList{u"foo"_s});
    QVERIFY(!m.read(P(u"thing")));
    QVERIFY(!m.read(P(u"things/foo/title/x")));
    QVERIFY(m.contains(P(u"things")));
    QVERIFY(!m.contains(P(u"thing")));
}

void tst_ValueModel::exactLeafWins()
{
    ValueModel m;
    m.apply(Op::Kind::Set, P(u"a/b"), J(R"("leaf")"), 1);
    m.apply(Op::Kind::Set, P(u"a/b/c"), J("2"), 2);
    QCOMPARE(m.read(P(u"a/b"))->value, J(R"("leaf")"));
    QCOMPARE(m.read(P(u"a/b"))->revision, 1);
    // Assembling above them keeps the exact leaf for a/b.
    QCOMPARE(m.read(P(u"a"))->value, J(R"({"b":"leaf"})"));
    QCOMPARE(m.read(P(u"a"))->revision, 2);
}

void tst_ValueModel::validation_data()
{
    QTest::addColumn<Op::Kind>("op");
    QTest::addColumn<QJsonValue>("value");
    QTest::addColumn<QString>("code");
    QTest::newRow("merge string") << Op::Kind::Merge << J(R"("x")") << u"merge_requires_map_value"_s;
    QTest::newRow("merge array") << Op::Kind::Merge << J("[1]") << u"merge_requires_map_value"_s;
    QTest::newRow("merge null") << Op::Kind::Merge << J("null") << u"merge_requires_map_value"_s;
    QTest::newRow("increment string") << Op::Kind::Increment << J(R"("1")") << u"increment_requires_number_value"_s;
    QTest::newRow("increment null") << Op::Kind::Increment << J("null") << u"increment_requires_number_value"_s;
    QTest::newRow("increment object") << Op::Kind::Increment << J("{}") << u"increment_requires_number_value"_s;
    QTest::newRow("add null") << Op::Kind::Add << J("null") << u"add_requires_value"_s;
    QTest::newRow("add undefined") << Op::Kind::Add << QJsonValue(QJsonValue::Undefined) << u"add_requires_value"_s;
    QTest::newRow("remove null") << Op::Kind::Remove << J("null") << u"remove_requires_value"_s;
    QTest::newRow("set empty key") << Op::Kind::Set << J(R"({"":1})") << u"empty_key"_s;
    QTest::newRow("set nested empty key") << Op::Kind::Set << J(R"({"a":{"b":{"":1}}})") << u"empty_key"_s;
    QTest::newRow("merge empty key") << Op::Kind::Merge << J(R"({"":1})") << u"empty_key"_s;
    QTest::newRow("merge nested empty key") << Op::Kind::Merge << J(R"({"a":{"":1}})") << u"empty_key"_s;
    // Found by fuzz_valuemodel: these asserted in Path::child() (or built a
    // key with an empty segment in a release build).
    QTest::newRow("renew empty key") << Op::Kind::Renew << J(R"({"":1})") << u"empty_key"_s;
    QTest::newRow("lease nested empty key") << Op::Kind::Lease << J(R"({"a":{"":1}})") << u"empty_key"_s;
    QTest::newRow("put_file empty key") << Op::Kind::PutFile << J(R"({"x":1,"":2})") << u"empty_key"_s;
    QTest::newRow("merge typed-looking value with empty key")
            << Op::Kind::Merge << J(R"({"_type":"file","":1})") << u"empty_key"_s;
    // A key becomes a path segment, so half a surrogate pair is refused as
    // it is in a path (tst_Path::halfSurrogatePairs).
    QTest::newRow("set half surrogate key")
            << Op::Kind::Set << QJsonValue(QJsonObject{{u"a"_s, QJsonObject{{QString(QChar(0xDC00)), 1}}}})
            << u"invalid_unicode"_s;
}

void tst_ValueModel::validation()
{
    QFETCH(Op::Kind, op);
    QFETCH(QJsonValue, value);
    QFETCH(QString, code);
    QCOMPARE(ValueModel::validate(op, value).error().code(), code);
    QCOMPARE(ValueModel::validate(op, value).error().kind(), Dust::Error::Kind::InvalidValue);
    ValueModel m;
    const auto r = m.apply(op, P(u"p"), value, 1);
    QVERIFY(!r);
    QCOMPARE(r.error().code(), code);
    QCOMPARE(m.size(), 0);
}

void tst_ValueModel::rejectedOpChangesNothing()
{
    ValueModel m;
    m.apply(Op::Kind::Set, P(u"p"), J(R"({"a":1,"b":{"c":2}})"), 1);
    const auto before = leaves(m);
    // The empty key is deep inside; nothing may be half-applied.
    QVERIFY(!m.apply(Op::Kind::Set, P(u"p"), J(R"({"x":1,"y":{"":2}})"), 2));
    QVERIFY(!m.apply(Op::Kind::Merge, P(u"p"), J(R"({"a":5,"b":{"":2}})"), 2));
    QVERIFY(!m.apply(Op::Kind::Set, Path(), J("1"), 2));
    QVERIFY(leaves(m) == before);
    // A typed value may hold any keys: it is not flattened.
    QVERIFY(m.apply(Op::Kind::Set, P(u"f"), J(R"({"_type":"file","":1})"), 3));
}

void tst_ValueModel::undoWithPrevious()
{
    // Rolling back with AppliedOp::previous restores exactly what was there,
    // for every op type, including nested maps and counters.
    struct Case
    {
        Op::Kind op;
        const char *path;
        const char *value;
    };
    const Case cases[] = {
        {Op::Kind::Set, "p", R"({"q":{"r":1}})"},
        {Op::Kind::Set, "p/a", R"("scalar")"},
        {Op::Kind::Merge, "p", R"({"a":{"n":1},"b":null,"new":2})"},
        {Op::Kind::Increment, "p/count", "-2.5"},
        {Op::Kind::Add, "p/tags", R"("z")"},
        {Op::Kind::Remove, "p/tags", R"("x")"},
        {Op::Kind::Delete, "p", "null"},
        {Op::Kind::Delete, "p/a", "null"},
    };
    for (const Case &c : cases) {
        ValueModel m;
        m.apply(Op::Kind::Set, P(u"p"), J(R"({"a":{"deep":1,"x":[1]},"b":"two","count":4,"tags":["x","y"]})"), 1);
        const auto before = leaves(m);
        const auto applied = m.apply(c.op, P(QString::fromLatin1(c.path)), J(c.value), 2);
        QVERIFY2(applied, qPrintable(applied.error().toString()));
        QVERIFY(leaves(m) != before);
        m.applyChanges(applied->previous);
        QVERIFY2(leaves(m) == before, qPrintable(Op::name(c.op) + u' ' + QString::fromLatin1(c.path)));
        // and redo with the changes gives the same state as applying again
        m.applyChanges(applied->changes);
        ValueModel again;
        again.apply(Op::Kind::Set, P(u"p"), J(R"({"a":{"deep":1,"x":[1]},"b":"two","count":4,"tags":["x","y"]})"), 1);
        again.apply(c.op, P(QString::fromLatin1(c.path)), J(c.value), 2);
        QVERIFY(leaves(m) == leaves(again));
    }
}

void tst_ValueModel::changesReportEveryTouchedKey()
{
    ValueModel m;
    m.apply(Op::Kind::Set, P(u"p"), J(R"({"a":1,"b":2})"), 1);
    const auto r = m.apply(Op::Kind::Set, P(u"p"), J(R"({"b":3,"c":4})"), 2);
    QVERIFY(r);
    QHash<QString, std::optional<Dust::Leaf>> after;
    for (const auto &c : r->changes)
        after.insert(QString::fromUtf8(c.key), c.leaf);
    QCOMPARE(after.size(), 3);
    QVERIFY(!after.value(u"p/a"_s));
    QCOMPARE(after.value(u"p/b"_s)->value, J("3"));
    QCOMPARE(after.value(u"p/c"_s)->seq, 2);
    QCOMPARE(r->previous.size(), 3);
}

void tst_ValueModel::snapshotValues_data()
{
    QTest::addColumn<QJsonObject>("entry");
    QTest::addColumn<QJsonValue>("value");
    QTest::addColumn<Entry::Type>("type");
    QTest::newRow("scalar string") << J(R"({"value":{"_scalar":"hi"},"type":"string"})").toObject()
                                   << J(R"("hi")") << Entry::Type::String;
    QTest::newRow("scalar array") << J(R"({"value":{"_scalar":[1,2]},"type":"set"})").toObject()
                                  << J("[1,2]") << Entry::Type::Set;
    QTest::newRow("scalar counter") << J(R"({"value":{"_scalar":5},"type":"counter"})").toObject()
                                    << J("5") << Entry::Type::Counter;
    QTest::newRow("typed decimal kept") << J(R"({"value":{"_typed":"1.5","_type":"decimal"},"type":"decimal"})").toObject()
                                        << J(R"({"_typed":"1.5","_type":"decimal"})") << Entry::Type::Decimal;
    QTest::newRow("file ref kept") << J(R"({"value":{"_type":"file","hash":"h"},"type":"file"})").toObject()
                                   << J(R"({"_type":"file","hash":"h"})") << Entry::Type::File;
    QTest::newRow("unknown type name") << J(R"({"value":{"_scalar":true},"type":"weird"})").toObject()
                                       << J("true") << Entry::Type::Boolean;
}

void tst_ValueModel::snapshotValues()
{
    QFETCH(QJsonObject, entry);
    QFETCH(QJsonValue, value);
    QFETCH(Entry::Type, type);
    const Dust::Leaf leaf = ValueModel::leafFromSnapshot(entry, 100);
    QCOMPARE(leaf.value, value);
    QCOMPARE(leaf.type, type);
    QCOMPARE(leaf.seq, 100);
}

static ValueModel linksModel()
{
    ValueModel m;
    qint64 seq = 0;
    // A leaf at "links" itself, written first: a later set below it keeps it.
    m.apply(Op::Kind::Set, P(u"links"), J(R"("root leaf")"), ++seq);
    for (const char *slug : {"b", "a", "c", "a-b", "a.b"}) {
        m.apply(Op::Kind::Set, P(u"links/"_s + QString::fromLatin1(slug)),
                J(R"({"title":"t","url":"u"})"), ++seq);
    }
    m.apply(Op::Kind::Set, P(u"linksx/zz"), J("1"), ++seq);
    m.apply(Op::Kind::Set, P(u"other"), J("1"), ++seq);
    return m;
}

void tst_ValueModel::enumerate()
{
    const ValueModel m = linksModel();
    Dust::PageRequest req;
    req.limit = 1000;
    const auto all = m.enumerate(*Dust::Glob::compile(u"links/**"), req);
    QVERIFY(all);
    QStringList paths;
    for (const Entry &e : all->entries)
        paths.append(e.pathString());
    // Byte order: '-' and '.' sort before '/'.
    QCOMPARE(paths, (QStringList{u"links/a-b/title"_s, u"links/a-b/url"_s, u"links/a.b/title"_s, u"links/a.b/url"_s,
                                 u"links/a/title"_s, u"links/a/url"_s, u"links/b/title"_s, u"links/b/url"_s,
                                 u"links/c/title"_s, u"links/c/url"_s}));
    QVERIFY(all->nextCursor.isEmpty());
    QCOMPARE(all->entries.first().revision, 5);

    req.select = Dust::PageRequest::Select::Keys;
    const auto one = m.enumerate(*Dust::Glob::compile(u"links/*"), req);
    QVERIFY(one->keys.isEmpty());
    const auto titles = m.enumerate(*Dust::Glob::compile(u"links/*/title"), req);
    QCOMPARE(titles->keys.size(), 5);
    const auto exact = m.enumerate(*Dust::Glob::compile(u"links"), req);
    QCOMPARE(exact->keys, QStringList{u"links"_s});

    req.order = Dust::PageRequest::Order::Descending;
    const auto desc = m.enumerate(*Dust::Glob::compile(u"**"), req);
    QCOMPARE(desc->keys.first(), u"other"_s);
    QCOMPARE(desc->keys.last(), u"links"_s);
    QCOMPARE(desc->keys.size(), 13);

    req.limit = 0;
    QCOMPARE(m.enumerate(*Dust::Glob::compile(u"**"), req).error().code(), u"invalid_limit"_s);
}

void tst_ValueModel::enumeratePaging_data()
{
    QTest::addColumn<Dust::PageRequest::Order>("order");
    QTest::addColumn<int>("limit");
    for (int limit : {1, 2, 3, 5, 10, 11, 50}) {
        QTest::addRow("asc limit %d", limit) << Dust::PageRequest::Order::Ascending << limit;
        QTest::addRow("desc limit %d", limit) << Dust::PageRequest::Order::Descending << limit;
    }
}

// Walking pages with the cursor visits every match once, in order, and the
// last page has no cursor, even when the count divides evenly by the limit.
void tst_ValueModel::enumeratePaging()
{
    QFETCH(Dust::PageRequest::Order, order);
    QFETCH(int, limit);
    const ValueModel m = linksModel();
    const Dust::Glob glob = *Dust::Glob::compile(u"links/**");
    Dust::PageRequest req;
    req.limit = 1000;
    req.order = order;
    QStringList expected;
    const auto everything = m.enumerate(glob, req);
    for (const Entry &e : everything->entries)
        expected.append(e.pathString());
    QCOMPARE(expected.size(), 10);

    req.limit = limit;
    QStringList walked;
    int pages = 0;
    for (;;) {
        const auto page = m.enumerate(glob, req);
        QVERIFY(page);
        ++pages;
        QVERIFY(page->entries.size() <= limit);
        for (const Entry &e : page->entries)
            walked.append(e.pathString());
        if (page->nextCursor.isEmpty())
            break;
        QVERIFY2(!page->entries.isEmpty(), "a cursor must not lead to an empty page");
        QCOMPARE(page->nextCursor, page->entries.last().pathString());
        req.after = page->nextCursor;
    }
    QCOMPARE(walked, expected);
    QCOMPARE(pages, (10 + limit - 1) / limit);
}

void tst_ValueModel::enumeratePrefixes()
{
    const ValueModel m = linksModel();
    Dust::PageRequest req;
    req.select = Dust::PageRequest::Select::Prefixes;
    const auto prefixes = m.enumerate(*Dust::Glob::compile(u"links/**"), req);
    QVERIFY(prefixes);
    QCOMPARE(prefixes->keys, (QStringList{u"links/a"_s, u"links/a-b"_s, u"links/a.b"_s, u"links/b"_s, u"links/c"_s}));
    const auto top = m.enumerate(*Dust::Glob::compile(u"**"), req);
    QCOMPARE(top->keys, (QStringList{u"links"_s, u"linksx"_s, u"other"_s}));

    req.limit = 2;
    const auto first = m.enumerate(*Dust::Glob::compile(u"links/**"), req);
    QCOMPARE(first->keys, (QStringList{u"links/a"_s, u"links/a-b"_s}));
    QCOMPARE(first->nextCursor, u"links/a-b"_s);
    req.after = first->nextCursor;
    QCOMPARE(m.enumerate(*Dust::Glob::compile(u"links/**"), req)->keys,
             (QStringList{u"links/a.b"_s, u"links/b"_s}));

    QCOMPARE(m.enumerate(*Dust::Glob::compile(u"links/*"), req).error().code(),
             u"invalid_pattern_for_prefixes"_s);
}

void tst_ValueModel::rangeQueries()
{
    const ValueModel m = linksModel();
    Dust::PageRequest req;
    req.select = Dust::PageRequest::Select::Keys;
    const auto r = m.range(u"links/a"_s, u"links/b"_s, req);
    QVERIFY(r);
    QCOMPARE(r->keys, (QStringList{u"links/a-b/title"_s, u"links/a-b/url"_s, u"links/a.b/title"_s,
                                   u"links/a.b/url"_s, u"links/a/title"_s, u"links/a/url"_s}));
    QVERIFY(m.range(u"b"_s, u"a"_s, req)->keys.isEmpty());
    QVERIFY(m.range(u"a"_s, u"a"_s, req)->keys.isEmpty());

    req.limit = 4;
    const auto p1 = m.range(u"links/a"_s, u"links/b"_s, req);
    QCOMPARE(p1->keys.size(), 4);
    req.after = p1->nextCursor;
    const auto p2 = m.range(u"links/a"_s, u"links/b"_s, req);
    QCOMPARE(p2->keys, (QStringList{u"links/a/title"_s, u"links/a/url"_s}));
    QVERIFY(p2->nextCursor.isEmpty());

    req.order = Dust::PageRequest::Order::Descending;
    req.after.clear();
    QCOMPARE(m.range(u"links/a"_s, u"links/b"_s, req)->keys.first(), u"links/a/url"_s);

    req.select = Dust::PageRequest::Select::Prefixes;
    QCOMPARE(m.range(u"a"_s, u"z"_s, req).error().code(), u"unsupported_select"_s);
}

void tst_ValueModel::count()
{
    const ValueModel m = linksModel();
    QCOMPARE(m.count(*Dust::Glob::compile(u"links/**")), 10);
    QCOMPARE(m.count(*Dust::Glob::compile(u"links/*/url")), 5);
    QCOMPARE(m.count(*Dust::Glob::compile(u"**")), 13);
    QCOMPARE(m.count(*Dust::Glob::compile(u"nothing/**")), 0);
}

void tst_ValueModel::fastSetMatchesApply_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QJsonValue>("value");
    QTest::newRow("scalar over a record") << u"posts/a"_s << J("5");
    QTest::newRow("record over a scalar") << u"posts/b"_s << J(R"({"x": 1, "y": {"z": 2}})");
    QTest::newRow("record over a record") << u"posts/a"_s << J(R"({"title": "T", "n": 2})");
    QTest::newRow("wide record") << u"wide"_s << J(R"({"a":1,"b":2,"c":3,"d":4,"e":5,"f":6,"g":7,"h":8,"i":9,"j":10})");
    QTest::newRow("empty map") << u"posts/a"_s << J("{}");
    QTest::newRow("typed value") << u"posts/a/title"_s << J(R"({"_type": "counter", "value": 1})");
    QTest::newRow("array over an ancestor") << u"posts"_s << J("[1, 2]");
    QTest::newRow("new key") << u"fresh/key"_s << J("true");
}

// ValueModel::set(), the engine's path for a server's set event, leaves the
// model and reports the changes exactly as apply() does.
void tst_ValueModel::fastSetMatchesApply()
{
    QFETCH(QString, path);
    QFETCH(QJsonValue, value);
    ValueModel recorded;
    recorded.apply(Op::Kind::Set, P(u"posts/a"), J(R"({"title": "Hi", "tags": ["x"], "n": 1})"), 1);
    recorded.apply(Op::Kind::Set, P(u"posts/b"), J("7"), 2);
    recorded.apply(Op::Kind::Set, P(u"wide/a"), J("0"), 3);
    recorded.apply(Op::Kind::Set, P(u"wide/zz"), J("0"), 4);
    ValueModel fast = recorded;

    const Dust::Result<Dust::AppliedOp> applied = recorded.apply(Op::Kind::Set, P(path), value, 9);
    QVERIFY(applied);
    const QList<Dust::LeafChange> changes = fast.set(P(path), value, 9, 1234);
    QCOMPARE(keys(fast), keys(recorded));
    for (const auto &[key, leaf] : leaves(recorded)) {
        QVERIFY(*fast.leaf(key) == leaf);
        QCOMPARE(fast.leaf(key)->syncedAt, leaf.seq == 9 ? 1234 : 0);
    }
    const auto byKey = [](const QList<Dust::LeafChange> &list) {
        QMap<QByteArray, std::optional<Dust::Leaf>> out;
        for (const Dust::LeafChange &change : list)
            out.insert(change.key, change.leaf);
        return out;
    };
    QCOMPARE(changes.size(), applied->changes.size());
    QVERIFY(byKey(changes) == byKey(applied->changes));
}

QTEST_APPLESS_MAIN(tst_ValueModel)
#include "tst_valuemodel.moc"
