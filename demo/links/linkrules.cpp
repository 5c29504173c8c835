// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#include "linkrules.h"

#include <linksschema.h>

using namespace Qt::StringLiterals;

LinkRules::LinkRules(QObject *parent) : QObject(parent) { }

QString LinkRules::schemaName() const
{
    return DustLinks::LinksSchema::descriptor().value(u"name"_s).toString();
}

QStringList LinkRules::prefix() const
{
    return DustLinks::LinksSchema::descriptor().value(u"prefix"_s).toStringList();
}

QVariantList LinkRules::fields() const
{
    return DustLinks::LinksSchema::descriptor().value(u"fields"_s).toList();
}

QStringList LinkRules::required() const
{
    return DustLinks::LinksSchema::descriptor().value(u"required"_s).toStringList();
}

bool LinkRules::isMapMode() const
{
    return DustLinks::LinksSchema::descriptor().value(u"mode"_s) == u"map"_s;
}

QVariantMap LinkRules::validate(const QVariantMap &link, bool isNew, bool slugTaken) const
{
    QVariantMap result;
    const auto errors = DustLinks::LinksSchema::validate(link, isNew, slugTaken);
    for (auto it = errors.cbegin(); it != errors.cend(); ++it)
        result.insert(it.key(), it.value().join(u'\n'));
    return result;
}

QString LinkRules::suggestSlug(const QString &url) const
{
    return DustLinks::LinksSchema::suggestSlug(url);
}
