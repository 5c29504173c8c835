// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#include "dustserveroptions.h"

#include "dustserverlogging_p.h"

#include <QtCore/qcoreapplication.h>
#include <QtCore/qdir.h>
#include <QtCore/qfile.h>
#include <QtCore/qjsonarray.h>
#include <QtCore/qjsondocument.h>
#include <QtCore/qjsonobject.h>
#include <QtCore/qregularexpression.h>
#include <QtCore/qset.h>
#include <QtCore/qstandardpaths.h>

using namespace Qt::StringLiterals;

namespace Dust {

namespace {

Error configError(const QString &message)
{
    return Error(Error::Kind::InvalidParams, u"invalid_token_config"_s, {{u"message"_s, message}});
}


Result<TokenGrant> grantFromJson(const QJsonValue &value, qsizetype index)
{
    const QString where = u"tokens[%1]"_s.arg(index);
    if (!value.isObject())
        return configError(ServerText::tr("%1 is not an object").arg(where));
    const QJsonObject object = value.toObject();
    TokenGrant grant;

    const QJsonValue token = object.value(u"token");
    static const QRegularExpression tokenChars(u"^[\\x21-\\x7e]+$"_s);
    if (!token.isString() || !tokenChars.match(token.toString()).hasMatch())
        return configError(ServerText::tr("%1.token must be a non-empty string of printable ASCII without spaces").arg(where));
    grant.token = token.toString();

    const QJsonValue scopes = object.value(u"scopes");
    if (!scopes.isArray())
        return configError(ServerText::tr("%1.scopes must be a list").arg(where));
    for (const QJsonValue &scope : scopes.toArray()) {
        if (!scope.isString() || !TokenGrant::allScopes().contains(scope.toString()))
            return configError(ServerText::tr("%1.scopes has an unknown scope; known scopes are %2")
                                   .arg(where, TokenGrant::allScopes().join(u", ")));
        if (!grant.scopes.contains(scope.toString()))
            grant.scopes.append(scope.toString());
    }

    const QJsonValue access = object.value(u"store_access");
    if (access.isUndefined() || access == u"all"_s) {
        grant.allStores = true;
    } else if (access.isArray()) {
        grant.allStores = false;
        for (const QJsonValue &store : access.toArray()) {
            if (!store.isString() || !ServerOptions::isValidStoreName(store.toString()))
                return configError(ServerText::tr("%1.store_access lists a store that is not \"org/name\"").arg(where));
            grant.stores.append(store.toString());
        }
    } else {
        return configError(ServerText::tr("%1.store_access must be \"all\" or a list of \"org/name\"").arg(where));
    }

    const QJsonValue expires = object.value(u"expires_at");
    if (!expires.isUndefined() && !expires.isNull()) {
        grant.expiresAt = QDateTime::fromString(expires.toString(), Qt::ISODateWithMs);
        if (!expires.isString() || !grant.expiresAt.isValid())
            return configError(ServerText::tr("%1.expires_at must be an ISO 8601 date and time").arg(where));
    }
    return grant;
}

} // namespace

QStringList TokenGrant::allScopes()
{
    return enforcedScopes() + QStringList{u"stores:read"_s, u"stores:create"_s, u"stores:clone"_s,
                                          u"webhooks:read"_s, u"webhooks:write"_s, u"audit:read"_s,
                                          u"tokens:read"_s, u"tokens:write"_s};
}

QStringList TokenGrant::enforcedScopes()
{
    return {u"entries:read"_s, u"entries:write"_s, u"files:read"_s, u"files:write"_s};
}

Result<QList<TokenGrant>> TokenGrant::fromJson(const QJsonValue &config)
{
    const QJsonValue list = config.isObject() ? config.toObject().value(u"tokens") : config;
    if (!list.isArray())
        return configError(ServerText::tr("the configuration must be an object with a \"tokens\" list"));
    QList<TokenGrant> grants;
    QSet<QString> seen;
    const QJsonArray array = list.toArray();
    for (qsizetype i = 0; i < array.size(); ++i) {
        Result<TokenGrant> grant = grantFromJson(array.at(i), i);
        if (!grant)
            return grant.error();
        if (seen.contains(grant->token))
            return configError(ServerText::tr("tokens[%1] repeats a token listed before it").arg(i));
        seen.insert(grant->token);
        grants.append(*grant);
    }
    if (grants.isEmpty())
        return configError(ServerText::tr("the configuration lists no token"));
    return grants;
}

Result<QList<TokenGrant>> TokenGrant::loadFile(const QString &fileName)
{
    QFile file(fileName);
    if (!file.open(QIODevice::ReadOnly))
        return configError(ServerText::tr("cannot read %1: %2").arg(fileName, file.errorString()));
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return configError(ServerText::tr("%1 is not valid JSON: %2").arg(fileName, parseError.errorString()));
    return fromJson(doc.isArray() ? QJsonValue(doc.array()) : QJsonValue(doc.object()));
}

QString ServerOptions::defaultDataDirectory()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation)
        + u"/dust-devserver"_s;
}

QString ServerOptions::devTokenFile(const QString &dataDir)
{
    return QDir(dataDir).filePath(u"dev-token"_s);
}

bool ServerOptions::isValidStoreName(const QString &name)
{
    static const QRegularExpression pattern(
        u"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}/[A-Za-z0-9][A-Za-z0-9._-]{0,99}$"_s);
    return pattern.match(name).hasMatch();
}

} // namespace Dust
