// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

// The REST entries API (dust-ecto §4) and file downloads (protocol §9):
// every endpoint, status code, header and error body, and REST writes
// reaching WebSocket subscribers.

#include "phoenixtestclient.h"
#include "servertestutil.h"

#include <dustserver.h>

#include <QtCore/qcryptographichash.h>
#include <QtCore/qjsonarray.h>
#include <QtCore/qjsondocument.h>
#include <QtCore/qjsonobject.h>
#include <QtTest/qtest.h>

using namespace Qt::StringLiterals;

namespace {

const QString Full = u"dust_tok_full_0123456789"_s;
const QString ReadOnly = u"dust_tok_readonly_0123456789"_s;
const QString WriteOnly = u"dust_tok_writeonly_0123456789"_s;
const QString Selected = u"dust_tok_selected_0123456789"_s;
const QString NoFiles = u"dust_tok_nofiles_0123456789"_s;
const QString Entries = u"/api/stores/acme/site/entries"_s;

QJsonObject error(const char *code)
{
    return {{u"error"_s, QString::fromLatin1(code)}};
}

} // namespace

class tst_ServerRest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void unknownRoutes_data();
    void unknownRoutes();
    void authentication_data();
    void authentication();
    void authorization_data();
    void authorization();
    void entryLifecycle();
    void mapEntries();
    void pathEncoding();
    void conditionalWrites();
    void conditionalGet();
    void badBodies_data();
    void badBodies();
    void listing();
    void listingErrors_data();
    void listingErrors();
    void batchRead();
    void batchWrite();
    void batchWriteErrors_data();
    void batchWriteErrors();
    void bodyPathRoutes();
    void methodNotAllowed_data();
    void methodNotAllowed();
    void files();
    void restWritesAreBroadcast();
    void missingStores();

private:
    HttpResponse call(const QByteArray &method, const QString &path, const QByteArray &body = {},
                      const QList<std::pair<QByteArray, QByteArray>> &headers = {}, const QString &token = Full);

    std::unique_ptr<Dust::Server> m_server;
};

void tst_ServerRest::init()
{
    Dust::ServerOptions options = memoryServerOptions();
    options.stores = {u"acme/site"_s, u"acme/private"_s};
    options.tokens = {
        Dust::TokenGrant{Full, Dust::TokenGrant::allScopes(), true, {}},
        Dust::TokenGrant{ReadOnly, {u"entries:read"_s, u"files:read"_s}, true, {}},
        Dust::TokenGrant{WriteOnly, {u"entries:write"_s}, true, {}},
        Dust::TokenGrant{Selected, Dust::TokenGrant::allScopes(), false, {u"acme/site"_s}},
        Dust::TokenGrant{NoFiles, {u"entries:read"_s, u"entries:write"_s}, true, {}},
    };
    m_server = std::make_unique<Dust::Server>(options);
    const Dust::Result<void> started = m_server->start();
    QVERIFY2(started, qPrintable(started.error().toString()));
}

void tst_ServerRest::cleanup()
{
    m_server.reset();
}

HttpResponse tst_ServerRest::call(const QByteArray &method, const QString &path, const QByteArray &body,
                                  const QList<std::pair<QByteArray, QByteArray>> &headers, const QString &token)
{
    HttpClient client(m_server->httpUrl(), token);
    return client.send(method, path, body, headers);
}

void tst_ServerRest::unknownRoutes_data()
{
    QTest::addColumn<QString>("path");
    QTest::newRow("root") << u"/"_s;
    QTest::newRow("api") << u"/api"_s;
    QTest::newRow("store") << u"/api/stores/acme/site"_s;
    QTest::newRow("not entries") << u"/api/stores/acme/site/other"_s;
    QTest::newRow("files without hash") << u"/api/files"_s;
    QTest::newRow("files too deep") << u"/api/files/a/b"_s;
    QTest::newRow("socket path over plain HTTP") << u"/ws/sync"_s;
    QTest::newRow("invalid store name") << u"/api/stores/ac%20me/site/entries"_s;
}

void tst_ServerRest::unknownRoutes()
{
    QFETCH(QString, path);
    // Routing comes before authentication, as in Phoenix.
    const HttpResponse response = call("GET", path, {}, {}, QString());
    QCOMPARE(response.status, 404);
    QCOMPARE(response.json(), QJsonValue(error("not_found")));
    QCOMPARE(response.header("Content-Type"), QByteArray("application/json"));
}

void tst_ServerRest::authentication_data()
{
    QTest::addColumn<QByteArray>("authorization");
    QTest::addColumn<int>("status");
    QTest::newRow("none") << QByteArray() << 401;
    QTest::newRow("unknown token") << QByteArray("Bearer dust_tok_nope_0123456789") << 401;
    QTest::newRow("basic scheme") << QByteArray("Basic ") + Full.toLatin1() << 401;
    QTest::newRow("bare token") << Full.toLatin1() << 401;
    QTest::newRow("empty bearer") << QByteArray("Bearer ") << 401;
    QTest::newRow("bearer") << QByteArray("Bearer ") + Full.toLatin1() << 200;
    QTest::newRow("lower-case scheme") << QByteArray("bearer ") + Full.toLatin1() << 200;
}

void tst_ServerRest::authentication()
{
    QFETCH(QByteArray, authorization);
    QFETCH(int, status);
    QList<std::pair<QByteArray, QByteArray>> headers;
    if (!authorization.isEmpty())
        headers.append({"Authorization", authorization});
    const HttpResponse response = call("GET", Entries, {}, headers, QString());
    QCOMPARE(response.status, status);
    if (status == 401) {
        QCOMPARE(response.json(), QJsonValue(error("unauthorized")));
        QCOMPARE(response.header("WWW-Authenticate"), QByteArray("Bearer"));
    }
}

void tst_ServerRest::authorization_data()
{
    QTest::addColumn<QString>("token");
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QJsonObject>("expected");
    const QJsonObject notAllowed{{u"error"_s, u"store_not_allowed"_s},
                                 {u"message"_s, u"Token does not have access to this store"_s}};
    const auto missing = [](const char *scope) {
        return QJsonObject{{u"error"_s, u"missing_scope"_s}, {u"scope"_s, QString::fromLatin1(scope)},
                           {u"message"_s, u"Token is missing %1 scope"_s.arg(QString::fromLatin1(scope))}};
    };
    const QString other = u"/api/stores/acme/private/entries"_s;
    QTest::newRow("list other store") << Selected << QByteArray("GET") << other << QByteArray() << notAllowed;
    QTest::newRow("get other store") << Selected << QByteArray("GET") << other + u"/a"_s << QByteArray() << notAllowed;
    QTest::newRow("put other store") << Selected << QByteArray("PUT") << other + u"/a"_s << QByteArray("1") << notAllowed;
    QTest::newRow("batch other store") << Selected << QByteArray("POST") << other + u"/batch"_s
                                       << QByteArray(R"({"paths":[]})") << notAllowed;
    QTest::newRow("put read-only") << ReadOnly << QByteArray("PUT") << Entries + u"/a"_s << QByteArray("1")
                                   << missing("entries:write");
    QTest::newRow("delete read-only") << ReadOnly << QByteArray("DELETE") << Entries + u"/a"_s << QByteArray()
                                      << missing("entries:write");
    QTest::newRow("batch_write read-only") << ReadOnly << QByteArray("POST") << Entries + u"/batch_write"_s
                                           << QByteArray(R"({"ops":[]})") << missing("entries:write");
    QTest::newRow("body write read-only") << ReadOnly << QByteArray("POST") << Entries
                                          << QByteArray(R"({"path":"a","value":1})") << missing("entries:write");
    QTest::newRow("list write-only") << WriteOnly << QByteArray("GET") << Entries << QByteArray() << missing("entries:read");
    QTest::newRow("get write-only") << WriteOnly << QByteArray("GET") << Entries + u"/a"_s << QByteArray()
                                    << missing("entries:read");
    QTest::newRow("batch read write-only") << WriteOnly << QByteArray("POST") << Entries + u"/batch"_s
                                           << QByteArray(R"({"paths":[]})") << missing("entries:read");
}

void tst_ServerRest::authorization()
{
    QFETCH(QString, token);
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(QByteArray, body);
    QFETCH(QJsonObject, expected);
    const HttpResponse response = call(method, path, body, {}, token);
    QCOMPARE(response.status, 403);
    QCOMPARE(response.json(), QJsonValue(expected));
    QCOMPARE(m_server->storeSeq(u"acme/site"_s), 0);
    QCOMPARE(m_server->storeSeq(u"acme/private"_s), 0);
}

void tst_ServerRest::entryLifecycle()
{
    const HttpResponse put = call("PUT", Entries + u"/posts/hello"_s, R"("Hi")");
    QCOMPARE(put.status, 200);
    QCOMPARE(put.json(), QJsonValue(QJsonObject{{u"store_seq"_s, 1}, {u"path"_s, u"posts/hello"_s},
                                                {u"revision"_s, 1}}));
    QCOMPARE(put.header("ETag"), QByteArray("\"1\""));
    QCOMPARE(put.header("Content-Type"), QByteArray("application/json"));
    QCOMPARE(m_server->storeSeq(u"acme/site"_s), 1);

    const HttpResponse get = call("GET", Entries + u"/posts/hello"_s);
    QCOMPARE(get.status, 200);
    QCOMPARE(get.json(), QJsonValue(QJsonObject{{u"path"_s, u"posts/hello"_s}, {u"value"_s, u"Hi"_s},
                                                {u"type"_s, u"string"_s}, {u"revision"_s, 1}}));
    QCOMPARE(get.header("ETag"), QByteArray("\"1\""));
    QCOMPARE(get.header("Content-Length").toInt(), get.body.size());

    const HttpResponse head = call("HEAD", Entries + u"/posts/hello"_s);
    QCOMPARE(head.status, 200);
    QVERIFY(head.body.isEmpty());
    QCOMPARE(head.header("Content-Length").toInt(), get.body.size());
    QCOMPARE(head.header("ETag"), QByteArray("\"1\""));

    // Every value type comes back with its type name.
    const QList<std::pair<QByteArray, QString>> types{
        {"42", u"integer"_s}, {"1.5", u"float"_s}, {"true", u"boolean"_s}, {"null", u"null"_s},
        {"[1,2]", u"set"_s}, {R"({"_type":"decimal","_typed":"1.10"})", u"decimal"_s}};
    for (const auto &[json, type] : types) {
        QCOMPARE(call("PUT", Entries + u"/types/x"_s, json).status, 200);
        QCOMPARE(call("GET", Entries + u"/types/x"_s).json().toObject().value(u"type"), type);
    }

    const HttpResponse removed = call("DELETE", Entries + u"/posts/hello"_s);
    QCOMPARE(removed.status, 200);
    QCOMPARE(removed.json(), QJsonValue(QJsonObject{{u"store_seq"_s, 2 + types.size()}}));
    const HttpResponse gone = call("GET", Entries + u"/posts/hello"_s);
    QCOMPARE(gone.status, 404);
    QCOMPARE(gone.json(), QJsonValue(error("not_found")));
    const HttpResponse goneHead = call("HEAD", Entries + u"/posts/hello"_s);
    QCOMPARE(goneHead.status, 404);
    QVERIFY(goneHead.body.isEmpty());
    // A delete of nothing still commits (and consumes a store_seq), as upstream.
    QCOMPARE(call("DELETE", Entries + u"/never/there"_s).status, 200);
}

void tst_ServerRest::mapEntries()
{
    const QByteArray record = R"({"title":"Foo","url":"https://foo","meta":{"a":1,"b":[1]}})";
    QCOMPARE(call("PUT", Entries + u"/links/foo"_s, record).status, 200);
    QCOMPARE(call("PUT", Entries + u"/links/foo/meta/a"_s, "2").status, 200);
    const HttpResponse get = call("GET", Entries + u"/links/foo"_s);
    QCOMPARE(get.status, 200);
    const QJsonObject entry = get.json().toObject();
    QCOMPARE(entry.value(u"type"), u"map"_s);
    QCOMPARE(entry.value(u"revision"), QJsonValue(2));
    QCOMPARE(entry.value(u"value"), (QJsonObject{{u"title"_s, u"Foo"_s}, {u"url"_s, u"https://foo"_s},
                                                 {u"meta"_s, QJsonObject{{u"a"_s, 2}, {u"b"_s, QJsonArray{1}}}}}));
    QCOMPARE(get.header("ETag"), QByteArray("\"2\""));
    const HttpResponse leaf = call("GET", Entries + u"/links/foo/title"_s);
    QCOMPARE(leaf.json().toObject().value(u"revision"), QJsonValue(1));
    // Deleting the record removes every leaf below it.
    QCOMPARE(call("DELETE", Entries + u"/links/foo"_s).status, 200);
    QCOMPARE(call("GET", Entries + u"/links/foo/meta/a"_s).status, 404);
}

void tst_ServerRest::pathEncoding()
{
    struct Case
    {
        QString urlPath;      // as sent, percent-encoded
        QString rendered;     // the canonical path it names
    };
    const QList<Case> cases{
        {u"/files/image~1file"_s, u"files/image~1file"_s},
        {u"/a~0b"_s, u"a~0b"_s},
        {u"/with%20space"_s, u"with space"_s},
        {u"/plus%2Bsign"_s, u"plus+sign"_s},
        {u"/caf%C3%A9/%F0%9F%98%80"_s, u"café/😀"_s},
        {u"/example.com"_s, u"example.com"_s},
        {u"/packages/@scope/name"_s, u"packages/@scope/name"_s},
    };
    qint64 seq = 0;
    for (const Case &c : cases) {
        const HttpResponse put = call("PUT", Entries + c.urlPath, "1");
        QCOMPARE(put.status, 200);
        QCOMPARE(put.json().toObject().value(u"path"), c.rendered);
        QCOMPARE(put.json().toObject().value(u"store_seq"), QJsonValue(++seq));
        QCOMPARE(call("GET", Entries + c.urlPath).json().toObject().value(u"path"), c.rendered);
    }
    // The slash escape stays one segment; what a listing returns is rendered.
    const QJsonArray items = call("GET", Entries + u"?pattern=files/*"_s).json().toObject().value(u"items").toArray();
    QCOMPARE(items.size(), 1);
    QCOMPARE(items.first().toObject().value(u"path"), u"files/image~1file"_s);

    QCOMPARE(call("GET", Entries + u"/a~2b"_s).json(), QJsonValue(error("invalid_escape")));
    QCOMPARE(call("GET", Entries + u"/a~2b"_s).status, 400);

    // An encoded slash is a '/' inside its segment, never a boundary.
    const HttpResponse slash = call("PUT", Entries + u"/dir/a%2Fb"_s, "2");
    QCOMPARE(slash.status, 200);
    QCOMPARE(slash.json().toObject().value(u"path"), u"dir/a~1b"_s);
    QCOMPARE(slash.json().toObject().value(u"store_seq"), QJsonValue(++seq));
    QCOMPARE(call("GET", Entries + u"/dir/a~1b"_s).json().toObject().value(u"value"), QJsonValue(2));
    QCOMPARE(call("GET", Entries + u"/dir/a/b"_s).status, 404);
    const QJsonArray dir = call("GET", Entries + u"?pattern=dir/**"_s).json().toObject().value(u"items").toArray();
    QCOMPARE(dir.size(), 1);
    QCOMPARE(dir.first().toObject().value(u"path"), u"dir/a~1b"_s);
    // Invalid UTF-8 in a segment is refused, as on the WebSocket.
    QCOMPARE(call("PUT", Entries + u"/bad%FF"_s, "1").status, 400);
    QCOMPARE(call("GET", Entries + u"/bad%C3"_s).json().toObject().value(u"error"), u"invalid_utf8"_s);
    QCOMPARE(call("PUT", Entries + u"/a//b"_s, "1").json(), QJsonValue(error("empty_segment")));
    QCOMPARE(call("DELETE", Entries + u"/a~"_s).json(), QJsonValue(error("invalid_escape")));
    QCOMPARE(m_server->storeSeq(u"acme/site"_s), seq);
}

void tst_ServerRest::conditionalWrites()
{
    QCOMPARE(call("PUT", Entries + u"/n"_s, "1").status, 200);   // revision 1
    QCOMPARE(call("PUT", Entries + u"/n"_s, "2", {{"If-Match", "1"}}).status, 200);   // revision 2
    const HttpResponse stale = call("PUT", Entries + u"/n"_s, "3", {{"If-Match", "1"}});
    QCOMPARE(stale.status, 412);
    QCOMPARE(stale.json(), QJsonValue(QJsonObject{{u"error"_s, u"conflict"_s}, {u"current_revision"_s, 2}}));
    QCOMPARE(call("PUT", Entries + u"/n"_s, "3", {{"If-Match", "\"2\""}}).status, 200);       // revision 3
    QCOMPARE(call("PUT", Entries + u"/n"_s, "4", {{"If-Match", "W/\"3\""}}).status, 200);     // revision 4
    const HttpResponse absent = call("PUT", Entries + u"/none"_s, "1", {{"If-Match", "1"}});
    QCOMPARE(absent.status, 412);
    QCOMPARE(absent.json(), QJsonValue(QJsonObject{{u"error"_s, u"conflict"_s},
                                                   {u"current_revision"_s, QJsonValue::Null}}));
    QCOMPARE(call("PUT", Entries + u"/none"_s, "1", {{"If-Match", "*"}}).status, 412);
    QCOMPARE(call("PUT", Entries + u"/n"_s, "5", {{"If-Match", "*"}}).status, 200);            // revision 5

    QCOMPARE(call("PUT", Entries + u"/fresh"_s, "1", {{"If-None-Match", "*"}}).status, 200);  // revision 6
    const HttpResponse exists = call("PUT", Entries + u"/fresh"_s, "2", {{"If-None-Match", "*"}});
    QCOMPARE(exists.status, 412);
    QCOMPARE(exists.json(), QJsonValue(QJsonObject{{u"error"_s, u"exists"_s}, {u"current_revision"_s, 6}}));

    const HttpResponse both = call("PUT", Entries + u"/n"_s, "1", {{"If-Match", "5"}, {"If-None-Match", "*"}});
    QCOMPARE(both.status, 400);
    QCOMPARE(both.json(), QJsonValue(error("invalid_precondition")));
    const HttpResponse garbage = call("PUT", Entries + u"/n"_s, "1", {{"If-Match", "five"}});
    QCOMPARE(garbage.status, 400);
    QCOMPARE(garbage.json().toObject().value(u"field"), u"If-Match"_s);
    QCOMPARE(call("PUT", Entries + u"/n"_s, "1", {{"If-None-Match", "\"5\""}}).status, 400);
    QCOMPARE(call("DELETE", Entries + u"/n"_s, {}, {{"If-None-Match", "*"}}).json().toObject().value(u"error"),
             u"if_absent_unsupported_op"_s);

    const HttpResponse staleDelete = call("DELETE", Entries + u"/n"_s, {}, {{"If-Match", "4"}});
    QCOMPARE(staleDelete.status, 412);
    QCOMPARE(staleDelete.json().toObject().value(u"current_revision"), QJsonValue(5));
    QCOMPARE(call("DELETE", Entries + u"/n"_s, {}, {{"If-Match", "5"}}).status, 200);             // 7
    QCOMPARE(m_server->storeSeq(u"acme/site"_s), 7);

    // A whole map record can be compared and set against its revision.
    QCOMPARE(call("PUT", Entries + u"/links/foo"_s, R"({"title":"A","url":"u"})").status, 200);   // 8
    const QByteArray revision = QByteArray::number(call("GET", Entries + u"/links/foo"_s).json()
                                                       .toObject().value(u"revision").toInteger());
    QCOMPARE(revision, QByteArray("8"));
    QCOMPARE(call("PUT", Entries + u"/links/foo"_s, R"({"title":"B","url":"u"})", {{"If-Match", revision}}).status, 200);
    QCOMPARE(call("PUT", Entries + u"/links/foo"_s, R"({"title":"C","url":"u"})", {{"If-Match", revision}}).status, 412);
    QCOMPARE(call("GET", Entries + u"/links/foo/title"_s).json().toObject().value(u"value"), u"B"_s);
}

void tst_ServerRest::conditionalGet()
{
    QCOMPARE(call("PUT", Entries + u"/a"_s, "1").status, 200);
    const HttpResponse notModified = call("GET", Entries + u"/a"_s, {}, {{"If-None-Match", "\"1\""}});
    QCOMPARE(notModified.status, 304);
    QVERIFY(notModified.body.isEmpty());
    QCOMPARE(notModified.header("ETag"), QByteArray("\"1\""));
    QCOMPARE(call("GET", Entries + u"/a"_s, {}, {{"If-None-Match", "\"7\", \"1\""}}).status, 304);
    QCOMPARE(call("GET", Entries + u"/a"_s, {}, {{"If-None-Match", "*"}}).status, 304);
    QCOMPARE(call("GET", Entries + u"/a"_s, {}, {{"If-None-Match", "\"0\""}}).status, 200);
}

void tst_ServerRest::badBodies_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("code");
    QTest::newRow("empty") << QByteArray() << u"invalid_json"_s;
    QTest::newRow("not json") << QByteArray("{title: 1}") << u"invalid_json"_s;
    QTest::newRow("two values") << QByteArray("1 2") << u"invalid_json"_s;
    QTest::newRow("invalid utf-8") << QByteArray("\"\xff\"") << u"invalid_utf8"_s;
    QTest::newRow("empty key") << QByteArray(R"({"":1})") << u"empty_key"_s;
    QTest::newRow("nested empty key") << QByteArray(R"({"a":{"":1}})") << u"empty_key"_s;
    QTest::newRow("too deep") << QByteArray(100, '[') + QByteArray(100, ']') << u"too_deep"_s;
}

void tst_ServerRest::badBodies()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, code);
    const HttpResponse response = call("PUT", Entries + u"/x"_s, body);
    QCOMPARE(response.status, 400);
    QCOMPARE(response.json().toObject().value(u"error"), code);
    QCOMPARE(m_server->storeSeq(u"acme/site"_s), 0);
}

void tst_ServerRest::listing()
{
    for (int i = 0; i < 7; ++i)
        QVERIFY(m_server->write(u"acme/site"_s, u"dev"_s, Dust::Op::Kind::Set, u"posts/p%1/title"_s.arg(i), i));
    QVERIFY(m_server->write(u"acme/site"_s, u"dev"_s, Dust::Op::Kind::Set, u"other"_s, 1));

    // Pages follow the cursor, in path order, with no phantom last page.
    QStringList paths;
    QString after;
    int pages = 0;
    do {
        QString query = u"?pattern=posts/**&limit=3&select=entries"_s;
        if (!after.isEmpty())
            query += u"&after="_s + QString::fromLatin1(QUrl::toPercentEncoding(after));
        const QJsonObject page = call("GET", Entries + query).json().toObject();
        ++pages;
        for (const QJsonValue &item : page.value(u"items").toArray()) {
            const QJsonObject entry = item.toObject();
            QCOMPARE(entry.keys(), (QStringList{u"path"_s, u"revision"_s, u"type"_s, u"value"_s}));
            paths.append(entry.value(u"path").toString());
        }
        after = page.value(u"next_cursor").toString();
        if (pages > 3)
            QVERIFY(page.value(u"next_cursor").isNull());
    } while (!after.isEmpty() && pages < 10);
    QCOMPARE(pages, 3);
    QCOMPARE(paths.size(), 7);
    QVERIFY(std::is_sorted(paths.begin(), paths.end()));

    const QJsonObject desc = call("GET", Entries + u"?pattern=posts/**&order=desc&limit=2&select=keys"_s)
                                 .json().toObject();
    QCOMPARE(desc.value(u"items"), (QJsonArray{u"posts/p6/title"_s, u"posts/p5/title"_s}));
    QCOMPARE(desc.value(u"next_cursor"), u"posts/p5/title"_s);

    const QJsonObject prefixes = call("GET", Entries + u"?pattern=posts/**&select=prefixes&limit=100"_s)
                                     .json().toObject();
    QCOMPARE(prefixes.value(u"items").toArray().size(), 7);
    QCOMPARE(prefixes.value(u"items").toArray().first(), u"posts/p0"_s);

    const QJsonObject all = call("GET", Entries).json().toObject();
    QCOMPARE(all.value(u"items").toArray().size(), 8);
    QVERIFY(all.value(u"next_cursor").isNull());
    const QJsonObject one = call("GET", Entries + u"?pattern=*"_s).json().toObject();
    QCOMPARE(one.value(u"items").toArray().size(), 1);

    const QJsonObject range = call("GET", Entries + u"?from=posts/p2&to=posts/p4&select=keys"_s).json().toObject();
    QCOMPARE(range.value(u"items"), (QJsonArray{u"posts/p2/title"_s, u"posts/p3/title"_s}));
    const QJsonObject huge = call("GET", Entries + u"?limit=5000"_s).json().toObject();
    QCOMPARE(huge.value(u"items").toArray().size(), 8);
}

void tst_ServerRest::listingErrors_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QString>("code");
    QTest::newRow("tail-only **") << u"?pattern=a/**/b"_s << u"wildcard_many_not_tail"_s;
    QTest::newRow("empty pattern") << u"?pattern="_s << u"empty_path"_s;
    QTest::newRow("bad escape") << u"?pattern=a~9"_s << u"invalid_escape"_s;
    QTest::newRow("zero limit") << u"?limit=0"_s << u"invalid_limit"_s;
    QTest::newRow("text limit") << u"?limit=ten"_s << u"invalid_limit"_s;
    QTest::newRow("bad order") << u"?order=sideways"_s << u"invalid_params"_s;
    QTest::newRow("bad select") << u"?select=values"_s << u"invalid_params"_s;
    QTest::newRow("prefixes without **") << u"?pattern=posts/*&select=prefixes"_s << u"invalid_pattern_for_prefixes"_s;
    QTest::newRow("range with prefixes") << u"?from=a&to=b&select=prefixes"_s << u"unsupported_select"_s;
    QTest::newRow("range without to") << u"?from=a"_s << u"invalid_params"_s;
}

void tst_ServerRest::listingErrors()
{
    QFETCH(QString, query);
    QFETCH(QString, code);
    const HttpResponse response = call("GET", Entries + query);
    QCOMPARE(response.status, 400);
    QCOMPARE(response.json().toObject().value(u"error"), code);
}

void tst_ServerRest::batchRead()
{
    QVERIFY(m_server->write(u"acme/site"_s, u"dev"_s, Dust::Op::Kind::Set, u"a"_s, 1));
    QVERIFY(m_server->write(u"acme/site"_s, u"dev"_s, Dust::Op::Kind::Set, u"m"_s, QJsonObject{{u"x"_s, 1}}));
    const HttpResponse response = call("POST", Entries + u"/batch"_s,
                                       R"({"paths": ["a", "m", "missing", ["m", "x"]]})");
    QCOMPARE(response.status, 200);
    const QJsonObject body = response.json().toObject();
    const QJsonArray items = body.value(u"items").toArray();
    QCOMPARE(items.size(), 3);
    QCOMPARE(items.at(0).toObject().value(u"value"), QJsonValue(1));
    QCOMPARE(items.at(1).toObject().value(u"type"), u"map"_s);
    QCOMPARE(items.at(2).toObject().value(u"path"), u"m/x"_s);
    QCOMPARE(body.value(u"missing"), QJsonArray{u"missing"_s});

    const HttpResponse badPath = call("POST", Entries + u"/batch"_s, R"({"paths": ["a", "b//c"]})");
    QCOMPARE(badPath.status, 400);
    QCOMPARE(badPath.json(), QJsonValue(QJsonObject{{u"error"_s, u"empty_segment"_s}, {u"index"_s, 1}}));
    QCOMPARE(call("POST", Entries + u"/batch"_s, R"({"keys": []})").json().toObject().value(u"field"), u"paths"_s);
    QCOMPARE(call("POST", Entries + u"/batch"_s, "[").status, 400);
    QJsonArray many;
    for (int i = 0; i < 1001; ++i)
        many.append(u"p%1"_s.arg(i));
    QCOMPARE(call("POST", Entries + u"/batch"_s,
                  QJsonDocument(QJsonObject{{u"paths"_s, many}}).toJson()).status, 400);
    // Reading a store that does not exist is not found.
    QCOMPARE(call("POST", u"/api/stores/acme/none/entries/batch"_s, R"({"paths": []})").status, 404);
}

void tst_ServerRest::batchWrite()
{
    QVERIFY(m_server->write(u"acme/site"_s, u"dev"_s, Dust::Op::Kind::Set, u"old"_s, 1));
    const QByteArray ops = R"({"ops": [
        {"op": "set", "path": "links/a", "value": {"title": "A"}},
        {"op": "set", "path_segments": ["links", "b/c"], "value": 2, "if_absent": true},
        {"op": "delete", "path": "old", "if_match": 1},
        {"op": "increment", "path": "count", "value": 5},
        {"op": "merge", "path": "links/a", "value": {"url": "u"}},
        {"op": "add", "path": "tags", "value": "x"}
    ]})";
    const HttpResponse response = call("POST", Entries + u"/batch_write"_s, ops);
    QCOMPARE(response.status, 200);
    const QJsonObject body = response.json().toObject();
    QCOMPARE(body.value(u"store_seq"), QJsonValue(7));
    const QJsonArray results = body.value(u"ops").toArray();
    QCOMPARE(results.size(), 6);
    QCOMPARE(results.at(0), QJsonValue(QJsonObject{{u"path"_s, u"links/a"_s}, {u"revision"_s, 2}, {u"store_seq"_s, 2}}));
    QCOMPARE(results.at(1).toObject().value(u"path"), u"links/b~1c"_s);
    QCOMPARE(results.at(5).toObject().value(u"store_seq"), QJsonValue(7));
    QCOMPARE(call("GET", Entries + u"/links/a"_s).json().toObject().value(u"value"),
             (QJsonObject{{u"title"_s, u"A"_s}, {u"url"_s, u"u"_s}}));
    QCOMPARE(call("GET", Entries + u"/old"_s).status, 404);
    QCOMPARE(call("GET", Entries + u"/count"_s).json().toObject().value(u"type"), u"counter"_s);
}

void tst_ServerRest::batchWriteErrors_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QJsonObject>("expected");   // "*" matches any value
    QTest::newRow("stale if_match") << QByteArray(R"({"ops": [{"op": "set", "path": "a", "value": 1},
                                                         {"op": "set", "path": "n", "value": 2, "if_match": 7}]})")
                                    << 412 << QJsonObject{{u"error"_s, u"conflict"_s}, {u"op_index"_s, 1},
                                                          {u"path"_s, u"n"_s}, {u"current_revision"_s, 1}};
    QTest::newRow("exists") << QByteArray(R"({"ops": [{"op": "set", "path": "n", "value": 2, "if_absent": true}]})")
                            << 412 << QJsonObject{{u"error"_s, u"exists"_s}, {u"op_index"_s, 0},
                                                  {u"path"_s, u"n"_s}, {u"current_revision"_s, 1}};
    QTest::newRow("increment a string") << QByteArray(R"({"ops": [{"op": "set", "path": "s", "value": "x"},
                                                            {"op": "increment", "path": "s", "value": 1}]})")
                                        << 400 << QJsonObject{{u"error"_s, u"increment_requires_number_target"_s},
                                                              {u"op_index"_s, 1}, {u"path"_s, u"s"_s}};
    QTest::newRow("unknown op") << QByteArray(R"({"ops": [{"op": "upsert", "path": "a", "value": 1}]})")
                                << 400 << QJsonObject{{u"error"_s, u"invalid op"_s}, {u"op_index"_s, 0}};
    QTest::newRow("lease op") << QByteArray(R"({"ops": [{"op": "set", "path": "a", "value": 1},
                                                  {"op": "lease", "path": "l"}]})")
                              << 400 << QJsonObject{{u"error"_s, u"invalid op"_s}, {u"op_index"_s, 1}};
    QTest::newRow("bad path") << QByteArray(R"({"ops": [{"op": "set", "path": "a//b", "value": 1}]})")
                              << 400 << QJsonObject{{u"error"_s, u"empty_segment"_s}, {u"op_index"_s, 0}};
    QTest::newRow("no path") << QByteArray(R"({"ops": [{"op": "set", "value": 1}]})")
                             << 400 << QJsonObject{{u"error"_s, u"missing_path"_s}, {u"op_index"_s, 0}};
    QTest::newRow("bad merge") << QByteArray(R"({"ops": [{"op": "merge", "path": "a", "value": 1}]})")
                               << 400 << QJsonObject{{u"error"_s, u"merge_requires_map_value"_s}, {u"op_index"_s, 0}};
    QTest::newRow("string if_match") << QByteArray(R"({"ops": [{"op": "set", "path": "a", "value": 1, "if_match": "1"}]})")
                                     << 400 << QJsonObject{{u"error"_s, u"invalid_params"_s}, {u"op_index"_s, 0},
                                                           {u"field"_s, u"if_match"_s}, {u"message"_s, u"*"_s}};
    QTest::newRow("both preconditions") << QByteArray(R"({"ops": [{"op": "set", "path": "a", "value": 1,
                                                              "if_match": 1, "if_absent": true}]})")
                                        << 400 << QJsonObject{{u"error"_s, u"invalid_precondition"_s}, {u"op_index"_s, 0}};
    QTest::newRow("if_absent on delete") << QByteArray(R"({"ops": [{"op": "delete", "path": "a", "if_absent": true}]})")
                                         << 400 << QJsonObject{{u"error"_s, u"if_absent_unsupported_op"_s},
                                                               {u"op_index"_s, 0}, {u"op"_s, u"delete"_s}};
    QTest::newRow("no ops") << QByteArray(R"({"ops": []})") << 400 << QJsonObject{{u"error"_s, u"nothing_to_write"_s}};
    QTest::newRow("ops not a list") << QByteArray(R"({"ops": {}})")
                                    << 400 << QJsonObject{{u"error"_s, u"invalid_params"_s}, {u"field"_s, u"ops"_s},
                                                          {u"message"_s, u"*"_s}};
    QTest::newRow("not json") << QByteArray("{") << 400 << QJsonObject{{u"error"_s, u"invalid_json"_s}};
}

void tst_ServerRest::batchWriteErrors()
{
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QJsonObject, expected);
    QVERIFY(m_server->write(u"acme/site"_s, u"dev"_s, Dust::Op::Kind::Set, u"n"_s, 1));
    const HttpResponse response = call("POST", Entries + u"/batch_write"_s, body);
    QCOMPARE(response.status, status);
    const QJsonObject actual = response.json().toObject();
    QCOMPARE(actual.keys(), expected.keys());
    for (auto it = expected.begin(); it != expected.end(); ++it) {
        if (it.value() != u"*"_s)
            QCOMPARE(actual.value(it.key()), it.value());
    }
    // All or nothing: not even the ops before the failing one were applied.
    QCOMPARE(m_server->storeSeq(u"acme/site"_s), 1);
    QCOMPARE(call("GET", Entries + u"/a"_s).status, 404);
    QCOMPARE(call("GET", Entries + u"/s"_s).status, 404);
}

void tst_ServerRest::bodyPathRoutes()
{
    const HttpResponse put = call("POST", Entries, R"({"path": ["a", "b/c"], "value": {"x": 1}})");
    QCOMPARE(put.status, 200);
    QCOMPARE(put.json().toObject().value(u"path"), u"a/b~1c"_s);
    QCOMPARE(call("GET", Entries + u"/a/b~1c/x"_s).json().toObject().value(u"value"), QJsonValue(1));
    QCOMPARE(call("PUT", Entries + u"/a/b~1c/x"_s, "2", {{"If-Match", "1"}}).status, 200);
    QCOMPARE(call("POST", Entries, R"({"path": "a/b~1c/x", "value": 3})", {{"If-Match", "1"}}).status, 412);
    QCOMPARE(call("DELETE", Entries, R"({"path": "a"})").json(), QJsonValue(QJsonObject{{u"store_seq"_s, 3}}));
    QCOMPARE(call("GET", Entries + u"/a/b~1c/x"_s).status, 404);
    QCOMPARE(call("POST", Entries, R"({"value": 1})").json(), QJsonValue(error("missing_path")));
    QCOMPARE(call("POST", Entries, R"([1])").json().toObject().value(u"field"), u"body"_s);
    QCOMPARE(call("POST", Entries, R"({"path": 5, "value": 1})").json(), QJsonValue(error("not_a_string")));
}

void tst_ServerRest::methodNotAllowed_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("allow");
    QTest::newRow("PATCH entry") << QByteArray("PATCH") << Entries + u"/a"_s << QByteArray("GET, HEAD, PUT, DELETE");
    QTest::newRow("POST entry") << QByteArray("POST") << Entries + u"/a/b"_s << QByteArray("GET, HEAD, PUT, DELETE");
    QTest::newRow("GET batch_write is an entry") << QByteArray("OPTIONS") << Entries + u"/batch"_s
                                                 << QByteArray("GET, HEAD, PUT, DELETE");
    QTest::newRow("PUT list") << QByteArray("PUT") << Entries << QByteArray("GET, HEAD, POST, DELETE");
    QTest::newRow("POST file") << QByteArray("POST") << u"/api/files/sha256:00"_s << QByteArray("GET, HEAD");
}

void tst_ServerRest::methodNotAllowed()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(QByteArray, allow);
    const HttpResponse response = call(method, path, "1");
    QCOMPARE(response.status, 405);
    QCOMPARE(response.header("Allow"), allow);
    QCOMPARE(response.json(), QJsonValue(error("method_not_allowed")));
}

void tst_ServerRest::files()
{
    const QByteArray content("hello");
    const QString hash = u"sha256:2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824"_s;
    const Dust::Result<qint64> stored = m_server->write(
        u"acme/site"_s, u"dev"_s, Dust::Op::Kind::PutFile, u"files/readme"_s,
        QJsonObject{{u"content"_s, QString::fromLatin1(content.toBase64())}, {u"filename"_s, u"read me\".txt"_s},
                    {u"content_type"_s, u"text/plain"_s}});
    QVERIFY(stored);
    const QJsonObject ref = call("GET", Entries + u"/files/readme"_s).json().toObject().value(u"value").toObject();
    QCOMPARE(ref.value(u"hash"), hash);
    QCOMPARE(call("GET", Entries + u"/files/readme"_s).json().toObject().value(u"type"), u"file"_s);

    const HttpResponse file = call("GET", u"/api/files/"_s + hash);
    QCOMPARE(file.status, 200);
    QCOMPARE(file.body, content);
    QCOMPARE(file.header("Content-Type"), QByteArray("text/plain"));
    QCOMPARE(file.header("Content-Disposition"), QByteArray("inline; filename=\"read me_.txt\""));
    QCOMPARE(file.header("ETag"), '"' + hash.toLatin1() + '"');
    // The SDK URI-encodes the hash; both spellings work.
    QCOMPARE(call("GET", u"/api/files/sha256%3A"_s + hash.mid(7)).body, content);
    const HttpResponse head = call("HEAD", u"/api/files/"_s + hash);
    QCOMPARE(head.status, 200);
    QVERIFY(head.body.isEmpty());
    QCOMPARE(head.header("Content-Length"), QByteArray("5"));

    QCOMPARE(call("GET", u"/api/files/"_s + hash, {}, {}, QString()).status, 401);
    const HttpResponse forbidden = call("GET", u"/api/files/"_s + hash, {}, {}, NoFiles);
    QCOMPARE(forbidden.status, 403);
    QCOMPARE(forbidden.json(), QJsonValue(error("forbidden")));
    QCOMPARE(call("GET", u"/api/files/"_s + hash, {}, {}, ReadOnly).status, 200);
    QCOMPARE(call("GET", u"/api/files/sha256:"_s + QString(64, u'0')).json(), QJsonValue(error("not_found")));
    QCOMPARE(call("GET", u"/api/files/md5:abc"_s).status, 404);

    // Only stores the token may read count.
    QVERIFY(m_server->write(u"acme/private"_s, u"dev"_s, Dust::Op::Kind::PutFile, u"secret"_s,
                            QJsonObject{{u"content"_s, QString::fromLatin1(QByteArray("secret").toBase64())}}));
    const QString secret = u"sha256:"_s
        + QString::fromLatin1(QCryptographicHash::hash("secret", QCryptographicHash::Sha256).toHex());
    QCOMPARE(call("GET", u"/api/files/"_s + secret).status, 200);
    QCOMPARE(call("GET", u"/api/files/"_s + secret, {}, {}, Selected).status, 404);
    QCOMPARE(call("GET", u"/api/files/"_s + hash, {}, {}, Selected).status, 200);

    // A file no entry references any more is not served.
    QCOMPARE(call("PUT", Entries + u"/files/readme"_s, "null").status, 200);
    QCOMPARE(call("GET", u"/api/files/"_s + hash).status, 404);

    // The uploader's content type never becomes a header of its own.
    QVERIFY(m_server->write(u"acme/site"_s, u"dev"_s, Dust::Op::Kind::PutFile, u"evil"_s,
                            QJsonObject{{u"content"_s, u"eA=="_s}, {u"content_type"_s, u"text/html\r\nX-Evil: 1"_s}}));
    const HttpResponse evil = call("GET", u"/api/files/sha256:"_s
                                   + QString::fromLatin1(QCryptographicHash::hash("x", QCryptographicHash::Sha256).toHex()));
    QCOMPARE(evil.status, 200);
    QCOMPARE(evil.header("Content-Type"), QByteArray("application/octet-stream"));
    QVERIFY(evil.header("X-Evil").isEmpty());
}

void tst_ServerRest::restWritesAreBroadcast()
{
    PhoenixTestClient client;
    PhoenixTestClient::Params params;
    params.token = Full;
    QVERIFY(client.open(m_server->webSocketUrl(), params));
    QVERIFY(client.join(u"store:acme/site"_s).value(u"status") == u"ok"_s);

    const HttpResponse put = call("PUT", Entries + u"/posts/a"_s, R"({"t":1})");
    QCOMPARE(put.status, 200);
    QVERIFY(client.waitForEvents(u"store:acme/site"_s, 1));
    const QJsonObject event = client.events(u"store:acme/site"_s).first();
    QCOMPARE(event.value(u"store_seq"), put.json().toObject().value(u"store_seq"));
    QCOMPARE(event.value(u"op"), u"set"_s);
    QCOMPARE(event.value(u"value"), (QJsonObject{{u"t"_s, 1}}));
    QCOMPARE(event.value(u"device_id"), u"http"_s);
    QVERIFY(!event.value(u"client_op_id").toString().isEmpty());

    QCOMPARE(call("DELETE", Entries + u"/posts/a"_s).status, 200);
    QCOMPARE(call("POST", Entries + u"/batch_write"_s,
                  R"({"ops": [{"op": "set", "path": "x", "value": 1}, {"op": "increment", "path": "n", "value": 2}]})").status,
             200);
    QVERIFY(client.waitForEvents(u"store:acme/site"_s, 4));
    const QList<QJsonObject> events = client.events(u"store:acme/site"_s);
    QCOMPARE(events.at(1).value(u"op"), u"delete"_s);
    QCOMPARE(events.at(2).value(u"path"), u"x"_s);
    QCOMPARE(events.at(3).value(u"value"), QJsonValue(2));
    QCOMPARE(events.at(3).value(u"store_seq"), QJsonValue(4));
    // A rejected REST write broadcasts nothing.
    QCOMPARE(call("PUT", Entries + u"/x"_s, "2", {{"If-Match", "99"}}).status, 412);
    QCOMPARE(call("PUT", Entries + u"/y"_s, "2").status, 200);
    QVERIFY(client.waitForEvents(u"store:acme/site"_s, 5));
    QCOMPARE(client.events(u"store:acme/site"_s).last().value(u"store_seq"), QJsonValue(5));
}

void tst_ServerRest::missingStores()
{
    const QString fresh = u"/api/stores/acme/fresh/entries"_s;
    QCOMPARE(call("GET", fresh).status, 404);
    QCOMPARE(call("GET", fresh + u"/a"_s).status, 404);
    QVERIFY(!m_server->stores().contains(u"acme/fresh"_s));
    // A write creates the store (auto-create is on).
    QCOMPARE(call("PUT", fresh + u"/a"_s, "1").status, 200);
    QVERIFY(m_server->stores().contains(u"acme/fresh"_s));
    QCOMPARE(call("GET", fresh).json().toObject().value(u"items").toArray().size(), 1);
    // A store name the server can never have.
    QCOMPARE(call("PUT", u"/api/stores/acme/bad%20name/entries/a"_s, "1").status, 404);
}

QTEST_GUILESS_MAIN(tst_ServerRest)
#include "tst_serverrest.moc"
