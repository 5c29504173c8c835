// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#include "dustentry.h"

#include <QtCore/qcborvalue.h>
#include <QtCore/qjsonobject.h>

#include <array>

using namespace Qt::StringLiterals;

namespace Dust {

namespace {

constexpr std::array<std::pair<Entry::Type, QStringView>, 12> typeNames{{
    {Entry::Type::Null, u"null"},
    {Entry::Type::String, u"string"},
    {Entry::Type::Integer, u"integer"},
    {Entry::Type::Float, u"float"},
    {Entry::Type::Boolean, u"boolean"},
    {Entry::Type::Counter, u"counter"},
    {Entry::Type::Set, u"set"},
    {Entry::Type::File, u"file"},
    {Entry::Type::Lease, u"lease"},
    {Entry::Type::Decimal, u"decimal"},
    {Entry::Type::DateTime, u"datetime"},
    {Entry::Type::Map, u"map"},
}};

} // namespace

QDateTime Entry::syncTime(qint64 msecsSinceEpoch)
{
    return msecsSinceEpoch > 0 ? QDateTime::fromMSecsSinceEpoch(msecsSinceEpoch) : QDateTime();
}

QString Entry::typeName(Type type)
{
    for (const auto &[t, name] : typeNames) {
        if (t == type)
            return name.toString();
    }
    return {};
}

std::optional<Entry::Type> Entry::typeFromName(QStringView name)
{
    for (const auto &[t, n] : typeNames) {
        if (n == name)
            return t;
    }
    return std::nullopt;
}

bool Entry::isTypedValue(const QJsonValue &value)
{
    if (!value.isObject())
        return false;
    const QJsonObject object = value.toObject();
    const QJsonValue type = object.value(u"_type");
    if (type == u"file"_s || type == u"lease"_s)
        return true;
    return object.contains(u"_typed") && object.contains(u"_type");
}

Entry::Type Entry::typeOf(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        return Type::Null;
    case QJsonValue::Bool:
        return Type::Boolean;
    case QJsonValue::Double:
        return QCborValue::fromJsonValue(value).isInteger() ? Type::Integer : Type::Float;
    case QJsonValue::String:
        return Type::String;
    case QJsonValue::Array:
        return Type::Set;
    case QJsonValue::Object: {
        const QJsonObject object = value.toObject();
        const QString type = object.value(u"_type").toString();
        if (type == u"file")
            return Type::File;
        if (type == u"lease")
            return Type::Lease;
        if (object.contains(u"_typed")) {
            if (type == u"decimal")
                return Type::Decimal;
            if (type == u"datetime")
                return Type::DateTime;
            return Type::String;
        }
        return Type::Map;
    }
    }
    return Type::Null;
}

} // namespace Dust
