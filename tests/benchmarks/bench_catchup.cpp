// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

// dust-devserver catch-up to one raw WebSocket client, in events per second,
// with JSON (vsn 2.0.0) and MessagePack (vsn 3.0.0) frames. The baseline is
// building the same event frames the plain way, a QJsonObject per event
// encoded by the frame codec, with no database and no socket. Run it from the
// release preset:
//   ./build/release/tests/benchmarks/bench_catchup [events] [json|msgpack]
// For an instruction profile of the server side only:
//   valgrind --tool=callgrind --toggle-collect='Dust::ChannelSession::catchUp*'
//       ./build/release/tests/benchmarks/bench_catchup 20000 json

#include <dustframecodec.h>
#include <dustserver.h>

#include <QtCore/qcoreapplication.h>
#include <QtCore/qdir.h>
#include <QtCore/qelapsedtimer.h>
#include <QtCore/qendian.h>
#include <QtCore/qeventloop.h>
#include <QtCore/qjsonarray.h>
#include <QtCore/qjsondocument.h>
#include <QtCore/qjsonobject.h>
#include <QtCore/qloggingcategory.h>
#include <QtCore/qtemporarydir.h>
#include <QtCore/qtimer.h>
#include <QtCore/qurlquery.h>
#include <QtNetwork/qnetworkaccessmanager.h>
#include <QtNetwork/qnetworkreply.h>
#include <QtNetwork/qtcpsocket.h>
#include <QtWebSockets/qwebsocket.h>

#include <cstdio>
#include <functional>
#include <memory>

using namespace Qt::StringLiterals;

namespace {

const QString Topic = u"store:bench/site"_s;

bool spin(const std::function<bool()> &done, int timeoutMs = 600000)
{
    QElapsedTimer timer;
    timer.start();
    QTimer wake;
    wake.start(50);
    while (!done()) {
        if (timer.elapsed() > timeoutMs)
            return false;
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
    }
    return true;
}

// The i-th op of the store: mostly sets of small maps, every fourth an increment.
QJsonObject benchOp(int i)
{
    if (i % 4 == 0)
        return {{u"op"_s, u"increment"_s}, {u"path"_s, u"counter"_s}, {u"value"_s, 1}};
    return {{u"op"_s, u"set"_s},
            {u"path"_s, u"items/%1"_s.arg(i)},
            {u"value"_s, QJsonObject{{u"n"_s, i}, {u"text"_s, u"hello"_s}}}};
}

void fill(const Dust::Server &server, int events)
{
    QNetworkAccessManager http;
    for (int done = 0; done < events; done += 1000) {
        QJsonArray ops;
        for (int i = done; i < std::min(events, done + 1000); ++i)
            ops.append(benchOp(i));
        QNetworkRequest request(QUrl(server.httpUrl().toString() + u"/api/stores/bench/site/entries/batch_write"_s));
        request.setRawHeader("Authorization", "Bearer " + server.devToken().toLatin1());
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        std::unique_ptr<QNetworkReply> reply(
            http.post(request, QJsonDocument(QJsonObject{{u"ops"_s, ops}}).toJson(QJsonDocument::Compact)));
        if (!spin([&] { return reply->isFinished(); }) || reply->error() != QNetworkReply::NoError)
            qFatal("batch_write failed");
    }
    if (server.storeSeq(u"bench/site"_s) != events)
        qFatal("the store was not filled");
}

QUrl socketUrl(const Dust::Server &server, const QString &vsn)
{
    QUrl url = server.webSocketUrl();
    url.setPath(u"/ws/sync/websocket"_s);
    QUrlQuery query;
    query.addQueryItem(u"token"_s, server.devToken());
    query.addQueryItem(u"device_id"_s, u"dev_bench"_s);
    query.addQueryItem(u"capver"_s, u"3"_s);
    query.addQueryItem(u"vsn"_s, vsn);
    url.setQuery(query);
    return url;
}

// Events per second of a catch-up from 0, from the join to catch_up_complete.
double catchUp(const Dust::Server &server, const QString &vsn, int events)
{
    int received = 0;
    bool complete = false;
    QWebSocket socket;
    QObject::connect(&socket, &QWebSocket::textMessageReceived, [&](const QString &message) {
        complete = complete || message.contains(u"\"catch_up_complete\"");
        received += message.contains(u"\"event\"") ? 1 : 0;
    });
    // The event name as MessagePack writes it: a fixstr of 5 bytes.
    QObject::connect(&socket, &QWebSocket::binaryMessageReceived, [&](const QByteArray &message) {
        complete = complete || message.contains("\xb1" "catch_up_complete");
        received += message.contains("\xa5" "event") ? 1 : 0;
    });
    socket.open(socketUrl(server, vsn));
    if (!spin([&] { return socket.state() == QAbstractSocket::ConnectedState; }))
        qFatal("the socket did not connect");
    QElapsedTimer timer;
    timer.start();
    socket.sendTextMessage(uR"(["1","1","%1","phx_join",{"last_store_seq":0}])"_s.arg(Topic));
    if (!spin([&] { return complete; }))
        qFatal("catch-up did not complete");
    const double seconds = double(timer.nsecsElapsed()) / 1e9;
    if (received != events)
        qFatal("catch-up delivered %d of %d events", received, events);
    return events / seconds;
}

/*
    A WebSocket client that only counts frames: it parses each frame's header
    and skips its payload, so that the rate is the server's and not that of
    QWebSocket decoding every message into a QString on the same 2 cores.
    Only the last frame of the catch-up is looked into.
*/
class FrameCounter
{
public:
    explicit FrameCounter(const QUrl &url)
    {
        QObject::connect(&m_socket, &QTcpSocket::readyRead, [this] { read(); });
        m_socket.connectToHost(url.host(), quint16(url.port()));
        if (!m_socket.waitForConnected(30000))
            qFatal("the frame counter did not connect");
        const QByteArray target = url.path(QUrl::FullyEncoded).toLatin1() + '?' + url.query(QUrl::FullyEncoded).toLatin1();
        m_socket.write("GET " + target + " HTTP/1.1\r\nHost: " + url.host().toLatin1()
                       + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                         "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");
    }

    bool upgraded() const { return m_upgraded; }
    bool complete() const { return m_complete; }
    qint64 frames() const { return m_frames; }

    // A masked text frame (a client must mask), short payloads only.
    void sendText(const QByteArray &payload)
    {
        const char mask[4] = {1, 2, 3, 4};
        QByteArray frame;
        frame.append(char(0x81));
        if (payload.size() < 126) {
            frame.append(char(0x80 | payload.size()));
        } else {
            frame.append(char(0x80 | 126));
            frame.append(char(payload.size() >> 8));
            frame.append(char(payload.size() & 0xff));
        }
        frame.append(mask, 4);
        for (qsizetype i = 0; i < payload.size(); ++i)
            frame.append(char(payload.at(i) ^ mask[i % 4]));
        m_socket.write(frame);
    }

private:
    void read()
    {
        m_buffer += m_socket.readAll();
        if (!m_upgraded) {
            const qsizetype end = m_buffer.indexOf("\r\n\r\n");
            if (end < 0)
                return;
            if (!m_buffer.startsWith("HTTP/1.1 101"))
                qFatal("the upgrade was refused: %s", m_buffer.left(end).constData());
            m_upgraded = true;
            m_buffer.remove(0, end + 4);
        }
        qsizetype at = 0;
        for (;;) {
            const qsizetype left = m_buffer.size() - at;
            if (left < 2)
                break;
            const auto *header = reinterpret_cast<const uchar *>(m_buffer.constData() + at);
            quint64 length = header[1] & 0x7f;
            qsizetype headerSize = 2;
            if (length == 126) {
                headerSize = 4;
                if (left < headerSize)
                    break;
                length = qFromBigEndian<quint16>(header + 2);
            } else if (length == 127) {
                headerSize = 10;
                if (left < headerSize)
                    break;
                length = qFromBigEndian<quint64>(header + 2);
            }
            if (quint64(left - headerSize) < length)
                break;
            const QByteArrayView payload(m_buffer.constData() + at + headerSize, qsizetype(length));
            if ((header[0] & 0x0f) == 0x1 || (header[0] & 0x0f) == 0x2) {
                ++m_frames;
                m_complete = m_complete || payload.contains(QByteArrayView("catch_up_complete"));
            }
            at += headerSize + qsizetype(length);
        }
        m_buffer.remove(0, at);
    }

    QTcpSocket m_socket;
    QByteArray m_buffer;
    qint64 m_frames = 0;
    bool m_upgraded = false;
    bool m_complete = false;
};

// Events per second of a catch-up from 0 to a FrameCounter.
double catchUpRaw(const Dust::Server &server, const QString &vsn, int events)
{
    FrameCounter counter(socketUrl(server, vsn));
    if (!spin([&] { return counter.upgraded(); }))
        qFatal("the frame counter was not upgraded");
    QElapsedTimer timer;
    timer.start();
    counter.sendText(uR"(["1","1","%1","phx_join",{"last_store_seq":0}])"_s.arg(Topic).toUtf8());
    if (!spin([&] { return counter.complete(); }))
        qFatal("catch-up did not complete");
    const double seconds = double(timer.nsecsElapsed()) / 1e9;
    // The join reply, the events and catch_up_complete.
    if (counter.frames() != events + 2)
        qFatal("catch-up delivered %lld frames for %d events", counter.frames(), events);
    return events / seconds;
}

// The baseline: the same events built as a QJsonObject each and encoded by
// the codec, as the server did before it wrote frames as bytes.
double plainFrames(const QString &vsn, int events)
{
    const std::unique_ptr<Dust::FrameCodec> codec = Dust::FrameCodec::create(vsn);
    qsizetype bytes = 0;
    QElapsedTimer timer;
    timer.start();
    for (int i = 0; i < events; ++i) {
        const QJsonObject op = benchOp(i);
        const QString path = op.value(u"path").toString();
        const QJsonObject payload{{u"store_seq"_s, i + 1},
                                  {u"op"_s, op.value(u"op")},
                                  {u"path"_s, path},
                                  {u"path_segments"_s, QJsonArray::fromStringList(path.split(u'/'))},
                                  {u"value"_s, op.value(u"value")},
                                  {u"device_id"_s, u"dev_bench"_s},
                                  {u"client_op_id"_s, u"op_%1"_s.arg(i)}};
        const QByteArray frame = codec->encode(Dust::Frame{u"1"_s, std::nullopt, Topic, u"event"_s, payload});
        bytes += codec->isBinary() ? frame.size() : QString::fromUtf8(frame).size();
    }
    const double seconds = double(timer.nsecsElapsed()) / 1e9;
    if (bytes == 0)
        qFatal("no frames built");
    return events / seconds;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QLoggingCategory::setFilterRules(u"dust.server.debug=false\ndust.server.info=false"_s);
    const QStringList args = app.arguments();
    const int events = args.size() > 1 ? args.at(1).toInt() : 100000;
    const QString only = args.size() > 2 ? args.at(2) : QString();
    if (events <= 0)
        qFatal("usage: bench_catchup [events] [json|msgpack]");
    QTemporaryDir dir;
    if (!dir.isValid())
        qFatal("no temporary directory");

    Dust::ServerOptions options;
    options.port = 0;
    options.dataDir = dir.path();
    options.stores = {u"bench/site"_s};
    Dust::Server server(options);
    if (!server.start())
        qFatal("server did not start");
    fill(server, events);

    std::printf("dust-devserver catch-up of %d events to one raw WebSocket client (%s build)\n\n", events,
#ifdef NDEBUG
                "release");
#else
                "debug");
#endif
    std::printf("| %-11s | %-41s | %12s | %11s |\n", "serializer", "approach", "events/s", "vs baseline");
    std::printf("|-------------|-------------------------------------------|-------------:|------------:|\n");
    const struct { const char *name; QString vsn; } serializers[] = {
        {"json", u"2.0.0"_s}, {"msgpack", u"3.0.0"_s}};
    for (const auto &serializer : serializers) {
        if (!only.isEmpty() && only != QLatin1StringView(serializer.name))
            continue;
        const double baseline = plainFrames(serializer.vsn, events);
        const double rate = catchUp(server, serializer.vsn, events);
        const double raw = catchUpRaw(server, serializer.vsn, events);
        std::printf("| %-11s | %-41s | %12.0f | %11.2f |\n", serializer.name,
                    "baseline: QJsonObject per event, encoded", baseline, 1.0);
        std::printf("| %-11s | %-41s | %12.0f | %11.2f |\n", serializer.name,
                    "server catch-up to a QWebSocket client", rate, rate / baseline);
        std::printf("| %-11s | %-41s | %12.0f | %11.2f |\n", serializer.name,
                    "server catch-up to a raw frame counter", raw, raw / baseline);
    }
    return 0;
}
