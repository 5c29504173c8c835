// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

// Client benchmarks (run from the release preset):
//  - events/s one sync engine applies from a 100,000-event catch-up, against
//    a raw WebSocket receiving the same frames and a bare decode + apply;
//  - write round-trip latency (ack) through Dust::Store over loopback,
//    against the same write pushed through a raw QWebSocket.
// Prints one table.

#include <dustclient.h>
#include <dustjsonframecodec.h>
#include <dustserver.h>
#include <duststore.h>
#include <dustvaluemodel.h>

#include <QtCore/qcoreapplication.h>
#include <QtCore/qelapsedtimer.h>
#include <QtCore/qeventloop.h>
#include <QtCore/qjsonarray.h>
#include <QtCore/qjsondocument.h>
#include <QtCore/qloggingcategory.h>
#include <QtCore/qsemaphore.h>
#include <QtCore/qtemporarydir.h>
#include <QtCore/qthread.h>
#include <QtCore/qtimer.h>
#include <QtWebSockets/qwebsocket.h>
#include <QtWebSockets/qwebsocketserver.h>

#include <algorithm>
#include <cstdio>

using namespace Qt::StringLiterals;

namespace {

constexpr int CatchUpEvents = 100000;
constexpr int RoundTrips = 2000;
const QString StoreName = u"bench/store"_s;

struct Row
{
    QString name;
    QString count;
    QString result;
    QString baseline;
};

QList<QString> catchUpFrames(const QString &topic, const QJsonValue &joinRef)
{
    QList<QString> frames;
    frames.reserve(CatchUpEvents + 1);
    for (int seq = 1; seq <= CatchUpEvents; ++seq) {
        // A realistic mix: records, counters and sets over 1,000 keys.
        const QString key = u"items/i%1"_s.arg(seq % 1000);
        QJsonObject payload{{u"store_seq"_s, seq}, {u"device_id"_s, u"dev_bench"_s},
                            {u"client_op_id"_s, u"op_%1"_s.arg(seq)}};
        switch (seq % 3) {
        case 0:
            payload.insert(u"op"_s, u"set"_s);
            payload.insert(u"path"_s, key);
            payload.insert(u"value"_s, QJsonObject{{u"title"_s, u"Item %1"_s.arg(seq)}, {u"rank"_s, seq}});
            break;
        case 1:
            payload.insert(u"op"_s, u"increment"_s);
            payload.insert(u"path"_s, key + u"/count"_s);
            payload.insert(u"value"_s, seq);
            break;
        default:
            payload.insert(u"op"_s, u"add"_s);
            payload.insert(u"path"_s, key + u"/tags"_s);
            payload.insert(u"value"_s, QJsonArray{u"t%1"_s.arg(seq % 7), u"x"_s});
            break;
        }
        payload.insert(u"path_segments"_s, QJsonArray::fromStringList(payload.value(u"path"_s).toString().split(u'/')));
        frames.append(QString::fromUtf8(QJsonDocument(QJsonArray{joinRef, QJsonValue::Null, topic, u"event"_s, payload})
                                            .toJson(QJsonDocument::Compact)));
    }
    frames.append(QString::fromUtf8(QJsonDocument(QJsonArray{joinRef, QJsonValue::Null, topic, u"catch_up_complete"_s,
                                                             QJsonObject{{u"through_seq"_s, CatchUpEvents}}})
                                        .toJson(QJsonDocument::Compact)));
    return frames;
}

// A raw server that answers the join, then sends the whole catch-up.
double catchUpSeconds(const QString &cacheDir, bool subscribe)
{
    QWebSocketServer server(u"bench"_s, QWebSocketServer::NonSecureMode);
    server.listen(QHostAddress::LocalHost, 0);
    QList<QString> frames;
    QElapsedTimer timer;
    QObject::connect(&server, &QWebSocketServer::newConnection, &server, [&] {
        QWebSocket *socket = server.nextPendingConnection();
        QObject::connect(socket, &QWebSocket::textMessageReceived, socket, [&, socket](const QString &text) {
            const QJsonArray frame = QJsonDocument::fromJson(text.toUtf8()).array();
            if (frame.at(3).toString() != u"phx_join")
                return;
            socket->sendTextMessage(QString::fromUtf8(QJsonDocument(QJsonArray{
                frame.at(0), frame.at(1), frame.at(2), u"phx_reply"_s,
                QJsonObject{{u"status"_s, u"ok"_s}, {u"response"_s, QJsonObject{{u"store_seq"_s, CatchUpEvents}}}}})
                                                          .toJson(QJsonDocument::Compact)));
            frames = catchUpFrames(frame.at(2).toString(), frame.at(0));
            timer.start();
            for (const QString &f : std::as_const(frames))
                socket->sendTextMessage(f);
        });
    });
    Dust::Client client(QUrl(u"ws://127.0.0.1:%1/ws/sync"_s.arg(server.serverPort())), u"t"_s, {StoreName});
    client.setCacheDirectory(cacheDir);
    Dust::Store *store = client.store(StoreName);
    std::atomic<qint64> seen{0};
    if (subscribe)
        store->on(u"**"_s, [&](const Dust::StoreEvent &) { seen.fetch_add(1, std::memory_order_relaxed); });
    QEventLoop loop;
    double seconds = 0;
    QObject::connect(store, &Dust::Store::catchUpCompleted, &loop, [&] {
        seconds = timer.nsecsElapsed() / 1e9;
        loop.quit();
    });
    client.open();
    loop.exec();
    if (store->lastStoreSeq() != CatchUpEvents || (subscribe && seen.load() != CatchUpEvents))
        qFatal("catch-up incomplete");
    return seconds;
}

// The same frames into a bare QWebSocket, no decoding: the transport alone.
double rawReceiveSeconds()
{
    QWebSocketServer server(u"bench"_s, QWebSocketServer::NonSecureMode);
    server.listen(QHostAddress::LocalHost, 0);
    const QList<QString> frames = catchUpFrames(u"store:"_s + StoreName, u"1"_s);
    QElapsedTimer timer;
    QObject::connect(&server, &QWebSocketServer::newConnection, &server, [&] {
        QWebSocket *socket = server.nextPendingConnection();
        timer.start();
        for (const QString &f : frames)
            socket->sendTextMessage(f);
    });
    QThread thread;
    QWebSocket client;
    client.moveToThread(&thread);
    QSemaphore done;
    int received = 0;
    QObject::connect(&client, &QWebSocket::textMessageReceived, &client, [&](const QString &) {
        if (++received == frames.size())
            done.release();
    });
    thread.start();
    QMetaObject::invokeMethod(&client, [&] { client.open(QUrl(u"ws://127.0.0.1:%1"_s.arg(server.serverPort()))); });
    while (!done.tryAcquire(1, 1))
        QCoreApplication::processEvents();
    const double seconds = timer.nsecsElapsed() / 1e9;
    QMetaObject::invokeMethod(&client, [&] { client.abort(); client.moveToThread(qApp->thread()); },
                              Qt::BlockingQueuedConnection);
    thread.quit();
    thread.wait();
    return seconds;
}

// Decode and apply to a ValueModel in this thread: the engine's floor.
double decodeApplySeconds()
{
    const QList<QString> frames = catchUpFrames(u"store:"_s + StoreName, u"1"_s);
    Dust::JsonFrameCodec codec;
    Dust::ValueModel model;
    QElapsedTimer timer;
    timer.start();
    for (const QString &text : frames) {
        const Dust::Result<Dust::Frame> frame = codec.decode(text.toUtf8());
        const QJsonObject p = frame->payload;
        const auto op = Dust::Op::fromName(p.value(u"op"_s).toString());
        if (!op)
            continue;
        const Dust::Path path = *Dust::Path::fromJsonSegments(p.value(u"path_segments"_s));
        const qint64 seq = p.value(u"store_seq"_s).toInteger();
        if (*op == Dust::Op::Kind::Set)
            model.apply(*op, path, p.value(u"value"_s), seq);
        else
            model.applyChanges({{path.key(), Dust::Leaf{p.value(u"value"_s), *op == Dust::Op::Kind::Increment
                                                                                 ? Dust::Entry::Type::Counter
                                                                                 : Dust::Entry::Type::Set, seq}}});
    }
    return timer.nsecsElapsed() / 1e9;
}

struct Percentiles
{
    double p50 = 0;
    double p99 = 0;
};

Percentiles percentiles(QList<qint64> nanos)
{
    std::sort(nanos.begin(), nanos.end());
    return {nanos.at(nanos.size() / 2) / 1000.0, nanos.at(nanos.size() * 99 / 100) / 1000.0};
}

// `write` pushes through a raw QWebSocket joined to the real server.
Percentiles rawWriteRoundTrip(const Dust::Server &server, bool heartbeat)
{
    QWebSocket socket;
    QUrl url = server.webSocketUrl();
    url.setPath(url.path() + u"/websocket"_s);
    url.setQuery(u"token=%1&device_id=dev_raw&capver=3&vsn=2.0.0"_s.arg(server.devToken()));
    QEventLoop loop;
    QString awaited;
    QObject::connect(&socket, &QWebSocket::textMessageReceived, &loop, [&](const QString &text) {
        const QJsonArray frame = QJsonDocument::fromJson(text.toUtf8()).array();
        if (frame.at(3).toString() == u"phx_reply" && frame.at(1).toString() == awaited)
            loop.quit();
    });
    QObject::connect(&socket, &QWebSocket::connected, &loop, &QEventLoop::quit);
    socket.open(url);
    loop.exec();
    const QString topic = u"store:"_s + StoreName;
    awaited = u"1"_s;
    socket.sendTextMessage(QString::fromUtf8(QJsonDocument(QJsonArray{u"1"_s, u"1"_s, topic, u"phx_join"_s,
                                                                      QJsonObject{{u"last_store_seq"_s, 0}}})
                                                 .toJson(QJsonDocument::Compact)));
    loop.exec();
    QList<qint64> samples;
    QElapsedTimer timer;
    for (int i = 0; i < RoundTrips; ++i) {
        awaited = QString::number(i + 2);
        const QJsonArray frame = heartbeat
            ? QJsonArray{QJsonValue::Null, awaited, u"phoenix"_s, u"heartbeat"_s, QJsonObject()}
            : QJsonArray{u"1"_s, awaited, topic, u"write"_s,
                         QJsonObject{{u"op"_s, u"set"_s}, {u"path"_s, u"raw/k%1"_s.arg(i % 100)},
                                     {u"path_segments"_s, QJsonArray{u"raw"_s, u"k%1"_s.arg(i % 100)}},
                                     {u"value"_s, i}, {u"client_op_id"_s, u"op_raw_%1"_s.arg(i)}}};
        timer.start();
        socket.sendTextMessage(QString::fromUtf8(QJsonDocument(frame).toJson(QJsonDocument::Compact)));
        loop.exec();
        samples.append(timer.nsecsElapsed());
    }
    return percentiles(samples);
}

// Store::set until its future holds the server's store_seq.
Percentiles storeWriteRoundTrip(const Dust::Server &server)
{
    Dust::Client client(server.webSocketUrl(), server.devToken(), {StoreName});
    Dust::Store *store = client.store(StoreName);
    QEventLoop loop;
    QObject::connect(store, &Dust::Store::statusChanged, &loop, [&](Dust::Client::Status s) {
        if (s == Dust::Client::Status::Connected)
            loop.quit();
    });
    client.open();
    loop.exec();
    QList<qint64> samples;
    QElapsedTimer timer;
    for (int i = 0; i < RoundTrips; ++i) {
        QSemaphore done;
        timer.start();
        store->set(u"client/k%1"_s.arg(i % 100), i).then(QtFuture::Launch::Sync, [&](const Dust::Result<qint64> &r) {
            if (!r)
                qFatal("write failed: %s", qPrintable(r.error().toString()));
            samples.append(timer.nsecsElapsed());
            done.release();
        });
        done.acquire();
    }
    return percentiles(samples);
}

QString rate(double seconds)
{
    return u"%1 events/s"_s.arg(qRound64(CatchUpEvents / seconds));
}

QString latency(const Percentiles &p)
{
    return u"p50 %1 µs, p99 %2 µs"_s.arg(p.p50, 0, 'f', 0).arg(p.p99, 0, 'f', 0);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QLoggingCategory::setFilterRules(u"dust.*=false\nqt.*=false"_s);

    // Nothing here should take long; a hang is a failure.
    QTimer::singleShot(240000, [] { qFatal("benchmark timed out"); });
    QList<Row> rows;
    std::fprintf(stderr, "catch-up...\n");
    const double raw = rawReceiveSeconds();
    const double bare = decodeApplySeconds();
    const QString events = QString::number(CatchUpEvents);
    rows.append({u"raw QWebSocket receive (no decode)"_s, events, rate(raw), u"-"_s});
    rows.append({u"decode + ValueModel apply, one thread"_s, events, rate(bare), u"-"_s});
    rows.append({u"engine catch-up, memory cache"_s, events, rate(catchUpSeconds({}, false)), rate(raw)});
    {
        QTemporaryDir dir;
        rows.append({u"engine catch-up, SQLite cache (WAL)"_s, events, rate(catchUpSeconds(dir.path(), false)), rate(raw)});
    }
    rows.append({u"engine catch-up, memory + 1 subscription"_s, events, rate(catchUpSeconds({}, true)), rate(raw)});

    Dust::ServerOptions options;
    options.port = 0;
    options.inMemory = true;
    Dust::Server server(options);
    if (const auto started = server.start(); !started)
        qFatal("server: %s", qPrintable(started.error().toString()));
    std::fprintf(stderr, "round trips...\n");
    const Percentiles heartbeat = rawWriteRoundTrip(server, true);
    const Percentiles rawWrite = rawWriteRoundTrip(server, false);
    const Percentiles storeWrite = storeWriteRoundTrip(server);
    const QString trips = QString::number(RoundTrips);
    rows.append({u"raw QWebSocket heartbeat round trip"_s, trips, latency(heartbeat), u"-"_s});
    rows.append({u"raw QWebSocket write -> ack"_s, trips, latency(rawWrite), u"-"_s});
    rows.append({u"Store::set -> ack (future finished)"_s, trips, latency(storeWrite), latency(rawWrite)});

    std::printf("| %-44s | %-7s | %-28s | %-28s |\n", "measurement", "n", "result", "baseline (same run)");
    std::printf("|%s|%s|%s|%s|\n", QByteArray(46, '-').constData(), QByteArray(9, '-').constData(),
                QByteArray(30, '-').constData(), QByteArray(30, '-').constData());
    for (const Row &row : std::as_const(rows)) {
        std::printf("| %-44s | %-7s | %-28s | %-28s |\n", qPrintable(row.name), qPrintable(row.count),
                    row.result.toUtf8().constData(), row.baseline.toUtf8().constData());
    }
    return 0;
}
