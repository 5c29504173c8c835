// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

// Start-up of a Dust::TestServer fixture (construction until its client has
// joined), which decides whether one fixture per test function is cheap,
// against baselines measured in the same run: a bare QWebSocketServer that
// listens on a free loopback port, and the fixture's steps done by hand
// (Server::start() alone, and Server::start() plus a Client that joins). Run from the release preset:
//   ./run build release && build/release/tests/benchmarks/bench_testkit

#include <dusttestserver.h>

#include <dustclient.h>
#include <dustserver.h>
#include <duststore.h>

#include <QtCore/qcoreapplication.h>
#include <QtCore/qelapsedtimer.h>
#include <QtCore/qloggingcategory.h>
#include <QtCore/qtemporarydir.h>
#include <QtCore/qtimer.h>
#include <QtWebSockets/qwebsocketserver.h>

#include <algorithm>
#include <cstdio>
#include <functional>

using namespace Qt::StringLiterals;

namespace {

constexpr int Rounds = 50;

struct Stats
{
    double median = 0;
    double p95 = 0;
    double max = 0;
};

Stats stats(QList<double> ms)
{
    std::sort(ms.begin(), ms.end());
    return {ms.at(ms.size() / 2), ms.at(ms.size() * 95 / 100), ms.last()};
}

Stats measure(const std::function<void()> &round)
{
    round(); // warm-up: first use of sockets, SQLite, thread pools
    QList<double> ms;
    for (int i = 0; i < Rounds; ++i) {
        QElapsedTimer clock;
        clock.start();
        round();
        ms.append(clock.nsecsElapsed() / 1e6);
    }
    return stats(ms);
}

Dust::ServerOptions serverOptions(bool inMemory, const QString &dir)
{
    Dust::ServerOptions options;
    options.port = 0;
    options.inMemory = inMemory;
    options.dataDir = dir;
    options.stores = {u"test/store"_s};
    return options;
}

void spinUntil(const std::function<bool()> &done)
{
    while (!done())
        QCoreApplication::processEvents(QEventLoop::AllEvents, 1);
}

void byHand(bool inMemory, bool withClient)
{
    std::unique_ptr<QTemporaryDir> dir;
    if (!inMemory)
        dir = std::make_unique<QTemporaryDir>();
    Dust::Server server(serverOptions(inMemory, dir ? dir->path() : QString()));
    if (!server.start())
        qFatal("server did not start");
    if (!withClient)
        return;
    Dust::Client client(server.webSocketUrl(), server.devToken(), {u"test/store"_s});
    client.open();
    Dust::Store *store = client.store(u"test/store"_s);
    spinUntil([store] { return store->status() == Dust::Client::Status::Connected; });
}

void bareListen()
{
    QWebSocketServer server(u"baseline"_s, QWebSocketServer::NonSecureMode);
    if (!server.listen(QHostAddress::LocalHost, 0))
        qFatal("baseline: %s", qPrintable(server.errorString()));
    server.close();
}

void fixture(Dust::TestServerOptions::Storage storage, QList<double> *reported)
{
    Dust::TestServerOptions options;
    options.storage = storage;
    Dust::TestServer server(options);
    if (!server.isReady())
        qFatal("fixture: %s", qPrintable(server.error().toString()));
    if (reported)
        reported->append(server.startUpTime().count() / 1e6);
}

QString ms(double value)
{
    return QString::number(value, 'f', 2);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QLoggingCategory::setFilterRules(u"dust.*=false\nqt.*=false"_s);
    QTimer::singleShot(240000, [] { qFatal("benchmark timed out"); });

    struct Row
    {
        QString name;
        Stats stats;
    };
    QList<Row> rows;
    using Storage = Dust::TestServerOptions::Storage;
    rows.append({u"baseline: bare QWebSocketServer listen + close"_s, measure(bareListen)});
    rows.append({u"by hand: Server::start(), in memory"_s, measure([] { byHand(true, false); })});
    rows.append({u"by hand: start + Client joined, in memory"_s, measure([] { byHand(true, true); })});
    QList<double> reported;
    rows.append({u"TestServer, in memory (construct + destroy)"_s,
                 measure([&reported] { fixture(Storage::InMemory, &reported); })});
    reported.removeFirst();
    rows.append({u"TestServer, in memory: startUpTime()"_s, stats(reported)});
    rows.append({u"by hand: start + Client joined, temp dir"_s, measure([] { byHand(false, true); })});
    rows.append({u"TestServer, temp dir (construct + destroy)"_s,
                 measure([] { fixture(Storage::TemporaryDirectory, nullptr); })});

    std::printf("Fixture start-up, %d rounds each (ms)\n\n", Rounds);
    std::printf("| %-46s | %-8s | %-8s | %-8s |\n", "measurement", "median", "p95", "max");
    std::printf("|%s|%s|%s|%s|\n", QByteArray(48, '-').constData(), QByteArray(10, '-').constData(),
                QByteArray(10, '-').constData(), QByteArray(10, '-').constData());
    for (const Row &row : std::as_const(rows)) {
        std::printf("| %-46s | %8s | %8s | %8s |\n", qPrintable(row.name), qPrintable(ms(row.stats.median)),
                    qPrintable(ms(row.stats.p95)), qPrintable(ms(row.stats.max)));
    }
    return 0;
}
