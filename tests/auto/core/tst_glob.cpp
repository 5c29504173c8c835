// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#include "vectors.h"

#include <dustglob.h>

#include <QtCore/qjsonobject.h>
#include <QtCore/qrandom.h>
#include <QtTest/qtest.h>

using namespace Qt::StringLiterals;
using Dust::Glob;
using Dust::Path;

class tst_Glob : public QObject
{
    Q_OBJECT

private slots:
    void vectors_data();
    void vectors();
    void rules_data();
    void rules();
    void invalidPatterns_data();
    void invalidPatterns();
    void literalPrefix();
    void renderedMatchingAgreesWithSegments();
};

static QString describe(const QJsonObject &o)
{
    QString name = o.value(u"valid").toBool() ? u"valid "_s : u"invalid "_s;
    name += u'"' + o.value(u"pattern_rendered").toString() + u'"';
    if (o.contains(u"path")) {
        name += u" vs ["_s + o.value(u"path").toVariant().toStringList().join(u", ") + u']';
        name += o.value(u"match").toBool() ? u" matches"_s : u" no match"_s;
    }
    return name;
}

void tst_Glob::vectors_data()
{
    QTest::addColumn<QJsonObject>("vector");
    for (const QJsonValue &v : loadVectors("glob_vectors.json"))
        QTest::newRow(qPrintable(describe(v.toObject()))) << v.toObject();
}

void tst_Glob::vectors()
{
    QFETCH(QJsonObject, vector);
    const QString rendered = vector.value(u"pattern_rendered").toString();
    const Dust::Result<Glob> compiled = Glob::compile(rendered);
    if (!vector.value(u"valid").toBool()) {
        QVERIFY(!compiled);
        QCOMPARE(compiled.error().code(), vector.value(u"error").toString());
        return;
    }
    QVERIFY2(compiled, qPrintable(compiled.error().toString()));
    const Dust::Result<Glob> fromSegments =
            Glob::fromSegments(vector.value(u"pattern_segments").toVariant().toStringList());
    QVERIFY(fromSegments);
    QCOMPARE(fromSegments->pattern(), rendered);

    const QStringList path = vector.value(u"path").toVariant().toStringList();
    const bool expected = vector.value(u"match").toBool();
    QCOMPARE(compiled->matches(path), expected);
    QCOMPARE(fromSegments->matches(path), expected);
    if (!path.isEmpty())
        QCOMPARE(compiled->matchesRendered(Path::fromSegments(path)->key()), expected);
}

void tst_Glob::rules_data()
{
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<QString>("path");
    QTest::addColumn<bool>("match");

    QTest::newRow("** matches one") << u"**"_s << u"a"_s << true;
    QTest::newRow("** matches deep") << u"**"_s << u"a/b/c/d"_s << true;
    QTest::newRow("partial wildcard is literal") << u"post*"_s << u"posts"_s << false;
    QTest::newRow("partial wildcard literal match") << u"post*"_s << u"post*"_s << true;
    QTest::newRow("inner star literal") << u"a*b"_s << u"axb"_s << false;
    QTest::newRow("star then many") << u"*/**"_s << u"a"_s << false;
    QTest::newRow("star then many deep") << u"*/**"_s << u"a/b/c"_s << true;
    QTest::newRow("links/** not links") << u"links/**"_s << u"links"_s << false;
    QTest::newRow("links/** foo") << u"links/**"_s << u"links/foo"_s << true;
    QTest::newRow("links/** other prefix") << u"links/**"_s << u"linksx/foo"_s << false;
    QTest::newRow("escaped slash literal") << u"a~1b/*"_s << u"a~1b/c"_s << true;
    QTest::newRow("escaped slash not split") << u"a/b/*"_s << u"a~1b/c"_s << false;
    QTest::newRow("escaped tilde") << u"a~0/*"_s << u"a~0/x"_s << true;
    QTest::newRow("literal star segment") << u"\\*"_s << u"*"_s << true;
    QTest::newRow("literal star vs other") << u"\\*"_s << u"x"_s << false;
    QTest::newRow("wildcard matches literal star") << u"*"_s << u"*"_s << true;
}

void tst_Glob::rules()
{
    QFETCH(QString, pattern);
    QFETCH(QString, path);
    QFETCH(bool, match);
    const Dust::Result<Glob> glob = Glob::compile(pattern);
    QVERIFY2(glob, qPrintable(glob.error().toString()));
    const Path p = *Path::parse(path);
    QCOMPARE(glob->matches(p), match);
    QCOMPARE(glob->matchesRendered(p.key()), match);
}

void tst_Glob::invalidPatterns_data()
{
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<QString>("code");
    QTest::newRow("many in middle") << u"a/**/z"_s << u"wildcard_many_not_tail"_s;
    QTest::newRow("many first") << u"**/z"_s << u"wildcard_many_not_tail"_s;
    QTest::newRow("empty") << u""_s << u"empty_path"_s;
    QTest::newRow("double slash") << u"a//b"_s << u"empty_segment"_s;
    QTest::newRow("trailing slash") << u"a/"_s << u"empty_segment"_s;
    QTest::newRow("bad escape") << u"a~2/*"_s << u"invalid_escape"_s;
    QTest::newRow("dangling escape") << u"*/a~"_s << u"invalid_escape"_s;
    // Found by fuzz_path_glob (see tst_Path::halfSurrogatePairs).
    QTest::newRow("half surrogate pair") << u"*/a"_s + QChar(0xD800) << u"invalid_unicode"_s;
}

void tst_Glob::invalidPatterns()
{
    QFETCH(QString, pattern);
    QFETCH(QString, code);
    const Dust::Result<Glob> glob = Glob::compile(pattern);
    QVERIFY(!glob);
    QCOMPARE(glob.error().code(), code);
    QCOMPARE(glob.error().kind(), Dust::Error::Kind::InvalidPath);
    QVERIFY(!Glob().isValid());
    QVERIFY(!Glob().matches(*Path::parse(u"a")));
}

void tst_Glob::literalPrefix()
{
    QCOMPARE(Glob::compile(u"links/**")->literalPrefix().toString(), u"links"_s);
    QCOMPARE(Glob::compile(u"reading/links/*/title")->literalPrefix().toString(), u"reading/links"_s);
    QVERIFY(Glob::compile(u"**")->literalPrefix().isEmpty());
    QCOMPARE(Glob::compile(u"a/\\*/**")->literalPrefix().segments(), (QStringList{u"a"_s, u"*"_s}));
    QVERIFY(Glob::compile(u"a/b")->isLiteral());
    QVERIFY(!Glob::compile(u"a/*")->isLiteral());
    QVERIFY(Glob::compile(u"a/**")->endsWithMany());
}

// matchesRendered() is the allocation-free fast path used by stores; it must
// agree with segment matching on every input.
void tst_Glob::renderedMatchingAgreesWithSegments()
{
    const QStringList alphabet{u"a"_s, u"b"_s, u"*"_s, u"**"_s, u"a/b"_s, u"~"_s, u"\\*"_s};
    const QStringList patterns{u"*"_s, u"**"_s, u"a/*"_s, u"a/**"_s, u"*/b"_s, u"\\*/**"_s,
                               u"a~1b/*"_s, u"~0"_s, u"*/*/*"_s, u"a"_s, u"\\**"_s};
    QRandomGenerator rng(42);
    for (const QString &pattern : patterns) {
        const Glob glob = *Glob::compile(pattern);
        for (int i = 0; i < 500; ++i) {
            QStringList segments;
            const int n = 1 + rng.bounded(4);
            for (int k = 0; k < n; ++k)
                segments.append(alphabet.at(rng.bounded(alphabet.size())));
            const Path path = *Path::fromSegments(segments);
            QVERIFY2(glob.matches(path) == glob.matchesRendered(path.key()),
                     qPrintable(pattern + u" vs "_s + path.toString()));
        }
    }
}

QTEST_APPLESS_MAIN(tst_Glob)
#include "tst_glob.moc"
