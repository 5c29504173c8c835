// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#include "rawhttpserver.h"
#include "../shared/testwait.h"

#include <dusthttptransport.h>
#include <dustthreading_p.h>

#include <QtCore/qjsonarray.h>
#include <QtCore/qjsondocument.h>
#include <QtCore/qjsonobject.h>
#include <QtCore/qthread.h>
#include <QtNetwork/qtcpserver.h>
#include <QtNetwork/qtcpsocket.h>
#include <QtTest/qtest.h>

#include <memory>
#include <thread>

using namespace Qt::StringLiterals;
using namespace Dust;

using Raw = RawHttpServer;

namespace {

Path path(const QStringList &segments)
{
    return *Path::fromSegments(segments);
}

QJsonObject jsonObject(const QByteArray &body)
{
    return QJsonDocument::fromJson(body).object();
}

} // namespace

class tst_HttpTransport : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void segmentEncoding_data();
    void segmentEncoding();
    void baseUrlWithPath();
    void headers();
    void noIfMatchWithoutOption();
    void putBodies_data();
    void putBodies();
    void listQuery();
    void listDecoding();
    void getEntry();
    void getNotFound();
    void exists();
    void existsFallbackOn405();
    void statusMapping_data();
    void statusMapping();
    void otherSuccessStatuses();
    void conflictCarriesCurrentRevision();
    void batchWrite();
    void batchConflictDetail();
    void batchRejectsUnknownOps();
    void receiveTimeout();
    void connectTimeout();
    void noAutomaticRetry();
    void connectionRefused();
    void configurationErrors();
    void subscribeNotSupported();
    void callsFromAnotherThread();
    void destroyedWithRequestInFlight();

private:
    std::unique_ptr<Raw> m_server;
    std::unique_ptr<HttpTransport> m_http;
};

void tst_HttpTransport::init()
{
    m_server = std::make_unique<Raw>();
    m_http = std::make_unique<HttpTransport>(QUrl(QString::fromLatin1(m_server->baseUrl())), u"tok_secret"_s,
                                             u"acme/links"_s);
    m_http->setReceiveTimeout(5000);
    m_http->setConnectTimeout(5000);
}

void tst_HttpTransport::cleanup()
{
    m_http.reset();
    m_server.reset();
}

void tst_HttpTransport::segmentEncoding_data()
{
    QTest::addColumn<QStringList>("segments");
    QTest::addColumn<QByteArray>("encoded");

    QTest::newRow("plain") << QStringList{u"links"_s, u"foo"_s} << QByteArray("/links/foo");
    QTest::newRow("space is %20, never +") << QStringList{u"links"_s, u"a b"_s} << QByteArray("/links/a%20b");
    QTest::newRow("plus is %2B") << QStringList{u"links"_s, u"c+d"_s} << QByteArray("/links/c%2Bd");
    QTest::newRow("slash travels as ~1") << QStringList{u"links"_s, u"a/b"_s} << QByteArray("/links/a~1b");
    QTest::newRow("tilde travels as ~0") << QStringList{u"links"_s, u"t~z"_s} << QByteArray("/links/t~0z");
    QTest::newRow("dots stay") << QStringList{u"links"_s, u"example.com"_s} << QByteArray("/links/example.com");
    QTest::newRow("non-ASCII is UTF-8") << QStringList{u"links"_s, u"üñï €"_s}
                                        << QByteArray("/links/%C3%BC%C3%B1%C3%AF%20%E2%82%AC");
    QTest::newRow("sub-delims stay") << QStringList{u"x"_s, u"!$&'()*,;=:@"_s} << QByteArray("/x/!$&'()*,;=:@");
    QTest::newRow("percent, hash, question") << QStringList{u"x"_s, u"50%#?"_s} << QByteArray("/x/50%25%23%3F");
}

void tst_HttpTransport::segmentEncoding()
{
    QFETCH(QStringList, segments);
    QFETCH(QByteArray, encoded);
    m_server->setHandler([](const Raw::Request &) { return Raw::json(200, R"({"store_seq": 1})"); });
    DUST_AWAIT(seq, m_http->put(path(segments), u"v"_s));
    QVERIFY2(seq.hasValue(), qPrintable(seq.error().toString()));
    QCOMPARE(m_server->requests().size(), 1);
    const QByteArray target = m_server->requests().first().target;
    QCOMPARE(target, "/api/stores/acme/links/entries" + encoded);
    QVERIFY(!target.contains("%2F"));
    QVERIFY(!target.contains('+'));
}

void tst_HttpTransport::baseUrlWithPath()
{
    m_http->setBaseUrl(QUrl(QString::fromLatin1(m_server->baseUrl() + "/dust/")));
    m_http->setStoreName(u"my org/the+store"_s);
    DUST_AWAIT(seq, m_http->remove(path({u"a"_s})));
    QVERIFY(seq.hasValue());
    QCOMPARE(m_server->requests().first().target, QByteArray("/dust/api/stores/my%20org/the%2Bstore/entries/a"));
    QCOMPARE(m_server->requests().first().method, QByteArray("DELETE"));
}

void tst_HttpTransport::headers()
{
    m_server->setHandler([](const Raw::Request &) { return Raw::json(200, R"({"store_seq": 3})"); });
    DUST_AWAIT(put, m_http->put(path({u"links"_s, u"foo"_s}), QJsonObject{{u"a"_s, 1}}, 7));
    QCOMPARE(*put, 3);
    DUST_AWAIT(absent, m_http->putIfAbsent(path({u"links"_s, u"bar"_s}), 1));
    QVERIFY(absent.hasValue());
    DUST_AWAIT(removed, m_http->remove(path({u"links"_s, u"foo"_s}), 9));
    QVERIFY(removed.hasValue());

    const QList<Raw::Request> &requests = m_server->requests();
    QCOMPARE(requests.size(), 3);
    for (const Raw::Request &r : requests)
        QCOMPARE(r.headers.value("authorization"), QByteArray("Bearer tok_secret"));
    QCOMPARE(requests.at(0).method, QByteArray("PUT"));
    QCOMPARE(requests.at(0).headers.value("if-match"), QByteArray("7"));
    QCOMPARE(requests.at(0).headers.value("content-type"), QByteArray("application/json"));
    QVERIFY(!requests.at(0).headers.contains("if-none-match"));
    QCOMPARE(requests.at(1).headers.value("if-none-match"), QByteArray("*"));
    QVERIFY(!requests.at(1).headers.contains("if-match"));
    QCOMPARE(requests.at(2).method, QByteArray("DELETE"));
    QCOMPARE(requests.at(2).headers.value("if-match"), QByteArray("9"));
    QVERIFY(requests.at(2).body.isEmpty());
}

void tst_HttpTransport::noIfMatchWithoutOption()
{
    DUST_AWAIT(put, m_http->put(path({u"a"_s}), 1));
    DUST_AWAIT(removed, m_http->remove(path({u"a"_s})));
    QVERIFY(put.hasValue() && removed.hasValue());
    for (const Raw::Request &r : m_server->requests()) {
        QVERIFY(!r.headers.contains("if-match"));
        QVERIFY(!r.headers.contains("if-none-match"));
    }
}

void tst_HttpTransport::putBodies_data()
{
    QTest::addColumn<QJsonValue>("value");
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("string") << QJsonValue(u"hello"_s) << QByteArray(R"("hello")");
    QTest::newRow("null") << QJsonValue(QJsonValue::Null) << QByteArray("null");
    QTest::newRow("number") << QJsonValue(2.5) << QByteArray("2.5");
    QTest::newRow("bool") << QJsonValue(true) << QByteArray("true");
    QTest::newRow("object") << QJsonValue(QJsonObject{{u"a"_s, QJsonObject{{u"b"_s, 1}}}})
                            << QByteArray(R"({"a":{"b":1}})");
    QTest::newRow("array") << QJsonValue(QJsonArray{1, u"x"_s}) << QByteArray(R"([1,"x"])");
}

void tst_HttpTransport::putBodies()
{
    QFETCH(QJsonValue, value);
    QFETCH(QByteArray, body);
    DUST_AWAIT(seq, m_http->put(path({u"k"_s}), value));
    QVERIFY(seq.hasValue());
    QCOMPARE(m_server->requests().first().body, body);
}

void tst_HttpTransport::listQuery()
{
    m_server->setHandler([](const Raw::Request &) { return Raw::json(200, R"({"items": [], "next_cursor": null})"); });
    PageRequest request;
    DUST_AWAIT(first, m_http->list(u"links/**"_s, request));
    QVERIFY(first.hasValue());
    request.limit = 200;
    request.after = u"links/a b+c&d=e#f"_s;
    request.order = PageRequest::Order::Descending;
    request.select = PageRequest::Select::Keys;
    DUST_AWAIT(second, m_http->list(u"links/**"_s, request));
    QVERIFY(second.hasValue());
    QCOMPARE(m_server->requests().at(0).target,
             QByteArray("/api/stores/acme/links/entries?pattern=links/**&limit=50&select=entries"));
    QCOMPARE(m_server->requests().at(1).target,
             QByteArray("/api/stores/acme/links/entries?pattern=links/**&limit=200&select=keys&order=desc"
                        "&after=links/a%20b%2Bc%26d%3De%23f"));
}

void tst_HttpTransport::listDecoding()
{
    m_server->setHandler([](const Raw::Request &) {
        return Raw::json(200, R"({"items": [
            {"path": "links/foo/title", "value": "Foo", "type": "string", "revision": 4},
            {"path": "links/a~1b/n", "value": 3, "type": "counter", "revision": 9},
            "links/foo/url"], "next_cursor": "links/foo/url"})");
    });
    DUST_AWAIT(page, m_http->list(u"links/**"_s));
    QVERIFY2(page.hasValue(), qPrintable(page.error().toString()));
    QCOMPARE(page->entries.size(), 2);
    QCOMPARE(page->entries.at(0).path, path({u"links"_s, u"foo"_s, u"title"_s}));
    QCOMPARE(page->entries.at(0).value, QJsonValue(u"Foo"_s));
    QCOMPARE(page->entries.at(0).type, Entry::Type::String);
    QCOMPARE(page->entries.at(0).revision, 4);
    QCOMPARE(page->entries.at(1).path, path({u"links"_s, u"a/b"_s, u"n"_s}));
    QCOMPARE(page->entries.at(1).type, Entry::Type::Counter);
    QCOMPARE(page->keys, QStringList{u"links/foo/url"_s});
    QCOMPARE(page->nextCursor, u"links/foo/url"_s);

    m_server->setHandler([](const Raw::Request &) { return Raw::json(200, R"({"items": [42]})"); });
    DUST_AWAIT(bad, m_http->list(u"links/**"_s));
    QCOMPARE(bad.error().kind(), Error::Kind::Protocol);
}

void tst_HttpTransport::getEntry()
{
    m_server->setHandler([](const Raw::Request &) {
        return Raw::json(200, R"({"path": "links/foo", "value": {"title": "Foo", "meta": {"a": 1}},
                                  "type": "map", "revision": 12})",
                         {{"ETag", "12"}});
    });
    DUST_AWAIT(entry, m_http->get(path({u"links"_s, u"foo"_s})));
    QVERIFY2(entry.hasValue(), qPrintable(entry.error().toString()));
    QCOMPARE(entry->type, Entry::Type::Map);
    QCOMPARE(entry->revision, 12);
    QCOMPARE(entry->value.toObject().value(u"meta").toObject().value(u"a").toInt(), 1);
    QCOMPARE(m_server->requests().first().method, QByteArray("GET"));
}

void tst_HttpTransport::getNotFound()
{
    m_server->setHandler([](const Raw::Request &) { return Raw::json(404, R"({"error": "not_found"})"); });
    DUST_AWAIT(missing, m_http->get(path({u"links"_s, u"nope"_s})));
    QCOMPARE(missing.error().kind(), Error::Kind::NotFound);
    QCOMPARE(missing.error().code(), u"not_found"_s);

    // A 404 that is not the server's JSON is a route the server lacks.
    m_server->setHandler([](const Raw::Request &) { return Raw::text(404, "Not Found"); });
    DUST_AWAIT(route, m_http->get(path({u"links"_s, u"nope"_s})));
    QCOMPARE(route.error().kind(), Error::Kind::NotImplemented);
    QCOMPARE(route.error().detail().value(u"status").toInt(), 404);
    QVERIFY(route.error().detail().contains(u"hint"_s));
}

void tst_HttpTransport::exists()
{
    m_server->setHandler([](const Raw::Request &r) {
        return r.target.endsWith("/yes") ? Raw::json(200, {}) : Raw::json(404, {});
    });
    DUST_AWAIT(yes, m_http->exists(path({u"links"_s, u"yes"_s})));
    QCOMPARE(yes.valueOr(false), true);
    DUST_AWAIT(no, m_http->exists(path({u"links"_s, u"no"_s})));
    QVERIFY(no.hasValue());
    QCOMPARE(*no, false);
    QCOMPARE(m_server->requests().at(0).method, QByteArray("HEAD"));
    QCOMPARE(m_server->requests().size(), 2);
}

void tst_HttpTransport::existsFallbackOn405()
{
    m_server->setHandler([](const Raw::Request &r) {
        if (r.method == "HEAD")
            return Raw::text(405, {});
        return r.target.contains("pattern=links/yes/**") ? Raw::json(200, R"({"items": ["links/yes/title"]})")
                                                         : Raw::json(200, R"({"items": []})");
    });
    DUST_AWAIT(yes, m_http->exists(path({u"links"_s, u"yes"_s})));
    QCOMPARE(yes.valueOr(false), true);
    QCOMPARE(m_server->requests().size(), 2);
    QCOMPARE(m_server->requests().at(1).target,
             QByteArray("/api/stores/acme/links/entries?pattern=links/yes/**&limit=1&select=keys"));
    DUST_AWAIT(no, m_http->exists(path({u"links"_s, u"no"_s})));
    QCOMPARE(no.valueOr(true), false);
    QCOMPARE(m_server->requests().size(), 4);
}

void tst_HttpTransport::statusMapping_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("isJson");
    QTest::addColumn<Error::Kind>("kind");
    QTest::addColumn<QString>("code");
    QTest::addColumn<bool>("retryable");

    using K = Error::Kind;
    QTest::newRow("401") << 401 << QByteArray(R"({"error": "unauthorized"})") << true << K::Unauthorized
                         << u"unauthorized"_s << false;
    QTest::newRow("403") << 403 << QByteArray() << false << K::Unauthorized << u"forbidden"_s << false;
    QTest::newRow("403 missing_scope") << 403 << QByteArray(R"({"error": "missing_scope"})") << true
                                       << K::Unauthorized << u"missing_scope"_s << false;
    QTest::newRow("404 route") << 404 << QByteArray("no route") << false << K::NotImplemented
                               << u"not_implemented"_s << false;
    QTest::newRow("404 missing store") << 404 << QByteArray(R"({"error": "not_found"})") << true << K::NotFound
                                       << u"not_found"_s << false;
    QTest::newRow("400") << 400 << QByteArray(R"({"error": "empty_segment"})") << true << K::InvalidParams
                         << u"empty_segment"_s << false;
    QTest::newRow("405") << 405 << QByteArray() << false << K::InvalidParams << u"invalid_params"_s << false;
    QTest::newRow("409") << 409 << QByteArray("{}") << true << K::InvalidParams << u"invalid_params"_s << false;
    QTest::newRow("429") << 429 << QByteArray(R"({"error": "rate_limited"})") << true << K::RateLimited
                         << u"rate_limited"_s << true;
    QTest::newRow("500") << 500 << QByteArray("boom") << false << K::Http << u"http"_s << true;
    QTest::newRow("503") << 503 << QByteArray() << false << K::Http << u"http"_s << true;
    QTest::newRow("302") << 302 << QByteArray() << false << K::Http << u"unexpected_status"_s << false;
}

void tst_HttpTransport::statusMapping()
{
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(bool, isJson);
    QFETCH(Error::Kind, kind);
    QFETCH(QString, code);
    QFETCH(bool, retryable);
    m_server->setHandler([&](const Raw::Request &) {
        Raw::Response r = isJson ? Raw::json(status, body) : Raw::text(status, body);
        if (status == 429)
            r.headers.append(std::pair<QByteArray, QByteArray>("Retry-After", "30"));
        if (status == 302)
            r.headers.append(std::pair<QByteArray, QByteArray>("Location", "/elsewhere"));
        return r;
    });
    DUST_AWAIT(seq, m_http->put(path({u"links"_s, u"foo"_s}), 1));
    QVERIFY(!seq.hasValue());
    const Error e = seq.error();
    QCOMPARE(e.kind(), kind);
    QCOMPARE(e.code(), code);
    QCOMPARE(e.isRetryable(), retryable);
    QVERIFY(!e.message().isEmpty());
    if (status == 429) {
        QCOMPARE(e.detail().value(u"retry_after").toString(), u"30"_s);
    } else {
        QCOMPARE(e.detail().value(u"status").toInt(), status);
        if (!isJson && !body.isEmpty())
            QCOMPARE(e.detail().value(u"body").toString(), QString::fromLatin1(body));
    }
    // Exactly one request: nothing is retried.
    QCOMPARE(m_server->requests().size(), 1);
}

void tst_HttpTransport::otherSuccessStatuses()
{
    m_server->setHandler([](const Raw::Request &r) {
        if (r.method == "PUT")
            return Raw::json(201, R"({"store_seq": 21})");
        if (r.method == "DELETE")
            return Raw::text(204, {});
        return Raw::text(204, {});
    });
    DUST_AWAIT(created, m_http->put(path({u"a"_s}), 1));
    QCOMPARE(created.valueOr(-1), 21);
    DUST_AWAIT(noContent, m_http->remove(path({u"a"_s})));
    QCOMPARE(noContent.valueOr(-1), 0);
    // A read needs a body: 204 there is a protocol error, not a crash.
    DUST_AWAIT(get, m_http->get(path({u"a"_s})));
    QCOMPARE(get.error().kind(), Error::Kind::Protocol);
    QCOMPARE(get.error().code(), u"unexpected_reply"_s);
}

void tst_HttpTransport::conflictCarriesCurrentRevision()
{
    m_server->setHandler([](const Raw::Request &) {
        return Raw::json(412, R"({"error": "conflict", "current_revision": 99})");
    });
    DUST_AWAIT(put, m_http->put(path({u"map_links"_s, u"foo"_s}), QJsonObject{{u"a"_s, 1}}, 7));
    QCOMPARE(put.error().kind(), Error::Kind::Conflict);
    QCOMPARE(put.error().detail().value(u"current_revision").toInteger(), 99);
    QVERIFY(!put.error().isRetryable());
    DUST_AWAIT(removed, m_http->remove(path({u"map_links"_s, u"foo"_s}), 7));
    QCOMPARE(removed.error().kind(), Error::Kind::Conflict);
    QCOMPARE(removed.error().detail().value(u"current_revision").toInteger(), 99);
}

void tst_HttpTransport::batchWrite()
{
    m_server->setHandler([](const Raw::Request &) {
        return Raw::json(200, R"({"store_seq": 8, "ops": [
            {"path": "map_links/foo", "revision": 7, "store_seq": 7},
            {"path": "map_links/bar", "revision": 8, "store_seq": 8}]})");
    });
    DUST_AWAIT(result, m_http->batchWrite({BatchOp::set(path({u"map_links"_s, u"foo"_s}),
                                                        QJsonObject{{u"title"_s, u"Foo"_s}}, 5),
                                           BatchOp::remove(path({u"map_links"_s, u"bar"_s}))}));
    QVERIFY2(result.hasValue(), qPrintable(result.error().toString()));
    QCOMPARE(result->storeSeq, 8);
    QCOMPARE(result->ops.size(), 2);
    const Raw::Request &r = m_server->requests().first();
    QCOMPARE(r.method, QByteArray("POST"));
    QCOMPARE(r.target, QByteArray("/api/stores/acme/links/entries/batch_write"));
    const QJsonArray ops = jsonObject(r.body).value(u"ops").toArray();
    QCOMPARE(ops.size(), 2);
    QCOMPARE(ops.at(0).toObject(), (QJsonObject{{u"op"_s, u"set"_s}, {u"path"_s, u"map_links/foo"_s},
                                                {u"value"_s, QJsonObject{{u"title"_s, u"Foo"_s}}},
                                                {u"if_match"_s, 5}}));
    QCOMPARE(ops.at(1).toObject(), (QJsonObject{{u"op"_s, u"delete"_s}, {u"path"_s, u"map_links/bar"_s}}));
}

void tst_HttpTransport::batchConflictDetail()
{
    m_server->setHandler([](const Raw::Request &) {
        return Raw::json(412, R"({"error": "conflict", "op_index": 1, "path": "a/b", "current_revision": 4})");
    });
    DUST_AWAIT(result, m_http->batchWrite({BatchOp::remove(path({u"a"_s})), BatchOp::remove(path({u"a"_s, u"b"_s}), 3)}));
    QCOMPARE(result.error().kind(), Error::Kind::Conflict);
    QCOMPARE(result.error().detail().value(u"op_index").toInt(), 1);
    QCOMPARE(result.error().detail().value(u"path").toString(), u"a/b"_s);
    QCOMPARE(result.error().detail().value(u"current_revision").toInt(), 4);
}

void tst_HttpTransport::batchRejectsUnknownOps()
{
    BatchOp increment = BatchOp::set(path({u"a"_s}), 1);
    increment.op = Op::Kind::Increment;
    DUST_AWAIT(result, m_http->batchWrite({BatchOp::remove(path({u"b"_s})), increment}));
    QCOMPARE(result.error().kind(), Error::Kind::InvalidParams);
    QCOMPARE(result.error().code(), u"unrecognized_batch_op"_s);
    QCOMPARE(result.error().detail().value(u"op_index").toInt(), 1);
    QVERIFY(m_server->requests().isEmpty());
}

void tst_HttpTransport::receiveTimeout()
{
    m_server->setHandler([](const Raw::Request &) { return Raw::Response{Raw::Action::Hang, 0, {}, {}}; });
    m_http->setReceiveTimeout(200);
    DUST_AWAIT(read, m_http->get(path({u"a"_s})));
    QCOMPARE(read.error().kind(), Error::Kind::Timeout);
    QCOMPARE(read.error().detail().value(u"phase").toString(), u"receive"_s);
    QCOMPARE(read.error().detail().value(u"timeout_ms").toInt(), 200);
    QVERIFY(read.error().isRetryable());
    // A write whose answer never came may have been applied: not retryable.
    DUST_AWAIT(write, m_http->put(path({u"a"_s}), 1));
    QCOMPARE(write.error().kind(), Error::Kind::Timeout);
    QVERIFY(!write.error().isRetryable());
    QCOMPARE(m_server->requests().size(), 2);
}

void tst_HttpTransport::connectTimeout()
{
    // A listening socket whose accept queue is full drops new SYNs, so a
    // connection attempt hangs without ever being accepted.
    QTcpServer full;
    full.setListenBacklogSize(0);
    QVERIFY(full.listen(QHostAddress::LocalHost, 0));
    full.pauseAccepting();
    std::vector<std::unique_ptr<QTcpSocket>> fillers;
    for (int i = 0; i < 4; ++i) {
        auto s = std::make_unique<QTcpSocket>();
        s->connectToHost(QHostAddress::LocalHost, full.serverPort());
        s->waitForConnected(200);
        fillers.push_back(std::move(s));
    }
    m_http->setBaseUrl(QUrl(u"http://127.0.0.1:%1"_s.arg(full.serverPort())));
    m_http->setConnectTimeout(300);
    m_http->setReceiveTimeout(60000);
    DUST_AWAIT(write, m_http->put(path({u"a"_s}), 1));
    QCOMPARE(write.error().kind(), Error::Kind::Timeout);
    QCOMPARE(write.error().detail().value(u"phase").toString(), u"connect"_s);
    // Nothing reached the server: safe to retry, even a write.
    QVERIFY(write.error().isRetryable());
}

void tst_HttpTransport::noAutomaticRetry()
{
    m_server->setHandler([](const Raw::Request &) { return Raw::Response{Raw::Action::Close, 0, {}, {}}; });
    // The server drops the connection before answering. QNetworkAccessManager
    // would quietly send the request again; a write must go out only once,
    // and since it may have been applied, it is not marked retryable.
    DUST_AWAIT(write, m_http->put(path({u"a"_s}), 1));
    QCOMPARE(write.error().kind(), Error::Kind::Network);
    QVERIFY(!write.error().isRetryable());
    QCOMPARE(m_server->requests().size(), 1);
    DUST_AWAIT(batch, m_http->batchWrite({BatchOp::remove(path({u"a"_s}))}));
    QCOMPARE(batch.error().kind(), Error::Kind::Network);
    QCOMPARE(m_server->requests().size(), 2);
    DUST_AWAIT(removed, m_http->remove(path({u"a"_s})));
    QCOMPARE(removed.error().kind(), Error::Kind::Network);
    QCOMPARE(m_server->requests().size(), 3);
}

void tst_HttpTransport::connectionRefused()
{
    quint16 port = 0;
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        port = probe.serverPort();
    }
    m_http->setBaseUrl(QUrl(u"http://127.0.0.1:%1"_s.arg(port)));
    DUST_AWAIT(read, m_http->get(path({u"a"_s})));
    QCOMPARE(read.error().kind(), Error::Kind::Network);
    QCOMPARE(read.error().code(), u"network"_s);
    QCOMPARE(read.error().detail().value(u"error").toString(), u"ConnectionRefusedError"_s);
    QVERIFY(read.error().isRetryable());
}

void tst_HttpTransport::configurationErrors()
{
    m_http->setToken({});
    DUST_AWAIT(noToken, m_http->get(path({u"a"_s})));
    QCOMPARE(noToken.error().code(), u"missing_token"_s);
    QCOMPARE(noToken.error().kind(), Error::Kind::InvalidParams);
    m_http->setToken(u"t"_s);
    for (const QString &bad : {u"acme"_s, u"/links"_s, u"acme/"_s, u"a/b/c"_s, QString()}) {
        m_http->setStoreName(bad);
        DUST_AWAIT(badStore, m_http->put(path({u"a"_s}), 1));
        QCOMPARE(badStore.error().code(), u"invalid_store_name"_s);
    }
    m_http->setStoreName(u"acme/links"_s);
    DUST_AWAIT(emptyPath, m_http->get(Path()));
    QCOMPARE(emptyPath.error().kind(), Error::Kind::InvalidPath);
    QVERIFY(m_server->requests().isEmpty());
}

void tst_HttpTransport::subscribeNotSupported()
{
    const Result<quint64> sub = m_http->subscribe(u"links/**"_s);
    QCOMPARE(sub.error().kind(), Error::Kind::NotSupported);
}

void tst_HttpTransport::callsFromAnotherThread()
{
    m_server->setHandler([](const Raw::Request &) { return Raw::json(200, R"({"store_seq": 5})"); });
    QFuture<Result<qint64>> future;
    std::thread thread([&] { future = m_http->put(path({u"from"_s, u"thread"_s}), 1); });
    thread.join();
    DUST_AWAIT(seq, future);
    QCOMPARE(seq.valueOr(-1), 5);
}

void tst_HttpTransport::destroyedWithRequestInFlight()
{
    m_server->setHandler([](const Raw::Request &) { return Raw::Response{Raw::Action::Hang, 0, {}, {}}; });
    QFuture<Result<qint64>> write = m_http->put(path({u"a"_s}), 1);
    QTRY_COMPARE(m_server->requests().size(), 1);
    m_http.reset();
    QVERIFY(waitFinished(write));
    QCOMPARE(write.result().error().kind(), Error::Kind::Cancelled);
}

QTEST_GUILESS_MAIN(tst_HttpTransport)
#include "tst_httptransport.moc"
