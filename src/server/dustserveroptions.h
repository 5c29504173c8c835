// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#ifndef DUSTSERVEROPTIONS_H
#define DUSTSERVEROPTIONS_H

#include <dustserverglobal.h>
#include <dustresult.h>

#include <QtCore/qjsonvalue.h>
#include <QtCore/qlist.h>
#include <QtCore/qstringlist.h>
#include <QtNetwork/qhostaddress.h>

namespace Dust {

/*!
    One API token the server accepts: its scopes (`entries:read`,
    `entries:write`, `files:read`, `files:write`) and the stores it may use
    (all of them, or a list of "org/name").

    A token configuration file holds a list of grants:

    \code
    {"tokens": [
        {"token": "dust_tok_reader", "scopes": ["entries:read"], "store_access": "all"},
        {"token": "dust_tok_blog", "scopes": ["entries:read", "entries:write"],
         "store_access": ["james/blog"]}
    ]}
    \endcode

    \code
    Dust::Result<QList<Dust::TokenGrant>> grants = Dust::TokenGrant::loadFile(u"tokens.json"_s);
    if (!grants)
        qWarning() << grants.error().message();
    \endcode
*/
struct DUST_SERVER_EXPORT TokenGrant
{
    QString token;
    QStringList scopes;
    bool allStores = true;
    QStringList stores;

    /// Every scope a Dust server knows.
    static QStringList allScopes();
    /// Parses a token configuration (the object above, or just its list).
    static Result<QList<TokenGrant>> fromJson(const QJsonValue &config);
    static Result<QList<TokenGrant>> loadFile(const QString &fileName);

    bool hasScope(QStringView scope) const { return scopes.contains(scope); }
    bool allowsStore(const QString &store) const { return allStores || stores.contains(store); }
};

/*!
    How a Dust::Server listens, stores and authenticates. The defaults are a
    development server on 127.0.0.1:7755 that keeps its stores under the
    per-user data location and generates one full-access token.

    \code
    Dust::ServerOptions options;
    options.port = 0;                          // any free port
    options.inMemory = true;                   // throw-away stores
    options.stores = {u"acme/site"_s};
    Dust::Server server(options);
    \endcode
*/
struct DUST_SERVER_EXPORT ServerOptions
{
    QHostAddress address = QHostAddress(QHostAddress::LocalHost);
    quint16 port = 7755;            ///< 0 = any free port
    QString dataDir;                ///< SQLite files; empty + !inMemory = defaultDataDirectory()
    bool inMemory = false;          ///< throw-away stores (tests)
    QStringList stores;             ///< declared stores ("org/name")
    bool autoCreate = true;         ///< create a store on first join
    QList<TokenGrant> tokens;       ///< empty = tokensFile, or one generated full-access dev token
    QString tokensFile;             ///< JSON token configuration (see TokenGrant)
    qsizetype maxFrameBytes = 8 * 1024 * 1024;
    int idleTimeoutMs = 60000;      ///< close sockets silent this long; 0 = never
    enum class ReplyOrder { ReplyFirst, EchoFirst };
    ReplyOrder replyOrder = ReplyOrder::ReplyFirst;   ///< test option: write reply before/after the echo

    /// Where stores live when dataDir is empty: "dust-devserver" under the
    /// per-user generic data location (e.g. ~/.local/share/dust-devserver).
    static QString defaultDataDirectory();
    /// The file a generated dev token is written to, inside a data directory.
    static QString devTokenFile(const QString &dataDir);
    /// True for "org/name" where both parts are 1-100 characters of
    /// [A-Za-z0-9._-], starting with a letter or digit.
    static bool isValidStoreName(const QString &name);
};

} // namespace Dust

#endif // DUSTSERVEROPTIONS_H
