// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#ifndef DUSTTRANSLATIONS_H
#define DUSTTRANSLATIONS_H

#include <dustglobal.h>
#include <dustresult.h>

#include <QtCore/qlocale.h>
#include <QtCore/qstringlist.h>

namespace Dust {

/*!
    DustQt's user-visible texts (error messages, the dust and dust-devserver
    tools, the demos) are translated. The translations are built into the
    library, so an application needs no files next to it: it installs them
    once, after creating its QCoreApplication, on the main thread.

    By default the language follows the system locale; a `--lang <code>`
    option lets users pick another one, as DustQt's own tools do. A language
    DustQt has no translation for keeps the texts in English (the source
    language).

    \code
    int main(int argc, char *argv[])
    {
        QGuiApplication app(argc, argv);
        // "--lang de" wins over the system locale.
        const QString language = Dust::languageOption(QCoreApplication::arguments());
        if (const Dust::Result<void> installed = Dust::installLanguage(language); !installed)
            qWarning().noquote() << installed.error().message();  // unknown: English
        ...
        // From here on, Dust::Error::message() is in the user's language.
    }
    \endcode

    An application that does not offer `--lang` simply calls
    `Dust::installTranslations();`.
*/

/// Installs DustQt's translator for \a locale, and Qt's own (qtbase) one when
/// Qt has a translation for it, replacing any installed by an earlier call.
/// Returns false, and leaves DustQt's texts in English, when DustQt has no
/// translation for the locale (English itself returns true) or when no
/// QCoreApplication exists yet.
DUST_CORE_EXPORT bool installTranslations(const QLocale &locale = QLocale());

/// Installs the translations for a language code as given to `--lang`
/// ("de", "fr", "fr_CA", "en"); an empty code means the system locale.
/// A code DustQt has no translation for installs English and returns an
/// `unknown_language` error whose message names the available languages.
DUST_CORE_EXPORT Result<void> installLanguage(const QString &language);

/// The value of a `--lang <code>` or `--lang=<code>` option in \a arguments
/// (typically QCoreApplication::arguments()), or an empty string. It lets a
/// tool install the translations before it builds its translated help text.
DUST_CORE_EXPORT QString languageOption(const QStringList &arguments);

/// The language codes DustQt has texts in, including "en", sorted.
DUST_CORE_EXPORT QStringList translationLanguages();

} // namespace Dust

#endif // DUSTTRANSLATIONS_H
