// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#include "vectors.h"

#include <dustpath.h>

#include <QtCore/qjsonarray.h>
#include <QtCore/qjsonobject.h>
#include <QtTest/qtest.h>

using namespace Qt::StringLiterals;
using Dust::Path;

class tst_Path : public QObject
{
    Q_OBJECT

private slots:
    void vectors_data();
    void vectors();
    void jsonForms_data();
    void jsonForms();
    void ancestry();
    void byteOrder();
    void derivedPaths();
    void unicodeSegments();
    void halfSurrogatePairs_data();
    void halfSurrogatePairs();
};

void tst_Path::vectors_data()
{
    QTest::addColumn<QJsonObject>("vector");
    const QJsonArray vectors = loadVectors("path_vectors.json");
    for (const QJsonValue &v : vectors) {
        const QJsonObject o = v.toObject();
        const QString name = (o.value(u"valid").toBool() ? u"valid: "_s : u"invalid: "_s)
                + u'"' + o.value(u"rendered").toString() + u'"';
        QTest::newRow(qPrintable(name)) << o;
    }
}

void tst_Path::vectors()
{
    QFETCH(QJsonObject, vector);
    const QString rendered = vector.value(u"rendered").toString();
    const Dust::Result<Path> parsed = Path::parse(rendered);
    if (!vector.value(u"valid").toBool()) {
        QVERIFY(!parsed);
        QCOMPARE(parsed.error().code(), vector.value(u"error").toString());
        QCOMPARE(parsed.error().kind(), Dust::Error::Kind::InvalidPath);
        return;
    }
    QVERIFY2(parsed, qPrintable(parsed.error().toString()));
    const QStringList segments = vector.value(u"segments").toVariant().toStringList();
    QCOMPARE(parsed->segments(), segments);
    QCOMPARE(parsed->toString(), rendered);

    const Dust::Result<Path> built = Path::fromSegments(segments);
    QVERIFY(built);
    QCOMPARE(built->toString(), rendered);
    QCOMPARE(*built, *parsed);
    // Normalisation is parse-then-render, and is stable.
    QCOMPARE(Path::parse(built->toString())->toString(), rendered);
}

void tst_Path::jsonForms_data()
{
    QTest::addColumn<QJsonValue>("path");
    QTest::addColumn<QJsonValue>("segments");
    QTest::addColumn<QString>("pathError");
    QTest::addColumn<QString>("segmentsError");

    const QJsonValue null(QJsonValue::Null);
    QTest::newRow("ok") << QJsonValue(u"a/b~1c"_s) << QJsonValue(QJsonArray{u"a"_s, u"b/c"_s})
                        << QString() << QString();
    QTest::newRow("number") << QJsonValue(42) << QJsonValue(42) << u"not_a_string"_s << u"not_a_list"_s;
    QTest::newRow("null") << null << null << u"not_a_string"_s << u"not_a_list"_s;
    QTest::newRow("object") << QJsonValue(QJsonObject{}) << QJsonValue(QJsonObject{})
                            << u"not_a_string"_s << u"not_a_list"_s;
    QTest::newRow("list/string swapped") << QJsonValue(QJsonArray{u"a"_s}) << QJsonValue(u"a"_s)
                                         << u"not_a_string"_s << u"not_a_list"_s;
    QTest::newRow("non-string segment") << QJsonValue(u"a"_s) << QJsonValue(QJsonArray{u"a"_s, 1})
                                        << QString() << u"not_a_string"_s;
    QTest::newRow("empty") << QJsonValue(u""_s) << QJsonValue(QJsonArray{})
                           << u"empty_path"_s << u"empty_path"_s;
    QTest::newRow("empty segment") << QJsonValue(u"a//b"_s) << QJsonValue(QJsonArray{u"a"_s, u""_s})
                                   << u"empty_segment"_s << u"empty_segment"_s;
}

void tst_Path::jsonForms()
{
    QFETCH(QJsonValue, path);
    QFETCH(QJsonValue, segments);
    QFETCH(QString, pathError);
    QFETCH(QString, segmentsError);
    const Dust::Result<Path> fromString = Path::fromJsonString(path);
    const Dust::Result<Path> fromList = Path::fromJsonSegments(segments);
    QCOMPARE(fromString.error().code(), pathError);
    QCOMPARE(fromList.error().code(), segmentsError);
    if (fromString && fromList)
        QCOMPARE(*fromString, *fromList);
}

void tst_Path::ancestry()
{
    const Path a = *Path::parse(u"a");
    const Path ab = *Path::parse(u"a/b");
    const Path abc = *Path::parse(u"a/b/c");
    const Path ab2 = *Path::parse(u"ab");
    const Path escaped = *Path::parse(u"a~1b");

    QVERIFY(a.isAncestorOf(ab));
    QVERIFY(a.isAncestorOf(abc));
    QVERIFY(ab.isAncestorOf(abc));
    QVERIFY(!a.isAncestorOf(a));
    QVERIFY(!a.isAncestorOf(ab2));
    QVERIFY(!ab.isAncestorOf(a));
    // "a/b" inside one segment is not below "a".
    QVERIFY(!a.isAncestorOf(escaped));
    QVERIFY(abc.isDescendantOf(a));
    QVERIFY(!a.isDescendantOf(abc));
    QVERIFY(abc.startsWith(ab));
    QVERIFY(ab.startsWith(ab));
    QVERIFY(!ab2.startsWith(a));
    QVERIFY(!Path().isAncestorOf(a));
}

void tst_Path::byteOrder()
{
    // Plain byte order of the rendering: a-b < a.b < a/b < a0.
    QStringList rendered{u"a0"_s, u"a/b"_s, u"a.b"_s, u"a-b"_s, u"a~0"_s, u"A"_s, u"\u00e9"_s, u"z"_s};
    QList<Path> paths;
    for (const QString &r : rendered)
        paths.append(*Path::parse(r));
    std::sort(paths.begin(), paths.end());
    QStringList sorted;
    for (const Path &p : paths)
        sorted.append(p.toString());
    QCOMPARE(sorted, (QStringList{u"A"_s, u"a-b"_s, u"a.b"_s, u"a/b"_s, u"a0"_s, u"a~0"_s, u"z"_s,
                                  u"\u00e9"_s}));
    // Code point order, not UTF-16 order: U+FFFD sorts before U+1F600.
    QVERIFY(*Path::parse(u"\uFFFD") < *Path::parse(u"\U0001F600"));
}

void tst_Path::derivedPaths()
{
    const Path p = *Path::parse(u"links/foo/title");
    QCOMPARE(p.parent().toString(), u"links/foo"_s);
    QCOMPARE(p.parent().parent().parent().isEmpty(), true);
    QCOMPARE(p.child(u"x/y"_s).toString(), u"links/foo/title/x~1y"_s);
    QCOMPARE(p.mid(1).toString(), u"foo/title"_s);
    QCOMPARE(p.mid(0, 1).toString(), u"links"_s);
    QCOMPARE(p.appended(*Path::parse(u"a/b")).size(), 5);
    QCOMPARE(p.last(), u"title"_s);
    QCOMPARE(p.toJsonSegments(), (QJsonArray{u"links"_s, u"foo"_s, u"title"_s}));
    QCOMPARE(Path::escapeSegment(u"~/"), u"~0~1"_s);
}

void tst_Path::unicodeSegments()
{
    const QStringList segments{u"caf\u00e9"_s, u"\U0001F600 smile"_s, u"tab\there"_s};
    const Path p = *Path::fromSegments(segments);
    QCOMPARE(Path::parse(p.toString())->segments(), segments);
    QCOMPARE(p.key(), p.toString().toUtf8());
}

// Found by fuzz_path_glob: a segment holding half a surrogate pair rendered
// to the same UTF-8 as "?", so Path("a/\uD800") == Path("a/?") while their
// segments differed, and a glob matched one form but not the other.
void tst_Path::halfSurrogatePairs_data()
{
    QTest::addColumn<QString>("segment");
    QTest::newRow("high") << QString(QChar(0xD800));
    QTest::newRow("low") << QString(QChar(0xDC00));
    QTest::newRow("high then letter") << u"x"_s + QChar(0xDBFF) + u"y"_s;
    QTest::newRow("reversed pair") << QString(QChar(0xDE00)) + QChar(0xD83D);
}

void tst_Path::halfSurrogatePairs()
{
    QFETCH(QString, segment);
    const auto isInvalidUnicode = [](const Dust::Result<Path> &p) {
        return !p && p.error().code() == u"invalid_unicode"_s
            && p.error().kind() == Dust::Error::Kind::InvalidPath;
    };
    QVERIFY(isInvalidUnicode(Path::parse(u"a/"_s + segment)));
    QVERIFY(isInvalidUnicode(Path::fromSegments({u"a"_s, segment})));
    QVERIFY(isInvalidUnicode(Path::fromJsonSegments(QJsonArray{u"a"_s, segment})));
    QVERIFY(isInvalidUnicode(Path::fromJsonString(QJsonValue(segment + u"/b"_s))));
    // "?" itself, and a whole pair, are ordinary characters.
    QVERIFY(Path::parse(u"a/?"_s));
    QCOMPARE(Path::parse(u"a/\U0001F600"_s)->segments(), (QStringList{u"a"_s, u"\U0001F600"_s}));
}

QTEST_APPLESS_MAIN(tst_Path)
#include "tst_path.moc"
