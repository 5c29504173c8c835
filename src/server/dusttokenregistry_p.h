// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#ifndef DUSTTOKENREGISTRY_P_H
#define DUSTTOKENREGISTRY_P_H

#include <dustprivateapi_p.h>

#include <dustserveroptions.h>

#include <QtCore/qhash.h>

namespace Dust {

// The tokens a running server accepts, and the authorization errors of
// protocol §1.7 and §3.5 with their exact fields.
class TokenRegistry
{
public:
    void setGrants(const QList<TokenGrant> &grants);
    const TokenGrant *find(const QString &token) const;

    // A fresh "dust_tok_dev_..." token with 192 random bits.
    static QString generateToken();
    // Reads the dev token kept in `fileName`, or generates one and writes it
    // there (owner-only permissions) so tools can find it.
    static Result<QString> loadOrCreateDevToken(const QString &fileName);
    static TokenGrant fullAccess(const QString &token);

    static Error storeNotAllowed();
    // "unauthorized", saying why: the token's expires_at has passed.
    static Error expired();
    static Error missingScope(const QString &scope);

private:
    QHash<QString, TokenGrant> m_grants;
};

} // namespace Dust

#endif // DUSTTOKENREGISTRY_P_H
