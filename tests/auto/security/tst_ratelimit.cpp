// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

// The per-token write limit (protocol §3.5 `rate_limited`): over the
// WebSocket (raw frames and Dust::Client), over REST (429 + Retry-After,
// and HttpTransport's RateLimited error), per token, windowed, reads never
// limited, the refused write changes nothing, and dust-devserver's flags.

#include "clienttestutils.h"
#include "../shared/testwait.h"
#include "phoenixtestclient.h"
#include "securitytestutils.h"
#include "servertestutil.h"

#include <dusthttptransport.h>
#include <dustserver.h>

#include <QtCore/qprocess.h>
#include <QtTest/qtest.h>

using namespace Qt::StringLiterals;
using namespace Dust;
using namespace DustTest;

namespace {

const QString StoreName = u"acme/limits"_s;
const QString Topic = u"store:acme/limits"_s;
const QString TokenA = u"dust_tok_limit_a_0123456789"_s;
const QString TokenB = u"dust_tok_limit_b_0123456789"_s;
constexpr int Limit = 3;

QJsonObject response(const QJsonObject &reply)
{
    return reply.value(u"response").toObject();
}

ServerOptions limitedOptions(int windowMs)
{
    ServerOptions options = memoryServerOptions();
    options.stores = {StoreName};
    options.tokens = {TokenGrant{TokenA, TokenGrant::allScopes(), true, {}, {}},
                      TokenGrant{TokenB, TokenGrant::allScopes(), true, {}, {}}};
    options.rateLimit = Limit;
    options.rateLimitWindowMs = windowMs;
    return options;
}

QJsonObject setOp(const QString &path, int value)
{
    return {{u"op"_s, u"set"_s}, {u"path"_s, path}, {u"value"_s, value}};
}

// Opens `client` on `server` as `device` with `token` and joins Topic.
bool openAndJoin(PhoenixTestClient &client, const QUrl &server, const QString &token, const QString &device)
{
    return client.open(server, {token, device}) && client.join(Topic).value(u"status") == u"ok"_s;
}

// Writes the keys k<first>..k<last> and returns how many the server accepted.
int acceptedWrites(PhoenixTestClient &client, int first, int last)
{
    int accepted = 0;
    for (int i = first; i <= last; ++i)
        accepted += client.write(Topic, setOp(u"k%1"_s.arg(i), i)).value(u"status") == u"ok"_s;
    return accepted;
}

} // namespace

class tst_RateLimit : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void webSocket();
    void windowEnds();
    void resendOfAppliedWrite();
    void resendOfQueuedWrite();
    void rest();
    void clientWrite();
    void httpTransport();
    void offByDefault();
    void devServerFlags();
};

void tst_RateLimit::webSocket()
{
    Server server(limitedOptions(600000));
    QVERIFY(server.start());
    PhoenixTestClient a;
    QVERIFY(openAndJoin(a, server.webSocketUrl(), TokenA, u"dev_a"_s));

    QCOMPARE(acceptedWrites(a, 1, Limit), Limit);
    const qint64 head = server.storeSeq(StoreName);
    QCOMPARE(head, Limit);

    const QJsonObject refused = a.write(Topic, setOp(u"over"_s, 1));
    QCOMPARE(refused.value(u"status"), u"error"_s);
    QCOMPARE(response(refused).value(u"reason"), u"rate_limited"_s);
    const qint64 retry = response(refused).value(u"retry_after_ms").toInteger();
    QVERIFY2(retry > 0 && retry <= 600000, qPrintable(QString::number(retry)));
    // put_file counts too, and a refused write changes nothing.
    const QJsonObject file = a.request(Topic, u"put_file"_s,
                                       {{u"path"_s, u"f"_s}, {u"content"_s, u"eA=="_s},
                                        {u"client_op_id"_s, PhoenixTestClient::newOpId()}});
    QCOMPARE(response(file).value(u"reason"), u"rate_limited"_s);
    QCOMPARE(server.storeSeq(StoreName), head);

    // The connection stays usable: heartbeats, status, reads through catch-up.
    QCOMPARE(a.request(u"phoenix"_s, u"heartbeat"_s).value(u"status"), u"ok"_s);
    QCOMPARE(a.request(Topic, u"status"_s).value(u"status"), u"ok"_s);

    // The limit is per token: another token writes on.
    PhoenixTestClient b;
    QVERIFY(openAndJoin(b, server.webSocketUrl(), TokenB, u"dev_b"_s));
    QCOMPARE(b.write(Topic, setOp(u"b"_s, 1)).value(u"status"), u"ok"_s);
    // Even on a second socket, token A stays limited.
    PhoenixTestClient a2;
    QVERIFY(openAndJoin(a2, server.webSocketUrl(), TokenA, u"dev_a2"_s));
    QCOMPARE(response(a2.write(Topic, setOp(u"a2"_s, 1))).value(u"reason"), u"rate_limited"_s);
    QCOMPARE(server.storeSeq(StoreName), head + 1);
}

void tst_RateLimit::windowEnds()
{
    Server server(limitedOptions(1000));
    QVERIFY(server.start());
    PhoenixTestClient a;
    QVERIFY(openAndJoin(a, server.webSocketUrl(), TokenA, u"dev_a"_s));
    int accepted = 0;
    QJsonObject refused;
    while (refused.isEmpty() && accepted < 1000) {
        const QJsonObject reply = a.write(Topic, setOp(u"k"_s, accepted));
        if (reply.value(u"status") == u"ok"_s)
            ++accepted;
        else
            refused = response(reply);
    }
    QCOMPARE(refused.value(u"reason"), u"rate_limited"_s);
    QVERIFY(accepted >= Limit);
    // Once retry_after_ms has passed, writes go through again.
    QTRY_COMPARE_WITH_TIMEOUT(a.write(Topic, setOp(u"later"_s, 1)).value(u"status"), u"ok"_s, 5000);
}

void tst_RateLimit::resendOfAppliedWrite()
{
    // A client resends a write whose reply it lost; by then its token is
    // over the limit. The write was applied: the resend gets its store_seq,
    // not rate_limited (which would make the client roll back a kept write).
    Server server(limitedOptions(600000));
    QVERIFY(server.start());
    PhoenixTestClient a;
    QVERIFY(openAndJoin(a, server.webSocketUrl(), TokenA, u"dev_resend"_s));
    QJsonObject first = setOp(u"kept"_s, 1);
    first.insert(u"client_op_id"_s, u"op_resend_1"_s);
    const QJsonObject applied = a.write(Topic, first);
    QCOMPARE(applied.value(u"status"), u"ok"_s);
    QCOMPARE(acceptedWrites(a, 1, Limit - 1), Limit - 1);
    QCOMPARE(response(a.write(Topic, setOp(u"new"_s, 1))).value(u"reason"), u"rate_limited"_s);

    PhoenixTestClient again;
    QVERIFY(openAndJoin(again, server.webSocketUrl(), TokenA, u"dev_resend"_s));
    const QJsonObject resent = again.write(Topic, first);
    QCOMPARE(resent.value(u"status"), u"ok"_s);
    QCOMPARE(response(resent).value(u"store_seq"), response(applied).value(u"store_seq"));
    QCOMPARE(server.storeSeq(StoreName), Limit);
    // A new write is still refused.
    QCOMPARE(response(again.write(Topic, setOp(u"new2"_s, 1))).value(u"reason"), u"rate_limited"_s);
}

void tst_RateLimit::resendOfQueuedWrite()
{
    // The resend arrives while the first copy still waits in the store's
    // commit queue (both frames in one read: the commit runs at the next turn
    // of the server's event loop), and the first copy took the token's last
    // write. The resend is the same write: same answer, nothing new committed.
    Server server(limitedOptions(600000));
    QVERIFY(server.start());
    PhoenixTestClient a;
    QVERIFY(openAndJoin(a, server.webSocketUrl(), TokenA, u"dev_queued"_s));
    QCOMPARE(acceptedWrites(a, 1, Limit - 1), Limit - 1);
    const qsizetype eventsBefore = a.events(Topic).size();

    QJsonObject write = setOp(u"queued"_s, 1);
    write.insert(u"client_op_id"_s, u"op_queued_1"_s);
    const QString firstRef = a.push(Topic, u"write"_s, write);
    const QString resendRef = a.push(Topic, u"write"_s, write);
    const std::optional<Frame> first = a.waitForReply(firstRef);
    const std::optional<Frame> resent = a.waitForReply(resendRef);
    QVERIFY(first && resent);
    QCOMPARE(first->payload.value(u"status"), u"ok"_s);
    QCOMPARE(resent->payload.value(u"status"), u"ok"_s);
    QCOMPARE(response(resent->payload).value(u"store_seq"), response(first->payload).value(u"store_seq"));
    QCOMPARE(server.storeSeq(StoreName), Limit);
    // One event for the write, and a new write is still refused.
    QVERIFY(a.waitForEvents(Topic, eventsBefore + 1));
    QCOMPARE(response(a.write(Topic, setOp(u"new"_s, 1))).value(u"reason"), u"rate_limited"_s);
    QCOMPARE(a.events(Topic).size(), eventsBefore + 1);
}

void tst_RateLimit::rest()
{
    Server server(limitedOptions(600000));
    QVERIFY(server.start());
    HttpClient http(server.httpUrl(), TokenA);
    const QString entries = u"/api/stores/acme/limits/entries"_s;
    QCOMPARE(http.send("PUT", entries + u"/a"_s, "1").status, 200);
    QCOMPARE(http.send("POST", entries, R"({"path":"b","value":2})").status, 200);
    QCOMPARE(http.send("POST", entries + u"/batch_write"_s, R"({"ops":[{"op":"set","path":"c","value":3}]})").status, 200);
    const qint64 head = server.storeSeq(StoreName);

    for (const auto &[method, path, body] : {std::tuple{QByteArray("PUT"), entries + u"/x"_s, QByteArray("1")},
                                             std::tuple{QByteArray("DELETE"), entries + u"/a"_s, QByteArray()},
                                             std::tuple{QByteArray("POST"), entries, QByteArray(R"({"path":"x","value":1})")},
                                             std::tuple{QByteArray("DELETE"), entries, QByteArray(R"({"path":"a"})")},
                                             std::tuple{QByteArray("POST"), entries + u"/batch_write"_s,
                                                        QByteArray(R"({"ops":[{"op":"delete","path":"a"}]})")}}) {
        const HttpResponse refused = http.send(method, path, body);
        QCOMPARE(refused.status, 429);
        QCOMPARE(refused.json().toObject().value(u"error"), u"rate_limited"_s);
        QVERIFY(refused.json().toObject().value(u"retry_after_ms").toInteger() > 0);
        const int retryAfter = refused.header("Retry-After").toInt();
        QVERIFY2(retryAfter >= 1 && retryAfter <= 600, refused.header("Retry-After").constData());
    }
    QCOMPARE(server.storeSeq(StoreName), head);
    // Reads are not limited.
    QCOMPARE(http.get(entries + u"/a"_s).status, 200);
    QCOMPARE(http.get(entries).status, 200);
    QCOMPARE(http.send("POST", entries + u"/batch"_s, R"({"paths":["a","b"]})").status, 200);
    // Another token is not limited.
    HttpClient other(server.httpUrl(), TokenB);
    QCOMPARE(other.send("PUT", entries + u"/x"_s, "1").status, 200);
}

void tst_RateLimit::clientWrite()
{
    auto server = startServer(limitedOptions(600000));
    auto client = makeClient(server->webSocketUrl(), TokenA, {StoreName});
    client->open();
    Store *store = client->store(StoreName);
    QVERIFY(waitConnected(store));
    for (int i = 0; i < Limit; ++i) {
        DUST_AWAIT(seq, store->set(u"k%1"_s.arg(i), i));
        QVERIFY(seq);
    }
    DUST_AWAIT(refused, store->set(u"k0"_s, 100));
    QVERIFY(!refused);
    QCOMPARE(refused.error().kind(), Error::Kind::RateLimited);
    QCOMPARE(refused.error().code(), u"rate_limited"_s);
    QVERIFY(refused.error().detail().value(u"retry_after_ms").toInteger() > 0);
    QVERIFY(refused.error().isRetryable());
    // The optimistic value is rolled back, the client stays connected.
    QCOMPARE(store->get(u"k0"_s), std::optional(QJsonValue(0)));
    QCOMPARE(store->pendingWrites(), 0);
    QCOMPARE(store->status(), Client::Status::Connected);
    QCOMPARE(server->storeSeq(StoreName), Limit);
}

void tst_RateLimit::httpTransport()
{
    auto server = startServer(limitedOptions(600000));
    HttpTransport http(server->httpUrl(), TokenA, StoreName);
    for (int i = 0; i < Limit; ++i) {
        DUST_AWAIT(seq, http.put(*Path::parse(u"k%1"_s.arg(i)), i));
        QVERIFY(seq);
    }
    DUST_AWAIT(refused, http.put(*Path::parse(u"k0"_s), 100));
    QVERIFY(!refused);
    QCOMPARE(refused.error().kind(), Error::Kind::RateLimited);
    QVERIFY(refused.error().isRetryable());
    QVERIFY(refused.error().detail().value(u"retry_after").toString().toInt() >= 1);
    DUST_AWAIT(entry, http.get(*Path::parse(u"k0"_s)));
    QVERIFY(entry);
    QCOMPARE(entry->value, QJsonValue(0));
}

void tst_RateLimit::offByDefault()
{
    QCOMPARE(ServerOptions().rateLimit, 0);
    auto server = startServer();
    PhoenixTestClient client;
    QVERIFY(client.open(server->webSocketUrl(), {server->devToken()}));
    QCOMPARE(client.join(Topic).value(u"status"), u"ok"_s);
    for (int i = 0; i < 200; ++i)
        QCOMPARE(client.write(Topic, setOp(u"k"_s, i)).value(u"status"), u"ok"_s);
}

void tst_RateLimit::devServerFlags()
{
    QProcess help;
    help.start(QStringLiteral(DUST_DEVSERVER_PATH), {u"--help"_s});
    QVERIFY(help.waitForFinished(20000));
    const QByteArray text = help.readAllStandardOutput();
    QVERIFY(text.contains("--rate-limit <writes>"));
    QVERIFY(text.contains("--rate-limit-window <ms>"));
    QVERIFY(text.contains("--cert <file>"));
    QVERIFY(text.contains("--key <file>"));

    QProcess bad;
    bad.start(QStringLiteral(DUST_DEVSERVER_PATH), {u"--memory"_s, u"--rate-limit"_s, u"-1"_s});
    QVERIFY(bad.waitForFinished(20000));
    QCOMPARE(bad.exitCode(), 2);

    QProcess server;
    server.start(QStringLiteral(DUST_DEVSERVER_PATH),
                 {u"--memory"_s, u"--port"_s, u"0"_s, u"--store"_s, StoreName, u"--rate-limit"_s, u"1"_s});
    QByteArray out;
    QVERIFY(waitUntil([&] {
        out += server.readAllStandardOutput();
        return out.contains("Dev token:") || server.state() == QProcess::NotRunning;
    }, 20000));
    const auto field = [&](const QByteArray &name) {
        const qsizetype at = out.indexOf(name);
        return QString::fromUtf8(out.mid(at + name.size(), out.indexOf('\n', at) - at - name.size())).trimmed();
    };
    HttpClient http(QUrl(field("HTTP:")), field("Dev token:"));
    QCOMPARE(http.send("PUT", u"/api/stores/acme/limits/entries/a"_s, "1").status, 200);
    QCOMPARE(http.send("PUT", u"/api/stores/acme/limits/entries/b"_s, "2").status, 429);
    server.terminate();
    QVERIFY(server.waitForFinished(20000));
}

QTEST_GUILESS_MAIN(tst_RateLimit)
#include "tst_ratelimit.moc"
