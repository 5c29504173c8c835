// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

// dust-devserver throughput, measured against plain QtSql on the same disk:
// acknowledged writes per second for 1 and 8 WebSocket clients, and the
// catch-up replay rate of a 100,000-event store. Run it from the release
// preset: ./build/release/tests/benchmarks/bench_server

#include <dustserver.h>

#include <QtCore/qcoreapplication.h>
#include <QtCore/qdir.h>
#include <QtCore/qelapsedtimer.h>
#include <QtCore/qeventloop.h>
#include <QtCore/qjsonarray.h>
#include <QtCore/qjsondocument.h>
#include <QtCore/qjsonobject.h>
#include <QtCore/qloggingcategory.h>
#include <QtCore/qstorageinfo.h>
#include <QtCore/qtemporarydir.h>
#include <QtCore/qtimer.h>
#include <QtCore/qurlquery.h>
#include <QtNetwork/qnetworkaccessmanager.h>
#include <QtNetwork/qnetworkreply.h>
#include <QtSql/qsqldatabase.h>
#include <QtSql/qsqlerror.h>
#include <QtSql/qsqlquery.h>
#include <QtWebSockets/qwebsocket.h>

#include <cstdio>
#include <memory>

using namespace Qt::StringLiterals;

namespace {

const QString Topic = u"store:bench/site"_s;

// A lean Phoenix client: keeps `window` writes in flight and counts acks,
// without decoding the broadcasts it gets for everybody's writes.
class WriterClient : public QObject
{
public:
    WriterClient(const QUrl &url, int index, int writes, int window)
        : m_index(index), m_remaining(writes), m_window(window)
    {
        connect(&m_socket, &QWebSocket::textMessageReceived, this, &WriterClient::received);
        connect(&m_socket, &QWebSocket::connected, this, [this] {
            m_socket.sendTextMessage(uR"(["1","1","%1","phx_join",{"last_store_seq":0}])"_s.arg(Topic));
        });
        m_socket.open(url);
    }

    bool joined() const { return m_joined; }
    bool done() const { return m_remaining == 0 && m_inFlight == 0; }
    void start()
    {
        while (m_inFlight < m_window && m_remaining > 0)
            send();
    }

private:
    void send()
    {
        --m_remaining;
        ++m_inFlight;
        const int n = m_sent++;
        m_socket.sendTextMessage(
            uR"(["1","w%1","%2","write",{"op":"set","path":"c%3/k%4","value":{"n":%4,"text":"hello"},"client_op_id":"op_%3_%4"}])"_s
                .arg(n).arg(Topic).arg(m_index).arg(n));
    }

    void received(const QString &message)
    {
        if (!message.contains(u"\"phx_reply\""))
            return;
        if (!m_joined) {
            m_joined = true;
            return;
        }
        --m_inFlight;
        if (m_remaining > 0)
            send();
    }

    QWebSocket m_socket;
    int m_index;
    int m_remaining;
    int m_window;
    int m_inFlight = 0;
    int m_sent = 0;
    bool m_joined = false;
};

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

QUrl socketUrl(const Dust::Server &server)
{
    QUrl url = server.webSocketUrl();
    url.setPath(u"/ws/sync/websocket"_s);
    QUrlQuery query;
    query.addQueryItem(u"token"_s, server.devToken());
    query.addQueryItem(u"device_id"_s, u"dev_bench"_s);
    query.addQueryItem(u"capver"_s, u"3"_s);
    query.addQueryItem(u"vsn"_s, u"2.0.0"_s);
    url.setQuery(query);
    return url;
}

// Acked writes per second with `clients` sockets, `window` writes in flight each.
double ackedWrites(const QString &dataDir, int clients, int writesPerClient, int window)
{
    Dust::ServerOptions options;
    options.port = 0;
    options.dataDir = dataDir;
    options.stores = {u"bench/site"_s};
    Dust::Server server(options);
    if (!server.start())
        qFatal("server did not start");
    std::vector<std::unique_ptr<WriterClient>> writers;
    for (int i = 0; i < clients; ++i)
        writers.push_back(std::make_unique<WriterClient>(socketUrl(server), i, writesPerClient, window));
    if (!spin([&] { return std::all_of(writers.begin(), writers.end(), [](const auto &w) { return w->joined(); }); }))
        qFatal("clients did not join");
    QElapsedTimer timer;
    timer.start();
    for (const auto &writer : writers)
        writer->start();
    if (!spin([&] { return std::all_of(writers.begin(), writers.end(), [](const auto &w) { return w->done(); }); }))
        qFatal("writes did not finish");
    const double seconds = double(timer.nsecsElapsed()) / 1e9;
    if (server.storeSeq(u"bench/site"_s) != qint64(clients) * writesPerClient)
        qFatal("store_seq does not match the writes");
    return clients * writesPerClient / seconds;
}

// Events per second of a catch-up from 0 over `events` committed ops.
double catchUp(const QString &dataDir, int events)
{
    Dust::ServerOptions options;
    options.port = 0;
    options.dataDir = dataDir;
    options.stores = {u"bench/site"_s};
    Dust::Server server(options);
    if (!server.start())
        qFatal("server did not start");
    // Fill the store through the REST batch_write, 1,000 ops per request.
    QNetworkAccessManager http;
    for (int done = 0; done < events; done += 1000) {
        QJsonArray ops;
        for (int i = done; i < std::min(events, done + 1000); ++i) {
            ops.append(QJsonObject{{u"op"_s, i % 4 ? u"set"_s : u"increment"_s},
                                   {u"path"_s, i % 4 ? u"items/%1"_s.arg(i) : u"counter"_s},
                                   {u"value"_s, i % 4 ? QJsonValue(QJsonObject{{u"n"_s, i}, {u"text"_s, u"hello"_s}})
                                                      : QJsonValue(1)}});
        }
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

    QWebSocket socket;
    socket.setMaxAllowedIncomingMessageSize(64 * 1024 * 1024);
    int received = 0;
    bool complete = false;
    QObject::connect(&socket, &QWebSocket::textMessageReceived, [&](const QString &message) {
        if (message.contains(u"\"catch_up_complete\""))
            complete = true;
        else if (message.contains(u"\"event\""))
            ++received;
    });
    QObject::connect(&socket, &QWebSocket::connected, [&] {
        socket.sendTextMessage(uR"(["1","1","%1","phx_join",{"last_store_seq":0}])"_s.arg(Topic));
    });
    QElapsedTimer timer;
    timer.start();
    socket.open(socketUrl(server));
    if (!spin([&] { return complete; }))
        qFatal("catch-up did not complete");
    const double seconds = double(timer.nsecsElapsed()) / 1e9;
    if (received != events)
        qFatal("catch-up delivered %d of %d events", received, events);
    return events / seconds;
}

// The baselines: the same kind of rows, with plain QtSql, on the same disk.
struct Baseline
{
    double insertsPerSecond = 0;
    double rowsReadPerSecond = 0;
};

Baseline plainQtSql(const QString &dataDir, int inserts, int rows)
{
    Baseline result;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"baseline"_s);
        db.setDatabaseName(dataDir + u"/baseline.db"_s);
        if (!db.open())
            qFatal("baseline: %s", qPrintable(db.lastError().text()));
        QSqlQuery q(db);
        q.exec(u"PRAGMA journal_mode=WAL"_s);
        q.exec(u"PRAGMA synchronous=FULL"_s);
        q.exec(u"CREATE TABLE ops(store_seq INTEGER PRIMARY KEY, op TEXT, path TEXT, value TEXT, type TEXT,"
               " device_id TEXT, client_op_id TEXT, inserted_at INTEGER)"_s);
        QSqlQuery insert(db);
        insert.prepare(u"INSERT INTO ops VALUES (?, 'set', ?, ?, 'map', 'dev_bench', ?, 0)"_s);
        const auto bind = [&](int i) {
            insert.bindValue(0, i + 1);
            insert.bindValue(1, u"items/%1"_s.arg(i));
            insert.bindValue(2, uR"({"n":%1,"text":"hello"})"_s.arg(i));
            insert.bindValue(3, u"op_%1"_s.arg(i));
            if (!insert.exec())
                qFatal("baseline insert: %s", qPrintable(insert.lastError().text()));
        };
        QElapsedTimer timer;
        timer.start();
        for (int i = 0; i < inserts; ++i) {
            db.transaction();
            bind(i);
            db.commit();
        }
        result.insertsPerSecond = inserts / (double(timer.nsecsElapsed()) / 1e9);

        db.transaction();
        for (int i = inserts; i < rows; ++i)
            bind(i);
        db.commit();
        timer.restart();
        QSqlQuery read(db);
        read.setForwardOnly(true);
        read.exec(u"SELECT store_seq, op, path, value, type, device_id, client_op_id, inserted_at FROM ops"
                  " ORDER BY store_seq"_s);
        int count = 0;
        while (read.next()) {
            if (!read.value(3).toString().isEmpty())
                ++count;
        }
        result.rowsReadPerSecond = count / (double(timer.nsecsElapsed()) / 1e9);
        if (count != rows)
            qFatal("baseline read %d of %d rows", count, rows);
    }
    QSqlDatabase::removeDatabase(u"baseline"_s);
    return result;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QLoggingCategory::setFilterRules(u"dust.server.info=false"_s);
    QTemporaryDir dir;
    if (!dir.isValid())
        qFatal("no temporary directory");
    const auto fresh = [&](const QString &name) {
        QDir(dir.path()).mkpath(name);
        return dir.filePath(name);
    };

    constexpr int CatchUpEvents = 100000;
    const Baseline baseline = plainQtSql(fresh(u"baseline"_s), 3000, CatchUpEvents);
    const double one = ackedWrites(fresh(u"one"_s), 1, 3000, 1);
    const double eight = ackedWrites(fresh(u"eight"_s), 8, 500, 1);
    const double pipelined = ackedWrites(fresh(u"pipelined"_s), 1, 10000, 64);
    const double replay = catchUp(fresh(u"catchup"_s), CatchUpEvents);

    const QStorageInfo disk(dir.path());
    std::printf("dust-devserver benchmark (%s build), data on %s (%s), SQLite WAL, synchronous=FULL\n\n",
#ifdef NDEBUG
                "release",
#else
                "debug",
#endif
                qPrintable(disk.rootPath()), disk.fileSystemType().constData());
    std::printf("| %-58s | %14s |\n", "measurement", "rate");
    std::printf("|%s|%s|\n", QByteArray(60, '-').constData(), QByteArray(16, '-').constData());
    const auto row = [](const char *name, double value, const char *unit) {
        std::printf("| %-58s | %9.0f %-4s |\n", name, value, unit);
    };
    row("baseline: plain QtSql, one INSERT per transaction", baseline.insertsPerSecond, "/s");
    row("acked writes, 1 WebSocket client, 1 write in flight", one, "/s");
    row("acked writes, 8 WebSocket clients, 1 write in flight each", eight, "/s");
    row("acked writes, 1 WebSocket client, 64 writes in flight", pipelined, "/s");
    row("baseline: plain QtSql, SELECT of 100,000 op rows", baseline.rowsReadPerSecond, "rows/s");
    row("catch-up replay of 100,000 events over WebSocket", replay, "ev/s");
    std::printf("\nGroup commit: writes that arrive together share one transaction, so more\n"
                "clients (or more writes in flight) amortize each WAL sync.\n");
    return 0;
}
