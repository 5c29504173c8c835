// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

// Every error code DustQt can emit is declared by its layer, has a sentence
// for users and a finished translation of it in every language.

#include <dustclienterrors.h>
#include <dustcoreerrors.h>
#include <dustquickclient.h>
#include <dustschemaerrors.h>
#include <dustservererrors.h>
#include <dustserveroptions.h>
#include <dusttesterrors.h>
#include <dusttestserver.h>

#include <QtCore/qdir.h>
#include <QtCore/qdiriterator.h>
#include <QtCore/qfile.h>
#include <QtCore/qhash.h>
#include <QtCore/qregularexpression.h>
#include <QtCore/qxmlstream.h>
#include <QtTest/qtest.h>

using namespace Qt::StringLiterals;
using Dust::Error;

namespace {

const QString SourceDir = QStringLiteral(DUST_SOURCE_DIR);

// The finished translations ("Dust::Error" context) of one .ts file, by source text.
QHash<QString, QString> finishedTranslations(const QString &tsFile)
{
    QFile file(tsFile);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QHash<QString, QString> translations;
    QXmlStreamReader xml(&file);
    QString context;
    QString source;
    while (!xml.atEnd()) {
        if (!xml.readNextStartElement())
            continue;
        if (xml.name() == u"name") {
            context = xml.readElementText();
        } else if (xml.name() == u"source") {
            source = xml.readElementText();
        } else if (xml.name() == u"translation" && context == u"Dust::Error") {
            const bool unfinished = !xml.attributes().value(QLatin1StringView("type")).isEmpty();
            const QString text = xml.readElementText();
            if (!unfinished && !text.isEmpty())
                translations.insert(source, text);
        }
    }
    return translations;
}

// The code names the sources of src/ declare or pass as a literal.
QStringList codesInSources()
{
    static const QRegularExpression declared(uR"re(ErrorCode\s+\w+\s*\{\s*"([^"]+)")re"_s);
    // Error(Error::Kind::X, u"code"_s, ...) and helpers such as schemaError("code").
    static const QRegularExpression literal(uR"re(Error::Kind::\w+,\s*u"([^"]+)"_s)re"_s);
    static const QRegularExpression helper(
        uR"re(\b\w*[eE]rror\(\s*(?:(?:Error::)?Kind::\w+,\s*|K::\w+,\s*)?u?"([a-z_ ]+)"(?:_s)?)re"_s);
    QStringList codes;
    QDirIterator it(QDir(SourceDir).filePath(u"src"_s), {u"*.cpp"_s, u"*.h"_s}, QDir::Files,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile file(it.next());
        if (!file.open(QIODevice::ReadOnly))
            continue;
        const QString text = QString::fromUtf8(file.readAll());
        for (const QRegularExpression *re : {&declared, &literal, &helper}) {
            for (const QRegularExpressionMatch &m : re->globalMatch(text))
                codes << m.captured(1);
        }
    }
    codes.removeDuplicates();
    codes.sort();
    return codes;
}

} // namespace

class tst_ErrorCodes : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void everyEmittedCodeIsDeclared();
    void everyCodeHasAMessage();
    void everyMessageIsTranslated_data();
    void everyMessageIsTranslated();
    void declaredCodes();
};

void tst_ErrorCodes::initTestCase()
{
    // Loads every DustQt library, so each has registered its codes.
    QVERIFY(!Dust::ServerOptions::defaultDataDirectory().isEmpty());
    QVERIFY(Dust::TestServer::staticMetaObject.className());
    QVERIFY(Dust::QuickClient::staticMetaObject.className());
    QVERIFY(Dust::knownErrorCodes().size() > 100);
}

void tst_ErrorCodes::everyEmittedCodeIsDeclared()
{
    const QStringList known = Dust::knownErrorCodes();
    QStringList undeclared;
    for (const QString &code : codesInSources()) {
        if (!known.contains(code))
            undeclared << code;
    }
    QVERIFY2(undeclared.isEmpty(), qPrintable(u"not declared by any layer: "_s + undeclared.join(u", ")));
}

void tst_ErrorCodes::everyCodeHasAMessage()
{
    for (const QString &code : Dust::knownErrorCodes()) {
        const char *text = Dust::errorCodeText(code);
        QVERIFY2(text && *text, qPrintable(code));
        // message() uses the code's own sentence, not its kind's with the code appended.
        const Error error(Error::Kind::Rejected, code);
        QCOMPARE(error.message(), QString::fromUtf8(text));
    }
}

void tst_ErrorCodes::everyMessageIsTranslated_data()
{
    QTest::addColumn<QString>("tsFile");
    const QDir dir(QDir(SourceDir).filePath(u"translations"_s));
    const QStringList files = dir.entryList({u"*.ts"_s}, QDir::Files, QDir::Name);
    QVERIFY(!files.isEmpty());
    for (const QString &file : files)
        QTest::newRow(qPrintable(file)) << dir.filePath(file);
}

void tst_ErrorCodes::everyMessageIsTranslated()
{
    QFETCH(QString, tsFile);
    const QHash<QString, QString> translations = finishedTranslations(tsFile);
    QStringList missing;
    for (const QString &code : Dust::knownErrorCodes()) {
        if (!translations.contains(QString::fromUtf8(Dust::errorCodeText(code))))
            missing << code;
    }
    QVERIFY2(missing.isEmpty(), qPrintable(u"no finished translation for: "_s + missing.join(u", ")));
}

void tst_ErrorCodes::declaredCodes()
{
    const Error fromConstant = Dust::ClientErrors::InvalidUrl.error({{u"url"_s, u"http://x"_s}});
    QCOMPARE(fromConstant.kind(), Error::Kind::InvalidParams);
    QCOMPARE(fromConstant.code(), u"invalid_url"_s);
    QCOMPARE(fromConstant.detail().value(u"url"_s).toString(), u"http://x"_s);
    // One code for an invalid schema, and a page limit has its own sentence.
    QVERIFY(Dust::knownErrorCodes().contains(Dust::SchemaErrors::SchemaInvalid.name));
    QVERIFY(!Dust::knownErrorCodes().contains(u"invalid_schema"_s));
    QVERIFY(Dust::knownErrorCodes().contains(Dust::CoreErrors::InvalidLimit.name));
    QVERIFY(Dust::knownErrorCodes().contains(Dust::ServerErrors::ListenFailed.name));
    QVERIFY(Dust::knownErrorCodes().contains(Dust::TestErrors::TestTimeout.name));
    QVERIFY(Dust::knownErrorCodes().contains(u"missing_repo"_s)); // the QML module's
}

QTEST_GUILESS_MAIN(tst_ErrorCodes)
#include "tst_errorcodes.moc"
