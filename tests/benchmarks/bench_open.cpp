// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

// Opening a store end to end, as a user does: dust-devserver on disk and the
// dust CLI run as processes. The store is filled through REST batch_write;
// then `dust get` (connect, join, catch-up, first read) is timed from spawn
// to exit, and its peak RSS is the child's ru_maxrss.
//
//   bench_open [--runs N] [--sizes 100000,200000]
//              [--baseline-server PATH --baseline-cli PATH]
//
// The baseline pair may also come from $DUST_BASELINE_SERVER and
// $DUST_BASELINE_CLI (e.g. binaries built from an older commit); each row is
// then measured for both pairs, alternating, against the same data directory.

#include <QtCore/qcommandlineparser.h>
#include <QtCore/qcoreapplication.h>
#include <QtCore/qdir.h>
#include <QtCore/qelapsedtimer.h>
#include <QtCore/qeventloop.h>
#include <QtCore/qfile.h>
#include <QtCore/qjsonarray.h>
#include <QtCore/qjsondocument.h>
#include <QtCore/qjsonobject.h>
#include <QtCore/qprocess.h>
#include <QtCore/qtemporarydir.h>
#include <QtCore/qtimer.h>
#include <QtNetwork/qnetworkaccessmanager.h>
#include <QtNetwork/qnetworkreply.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <memory>
#include <optional>
#include <vector>

#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>

extern char **environ;

using namespace Qt::StringLiterals;

namespace {

const QString Store = u"bench/site"_s;
constexpr int BatchSize = 1000;   // REST batch_write takes at most 1,000 ops

struct Binaries
{
    QString label;
    QString server;
    QString cli;
};

bool spin(const std::function<bool()> &done, int timeoutMs = 600000)
{
    QElapsedTimer timer;
    timer.start();
    QTimer wake;
    wake.start(20);
    while (!done()) {
        if (timer.elapsed() > timeoutMs)
            return false;
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
    }
    return true;
}

// One dust-devserver process on a data directory, on a free port.
class ServerProcess
{
public:
    ServerProcess(const QString &program, const QString &dataDir)
    {
        m_process.setProgram(program);
        m_process.setArguments({u"--port"_s, u"0"_s, u"--data-dir"_s, dataDir, u"--store"_s, Store});
        m_process.setStandardErrorFile(QProcess::nullDevice());
        m_process.start();
        QByteArray out;
        const bool ready = spin([&] {
            out += m_process.readAllStandardOutput();
            return out.contains("Dev token:") || m_process.state() == QProcess::NotRunning;
        }, 120000);
        for (const QByteArray &line : out.split('\n')) {
            if (line.startsWith("Port:"))
                m_port = line.mid(5).trimmed().toUShort();
            else if (line.startsWith("Dev token:"))
                m_token = QString::fromUtf8(line.mid(10).trimmed());
        }
        if (!ready || m_port == 0 || m_token.isEmpty())
            qFatal("%s did not start: %s", qPrintable(program), out.constData());
    }
    ~ServerProcess()
    {
        m_process.terminate();
        if (!m_process.waitForFinished(30000))
            m_process.kill();
        m_process.waitForFinished();
    }

    quint16 port() const { return m_port; }
    QString token() const { return m_token; }

private:
    QProcess m_process;
    quint16 m_port = 0;
    QString m_token;
};

void fill(const ServerProcess &server, int entries)
{
    QNetworkAccessManager http;
    const QUrl url(u"http://127.0.0.1:%1/api/stores/%2/entries/batch_write"_s.arg(server.port()).arg(Store));
    for (int done = 0; done < entries; done += BatchSize) {
        QJsonArray ops;
        for (int i = done; i < std::min(entries, done + BatchSize); ++i) {
            ops.append(QJsonObject{{u"op"_s, u"set"_s},
                                   {u"path"_s, u"items/%1"_s.arg(i)},
                                   {u"value"_s, QJsonObject{{u"n"_s, i}, {u"text"_s, u"hello"_s}}}});
        }
        QNetworkRequest request(url);
        request.setRawHeader("Authorization", "Bearer " + server.token().toLatin1());
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        std::unique_ptr<QNetworkReply> reply(
            http.post(request, QJsonDocument(QJsonObject{{u"ops"_s, ops}}).toJson(QJsonDocument::Compact)));
        if (!spin([&] { return reply->isFinished(); }) || reply->error() != QNetworkReply::NoError)
            qFatal("batch_write failed: %s", qPrintable(reply->errorString()));
    }
}

struct Sample
{
    double seconds = 0;
    double peakRssMb = 0;
};

// Spawns `dust get` and waits for it with wait4(), which gives the child's
// peak RSS; its output goes to a file, checked against the value written.
Sample timeGet(const QString &cli, const ServerProcess &server, const QString &outFile)
{
    const QList<QByteArray> args{QFile::encodeName(cli),
                                 "--url", u"ws://127.0.0.1:%1/ws/sync"_s.arg(server.port()).toUtf8(),
                                 "--token", server.token().toUtf8(), "--timeout", "600000",
                                 "get", Store.toUtf8(), "items/0"};
    std::vector<char *> argv;
    for (const QByteArray &arg : args)
        argv.push_back(const_cast<char *>(arg.constData()));
    argv.push_back(nullptr);
    const QByteArray out = QFile::encodeName(outFile);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, out.constData(), O_WRONLY | O_CREAT | O_TRUNC, 0644);

    const auto started = std::chrono::steady_clock::now();
    pid_t pid = 0;
    if (posix_spawn(&pid, argv.front(), &actions, nullptr, argv.data(), environ) != 0)
        qFatal("cannot run %s", argv.front());
    posix_spawn_file_actions_destroy(&actions);
    int status = 0;
    rusage usage{};
    if (wait4(pid, &status, 0, &usage) != pid || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
        qFatal("%s get failed (status %d)", argv.front(), status);
    const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - started;

    QFile printed(outFile);
    if (!printed.open(QIODevice::ReadOnly)
        || QJsonDocument::fromJson(printed.readAll()).object().value(u"text") != u"hello"_s)
        qFatal("dust get printed the wrong value");
    return {elapsed.count(), double(usage.ru_maxrss) / 1024.0};
}

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    const size_t n = values.size();
    return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

struct Row
{
    double seconds = 0;
    double peakRssMb = 0;
};

// Each pair opens the store `runs` times, taking turns, so that load on the
// machine falls on both alike.
std::vector<Row> measure(const std::vector<Binaries> &pairs, const QString &dataDir, int runs,
                         const QString &scratch)
{
    std::vector<std::vector<double>> seconds(pairs.size()), rss(pairs.size());
    for (int run = 0; run < runs; ++run) {
        for (size_t p = 0; p < pairs.size(); ++p) {
            const ServerProcess server(pairs[p].server, dataDir);
            const Sample sample = timeGet(pairs[p].cli, server, scratch + u"/get.out"_s);
            seconds[p].push_back(sample.seconds);
            rss[p].push_back(sample.peakRssMb);
        }
    }
    std::vector<Row> rows;
    for (size_t p = 0; p < pairs.size(); ++p)
        rows.push_back({median(seconds[p]), median(rss[p])});
    return rows;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption runsOption(u"runs"_s, u"Runs per row; the median is printed."_s, u"n"_s, u"3"_s);
    const QCommandLineOption sizesOption(u"sizes"_s, u"Store sizes, comma-separated."_s, u"list"_s,
                                         u"100000,200000"_s);
    const QCommandLineOption baseServer(u"baseline-server"_s, u"Baseline dust-devserver."_s, u"path"_s,
                                        qEnvironmentVariable("DUST_BASELINE_SERVER"));
    const QCommandLineOption baseCli(u"baseline-cli"_s, u"Baseline dust CLI."_s, u"path"_s,
                                     qEnvironmentVariable("DUST_BASELINE_CLI"));
    parser.addOptions({runsOption, sizesOption, baseServer, baseCli});
    parser.process(app);

    std::vector<Binaries> pairs;
    if (!parser.value(baseServer).isEmpty() && !parser.value(baseCli).isEmpty())
        pairs.push_back({u"baseline"_s, parser.value(baseServer), parser.value(baseCli)});
    pairs.push_back({u"this build"_s, QStringLiteral(DUST_DEVSERVER_PATH), QStringLiteral(DUST_CLI_PATH)});
    const int runs = std::max(1, parser.value(runsOption).toInt());

    QTemporaryDir dir;
    if (!dir.isValid())
        qFatal("no temporary directory");
    std::printf("Open a store end to end: `dust get` (join + catch-up + first read) against dust-devserver\n"
                "on disk, filled through REST batch_write; medians of %d runs (%s build)\n\n", runs,
#ifdef NDEBUG
                "release");
#else
                "debug");
#endif
    std::printf("| %9s | %-10s | %8s | %10s | %13s | %8s | %8s |\n", "entries", "binaries", "seconds",
                "events/s", "peak RSS (MB)", "rate ×", "RSS ×");
    std::printf("|----------:|------------|---------:|-----------:|--------------:|---------:|---------:|\n");
    for (const QString &size : parser.value(sizesOption).split(u',', Qt::SkipEmptyParts)) {
        const int entries = size.toInt();
        const QString dataDir = dir.filePath(u"data-"_s + size);
        {
            const ServerProcess server(pairs.back().server, dataDir);
            fill(server, entries);
        }
        const std::vector<Row> rows = measure(pairs, dataDir, runs, dir.path());
        for (size_t p = 0; p < pairs.size(); ++p) {
            const Row &row = rows[p];
            std::printf("| %9d | %-10s | %8.3f | %10.0f | %13.1f | %8.2f | %8.2f |\n", entries,
                        qPrintable(pairs[p].label), row.seconds, entries / row.seconds, row.peakRssMb,
                        rows.front().seconds / row.seconds, row.peakRssMb / rows.front().peakRssMb);
        }
    }
    if (pairs.size() == 1)
        std::printf("\nNo baseline: pass --baseline-server and --baseline-cli (or $DUST_BASELINE_SERVER and\n"
                    "$DUST_BASELINE_CLI) to measure another build side by side.\n");
    return 0;
}
