// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#include "dustserveroptions.h"

#include "dustservererrors.h"
#include "dustserverlogging_p.h"

#include <QtCore/qcommandlineparser.h>
#include <QtCore/qcoreapplication.h>
#include <QtCore/qdir.h>
#include <QtCore/qfile.h>
#include <QtCore/qjsonarray.h>
#include <QtCore/qjsondocument.h>
#include <QtCore/qjsonobject.h>
#include <QtCore/qregularexpression.h>
#include <QtCore/qset.h>
#include <QtCore/qstandardpaths.h>

#include <limits>
#include <optional>

using namespace Qt::StringLiterals;

namespace Dust {

namespace {

Error configError(const QString &message)
{
    return ServerErrors::InvalidTokenConfig.error({{u"message"_s, message}});
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

namespace {

// dust-devserver's texts keep their own translation context.
struct DevServerText
{
    Q_DECLARE_TR_FUNCTIONS(Dust::DevServer)
};

Error optionError(const QString &message)
{
    return ServerErrors::InvalidOption.error({{u"message"_s, message}});
}

QList<QCommandLineOption> storageOptions()
{
    return {
        {u"listen"_s, DevServerText::tr("Address to listen on (default 127.0.0.1). Anything but a loopback address "
                                        "lets other machines reach the server; it warns."),
         DevServerText::tr("address"), u"127.0.0.1"_s},
        {u"port"_s, DevServerText::tr("Port for WebSocket and HTTP (default 7755); 0 picks a free port, printed at "
                                      "start-up."),
         DevServerText::tr("port"), QString::number(ServerOptions().port)},
        {u"data-dir"_s, DevServerText::tr("Directory for the SQLite stores and the dev token (default %1).")
                            .arg(ServerOptions::defaultDataDirectory()),
         DevServerText::tr("dir")},
        {u"memory"_s, DevServerText::tr("Keep every store in memory only: nothing is written to disk, everything is "
                                        "lost at exit.")},
        {u"store"_s, DevServerText::tr("Declare a store \"org/name\", created at start-up if needed. Repeat for more "
                                       "stores."),
         DevServerText::tr("org/name")},
        {u"auto-create"_s, DevServerText::tr("Create a store when a client first joins or writes to it (the default).")},
        {u"no-auto-create"_s, DevServerText::tr("Only serve declared and existing stores; joining any other store is "
                                                "refused as \"unauthorized\".")},
    };
}

QList<QCommandLineOption> accessOptions()
{
    const ServerOptions defaults;
    return {
        {u"config"_s, DevServerText::tr("Token configuration file: {\"tokens\": [{\"token\": \"dust_tok_...\", \"scopes\": "
           "[\"entries:read\", \"entries:write\", \"files:read\", \"files:write\"], \"store_access\": "
           "\"all\" or [\"org/name\", ...], \"expires_at\": optional ISO 8601 time}]}. The hosted service's "
           "other scopes (stores:*, webhooks:*, audit:read, tokens:*) are accepted and not enforced. Without it "
           "one full-access dev token is used."),
         DevServerText::tr("tokens.json")},
        {u"max-frame"_s, DevServerText::tr("Largest WebSocket message accepted, in bytes (default %1); a larger one "
                                           "closes the socket with code 1009.").arg(defaults.maxFrameBytes),
         DevServerText::tr("bytes"), QString::number(defaults.maxFrameBytes)},
        {u"idle-timeout"_s, DevServerText::tr("Close a WebSocket that sent nothing for this long, in milliseconds "
                                              "(default %1; 0 = never). Clients send a heartbeat every 30 s.")
                                .arg(defaults.idleTimeoutMs),
         DevServerText::tr("ms"), QString::number(defaults.idleTimeoutMs)},
        {u"cert"_s, DevServerText::tr("Serve wss:// and https:// with this PEM certificate file (the server's "
                                      "certificate first, then its chain). Needs --key."),
         DevServerText::tr("file")},
        {u"key"_s, DevServerText::tr("The unencrypted PEM private key (RSA or EC) of --cert."), DevServerText::tr("file")},
        {u"rate-limit"_s, DevServerText::tr("Writes each token may make per window (WebSocket write/put_file and REST "
                                            "writes); one more is refused with \"rate_limited\" (REST: 429). Default "
                                            "0 = no limit."),
         DevServerText::tr("writes"), QString::number(defaults.rateLimit)},
        {u"rate-limit-window"_s, DevServerText::tr("The window of --rate-limit, in milliseconds (default %1).")
                                     .arg(defaults.rateLimitWindowMs),
         DevServerText::tr("ms"), QString::number(defaults.rateLimitWindowMs)},
    };
}

// The integer value of `name`, or nothing when it is not one or below `minimum`.
std::optional<qint64> number(const QCommandLineParser &parser, const QString &name, qint64 minimum)
{
    bool ok = false;
    const qint64 value = parser.value(name).toLongLong(&ok);
    if (!ok || value < minimum)
        return std::nullopt;
    return value;
}

Result<void> readStorage(const QCommandLineParser &parser, ServerOptions &options)
{
    if (!parser.positionalArguments().isEmpty())
        return optionError(DevServerText::tr("unexpected argument '%1'").arg(parser.positionalArguments().first()));
    if (!options.address.setAddress(parser.value(u"listen"_s)))
        return optionError(DevServerText::tr("'%1' is not an IP address").arg(parser.value(u"listen"_s)));
    const std::optional<qint64> port = number(parser, u"port"_s, 0);
    if (!port || *port > 65535)
        return optionError(DevServerText::tr("'%1' is not a port number (0-65535)").arg(parser.value(u"port"_s)));
    options.port = quint16(*port);
    if (parser.isSet(u"memory"_s) && parser.isSet(u"data-dir"_s))
        return optionError(DevServerText::tr("--memory and --data-dir exclude each other"));
    options.inMemory = parser.isSet(u"memory"_s);
    options.dataDir = parser.value(u"data-dir"_s);
    if (parser.isSet(u"auto-create"_s) && parser.isSet(u"no-auto-create"_s))
        return optionError(DevServerText::tr("--auto-create and --no-auto-create exclude each other"));
    options.autoCreate = !parser.isSet(u"no-auto-create"_s);
    options.stores = parser.values(u"store"_s);
    for (const QString &name : std::as_const(options.stores)) {
        if (!ServerOptions::isValidStoreName(name))
            return optionError(DevServerText::tr("'%1' is not a store name \"org/name\"").arg(name));
    }
    return {};
}

Result<void> readAccess(const QCommandLineParser &parser, ServerOptions &options)
{
    options.tokensFile = parser.value(u"config"_s);
    const std::optional<qint64> maxFrame = number(parser, u"max-frame"_s, 1024);
    if (!maxFrame)
        return optionError(DevServerText::tr("--max-frame needs a number of bytes of at least 1024"));
    options.maxFrameBytes = *maxFrame;
    const std::optional<qint64> idle = number(parser, u"idle-timeout"_s, 0);
    if (!idle || *idle > std::numeric_limits<int>::max())
        return optionError(DevServerText::tr("--idle-timeout needs a number of milliseconds (0 = never)"));
    options.idleTimeoutMs = int(*idle);
    if (parser.isSet(u"cert"_s) != parser.isSet(u"key"_s))
        return optionError(DevServerText::tr("--cert and --key go together"));
    options.certificateFile = parser.value(u"cert"_s);
    options.privateKeyFile = parser.value(u"key"_s);
    const std::optional<qint64> rateLimit = number(parser, u"rate-limit"_s, 0);
    if (!rateLimit || *rateLimit > std::numeric_limits<int>::max())
        return optionError(DevServerText::tr("--rate-limit needs a number of writes (0 = no limit)"));
    options.rateLimit = int(*rateLimit);
    const std::optional<qint64> window = number(parser, u"rate-limit-window"_s, 1);
    if (!window || *window > std::numeric_limits<int>::max())
        return optionError(DevServerText::tr("--rate-limit-window needs a positive number of milliseconds"));
    options.rateLimitWindowMs = int(*window);
    return {};
}

} // namespace

void ServerOptions::addCommandLineOptions(QCommandLineParser &parser)
{
    parser.addOptions(storageOptions());
    parser.addOptions(accessOptions());
}

Result<ServerOptions> ServerOptions::fromCommandLine(const QCommandLineParser &parser)
{
    ServerOptions options;
    if (const Result<void> read = readStorage(parser, options); !read)
        return read.error();
    if (const Result<void> read = readAccess(parser, options); !read)
        return read.error();
    return options;
}

} // namespace Dust
