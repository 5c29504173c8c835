// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

// The translations built into DustQt::Core, installed through the public API.

#include <dusterror.h>
#include <dusttranslations.h>

#include <QtCore/qdir.h>
#include <QtCore/qfile.h>
#include <QtCore/qlibraryinfo.h>
#include <QtTest/qtest.h>

using namespace Qt::StringLiterals;
using Dust::Error;

namespace {

QString emptySegmentMessage()
{
    return Error(Error::Kind::InvalidPath, u"empty_segment"_s).message();
}

const QString EnglishEmptySegment = u"The path has an empty segment (a leading, trailing or doubled '/')."_s;
const QString GermanEmptySegment = u"Der Pfad hat ein leeres Segment (ein '/' am Anfang, am Ende oder doppelt)."_s;
const QString FrenchEmptySegment = u"Le chemin contient un segment vide (un « / » au début, à la fin ou doublé)."_s;

} // namespace

class tst_Translations : public QObject
{
    Q_OBJECT

private slots:
    void cleanup();
    void availableLanguages();
    void german();
    void french();
    void regionFallsBackToLanguage();
    void englishRestoresSourceTexts();
    void followsDefaultLocale();
    void unknownLanguage_data();
    void unknownLanguage();
    void localeWithoutTranslation();
    void qtOwnTranslation();
    void demoTexts();
    void languageOption_data();
    void languageOption();
    void tsFilesComplete_data();
    void tsFilesComplete();
};

void tst_Translations::cleanup()
{
    QLocale::setDefault(QLocale::c());
    QVERIFY(Dust::installLanguage(u"en"_s));
    QCOMPARE(emptySegmentMessage(), EnglishEmptySegment);
}

void tst_Translations::availableLanguages()
{
    QCOMPARE(Dust::translationLanguages(), (QStringList{u"de"_s, u"en"_s, u"fr"_s}));
}

void tst_Translations::german()
{
    QCOMPARE(emptySegmentMessage(), EnglishEmptySegment);
    const Dust::Result<void> installed = Dust::installLanguage(u"de"_s);
    QVERIFY2(installed, qPrintable(installed.error().toString()));
    QCOMPARE(emptySegmentMessage(), GermanEmptySegment);
    // A code without a sentence of its own gets its kind's sentence and the code.
    QCOMPARE(Error(Error::Kind::Conflict, u"some_new_code"_s).message(),
             u"Der Wert hat sich seit dem Lesen geändert (Revisionskonflikt). (some_new_code)"_s);
}

void tst_Translations::french()
{
    QVERIFY(Dust::installLanguage(u"fr"_s));
    QCOMPARE(emptySegmentMessage(), FrenchEmptySegment);
    QCOMPARE(Error(Error::Kind::Timeout, u"timeout"_s).message(),
             u"Aucune réponse dans le délai imparti ; l'écriture peut malgré tout être appliquée."_s);
    // Switching language replaces the translator rather than stacking another.
    QVERIFY(Dust::installLanguage(u"de"_s));
    QCOMPARE(emptySegmentMessage(), GermanEmptySegment);
}

void tst_Translations::regionFallsBackToLanguage()
{
    QVERIFY(Dust::installTranslations(QLocale(QLocale::German, QLocale::Switzerland)));
    QCOMPARE(emptySegmentMessage(), GermanEmptySegment);
    QVERIFY(Dust::installLanguage(u"fr_CA"_s));
    QCOMPARE(emptySegmentMessage(), FrenchEmptySegment);
}

void tst_Translations::englishRestoresSourceTexts()
{
    QVERIFY(Dust::installLanguage(u"de"_s));
    QVERIFY(Dust::installTranslations(QLocale(QLocale::English, QLocale::UnitedKingdom)));
    QCOMPARE(emptySegmentMessage(), EnglishEmptySegment);
}

void tst_Translations::followsDefaultLocale()
{
    // No --lang given: the language of the (system or default) locale.
    QLocale::setDefault(QLocale(QLocale::French, QLocale::France));
    QVERIFY(Dust::installLanguage(QString()));
    QCOMPARE(emptySegmentMessage(), FrenchEmptySegment);
    QLocale::setDefault(QLocale(QLocale::German, QLocale::Austria));
    QVERIFY(Dust::installTranslations());
    QCOMPARE(emptySegmentMessage(), GermanEmptySegment);
}

void tst_Translations::unknownLanguage_data()
{
    QTest::addColumn<QString>("language");
    QTest::newRow("not a language") << u"xx"_s;
    QTest::newRow("no translation") << u"es"_s;
    QTest::newRow("garbage") << u"--de"_s;
}

void tst_Translations::unknownLanguage()
{
    QFETCH(QString, language);
    QVERIFY(Dust::installLanguage(u"de"_s));
    const Dust::Result<void> installed = Dust::installLanguage(language);
    QVERIFY(!installed);
    QCOMPARE(installed.error().kind(), Error::Kind::InvalidParams);
    QCOMPARE(installed.error().code(), u"unknown_language"_s);
    QCOMPARE(installed.error().detail().value(u"language"_s).toString(), language);
    // The message says what went wrong and what is available, in English,
    // which is what is installed now.
    QCOMPARE(installed.error().message(),
             u"DustQt has no translation for this language; texts stay in English. ('%1'; available: de, en, fr)"_s
                 .arg(language));
    QCOMPARE(emptySegmentMessage(), EnglishEmptySegment);
}

void tst_Translations::localeWithoutTranslation()
{
    QVERIFY(Dust::installLanguage(u"fr"_s));
    QVERIFY(!Dust::installTranslations(QLocale(QLocale::Spanish, QLocale::Spain)));
    QCOMPARE(emptySegmentMessage(), EnglishEmptySegment);
}

void tst_Translations::qtOwnTranslation()
{
    const QString qtTranslations = QLibraryInfo::path(QLibraryInfo::TranslationsPath);
    if (!QFile::exists(QDir(qtTranslations).filePath(u"qtbase_de.qm"_s)))
        QSKIP("Qt's German translation is not installed (Debian: qt6-translations-l10n)");
    QVERIFY(Dust::installLanguage(u"de"_s));
    QCOMPARE(QCoreApplication::translate("QCommandLineParser", "Displays help on commandline options."),
             u"Zeigt Hilfe zu den Kommandozeilenoptionen an."_s);
}

void tst_Translations::demoTexts()
{
    // The demos' texts ship in the same catalog, plural forms included.
    QVERIFY(Dust::installLanguage(u"de"_s));
    QCOMPARE(QCoreApplication::translate("DustLinks::LinksWindow", "Add link"), u"Link hinzufügen"_s);
    QCOMPARE(QCoreApplication::translate("Main", "%n links", nullptr, 3), u"3 Links"_s);
    QVERIFY(Dust::installLanguage(u"fr"_s));
    QCOMPARE(QCoreApplication::translate("Main", "%n links", nullptr, 1), u"1 lien"_s);
    QCOMPARE(QCoreApplication::translate("Main", "%n links", nullptr, 2), u"2 liens"_s);
}

void tst_Translations::languageOption_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("language");
    QTest::newRow("none") << QStringList{u"app"_s, u"--url"_s, u"x"_s} << QString();
    QTest::newRow("separate") << QStringList{u"app"_s, u"--lang"_s, u"de"_s} << u"de"_s;
    QTest::newRow("joined") << QStringList{u"app"_s, u"get"_s, u"--lang=fr_CA"_s} << u"fr_CA"_s;
    QTest::newRow("missing value") << QStringList{u"app"_s, u"--lang"_s} << QString();
    QTest::newRow("after --") << QStringList{u"app"_s, u"--"_s, u"--lang"_s, u"de"_s} << QString();
    QTest::newRow("program name") << QStringList{u"--lang=de"_s} << QString();
}

void tst_Translations::languageOption()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, language);
    QCOMPARE(Dust::languageOption(arguments), language);
}

void tst_Translations::tsFilesComplete_data()
{
    QTest::addColumn<QString>("language");
    QTest::newRow("de") << u"de"_s;
    QTest::newRow("fr") << u"fr"_s;
}

void tst_Translations::tsFilesComplete()
{
    QFETCH(QString, language);
    QFile file(QStringLiteral(DUST_TRANSLATIONS_DIR) + u"/dustqt_"_s + language + u".ts"_s);
    QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.fileName()));
    const QByteArray ts = file.readAll();
    QVERIFY(ts.count("<message>") > 300);
    QCOMPARE(ts.count("type=\"unfinished\""), 0);
    QCOMPARE(ts.count("type=\"vanished\""), 0);
    QCOMPARE(ts.count("type=\"obsolete\""), 0);
    QCOMPARE(ts.count("<translation></translation>"), 0);
}

QTEST_GUILESS_MAIN(tst_Translations)

#include "tst_translations.moc"
