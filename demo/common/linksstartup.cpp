// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#include "linksstartup.h"

#include <dustglobal.h>
#include <dusttranslations.h>

#include <QtCore/qcommandlineparser.h>
#include <QtGui/qguiapplication.h>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace DustLinks {

namespace {

// A line on `stream`, flushed at once: the scripted tour reads it.
void printLine(FILE *stream, const QString &text)
{
    std::fputs(qPrintable(text + u'\n'), stream);
    std::fflush(stream);
}

} // namespace

std::variant<std::unique_ptr<LinksBackend>, int> LinksStartup::run(const QString &applicationName)
{
    QCoreApplication::setOrganizationName(u"DustQt"_s);
    QCoreApplication::setApplicationName(applicationName);
    QCoreApplication::setApplicationVersion(Dust::version());
    // Before any text is built: --lang, else the system language. An unknown
    // language is reported and English is used.
    if (const auto installed = Dust::installLanguage(Dust::languageOption(QCoreApplication::arguments()));
        !installed) {
        printLine(stderr, installed.error().message());
    }

    QGuiApplication::setApplicationDisplayName(tr("Dust Links"));
    QCommandLineParser parser;
    parser.setApplicationDescription(tr("A live list of links kept in a Dust store."));
    parser.addHelpOption();
    parser.addVersionOption();
    LinksOptions::addTo(parser);
    parser.process(QCoreApplication::arguments());

    QString error;
    const std::optional<LinksOptions> options = LinksOptions::from(parser, &error);
    if (!options) {
        printLine(stderr, error);
        return 2;
    }
    auto backend = std::make_unique<LinksBackend>(*options);
    if (const Dust::Result<void> started = backend->start(); !started) {
        printLine(stderr, tr("The embedded Dust server did not start: %1").arg(started.error().message()));
        return 1;
    }
    printLine(stdout, backend->description());
    return backend;
}

} // namespace DustLinks
