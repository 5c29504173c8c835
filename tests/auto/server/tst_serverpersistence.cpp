// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

// What survives a restart: the op log and the leaves (store_seq continues),
// exactly-once writes, leases, files and the stores themselves; and a
// dust-devserver child killed with SIGKILL right after its acks loses
// nothing it acknowledged.

#include "phoenixtestclient.h"
#include "servertestutil.h"

#include <dustserver.h>

#include <QtCore/qcryptographichash.h>
#include <QtCore/qjsonarray.h>
#include <QtCore/qprocess.h>
#include <QtCore/qregularexpression.h>
#include <QtCore/qtemporarydir.h>
#include <QtTest/qtest.h>

#include <algorithm>
#include <vector>

using namespace Qt::StringLiterals;

namespace {

const QString Topic = u"store:acme/site"_s;

bool isOk(const QJsonObject &reply)
{
    return reply.value(u"status") == u"ok"_s;
}

QJsonObject response(const QJsonObject &reply)
{
    return reply.value(u"response").toObject();
}

// The server follows the system language; the lines read here are English.
QProcessEnvironment englishEnvironment()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(u"LANGUAGE"_s);
    env.remove(u"LC_MESSAGES"_s);
    env.insert(u"LC_ALL"_s, u"C.UTF-8"_s);
    return env;
}

// A dust-devserver child process and what it printed at start-up.
struct ChildServer
{
    QProcess process;
    quint16 port = 0;
    QString token;

    bool start(const QString &dataDir)
    {
        process.setProgram(QStringLiteral(DUST_DEVSERVER_PATH));
        process.setArguments({u"--port"_s, u"0"_s, u"--data-dir"_s, dataDir, u"--store"_s, u"acme/site"_s});
        process.setProcessEnvironment(englishEnvironment());
        process.setProcessChannelMode(QProcess::SeparateChannels);
        process.setStandardErrorFile(QProcess::nullDevice());
        process.start();
        if (!process.waitForStarted(30000))
            return false;
        QByteArray out;
        static const QRegularExpression portLine(u"^Port:\\s+(\\d+)$"_s, QRegularExpression::MultilineOption);
        static const QRegularExpression tokenLine(u"^Dev token:\\s+(\\S+)$"_s, QRegularExpression::MultilineOption);
        const bool ready = waitUntil([&] {
            out += process.readAllStandardOutput();
            const QString text = QString::fromUtf8(out);
            const auto p = portLine.match(text);
            const auto t = tokenLine.match(text);
            if (!p.hasMatch() || !t.hasMatch())
                return process.state() != QProcess::Running;
            port = quint16(p.captured(1).toUInt());
            token = t.captured(1);
            return true;
        }, 60000);
        return ready && port != 0;
    }

    QUrl url() const { return QUrl(u"ws://127.0.0.1:%1/ws/sync"_s.arg(port)); }

    void kill()
    {
        process.kill();   // SIGKILL: no clean-up of any kind
        QVERIFY(process.waitForFinished(30000));
        QCOMPARE(process.exitStatus(), QProcess::CrashExit);
    }

    ~ChildServer()
    {
        if (process.state() != QProcess::NotRunning) {
            process.terminate();
            if (!process.waitForFinished(30000))
                process.kill();
        }
    }
};

} // namespace

class tst_ServerPersistence : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void restartKeepsEverything();
    void exactlyOnceAcrossRestart();
    void leasesAcrossRestart();
    void filesAcrossRestart();
    void storesFoundOnDisk();
    void killAfterAck();
    void concurrentWritersAcrossRestart();
    void languages_data();
    void languages();

private:
    Dust::ServerOptions options(const QTemporaryDir &dir) const;
    std::unique_ptr<PhoenixTestClient> connectTo(const Dust::Server &server, const QString &deviceId = u"dev_a"_s);
};

Dust::ServerOptions tst_ServerPersistence::options(const QTemporaryDir &dir) const
{
    Dust::ServerOptions options;
    options.port = 0;
    options.dataDir = dir.path();
    options.stores = {u"acme/site"_s};
    return options;
}

std::unique_ptr<PhoenixTestClient> tst_ServerPersistence::connectTo(const Dust::Server &server,
                                                                    const QString &deviceId)
{
    auto client = std::make_unique<PhoenixTestClient>();
    PhoenixTestClient::Params params;
    params.token = server.devToken();
    params.deviceId = deviceId;
    if (!client->open(server.webSocketUrl(), params))
        return nullptr;
    return client;
}

void tst_ServerPersistence::restartKeepsEverything()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QList<QJsonObject> live;
    QJsonValue entriesBefore;
    {
        Dust::Server server(options(dir));
        QVERIFY(server.start());
        auto client = connectTo(server);
        QVERIFY(client);
        QVERIFY(isOk(client->join(Topic)));
        const QList<QJsonObject> ops{
            {{u"op"_s, u"set"_s}, {u"path"_s, u"links/foo"_s}, {u"value"_s, QJsonObject{{u"title"_s, u"Foo"_s}, {u"n"_s, 1}}}},
            {{u"op"_s, u"merge"_s}, {u"path"_s, u"links/foo"_s}, {u"value"_s, QJsonObject{{u"url"_s, u"u"_s}}}},
            {{u"op"_s, u"increment"_s}, {u"path"_s, u"views"_s}, {u"value"_s, 2}},
            {{u"op"_s, u"increment"_s}, {u"path"_s, u"views"_s}, {u"value"_s, 3}},
            {{u"op"_s, u"add"_s}, {u"path"_s, u"tags"_s}, {u"value"_s, u"a"_s}},
            {{u"op"_s, u"add"_s}, {u"path"_s, u"tags"_s}, {u"value"_s, u"b"_s}},
            {{u"op"_s, u"remove"_s}, {u"path"_s, u"tags"_s}, {u"value"_s, u"a"_s}},
            {{u"op"_s, u"set"_s}, {u"path"_s, u"gone"_s}, {u"value"_s, true}},
            {{u"op"_s, u"delete"_s}, {u"path"_s, u"gone"_s}},
            {{u"op"_s, u"set"_s}, {u"path_segments"_s, QJsonArray{u"odd"_s, u"a/b~c"_s}}, {u"value"_s, 1.25}},
        };
        for (const QJsonObject &op : ops)
            QVERIFY(isOk(client->write(Topic, op)));
        QVERIFY(client->waitForEvents(Topic, ops.size()));
        live = client->events(Topic);
        HttpClient http(server.httpUrl(), server.devToken());
        entriesBefore = http.get(u"/api/stores/acme/site/entries?limit=1000"_s).json();
        QCOMPARE(server.storeSeq(u"acme/site"_s), ops.size());
    }
    Dust::Server server(options(dir));
    QVERIFY(server.start());
    QCOMPARE(server.storeSeq(u"acme/site"_s), live.size());
    auto client = connectTo(server, u"dev_b"_s);
    QVERIFY(client);
    // The catch-up from 0 replays exactly what was broadcast before.
    QCOMPARE(client->joinAndCatchUp(Topic, 0), live);
    HttpClient http(server.httpUrl(), server.devToken());
    QCOMPARE(http.get(u"/api/stores/acme/site/entries?limit=1000"_s).json(), entriesBefore);
    // store_seq continues where it stopped, and the counter where it was.
    const QJsonObject next = client->write(Topic, {{u"op"_s, u"increment"_s}, {u"path"_s, u"views"_s}, {u"value"_s, 1}});
    QCOMPARE(response(next).value(u"store_seq"), QJsonValue(live.size() + 1));
    QVERIFY(client->waitForEvents(Topic, live.size() + 1));
    QCOMPARE(client->events(Topic).last().value(u"value"), QJsonValue(6));
}

void tst_ServerPersistence::exactlyOnceAcrossRestart()
{
    QTemporaryDir dir;
    const QJsonObject increment{{u"op"_s, u"increment"_s}, {u"path"_s, u"n"_s}, {u"value"_s, 1},
                                {u"client_op_id"_s, u"op_survives"_s}};
    QJsonObject first;
    {
        Dust::Server server(options(dir));
        QVERIFY(server.start());
        auto client = connectTo(server);
        QVERIFY(client);
        QVERIFY(isOk(client->join(Topic)));
        first = client->write(Topic, increment);
        QCOMPARE(response(first), (QJsonObject{{u"store_seq"_s, 1}}));
    }
    Dust::Server server(options(dir));
    QVERIFY(server.start());
    auto client = connectTo(server);
    QVERIFY(client);
    QCOMPARE(client->joinAndCatchUp(Topic, 1).size(), 0);
    // The resend after the restart is answered like the first time...
    QCOMPARE(client->write(Topic, increment), first);
    QCOMPARE(server.storeSeq(u"acme/site"_s), 1);
    // ...and applies nothing: the next op is 2 and the counter is 2, not 3.
    const QJsonObject next = client->write(Topic, {{u"op"_s, u"increment"_s}, {u"path"_s, u"n"_s}, {u"value"_s, 1}});
    QCOMPARE(response(next).value(u"store_seq"), QJsonValue(2));
    QVERIFY(client->waitForEvents(Topic, 1));
    QCOMPARE(client->events(Topic).size(), 1);
    QCOMPARE(client->events(Topic).first().value(u"value"), QJsonValue(2));
}

void tst_ServerPersistence::leasesAcrossRestart()
{
    QTemporaryDir dir;
    qint64 longToken = 0;
    {
        Dust::Server server(options(dir));
        QVERIFY(server.start());
        auto client = connectTo(server);
        QVERIFY(client);
        QVERIFY(isOk(client->join(Topic)));
        longToken = response(client->write(Topic, {{u"op"_s, u"lease"_s}, {u"path"_s, u"locks/long"_s},
                                                   {u"ttl_ms"_s, 600000}, {u"holder"_s, u"a"_s}}))
                        .value(u"token").toInteger();
        QVERIFY(longToken > 0);
        QVERIFY(isOk(client->write(Topic, {{u"op"_s, u"lease"_s}, {u"path"_s, u"locks/short"_s},
                                           {u"ttl_ms"_s, 200}, {u"holder"_s, u"a"_s}})));
    }
    Dust::Server server(options(dir));
    QVERIFY(server.start());
    auto other = connectTo(server, u"dev_b"_s);
    QVERIFY(other);
    QVERIFY(isOk(other->join(Topic)));
    // After the restart only the wall clock is left, and it still says held.
    QCOMPARE(response(other->write(Topic, {{u"op"_s, u"lease"_s}, {u"path"_s, u"locks/long"_s}})),
             (QJsonObject{{u"reason"_s, u"held"_s}}));
    const QJsonObject renewed = response(other->write(Topic, {{u"op"_s, u"renew"_s}, {u"path"_s, u"locks/long"_s},
                                                              {u"token"_s, longToken}}));
    QCOMPARE(renewed.value(u"token"), QJsonValue(longToken));
    QCOMPARE(renewed.value(u"holder"), u"a"_s);
    QVERIFY(isOk(other->write(Topic, {{u"op"_s, u"set"_s}, {u"path"_s, u"fenced/ok"_s}, {u"value"_s, 1},
                                      {u"fence"_s, QJsonObject{{u"key"_s, u"locks/long"_s}, {u"token"_s, longToken}}}})));
    // The short lease expires by the wall clock.
    bool taken = false;
    QTRY_VERIFY_WITH_TIMEOUT(taken || (taken = isOk(other->write(Topic, {{u"op"_s, u"lease"_s},
                                                                         {u"path"_s, u"locks/short"_s}}))), 10000);
}

void tst_ServerPersistence::filesAcrossRestart()
{
    QTemporaryDir dir;
    const QByteArray content(100000, 'z');
    const QString hash = u"sha256:"_s
        + QString::fromLatin1(QCryptographicHash::hash(content, QCryptographicHash::Sha256).toHex());
    {
        Dust::Server server(options(dir));
        QVERIFY(server.start());
        QVERIFY(server.write(u"acme/site"_s, u"dev"_s, Dust::Op::Kind::PutFile, u"big"_s,
                             QJsonObject{{u"content"_s, QString::fromLatin1(content.toBase64())},
                                         {u"content_type"_s, u"application/x-test"_s}}));
    }
    Dust::Server server(options(dir));
    QVERIFY(server.start());
    HttpClient http(server.httpUrl(), server.devToken());
    const HttpResponse file = http.get(u"/api/files/"_s + hash);
    QCOMPARE(file.status, 200);
    QCOMPARE(file.body, content);
    QCOMPARE(file.header("Content-Type"), QByteArray("application/x-test"));
}

void tst_ServerPersistence::storesFoundOnDisk()
{
    QTemporaryDir dir;
    {
        Dust::ServerOptions first = options(dir);
        first.stores.clear();
        Dust::Server server(first);
        QVERIFY(server.start());
        QVERIFY(server.stores().isEmpty());
        QVERIFY(server.write(u"one/a"_s, u"dev"_s, Dust::Op::Kind::Set, u"x"_s, 1));
        QVERIFY(server.write(u"two/b"_s, u"dev"_s, Dust::Op::Kind::Set, u"x"_s, 1));
        QVERIFY(server.write(u"two/b"_s, u"dev"_s, Dust::Op::Kind::Set, u"y"_s, 2));
    }
    // Without declaring them, and with auto-create off, the stores are back.
    Dust::ServerOptions second = options(dir);
    second.stores.clear();
    second.autoCreate = false;
    Dust::Server server(second);
    QVERIFY(server.start());
    QCOMPARE(server.stores(), (QStringList{u"one/a"_s, u"two/b"_s}));
    QCOMPARE(server.storeSeq(u"two/b"_s), 2);
    auto client = connectTo(server);
    QVERIFY(client);
    QCOMPARE(client->joinAndCatchUp(u"store:two/b"_s).size(), 2);
}

void tst_ServerPersistence::killAfterAck()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    struct Acked
    {
        qint64 seq;
        QJsonValue value;
    };
    QHash<QString, Acked> acked;   // by client_op_id
    {
        ChildServer child;
        QVERIFY2(child.start(dir.path()), "dust-devserver did not start");
        PhoenixTestClient client;
        PhoenixTestClient::Params params;
        params.token = child.token;
        QVERIFY(client.open(child.url(), params));
        QVERIFY(isOk(client.join(Topic)));

        // Pipelined writes, as a busy client sends them.
        constexpr int Writes = 300;
        QHash<QString, QString> opIdByRef;
        for (int i = 0; i < Writes; ++i) {
            const QString opId = u"op_kill_%1"_s.arg(i);
            const QJsonObject payload = i % 3 == 0
                ? QJsonObject{{u"op"_s, u"increment"_s}, {u"path"_s, u"counter"_s}, {u"value"_s, 1}, {u"client_op_id"_s, opId}}
                : QJsonObject{{u"op"_s, u"set"_s}, {u"path"_s, u"items/%1"_s.arg(i)}, {u"value"_s, QJsonObject{{u"i"_s, i}}},
                              {u"client_op_id"_s, opId}};
            opIdByRef.insert(client.push(Topic, u"write"_s, payload), opId);
        }
        QVERIFY(waitUntil([&] {
            return client.frames().size() > 0
                && std::count_if(client.frames().cbegin(), client.frames().cend(), [](const Dust::Frame &f) {
                       return f.event == u"phx_reply" && f.ref && f.ref->toInt() > 1;
                   }) == Writes;
        }, 60000));
        for (const Dust::Frame &frame : client.frames()) {
            if (frame.event != u"phx_reply" || !opIdByRef.contains(frame.ref.value_or(QString())))
                continue;
            QCOMPARE(frame.payload.value(u"status"), u"ok"_s);
            const QString opId = opIdByRef.value(*frame.ref);
            acked.insert(opId, Acked{frame.payload.value(u"response").toObject().value(u"store_seq").toInteger(), {}});
        }
        // More writes in flight when the process dies: they may or may not
        // have committed, but none of them may take an acked seq.
        for (int i = 0; i < 50; ++i) {
            client.push(Topic, u"write"_s, {{u"op"_s, u"set"_s}, {u"path"_s, u"late/%1"_s.arg(i)}, {u"value"_s, i},
                                            {u"client_op_id"_s, u"op_late_%1"_s.arg(i)}});
        }
        child.kill();
        // Remember what each acked op's event said.
        for (const QJsonObject &event : client.events(Topic)) {
            const QString opId = event.value(u"client_op_id").toString();
            if (acked.contains(opId))
                acked[opId].value = event.value(u"value");
        }
    }
    QCOMPARE(acked.size(), 300);

    ChildServer child;
    QVERIFY2(child.start(dir.path()), "dust-devserver did not restart");
    PhoenixTestClient client;
    PhoenixTestClient::Params params;
    params.token = child.token;
    QVERIFY(client.open(child.url(), params));
    const QList<QJsonObject> events = client.joinAndCatchUp(Topic, 0);
    QVERIFY(events.size() >= acked.size());
    QHash<QString, QJsonObject> byOpId;
    for (qsizetype i = 0; i < events.size(); ++i) {
        QCOMPARE(events.at(i).value(u"store_seq").toInteger(), i + 1);
        byOpId.insert(events.at(i).value(u"client_op_id").toString(), events.at(i));
    }
    for (auto it = acked.cbegin(); it != acked.cend(); ++it) {
        QVERIFY2(byOpId.contains(it.key()), qPrintable(u"acked write lost: "_s + it.key()));
        const QJsonObject event = byOpId.value(it.key());
        QCOMPARE(event.value(u"store_seq").toInteger(), it->seq);
        if (!it->value.isUndefined())
            QCOMPARE(event.value(u"value"), it->value);
    }
    // store_seq continues after the last committed op.
    const QJsonObject next = client.write(Topic, {{u"op"_s, u"set"_s}, {u"path"_s, u"after"_s}, {u"value"_s, 1}});
    QCOMPARE(response(next).value(u"store_seq").toInteger(), events.size() + 1);
}

// Writes from several devices at once share transactions (group commit):
// each is acked once with its own store_seq, the acked seqs are exactly
// 1..n, and every one of them is there after a restart.
void tst_ServerPersistence::concurrentWritersAcrossRestart()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    constexpr int Clients = 8;
    constexpr int WritesEach = 25;
    QHash<QString, qint64> seqByOpId;
    {
        Dust::Server server(options(dir));
        QVERIFY(server.start());
        std::vector<std::unique_ptr<PhoenixTestClient>> clients;
        std::vector<QHash<QString, QString>> opIdByRef(Clients);
        for (int c = 0; c < Clients; ++c) {
            clients.push_back(connectTo(server, u"dev_%1"_s.arg(c)));
            QVERIFY(clients.back());
            QVERIFY(isOk(clients.back()->join(Topic)));
        }
        // Every client sends in turn, so writes of all devices arrive mixed.
        for (int i = 0; i < WritesEach; ++i) {
            for (int c = 0; c < Clients; ++c) {
                const QString opId = u"op_%1_%2"_s.arg(c).arg(i);
                const QJsonObject payload = i % 5 == 0
                    ? QJsonObject{{u"op"_s, u"increment"_s}, {u"path"_s, u"total"_s}, {u"value"_s, 1},
                                  {u"client_op_id"_s, opId}}
                    : QJsonObject{{u"op"_s, u"set"_s}, {u"path"_s, u"c%1/k%2"_s.arg(c).arg(i)},
                                  {u"value"_s, QJsonObject{{u"n"_s, i}}}, {u"client_op_id"_s, opId}};
                opIdByRef[c].insert(clients[c]->push(Topic, u"write"_s, payload), opId);
            }
        }
        for (int c = 0; c < Clients; ++c) {
            for (auto it = opIdByRef[c].cbegin(); it != opIdByRef[c].cend(); ++it) {
                const std::optional<Dust::Frame> reply = clients[c]->waitForReply(it.key(), 30000);
                QVERIFY(reply);
                QCOMPARE(reply->payload.value(u"status"), u"ok"_s);
                QVERIFY2(!seqByOpId.contains(it.value()), "a write was acked twice");
                seqByOpId.insert(it.value(), reply->payload.value(u"response").toObject().value(u"store_seq").toInteger());
            }
        }
        QCOMPARE(server.storeSeq(u"acme/site"_s), Clients * WritesEach);
    }
    QList<qint64> seqs = seqByOpId.values();
    std::sort(seqs.begin(), seqs.end());
    for (qsizetype i = 0; i < seqs.size(); ++i)
        QCOMPARE(seqs.at(i), i + 1);

    Dust::Server server(options(dir));
    QVERIFY(server.start());
    auto client = connectTo(server, u"dev_reader"_s);
    QVERIFY(client);
    const QList<QJsonObject> events = client->joinAndCatchUp(Topic, 0);
    QCOMPARE(events.size(), Clients * WritesEach);
    for (const QJsonObject &event : events) {
        const QString opId = event.value(u"client_op_id").toString();
        QVERIFY2(seqByOpId.contains(opId), qPrintable(opId));
        QCOMPARE(event.value(u"store_seq").toInteger(), seqByOpId.value(opId));
    }
    QCOMPARE(events.last().value(u"store_seq").toInteger(), Clients * WritesEach);
}

void tst_ServerPersistence::languages_data()
{
    QTest::addColumn<QStringList>("language");
    QTest::addColumn<QString>("expected");
    QTest::newRow("English") << QStringList() << u"'x' is not a port number (0-65535)"_s;
    QTest::newRow("German") << QStringList{u"--lang"_s, u"de"_s} << u"'x' ist keine Portnummer (0-65535)"_s;
    QTest::newRow("French") << QStringList{u"--lang=fr"_s} << u"« x » n'est pas un numéro de port (0-65535)"_s;
    QTest::newRow("unknown") << QStringList{u"--lang"_s, u"xx"_s}
                             << u"dust-devserver: DustQt has no translation for this language; texts stay in "
                                "English. ('xx'; available: de, en, fr)\ndust-devserver: 'x' is not a port number"_s;
}

void tst_ServerPersistence::languages()
{
    QFETCH(QStringList, language);
    QFETCH(QString, expected);
    QProcess process;
    process.setProcessEnvironment(englishEnvironment());
    process.start(QStringLiteral(DUST_DEVSERVER_PATH), QStringList{u"--port"_s, u"x"_s} + language);
    QVERIFY(process.waitForFinished(30000));
    QCOMPARE(process.exitCode(), 2);
    const QString err = QString::fromUtf8(process.readAllStandardError());
    QVERIFY2(err.contains(expected), qPrintable(err));
}

QTEST_GUILESS_MAIN(tst_ServerPersistence)
#include "tst_serverpersistence.moc"
