// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

// Scopes and store access on every route: each WebSocket event and each
// REST route is tried with no token, a wrong token, an expired token, a
// token lacking the route's scope, a token for another store and a token
// that may; only the last gets through, every refusal has its exact code,
// and nothing is written by a refused request. Prints the table.

#include "phoenixtestclient.h"
#include "servertestutil.h"

#include <dustserver.h>

#include <QtCore/qjsonarray.h>
#include <QtCore/qjsondocument.h>
#include <QtTest/qtest.h>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace {

const QString Site = u"acme/site"_s;
const QString Topic = u"store:acme/site"_s;
const QString Full = u"dust_tok_route_full_0123456789"_s;
const QString ReadOnly = u"dust_tok_route_read_0123456789"_s;
const QString WriteOnly = u"dust_tok_route_write_0123456789"_s;
const QString NoFiles = u"dust_tok_route_nofiles_0123456789"_s;
const QString NoFileRead = u"dust_tok_route_nofileread_0123456789"_s;
const QString Other = u"dust_tok_route_other_0123456789"_s;
const QString SiteOnly = u"dust_tok_route_siteonly_0123456789"_s;
const QString Expired = u"dust_tok_route_expired_0123456789"_s;
const QString Wrong = u"dust_tok_route_wrong_0123456789"_s;

QJsonObject response(const QJsonObject &reply)
{
    return reply.value(u"response").toObject();
}

struct Row
{
    QString route;
    QString token;
    QString outcome;
};

QList<Row> &table()
{
    static QList<Row> rows;
    return rows;
}

} // namespace

class tst_RouteAccess : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void rest_data();
    void rest();
    void webSocketConnect_data();
    void webSocketConnect();
    void webSocketJoin_data();
    void webSocketJoin();
    void webSocketPushes_data();
    void webSocketPushes();
    void tokenExpiresDuringSession();

private:
    std::unique_ptr<Dust::Server> m_server;
    QString m_fileHash;
    QString m_storeId;
};

void tst_RouteAccess::initTestCase()
{
    Dust::ServerOptions options = memoryServerOptions();
    options.stores = {Site, u"acme/other"_s};
    options.autoCreate = false;
    const QDateTime past = QDateTime::currentDateTimeUtc().addDays(-1);
    options.tokens = {
        Dust::TokenGrant{Full, Dust::TokenGrant::allScopes(), true, {}, {}},
        Dust::TokenGrant{ReadOnly, {u"entries:read"_s, u"files:read"_s}, true, {}, {}},
        Dust::TokenGrant{WriteOnly, {u"entries:write"_s}, true, {}, {}},
        Dust::TokenGrant{NoFiles, {u"entries:read"_s, u"entries:write"_s}, true, {}, {}},
        Dust::TokenGrant{NoFileRead, {u"entries:read"_s, u"entries:write"_s, u"files:write"_s}, true, {}, {}},
        Dust::TokenGrant{Other, Dust::TokenGrant::allScopes(), false, {u"acme/other"_s}, {}},
        Dust::TokenGrant{SiteOnly, Dust::TokenGrant::allScopes(), false, {Site}, {}},
        Dust::TokenGrant{Expired, Dust::TokenGrant::allScopes(), true, {}, past},
    };
    m_server = std::make_unique<Dust::Server>(options);
    const Dust::Result<void> started = m_server->start();
    QVERIFY2(started, qPrintable(started.error().toString()));

    PhoenixTestClient writer;
    QVERIFY(writer.open(m_server->webSocketUrl(), {Full, u"dev_setup"_s}));
    const QJsonObject joined = writer.join(Topic);
    QCOMPARE(joined.value(u"status"), u"ok"_s);
    QCOMPARE(writer.write(Topic, {{u"op"_s, u"set"_s}, {u"path"_s, u"doc"_s}, {u"value"_s, u"v1"_s}})
                 .value(u"status"), u"ok"_s);
    const QJsonObject file = writer.request(Topic, u"put_file"_s,
                                            {{u"path"_s, u"file"_s}, {u"content"_s, u"aGVsbG8="_s},
                                             {u"client_op_id"_s, PhoenixTestClient::newOpId()}});
    m_fileHash = response(file).value(u"hash").toString();
    QVERIFY(m_fileHash.startsWith(u"sha256:"));
    // acme/site's store id, for joins by id: a token that selects the
    // store is told its id in store_access.
    PhoenixTestClient selected;
    QVERIFY(selected.open(m_server->webSocketUrl(), {SiteOnly, u"dev_selected"_s}));
    const QJsonObject selectedJoin = selected.join(Topic);
    m_storeId = response(selectedJoin).value(u"store_access").toObject().value(u"store_ids").toArray()
                    .at(0).toString();
    QVERIFY(!m_storeId.isEmpty());
}

void tst_RouteAccess::cleanupTestCase()
{
    std::printf("\n%-48s %-26s %s\n", "route", "token", "outcome");
    for (const Row &row : std::as_const(table()))
        std::printf("%-48s %-26s %s\n", qPrintable(row.route), qPrintable(row.token), qPrintable(row.outcome));
    std::fflush(stdout);
    m_server.reset();
}

// --------------------------------------------------------------- REST

void tst_RouteAccess::rest_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("tokenName");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("code");
    QTest::addColumn<bool>("writes");

    struct Route
    {
        const char *name;
        QByteArray method;
        QString path;
        QByteArray body;
        bool write;
        bool file;
    };
    const QString entries = u"/api/stores/acme/site/entries"_s;
    const QList<Route> routes = {
        {"list", "GET", entries, {}, false, false},
        {"list HEAD", "HEAD", entries, {}, false, false},
        {"get", "GET", entries + u"/doc"_s, {}, false, false},
        {"get HEAD", "HEAD", entries + u"/doc"_s, {}, false, false},
        {"put", "PUT", entries + u"/new"_s, "1", true, false},
        {"delete path", "DELETE", entries + u"/doc"_s, {}, true, false},
        {"post body", "POST", entries, R"({"path":"new2","value":2})", true, false},
        {"delete body", "DELETE", entries, R"({"path":"doc"})", true, false},
        {"batch read", "POST", entries + u"/batch"_s, R"({"paths":["doc"]})", false, false},
        {"batch_write", "POST", entries + u"/batch_write"_s, R"({"ops":[{"op":"set","path":"b","value":1}]})", true, false},
        {"file", "GET", u"/api/files/%1"_s, {}, false, true},
        {"file HEAD", "HEAD", u"/api/files/%1"_s, {}, false, true},
    };
    for (const Route &r : routes) {
        const auto row = [&](const char *token, int status, const QString &code, bool writes) {
            QTest::addRow("%s %s: %s", r.method.constData(), r.name, token)
                << r.method << r.path << r.body << QString::fromLatin1(token) << status << code << writes;
        };
        row("none", 401, u"unauthorized"_s, false);
        row("wrong", 401, u"unauthorized"_s, false);
        row("expired", 401, u"unauthorized"_s, false);
        row(r.file ? "no files:read" : r.write ? "read only" : "write only", 403,
            r.file ? u"forbidden"_s : u"missing_scope"_s, false);
        // Files are looked up only in the stores a token may use.
        row("other store", r.file ? 404 : 403, r.file ? u"not_found"_s : u"store_not_allowed"_s, false);
        row("full", 200, QString(), r.write);
    }
}

void tst_RouteAccess::rest()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(QByteArray, body);
    QFETCH(QString, tokenName);
    QFETCH(int, status);
    QFETCH(QString, code);
    QFETCH(bool, writes);

    const QHash<QString, QString> tokens = {
        {u"none"_s, QString()}, {u"wrong"_s, Wrong}, {u"expired"_s, Expired},
        {u"read only"_s, ReadOnly}, {u"write only"_s, WriteOnly}, {u"no files:read"_s, NoFileRead},
        {u"other store"_s, Other}, {u"full"_s, Full}};
    if (path.contains(u"%1"))
        path = path.arg(m_fileHash);
    HttpClient http(m_server->httpUrl(), tokens.value(tokenName));
    const qint64 head = m_server->storeSeq(Site);
    const HttpResponse reply = http.send(method, path, body);
    const QString got = reply.json().toObject().value(u"error").toString();
    table().append({QString::fromLatin1(method) + u' ' + path.left(44), tokenName,
                    QString::number(reply.status) + (got.isEmpty() ? QString() : u' ' + got)});
    QCOMPARE(reply.status, status);
    if (method != "HEAD")
        QCOMPARE(got, code);
    if (status == 401)
        QCOMPARE(reply.header("WWW-Authenticate"), QByteArray("Bearer"));
    QCOMPARE(m_server->storeSeq(Site), writes ? head + 1 : head);
    if (writes) {
        // Put the document back for the rows that follow.
        HttpClient full(m_server->httpUrl(), Full);
        QCOMPARE(full.send("PUT", u"/api/stores/acme/site/entries/doc"_s, R"("v1")").status, 200);
    }
}

// --------------------------------------------------------------- WebSocket

void tst_RouteAccess::webSocketConnect_data()
{
    QTest::addColumn<QString>("token");
    QTest::addColumn<bool>("accepted");
    QTest::addColumn<QString>("reason");
    QTest::newRow("none") << QString() << false << u"missing token"_s;
    QTest::newRow("wrong") << Wrong << false << u"invalid token"_s;
    QTest::newRow("expired") << Expired << false << u"token expired"_s;
    QTest::newRow("read only") << ReadOnly << true << QString();
    QTest::newRow("other store") << Other << true << QString();
}

void tst_RouteAccess::webSocketConnect()
{
    QFETCH(QString, token);
    QFETCH(bool, accepted);
    QFETCH(QString, reason);
    // The upgrade itself: refused with 403 and the reason, before any frame.
    HttpClient http(m_server->httpUrl());
    PhoenixTestClient::Params params{token, u"dev_connect"_s};
    const QUrl url = PhoenixTestClient::socketUrl(m_server->webSocketUrl(), params);
    const HttpResponse upgrade = http.send("GET", url.path(QUrl::FullyEncoded) + u'?' + url.query(QUrl::FullyEncoded), {},
                                           {{"Connection", "Upgrade"}, {"Upgrade", "websocket"},
                                            {"Sec-WebSocket-Version", "13"},
                                            {"Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ=="}});
    PhoenixTestClient client;
    const bool opened = client.open(m_server->webSocketUrl(), params);
    table().append({u"ws connect"_s, QString::fromLatin1(QTest::currentDataTag()),
                    opened ? u"open"_s : u"%1 %2"_s.arg(upgrade.status).arg(reason)});
    QCOMPARE(opened, accepted);
    if (!accepted) {
        QCOMPARE(upgrade.status, 403);
        QCOMPARE(upgrade.json().toObject().value(u"reason"), reason);
    }
}

void tst_RouteAccess::webSocketJoin_data()
{
    QTest::addColumn<QString>("token");
    QTest::addColumn<bool>("byId");
    QTest::addColumn<QString>("reason");
    QTest::newRow("write only") << WriteOnly << false << u"missing_scope"_s;
    QTest::newRow("other store") << Other << false << u"store_not_allowed"_s;
    QTest::newRow("other store, by id") << Other << true << u"store_not_allowed"_s;
    QTest::newRow("read only") << ReadOnly << false << QString();
    QTest::newRow("read only, by id") << ReadOnly << true << QString();
}

void tst_RouteAccess::webSocketJoin()
{
    QFETCH(QString, token);
    QFETCH(bool, byId);
    QFETCH(QString, reason);
    const QString topic = byId ? u"store:"_s + m_storeId : Topic;
    PhoenixTestClient client;
    QVERIFY(client.open(m_server->webSocketUrl(), {token, u"dev_join"_s}));
    const QJsonObject reply = client.join(topic);
    const QString got = response(reply).value(u"reason").toString();
    table().append({u"ws phx_join"_s + (byId ? u" (by id)"_s : QString()), QString::fromLatin1(QTest::currentDataTag()),
                    reply.value(u"status").toString() + (got.isEmpty() ? QString() : u' ' + got)});
    if (reason.isEmpty()) {
        QCOMPARE(reply.value(u"status"), u"ok"_s);
    } else {
        QCOMPARE(reply.value(u"status"), u"error"_s);
        QCOMPARE(got, reason);
    }
}

void tst_RouteAccess::webSocketPushes_data()
{
    QTest::addColumn<QString>("token");
    QTest::addColumn<bool>("join");
    QTest::addColumn<QString>("event");
    QTest::addColumn<QString>("reason");
    QTest::addColumn<bool>("writes");
    QTest::newRow("write: read only") << ReadOnly << true << u"write"_s << u"missing_scope"_s << false;
    QTest::newRow("write: not joined") << Full << false << u"write"_s << u"unmatched topic"_s << false;
    QTest::newRow("write: full") << Full << true << u"write"_s << QString() << true;
    QTest::newRow("put_file: no files scope") << NoFiles << true << u"put_file"_s << u"missing_scope"_s << false;
    QTest::newRow("put_file: read only") << ReadOnly << true << u"put_file"_s << u"missing_scope"_s << false;
    QTest::newRow("put_file: not joined") << Full << false << u"put_file"_s << u"unmatched topic"_s << false;
    QTest::newRow("put_file: full") << Full << true << u"put_file"_s << QString() << true;
    QTest::newRow("status: not joined") << Full << false << u"status"_s << u"unmatched topic"_s << false;
    QTest::newRow("status: read only") << ReadOnly << true << u"status"_s << QString() << false;
    QTest::newRow("ack_seq: not joined") << Full << false << u"ack_seq"_s << u"unmatched topic"_s << false;
    QTest::newRow("ack_seq: read only") << ReadOnly << true << u"ack_seq"_s << QString() << false;
    QTest::newRow("phx_leave: not joined") << Full << false << u"phx_leave"_s << u"unmatched topic"_s << false;
    QTest::newRow("phx_leave: read only") << ReadOnly << true << u"phx_leave"_s << QString() << false;
}

void tst_RouteAccess::webSocketPushes()
{
    QFETCH(QString, token);
    QFETCH(bool, join);
    QFETCH(QString, event);
    QFETCH(QString, reason);
    QFETCH(bool, writes);

    PhoenixTestClient client;
    QVERIFY(client.open(m_server->webSocketUrl(), {token, u"dev_push"_s}));
    if (join)
        QCOMPARE(client.join(Topic).value(u"status"), u"ok"_s);
    QJsonObject payload;
    if (event == u"write")
        payload = {{u"op"_s, u"set"_s}, {u"path"_s, u"pushed"_s}, {u"value"_s, 1},
                   {u"client_op_id"_s, PhoenixTestClient::newOpId()}};
    else if (event == u"put_file")
        payload = {{u"path"_s, u"pushed_file"_s}, {u"content"_s, u"eA=="_s},
                   {u"client_op_id"_s, PhoenixTestClient::newOpId()}};
    else if (event == u"ack_seq")
        payload = {{u"seq"_s, 0}};
    const qint64 head = m_server->storeSeq(Site);
    const QJsonObject reply = client.request(Topic, event, payload);
    const QString got = response(reply).value(u"reason").toString();
    table().append({u"ws "_s + event + (join ? QString() : u" (not joined)"_s), QString::fromLatin1(QTest::currentDataTag()),
                    reply.value(u"status").toString() + (got.isEmpty() ? QString() : u' ' + got)});
    if (reason.isEmpty()) {
        QCOMPARE(reply.value(u"status"), u"ok"_s);
    } else {
        QCOMPARE(reply.value(u"status"), u"error"_s);
        QCOMPARE(got, reason);
    }
    QCOMPARE(m_server->storeSeq(Site), writes ? head + 1 : head);
}

void tst_RouteAccess::tokenExpiresDuringSession()
{
    // A socket opened while its token was valid is refused joins and writes
    // once the token has expired.
    Dust::ServerOptions options = memoryServerOptions();
    options.stores = {Site};
    const QString token = u"dust_tok_route_shortlived_0123456789"_s;
    options.tokens = {Dust::TokenGrant{token, Dust::TokenGrant::allScopes(), true, {},
                                       QDateTime::currentDateTimeUtc().addMSecs(1500)}};
    Dust::Server server(options);
    QVERIFY(server.start());
    PhoenixTestClient client;
    QVERIFY(client.open(server.webSocketUrl(), {token, u"dev_short"_s}));
    QCOMPARE(client.join(Topic).value(u"status"), u"ok"_s);
    QTRY_VERIFY_WITH_TIMEOUT(options.tokens.first().isExpired(), 5000);
    const QJsonObject write = client.write(Topic, {{u"op"_s, u"set"_s}, {u"path"_s, u"late"_s}, {u"value"_s, 1}});
    QCOMPARE(response(write).value(u"reason"), u"unauthorized"_s);
    QCOMPARE(response(write).value(u"message"), u"Token has expired"_s);
    QCOMPARE(response(client.join(u"store:acme/site"_s)).value(u"reason"), u"unauthorized"_s);
    QCOMPARE(server.storeSeq(Site), 0);
    HttpClient http(server.httpUrl(), token);
    QCOMPARE(http.get(u"/api/stores/acme/site/entries"_s).status, 401);
    table().append({u"ws write after expiry"_s, u"expired"_s, u"error unauthorized"_s});
}

QTEST_GUILESS_MAIN(tst_RouteAccess)
#include "tst_routeaccess.moc"
