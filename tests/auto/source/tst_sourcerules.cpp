// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

// Rules the code review checks, checked on every test run instead.

#include "sourcescan.h"

#include <QtCore/qdir.h>
#include <QtCore/qfile.h>
#include <QtCore/qregularexpression.h>
#include <QtTest/qtest.h>

using namespace Qt::StringLiterals;

namespace {

const QString SourceDir = QStringLiteral(DUST_SOURCE_DIR);

// The longest a function in src/ may be, in lines.
constexpr int MaxFunctionLines = 80;

QString readSource(const QString &path)
{
    QFile file(QDir(SourceDir).filePath(path));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(file.readAll());
}

// Where code is written as an application writes it: every folder but the
// library's (src/, bar its tool src/cli/) and DustQt's own tests (tests/,
// bar tests/install/, which builds against the installed package), and
// the code in the docs.
QStringList userCodeFolders()
{
    QStringList folders{u"src/cli"_s, u"tests/install"_s};
    const QStringList top = QDir(SourceDir).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString &dir : top) {
        if (dir != u"src" && dir != u"tests" && !dir.startsWith(u"build"))
            folders << dir;
    }
    return folders;
}

} // namespace

class tst_SourceRules : public QObject
{
    Q_OBJECT

private slots:
    void scannerFindsFunctions();
    void privateHeadersStayInside_data();
    void privateHeadersStayInside();
    void functionsAreShort_data();
    void functionsAreShort();
};

void tst_SourceRules::scannerFindsFunctions()
{
    const QString code = uR"(
namespace A {
const int table[] = {
    1, 2,
};
struct S {
    int f() const { return 1; }
};
// void commented() {
Foo::Foo(int x) : m_x{x}, m_s("{")
{
    auto l = [] {
        return '}';
    };
}
}
)"_s;
    const QList<SourceScan::Function> found = SourceScan::functions(code);
    QStringList names;
    for (const SourceScan::Function &f : found)
        names << f.name + u':' + QString::number(f.length);
    QCOMPARE(names, (QStringList{u"f:1"_s, u"Foo::Foo:1"_s, u"Foo::Foo:5"_s}));
}

void tst_SourceRules::privateHeadersStayInside_data()
{
    QTest::addColumn<QString>("file");
    const QStringList filters{u"*.cpp"_s, u"*.h"_s, u"*.md"_s, u"*.qml"_s};
    QStringList files{u"README.md"_s};
    for (const QString &dir : userCodeFolders())
        files << SourceScan::sourceFiles(SourceDir, dir, filters);
    QVERIFY(files.contains(u"src/cli/main.cpp"_s));
    QVERIFY(files.contains(u"docs/getting-started.md"_s));
    for (const QString &file : std::as_const(files))
        QTest::newRow(qPrintable(file)) << file;
}

// Applications, demos, examples, tools and the docs use DustQt as users do:
// through its public headers only. (DustQt's own tests of internal classes
// reach private headers through DustQt::CorePrivate and ServerPrivate, and
// anything else that includes one fails to build: dustprivateapi_p.h.)
void tst_SourceRules::privateHeadersStayInside()
{
    QFETCH(QString, file);
    static const QRegularExpression privateInclude(
        uR"(^\s*#\s*include\s*[<"]([^>"]*_p\.h)[>"])"_s, QRegularExpression::MultilineOption);
    const QRegularExpressionMatch m = privateInclude.match(readSource(file));
    QVERIFY2(!m.hasMatch(), qPrintable(u"%1 includes the private header %2"_s.arg(file, m.captured(1))));
}

void tst_SourceRules::functionsAreShort_data()
{
    QTest::addColumn<QString>("file");
    for (const QString &file : SourceScan::sourceFiles(SourceDir, u"src"_s))
        QTest::newRow(qPrintable(file)) << file;
}

void tst_SourceRules::functionsAreShort()
{
    QFETCH(QString, file);
    QStringList tooLong;
    for (const SourceScan::Function &f : SourceScan::functions(readSource(file))) {
        if (f.length > MaxFunctionLines)
            tooLong << u"%1:%2 %3 (%4 lines)"_s.arg(file).arg(f.line).arg(f.name).arg(f.length);
    }
    QVERIFY2(tooLong.isEmpty(), qPrintable(tooLong.join(u"; ")));
}

QTEST_GUILESS_MAIN(tst_SourceRules)
#include "tst_sourcerules.moc"
