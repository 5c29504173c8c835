// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#include "dusttokenregistry_p.h"

#include <QtCore/qcoreapplication.h>
#include <QtCore/qdir.h>
#include <QtCore/qfileinfo.h>
#include <QtCore/qrandom.h>
#include <QtCore/qregularexpression.h>
#include <QtCore/qsavefile.h>

using namespace Qt::StringLiterals;

namespace Dust {

void TokenRegistry::setGrants(const QList<TokenGrant> &grants)
{
    m_grants.clear();
    for (const TokenGrant &grant : grants)
        m_grants.insert(grant.token, grant);
}

const TokenGrant *TokenRegistry::find(const QString &token) const
{
    const auto it = m_grants.constFind(token);
    return it == m_grants.cend() ? nullptr : &*it;
}

QString TokenRegistry::generateToken()
{
    QByteArray bytes(24, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(bytes.data()),
                                          bytes.size() / int(sizeof(quint32)));
    return u"dust_tok_dev_"_s
        + QString::fromLatin1(bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

Result<QString> TokenRegistry::loadOrCreateDevToken(const QString &fileName)
{
    const auto storageError = [&](const QString &why) {
        return Error(Error::Kind::Storage, u"data_dir_unwritable"_s,
                     {{u"path"_s, fileName}, {u"message"_s, why}});
    };
    static const QRegularExpression valid(u"^dust_tok_[A-Za-z0-9_-]{16,}$"_s);
    QFile existing(fileName);
    if (existing.open(QIODevice::ReadOnly)) {
        const QString token = QString::fromLatin1(existing.readAll()).trimmed();
        if (valid.match(token).hasMatch())
            return token;
    }
    const QString token = generateToken();
    QSaveFile file(fileName);
    if (!file.open(QIODevice::WriteOnly))
        return storageError(file.errorString());
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    file.write(token.toLatin1() + '\n');
    if (!file.commit())
        return storageError(file.errorString());
    return token;
}

TokenGrant TokenRegistry::fullAccess(const QString &token)
{
    return TokenGrant{token, TokenGrant::allScopes(), true, {}};
}

Error TokenRegistry::storeNotAllowed()
{
    return Error(Error::Kind::Unauthorized, u"store_not_allowed"_s,
                 {{u"message"_s, u"Token does not have access to this store"_s}});
}

Error TokenRegistry::expired()
{
    return Error(Error::Kind::Unauthorized, u"unauthorized"_s, {{u"message"_s, u"Token has expired"_s}});
}

Error TokenRegistry::missingScope(const QString &scope)
{
    return Error(Error::Kind::Unauthorized, u"missing_scope"_s,
                 {{u"scope"_s, scope}, {u"message"_s, u"Token is missing %1 scope"_s.arg(scope)}});
}

} // namespace Dust
