// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#include "dustquickerror_p.h"

#include <QtQml/qjsvalue.h>
#include <QtQml/qqmlengine.h>
#include <QtQml/qqmlinfo.h>

using namespace Qt::StringLiterals;

namespace Dust::Quick {

Q_LOGGING_CATEGORY(lcQuick, "dust.quick")

QVariant errorToVariant(const Error &error)
{
    return QVariant::fromValue(error);
}

QVariant plainVariant(const QVariant &value)
{
    switch (value.typeId()) {
    case QMetaType::QVariantMap: {
        QVariantMap map = value.toMap();
        for (auto it = map.begin(); it != map.end(); ++it)
            *it = plainVariant(*it);
        return map;
    }
    case QMetaType::QVariantList: {
        QVariantList list = value.toList();
        for (QVariant &item : list)
            item = plainVariant(item);
        return list;
    }
    default:
        break;
    }
    if (value.metaType() == QMetaType::fromType<QJSValue>()) {
        const QJSValue js = value.value<QJSValue>();
        if (js.isNull() || js.isUndefined())
            return {};
        return plainVariant(js.toVariant());
    }
    return value;
}

void warnDeclaration(const QObject *object, const Error &error)
{
    if (qmlContext(object))
        qmlWarning(object) << error.toString();
    else
        qCWarning(lcQuick).noquote() << object->metaObject()->className() << error.toString();
}

} // namespace Dust::Quick
