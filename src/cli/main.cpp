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
#include <QtCore/qfileinfo.h>
#include <QtCore/qfuturewatcher.h>
#include <QtCore/qjsonarray.h>
#include <QtCore/qjsondocument.h>
#include <QtCore/qloggingcategory.h>
#include <QtCore/qsocketnotifier.h>
#include <QtCore/qstandardpaths.h>
#include <QtCore/qtimer.h>

#include <csignal>
#include <cstdio>
#include <functional>
#include <limits>
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

// What a command's handler works with: its arguments (the store first), its
// options and the not yet opened session.
struct Invocation
{
    QStringList args;
    const QCommandLineParser &parser;
    Session &session;

    Dust::Store *store() const { return session.store(); }
    QString value(const QString &option) const { return parser.value(option); }
};

// Paths are checked before connecting: a usage error needs no server.
std::optional<int> checkPaths(const QStringList &paths)
{
    for (const QString &path : paths) {
        if (const Dust::Result<Dust::Path> parsed = Dust::Path::parse(path); !parsed)
            return fail(parsed.error());
    }
    return std::nullopt;
}

std::optional<int> readInteger(const Invocation &in, const QString &option, qint64 min, qint64 &out)
{
    bool ok = false;
    out = in.value(option).toLongLong(&ok);
    if (!ok || out < min)
        return fail(CliText::tr("--%1 needs a whole number of at least %2").arg(option).arg(min), Usage);
    return std::nullopt;
}

std::optional<int> readToken(const QString &text, qint64 &out)
{
    bool ok = false;
    out = text.toLongLong(&ok);
    if (!ok)
        return fail(CliText::tr("the lease token must be a whole number"), Usage);
    return std::nullopt;
}

// Opens, waits for the write's reply and prints its store_seq.
int finishWrite(Invocation &in, const std::function<QFuture<Dust::Result<qint64>>(Dust::Store *)> &write)
{
    if (const auto failed = checkPaths({in.args.at(1)}))
        return *failed;
    if (const std::optional<int> failed = in.session.open(false))
        return *failed;
    const Dust::Result<qint64> seq = in.session.wait(write(in.store()));
    if (!seq)
        return fail(seq.error());
    printJson(QJsonObject{{u"store_seq"_s, *seq}});
    return Ok;
}

// Opens and waits for the catch-up: reads see the server's state.
std::optional<int> openForReading(Invocation &in, const QStringList &paths)
{
    if (const auto failed = checkPaths(paths))
        return failed;
    return in.session.open(true);
}

std::optional<QJsonValue> jsonArgument(const QString &text)
{
    std::optional<QJsonValue> value = parseJson(text);
    if (!value)
        fail(CliText::tr("\"%1\" is not JSON (quote strings: '\"%1\"')").arg(text), Usage);
    return value;
}

std::optional<int> readWriteOptions(const Invocation &in, Dust::WriteOptions &options)
{
    if (in.parser.isSet(u"if-match"_s)) {
        bool ok = false;
        options.ifMatch = in.value(u"if-match"_s).toLongLong(&ok);
        if (!ok)
            return fail(CliText::tr("--if-match needs a revision number"), Usage);
    }
    return std::nullopt;
}

int runPut(Invocation &in)
{
    const std::optional<QJsonValue> value = jsonArgument(in.args.at(2));
    if (!value)
        return Usage;
    Dust::WriteOptions options;
    if (const auto failed = readWriteOptions(in, options))
        return *failed;
    options.ifAbsent = in.parser.isSet(u"if-absent"_s);
    return finishWrite(in, [&](Dust::Store *store) { return store->set(in.args.at(1), *value, options); });
}

int runDelete(Invocation &in)
{
    Dust::WriteOptions options;
    if (const auto failed = readWriteOptions(in, options))
        return *failed;
    return finishWrite(in, [&](Dust::Store *store) { return store->remove(in.args.at(1), options); });
}

int runMerge(Invocation &in)
{
    const std::optional<QJsonValue> value = jsonArgument(in.args.at(2));
    if (!value)
        return Usage;
    if (!value->isObject())
        return fail(CliText::tr("merge needs a JSON object"), Usage);
    return finishWrite(in, [&](Dust::Store *store) { return store->merge(in.args.at(1), value->toObject()); });
}

int runIncrement(Invocation &in)
{
    double delta = 1;
    if (in.args.size() == 3) {
        const std::optional<QJsonValue> number = parseJson(in.args.at(2));
        if (!number || !number->isDouble())
            return fail(CliText::tr("the delta must be a number"), Usage);
        delta = number->toDouble();
    }
    return finishWrite(in, [&](Dust::Store *store) { return store->increment(in.args.at(1), delta); });
}

int runAdd(Invocation &in)
{
    const std::optional<QJsonValue> member = jsonArgument(in.args.at(2));
    if (!member)
        return Usage;
    return finishWrite(in, [&](Dust::Store *store) { return store->addMember(in.args.at(1), *member); });
}

int runRemove(Invocation &in)
{
    const std::optional<QJsonValue> member = jsonArgument(in.args.at(2));
    if (!member)
        return Usage;
    return finishWrite(in, [&](Dust::Store *store) { return store->removeMember(in.args.at(1), *member); });
}

int runPutFile(Invocation &in)
{
    QFile file(in.args.at(2));
    if (!file.open(QIODevice::ReadOnly))
        return fail(CliText::tr("cannot read %1: %2").arg(in.args.at(2), file.errorString()), Usage);
    const QByteArray content = file.readAll();
    const QString name = in.parser.isSet(u"name"_s) ? in.value(u"name"_s) : QFileInfo(file).fileName();
    const QString type = in.value(u"content-type"_s);
    return finishWrite(in, [&](Dust::Store *store) { return store->putFile(in.args.at(1), content, name, type); });
}

int notFound()
{
    return fail(Dust::Error(Dust::Error::Kind::NotFound, u"not_found"_s));
}

int runGet(Invocation &in)
{
    if (const auto failed = openForReading(in, {in.args.at(1)}))
        return *failed;
    const std::optional<QJsonValue> value = in.store()->get(in.args.at(1));
    if (!value)
        return notFound();
    printJson(*value);
    return Ok;
}

int runEntry(Invocation &in)
{
    if (const auto failed = openForReading(in, {in.args.at(1)}))
        return *failed;
    const std::optional<Dust::Entry> entry = in.store()->entry(in.args.at(1));
    if (!entry)
        return notFound();
    printJson(entryJson(*entry));
    return Ok;
}

int runGetMany(Invocation &in)
{
    const QStringList paths = in.args.mid(1);
    if (const auto failed = openForReading(in, paths))
        return *failed;
    QJsonObject values;
    for (const Dust::Entry &entry : in.store()->getMany(paths))
        values.insert(entry.path.toString(), entry.value);
    printJson(values);
    return Ok;
}

std::optional<int> readOrder(const Invocation &in, Dust::PageRequest::Order &order)
{
    const QString text = in.value(u"order"_s);
    if (text != u"asc" && text != u"desc")
        return fail(CliText::tr("--order must be asc or desc"), Usage);
    order = text == u"asc" ? Dust::PageRequest::Order::Ascending : Dust::PageRequest::Order::Descending;
    return std::nullopt;
}

std::optional<int> readPageRequest(const Invocation &in, Dust::PageRequest &request)
{
    qint64 limit = 0;
    if (const auto failed = readInteger(in, u"limit"_s, 1, limit))
        return failed;
    request.limit = int(std::min<qint64>(limit, std::numeric_limits<int>::max()));
    request.after = in.value(u"after"_s);
    return readOrder(in, request.order);
}

int printPage(const Dust::Result<Dust::Page> &page, Dust::PageRequest::Select select)
{
    if (!page) {
        // A bad pattern or page request is the caller's mistake.
        const Dust::Error::Kind kind = page.error().kind();
        return kind == Dust::Error::Kind::InvalidParams || kind == Dust::Error::Kind::InvalidPath
            ? fail(u"%1: %2"_s.arg(page.error().code(), page.error().message()), Usage)
            : fail(page.error());
    }
    QJsonObject out;
    if (select == Dust::PageRequest::Select::Entries) {
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
}

int runEnum(Invocation &in)
{
    if (const Dust::Result<Dust::Glob> glob = Dust::Glob::compile(in.args.at(1)); !glob)
        return fail(glob.error());
    Dust::PageRequest request;
    if (const auto failed = readPageRequest(in, request))
        return *failed;
    const QString select = in.value(u"select"_s);
    if (select == u"keys")
        request.select = Dust::PageRequest::Select::Keys;
    else if (select == u"prefixes")
        request.select = Dust::PageRequest::Select::Prefixes;
    else if (select != u"entries")
        return fail(CliText::tr("--select must be entries, keys or prefixes"), Usage);
    if (const auto failed = in.session.open(true))
        return *failed;
    return printPage(in.store()->enumerate(in.args.at(1), request), request.select);
}

int runRange(Invocation &in)
{
    Dust::PageRequest request;
    if (const auto failed = readPageRequest(in, request))
        return *failed;
    if (const auto failed = in.session.open(true))
        return *failed;
    return printPage(in.store()->range(in.args.at(1), in.args.at(2), request), request.select);
}

int printGrant(Invocation &in, QFuture<Dust::Result<Dust::LeaseGrant>> lease)
{
    const Dust::Result<Dust::LeaseGrant> grant = in.session.wait(lease);
    if (!grant)
        return fail(grant.error());
    printJson(QJsonObject{{u"store_seq"_s, grant->storeSeq}, {u"token"_s, grant->token},
                          {u"expires_at"_s, grant->expiresAt},
                          {u"holder"_s, grant->holder.isEmpty() ? QJsonValue(QJsonValue::Null)
                                                                : QJsonValue(grant->holder)}});
    return Ok;
}

// Leases need a joined store; the catch-up is not waited for.
std::optional<int> openForLease(Invocation &in, qint64 &ttl)
{
    if (const auto failed = checkPaths({in.args.at(1)}))
        return failed;
    if (const auto failed = readInteger(in, u"ttl"_s, 1, ttl))
        return failed;
    return in.session.open(false);
}

int runLease(Invocation &in)
{
    qint64 ttl = 0;
    if (const auto failed = openForLease(in, ttl))
        return *failed;
    return printGrant(in, in.store()->lease(in.args.at(1), int(ttl), in.value(u"holder"_s)));
}

int runRenew(Invocation &in)
{
    qint64 token = 0;
    qint64 ttl = 0;
    if (const auto failed = readToken(in.args.at(2), token))
        return *failed;
    if (const auto failed = openForLease(in, ttl))
        return *failed;
    return printGrant(in, in.store()->renew(in.args.at(1), token, int(ttl)));
}

int runRelease(Invocation &in)
{
    qint64 token = 0;
    if (const auto failed = readToken(in.args.at(2), token))
        return *failed;
    if (const auto failed = checkPaths({in.args.at(1)}))
        return *failed;
    if (const auto failed = in.session.open(false))
        return *failed;
    const Dust::Result<bool> released = in.session.wait(in.store()->release(in.args.at(1), token));
    if (!released)
        return fail(released.error());
    printJson(QJsonObject{{u"released"_s, *released}});
    return Ok;
}

int runStatus(Invocation &in)
{
    if (const auto failed = in.session.open(true))
        return *failed;
    Dust::Store *store = in.store();
    printJson(QJsonObject{{u"store"_s, store->name()},
                          {u"status"_s, statusName(store->status())},
                          {u"last_store_seq"_s, store->lastStoreSeq()},
                          {u"permissions"_s, QJsonObject::fromVariantMap(store->permissions())},
                          {u"scopes"_s, QJsonArray::fromStringList(store->scopes())},
                          {u"store_access"_s, QJsonObject::fromVariantMap(store->storeAccess())},
                          {u"device_id"_s, in.session.client()->deviceId()}});
    return Ok;
}

std::optional<int> readSubscribeOptions(const Invocation &in, Dust::SubscribeOptions &options)
{
    options.includeCurrent = in.parser.isSet(u"current"_s);
    options.bootstrapLimit = 0;
    if (in.parser.isSet(u"limit"_s)) {
        qint64 limit = 0;
        if (const auto failed = readInteger(in, u"limit"_s, 1, limit))
            return failed;
        options.bootstrapLimit = int(std::min<qint64>(limit, Dust::PageRequest::MaxLimit));
    }
    if (const auto failed = readOrder(in, options.order))
        return failed;
    const QString mode = in.value(u"mode"_s);
    if (mode == u"committed")
        options.mode = Dust::SubscribeOptions::Mode::Committed;
    else if (mode == u"optimistic")
        options.mode = Dust::SubscribeOptions::Mode::Optimistic;
    else if (mode != u"all")
        return fail(CliText::tr("--mode must be all, committed or optimistic"), Usage);
    // Events were dropped: say so, so a consumer can re-read the store.
    options.onResync = [] { printJson(QJsonObject{{u"type"_s, u"resync"_s}}); };
    return std::nullopt;
}

// --op: the operations to print (the entries --current prints always pass).
std::optional<int> readOps(const Invocation &in, QList<Dust::Op::Kind> &ops)
{
    const QStringList names = in.value(u"op"_s).split(u',', Qt::SkipEmptyParts);
    for (const QString &name : names) {
        const std::optional<Dust::Op::Kind> op = Dust::Op::fromName(name.trimmed());
        if (!op)
            return fail(CliText::tr("--op: \"%1\" is not an operation").arg(name), Usage);
        ops.append(*op);
    }
    return std::nullopt;
}

int runWatch(Invocation &in)
{
    const QString pattern = in.args.at(1);
    if (const Dust::Result<Dust::Glob> glob = Dust::Glob::compile(pattern); !glob)
        return fail(glob.error());
    Dust::SubscribeOptions options;
    QList<Dust::Op::Kind> ops;
    if (const auto failed = readSubscribeOptions(in, options))
        return *failed;
    if (const auto failed = readOps(in, ops))
        return *failed;
    // Subscribed once caught up: --current prints the synced state, and the
    // replayed history is never printed as changes.
    if (const std::optional<int> failed = in.session.open(true))
        return *failed;
    const auto subscribed = in.store()->on(pattern, qApp, [ops](const Dust::StoreEvent &e) {
        if (ops.isEmpty() || e.source == Dust::StoreEvent::Source::Bootstrap || ops.contains(e.op))
            printJson(eventJson(e));
    }, options);
    if (!subscribed)
        return fail(subscribed.error());
    // Ready: the subscription is live (a line on stderr, so scripts can wait for it).
    printLine(CliText::tr("watching %1 on %2").arg(pattern, in.store()->name()).toLocal8Bit(), stderr);
    reportTrouble(in.session);
    const int code = stopSignal != 0 ? 128 + stopSignal : QCoreApplication::exec();
    in.store()->off(*subscribed);
    return code;
}

void writeOptions(QCommandLineParser &parser)
{
    parser.addOption({u"if-match"_s, CliText::tr("Only if the leaf's revision is this."), CliText::tr("revision")});
}

void putOptions(QCommandLineParser &parser)
{
    writeOptions(parser);
    parser.addOption({u"if-absent"_s, CliText::tr("Only if the path holds no value yet.")});
}

void pageOptions(QCommandLineParser &parser)
{
    parser.addOptions({{u"limit"_s, CliText::tr("Entries per page, 1-1000 (default 50)."), CliText::tr("n"), u"50"_s},
                       {u"after"_s, CliText::tr("Start after this cursor (a path)."), CliText::tr("cursor")},
                       {u"order"_s, CliText::tr("asc or desc (default asc)."), CliText::tr("order"), u"asc"_s}});
}

void enumOptions(QCommandLineParser &parser)
{
    pageOptions(parser);
    parser.addOption({u"select"_s, CliText::tr("entries, keys or prefixes (default entries)."), CliText::tr("what"),
                      u"entries"_s});
}

void renewOptions(QCommandLineParser &parser)
{
    parser.addOption({u"ttl"_s, CliText::tr("The lease lasts this many milliseconds (default 30000)."),
                      CliText::tr("ms"), u"30000"_s});
}

void leaseOptions(QCommandLineParser &parser)
{
    renewOptions(parser);
    parser.addOption({u"holder"_s, CliText::tr("Who holds the lease, shown to the others."), CliText::tr("name")});
}

void putFileOptions(QCommandLineParser &parser)
{
    parser.addOptions({{u"name"_s, CliText::tr("The file name stored (default the file's own)."), CliText::tr("name")},
                       {u"content-type"_s, CliText::tr("The MIME type stored, e.g. image/png."), CliText::tr("type")}});
}

void watchOptions(QCommandLineParser &parser)
{
    parser.addOptions({{u"mode"_s, CliText::tr("all, committed or optimistic (default all)."), CliText::tr("mode"), u"all"_s},
                       {u"current"_s, CliText::tr("First print every matching entry.")},
                       {u"limit"_s, CliText::tr("With --current, print at most this many entries (1-1000; default all)."),
                        CliText::tr("n")},
                       {u"order"_s, CliText::tr("With --current, asc or desc path order (default asc)."),
                        CliText::tr("order"), u"asc"_s},
                       {u"op"_s, CliText::tr("Print only these operations, e.g. set,delete (default all)."),
                        CliText::tr("ops")}});
}

struct Command
{
    const char *name;
    const char *arguments;
    const char *description;
    int minArgs;
    int maxArgs; // -1: no limit
    int (*run)(Invocation &);
    void (*addOptions)(QCommandLineParser &) = nullptr;
};

const Command commands[] = {
    {"put", "<store> <path> <json>", QT_TRANSLATE_NOOP("Dust::Cli", "Set the value at a path."), 3, 3, runPut, putOptions},
    {"get", "<store> <path>", QT_TRANSLATE_NOOP("Dust::Cli", "Print the value at a path."), 2, 2, runGet},
    {"entry", "<store> <path>", QT_TRANSLATE_NOOP("Dust::Cli", "Print the entry at a path: path, value, type and revision."), 2, 2, runEntry},
    {"get-many", "<store> <path>...", QT_TRANSLATE_NOOP("Dust::Cli", "Print the leaves at these paths that exist, as one object."), 2, -1, runGetMany},
    {"delete", "<store> <path>", QT_TRANSLATE_NOOP("Dust::Cli", "Delete a path and everything below it."), 2, 2, runDelete, writeOptions},
    {"merge", "<store> <path> <json-object>", QT_TRANSLATE_NOOP("Dust::Cli", "Merge an object into the map at a path."), 3, 3, runMerge},
    {"increment", "<store> <path> [delta]", QT_TRANSLATE_NOOP("Dust::Cli", "Add to the counter at a path (default 1; write a negative delta after --)."), 2, 3, runIncrement},
    {"add", "<store> <path> <json>", QT_TRANSLATE_NOOP("Dust::Cli", "Add a member to the set at a path."), 3, 3, runAdd},
    {"remove", "<store> <path> <json>", QT_TRANSLATE_NOOP("Dust::Cli", "Remove a member from the set at a path."), 3, 3, runRemove},
    {"put-file", "<store> <path> <file>", QT_TRANSLATE_NOOP("Dust::Cli", "Upload a file and store its reference at a path."), 3, 3, runPutFile, putFileOptions},
    {"enum", "<store> <pattern>", QT_TRANSLATE_NOOP("Dust::Cli", "List the entries matching a glob pattern."), 2, 2, runEnum, enumOptions},
    {"range", "<store> <from> <to>", QT_TRANSLATE_NOOP("Dust::Cli", "List the leaves with from <= path < to."), 3, 3, runRange, pageOptions},
    {"lease", "<store> <path>", QT_TRANSLATE_NOOP("Dust::Cli", "Take the lease at a path and print its token."), 2, 2, runLease, leaseOptions},
    {"renew", "<store> <path> <token>", QT_TRANSLATE_NOOP("Dust::Cli", "Extend a lease held with this token."), 3, 3, runRenew, renewOptions},
    {"release", "<store> <path> <token>", QT_TRANSLATE_NOOP("Dust::Cli", "Give up a lease held with this token."), 3, 3, runRelease},
    {"watch", "<store> <pattern>", QT_TRANSLATE_NOOP("Dust::Cli", "Print one JSON line per change matching a pattern, until interrupted."), 2, 2, runWatch, watchOptions},
    {"status", "<store>", QT_TRANSLATE_NOOP("Dust::Cli", "Print the connection status and permissions for a store."), 1, 1, runStatus},
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
