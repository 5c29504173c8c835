// Shared by the consumer apps: which DustQt libraries the process has mapped.
#ifndef INSTALLCHECK_H
#define INSTALLCHECK_H

#include <QtCore/qfile.h>
#include <QtCore/qstringlist.h>

// The DustQt libraries and plugins loaded into this process (Linux).
inline QStringList loadedDustLibraries()
{
    QFile maps(QStringLiteral("/proc/self/maps"));
    if (!maps.open(QIODevice::ReadOnly))
        return {};
    QStringList paths;
    const QList<QByteArray> lines = maps.readAll().split('\n');
    for (const QByteArray &line : lines) {
        const qsizetype slash = line.indexOf('/');
        if (slash < 0)
            continue;
        const QString path = QString::fromLocal8Bit(line.mid(slash));
        if (path.contains(QStringLiteral("libDustQt")) && !paths.contains(path))
            paths.append(path);
    }
    return paths;
}

// Empty when every mapped DustQt library lies under the install prefix;
// otherwise the ones that do not (for instance from the build tree). A static
// DustQt is inside the application.
inline QStringList dustLibrariesOutsidePrefix()
{
#if defined(DUSTQT_STATIC)
    return {};
#endif
    QStringList outside;
    const QString prefix = QStringLiteral(DUST_INSTALL_PREFIX "/");
    const QStringList loaded = loadedDustLibraries();
    for (const QString &path : loaded) {
        if (!path.startsWith(prefix))
            outside.append(path);
    }
    if (loaded.isEmpty())
        outside.append(QStringLiteral("(no DustQt library mapped at all)"));
    return outside;
}

#endif // INSTALLCHECK_H
