// Runs tst_linklist.qml with Qt Quick Test (-input names the file, -import
// the folder holding the Dust and Dust.Test modules when not installed).
#include <QtQuickTest/quicktest.h>

#if defined(DUSTQT_QUICKTEST_STATIC)
#include <QtQml/qqmlextensionplugin.h>
Q_IMPORT_QML_PLUGIN(DustPlugin)
Q_IMPORT_QML_PLUGIN(Dust_TestPlugin)
#endif

QUICK_TEST_MAIN(linklist)
