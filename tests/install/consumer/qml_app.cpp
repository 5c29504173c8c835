// A QML application that imports Dust from the installed QML directory. It
// plays the server and another device in C++; the QML list must show what
// that device writes. Exits 0 when it does.
#include "installcheck.h"

#include <dustserver.h>

#include <QtCore/qabstractitemmodel.h>
#include <QtCore/qjsonobject.h>
#include <QtCore/qtimer.h>
#include <QtGui/qguiapplication.h>
#include <QtQml/qqmlcomponent.h>
#include <QtQml/qqmlengine.h>
#include <QtQml/qqmlextensionplugin.h>

#include <cstdio>
#include <memory>

#if defined(DUST_STATIC_QML_PLUGIN)
Q_IMPORT_QML_PLUGIN(DustPlugin)
#endif

using namespace Qt::StringLiterals;

// The titles the QML list's model holds, top to bottom.
static QStringList titles(QObject *root)
{
    QObject *list = root->findChild<QObject *>(u"list"_s);
    auto *model = list ? qobject_cast<QAbstractItemModel *>(list->property("model").value<QObject *>()) : nullptr;
    if (!model)
        return {u"(no model)"_s};
    const int role = model->roleNames().key("title", -1);
    QStringList out;
    for (int row = 0; row < model->rowCount(); ++row)
        out.append(model->index(row, 0).data(role).toString());
    return out;
}

static int fail(const QString &why)
{
    std::fprintf(stderr, "qml_app: %s\n", qPrintable(why));
    return 1;
}

int main(int argc, char *argv[])
{
    QGuiApplication app(argc, argv);

    Dust::ServerOptions options;
    options.port = 0;
    options.inMemory = true;
    options.stores = {u"acme/site"_s};
    Dust::Server server(options);
    if (const auto started = server.start(); !started)
        return fail(started.error().toString());
    // One link before the view exists (it loads it), one after (it follows).
    server.write(u"acme/site"_s, u"phone"_s, Dust::Op::Kind::Set, u"links/a"_s, QJsonObject{{u"title"_s, u"Alpha"_s}});

    QQmlEngine engine;
    engine.addImportPath(QStringLiteral(DUST_QML_IMPORT_DIR));
    QQmlComponent component(&engine, QUrl::fromLocalFile(QStringLiteral(DUST_QML_FILE)));
    std::unique_ptr<QObject> root(component.createWithInitialProperties(
        {{u"url"_s, server.webSocketUrl()}, {u"token"_s, server.devToken()}}));
    if (!root)
        return fail(component.errorString());

    const QStringList wanted{u"Alpha"_s, u"Beta"_s};
    bool wroteSecond = false;
    QStringList shown;
    QTimer poll;
    QObject::connect(&poll, &QTimer::timeout, &app, [&] {
        shown = titles(root.get());
        if (!wroteSecond && shown == QStringList{u"Alpha"_s}) {
            wroteSecond = true;
            server.write(u"acme/site"_s, u"phone"_s, Dust::Op::Kind::Set, u"links/b"_s,
                         QJsonObject{{u"title"_s, u"Beta"_s}});
        }
        if (shown == wanted)
            QCoreApplication::quit();
    });
    poll.start(10);
    QTimer::singleShot(20000, &app, [] { QCoreApplication::exit(1); });
    if (QCoreApplication::exec() != 0 || shown != wanted)
        return fail(u"the list shows [%1], expected [%2]"_s.arg(shown.join(u", "_s), wanted.join(u", "_s)));

#if !defined(DUST_STATIC_QML_PLUGIN)
    const QString plugin = QStringLiteral(DUST_QML_IMPORT_DIR "/Dust/");
    const QStringList loaded = loadedDustLibraries();
    bool pluginFromInstall = false;
    for (const QString &path : loaded)
        pluginFromInstall |= path.startsWith(plugin) && path.contains(u"libDustQtQuickplugin"_s);
    if (!pluginFromInstall)
        return fail(u"the Dust plugin was not loaded from %1; mapped: %2"_s.arg(plugin, loaded.join(u", "_s)));
#endif
    if (const QStringList outside = dustLibrariesOutsidePrefix(); !outside.isEmpty())
        return fail(u"DustQt libraries from outside the install prefix: "_s + outside.join(u", "_s));
    std::printf("qml_app: the QML list shows %s; Dust imported from %s\n", qPrintable(shown.join(u", "_s)),
                DUST_QML_IMPORT_DIR);
    return 0;
}
