// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#include "dustserverengine_p.h"

#include "dustchannelsession_p.h"
#include "dustguardedtcpserver_p.h"
#include "dusthttpguard_p.h"
#include "dustrestapi_p.h"
#include "dustserverhttp_p.h"
#include "dustserverlogging_p.h"

#include <dustcoreerrors.h>

#include <QtCore/qcoreapplication.h>
#include <QtCore/qdir.h>
#include <QtCore/qfile.h>
#include <QtCore/qfileinfo.h>
#include <QtCore/qjsonarray.h>
#include <QtCore/qurlquery.h>
#include <QtNetwork/qsslcertificate.h>
#include <QtNetwork/qsslconfiguration.h>
#include <QtNetwork/qsslkey.h>
#include <QtNetwork/qsslserver.h>
#include <QtNetwork/qsslsocket.h>
#include <QtNetwork/qtcpserver.h>
#include <QtWebSockets/qwebsocket.h>

using namespace Qt::StringLiterals;

namespace Dust {

namespace {

constexpr int MinCapVer = 3;

Error unauthorized()
{
    return CoreErrors::Unauthorized.error();
}

Error tlsError(const QString &path, const QString &message)
{
    return Error(Error::Kind::InvalidParams, u"invalid_tls_config"_s,
                 {{u"path"_s, path}, {u"message"_s, message}});
}

// The server side of TLS from the certificate and key files: the
// certificate chain as given, and a key that is RSA or EC.
Result<QSslConfiguration> tlsConfiguration(const ServerOptions &options)
{
    if (!QSslSocket::supportsSsl())
        return tlsError(QString(), ServerText::tr("this Qt has no TLS support"));
    if (options.certificateFile.isEmpty() || options.privateKeyFile.isEmpty())
        return tlsError(QString(), ServerText::tr("TLS needs both a certificate file and a private key file"));
    const QList<QSslCertificate> chain = QSslCertificate::fromPath(options.certificateFile, QSsl::Pem);
    if (chain.isEmpty() || chain.first().isNull())
        return tlsError(options.certificateFile, ServerText::tr("no PEM certificate could be read from the file"));
    QFile keyFile(options.privateKeyFile);
    if (!keyFile.open(QIODevice::ReadOnly))
        return tlsError(options.privateKeyFile, keyFile.errorString());
    const QByteArray pem = keyFile.readAll();
    QSslKey key;
    for (const QSsl::KeyAlgorithm algorithm : {QSsl::Rsa, QSsl::Ec}) {
        key = QSslKey(pem, algorithm, QSsl::Pem, QSsl::PrivateKey);
        if (!key.isNull())
            break;
    }
    if (key.isNull())
        return tlsError(options.privateKeyFile, ServerText::tr("no unencrypted PEM RSA or EC private key could be read from the file"));
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setLocalCertificateChain(chain);
    configuration.setPrivateKey(key);
    configuration.setPeerVerifyMode(QSslSocket::VerifyNone);
    return configuration;
}

} // namespace

ServerEngine::ServerEngine(const ServerOptions &options, ServerShared *shared)
    : m_options(options), m_shared(shared), m_rateLimiter(options.rateLimit, options.rateLimitWindowMs)
{
}

ServerEngine::~ServerEngine()
{
    stop();
}

Result<ServerEngine::StartInfo> ServerEngine::start()
{
    StartInfo info;
    if (Result<void> dir = prepareDataDir(info); !dir)
        return dir.error();
    if (Result<void> tokens = loadTokens(info); !tokens)
        return tokens.error();
    for (const QString &name : std::as_const(m_options.stores)) {
        if (!ServerOptions::isValidStoreName(name)) {
            return CoreErrors::InvalidStoreName.error({{u"store"_s, name}});
        }
        if (Result<ServerStore *> store = openStore(name); !store)
            return store.error();
    }
    if (Result<void> existing = openExistingStores(); !existing)
        return existing.error();
    if (Result<void> listening = listen(info); !listening)
        return listening.error();

    if (!m_options.address.isLoopback()) {
        qCWarning(lcServer).noquote()
            << "listening on" << m_options.address.toString()
            << "which is not a loopback address: other machines can reach this development server";
    }
    qCInfo(lcServer).noquote() << "listening on" << m_options.address.toString() << "port" << info.port
                               << (m_options.usesTls() ? "(TLS)" : "(no TLS)")
                               << "with" << m_stores.size() << "store(s)"
                               << (m_options.inMemory ? u"in memory"_s : u"in "_s + m_dataDir);
    return info;
}

Result<void> ServerEngine::prepareDataDir(StartInfo &info)
{
    if (m_options.inMemory)
        return {};
    m_dataDir = m_options.dataDir.isEmpty() ? ServerOptions::defaultDataDirectory() : m_options.dataDir;
    m_dataDir = QDir(m_dataDir).absolutePath();
    if (!QDir().mkpath(QDir(m_dataDir).filePath(u"stores"_s)) || !QFileInfo(m_dataDir).isWritable()) {
        return Error(Error::Kind::Storage, u"data_dir_unwritable"_s,
                     {{u"path"_s, m_dataDir},
                      {u"message"_s, ServerText::tr("the data directory cannot be created or written")}});
    }
    info.dataDir = m_dataDir;
    return {};
}

Result<void> ServerEngine::loadTokens(StartInfo &info)
{
    if (!m_options.tokens.isEmpty()) {
        // Grants given in code pass the same checks as a token file.
        QJsonArray list;
        for (const TokenGrant &grant : std::as_const(m_options.tokens)) {
            list.append(QJsonObject{{u"token"_s, grant.token},
                                    {u"scopes"_s, QJsonArray::fromStringList(grant.scopes)},
                                    {u"store_access"_s, grant.allStores ? QJsonValue(u"all"_s)
                                                                        : QJsonValue(QJsonArray::fromStringList(grant.stores))},
                                    {u"expires_at"_s, grant.expiresAt.isValid()
                                                         ? QJsonValue(grant.expiresAt.toUTC().toString(Qt::ISODateWithMs))
                                                         : QJsonValue(QJsonValue::Null)}});
        }
        const Result<QList<TokenGrant>> grants = TokenGrant::fromJson(list);
        if (!grants)
            return grants.error();
        m_tokens.setGrants(*grants);
    } else if (!m_options.tokensFile.isEmpty()) {
        Result<QList<TokenGrant>> grants = TokenGrant::loadFile(m_options.tokensFile);
        if (!grants)
            return grants.error();
        m_tokens.setGrants(*grants);
    } else {
        Result<QString> token = m_options.inMemory
            ? Result<QString>(TokenRegistry::generateToken())
            : TokenRegistry::loadOrCreateDevToken(ServerOptions::devTokenFile(m_dataDir));
        if (!token)
            return token.error();
        m_tokens.setGrants({TokenRegistry::fullAccess(*token)});
        info.devToken = *token;
    }
    return {};
}

Result<void> ServerEngine::listen(StartInfo &info)
{
    const auto guardConnection = [this](QTcpSocket *socket) { guardHttp(socket); };
    QTcpServer *tcp = nullptr;
    if (m_options.usesTls()) {
        Result<QSslConfiguration> tls = tlsConfiguration(m_options);
        if (!tls)
            return tls.error();
        auto *ssl = new GuardedTcpServer<QSslServer>(guardConnection, this);
        ssl->setSslConfiguration(*tls);
        // A failed handshake never reaches the HTTP layer: say why here.
        connect(ssl, &QSslServer::errorOccurred, this, [](QSslSocket *socket, QAbstractSocket::SocketError) {
            qCInfo(lcServer).noquote() << "TLS connection from" << socket->peerAddress().toString()
                                       << "failed:" << socket->errorString();
        });
        tcp = ssl;
    } else {
        tcp = new GuardedTcpServer<QTcpServer>(guardConnection, this);
    }
    if (!tcp->listen(m_options.address, m_options.port)) {
        const QString message = tcp->errorString();
        delete tcp;
        return Error(Error::Kind::Unavailable, u"listen_failed"_s,
                     {{u"address"_s, m_options.address.toString()},
                      {u"port"_s, m_options.port},
                      {u"message"_s, message}});
    }
    m_rest = std::make_unique<RestApi>(this);
    m_http = new ServerHttp(this, m_rest.get());
    m_http->bind(tcp);
    connect(m_http, &QAbstractHttpServer::newWebSocketConnection, this, &ServerEngine::acceptWebSocket);
    info.port = tcp->serverPort();
    return {};
}

void ServerEngine::guardHttp(QTcpSocket *socket)
{
    HttpGuard::Limits limits;
    limits.maxBodyBytes = m_options.maxFrameBytes;
    limits.headerTimeoutMs = m_options.headerTimeoutMs;
    HttpGuard::attach(socket, m_http, limits, [this](const QByteArray &authorization) {
        return m_rest && m_rest->authenticate(authorization).hasValue();
    });
}

Result<void> ServerEngine::openExistingStores()
{
    if (m_dataDir.isEmpty())
        return {};
    const QDir root(QDir(m_dataDir).filePath(u"stores"_s));
    const QStringList orgs = root.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
    for (const QString &org : orgs) {
        const QStringList files = QDir(root.filePath(org)).entryList({u"*.db"_s}, QDir::Files, QDir::Name);
        for (const QString &file : files) {
            const QString name = org + u'/' + file.chopped(3);
            if (!ServerOptions::isValidStoreName(name) || m_stores.count(name))
                continue;
            if (Result<ServerStore *> store = openStore(name); !store)
                return store.error();
        }
    }
    return {};
}

QString ServerEngine::storeFile(const QString &name) const
{
    if (m_dataDir.isEmpty())
        return {};
    return QDir(m_dataDir).filePath(u"stores/"_s + name + u".db"_s);
}

Result<ServerStore *> ServerEngine::openStore(const QString &name)
{
    if (ServerStore *existing = findStore(name))
        return existing;
    const QString file = storeFile(name);
    if (!file.isEmpty() && !QDir().mkpath(QFileInfo(file).absolutePath())) {
        return Error(Error::Kind::Storage, u"data_dir_unwritable"_s,
                     {{u"path"_s, QFileInfo(file).absolutePath()},
                      {u"message"_s, ServerText::tr("the store's directory cannot be created")}});
    }
    Result<std::unique_ptr<ServerStore>> opened = ServerStore::open(name, file);
    if (!opened)
        return opened.error();
    ServerStore *store = opened->get();
    connect(store, &ServerStore::committed, this, [this, name](qint64 head) {
        std::lock_guard locker(m_shared->mutex);
        m_shared->storeSeq.insert(name, head);
    });
    // Replies and echoes leave at once: the next batch's commit (a disk sync)
    // would otherwise run before the sockets get to write them, and every
    // writer would wait for two syncs instead of one.
    connect(store, &ServerStore::batchAnswered, this, [this, store] {
        for (const auto &[session, topic] : m_members.value(store))
            session->flush();
    });
    {
        std::lock_guard locker(m_shared->mutex);
        m_shared->storeSeq.insert(name, store->head());
    }
    m_storesById.insert(store->id(), store);
    m_stores.emplace(name, std::move(*opened));
    qCInfo(lcServer).noquote() << "opened store" << name << "at store_seq" << store->head();
    return store;
}

void ServerEngine::stop()
{
    if (!m_http && m_stores.empty())
        return;
    // Writes already received are committed and answered before the sockets go.
    for (const auto &[name, store] : m_stores)
        store->flush();
    const QList<ChannelSession *> sessions(m_sessions.begin(), m_sessions.end());
    for (ChannelSession *session : sessions) {
        session->closeConnection(QWebSocketProtocol::CloseCodeGoingAway, u"server stopping"_s);
        delete session;
    }
    m_sessions.clear();
    m_members.clear();
    delete m_http;
    m_http = nullptr;
    m_rest.reset();
    m_storesById.clear();
    m_stores.clear();
}

void ServerEngine::dropConnections()
{
    const QList<ChannelSession *> sessions(m_sessions.begin(), m_sessions.end());
    for (ChannelSession *session : sessions)
        session->closeConnection(QWebSocketProtocol::CloseCodeGoingAway, u"connection dropped"_s);
}

ServerEngine::ConnectCheck ServerEngine::checkConnect(const QUrl &url) const
{
    ConnectCheck check;
    const QUrlQuery query(url);
    check.deviceId = query.queryItemValue(u"device_id"_s, QUrl::FullyDecoded);
    check.vsn = query.queryItemValue(u"vsn"_s, QUrl::FullyDecoded);
    const QString token = query.queryItemValue(u"token"_s, QUrl::FullyDecoded);
    bool capverOk = false;
    const int capver = query.queryItemValue(u"capver"_s, QUrl::FullyDecoded).toInt(&capverOk);
    check.grant = m_tokens.find(token);

    const QString path = url.path();
    if (path != u"/ws/sync" && path != u"/ws/sync/websocket") {
        check.unknownPath = true;
        check.refusal = u"unknown path %1; use /ws/sync/websocket"_s.arg(path);
    } else if (token.isEmpty()) {
        check.refusal = u"missing token"_s;
    } else if (check.deviceId.isEmpty()) {
        check.refusal = u"missing device_id"_s;
    } else if (!capverOk || capver < MinCapVer) {
        check.refusal = u"capver must be an integer >= %1"_s.arg(MinCapVer);
    } else if (check.vsn != u"2.0.0" && check.vsn != u"3.0.0") {
        check.refusal = u"unsupported vsn; use 2.0.0 (JSON) or 3.0.0 (MessagePack)"_s;
    } else if (!check.grant) {
        check.refusal = u"invalid token"_s;
    } else if (check.grant->isExpired()) {
        check.refusal = u"token expired"_s;
    }
    if (!check.refusal.isEmpty())
        check.grant = nullptr;
    return check;
}

void ServerEngine::logRefusal(const QString &peer, const ConnectCheck &check)
{
    const QString device = check.deviceId.isEmpty() ? QString() : u" (device %1)"_s.arg(logSafe(check.deviceId));
    qCWarning(lcServer).noquote() << u"refused WebSocket from %1%2: %3"_s.arg(peer, device, logSafe(check.refusal));
}

void ServerEngine::acceptWebSocket()
{
    while (m_http && m_http->hasPendingWebSocketConnections()) {
        QWebSocket *socket = m_http->nextPendingWebSocketConnection().release();
        socket->setParent(this);
        socket->setMaxAllowedIncomingFrameSize(quint64(m_options.maxFrameBytes));
        socket->setMaxAllowedIncomingMessageSize(quint64(m_options.maxFrameBytes));

        // Qt 6.4 asks ServerHttp before it upgrades, which answers a bad
        // upgrade with 403. A Qt that upgrades first lands here instead: the
        // refusal is then a close with 1008, before any frame is read.
        const ConnectCheck check = checkConnect(socket->requestUrl());
        const QString peer = socket->peerAddress().toString();
        if (!check.refusal.isEmpty()) {
            logRefusal(peer, check);
            connect(socket, &QWebSocket::disconnected, socket, &QObject::deleteLater);
            socket->close(QWebSocketProtocol::CloseCodePolicyViolated, check.refusal);
            continue;
        }

        FrameLimits limits;
        limits.maxBytes = m_options.maxFrameBytes;
        auto *session = new ChannelSession(this, socket, *check.grant, check.deviceId,
                                           FrameCodec::create(check.vsn, limits));
        session->setParent(this);
        m_sessions.insert(session);
        connect(session, &ChannelSession::closed, this, &ServerEngine::sessionClosed);
        qCInfo(lcServer).noquote() << "device" << logSafe(check.deviceId) << "connected from" << peer << "with vsn"
                                   << logSafe(check.vsn);
    }
}

void ServerEngine::sessionClosed(ChannelSession *session)
{
    if (!m_sessions.remove(session))
        return;
    for (auto it = m_members.begin(); it != m_members.end(); ++it) {
        it->removeIf([session](const std::pair<ChannelSession *, QString> &member) {
            return member.first == session;
        });
    }
    qCInfo(lcServer).noquote() << "device" << logSafe(session->deviceId()) << "disconnected";
    session->deleteLater();
}

ServerStore *ServerEngine::findStore(const QString &name) const
{
    const auto it = m_stores.find(name);
    return it == m_stores.end() ? nullptr : it->second.get();
}

QList<ServerStore *> ServerEngine::stores() const
{
    QList<ServerStore *> list;
    for (const auto &[name, store] : m_stores)
        list.append(store.get());
    return list;
}

Result<ServerStore *> ServerEngine::storeForJoin(const QString &ref, const TokenGrant &grant)
{
    ServerStore *store = nullptr;
    if (ref.contains(u'/')) {
        if (!ServerOptions::isValidStoreName(ref))
            return unauthorized();
        store = findStore(ref);
        if (!store) {
            if (!m_options.autoCreate)
                return unauthorized();
            if (!grant.allowsStore(ref))
                return TokenRegistry::storeNotAllowed();
            if (!grant.hasScope(u"entries:read"))
                return TokenRegistry::missingScope(u"entries:read"_s);
            return openStore(ref);
        }
    } else {
        store = m_storesById.value(ref);
        if (!store)
            return unauthorized();
    }
    if (!grant.allowsStore(store->name()))
        return TokenRegistry::storeNotAllowed();
    if (!grant.hasScope(u"entries:read"))
        return TokenRegistry::missingScope(u"entries:read"_s);
    return store;
}

Result<ServerStore *> ServerEngine::storeForWrite(const QString &name)
{
    if (ServerStore *store = findStore(name))
        return store;
    if (!m_options.autoCreate || !ServerOptions::isValidStoreName(name))
        return CoreErrors::NotFound.error({{u"store"_s, name}});
    return openStore(name);
}

QJsonObject ServerEngine::storeAccess(const TokenGrant &grant) const
{
    QJsonArray ids;
    if (!grant.allStores) {
        for (const QString &name : grant.stores) {
            if (const ServerStore *store = findStore(name))
                ids.append(store->id());
        }
    }
    return {{u"mode"_s, grant.allStores ? u"all"_s : u"selected"_s}, {u"store_ids"_s, ids}};
}

void ServerEngine::subscribe(ServerStore *store, ChannelSession *session, const QString &topic)
{
    m_members[store].append({session, topic});
}

void ServerEngine::unsubscribe(ServerStore *store, ChannelSession *session, const QString &topic)
{
    auto it = m_members.find(store);
    if (it == m_members.end())
        return;
    it->removeIf([&](const std::pair<ChannelSession *, QString> &member) {
        return member.first == session && member.second == topic;
    });
}

void ServerEngine::countWrite(ServerStore *store)
{
    std::lock_guard locker(m_shared->mutex);
    ++m_shared->writesReceived[store->name()];
}

Error ServerEngine::rateLimit(const TokenGrant &grant)
{
    if (const std::optional<qint64> wait = m_rateLimiter.take(grant.token))
        return RateLimiter::limited(*wait);
    return {};
}

void ServerEngine::publish(ServerStore *store, const QList<OpRecord> &events)
{
    const auto it = m_members.constFind(store);
    if (it == m_members.cend() || events.isEmpty())
        return;
    const QList<std::pair<ChannelSession *, QString>> members = *it;
    for (const OpRecord &event : events) {
        BroadcastCache cache(event);
        for (const auto &[session, topic] : members)
            session->deliver(topic, cache);
    }
}

WriteOutcome ServerEngine::writeNow(ServerStore *store, CommitRequest request)
{
    WriteOutcome result{CoreErrors::Storage.error(), {}, {}, false};
    request.done = [this, store, &result](const WriteOutcome &outcome) {
        result = outcome;
        if (outcome.error.isNull())
            publish(store, outcome.events);
    };
    store->submit(std::move(request));
    store->flush();
    return result;
}

Result<qint64> ServerEngine::writeAs(const QString &storeName, const QString &deviceId, Op::Kind kind,
                                     const QString &path, const QJsonValue &value)
{
    Result<ServerStore *> store = storeForWrite(storeName);
    if (!store)
        return store.error();
    Result<Path> parsed = Path::parse(path);
    if (!parsed)
        return parsed.error();
    // The lease and file ops take their extra fields from `value`, shaped
    // like the push payloads of protocol §3.1/§3.2.
    QJsonObject payload = value.toObject();
    payload.insert(u"op"_s, Op::name(kind));
    payload.insert(u"path"_s, parsed->toString());
    payload.insert(u"client_op_id"_s, WriteOp::newClientOpId(u"op_"));
    if (kind != Op::Kind::PutFile && kind != Op::Kind::Lease && kind != Op::Kind::Renew
        && kind != Op::Kind::Release) {
        payload.insert(u"value"_s, value);
    }
    Result<WriteOp> op = kind == Op::Kind::PutFile ? WriteOp::fromPutFilePayload(payload)
                                                   : WriteOp::fromWritePayload(payload);
    if (!op)
        return op.error();
    CommitRequest request;
    request.deviceId = deviceId;
    request.ops = {std::move(*op)};
    const WriteOutcome outcome = writeNow(*store, std::move(request));
    if (!outcome.error.isNull())
        return outcome.error;
    return outcome.reply.value(u"store_seq").toInteger();
}

} // namespace Dust
