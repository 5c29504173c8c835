// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

// dust-links' window, loaded offscreen on the embedded server: links
// written by another device appear in its list.

#include <linksbackend.h>
#include <linksschema.h>

#include <dustserver.h>

#include <QtCore/qjsonobject.h>
#include <QtCore/qtemporarydir.h>
#include <QtQml/qqmlapplicationengine.h>
#include <QtQml/qqmlextensionplugin.h>
#include <QtGui/qguiapplication.h>
#include <QtGui/qwindow.h>
#include <QtQuickControls2/qquickstyle.h>
#include <QtTest/qtest.h>

Q_IMPORT_QML_PLUGIN(DustLinksPlugin)

using namespace Qt::StringLiterals;

class tst_LinksQuick : public QObject
{
    Q_OBJECT

private slots:
    void showsLinksWrittenElsewhere();
};

void tst_LinksQuick::showsLinksWrittenElsewhere()
{
    QTemporaryDir dataDir;
    QVERIFY(dataDir.isValid());
    DustLinks::LinksOptions options;
    options.store = DustLinks::LinksSchema::defaultStore();
    options.dataDir = dataDir.path();
    DustLinks::LinksBackend backend(options);
    const Dust::Result<void> started = backend.start();
    QVERIFY2(started, qPrintable(started.error().toString()));

    QQuickStyle::setStyle(u"Fusion"_s);
    auto engine = std::make_unique<QQmlApplicationEngine>();
    engine->addImportPath(QStringLiteral(DUST_QML_IMPORT_DIR));
    engine->setInitialProperties({
        {u"serverUrl"_s, backend.url()},
        {u"token"_s, backend.token()},
        {u"store"_s, backend.store()},
        {u"serverInfo"_s, backend.description()},
    });
    engine->load(QUrl(u"qrc:/qt/qml/DustLinks/Main.qml"_s));
    QCOMPARE(engine->rootObjects().size(), 1);
    QObject *window = engine->rootObjects().constFirst();
    QTRY_COMPARE(window->property("linkCount").toInt(), 0);

    for (const auto &[slug, title] : {std::pair{u"qt.io"_s, u"Qt"_s}, std::pair{u"kde.org"_s, u"KDE"_s}}) {
        const Dust::Result<qint64> written = backend.server()->write(
                backend.store(), u"phone"_s, Dust::Op::Kind::Set, u"links/"_s + slug,
                QJsonObject{{u"title"_s, title}, {u"url"_s, u"https://"_s + slug}});
        QVERIFY2(written, qPrintable(written.error().toString()));
    }
    QTRY_COMPARE(window->property("linkCount").toInt(), 2);
    // Sorted by title: KDE first.
    auto *model = window->property("listModel").value<QAbstractItemModel *>();
    QVERIFY(model);
    QCOMPARE(model->data(model->index(0, 0), model->roleNames().key("title")).toString(), u"KDE"_s);

    // "New window": a second window with a connection of its own shows the same links.
    QVERIFY(QMetaObject::invokeMethod(window, "openWindow"));
    QObject *other = nullptr;
    for (QWindow *top : QGuiApplication::topLevelWindows()) {
        if (top != window && top->property("linkCount").isValid())
            other = top;
    }
    QVERIFY(other);
    QTRY_COMPARE(other->property("linkCount").toInt(), 2);

    // Windows hand their scene graph textures to deleteLater(): let those run.
    delete other;
    engine.reset();
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
}

QTEST_MAIN(tst_LinksQuick)
#include "tst_linksquick.moc"
