// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

// dust-links: a live list of links kept in a Dust store, as a Qt Quick app.
//
//   dust-links [--url ws://host:port/ws/sync --token T] [--store org/name] [--data-dir DIR]
//
// Without --url it starts an embedded Dust server on a free 127.0.0.1 port.

#include <linksstartup.h>

#include <QtGui/qguiapplication.h>
#include <QtQml/qqmlapplicationengine.h>
#include <QtQml/qqmlextensionplugin.h>
#include <QtQuickControls2/qquickstyle.h>

Q_IMPORT_QML_PLUGIN(DustLinksPlugin)

using namespace Qt::StringLiterals;

int main(int argc, char *argv[])
{
    QGuiApplication app(argc, argv);
    auto started = DustLinks::LinksStartup::run(u"dust-links"_s);
    if (const int *exitCode = std::get_if<int>(&started))
        return *exitCode;
    const DustLinks::LinksBackend &backend = *std::get<std::unique_ptr<DustLinks::LinksBackend>>(started);

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
