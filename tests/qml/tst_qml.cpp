// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

// The Qt Quick Test runner for the QML module `Dust`: every tst_*.qml file
// in this folder, against one in-process Dust server (DustTestServer).

#include "dusttestserver.h"

#include <dustserver.h>

#include <QtQml/qqmlengine.h>
#include <QtQuickTest/quicktest.h>

#if defined(DUST_QUICK_STATIC_PLUGIN)
#include <QtQml/qqmlextensionplugin.h>
Q_IMPORT_QML_PLUGIN(DustPlugin)
#endif

class Setup : public QObject
{
    Q_OBJECT

public slots:
    void applicationAvailable()
    {
        Dust::ServerOptions options;
        options.port = 0;
        options.inMemory = true;
        m_server = std::make_unique<Dust::Server>(options);
        if (const Dust::Result<void> started = m_server->start(); !started)
            qFatal("server did not start: %s", qPrintable(started.error().toString()));
        m_testServer = std::make_unique<DustTestServer>(m_server.get());
        DustTestServer::setInstance(m_testServer.get());
    }

    void qmlEngineAvailable(QQmlEngine *engine)
    {
        engine->addImportPath(QStringLiteral(DUST_QML_IMPORT_DIR));
    }

    void cleanupTestCase()
    {
        DustTestServer::setInstance(nullptr);
        m_testServer.reset();
        m_server.reset();
    }

private:
    std::unique_ptr<Dust::Server> m_server;
    std::unique_ptr<DustTestServer> m_testServer;
};

QUICK_TEST_MAIN_WITH_SETUP(tst_qml, Setup)

#include "tst_qml.moc"
