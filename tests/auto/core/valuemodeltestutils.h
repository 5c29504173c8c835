// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#ifndef VALUEMODELTESTUTILS_H
#define VALUEMODELTESTUTILS_H

#include <dustpath.h>

#include <QtCore/qjsonarray.h>
#include <QtCore/qjsondocument.h>

namespace DustTest {

inline Dust::Path P(QStringView s)
{
    return *Dust::Path::parse(s);
}

// Any JSON value, scalars too, from its text.
inline QJsonValue J(const char *json)
{
    const QByteArray wrapped = QByteArray("[") + json + "]";
    return QJsonDocument::fromJson(wrapped).array().at(0);
}

} // namespace DustTest

#endif // VALUEMODELTESTUTILS_H
