// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

// dust-links-widgets: the Links demo as a widgets window.
//
//   dust-links-widgets [--url ws://host:port/ws/sync --token T] [--store org/name] [--data-dir DIR]
//
// Without --url it starts an embedded Dust server on a free 127.0.0.1 port.

#include "linkswindow.h"

#include <dustglobal.h>
#include <dusttranslations.h>
#include <linksbackend.h>
#include <linksoptions.h>

#include <QtCore/qcommandlineparser.h>
#include <QtWidgets/qapplication.h>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace {

void printLine(FILE *stream, const QString &text)
{
    std::fputs(qPrintable(text + u'\n'), stream);
    std::fflush(stream);
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(u"DustQt"_s);
    QCoreApplication::setApplicationName(u"dust-links-widgets"_s);
    QCoreApplication::setApplicationVersion(Dust::version());
    // Before any text is built: --lang, else the system language. An unknown
    // language is reported and English is used.
    if (const auto installed = Dust::installLanguage(Dust::languageOption(QCoreApplication::arguments()));
        !installed) {
        printLine(stderr, installed.error().message());
    }

    QGuiApplication::setApplicationDisplayName(
            QCoreApplication::translate("dust-links-widgets", "Dust Links"));
    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate(
            "dust-links-widgets", "A live list of links kept in a Dust store."));
    parser.addHelpOption();
    parser.addVersionOption();
    DustLinks::LinksOptions::addTo(parser);
    parser.process(app);

    QString error;
    const std::optional<DustLinks::LinksOptions> options = DustLinks::LinksOptions::from(parser, &error);
    if (!options) {
        printLine(stderr, error);
        return 2;
    }
    DustLinks::LinksBackend backend(*options);
    if (const Dust::Result<void> started = backend.start(); !started) {
        printLine(stderr, QCoreApplication::translate("dust-links-widgets",
                                                      "The embedded Dust server did not start: %1")
                                  .arg(started.error().message()));
        return 1;
    }
    printLine(stdout, backend.description());

    DustLinks::LinksWindow window(backend.url(), backend.token(), backend.store(), backend.description());
    window.show();
    return app.exec();
}
