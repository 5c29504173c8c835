// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#ifndef VECTORS_H
#define VECTORS_H

#include <QtCore/qfile.h>
#include <QtCore/qjsonarray.h>
#include <QtCore/qjsondocument.h>
#include <QtTest/qtest.h>

// Loads one of the upstream vector files from tests/auto/core/data.
inline QJsonArray loadVectors(const char *fileName)
{
    const QString path = QFINDTESTDATA(QStringLiteral("data/") + QString::fromLatin1(fileName));
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot open test vectors %s", fileName);
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &error);
    if (!doc.isArray() || doc.array().isEmpty())
        qFatal("test vectors %s are not a non-empty JSON array: %s", fileName,
               qPrintable(error.errorString()));
    return doc.array();
}

#endif // VECTORS_H
