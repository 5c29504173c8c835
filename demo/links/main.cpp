// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

// dust-links: a live list of links kept in a Dust store, as a Qt Quick app.
//
//   dust-links [--url ws://host:port/ws/sync --token T] [--store org/name] [--data-dir DIR]
//
// Without --url it starts an embedded Dust server on a free 127.0.0.1 port.

#include <dustglobal.h>
#include <dusttranslations.h>
#include <linksbackend.h>
#include <linksoptions.h>

#include <QtCore/qcommandlineparser.h>
#include <QtGui/qguiapplication.h>
#include <QtQml/qqmlapplicationengine.h>
#include <QtQml/qqmlextensionplugin.h>
#include <QtQuickControls2/qquickstyle.h>

#include <cstdio>

Q_IMPORT_QML_PLUGIN(DustLinksPlugin)

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
    QGuiApplication app(argc, argv);
    QCoreApplication::setOrganizationName(u"DustQt"_s);
    QCoreApplication::setApplicationName(u"dust-links"_s);
    QCoreApplication::setApplicationVersion(Dust::version());
    // Before any text is built: --lang, else the system language. An unknown
    // language is reported and English is used.
    if (const auto installed = Dust::installLanguage(Dust::languageOption(QCoreApplication::arguments()));
        !installed) {
        printLine(stderr, installed.error().message());
    }

    QGuiApplication::setApplicationDisplayName(QCoreApplication::translate("dust-links", "Dust Links"));
    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate(
            "dust-links", "A live list of links kept in a Dust store."));
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
        printLine(stderr, QCoreApplication::translate("dust-links", "The embedded Dust server did not start: %1")
                                  .arg(started.error().message()));
        return 1;
    }
    printLine(stdout, backend.description());

    if (qEnvironmentVariableIsEmpty("QT_QUICK_CONTROLS_STYLE"))
        QQuickStyle::setStyle(u"Fusion"_s);
    QQmlApplicationEngine engine;
    engine.addImportPath(QStringLiteral(DUST_QML_IMPORT_DIR));
    engine.setInitialProperties({
        {u"serverUrl"_s, backend.url()},
        {u"token"_s, backend.token()},
        {u"store"_s, backend.store()},
        {u"serverInfo"_s, backend.description()},
    });
    engine.load(QUrl(u"qrc:/qt/qml/DustLinks/Main.qml"_s));
    if (engine.rootObjects().isEmpty())
        return 1;
    return app.exec();
}
