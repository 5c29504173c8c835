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
#include <cstdlib>

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

QString description()
{
    return DevServerText::tr(
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
             "QT_LOGGING_RULES=\"dust.server.debug=true\".");
}

// The options from the command line; exits on --help, --version, an unknown
// option (1) or an invalid value (2).
Dust::ServerOptions parseCommandLine(QCoreApplication &app)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(description());
    parser.addHelpOption();
    parser.addVersionOption();
    Dust::ServerOptions::addCommandLineOptions(parser);
    parser.addOption({u"lang"_s, DevServerText::tr("Language of the messages, e.g. de or fr (default: the system language)."),
                      DevServerText::tr("code")});
    parser.process(app);
    const Dust::Result<Dust::ServerOptions> options = Dust::ServerOptions::fromCommandLine(parser);
    if (!options) {
        print(stderr, u"dust-devserver: "_s + options.error().detail().value(u"message").toString());
        print(stderr, DevServerText::tr("Try 'dust-devserver --help' for more information."));
        std::exit(2);
    }
    return *options;
}

void printBanner(const Dust::Server &server, const Dust::ServerOptions &options)
{
    print(stdout, DevServerText::tr("Dust dev server %1").arg(Dust::version()));
    print(stdout, DevServerText::tr("WebSocket: %1").arg(server.webSocketUrl().toString()));
    print(stdout, DevServerText::tr("HTTP:      %1").arg(server.httpUrl().toString()));
    print(stdout, DevServerText::tr("Port:      %1").arg(server.port()));
    print(stdout, DevServerText::tr("Data:      %1").arg(options.inMemory ? DevServerText::tr("in memory (lost at exit)")
                                                           : server.dataDirectory()));
    print(stdout, DevServerText::tr("Stores:    %1").arg(server.stores().isEmpty() ? DevServerText::tr("(none yet)")
                                                                    : server.stores().join(u", ")));
    if (server.devToken().isEmpty())
        return;
    print(stdout, DevServerText::tr("Dev token: %1").arg(server.devToken()));
    if (!options.inMemory) {
        print(stdout, DevServerText::tr("           (also in %1)")
                          .arg(Dust::ServerOptions::devTokenFile(server.dataDirectory())));
    }
}

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

    const Dust::ServerOptions options = parseCommandLine(app);
    Dust::Server server(options);
    if (const Dust::Result<void> started = server.start(); !started) {
        print(stderr, DevServerText::tr("dust-devserver: cannot start: %1").arg(started.error().toString()));
        return 1;
    }
    printBanner(server, options);

#ifdef Q_OS_UNIX
    quitOnSignals(app);
#endif
    const int code = QCoreApplication::exec();
    server.stop();
    return code;
}
