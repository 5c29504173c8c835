// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

// The Qt Quick Test runner for the QML modules `Dust` and `Dust.Test`: every
// tst_*.qml file in this folder. Each declares its own DustTestServer.

#include <QtQml/qqmlengine.h>
#include <QtQuickTest/quicktest.h>

#if defined(DUST_QUICK_STATIC_PLUGIN)
#include <QtQml/qqmlextensionplugin.h>
Q_IMPORT_QML_PLUGIN(DustPlugin)
Q_IMPORT_QML_PLUGIN(Dust_TestPlugin)
#endif

class Setup : public QObject
{
    Q_OBJECT

public slots:
    void qmlEngineAvailable(QQmlEngine *engine)
    {
        engine->addImportPath(QStringLiteral(DUST_QML_IMPORT_DIR));
    }
};

QUICK_TEST_MAIN_WITH_SETUP(tst_qml, Setup)

#include "tst_qml.moc"
