// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#ifndef DUSTSERVEROPTIONS_H
#define DUSTSERVEROPTIONS_H

#include <dustserverglobal.h>
#include <dustresult.h>

#include <QtCore/qdatetime.h>
#include <QtCore/qjsonvalue.h>
#include <QtCore/qlist.h>
#include <QtCore/qstringlist.h>
#include <QtNetwork/qhostaddress.h>

QT_BEGIN_NAMESPACE
class QCommandLineParser;
QT_END_NAMESPACE

namespace Dust {

/*!
    One API token the server accepts: its scopes and the stores it may use
    (all of them, or a list of "org/name"), until its optional `expires_at`.

    Every scope the hosted Dust service issues is accepted (allScopes()), so
    a token configuration copied from it loads unchanged. Only the scopes of
    enforcedScopes() (`entries:read`, `entries:write`, `files:read`,
    `files:write`) guard anything here: the local server has no store
    administration, webhooks, audit log or token API, so `stores:*`,
    `webhooks:*`, `audit:read` and `tokens:*` are kept and reported in the
    join reply but grant and refuse nothing. A word outside allScopes() is an
    error, and a token whose `expires_at` has passed is refused.

    A token configuration file holds a list of grants:

    \code
    {"tokens": [
        {"token": "dust_tok_reader", "scopes": ["entries:read"], "store_access": "all"},
        {"token": "dust_tok_blog", "scopes": ["entries:read", "entries:write"],
         "store_access": ["james/blog"], "expires_at": "2027-01-31T00:00:00Z"}
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
    QDateTime expiresAt = {};       ///< invalid = never; from then on the token is refused

    /// Every scope the hosted Dust service issues; a configuration may use any.
    static QStringList allScopes();
    /// The scopes the local server checks; the rest of allScopes() is accepted
    /// and has no effect.
    static QStringList enforcedScopes();
    /// Parses a token configuration (the object above, or just its list).
    static Result<QList<TokenGrant>> fromJson(const QJsonValue &config);
    static Result<QList<TokenGrant>> loadFile(const QString &fileName);

    bool hasScope(QStringView scope) const { return scopes.contains(scope); }
    bool allowsStore(const QString &store) const { return allStores || stores.contains(store); }
    bool isExpired() const { return expiresAt.isValid() && QDateTime::currentDateTimeUtc() >= expiresAt; }
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
    options.certificateFile = u"server.pem"_s; // wss:// and https://
    options.privateKeyFile = u"server.key"_s;
    options.rateLimit = 100;                   // writes per token per minute
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
    /// HTTP: an answer of 408 and a close when a request's header block
    /// has not fully arrived this long after the connection or the previous
    /// request (an idle connection is closed without one); 0 = never.
    int headerTimeoutMs = 30000;
    /// TLS: with both set the server speaks wss:// and https:// only. The
    /// certificate file is PEM, the server's certificate first, then its
    /// chain; the key is an unencrypted PEM RSA or EC key.
    QString certificateFile;
    QString privateKeyFile;
    /// Writes (`write`, `put_file`, REST writes) each token may make per
    /// window; one more is refused with `rate_limited` and retry_after_ms
    /// (REST: 429 with Retry-After). 0 = no limit. Upstream allows 100/min.
    int rateLimit = 0;
    int rateLimitWindowMs = 60000;
    enum class ReplyOrder { ReplyFirst, EchoFirst };
    ReplyOrder replyOrder = ReplyOrder::ReplyFirst;   ///< test option: write reply before/after the echo

    bool usesTls() const { return !certificateFile.isEmpty() || !privateKeyFile.isEmpty(); }

    /// Where stores live when dataDir is empty: "dust-devserver" under the
    /// per-user generic data location (e.g. ~/.local/share/dust-devserver).
    static QString defaultDataDirectory();
    /// The file a generated dev token is written to, inside a data directory.
    static QString devTokenFile(const QString &dataDir);
    /// True for "org/name" where both parts are 1-100 characters of
    /// [A-Za-z0-9._-], starting with a letter or digit.
    static bool isValidStoreName(const QString &name);

    /// Adds dust-devserver's options (--listen, --port, --data-dir, ...) to
    /// \a parser, with translated help texts; the defaults are this struct's.
    static void addCommandLineOptions(QCommandLineParser &parser);
    /// The options set on \a parser, which addCommandLineOptions() prepared
    /// and which has parsed the command line. A value that is not valid, two
    /// options that exclude each other or an extra argument give an Error
    /// with code `invalid_option` whose detail `message` says which.
    static Result<ServerOptions> fromCommandLine(const QCommandLineParser &parser);
};

} // namespace Dust

#endif // DUSTSERVEROPTIONS_H
