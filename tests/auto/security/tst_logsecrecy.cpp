// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

// Tokens never reach a log: every message of every dust.* category, debug
// included, is captured across connecting, writing, REST calls and all
// sorts of errors (refused connects, refused joins, rejected writes, 401,
// 403, 429, dropped connections), and grepped for the tokens. And the
// server binds to loopback unless told otherwise, warning when it is.

#include "clienttestutils.h"
#include "../shared/testwait.h"
#include "phoenixtestclient.h"
#include "securitytestutils.h"
#include "servertestutil.h"

#include <dusthttptransport.h>
#include <dustserver.h>

#include <QtCore/qjsonarray.h>
#include <QtCore/qjsondocument.h>
#include <QtCore/qjsonobject.h>
#include <QtCore/qloggingcategory.h>
#include <QtCore/qprocess.h>
#include <QtCore/qtemporarydir.h>
#include <QtNetwork/qtcpsocket.h>
#include <QtTest/qsignalspy.h>
#include <QtTest/qtest.h>

using namespace Qt::StringLiterals;
using namespace Dust;
using namespace DustTest;

namespace {

const QString StoreName = u"acme/secret"_s;
const QString Full = u"dust_tok_secret_full_Zq8ffL2x9"_s;
const QString ReadOnly = u"dust_tok_secret_read_Pw3kkR7y1"_s;
const QString Wrong = u"dust_tok_secret_wrong_Hn5ttB4u6"_s;

} // namespace

class tst_LogSecrecy : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void tokensNeverLogged();
    void devServerLogsNoTokens();
    void loopbackByDefault();
    void nonLoopbackWarns();
    void devServerListenWarns();
};

void tst_LogSecrecy::tokensNeverLogged()
{
    QLoggingCategory::setFilterRules(u"dust.*.debug=true"_s);
    auto capture = std::make_unique<LogCapture>();
    {
        ServerOptions options = memoryServerOptions();
        options.stores = {StoreName};
        options.rateLimit = 5;
        options.tokens = {TokenGrant{Full, TokenGrant::allScopes(), true, {}, {}},
                          TokenGrant{ReadOnly, {u"entries:read"_s}, false, {StoreName}, {}}};
        auto server = startServer(options);

        // Connect, write, a rejected write, a refused join, a dropped connection.
        auto client = makeClient(server->webSocketUrl(), Full, {StoreName});
        client->open();
        Store *store = client->store(StoreName);
        QVERIFY(waitConnected(store));
        DUST_AWAIT(written, store->set(u"a"_s, 1));
        QVERIFY(written);
        WriteOptions cas;
        cas.ifMatch = 999;
        DUST_AWAIT(conflict, store->set(u"a"_s, 2, cas));
        QVERIFY(!conflict);
        server->dropConnections();
        QVERIFY(waitConnected(store));

        // A read-only token for one store: joined there, refused elsewhere,
        // its writes refused.
        auto reader = makeClient(server->webSocketUrl(), ReadOnly, {StoreName, u"acme/elsewhere"_s});
        reader->open();
        QVERIFY(waitConnected(reader->store(StoreName)));
        DUST_AWAIT(refused, reader->store(StoreName)->set(u"b"_s, 1));
        QVERIFY(!refused);

        // A wrong token: the upgrade is refused, and the client says so.
        auto wrong = makeClient(server->webSocketUrl(), Wrong, {StoreName});
        wrong->open();
        QTRY_COMPARE(wrong->status(), Client::Status::Unauthorized);
        wrong.reset();

        // REST: success, 401, 403, 404, 429.
        HttpTransport http(server->httpUrl(), Full, StoreName);
        DUST_AWAIT(put, http.put(*Path::parse(u"c"_s), 3));
        QVERIFY(put);
        DUST_AWAIT(missing, http.get(*Path::parse(u"nothing"_s)));
        QVERIFY(!missing);
        HttpTransport badHttp(server->httpUrl(), Wrong, StoreName);
        DUST_AWAIT(unauthorized, badHttp.get(*Path::parse(u"a"_s)));
        QCOMPARE(unauthorized.error().kind(), Error::Kind::Unauthorized);
        HttpTransport readHttp(server->httpUrl(), ReadOnly, StoreName);
        DUST_AWAIT(forbidden, readHttp.put(*Path::parse(u"a"_s), 9));
        QCOMPARE(forbidden.error().kind(), Error::Kind::Unauthorized);
        Result<qint64> limited = qint64(0);
        for (int i = 0; i < 10 && limited; ++i) {
            auto future = http.put(*Path::parse(u"d"_s), i);
            QVERIFY(waitFinished(future));
            limited = future.result();
        }
        QCOMPARE(limited.error().kind(), Error::Kind::RateLimited);
        // Raw requests with the token in odd places.
        HttpClient raw(server->httpUrl());
        raw.send("GET", u"/api/stores/acme/secret/entries?token="_s + Full, {}, {{"Authorization", "Basic " + Full.toLatin1()}});
        raw.send("GET", u"/ws/sync/websocket?token="_s + Wrong + u"&device_id=dev&capver=3&vsn=2.0.0"_s, {},
                 {{"Upgrade", "websocket"}, {"Connection", "Upgrade"}, {"Sec-WebSocket-Version", "13"},
                  {"Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ=="}});

        // A raw socket that sends garbage with a token in it.
        PhoenixTestClient garbage;
        QVERIFY(garbage.open(server->webSocketUrl(), {Full, u"dev_garbage"_s}));
        garbage.sendText(R"(["1","2","store:acme/secret","write",{"token":")" + Full.toLatin1() + R"(")");
        QCOMPARE(garbage.request(u"phoenix"_s, u"heartbeat"_s).value(u"status"), u"ok"_s);

        client->close();
        reader->close();
        server->stop();
    }
    const QStringList messages = capture->messages();
    capture.reset();
    QLoggingCategory::setFilterRules(QString());

    // The test saw plenty from each layer...
    const auto count = [&](const char *category) {
        return std::count_if(messages.cbegin(), messages.cend(),
                             [&](const QString &m) { return m.startsWith(QLatin1String(category)); });
    };
    qInfo() << "captured" << messages.size() << "messages:" << count("dust.server:") << "server,"
            << count("dust.client:") << "client," << count("dust.client.http:") << "http";
    QVERIFY(count("dust.server:") > 10);
    QVERIFY(count("dust.client:") > 5);
    QVERIFY(count("dust.client.http:") > 5);
    // ...and no token, in any spelling.
    for (const QString &message : messages) {
        for (const QString &token : {Full, ReadOnly, Wrong}) {
            QVERIFY2(!message.contains(token), qPrintable(u"token in log: "_s + message));
            QVERIFY2(!message.contains(QString::fromLatin1(QUrl::toPercentEncoding(token))),
                     qPrintable(u"token in log: "_s + message));
            // Its random tail alone would give it away too.
            QVERIFY2(!message.contains(token.right(9)), qPrintable(u"token in log: "_s + message));
        }
    }
}

// The same for dust-devserver, the program people run: debug logging on,
// tokens from a config file, clients with the right, a wrong and an expired
// token, REST with tokens in headers and in the query; then everything it
// printed (stdout and stderr) is grepped.
void tst_LogSecrecy::devServerLogsNoTokens()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString Expired = u"dust_tok_secret_expired_Kd2vvM8q3"_s;
    const QString config = dir.filePath(u"tokens.json"_s);
    {
        QFile file(config);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QJsonDocument(QJsonObject{{u"tokens"_s, QJsonArray{
            QJsonObject{{u"token"_s, Full}, {u"scopes"_s, QJsonArray::fromStringList(TokenGrant::allScopes())},
                        {u"store_access"_s, u"all"_s}},
            QJsonObject{{u"token"_s, ReadOnly}, {u"scopes"_s, QJsonArray{u"entries:read"_s}},
                        {u"store_access"_s, QJsonArray{StoreName}}},
            QJsonObject{{u"token"_s, Expired}, {u"scopes"_s, QJsonArray{u"entries:read"_s}},
                        {u"store_access"_s, u"all"_s}, {u"expires_at"_s, u"2001-01-01T00:00:00Z"_s}}}}})
                       .toJson());
    }
    QProcess devServer;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"QT_LOGGING_RULES"_s, u"dust.*.debug=true"_s);
    devServer.setProcessEnvironment(env);
    devServer.start(QStringLiteral(DUST_DEVSERVER_PATH), {u"--memory"_s, u"--port"_s, u"0"_s, u"--config"_s, config,
                                                          u"--store"_s, StoreName, u"--rate-limit"_s, u"3"_s});
    QByteArray out;
    QByteArray err;
    const auto read = [&] {
        out += devServer.readAllStandardOutput();
        err += devServer.readAllStandardError();
    };
    QVERIFY(waitUntil([&] { read(); return out.contains("Stores:") || devServer.state() == QProcess::NotRunning; }, 20000));
    const qsizetype at = out.indexOf("WebSocket: ");
    QVERIFY2(at >= 0, out.constData());
    const QUrl url(QString::fromUtf8(out.mid(at + 11, out.indexOf('\n', at) - at - 11)).trimmed());
    QUrl http = url;
    http.setScheme(u"http"_s);
    http.setPath({});

    {
        auto client = makeClient(url, Full, {StoreName});
        client->open();
        Store *store = client->store(StoreName);
        QVERIFY(waitConnected(store));
        DUST_AWAIT(written, store->set(u"a"_s, 1));
        QVERIFY(written);
        for (const QString &token : {Wrong, Expired}) {
            auto refused = makeClient(url, token, {StoreName});
            QSignalSpy errors(refused.get(), &Client::errorOccurred);
            refused->open();
            QTRY_VERIFY(errors.size() >= 1);
        }
        auto reader = makeClient(url, ReadOnly, {StoreName, u"acme/elsewhere"_s});
        reader->open();
        QVERIFY(waitConnected(reader->store(StoreName)));
        DUST_AWAIT(refusedWrite, reader->store(StoreName)->set(u"b"_s, 1));
        QVERIFY(!refusedWrite);

        HttpTransport rest(http, Full, StoreName);
        Result<qint64> limited = qint64(0);
        for (int i = 0; i < 6 && limited; ++i) {
            auto future = rest.put(*Path::parse(u"c"_s), i);
            QVERIFY(waitFinished(future));
            limited = future.result();
        }
        QCOMPARE(limited.error().code(), u"rate_limited"_s);
        for (const QString &token : {Wrong, Expired, ReadOnly}) {
            HttpTransport bad(http, token, StoreName);
            DUST_AWAIT(denied, bad.put(*Path::parse(u"d"_s), 1));
            QVERIFY(!denied);
        }
        HttpClient raw(http);
        raw.send("GET", u"/api/stores/acme/secret/entries?token="_s + Full, {}, {{"Authorization", "Basic " + Full.toLatin1()}});
        client->close();
        reader->close();
    }
    devServer.terminate();
    QVERIFY(devServer.waitForFinished(20000));
    read();

    // Debug logging really was on, and the failures were logged...
    QVERIFY2(err.contains("dust.server"), err.left(2000).constData());
    QVERIFY2(err.contains("invalid token") || err.contains("refused"), err.right(4000).constData());
    // ...without a token, in any spelling.
    const QByteArray all = out + err;
    for (const QString &token : {Full, ReadOnly, Wrong, Expired}) {
        QVERIFY2(!all.contains(token.toLatin1()), qPrintable(u"token in the dev server's output: "_s + token));
        QVERIFY2(!all.contains(token.right(9).toLatin1()), qPrintable(u"token tail in the output: "_s + token));
    }
}

void tst_LogSecrecy::loopbackByDefault()
{
    QCOMPARE(ServerOptions().address, QHostAddress(QHostAddress::LocalHost));
    LogCapture capture;
    ServerOptions options = memoryServerOptions();
    Server server(options);
    QVERIFY(server.start());
    QCOMPARE(server.webSocketUrl().host(), u"127.0.0.1"_s);
    QVERIFY(capture.contains(u"listening on 127.0.0.1"_s));
    QVERIFY(!capture.contains(u"not a loopback address"_s));
    // The IPv6 loopback is loopback too: no warning.
    ServerOptions v6 = memoryServerOptions();
    v6.address = QHostAddress(QHostAddress::LocalHostIPv6);
    Server server6(v6);
    if (server6.start())
        QVERIFY(!capture.contains(u"not a loopback address"_s));
}

void tst_LogSecrecy::nonLoopbackWarns()
{
    LogCapture capture;
    ServerOptions options = memoryServerOptions();
    options.address = QHostAddress(QHostAddress::AnyIPv4);
    Server server(options);
    QVERIFY(server.start());
    const QStringList messages = capture.messages();
    const auto warning = std::find_if(messages.cbegin(), messages.cend(), [](const QString &m) {
        return m.startsWith(u"dust.server:") && m.contains(u"listening on 0.0.0.0 which is not a loopback address");
    });
    QVERIFY2(warning != messages.cend(), qPrintable(messages.join(u'\n')));
    // The server is reachable, still through loopback.
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, server.port());
    QVERIFY(socket.waitForConnected(5000));
}

void tst_LogSecrecy::devServerListenWarns()
{
    // By default dust-devserver binds loopback and does not warn.
    QProcess quiet;
    quiet.start(QStringLiteral(DUST_DEVSERVER_PATH), {u"--memory"_s, u"--port"_s, u"0"_s});
    QByteArray out;
    QVERIFY(waitUntil([&] {
        out += quiet.readAllStandardOutput();
        return out.contains("Dev token:") || quiet.state() == QProcess::NotRunning;
    }, 20000));
    QVERIFY2(out.contains("WebSocket: ws://127.0.0.1:"), out.constData());
    quiet.terminate();
    QVERIFY(quiet.waitForFinished(20000));
    QVERIFY(!quiet.readAllStandardError().contains("not a loopback address"));

    // Told to listen on every interface, it says so on stderr.
    QProcess loud;
    loud.start(QStringLiteral(DUST_DEVSERVER_PATH), {u"--memory"_s, u"--port"_s, u"0"_s, u"--listen"_s, u"0.0.0.0"_s});
    QByteArray err;
    QVERIFY(waitUntil([&] {
        err += loud.readAllStandardError();
        return err.contains("not a loopback address") || loud.state() == QProcess::NotRunning;
    }, 20000));
    QVERIFY2(err.contains("listening on 0.0.0.0 which is not a loopback address"), err.constData());
    loud.terminate();
    QVERIFY(loud.waitForFinished(20000));
}

QTEST_GUILESS_MAIN(tst_LogSecrecy)
#include "tst_logsecrecy.moc"
