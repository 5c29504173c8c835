// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

// dust: read, write and watch a Dust store from the shell.
//
//   dust [--url U] [--token T] <command> <store> ...
//
// Values are JSON, output is JSON (watch: one line per event). Exit codes:
// 0 ok, 1 the server or the connection failed (reason on stderr), 2 usage,
// 128 + the signal's number when SIGINT or SIGTERM ended it.

#include <dustclient.h>
#include <duststore.h>
#include <dustthreading_p.h>
#include <dusttranslations.h>

#include <QtCore/qcommandlineparser.h>
#include <QtCore/qcoreapplication.h>
#include <QtCore/qdeadlinetimer.h>
#include <QtCore/qdir.h>
#include <QtCore/qeventloop.h>
#include <QtCore/qfile.h>
#include <QtCore/qfuturewatcher.h>
#include <QtCore/qjsonarray.h>
#include <QtCore/qjsondocument.h>
#include <QtCore/qloggingcategory.h>
#include <QtCore/qsocketnotifier.h>
#include <QtCore/qstandardpaths.h>
#include <QtCore/qtimer.h>

#include <csignal>
#include <cstdio>
#include <optional>

#include <sys/socket.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace {

enum ExitCode { Ok = 0, Failed = 1, Usage = 2 };

// The signal that stopped the tool, 0 while none did. Its exit status is
// 128 + the signal's number, as a shell reports it.
int stopSignal = 0;

// The tool's texts share one translation context (lupdate cannot place a
// free tr() function).
struct CliText
{
    Q_DECLARE_TR_FUNCTIONS(Dust::Cli)
};

void printLine(const QByteArray &line, FILE *stream = stdout)
{
    std::fwrite(line.constData(), 1, size_t(line.size()), stream);
    std::fputc('\n', stream);
    std::fflush(stream);
}

void printJson(const QJsonValue &value)
{
    printLine(QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact).mid(1).chopped(1));
}

int fail(const QString &message, int code = Failed)
{
    printLine(u"dust: %1"_s.arg(message).toLocal8Bit(), stderr);
    return code;
}

int fail(const Dust::Error &error)
{
    // Whatever a signal cut short is not an error of its own.
    if (stopSignal != 0)
        return 128 + stopSignal;
    const bool usage = error.kind() == Dust::Error::Kind::InvalidPath
        || error.kind() == Dust::Error::Kind::InvalidValue;
    return fail(u"%1: %2"_s.arg(error.code(), error.message()), usage ? Usage : Failed);
}

std::optional<QJsonValue> parseJson(const QString &text)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson('[' + text.toUtf8() + ']', &error);
    if (error.error != QJsonParseError::NoError || doc.array().size() != 1)
        return std::nullopt;
    return doc.array().at(0);
}

QString statusName(Dust::Client::Status status)
{
    return QString::fromLatin1(QMetaEnum::fromType<Dust::Client::Status>().valueToKey(int(status))).toLower();
}

QJsonObject entryJson(const Dust::Entry &entry)
{
    return {{u"path"_s, entry.path.toString()}, {u"value"_s, entry.value},
            {u"type"_s, Dust::Entry::typeName(entry.type)}, {u"revision"_s, entry.revision}};
}

QJsonObject eventJson(const Dust::StoreEvent &e)
{
    using Source = Dust::StoreEvent::Source;
    if (e.source == Source::Bootstrap) {
        return {{u"type"_s, u"present"_s}, {u"path"_s, e.path.toString()}, {u"value"_s, e.value},
                {u"entry_type"_s, Dust::Entry::typeName(e.entryType)}, {u"store_seq"_s, e.storeSeq}};
    }
    QJsonObject out{{u"path"_s, e.path.toString()}, {u"op"_s, Dust::Op::name(e.op)}, {u"value"_s, e.value},
                    {u"source"_s, e.source == Source::Local ? u"local"_s : u"server"_s},
                    {u"committed"_s, e.committed}, {u"client_op_id"_s, e.clientOpId}};
    if (e.committed) {
        out.insert(u"store_seq"_s, e.storeSeq);
        out.insert(u"device_id"_s, e.deviceId);
        out.insert(u"was_own"_s, e.wasOwn);
    }
    if (!e.error.isNull())
        out.insert(u"error"_s, QJsonObject{{u"code"_s, e.error.code()}, {u"message"_s, e.error.message()}});
    return out;
}

// SIGINT and SIGTERM end every command at any stage. The handler only
// writes the signal's number to a socket pair; the event loop reads it.
int signalPipe[2] = {-1, -1};

void onSignal(int number)
{
    const char byte = char(number);
    [[maybe_unused]] const ssize_t written = ::write(signalPipe[1], &byte, 1);
}

bool installSignalHandlers()
{
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, signalPipe) != 0)
        return false;
    auto *notifier = new QSocketNotifier(signalPipe[0], QSocketNotifier::Read, qApp);
    QObject::connect(notifier, &QSocketNotifier::activated, qApp, [] {
        char byte = 0;
        if (::read(signalPipe[0], &byte, 1) == 1 && stopSignal == 0) {
            stopSignal = byte;
            // Ends every running event loop, the nested ones included.
            QCoreApplication::exit(128 + stopSignal);
        }
    });
    struct sigaction action = {};
    action.sa_handler = onSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    return ::sigaction(SIGINT, &action, nullptr) == 0 && ::sigaction(SIGTERM, &action, nullptr) == 0;
}

struct Command
{
    const char *name;
    const char *arguments;
    const char *description;
    int minArgs;
    int maxArgs;
};

const Command commands[] = {
    {"put", "<store> <path> <json>", QT_TRANSLATE_NOOP("Dust::Cli", "Set the value at a path."), 3, 3},
    {"get", "<store> <path>", QT_TRANSLATE_NOOP("Dust::Cli", "Print the entry at a path."), 2, 2},
    {"delete", "<store> <path>", QT_TRANSLATE_NOOP("Dust::Cli", "Delete a path and everything below it."), 2, 2},
    {"merge", "<store> <path> <json-object>", QT_TRANSLATE_NOOP("Dust::Cli", "Merge an object into the map at a path."), 3, 3},
    {"increment", "<store> <path> [delta]", QT_TRANSLATE_NOOP("Dust::Cli", "Add to the counter at a path (default 1; write a negative delta after --)."), 2, 3},
    {"add", "<store> <path> <json>", QT_TRANSLATE_NOOP("Dust::Cli", "Add a member to the set at a path."), 3, 3},
    {"remove", "<store> <path> <json>", QT_TRANSLATE_NOOP("Dust::Cli", "Remove a member from the set at a path."), 3, 3},
    {"enum", "<store> <pattern>", QT_TRANSLATE_NOOP("Dust::Cli", "List the entries matching a glob pattern."), 2, 2},
    {"watch", "<store> <pattern>", QT_TRANSLATE_NOOP("Dust::Cli", "Print one JSON line per change matching a pattern, until interrupted."), 2, 2},
    {"status", "<store>", QT_TRANSLATE_NOOP("Dust::Cli", "Print the connection status and permissions for a store."), 1, 1},
};

const Command *findCommand(const QString &name)
{
    for (const Command &command : commands) {
        if (name == QLatin1StringView(command.name))
            return &command;
    }
    return nullptr;
}

QString commandList()
{
    QString out = CliText::tr("Commands:") + u'\n';
    for (const Command &command : commands)
        out += u"  %1 %2\n      %3\n"_s.arg(QLatin1StringView(command.name), QLatin1StringView(command.arguments),
                                           CliText::tr(command.description));
    return out;
}

// Why a wait ended.
enum class Wake { Done, Deadline, Signal };

class Session
{
public:
    Session(const QUrl &url, const QString &token, const QString &store, int timeoutMs)
        : m_client(url, token, {store}), m_store(m_client.store(store)), m_timeoutMs(timeoutMs),
          m_deadline(timeoutMs)
    {
        m_client.setWriteTimeout(std::chrono::milliseconds(timeoutMs));
    }

    Dust::Store *store() const { return m_store; }
    Dust::Client *client() { return &m_client; }

    // Connects and joins; with `caughtUp`, also waits for the catch-up so
    // reads see the server's state. A failure is reported on stderr and
    // gives the exit code.
    std::optional<int> open(bool caughtUp)
    {
        QEventLoop loop;
        std::optional<int> failed;
        bool joined = false;
        bool synced = !caughtUp;
        QObject::connect(&m_client, &Dust::Client::errorOccurred, &loop, [&](const Dust::Error &e) {
            if (!joined && !failed) {
                failed = fail(e);
                loop.quit();
            }
        });
        QObject::connect(m_store, &Dust::Store::errorOccurred, &loop, [&](const Dust::Error &e) {
            if (failed || (joined && (synced || e.detail().value(u"event"_s).toString() != u"catch_up_complete")))
                return;
            failed = joined ? fail(CliText::tr("the server's catch_up_complete for %1 is malformed: %2")
                                       .arg(m_store->name(), describe(e)))
                            : fail(CliText::tr("the server refused the join of %1: %2")
                                       .arg(m_store->name(), describe(e)));
            loop.quit();
        });
        QObject::connect(m_store, &Dust::Store::statusChanged, &loop, [&](Dust::Client::Status status) {
            joined = status == Dust::Client::Status::Connected;
            if (joined && synced)
                loop.quit();
        });
        QObject::connect(m_store, &Dust::Store::catchUpCompleted, &loop, [&] {
            synced = true;
            if (joined)
                loop.quit();
        });
        m_client.open();
        if (!m_client.lastError().isNull() && m_client.status() == Dust::Client::Status::Disconnected)
            return fail(m_client.lastError());
        const Wake wake = exec(loop);
        QObject::disconnect(&m_client, nullptr, &loop, nullptr);
        QObject::disconnect(m_store, nullptr, &loop, nullptr);
        if (failed)
            return failed;
        if (wake == Wake::Signal)
            return 128 + stopSignal;
        if (wake == Wake::Done)
            return std::nullopt;
        return fail(openTimeout(joined));
    }

    // The future's result; an Error of kind Timeout when the deadline passes
    // first (the write may still be applied).
    template<typename T>
    Dust::Result<T> wait(QFuture<Dust::Result<T>> future)
    {
        if (!future.isFinished()) {
            QEventLoop loop;
            QFutureWatcher<Dust::Result<T>> watcher;
            QObject::connect(&watcher, &QFutureWatcherBase::finished, &loop, &QEventLoop::quit);
            watcher.setFuture(future);
            if (!future.isFinished() && exec(loop) != Wake::Done) {
                return Dust::Error(Dust::Error::Kind::Timeout, u"timeout"_s,
                                   {{u"message"_s, CliText::tr("no reply within %1 ms").arg(m_timeoutMs)}});
            }
        }
        // The client's sync thread published the result before finishing;
        // whichever thread lets go of the future last frees the result.
        Dust::Threading::acquireFromQt();
        Dust::Result<T> result = future.result();
        Dust::Threading::releaseToQt();
        return result;
    }

    // The code, the message and any detail, never the token.
    QString describe(const Dust::Error &error) const
    {
        QJsonObject detail = error.detail();
        detail.remove(u"message"_s);
        QString text = u"%1: %2"_s.arg(error.code(), error.message());
        if (!detail.isEmpty())
            text += u' ' + QString::fromUtf8(QJsonDocument(detail).toJson(QJsonDocument::Compact));
        return text.replace(m_client.token(), u"<token>"_s);
    }

private:
    // Runs `loop` until it quits, the command's deadline passes or a signal
    // arrives: the timeout bounds the command end to end.
    Wake exec(QEventLoop &loop)
    {
        if (stopSignal != 0)
            return Wake::Signal;
        if (m_deadline.hasExpired())
            return Wake::Deadline;
        bool expired = false;
        QTimer timer;
        timer.setSingleShot(true);
        QObject::connect(&timer, &QTimer::timeout, &loop, [&] {
            expired = true;
            loop.quit();
        });
        timer.start(int(m_deadline.remainingTime()));
        loop.exec();
        if (stopSignal != 0)
            return Wake::Signal;
        return expired ? Wake::Deadline : Wake::Done;
    }

    // Says which step did not finish in time.
    QString openTimeout(bool joined) const
    {
        if (joined) {
            return CliText::tr("joined %1, but the server did not finish the catch-up within %2 ms")
                .arg(m_store->name()).arg(m_timeoutMs);
        }
        if (m_client.status() == Dust::Client::Status::Connected) {
            return CliText::tr("connected, but the server did not answer the join of %1 within %2 ms")
                .arg(m_store->name()).arg(m_timeoutMs);
        }
        QString text = CliText::tr("no connection to %1 within %2 ms")
                           .arg(m_client.url().toString(QUrl::RemoveUserInfo | QUrl::RemoveQuery)).arg(m_timeoutMs);
        if (const Dust::Error last = m_client.lastError(); !last.isNull())
            text += u" ("_s + describe(last) + u')';
        return text;
    }

    Dust::Client m_client;
    Dust::Store *m_store;
    int m_timeoutMs;
    QDeadlineTimer m_deadline;
};

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

void report(const QString &line)
{
    printLine(u"dust: %1"_s.arg(line).toLocal8Bit(), stderr);
}

// While watching, each dropped frame, malformed event, lost connection and
// rejoin is one line on stderr: the events on stdout may have a gap.
void reportTrouble(Session &session)
{
    Dust::Store *store = session.store();
    QObject::connect(session.client(), &Dust::Client::errorOccurred, qApp, [&session](const Dust::Error &error) {
        report(error.kind() == Dust::Error::Kind::Network
                   ? CliText::tr("connection lost: %1").arg(session.describe(error))
                   : session.describe(error));
    });
    QObject::connect(store, &Dust::Store::errorOccurred, qApp, [&session](const Dust::Error &error) {
        report(session.describe(error));
    });
    QObject::connect(store, &Dust::Store::statusChanged, qApp, [store](Dust::Client::Status status) {
        if (status == Dust::Client::Status::Reconnecting)
            report(CliText::tr("lost %1; reconnecting").arg(store->name()));
        else if (status == Dust::Client::Status::Connected)
            report(CliText::tr("rejoined %1").arg(store->name()));
    });
}

int runWatch(Session &session, const QString &pattern, const QCommandLineParser &parser)
{
    Dust::SubscribeOptions options;
    options.includeCurrent = parser.isSet(u"current"_s);
    options.bootstrapLimit = 0;
    const QString mode = parser.value(u"mode"_s);
    if (mode == u"committed")
        options.mode = Dust::SubscribeOptions::Mode::Committed;
    else if (mode == u"optimistic")
        options.mode = Dust::SubscribeOptions::Mode::Optimistic;
    else if (mode != u"all")
        return fail(CliText::tr("--mode must be all, committed or optimistic"), Usage);
    // Events were dropped: say so, so a consumer can re-read the store.
    options.onResync = [] { printJson(QJsonObject{{u"type"_s, u"resync"_s}}); };

    // Subscribed once caught up: --current prints the synced state, and the
    // replayed history is never printed as changes.
    if (const std::optional<int> failed = session.open(true))
        return *failed;
    const auto subscribed = session.store()->on(pattern, qApp, [](const Dust::StoreEvent &e) {
        printJson(eventJson(e));
    }, options);
    if (!subscribed)
        return fail(subscribed.error());
    // Ready: the subscription is live (a line on stderr, so scripts can wait for it).
    printLine(CliText::tr("watching %1 on %2").arg(pattern, session.store()->name()).toLocal8Bit(), stderr);
    reportTrouble(session);
    const int code = stopSignal != 0 ? 128 + stopSignal : QCoreApplication::exec();
    session.store()->off(*subscribed);
    return code;
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
    const QCommandLineOption url(u"url"_s, CliText::tr("Server WebSocket URL (default $DUST_URL, else %1).")
                                              .arg(u"ws://127.0.0.1:7755/ws/sync"_s), CliText::tr("url"));
    const QCommandLineOption token(u"token"_s,
        CliText::tr("API token (default $DUST_TOKEN, else the dev server's <data-dir>/dev-token)."), CliText::tr("token"));
    const QCommandLineOption dataDir(u"data-dir"_s,
        CliText::tr("The dev server's data directory, to find its token (default $DUST_DATA_DIR, else the "
           "dev server's default)."), CliText::tr("dir"));
    const QCommandLineOption timeout(u"timeout"_s,
        CliText::tr("Give up after this many milliseconds: the whole command, or the start of a watch "
                    "(default 15000)."), CliText::tr("ms"), u"15000"_s);
    const QCommandLineOption lang(u"lang"_s,
        CliText::tr("Language of the messages, e.g. de or fr (default: the system language)."),
        CliText::tr("code"));
    const QCommandLineOption msgpack(u"msgpack"_s,
        CliText::tr("Speak MessagePack frames (Phoenix serializer vsn 3.0.0) instead of JSON."));
    global.addOptions({url, token, dataDir, timeout, lang, msgpack});
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

    // The command's own options and arguments.
    QCommandLineParser parser;
    parser.setApplicationDescription(CliText::tr(command->description));
    const QCommandLineOption commandHelp = parser.addHelpOption();
    const QString name = QString::fromLatin1(command->name);
    parser.addPositionalArgument(name, CliText::tr(command->description),
                                 name + u' ' + QLatin1StringView(command->arguments));
    // The connection options are accepted after the command too.
    parser.addOptions({url, token, dataDir, timeout, lang, msgpack});
    if (name == u"put" || name == u"delete")
        parser.addOption({u"if-match"_s, CliText::tr("Only if the leaf's revision is this."), CliText::tr("revision")});
    if (name == u"put")
        parser.addOption({u"if-absent"_s, CliText::tr("Only if the path holds no value yet.")});
    if (name == u"enum") {
        parser.addOptions({{u"limit"_s, CliText::tr("Entries per page, 1-1000 (default 50)."), CliText::tr("n"), u"50"_s},
                           {u"after"_s, CliText::tr("Start after this cursor (a path)."), CliText::tr("cursor")},
                           {u"order"_s, CliText::tr("asc or desc (default asc)."), CliText::tr("order"), u"asc"_s},
                           {u"select"_s, CliText::tr("entries, keys or prefixes (default entries)."), CliText::tr("what"),
                            u"entries"_s}});
    }
    if (name == u"watch") {
        parser.addOptions({{u"mode"_s, CliText::tr("all, committed or optimistic (default all)."), CliText::tr("mode"), u"all"_s},
                           {u"current"_s, CliText::tr("First print every matching entry.")}});
    }
    if (!parser.parse(QStringList{QCoreApplication::arguments().first()} + rest))
        return fail(parser.errorText(), Usage);
    if (parser.isSet(commandHelp)) {
        printLine(parser.helpText().toLocal8Bit());
        return Ok;
    }
    const QStringList args = parser.positionalArguments().mid(1);
    if (args.size() < command->minArgs || args.size() > command->maxArgs) {
        return fail(CliText::tr("usage: dust [--url U] [--token T] %1 %2")
                        .arg(name, QLatin1StringView(command->arguments)), Usage);
    }

    const auto option = [&](const QCommandLineOption &o) {
        return parser.isSet(o) ? parser.value(o) : global.value(o);
    };
    bool numberOk = true;
    const int timeoutMs = option(timeout).toInt(&numberOk);
    if (!numberOk || timeoutMs <= 0)
        return fail(CliText::tr("--timeout must be a positive number of milliseconds"), Usage);
    QString serverUrl = option(url);
    if (serverUrl.isEmpty())
        serverUrl = qEnvironmentVariable("DUST_URL", u"ws://127.0.0.1:7755/ws/sync"_s);
    QString apiToken = option(token);
    if (apiToken.isEmpty())
        apiToken = qEnvironmentVariable("DUST_TOKEN");
    if (apiToken.isEmpty()) {
        const QString dir = global.isSet(dataDir) || parser.isSet(dataDir) ? option(dataDir)
                                                                           : qEnvironmentVariable("DUST_DATA_DIR");
        apiToken = defaultToken(dir);
    }
    if (apiToken.isEmpty())
        return fail(CliText::tr("no token: pass --token, set DUST_TOKEN, or start dust-devserver"), Usage);

    // Paths, patterns and JSON arguments are checked before connecting.
    if (name == u"enum" || name == u"watch") {
        if (const Dust::Result<Dust::Glob> glob = Dust::Glob::compile(args.at(1)); !glob)
            return fail(glob.error());
    } else if (name != u"status") {
        if (const Dust::Result<Dust::Path> path = Dust::Path::parse(args.at(1)); !path)
            return fail(path.error());
    }
    std::optional<QJsonValue> value;
    if (name == u"put" || name == u"merge" || name == u"add" || name == u"remove") {
        value = parseJson(args.at(2));
        if (!value)
            return fail(CliText::tr("\"%1\" is not JSON (quote strings: '\"%1\"')").arg(args.at(2)), Usage);
        if (name == u"merge" && !value->isObject())
            return fail(CliText::tr("merge needs a JSON object"), Usage);
    }
    double delta = 1;
    if (name == u"increment" && args.size() == 3) {
        const std::optional<QJsonValue> number = parseJson(args.at(2));
        if (!number || !number->isDouble())
            return fail(CliText::tr("the delta must be a number"), Usage);
        delta = number->toDouble();
    }
    Dust::WriteOptions writeOptions;
    if ((name == u"put" || name == u"delete") && parser.isSet(u"if-match"_s)) {
        const qint64 revision = parser.value(u"if-match"_s).toLongLong(&numberOk);
        if (!numberOk)
            return fail(CliText::tr("--if-match needs a revision number"), Usage);
        writeOptions.ifMatch = revision;
    }
    writeOptions.ifAbsent = name == u"put" && parser.isSet(u"if-absent"_s);

    Session session(QUrl(serverUrl), apiToken, args.first(), timeoutMs);
    if (global.isSet(msgpack) || parser.isSet(msgpack))
        session.client()->setFrameFormat(Dust::Client::FrameFormat::MessagePack);
    Dust::Store *store = session.store();
    if (name == u"watch")
        return runWatch(session, args.at(1), parser);

    const bool reads = name == u"get" || name == u"enum" || name == u"status";
    if (const std::optional<int> failed = session.open(reads))
        return *failed;

    QFuture<Dust::Result<qint64>> write;
    if (name == u"put") {
        write = store->set(args.at(1), *value, writeOptions);
    } else if (name == u"delete") {
        write = store->remove(args.at(1), writeOptions);
    } else if (name == u"merge") {
        write = store->merge(args.at(1), value->toObject());
    } else if (name == u"increment") {
        write = store->increment(args.at(1), delta);
    } else if (name == u"add") {
        write = store->addMember(args.at(1), *value);
    } else if (name == u"remove") {
        write = store->removeMember(args.at(1), *value);
    } else if (name == u"get") {
        const std::optional<Dust::Entry> entry = store->entry(args.at(1));
        if (!entry)
            return fail(Dust::Error(Dust::Error::Kind::NotFound, u"not_found"_s));
        printJson(entryJson(*entry));
        return Ok;
    } else if (name == u"enum") {
        Dust::PageRequest request;
        request.limit = parser.value(u"limit"_s).toInt(&numberOk);
        if (!numberOk)
            return fail(CliText::tr("--limit needs a number"), Usage);
        request.after = parser.value(u"after"_s);
        const QString order = parser.value(u"order"_s);
        const QString select = parser.value(u"select"_s);
        if (order != u"asc" && order != u"desc")
            return fail(CliText::tr("--order must be asc or desc"), Usage);
        request.order = order == u"asc" ? Dust::PageRequest::Order::Ascending : Dust::PageRequest::Order::Descending;
        if (select == u"keys")
            request.select = Dust::PageRequest::Select::Keys;
        else if (select == u"prefixes")
            request.select = Dust::PageRequest::Select::Prefixes;
        else if (select != u"entries")
            return fail(CliText::tr("--select must be entries, keys or prefixes"), Usage);
        const Dust::Result<Dust::Page> page = store->enumerate(args.at(1), request);
        if (!page) {
            // A bad pattern or page request is the caller's mistake.
            const Dust::Error::Kind kind = page.error().kind();
            return kind == Dust::Error::Kind::InvalidParams || kind == Dust::Error::Kind::InvalidPath
                ? fail(u"%1: %2"_s.arg(page.error().code(), page.error().message()), Usage)
                : fail(page.error());
        }
        QJsonObject out;
        if (request.select == Dust::PageRequest::Select::Entries) {
            QJsonArray entries;
            for (const Dust::Entry &entry : page->entries)
                entries.append(entryJson(entry));
            out.insert(u"entries"_s, entries);
        } else {
            out.insert(u"keys"_s, QJsonArray::fromStringList(page->keys));
        }
        out.insert(u"next_cursor"_s, page->nextCursor.isEmpty() ? QJsonValue(QJsonValue::Null)
                                                                : QJsonValue(page->nextCursor));
        printJson(out);
        return Ok;
    } else {
        printJson(QJsonObject{{u"store"_s, store->name()},
                              {u"status"_s, statusName(store->status())},
                              {u"last_store_seq"_s, store->lastStoreSeq()},
                              {u"permissions"_s, QJsonObject::fromVariantMap(store->permissions())},
                              {u"scopes"_s, QJsonArray::fromStringList(store->scopes())},
                              {u"store_access"_s, QJsonObject::fromVariantMap(store->storeAccess())},
                              {u"device_id"_s, session.client()->deviceId()}});
        return Ok;
    }
    const Dust::Result<qint64> seq = session.wait(write);
    if (!seq)
        return fail(seq.error());
    printJson(QJsonObject{{u"store_seq"_s, *seq}});
    return Ok;
}
