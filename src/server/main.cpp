// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

// dust-devserver: a local Dust server that unmodified Dust clients can use.

#include <dustserver.h>
#include <dusttranslations.h>

#include <QtCore/qcommandlineparser.h>
#include <QtCore/qcoreapplication.h>
#include <QtCore/qsocketnotifier.h>

#include <csignal>
#include <cstdio>

#ifdef Q_OS_UNIX
#include <sys/socket.h>
#include <unistd.h>
#endif

using namespace Qt::StringLiterals;

namespace {

void print(FILE *stream, const QString &text)
{
    std::fputs(qPrintable(text + u'\n'), stream);
    std::fflush(stream);
}

// The tool's texts share one translation context (lupdate cannot place a
// free tr() function).
struct DevServerText
{
    Q_DECLARE_TR_FUNCTIONS(Dust::DevServer)
};

#ifdef Q_OS_UNIX
int signalPipe[2] = {-1, -1};

void onSignal(int)
{
    const char byte = 1;
    [[maybe_unused]] const auto written = ::write(signalPipe[0], &byte, 1);
}

// SIGINT and SIGTERM end the event loop, so the stores are closed cleanly.
void quitOnSignals(QCoreApplication &app)
{
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, signalPipe) != 0)
        return;
    auto *notifier = new QSocketNotifier(signalPipe[1], QSocketNotifier::Read, &app);
    QObject::connect(notifier, &QSocketNotifier::activated, &app, [] {
        char byte = 0;
        [[maybe_unused]] const auto read = ::read(signalPipe[1], &byte, 1);
        QCoreApplication::quit();
    });
    std::signal(SIGINT, onSignal);
    std::signal(SIGTERM, onSignal);
}
#endif

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"dust-devserver"_s);
    QCoreApplication::setApplicationVersion(Dust::version());
    // Before any text is built: the help texts are translated too. An unknown
    // language is reported and English is used.
    if (const auto installed = Dust::installLanguage(Dust::languageOption(QCoreApplication::arguments()));
        !installed) {
        print(stderr, u"dust-devserver: "_s + installed.error().message());
    }

    const Dust::ServerOptions defaults;
    QCommandLineParser parser;
    parser.setApplicationDescription(DevServerText::tr(
        "A local Dust server that unmodified Dust clients can use.\n\n"
        "Clients connect to ws://<address>:<port>/ws/sync (JSON with vsn=2.0.0, MessagePack with\n"
        "vsn=3.0.0), or wss:// with --cert and --key; the REST entries API is under\n"
        "/api/stores/<org>/<name>/entries and files are under /api/files/<hash>. Without --config the\n"
        "server uses one full-access dev token: it is printed at start-up and kept in\n"
        "<data-dir>/dev-token, where tools look for it.")
        + u"\n\n"_s
        + DevServerText::tr("Ctrl+C or SIGTERM stops it after closing every store cleanly. Exit status: 0 after a stop,\n"
             "1 when it cannot start (port taken, data directory not writable, bad --config) or an\n"
             "option is unknown, 2 for an invalid option value. More log output:\n"
             "QT_LOGGING_RULES=\"dust.server.debug=true\"."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption listen(u"listen"_s,
        DevServerText::tr("Address to listen on (default 127.0.0.1). Anything but a loopback address lets other "
           "machines reach the server; it warns."), DevServerText::tr("address"), u"127.0.0.1"_s);
    const QCommandLineOption port(u"port"_s,
        DevServerText::tr("Port for WebSocket and HTTP (default 7755); 0 picks a free port, printed at start-up."),
        DevServerText::tr("port"), QString::number(defaults.port));
    const QCommandLineOption dataDir(u"data-dir"_s,
        DevServerText::tr("Directory for the SQLite stores and the dev token (default %1).")
            .arg(Dust::ServerOptions::defaultDataDirectory()), DevServerText::tr("dir"));
    const QCommandLineOption memory(u"memory"_s,
        DevServerText::tr("Keep every store in memory only: nothing is written to disk, everything is lost at exit."));
    const QCommandLineOption store(u"store"_s,
        DevServerText::tr("Declare a store \"org/name\", created at start-up if needed. Repeat for more stores."),
        DevServerText::tr("org/name"));
    const QCommandLineOption autoCreate(u"auto-create"_s,
        DevServerText::tr("Create a store when a client first joins or writes to it (the default)."));
    const QCommandLineOption noAutoCreate(u"no-auto-create"_s,
        DevServerText::tr("Only serve declared and existing stores; joining any other store is refused as "
           "\"unauthorized\"."));
    const QCommandLineOption config(u"config"_s,
        DevServerText::tr("Token configuration file: {\"tokens\": [{\"token\": \"dust_tok_...\", \"scopes\": "
           "[\"entries:read\", \"entries:write\", \"files:read\", \"files:write\"], \"store_access\": "
           "\"all\" or [\"org/name\", ...], \"expires_at\": optional ISO 8601 time}]}. The hosted service's "
           "other scopes (stores:*, webhooks:*, audit:read, tokens:*) are accepted and not enforced. Without it "
           "one full-access dev token is used."),
        DevServerText::tr("tokens.json"));
    const QCommandLineOption maxFrame(u"max-frame"_s,
        DevServerText::tr("Largest WebSocket message accepted, in bytes (default %1); a larger one closes the "
           "socket with code 1009.").arg(defaults.maxFrameBytes), DevServerText::tr("bytes"),
        QString::number(defaults.maxFrameBytes));
    const QCommandLineOption idleTimeout(u"idle-timeout"_s,
        DevServerText::tr("Close a WebSocket that sent nothing for this long, in milliseconds (default %1; 0 = "
           "never). Clients send a heartbeat every 30 s.").arg(defaults.idleTimeoutMs), DevServerText::tr("ms"),
        QString::number(defaults.idleTimeoutMs));
    const QCommandLineOption cert(u"cert"_s,
        DevServerText::tr("Serve wss:// and https:// with this PEM certificate file (the server's certificate "
           "first, then its chain). Needs --key."), DevServerText::tr("file"));
    const QCommandLineOption key(u"key"_s,
        DevServerText::tr("The unencrypted PEM private key (RSA or EC) of --cert."), DevServerText::tr("file"));
    const QCommandLineOption rateLimit(u"rate-limit"_s,
        DevServerText::tr("Writes each token may make per window (WebSocket write/put_file and REST writes); "
           "one more is refused with \"rate_limited\" (REST: 429). Default 0 = no limit."),
        DevServerText::tr("writes"), QString::number(defaults.rateLimit));
    const QCommandLineOption rateWindow(u"rate-limit-window"_s,
        DevServerText::tr("The window of --rate-limit, in milliseconds (default %1).").arg(defaults.rateLimitWindowMs),
        DevServerText::tr("ms"), QString::number(defaults.rateLimitWindowMs));
    const QCommandLineOption lang(u"lang"_s,
        DevServerText::tr("Language of the messages, e.g. de or fr (default: the system language)."),
        DevServerText::tr("code"));
    parser.addOptions({listen, port, dataDir, memory, store, autoCreate, noAutoCreate, config,
                       maxFrame, idleTimeout, cert, key, rateLimit, rateWindow, lang});
    parser.process(app);

    const auto usageError = [](const QString &message) {
        print(stderr, u"dust-devserver: "_s + message);
        print(stderr, DevServerText::tr("Try 'dust-devserver --help' for more information."));
        return 2;
    };
    if (!parser.positionalArguments().isEmpty())
        return usageError(DevServerText::tr("unexpected argument '%1'").arg(parser.positionalArguments().first()));

    Dust::ServerOptions options;
    if (!options.address.setAddress(parser.value(listen)))
        return usageError(DevServerText::tr("'%1' is not an IP address").arg(parser.value(listen)));
    bool ok = false;
    const uint portValue = parser.value(port).toUInt(&ok);
    if (!ok || portValue > 65535)
        return usageError(DevServerText::tr("'%1' is not a port number (0-65535)").arg(parser.value(port)));
    options.port = quint16(portValue);
    if (parser.isSet(memory) && parser.isSet(dataDir))
        return usageError(DevServerText::tr("--memory and --data-dir exclude each other"));
    options.inMemory = parser.isSet(memory);
    options.dataDir = parser.value(dataDir);
    if (parser.isSet(autoCreate) && parser.isSet(noAutoCreate))
        return usageError(DevServerText::tr("--auto-create and --no-auto-create exclude each other"));
    options.autoCreate = !parser.isSet(noAutoCreate);
    options.stores = parser.values(store);
    for (const QString &name : std::as_const(options.stores)) {
        if (!Dust::ServerOptions::isValidStoreName(name))
            return usageError(DevServerText::tr("'%1' is not a store name \"org/name\"").arg(name));
    }
    options.tokensFile = parser.value(config);
    options.maxFrameBytes = parser.value(maxFrame).toLongLong(&ok);
    if (!ok || options.maxFrameBytes < 1024)
        return usageError(DevServerText::tr("--max-frame needs a number of bytes of at least 1024"));
    options.idleTimeoutMs = parser.value(idleTimeout).toInt(&ok);
    if (!ok || options.idleTimeoutMs < 0)
        return usageError(DevServerText::tr("--idle-timeout needs a number of milliseconds (0 = never)"));
    if (parser.isSet(cert) != parser.isSet(key))
        return usageError(DevServerText::tr("--cert and --key go together"));
    options.certificateFile = parser.value(cert);
    options.privateKeyFile = parser.value(key);
    options.rateLimit = parser.value(rateLimit).toInt(&ok);
    if (!ok || options.rateLimit < 0)
        return usageError(DevServerText::tr("--rate-limit needs a number of writes (0 = no limit)"));
    options.rateLimitWindowMs = parser.value(rateWindow).toInt(&ok);
    if (!ok || options.rateLimitWindowMs < 1)
        return usageError(DevServerText::tr("--rate-limit-window needs a positive number of milliseconds"));

    Dust::Server server(options);
    if (const Dust::Result<void> started = server.start(); !started) {
        print(stderr, DevServerText::tr("dust-devserver: cannot start: %1").arg(started.error().toString()));
        return 1;
    }

    print(stdout, DevServerText::tr("Dust dev server %1").arg(Dust::version()));
    print(stdout, DevServerText::tr("WebSocket: %1").arg(server.webSocketUrl().toString()));
    print(stdout, DevServerText::tr("HTTP:      %1").arg(server.httpUrl().toString()));
    print(stdout, DevServerText::tr("Port:      %1").arg(server.port()));
    print(stdout, DevServerText::tr("Data:      %1").arg(options.inMemory ? DevServerText::tr("in memory (lost at exit)")
                                                           : server.dataDirectory()));
    print(stdout, DevServerText::tr("Stores:    %1").arg(server.stores().isEmpty() ? DevServerText::tr("(none yet)")
                                                                    : server.stores().join(u", ")));
    if (!server.devToken().isEmpty()) {
        print(stdout, DevServerText::tr("Dev token: %1").arg(server.devToken()));
        if (!options.inMemory) {
            print(stdout, DevServerText::tr("           (also in %1)")
                              .arg(Dust::ServerOptions::devTokenFile(server.dataDirectory())));
        }
    }

#ifdef Q_OS_UNIX
    quitOnSignals(app);
#endif
    const int code = QCoreApplication::exec();
    server.stop();
    return code;
}
