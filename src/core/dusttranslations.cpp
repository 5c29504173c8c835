// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#include "dusttranslations.h"

#include <QtCore/qcoreapplication.h>
#include <QtCore/qdir.h>
#include <QtCore/qlibraryinfo.h>
#include <QtCore/qpointer.h>
#include <QtCore/qtranslator.h>

using namespace Qt::StringLiterals;

namespace Dust {

namespace {

// Where qt_add_translations (translations/CMakeLists.txt) puts the .qm files
// it embeds in the library.
QString resourceDir()
{
    return u":/i18n"_s;
}

// The translators of the last call, owned by the application so they go
// away with it; replaced on every call so the languages never mix.
QPointer<QTranslator> &dustTranslator()
{
    static QPointer<QTranslator> translator;
    return translator;
}

QPointer<QTranslator> &qtTranslator()
{
    static QPointer<QTranslator> translator;
    return translator;
}

void removeTranslator(QPointer<QTranslator> &translator)
{
    if (translator) {
        QCoreApplication::removeTranslator(translator);
        delete translator.data();
    }
    translator.clear();
}

bool installTranslator(QPointer<QTranslator> &slot, const QLocale &locale, const QString &fileName,
                       const QString &directory)
{
    auto *translator = new QTranslator(QCoreApplication::instance());
    if (!translator->load(locale, fileName, u"_"_s, directory)
        || !QCoreApplication::installTranslator(translator)) {
        delete translator;
        return false;
    }
    slot = translator;
    return true;
}

} // namespace

bool installTranslations(const QLocale &locale)
{
    if (!QCoreApplication::instance())
        return false;
    removeTranslator(dustTranslator());
    removeTranslator(qtTranslator());
    installTranslator(qtTranslator(), locale, u"qtbase"_s,
                      QLibraryInfo::path(QLibraryInfo::TranslationsPath));
    if (installTranslator(dustTranslator(), locale, u"dustqt"_s, resourceDir()))
        return true;
    return locale.language() == QLocale::English;
}

Result<void> installLanguage(const QString &language)
{
    if (!QCoreApplication::instance())
        return Error(Error::Kind::NotSupported, u"no_application"_s);
    if (language.isEmpty()) {
        installTranslations();
        return {};
    }
    const QLocale locale(language);
    const QStringList available = translationLanguages();
    const QString code = QLocale::languageToCode(locale.language());
    if (locale.language() == QLocale::C || !available.contains(code)) {
        installTranslations(QLocale(QLocale::English));
        return Error(Error::Kind::InvalidParams, u"unknown_language"_s,
                     {{u"language"_s, language},
                      {u"available"_s, available.join(u", ")},
                      {u"message"_s, QCoreApplication::translate("Dust::Translations", "'%1'; available: %2")
                                         .arg(language, available.join(u", "))}});
    }
    installTranslations(locale);
    return {};
}

QString languageOption(const QStringList &arguments)
{
    for (qsizetype i = 1; i < arguments.size(); ++i) {
        const QString &argument = arguments.at(i);
        // Everything after "--" is a positional argument.
        if (argument == u"--")
            break;
        if (argument == u"--lang")
            return i + 1 < arguments.size() ? arguments.at(i + 1) : QString();
        if (argument.startsWith(u"--lang="))
            return argument.sliced(7);
    }
    return {};
}

QStringList translationLanguages()
{
    QStringList languages{u"en"_s};
    const QString prefix = u"dustqt_"_s;
    const QStringList files = QDir(resourceDir()).entryList({prefix + u"*.qm"_s}, QDir::Files);
    for (const QString &file : files)
        languages.append(file.sliced(prefix.size()).chopped(3));
    languages.sort();
    return languages;
}

} // namespace Dust
