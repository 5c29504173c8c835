// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

// Who may connect, join and write: connect parameters, tokens and their
// scopes and store access, the token file, the dev token, start-up errors,
// and the promise that no token ever reaches the log.

#include "phoenixtestclient.h"
#include "servertestutil.h"

#include <dustserver.h>

#include <QtCore/qfile.h>
#include <QtCore/qjsonarray.h>
#include <QtCore/qjsondocument.h>
#include <QtCore/qset.h>
#include <QtCore/qtemporarydir.h>
#include <QtNetwork/qtcpserver.h>
#include <QtTest/qtest.h>

using namespace Qt::StringLiterals;

namespace {

const QString Full = u"dust_tok_full_0123456789"_s;
const QString ReadOnly = u"dust_tok_readonly_0123456789"_s;
const QString Selected = u"dust_tok_selected_0123456789"_s;
const QString NoRead = u"dust_tok_noread_0123456789"_s;
const QString NoFiles = u"dust_tok_nofiles_0123456789"_s;

QJsonObject response(const QJsonObject &reply)
{
    return reply.value(u"response").toObject();
}

bool isOk(const QJsonObject &reply)
{
    return reply.value(u"status") == u"ok"_s;
}

} // namespace

class tst_ServerAuth : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void refusedConnects_data();
    void refusedConnects();
    void acceptedConnects_data();
    void acceptedConnects();
    void joinAccess_data();
    void joinAccess();
    void autoCreateOff();
    void readOnlyToken();
    void scopesPerOp();
    void tokenFile();
    void tokenConfigErrors_data();
    void tokenConfigErrors();
    void upstreamScopes();
    void expiredToken();
    void devToken();
    void startErrors();
    void nonLoopbackWarning();
    void errorCodes_data();
    void errorCodes();

private:
    std::unique_ptr<PhoenixTestClient> connect(const QString &token, const QString &deviceId = u"dev_auth"_s);

    std::unique_ptr<LogCapture> m_logs;
    std::unique_ptr<Dust::Server> m_server;
    QStringList m_tokensSeen;
};

void tst_ServerAuth::initTestCase()
{
    m_logs = std::make_unique<LogCapture>();
    Dust::ServerOptions options = memoryServerOptions();
    options.stores = {u"acme/site"_s, u"acme/private"_s};
    options.tokens = {
        Dust::TokenGrant{Full, Dust::TokenGrant::allScopes(), true, {}},
        Dust::TokenGrant{ReadOnly, {u"entries:read"_s, u"files:read"_s}, true, {}},
        Dust::TokenGrant{Selected, Dust::TokenGrant::allScopes(), false, {u"acme/site"_s, u"acme/new"_s}},
        Dust::TokenGrant{NoRead, {u"entries:write"_s}, true, {}},
        Dust::TokenGrant{NoFiles, {u"entries:read"_s, u"entries:write"_s}, true, {}},
    };
    m_tokensSeen = {Full, ReadOnly, Selected, NoRead, NoFiles};
    m_server = std::make_unique<Dust::Server>(options);
    const Dust::Result<void> started = m_server->start();
    QVERIFY2(started, qPrintable(started.error().toString()));
    QVERIFY(m_server->devToken().isEmpty());
}

void tst_ServerAuth::cleanupTestCase()
{
    m_server.reset();
    // Whatever happened above, no token reached the log.
    const QStringList messages = m_logs->messages();
    QVERIFY(!messages.isEmpty());
    for (const QString &message : messages) {
        for (const QString &token : std::as_const(m_tokensSeen))
            QVERIFY2(!message.contains(token), qPrintable(u"token in log: "_s + message));
        QVERIFY2(!message.contains(u"dust_tok_"), qPrintable(u"token in log: "_s + message));
    }
    m_logs.reset();
}

std::unique_ptr<PhoenixTestClient> tst_ServerAuth::connect(const QString &token, const QString &deviceId)
{
    auto client = std::make_unique<PhoenixTestClient>();
    PhoenixTestClient::Params params;
    params.token = token;
    params.deviceId = deviceId;
    if (!client->open(m_server->webSocketUrl(), params))
        return nullptr;
    return client;
}

void tst_ServerAuth::refusedConnects_data()
{
    QTest::addColumn<QString>("token");
    QTest::addColumn<QString>("deviceId");
    QTest::addColumn<QString>("capver");
    QTest::addColumn<QString>("vsn");
    QTest::addColumn<QString>("path");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("reason");
    const QString ok = u"/ws/sync/websocket"_s;
    QTest::newRow("missing token") << QString() << u"dev_1"_s << u"3"_s << u"2.0.0"_s << ok << 403 << u"missing token"_s;
    QTest::newRow("empty token") << u""_s << u"dev_1"_s << u"3"_s << u"2.0.0"_s << ok << 403 << u"missing token"_s;
    QTest::newRow("bad token") << u"dust_tok_wrong_0123456789"_s << u"dev_1"_s << u"3"_s << u"2.0.0"_s << ok << 403
                               << u"invalid token"_s;
    QTest::newRow("missing device_id") << Full << QString() << u"3"_s << u"2.0.0"_s << ok << 403
                                       << u"missing device_id"_s;
    QTest::newRow("empty device_id") << Full << u""_s << u"3"_s << u"2.0.0"_s << ok << 403 << u"missing device_id"_s;
    QTest::newRow("capver 2") << Full << u"dev_1"_s << u"2"_s << u"2.0.0"_s << ok << 403 << u"capver"_s;
    QTest::newRow("capver 1") << Full << u"dev_1"_s << u"1"_s << u"2.0.0"_s << ok << 403 << u"capver"_s;
    QTest::newRow("missing capver") << Full << u"dev_1"_s << QString() << u"2.0.0"_s << ok << 403 << u"capver"_s;
    QTest::newRow("unparsable capver") << Full << u"dev_1"_s << u"three"_s << u"2.0.0"_s << ok << 403 << u"capver"_s;
    QTest::newRow("fractional capver") << Full << u"dev_1"_s << u"3.5"_s << u"2.0.0"_s << ok << 403 << u"capver"_s;
    QTest::newRow("missing vsn") << Full << u"dev_1"_s << u"3"_s << QString() << ok << 403 << u"vsn"_s;
    QTest::newRow("vsn 1.0.0") << Full << u"dev_1"_s << u"3"_s << u"1.0.0"_s << ok << 403 << u"vsn"_s;
    QTest::newRow("unknown path") << Full << u"dev_1"_s << u"3"_s << u"2.0.0"_s << u"/socket/websocket"_s << 404
                                  << u"unknown path"_s;
}

void tst_ServerAuth::refusedConnects()
{
    QFETCH(QString, token);
    QFETCH(QString, deviceId);
    QFETCH(QString, capver);
    QFETCH(QString, vsn);
    QFETCH(QString, path);
    QFETCH(int, status);
    QFETCH(QString, reason);
    PhoenixTestClient::Params params;
    params.token = token;
    params.deviceId = deviceId;
    params.capver = capver;
    params.vsn = vsn;
    params.path = path;
    PhoenixTestClient client;
    QString error;
    QObject::connect(client.socket(), qOverload<QAbstractSocket::SocketError>(&QWebSocket::error), this,
                     [&] { error = client.socket()->errorString(); });
    // The upgrade is refused with an HTTP status, before any frame.
    QVERIFY(!client.open(m_server->webSocketUrl(), params));
    QVERIFY2(error.contains(QString::number(status)), qPrintable(error));
    QVERIFY(m_logs->waitFor(u"refused WebSocket"_s));
    QVERIFY(m_logs->waitFor(reason));

    // The refused socket never became a session: the same HTTP request
    // made by hand gets the status and the reason in a JSON body.
    HttpClient http(m_server->httpUrl());
    const QUrl url = PhoenixTestClient::socketUrl(m_server->webSocketUrl(), params);
    const HttpResponse plain = http.send("GET", url.path(QUrl::FullyEncoded) + u'?' + url.query(QUrl::FullyEncoded), {},
                                         {{"Upgrade", "websocket"}, {"Connection", "Upgrade"},
                                          {"Sec-WebSocket-Version", "13"},
                                          {"Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ=="}});
    QCOMPARE(plain.status, status);
    QVERIFY(plain.json().toObject().value(u"reason").toString().contains(reason));
}

void tst_ServerAuth::acceptedConnects_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("capver");
    QTest::addColumn<QString>("vsn");
    QTest::newRow("phoenix suffix") << u"/ws/sync/websocket"_s << u"3"_s << u"2.0.0"_s;
    QTest::newRow("bare path") << u"/ws/sync"_s << u"3"_s << u"2.0.0"_s;
    QTest::newRow("newer capver") << u"/ws/sync/websocket"_s << u"4"_s << u"2.0.0"_s;
    QTest::newRow("msgpack") << u"/ws/sync/websocket"_s << u"3"_s << u"3.0.0"_s;
}

void tst_ServerAuth::acceptedConnects()
{
    QFETCH(QString, path);
    QFETCH(QString, capver);
    QFETCH(QString, vsn);
    PhoenixTestClient::Params params;
    params.token = Full;
    params.path = path;
    params.capver = capver;
    params.vsn = vsn;
    PhoenixTestClient client;
    QVERIFY(client.open(m_server->webSocketUrl(), params));
    QVERIFY(isOk(client.request(u"phoenix"_s, u"heartbeat"_s)));
    QVERIFY(isOk(client.join(u"store:acme/site"_s)));
}

void tst_ServerAuth::joinAccess_data()
{
    QTest::addColumn<QString>("token");
    QTest::addColumn<QString>("topic");
    QTest::addColumn<QJsonObject>("expected");   // the error response, or {} for a join that succeeds
    const QJsonObject notAllowed{{u"reason"_s, u"store_not_allowed"_s},
                                 {u"message"_s, u"Token does not have access to this store"_s}};
    const QJsonObject missingRead{{u"reason"_s, u"missing_scope"_s}, {u"scope"_s, u"entries:read"_s},
                                  {u"message"_s, u"Token is missing entries:read scope"_s}};
    QTest::newRow("selected, listed store") << Selected << u"store:acme/site"_s << QJsonObject();
    QTest::newRow("selected, listed new store") << Selected << u"store:acme/new"_s << QJsonObject();
    QTest::newRow("selected, other store") << Selected << u"store:acme/private"_s << notAllowed;
    QTest::newRow("selected, other new store") << Selected << u"store:other/thing"_s << notAllowed;
    QTest::newRow("no entries:read") << NoRead << u"store:acme/site"_s << missingRead;
    QTest::newRow("no entries:read, new store") << NoRead << u"store:acme/never"_s << missingRead;
    QTest::newRow("full access, new store") << Full << u"store:acme/created"_s << QJsonObject();
}

void tst_ServerAuth::joinAccess()
{
    QFETCH(QString, token);
    QFETCH(QString, topic);
    QFETCH(QJsonObject, expected);
    auto client = connect(token);
    QVERIFY(client);
    const QJsonObject reply = client->join(topic);
    if (expected.isEmpty()) {
        QVERIFY(isOk(reply));
        QVERIFY(m_server->stores().contains(topic.mid(6)));
    } else {
        QCOMPARE(reply.value(u"status"), u"error"_s);
        QCOMPARE(response(reply), expected);
        // A refused join creates nothing, even with auto-create on.
        if (topic != u"store:acme/site" && topic != u"store:acme/private")
            QVERIFY(!m_server->stores().contains(topic.mid(6)));
    }
    QVERIFY(isOk(client->request(u"phoenix"_s, u"heartbeat"_s)));
}

void tst_ServerAuth::autoCreateOff()
{
    Dust::ServerOptions options = memoryServerOptions();
    options.autoCreate = false;
    options.stores = {u"acme/site"_s};
    Dust::Server server(options);
    QVERIFY(server.start());
    m_tokensSeen.append(server.devToken());
    PhoenixTestClient client;
    PhoenixTestClient::Params params;
    params.token = server.devToken();
    QVERIFY(client.open(server.webSocketUrl(), params));
    QCOMPARE(response(client.join(u"store:acme/unknown"_s)), (QJsonObject{{u"reason"_s, u"unauthorized"_s}}));
    QVERIFY(isOk(client.join(u"store:acme/site"_s)));
    QCOMPARE(server.stores(), QStringList{u"acme/site"_s});
    // Nor does a REST or in-process write create a store.
    HttpClient http(server.httpUrl(), server.devToken());
    QCOMPARE(http.send("PUT", u"/api/stores/acme/unknown/entries/a"_s, "1").status, 404);
    QCOMPARE(server.write(u"acme/unknown"_s, u"dev"_s, Dust::Op::Kind::Set, u"a"_s, 1).error().code(),
             u"not_found"_s);
    QCOMPARE(server.stores(), QStringList{u"acme/site"_s});
}

void tst_ServerAuth::readOnlyToken()
{
    auto client = connect(ReadOnly);
    QVERIFY(client);
    const QJsonObject joined = client->join(u"store:acme/site"_s);
    QVERIFY(isOk(joined));
    QCOMPARE(response(joined).value(u"permissions"), (QJsonObject{{u"read"_s, true}, {u"write"_s, false}}));
    QCOMPARE(response(joined).value(u"scopes"), (QJsonArray{u"entries:read"_s, u"files:read"_s}));
    const qint64 head = m_server->storeSeq(u"acme/site"_s);
    const qint64 received = m_server->writesReceived(u"acme/site"_s);
    const QJsonObject write = client->write(u"store:acme/site"_s, {{u"op"_s, u"set"_s}, {u"path"_s, u"a"_s}, {u"value"_s, 1}});
    QCOMPARE(write.value(u"status"), u"error"_s);
    QCOMPARE(response(write), (QJsonObject{{u"reason"_s, u"missing_scope"_s}, {u"scope"_s, u"entries:write"_s},
                                           {u"message"_s, u"Token is missing entries:write scope"_s}}));
    const QJsonObject file = client->request(u"store:acme/site"_s, u"put_file"_s,
                                             {{u"path"_s, u"f"_s}, {u"content"_s, u"eA=="_s}, {u"client_op_id"_s, u"op_f"_s}});
    QCOMPARE(response(file), (QJsonObject{{u"reason"_s, u"missing_scope"_s}, {u"scope"_s, u"files:write"_s},
                                          {u"message"_s, u"Token is missing files:write scope"_s}}));
    QCOMPARE(m_server->storeSeq(u"acme/site"_s), head);
    // Refused pushes are still pushes received.
    QCOMPARE(m_server->writesReceived(u"acme/site"_s), received + 2);
}

void tst_ServerAuth::scopesPerOp()
{
    // files:write is what put_file needs; entries:write does not stand in for it.
    auto client = connect(NoFiles);
    QVERIFY(client);
    QVERIFY(isOk(client->join(u"store:acme/site"_s)));
    QVERIFY(isOk(client->write(u"store:acme/site"_s, {{u"op"_s, u"set"_s}, {u"path"_s, u"ok"_s}, {u"value"_s, 1}})));
    const QJsonObject file = client->request(u"store:acme/site"_s, u"put_file"_s,
                                             {{u"path"_s, u"f"_s}, {u"content"_s, u"eA=="_s}, {u"client_op_id"_s, u"op_f2"_s}});
    QCOMPARE(response(file).value(u"reason"), u"missing_scope"_s);
    QCOMPARE(response(file).value(u"scope"), u"files:write"_s);
    // Leases are entry writes.
    auto readOnly = connect(ReadOnly, u"dev_ro"_s);
    QVERIFY(readOnly);
    QVERIFY(isOk(readOnly->join(u"store:acme/site"_s)));
    const QJsonObject lease = readOnly->write(u"store:acme/site"_s, {{u"op"_s, u"lease"_s}, {u"path"_s, u"lock"_s}});
    QCOMPARE(response(lease).value(u"scope"), u"entries:write"_s);
    // So are rollbacks, of a path or of the whole store; nothing changes.
    const qint64 head = m_server->storeSeq(u"acme/site"_s);
    for (const QJsonObject &payload : {QJsonObject{{u"path"_s, u"ok"_s}, {u"to_seq"_s, 0}}, QJsonObject{{u"to_seq"_s, 0}}}) {
        const QJsonObject rollback = readOnly->request(u"store:acme/site"_s, u"rollback"_s, payload);
        QCOMPARE(response(rollback).value(u"reason"), u"missing_scope"_s);
        QCOMPARE(response(rollback).value(u"scope"), u"entries:write"_s);
    }
    QCOMPARE(m_server->storeSeq(u"acme/site"_s), head);
}

void tst_ServerAuth::tokenFile()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString file = dir.filePath(u"tokens.json"_s);
    QFile out(file);
    QVERIFY(out.open(QIODevice::WriteOnly));
    const QString fileToken = u"dust_tok_fromfile_0123456789"_s;
    m_tokensSeen.append(fileToken);
    out.write(QJsonDocument(QJsonObject{{u"tokens"_s, QJsonArray{QJsonObject{
        {u"token"_s, fileToken}, {u"scopes"_s, QJsonArray{u"entries:read"_s}},
        {u"store_access"_s, QJsonArray{u"acme/site"_s}}}}}}).toJson());
    out.close();

    Dust::ServerOptions options = memoryServerOptions();
    options.tokensFile = file;
    Dust::Server server(options);
    const Dust::Result<void> started = server.start();
    QVERIFY2(started, qPrintable(started.error().toString()));
    QVERIFY(server.devToken().isEmpty());
    PhoenixTestClient::Params params;
    params.token = fileToken;
    PhoenixTestClient client;
    QVERIFY(client.open(server.webSocketUrl(), params));
    const QJsonObject joined = client.join(u"store:acme/site"_s);
    QVERIFY(isOk(joined));
    QCOMPARE(response(joined).value(u"scopes"), QJsonArray{u"entries:read"_s});
    QCOMPARE(response(joined).value(u"store_access").toObject().value(u"mode"), u"selected"_s);
    QCOMPARE(response(client.join(u"store:acme/other"_s)).value(u"reason"), u"store_not_allowed"_s);
    // Only the file's tokens are valid.
    PhoenixTestClient other;
    params.token = Full;
    QVERIFY(!other.open(server.webSocketUrl(), params));
}

void tst_ServerAuth::tokenConfigErrors_data()
{
    QTest::addColumn<QByteArray>("config");
    const auto grant = [](const QJsonValue &token, const QJsonValue &scopes, const QJsonValue &access) {
        QJsonObject o{{u"token"_s, token}, {u"scopes"_s, scopes}};
        if (!access.isUndefined())
            o.insert(u"store_access"_s, access);
        return QJsonDocument(QJsonObject{{u"tokens"_s, QJsonArray{o}}}).toJson();
    };
    const QJsonArray read{u"entries:read"_s};
    QTest::newRow("not json") << QByteArray("{tokens: [");
    QTest::newRow("no tokens key") << QByteArray(R"({"grants": []})");
    QTest::newRow("tokens not a list") << QByteArray(R"({"tokens": "dust_tok_x"})");
    QTest::newRow("empty list") << QByteArray(R"({"tokens": []})");
    QTest::newRow("grant not an object") << QByteArray(R"({"tokens": ["dust_tok_x"]})");
    QTest::newRow("no token") << grant(QJsonValue::Undefined, read, QJsonValue::Undefined);
    QTest::newRow("empty token") << grant(u""_s, read, QJsonValue::Undefined);
    QTest::newRow("token with a space") << grant(u"dust tok"_s, read, QJsonValue::Undefined);
    QTest::newRow("numeric token") << grant(5, read, QJsonValue::Undefined);
    QTest::newRow("scopes not a list") << grant(u"dust_tok_a"_s, u"entries:read"_s, QJsonValue::Undefined);
    QTest::newRow("unknown scope") << grant(u"dust_tok_a"_s, QJsonArray{u"entries:admin"_s}, QJsonValue::Undefined);
    QTest::newRow("unknown scope among upstream ones")
        << grant(u"dust_tok_a"_s, QJsonArray{u"stores:read"_s, u"webhooks:delete"_s}, QJsonValue::Undefined);
    QTest::newRow("scope in the wrong case") << grant(u"dust_tok_a"_s, QJsonArray{u"Entries:Read"_s}, QJsonValue::Undefined);
    QTest::newRow("expires_at not a time") << QByteArray(R"({"tokens": [{"token": "dust_tok_a", "scopes": [],
                                                                         "expires_at": "next tuesday"}]})");
    QTest::newRow("expires_at a number") << QByteArray(R"({"tokens": [{"token": "dust_tok_a", "scopes": [],
                                                                       "expires_at": 1767225600}]})");
    QTest::newRow("bad store access") << grant(u"dust_tok_a"_s, read, u"some"_s);
    QTest::newRow("bad store name") << grant(u"dust_tok_a"_s, read, QJsonArray{u"no-slash"_s});
    QTest::newRow("repeated token") << QByteArray(R"({"tokens": [{"token": "dust_tok_a", "scopes": []},
                                                                 {"token": "dust_tok_a", "scopes": []}]})");
}

void tst_ServerAuth::tokenConfigErrors()
{
    QFETCH(QByteArray, config);
    QTemporaryDir dir;
    const QString file = dir.filePath(u"tokens.json"_s);
    QFile out(file);
    QVERIFY(out.open(QIODevice::WriteOnly));
    out.write(config);
    out.close();
    const Dust::Result<QList<Dust::TokenGrant>> grants = Dust::TokenGrant::loadFile(file);
    QVERIFY(!grants);
    QCOMPARE(grants.error().code(), u"invalid_token_config"_s);
    QCOMPARE(grants.error().kind(), Dust::Error::Kind::InvalidParams);
    QVERIFY(!grants.error().detail().value(u"message").toString().isEmpty());

    Dust::ServerOptions options = memoryServerOptions();
    options.tokensFile = file;
    Dust::Server server(options);
    const Dust::Result<void> started = server.start();
    QVERIFY(!started);
    QCOMPARE(started.error().code(), u"invalid_token_config"_s);
    QVERIFY(!server.isRunning());
}

namespace {

// Starts `server` with a token file holding `grants`.
bool startWithTokenFile(Dust::Server &server, const QTemporaryDir &dir, const QJsonArray &grants)
{
    QFile out(dir.filePath(u"tokens.json"_s));
    if (!out.open(QIODevice::WriteOnly))
        return false;
    out.write(QJsonDocument(QJsonObject{{u"tokens"_s, grants}}).toJson());
    out.close();
    return bool(server.start());
}

Dust::ServerOptions tokenFileOptions(const QTemporaryDir &dir)
{
    Dust::ServerOptions options = memoryServerOptions();
    options.stores = {u"acme/site"_s};
    options.tokensFile = dir.filePath(u"tokens.json"_s);
    return options;
}

} // namespace

void tst_ServerAuth::upstreamScopes()
{
    // A configuration written for the hosted service loads as it is: every
    // scope it issues is accepted, and only the entries/files ones act.
    const QString everything = u"dust_tok_upstream_all_0123456789"_s;
    const QString adminOnly = u"dust_tok_upstream_admin_0123456789"_s;
    m_tokensSeen << everything << adminOnly;
    const QStringList upstream{u"stores:read"_s, u"stores:create"_s, u"stores:clone"_s, u"entries:read"_s,
                               u"entries:write"_s, u"files:read"_s, u"files:write"_s, u"webhooks:read"_s,
                               u"webhooks:write"_s, u"audit:read"_s, u"tokens:read"_s, u"tokens:write"_s};
    const QStringList accepted = Dust::TokenGrant::allScopes();
    QCOMPARE(QSet<QString>(accepted.cbegin(), accepted.cend()), QSet<QString>(upstream.cbegin(), upstream.cend()));
    const QStringList unenforced{u"stores:read"_s, u"stores:create"_s, u"stores:clone"_s, u"webhooks:read"_s,
                                 u"webhooks:write"_s, u"audit:read"_s, u"tokens:read"_s, u"tokens:write"_s};
    QTemporaryDir dir;
    Dust::Server server(tokenFileOptions(dir));
    QVERIFY(startWithTokenFile(server, dir, QJsonArray{
        QJsonObject{{u"token"_s, everything}, {u"scopes"_s, QJsonArray::fromStringList(upstream)},
                    {u"expires_at"_s, u"2999-01-01T00:00:00Z"_s}},
        QJsonObject{{u"token"_s, adminOnly}, {u"scopes"_s, QJsonArray::fromStringList(unenforced)}}}));

    PhoenixTestClient full;
    PhoenixTestClient::Params params;
    params.token = everything;
    QVERIFY(full.open(server.webSocketUrl(), params));
    const QJsonObject joined = full.join(u"store:acme/site"_s);
    QVERIFY(isOk(joined));
    QCOMPARE(response(joined).value(u"scopes"), QJsonArray::fromStringList(upstream));
    QVERIFY(isOk(full.write(u"store:acme/site"_s, {{u"op"_s, u"set"_s}, {u"path"_s, u"a"_s}, {u"value"_s, 1}})));

    // The scopes that are not enforced grant nothing.
    PhoenixTestClient admin;
    params.token = adminOnly;
    QVERIFY(admin.open(server.webSocketUrl(), params));
    const QJsonObject refused = admin.join(u"store:acme/site"_s);
    QCOMPARE(response(refused).value(u"reason"), u"missing_scope"_s);
    QCOMPARE(response(refused).value(u"scope"), u"entries:read"_s);
    HttpClient http(server.httpUrl(), adminOnly);
    QCOMPARE(http.get(u"/api/stores/acme/site/entries/a"_s).status, 403);
}

void tst_ServerAuth::expiredToken()
{
    const QString expired = u"dust_tok_expired_0123456789"_s;
    const QString current = u"dust_tok_current_0123456789"_s;
    m_tokensSeen << expired << current;
    const QJsonArray read{u"entries:read"_s, u"entries:write"_s};
    QTemporaryDir dir;
    Dust::Server server(tokenFileOptions(dir));
    QVERIFY(startWithTokenFile(server, dir, QJsonArray{
        QJsonObject{{u"token"_s, expired}, {u"scopes"_s, read}, {u"expires_at"_s, u"2020-01-01T00:00:00Z"_s}},
        QJsonObject{{u"token"_s, current}, {u"scopes"_s, read}, {u"expires_at"_s, u"2999-01-01T00:00:00.000+02:00"_s}}}));

    PhoenixTestClient::Params params;
    params.token = expired;
    PhoenixTestClient refused;
    QVERIFY(!refused.open(server.webSocketUrl(), params));
    HttpClient http(server.httpUrl(), expired);
    const HttpResponse rest = http.get(u"/api/stores/acme/site/entries/a"_s);
    QCOMPARE(rest.status, 401);
    QVERIFY(rest.json().toObject().value(u"message").toString().contains(u"expired"));

    params.token = current;
    PhoenixTestClient accepted;
    QVERIFY(accepted.open(server.webSocketUrl(), params));
    QVERIFY(isOk(accepted.join(u"store:acme/site"_s)));
}

void tst_ServerAuth::devToken()
{
    QTemporaryDir dir;
    Dust::ServerOptions options;
    options.port = 0;
    options.dataDir = dir.path();
    QString token;
    {
        Dust::Server server(options);
        QVERIFY(server.start());
        token = server.devToken();
        m_tokensSeen.append(token);
        QVERIFY(token.startsWith(u"dust_tok_dev_"));
        QCOMPARE(server.dataDirectory(), dir.path());
        QFile file(Dust::ServerOptions::devTokenFile(dir.path()));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(QString::fromLatin1(file.readAll()).trimmed(), token);
        QCOMPARE(file.permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther), QFileDevice::Permissions());
        // The dev token has every scope on every store.
        PhoenixTestClient client;
        PhoenixTestClient::Params params;
        params.token = token;
        QVERIFY(client.open(server.webSocketUrl(), params));
        const QJsonObject joined = client.join(u"store:any/store"_s);
        QCOMPARE(response(joined).value(u"scopes"), QJsonArray::fromStringList(Dust::TokenGrant::allScopes()));
    }
    {
        // A restart keeps the token, so configured clients keep working.
        Dust::Server server(options);
        QVERIFY(server.start());
        QCOMPARE(server.devToken(), token);
    }
    {
        // In memory nothing is written, and every start has its own token.
        Dust::Server a(memoryServerOptions());
        Dust::Server b(memoryServerOptions());
        QVERIFY(a.start());
        QVERIFY(b.start());
        m_tokensSeen << a.devToken() << b.devToken();
        QVERIFY(a.devToken().startsWith(u"dust_tok_dev_"));
        QVERIFY(a.devToken() != b.devToken());
        QVERIFY(a.dataDirectory().isEmpty());
    }
}

void tst_ServerAuth::startErrors()
{
    // The port is taken.
    QTcpServer squatter;
    QVERIFY(squatter.listen(QHostAddress::LocalHost, 0));
    Dust::ServerOptions options = memoryServerOptions();
    options.port = squatter.serverPort();
    Dust::Server taken(options);
    Dust::Result<void> started = taken.start();
    QVERIFY(!started);
    QCOMPARE(started.error().code(), u"listen_failed"_s);
    QCOMPARE(started.error().kind(), Dust::Error::Kind::Unavailable);
    QCOMPARE(started.error().detail().value(u"port"), QJsonValue(squatter.serverPort()));
    QVERIFY(!taken.isRunning());
    taken.stop();

    // The data directory is a file.
    QTemporaryDir dir;
    const QString file = dir.filePath(u"not-a-dir"_s);
    QFile touch(file);
    QVERIFY(touch.open(QIODevice::WriteOnly));
    touch.close();
    Dust::ServerOptions onFile;
    onFile.port = 0;
    onFile.dataDir = file;
    Dust::Server unwritable(onFile);
    started = unwritable.start();
    QVERIFY(!started);
    QCOMPARE(started.error().code(), u"data_dir_unwritable"_s);
    QCOMPARE(started.error().kind(), Dust::Error::Kind::Storage);

    // A declared store name that is not org/name.
    options = memoryServerOptions();
    options.stores = {u"just-a-name"_s};
    Dust::Server badStore(options);
    started = badStore.start();
    QVERIFY(!started);
    QCOMPARE(started.error().code(), u"invalid_store_name"_s);
    QCOMPARE(started.error().kind(), Dust::Error::Kind::InvalidParams);

    // Two servers on one data directory: the second cannot take the stores.
    Dust::ServerOptions shared;
    shared.port = 0;
    shared.dataDir = dir.path();
    shared.stores = {u"acme/site"_s};
    Dust::Server first(shared);
    QVERIFY(first.start());
    m_tokensSeen.append(first.devToken());
    Dust::Server second(shared);
    started = second.start();
    QVERIFY(!started);
    QCOMPARE(started.error().code(), u"storage"_s);
    QVERIFY(first.isRunning());
    // Starting twice is harmless, and so is stopping twice.
    QVERIFY(first.start());
    first.stop();
    first.stop();
    QVERIFY(!first.isRunning());
    QVERIFY(second.start());
    QVERIFY(second.isRunning());
}

void tst_ServerAuth::nonLoopbackWarning()
{
    Dust::ServerOptions options = memoryServerOptions();
    options.address = QHostAddress(QHostAddress::AnyIPv4);
    Dust::Server server(options);
    const Dust::Result<void> started = server.start();
    QVERIFY2(started, qPrintable(started.error().toString()));
    m_tokensSeen.append(server.devToken());
    QVERIFY(m_logs->contains(u"not a loopback address"_s));
    QCOMPARE(server.webSocketUrl().host(), u"127.0.0.1"_s);
    QCOMPARE(server.webSocketUrl().path(), u"/ws/sync"_s);
    QCOMPARE(server.httpUrl(), QUrl(u"http://127.0.0.1:%1"_s.arg(server.port())));
}

void tst_ServerAuth::errorCodes_data()
{
    QTest::addColumn<QString>("code");
    QTest::addColumn<Dust::Error::Kind>("kind");
    using K = Dust::Error::Kind;
    QTest::newRow("unmatched topic") << u"unmatched topic"_s << K::Protocol;
    QTest::newRow("unknown_event") << u"unknown_event"_s << K::Protocol;
    QTest::newRow("method_not_allowed") << u"method_not_allowed"_s << K::InvalidParams;
    QTest::newRow("invalid_store_name") << u"invalid_store_name"_s << K::InvalidParams;
    QTest::newRow("invalid_token_config") << u"invalid_token_config"_s << K::InvalidParams;
    QTest::newRow("data_dir_unwritable") << u"data_dir_unwritable"_s << K::Storage;
    QTest::newRow("listen_failed") << u"listen_failed"_s << K::Unavailable;
    QTest::newRow("server_not_running") << u"server_not_running"_s << K::Unavailable;
}

// The codes the server adds are in Dust::Error's table: a client that gets
// one as a reply reason gets the right kind and a sentence of its own.
void tst_ServerAuth::errorCodes()
{
    QFETCH(QString, code);
    QFETCH(Dust::Error::Kind, kind);
    const Dust::Error error = Dust::Error::fromReply({{u"reason"_s, code}});
    QCOMPARE(error.kind(), kind);
    QCOMPARE(error.code(), code);
    QVERIFY2(!error.message().contains(code), qPrintable(error.message()));
    QVERIFY(!error.message().isEmpty());
}

QTEST_GUILESS_MAIN(tst_ServerAuth)
#include "tst_serverauth.moc"
