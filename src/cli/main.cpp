// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

// dust: read, write and watch a Dust store from the shell.
//
//   dust [--url U] [--token T] <command> <store> ...
//
// Values are JSON, output is JSON (watch: one line per event). Exit codes:
// 0 ok, 1 the server or the connection failed (reason on stderr), 2 usage,
// 128 + the signal's number when SIGINT or SIGTERM ended it.

#include "clicommands.h"

#include <dusttranslations.h>

#include <QtCore/qcommandlineparser.h>
#include <QtCore/qcoreapplication.h>
#include <QtCore/qdir.h>
#include <QtCore/qfile.h>
#include <QtCore/qloggingcategory.h>
#include <QtCore/qstandardpaths.h>

#include <functional>

using namespace Qt::StringLiterals;
using namespace Dust::Cli;

namespace {

QString defaultToken(const QString &dataDir)
{
    // The dev server keeps its generated token in <data-dir>/dev-token; its
    // default data directory is "dust-devserver" under the generic data location.
    const QString dir = !dataDir.isEmpty()
        ? dataDir
        : QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) + u"/dust-devserver"_s;
    QFile file(QDir(dir).filePath(u"dev-token"_s));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(file.readAll()).trimmed();
}

// The options every command accepts, before or after its name.
struct ConnectionOptions
{
    QCommandLineOption url{u"url"_s, CliText::tr("Server WebSocket URL (default $DUST_URL, else %1).")
                                         .arg(u"ws://127.0.0.1:7755/ws/sync"_s), CliText::tr("url")};
    QCommandLineOption token{u"token"_s,
        CliText::tr("API token (default $DUST_API_KEY, then $DUST_TOKEN, else the dev server's "
                    "<data-dir>/dev-token)."), CliText::tr("token")};
    QCommandLineOption dataDir{u"data-dir"_s,
        CliText::tr("The dev server's data directory, to find its token (default $DUST_DATA_DIR, else the "
           "dev server's default)."), CliText::tr("dir")};
    QCommandLineOption timeout{u"timeout"_s,
        CliText::tr("Give up after this many milliseconds: the whole command, or the start of a watch "
                    "(default 15000)."), CliText::tr("ms"), u"15000"_s};
    QCommandLineOption lang{u"lang"_s,
        CliText::tr("Language of the messages, e.g. de or fr (default: the system language)."), CliText::tr("code")};
    QCommandLineOption msgpack{u"msgpack"_s,
        CliText::tr("Speak MessagePack frames (Phoenix serializer vsn 3.0.0) instead of JSON.")};

    QList<QCommandLineOption> all() const { return {url, token, dataDir, timeout, lang, msgpack}; }
};

// --token, then $DUST_API_KEY (the upstream SDK's), then $DUST_TOKEN, then
// the dev server's token file.
QString resolveToken(const ConnectionOptions &options, const std::function<QString(const QCommandLineOption &)> &value,
                     bool dataDirGiven)
{
    for (const QString &token : {value(options.token), qEnvironmentVariable("DUST_API_KEY"),
                                 qEnvironmentVariable("DUST_TOKEN")}) {
        if (!token.isEmpty())
            return token;
    }
    return defaultToken(dataDirGiven ? value(options.dataDir) : qEnvironmentVariable("DUST_DATA_DIR"));
}

// Parses the command's own options and arguments, then runs it.
int runCommand(const Command &command, const QStringList &rest, const QCommandLineParser &global,
               const ConnectionOptions &options)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(CliText::tr(command.description));
    const QCommandLineOption commandHelp = parser.addHelpOption();
    const QString name = QString::fromLatin1(command.name);
    parser.addPositionalArgument(name, CliText::tr(command.description),
                                 name + u' ' + QLatin1StringView(command.arguments));
    parser.addOptions(options.all());
    if (command.addOptions)
        command.addOptions(parser);
    if (!parser.parse(QStringList{QCoreApplication::arguments().first()} + rest))
        return fail(parser.errorText(), Usage);
    if (parser.isSet(commandHelp)) {
        printLine(parser.helpText().toLocal8Bit());
        return Ok;
    }
    const QStringList args = parser.positionalArguments().mid(1);
    if (args.size() < command.minArgs || (command.maxArgs >= 0 && args.size() > command.maxArgs)) {
        return fail(CliText::tr("usage: dust [--url U] [--token T] %1 %2")
                        .arg(name, QLatin1StringView(command.arguments)), Usage);
    }
    const auto value = [&](const QCommandLineOption &o) { return parser.isSet(o) ? parser.value(o) : global.value(o); };
    bool numberOk = true;
    const int timeoutMs = value(options.timeout).toInt(&numberOk);
    if (!numberOk || timeoutMs <= 0)
        return fail(CliText::tr("--timeout must be a positive number of milliseconds"), Usage);
    QString serverUrl = value(options.url);
    if (serverUrl.isEmpty())
        serverUrl = qEnvironmentVariable("DUST_URL", u"ws://127.0.0.1:7755/ws/sync"_s);
    const QString token = resolveToken(options, value, global.isSet(options.dataDir) || parser.isSet(options.dataDir));
    if (token.isEmpty())
        return fail(CliText::tr("no token: pass --token, set DUST_API_KEY or DUST_TOKEN, or start dust-devserver"), Usage);

    Session session(QUrl(serverUrl), token, args.first(), timeoutMs);
    if (global.isSet(options.msgpack) || parser.isSet(options.msgpack))
        session.client()->setFrameFormat(Dust::Client::FrameFormat::MessagePack);
    Invocation invocation{args, parser, session};
    return command.run(invocation);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"dust"_s);
    QCoreApplication::setApplicationVersion(Dust::version());
    if (!installSignalHandlers())
        return fail(CliText::tr("cannot install signal handlers"));
    // Errors are reported once, on stderr; QT_LOGGING_RULES can turn the
    // library's log back on.
    QLoggingCategory::setFilterRules(u"dust.*=false"_s);
    // Before any text is built: the help texts are translated too. An unknown
    // language is reported and English is used.
    if (const auto installed = Dust::installLanguage(Dust::languageOption(QCoreApplication::arguments()));
        !installed) {
        printLine(u"dust: %1"_s.arg(installed.error().message()).toLocal8Bit(), stderr);
    }

    QCommandLineParser global;
    global.setApplicationDescription(CliText::tr("Read, write and watch a Dust store.") + u"\n\n"_s + commandList()
        + u"\n"_s + CliText::tr("Values are JSON (quote strings: '\"text\"'). Output is JSON. Exit codes: 0 ok, "
                      "1 server or connection error, 2 usage, 130 or 143 ended by SIGINT or SIGTERM. \"dust <command> --help\" "
                      "describes a command."));
    global.setOptionsAfterPositionalArgumentsMode(QCommandLineParser::ParseAsPositionalArguments);
    const ConnectionOptions options;
    global.addOptions(options.all());
    const QCommandLineOption helpOption = global.addHelpOption();
    const QCommandLineOption versionOption = global.addVersionOption();
    global.addPositionalArgument(u"command"_s, CliText::tr("One of the commands above."), u"<command> ..."_s);
    if (!global.parse(QCoreApplication::arguments()))
        return fail(global.errorText(), Usage);
    if (global.isSet(versionOption)) {
        printLine(Dust::version().toUtf8());
        return Ok;
    }
    const QStringList rest = global.positionalArguments();
    if (global.isSet(helpOption) || rest.isEmpty()) {
        printLine(global.helpText().toLocal8Bit(), rest.isEmpty() && !global.isSet(helpOption) ? stderr : stdout);
        return global.isSet(helpOption) ? Ok : Usage;
    }
    const Command *command = findCommand(rest.first());
    if (!command)
        return fail(CliText::tr("unknown command \"%1\"; see dust --help").arg(rest.first()), Usage);
    return runCommand(*command, rest, global, options);
}
