// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

// Client benchmarks (run from the release preset):
//  - events/s one sync engine applies from a 100,000-event catch-up, against
//    a raw WebSocket receiving the same frames and a bare decode + apply;
//  - bytes per cached entry (memory cache and SQLite-backed): the VmHWM of
//    a child process that catches up on 100,000 entries, less that of one
//    catching up on 1,000. With --baseline-bench PATH (or
//    $DUST_BASELINE_BENCH_CLIENT), a bench_client built from another commit
//    runs the same children, side by side (and with --catch-up-only, the
//    catch-up rows of that build's own table fill the baseline column);
//  - write round-trip latency (ack) through Dust::Store over loopback,
//    against the same write pushed through a raw QWebSocket.
// Prints one table.

#include <dustclient.h>
#include <dustfuture.h>
#include <dustjsonframecodec.h>
#include <dustserver.h>
#include <duststore.h>
#include <dustvaluemodel.h>

#include <QtCore/qcoreapplication.h>
#include <QtCore/qcryptographichash.h>
#include <QtCore/qelapsedtimer.h>
#include <QtCore/qeventloop.h>
#include <QtCore/qjsonarray.h>
#include <QtCore/qjsondocument.h>
#include <QtCore/qfile.h>
#include <QtCore/qloggingcategory.h>
#include <QtCore/qhash.h>
#include <QtCore/qprocess.h>
#include <QtCore/qsemaphore.h>
#include <QtCore/qtemporarydir.h>
#include <QtCore/qthread.h>
#include <QtCore/qtimer.h>
#include <QtNetwork/qtcpserver.h>
#include <QtNetwork/qtcpsocket.h>
#include <QtWebSockets/qwebsocket.h>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <optional>

using namespace Qt::StringLiterals;

namespace {

constexpr int CatchUpEvents = 100000;
constexpr int MemoryEntries = 100000;
constexpr int RoundTrips = 2000;
const QString StoreName = u"bench/store"_s;

// Wall time and the CPU time of the whole process (every thread): on a
// loaded machine the second says more about the work than the first.
struct Timing
{
    double wall = 0;
    double cpu = 0;
};

double processCpuSeconds()
{
    timespec now{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
    return double(now.tv_sec) + now.tv_nsec / 1e9;
}

class Stopwatch
{
public:
    void start()
    {
        m_cpu = processCpuSeconds();
        m_wall.start();
    }
    Timing elapsed() const { return {m_wall.nsecsElapsed() / 1e9, processCpuSeconds() - m_cpu}; }

private:
    QElapsedTimer m_wall;
    double m_cpu = 0;
};

struct Row
{
    QString name;
    QString count;
    QString result;
    QString baseline;
};

QString eventFrame(const QString &topic, const QJsonValue &joinRef, const QString &event, const QJsonObject &payload)
{
    return QString::fromUtf8(
        QJsonDocument(QJsonArray{joinRef, QJsonValue::Null, topic, event, payload}).toJson(QJsonDocument::Compact));
}

// `entries` distinct records of two leaves each, as bench_open writes them.
QList<QString> entryFrames(const QString &topic, const QJsonValue &joinRef, int entries)
{
    QList<QString> frames;
    frames.reserve(entries + 1);
    for (int i = 0; i < entries; ++i) {
        const QString path = u"items/%1"_s.arg(i);
        frames.append(eventFrame(topic, joinRef, u"event"_s,
                                 {{u"store_seq"_s, i + 1}, {u"op"_s, u"set"_s}, {u"path"_s, path},
                                  {u"path_segments"_s, QJsonArray{u"items"_s, QString::number(i)}},
                                  {u"value"_s, QJsonObject{{u"n"_s, i}, {u"text"_s, u"hello"_s}}}}));
    }
    frames.append(eventFrame(topic, joinRef, u"catch_up_complete"_s, {{u"through_seq"_s, entries}}));
    return frames;
}

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

// One unmasked WebSocket text frame, as a server sends it.
QByteArray wsTextFrame(const QByteArray &payload)
{
    QByteArray frame;
    frame.reserve(payload.size() + 10);
    frame.append(char(0x81));
    if (payload.size() < 126) {
        frame.append(char(payload.size()));
    } else if (payload.size() < 65536) {
        frame.append(char(126));
        frame.append(char(payload.size() >> 8)).append(char(payload.size() & 0xff));
    } else {
        frame.append(char(127));
        for (int shift = 56; shift >= 0; shift -= 8)
            frame.append(char((quint64(payload.size()) >> shift) & 0xff));
    }
    return frame + payload;
}

// The text of the first complete masked client frame in `buffer` (removed
// from it), or nothing while the frame is incomplete.
std::optional<QByteArray> takeClientFrame(QByteArray &buffer)
{
    if (buffer.size() < 2)
        return std::nullopt;
    const auto byte = [&](qsizetype i) { return quint8(buffer.at(i)); };
    qsizetype at = 2;
    quint64 length = byte(1) & 0x7f;
    if (length == 126) {
        if (buffer.size() < 4)
            return std::nullopt;
        length = (quint64(byte(2)) << 8) | byte(3);
        at = 4;
    } else if (length == 127) {
        if (buffer.size() < 10)
            return std::nullopt;
        length = 0;
        for (qsizetype i = 2; i < 10; ++i)
            length = (length << 8) | byte(i);
        at = 10;
    }
    if (buffer.size() < qsizetype(at + 4 + length))
        return std::nullopt;
    QByteArray payload = buffer.mid(at + 4, qsizetype(length));
    for (qsizetype i = 0; i < payload.size(); ++i)
        payload[i] = char(payload.at(i) ^ buffer.at(at + (i % 4)));
    buffer.remove(0, at + 4 + qsizetype(length));
    return payload;
}

// A feed that plays the server at wire speed: it answers the WebSocket
// upgrade and the join, then writes the reply and the whole catch-up,
// encoded beforehand, in one go. What the client does is all that is timed.
class CatchUpFeed : public QTcpServer
{
public:
    // Sends catchUpFrames(), or `entries` records from entryFrames().
    explicit CatchUpFeed(std::optional<int> entries = std::nullopt) : m_entries(entries)
    {
        listen(QHostAddress::LocalHost, 0);
        connect(this, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = nextPendingConnection())
                serve(socket);
        });
    }
    Stopwatch timer;

private:
    void serve(QTcpSocket *socket)
    {
        auto buffer = std::make_shared<QByteArray>();
        auto upgraded = std::make_shared<bool>(false);
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        connect(socket, &QTcpSocket::readyRead, socket, [this, socket, buffer, upgraded] {
            buffer->append(socket->readAll());
            if (!*upgraded) {
                const qsizetype end = buffer->indexOf("\r\n\r\n");
                if (end < 0)
                    return;
                socket->write(upgradeResponse(buffer->left(end)));
                buffer->remove(0, end + 4);
                *upgraded = true;
            }
            while (const std::optional<QByteArray> text = takeClientFrame(*buffer)) {
                const QJsonArray frame = QJsonDocument::fromJson(*text).array();
                if (frame.at(3).toString() == u"phx_join")
                    sendCatchUp(socket, frame);
            }
        });
    }

    static QByteArray upgradeResponse(const QByteArray &request)
    {
        QByteArray key;
        for (const QByteArray &line : request.split('\n')) {
            if (line.toLower().startsWith("sec-websocket-key:"))
                key = line.mid(line.indexOf(':') + 1).trimmed();
        }
        const QByteArray accept = QCryptographicHash::hash(key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11",
                                                           QCryptographicHash::Sha1)
                                      .toBase64();
        return "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
               "Sec-WebSocket-Accept: " + accept + "\r\n\r\n";
    }

    void sendCatchUp(QTcpSocket *socket, const QJsonArray &join)
    {
        const int head = m_entries.value_or(CatchUpEvents);
        QByteArray wire = wsTextFrame(QJsonDocument(QJsonArray{
            join.at(0), join.at(1), join.at(2), u"phx_reply"_s,
            QJsonObject{{u"status"_s, u"ok"_s}, {u"response"_s, QJsonObject{{u"store_seq"_s, head}}}}})
                                          .toJson(QJsonDocument::Compact));
        const QString topic = join.at(2).toString();
        const QList<QString> frames = m_entries ? entryFrames(topic, join.at(0), *m_entries)
                                                : catchUpFrames(topic, join.at(0));
        for (const QString &f : frames)
            wire += wsTextFrame(f.toUtf8());
        timer.start();
        socket->write(wire);
    }

    const std::optional<int> m_entries;
};

// The engine catching up from the feed, until Store::catchUpCompleted.
Timing catchUpSeconds(const QString &cacheDir, bool subscribe)
{
    CatchUpFeed feed;
    Dust::Client client(QUrl(u"ws://127.0.0.1:%1/ws/sync"_s.arg(feed.serverPort())), u"t"_s, {StoreName});
    client.setCacheDirectory(cacheDir);
    Dust::Store *store = client.store(StoreName);
    std::atomic<qint64> seen{0};
    if (subscribe)
        store->on(u"**"_s, [&](const Dust::StoreEvent &) { seen.fetch_add(1, std::memory_order_relaxed); });
    QEventLoop loop;
    Timing seconds;
    QObject::connect(store, &Dust::Store::catchUpCompleted, &loop, [&] {
        seconds = feed.timer.elapsed();
        loop.quit();
    });
    client.open();
    loop.exec();
    if (store->lastStoreSeq() != CatchUpEvents || (subscribe && seen.load() != CatchUpEvents))
        qFatal("catch-up incomplete: %lld of %d, %lld seen", store->lastStoreSeq(), CatchUpEvents, qint64(seen.load()));
    return seconds;
}

// The peak RSS (VmHWM) of this process, in bytes.
qint64 peakRss()
{
    QFile status(u"/proc/self/status"_s);
    if (!status.open(QIODevice::ReadOnly))
        qFatal("cannot read /proc/self/status");
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').first().toLongLong() * 1024;
    }
    qFatal("no VmHWM in /proc/self/status");
}

// `--memory-child memory|sqlite PORT`: one client catches up from the feed
// at PORT and prints its peak RSS.
int memoryChild(const QString &cache, const QString &port)
{
    QTemporaryDir dir;
    Dust::Client client(QUrl(u"ws://127.0.0.1:%1/ws/sync"_s.arg(port)), u"t"_s, {StoreName});
    if (cache == u"sqlite")
        client.setCacheDirectory(dir.path());
    Dust::Store *store = client.store(StoreName);
    QEventLoop loop;
    QObject::connect(store, &Dust::Store::catchUpCompleted, &loop, &QEventLoop::quit);
    client.open();
    loop.exec();
    if (!store->get(u"items/0/text"_s))
        qFatal("the child's catch-up is missing items/0");
    std::printf("%lld\n", peakRss());
    return 0;
}

// The peak RSS of `bench` as a memory child caught up on `entries` records.
qint64 childPeakRss(const QString &bench, const QString &cache, int entries)
{
    CatchUpFeed feed(entries);
    QProcess child;
    child.start(bench, {u"--memory-child"_s, cache, QString::number(feed.serverPort())});
    QEventLoop loop;
    QObject::connect(&child, &QProcess::finished, &loop, &QEventLoop::quit);
    if (child.state() != QProcess::NotRunning)
        loop.exec();
    const qint64 bytes = child.readAllStandardOutput().trimmed().toLongLong();
    if (child.exitStatus() != QProcess::NormalExit || child.exitCode() != 0 || bytes <= 0)
        qFatal("%s --memory-child %s failed: %s", qPrintable(bench), qPrintable(cache),
               child.readAllStandardError().constData());
    return bytes;
}

// Bytes of peak RSS per cached entry (two leaves each), the median of three
// children per size.
double bytesPerEntry(const QString &bench, const QString &cache)
{
    constexpr int Small = 1000;
    QList<double> samples;
    for (int i = 0; i < 3; ++i) {
        const qint64 small = childPeakRss(bench, cache, Small);
        const qint64 large = childPeakRss(bench, cache, MemoryEntries);
        samples.append(double(large - small) / (MemoryEntries - Small));
    }
    std::sort(samples.begin(), samples.end());
    return samples.at(1);
}

void appendMemoryRows(QList<Row> &rows, const QString &baselineBench)
{
    for (const QString &cache : {u"memory"_s, u"sqlite"_s}) {
        std::fprintf(stderr, "bytes per entry, %s cache...\n", qPrintable(cache));
        const double ours = bytesPerEntry(QCoreApplication::applicationFilePath(), cache);
        QString baseline = u"-"_s;
        if (!baselineBench.isEmpty()) {
            const double theirs = bytesPerEntry(baselineBench, cache);
            baseline = u"%1 B (this build %2x)"_s.arg(qRound64(theirs)).arg(ours / theirs, 0, 'f', 2);
        }
        rows.append({u"bytes per cached entry (VmHWM), %1 cache"_s.arg(cache), QString::number(MemoryEntries),
                     u"%1 B"_s.arg(qRound64(ours)), baseline});
    }
}

// The result cells of `bench --catch-up-only` built from another commit,
// by row name: that build's own table, run before this one's rows.
QHash<QString, QString> baselineCatchUpRows(const QString &bench)
{
    std::fprintf(stderr, "catch-up of %s...\n", qPrintable(bench));
    QProcess child;
    child.start(bench, {u"--catch-up-only"_s});
    if (!child.waitForFinished(900000) || child.exitStatus() != QProcess::NormalExit || child.exitCode() != 0)
        qFatal("%s --catch-up-only failed: %s", qPrintable(bench), child.readAllStandardError().constData());
    QHash<QString, QString> cells;
    for (const QByteArray &line : child.readAllStandardOutput().split('\n')) {
        const QList<QByteArray> columns = line.split('|');
        if (columns.size() == 6)
            cells.insert(QString::fromUtf8(columns.at(1).trimmed()), QString::fromUtf8(columns.at(3).trimmed()));
    }
    return cells;
}

// The same feed into a bare QWebSocket on its own thread, no decoding: the
// transport alone.
Timing rawReceiveSeconds()
{
    CatchUpFeed feed;
    QThread thread;
    QWebSocket client;
    client.moveToThread(&thread);
    QSemaphore done;
    int received = 0;
    QObject::connect(&client, &QWebSocket::textMessageReceived, &client, [&](const QString &) {
        if (++received == CatchUpEvents + 2)
            done.release();
    });
    QObject::connect(&client, &QWebSocket::connected, &client, [&] {
        client.sendTextMessage(u"[\"1\",\"1\",\"store:%1\",\"phx_join\",{}]"_s.arg(StoreName));
    });
    thread.start();
    QMetaObject::invokeMethod(&client, [&] { client.open(QUrl(u"ws://127.0.0.1:%1"_s.arg(feed.serverPort()))); });
    while (!done.tryAcquire(1, 1))
        QCoreApplication::processEvents();
    const Timing seconds = feed.timer.elapsed();
    QMetaObject::invokeMethod(&client, [&] { client.abort(); client.moveToThread(qApp->thread()); },
                              Qt::BlockingQueuedConnection);
    thread.quit();
    thread.wait();
    return seconds;
}

// Decode and apply to a ValueModel in this thread: the engine's floor.
Timing decodeApplySeconds()
{
    const QList<QString> frames = catchUpFrames(u"store:"_s + StoreName, u"1"_s);
    Dust::JsonFrameCodec codec;
    Dust::ValueModel model;
    Stopwatch timer;
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
    return timer.elapsed();
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

QString rate(const Timing &seconds)
{
    return u"%1 events/s, %2 /CPU-s"_s.arg(qRound64(CatchUpEvents / seconds.wall))
        .arg(qRound64(CatchUpEvents / seconds.cpu));
}

// The median of five runs: the machine is shared, single runs are noisy.
template<typename F>
Timing median5(F measure)
{
    QList<double> wall;
    QList<double> cpu;
    for (int i = 0; i < 5; ++i) {
        const Timing t = measure();
        wall.append(t.wall);
        cpu.append(t.cpu);
    }
    std::sort(wall.begin(), wall.end());
    std::sort(cpu.begin(), cpu.end());
    return {wall.at(2), cpu.at(2)};
}

Timing sqliteCatchUpSeconds(bool subscribe)
{
    QTemporaryDir dir;
    return catchUpSeconds(dir.path(), subscribe);
}

// How long Client::open() holds its caller with a SQLite cache of a whole
// catch-up, and how long until that cache is loaded: what open() held its
// caller for when it loaded the caches before returning. Medians of five;
// nothing listens at the URL, so only the load is measured.
std::pair<double, double> openSeconds(qint64 *leaves)
{
    QTemporaryDir dir;
    catchUpSeconds(dir.path(), false);
    QList<double> returned;
    QList<double> loaded;
    for (int i = 0; i < 5; ++i) {
        Dust::Client client(QUrl(u"ws://127.0.0.1:1/ws/sync"_s), u"t"_s, {StoreName});
        client.setCacheDirectory(dir.path());
        QElapsedTimer timer;
        timer.start();
        client.open();
        returned.append(timer.nsecsElapsed() / 1e9);
        QFuture<Dust::Result<void>> done = client.whenCacheLoaded();
        done.waitForFinished();
        loaded.append(timer.nsecsElapsed() / 1e9);
        if (!Dust::takeResult(done))
            qFatal("cache not loaded");
        *leaves = *client.store(StoreName)->count(u"**"_s);
    }
    std::sort(returned.begin(), returned.end());
    std::sort(loaded.begin(), loaded.end());
    return {returned.at(2), loaded.at(2)};
}

void printTable(const QList<Row> &rows)
{
    std::printf("| %-44s | %-7s | %-36s | %-36s |\n", "measurement", "n", "result", "baseline (same run)");
    std::printf("|%s|%s|%s|%s|\n", QByteArray(46, '-').constData(), QByteArray(9, '-').constData(),
                QByteArray(38, '-').constData(), QByteArray(38, '-').constData());
    for (const Row &row : rows) {
        std::printf("| %-44s | %-7s | %-36s | %-36s |\n", qPrintable(row.name), qPrintable(row.count),
                    row.result.toUtf8().constData(), row.baseline.toUtf8().constData());
    }
    std::fflush(stdout);
}

QString latency(const Percentiles &p)
{
    return u"p50 %1 us, p99 %2 us"_s.arg(p.p50, 0, 'f', 0).arg(p.p99, 0, 'f', 0);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QLoggingCategory::setFilterRules(u"dust.*=false\nqt.*=false"_s);

    // Nothing here should take long; a hang is a failure.
    QTimer::singleShot(900000, [] { qFatal("benchmark timed out"); });
    // `--memory-only [--baseline-bench PATH]`: the bytes-per-entry rows alone.
    // `--catch-up-only [memory|sqlite [runs]]`: the catch-up rows alone, or
    // one engine catch-up `runs` times (5) in a loop, to run under a profiler.
    // `--catch-up-only --baseline-bench PATH`: the rows of PATH's own table
    // in the baseline column.
    const QStringList args = app.arguments();
    if (const qsizetype child = args.indexOf(u"--memory-child"_s); child > 0 && child + 2 < args.size())
        return memoryChild(args.at(child + 1), args.at(child + 2));
    const qsizetype baselineAt = args.indexOf(u"--baseline-bench"_s);
    const QString baselineBench = baselineAt > 0 && baselineAt + 1 < args.size()
        ? args.at(baselineAt + 1) : qEnvironmentVariable("DUST_BASELINE_BENCH_CLIENT");
    if (args.contains(u"--memory-only"_s)) {
        QList<Row> rows;
        appendMemoryRows(rows, baselineBench);
        printTable(rows);
        return 0;
    }
    const bool catchUpOnly = args.contains(u"--catch-up-only"_s);
    if (catchUpOnly && (args.contains(u"memory"_s) || args.contains(u"sqlite"_s))) {
        bool numeric = false;
        const int runs = args.constLast().toInt(&numeric);
        for (int i = 0; i < (numeric ? runs : 5); ++i)
            args.contains(u"sqlite"_s) ? sqliteCatchUpSeconds(false) : catchUpSeconds({}, false);
        return 0;
    }
    QList<Row> rows;
    const QHash<QString, QString> theirs = catchUpOnly && !baselineBench.isEmpty()
        ? baselineCatchUpRows(baselineBench) : QHash<QString, QString>();
    std::fprintf(stderr, "catch-up...\n");
    catchUpSeconds({}, false); // warm-up
    const Timing raw = median5([] { return rawReceiveSeconds(); });
    const Timing bare = median5([] { return decodeApplySeconds(); });
    const QString events = QString::number(CatchUpEvents);
    const auto row = [&](const QString &name, const Timing &seconds, const QString &baseline) {
        rows.append({name, events, rate(seconds), theirs.value(name, baseline)});
    };
    row(u"raw QWebSocket receive (no decode)"_s, raw, u"-"_s);
    row(u"decode + ValueModel apply, one thread"_s, bare, u"-"_s);
    row(u"engine catch-up, memory cache"_s, median5([] { return catchUpSeconds({}, false); }), rate(raw));
    row(u"engine catch-up, SQLite cache (WAL)"_s, median5([] { return sqliteCatchUpSeconds(false); }), rate(raw));
    row(u"engine catch-up, memory + 1 subscription"_s, median5([] { return catchUpSeconds({}, true); }),
        rate(raw));
    if (catchUpOnly) {
        printTable(rows);
        return 0;
    }
    appendMemoryRows(rows, baselineBench);
    std::fprintf(stderr, "open...\n");
    qint64 leaves = 0;
    const auto [returned, loaded] = openSeconds(&leaves);
    const auto ms = [](double seconds) { return u"%1 ms"_s.arg(seconds * 1000, 0, 'f', 3); };
    rows.append({u"Client::open() returns (SQLite cache)"_s, QString::number(leaves), ms(returned),
                 ms(loaded) + u" = open() before (x%1)"_s.arg(loaded / returned, 0, 'f', 0)});

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

    printTable(rows);
    return 0;
}
