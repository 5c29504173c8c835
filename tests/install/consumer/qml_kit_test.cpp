// An app's own Qt Quick Test with the installed QML module Dust.Test: the
// engine finds Dust and Dust.Test only in the installed QML directory, and
// the test checks that every DustQt library it mapped came from the prefix.
#include "installcheck.h"

#include <QtCore/qobject.h>
#include <QtQml/qqmlcontext.h>
#include <QtQml/qqmlengine.h>
#include <QtQuickTest/quicktest.h>

#if defined(DUST_STATIC_QML_PLUGIN)
#include <QtQml/qqmlextensionplugin.h>
Q_IMPORT_QML_PLUGIN(DustPlugin)
Q_IMPORT_QML_PLUGIN(Dust_TestPlugin)
#endif

class InstallCheck : public QObject
{
    Q_OBJECT
public:
    Q_INVOKABLE QStringList librariesOutsidePrefix() const { return dustLibrariesOutsidePrefix(); }
};

class Setup : public QObject
{
    Q_OBJECT
public slots:
    void qmlEngineAvailable(QQmlEngine *engine)
    {
        engine->addImportPath(QStringLiteral(DUST_QML_IMPORT_DIR));
        engine->rootContext()->setContextProperty(QStringLiteral("installCheck"), &m_check);
    }

private:
    InstallCheck m_check;
};

QUICK_TEST_MAIN_WITH_SETUP(qml_kit_test, Setup)
#include "qml_kit_test.moc"
