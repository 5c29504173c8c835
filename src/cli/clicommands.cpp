// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#include "clicommands.h"

#include <dustglob.h>
#include <dustpath.h>

#include <QtCore/qbuffer.h>
#include <QtCore/qfile.h>
#include <QtCore/qfileinfo.h>
#include <QtCore/qjsonarray.h>

#include <functional>
#include <limits>
#include <memory>

#include <unistd.h>

using namespace Qt::StringLiterals;

namespace Dust::Cli {

namespace {

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
    ttl = std::min<qint64>(ttl, std::numeric_limits<int>::max());
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

// The client's view (connection, what it has applied, its rights) and the
// server's (its head store_seq and counts).
int runStatus(Invocation &in)
{
    if (const auto failed = in.session.open(true))
        return *failed;
    Dust::Store *store = in.store();
    const Dust::Result<Dust::ServerStatus> server = in.session.wait(store->serverStatus());
    if (!server)
        return fail(server.error());
    printJson(QJsonObject{{u"store"_s, store->name()},
                          {u"status"_s, statusName(store->status())},
                          {u"last_store_seq"_s, store->lastStoreSeq()},
                          {u"store_seq"_s, server->storeSeq},
                          {u"entry_count"_s, server->entryCount},
                          {u"op_count"_s, server->opCount},
                          {u"file_storage_bytes"_s, server->fileStorageBytes},
                          {u"permissions"_s, QJsonObject::fromVariantMap(store->permissions())},
                          {u"scopes"_s, QJsonArray::fromStringList(store->scopes())},
                          {u"store_access"_s, QJsonObject::fromVariantMap(store->storeAccess())},
                          {u"device_id"_s, in.session.client()->deviceId()}});
    return Ok;
}

int runRollback(Invocation &in)
{
    const bool wholeStore = in.parser.isSet(u"store"_s);
    if (wholeStore == (in.args.size() == 2))
        return fail(CliText::tr("rollback needs either a path or --store"), Usage);
    if (!in.parser.isSet(u"to-seq"_s))
        return fail(CliText::tr("rollback needs --to-seq"), Usage);
    qint64 toSeq = 0;
    if (const auto failed = readInteger(in, u"to-seq"_s, 0, toSeq))
        return *failed;
    if (const auto failed = checkPaths(in.args.mid(1)))
        return *failed;
    if (const auto failed = in.session.open(false))
        return *failed;
    const Dust::Result<Dust::RollbackResult> result = in.session.wait(
        wholeStore ? in.store()->rollbackStore(toSeq) : in.store()->rollback(in.args.at(1), toSeq));
    if (!result)
        return fail(result.error());
    printJson(QJsonObject{{u"store_seq"_s, result->storeSeq}, {u"ops_written"_s, result->opsWritten}});
    return Ok;
}

// The reference of a file entry of the store with this hash: the server
// serves a file only by its reference, which carries the size to check.
std::optional<int> findFileReference(Invocation &in, const QString &hash, QJsonValue &reference)
{
    Dust::PageRequest request;
    request.limit = Dust::PageRequest::MaxLimit;
    do {
        const Dust::Result<Dust::Page> page = in.store()->enumerate(u"**"_s, request);
        if (!page)
            return fail(page.error());
        for (const Dust::Entry &entry : page->entries) {
            if (entry.type == Dust::Entry::Type::File && entry.value.toObject().value(u"hash") == hash) {
                reference = entry.value;
                return std::nullopt;
            }
        }
        request.after = page->nextCursor;
    } while (!request.after.isEmpty());
    return fail(CliText::tr("no file entry of %1 references %2").arg(in.store()->name(), hash));
}

// fetch-file's argument: a file reference as JSON, a sha256: hash, or the
// path of a file entry.
std::optional<int> readFileReference(Invocation &in, QJsonValue &reference)
{
    const QString text = in.args.at(1);
    if (text.startsWith(u'{')) {
        const std::optional<QJsonValue> value = jsonArgument(text);
        if (!value)
            return Usage;
        reference = *value;
        return std::nullopt;
    }
    const bool isHash = text.startsWith(u"sha256:");
    if (const auto failed = openForReading(in, isHash ? QStringList{} : QStringList{text}))
        return failed;
    if (isHash)
        return findFileReference(in, text, reference);
    const std::optional<QJsonValue> value = in.store()->get(text);
    if (!value)
        return notFound();
    reference = *value;
    return std::nullopt;
}

// Percent done on stderr: rewritten in place on a terminal, one line per
// step otherwise.
void showProgress(QFutureWatcher<Dust::Result<qint64>> &watcher, qint64 size)
{
    const bool terminal = ::isatty(STDERR_FILENO) != 0;
    auto shown = std::make_shared<int>(-1);
    QObject::connect(&watcher, &QFutureWatcherBase::progressValueChanged, &watcher,
                     [&watcher, size, terminal, shown](int value) {
        const int maximum = watcher.progressMaximum();
        const int percent = maximum > 0 ? int(qint64(value) * 100 / maximum) : 100;
        if (percent == *shown)
            return;
        *shown = percent;
        const qint64 bytes = maximum > 0 ? qint64(value) * size / maximum : size;
        const QString line = CliText::tr("%1 of %2 bytes (%3%)").arg(bytes).arg(size).arg(percent);
        std::fputs(((terminal ? u"\r"_s : QString()) + line + (terminal ? QString() : u"\n"_s)).toLocal8Bit(),
                   stderr);
        std::fflush(stderr);
    });
    if (terminal) {
        QObject::connect(&watcher, &QFutureWatcherBase::finished, &watcher, [shown] {
            if (*shown >= 0)
                std::fputc('\n', stderr);
        });
    }
}

int failDownload(const Invocation &in, const Dust::Error &error)
{
    const QString hash = error.detail().value(u"hash"_s).toString();
    if (stopSignal != 0)
        return fail(error);
    if (error.code() == u"not_a_file_reference") {
        return fail(CliText::tr("not_a_file_reference: %1 is not a file reference, the path of one or a "
                                "sha256: hash").arg(in.args.at(1)), Usage);
    }
    if (error.code() == u"not_found")
        return fail(CliText::tr("not_found: the server has no file %1").arg(hash));
    if (error.code() == u"forbidden") {
        return fail(CliText::tr("forbidden: the server refuses %1 (the token needs files:read and a store "
                                "that references the file)").arg(hash));
    }
    return fail(in.session.describe(error));
}

// Into the file only once it arrived whole and checked; to stdout likewise,
// so a mismatch never reaches a pipe.
int runFetchFile(Invocation &in)
{
    QJsonValue reference;
    if (const auto failed = readFileReference(in, reference))
        return *failed;
    const QString output = in.value(u"output"_s);
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    const QFuture<Dust::Result<qint64>> download = output.isEmpty()
        ? in.session.client()->fetchFile(reference, &buffer)
        : in.session.client()->fetchFile(reference, output);
    QFutureWatcher<Dust::Result<qint64>> watcher;
    if (in.parser.isSet(u"progress"_s) || ::isatty(STDERR_FILENO) != 0) {
        showProgress(watcher, reference.toObject().value(u"size"_s).toInteger());
        watcher.setFuture(download);
    }
    const Dust::Result<qint64> size = in.session.wait(download);
    if (!size)
        return failDownload(in, size.error());
    if (output.isEmpty()) {
        std::fwrite(buffer.data().constData(), 1, size_t(buffer.data().size()), stdout);
        std::fflush(stdout);
    }
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

void rollbackOptions(QCommandLineParser &parser)
{
    parser.addOptions({{u"to-seq"_s, CliText::tr("Back to how it was just after this store_seq (0: before the first write)."),
                        CliText::tr("n")},
                       {u"store"_s, CliText::tr("Roll back the whole store instead of a path.")}});
}

void fetchFileOptions(QCommandLineParser &parser)
{
    parser.addOptions({{{u"o"_s, u"output"_s}, CliText::tr("Write the file here instead of to stdout."),
                        CliText::tr("file")},
                       {u"progress"_s, CliText::tr("Show the progress on stderr even when it is not a terminal.")}});
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


const Command commands[] = {
    {"put", "<store> <path> <json>", QT_TRANSLATE_NOOP("Dust::Cli", "Set the value at a path."), 3, 3, runPut, putOptions},
    {"get", "<store> <path>", QT_TRANSLATE_NOOP("Dust::Cli", "Print the value at a path."), 2, 2, runGet},
    {"entry", "<store> <path>", QT_TRANSLATE_NOOP("Dust::Cli", "Print the entry at a path: path, value, type, revision and synced_at."), 2, 2, runEntry},
    {"get-many", "<store> <path>...", QT_TRANSLATE_NOOP("Dust::Cli", "Print the leaves at these paths that exist, as one object."), 2, -1, runGetMany},
    {"delete", "<store> <path>", QT_TRANSLATE_NOOP("Dust::Cli", "Delete a path and everything below it."), 2, 2, runDelete, writeOptions},
    {"merge", "<store> <path> <json-object>", QT_TRANSLATE_NOOP("Dust::Cli", "Merge an object into the map at a path."), 3, 3, runMerge},
    {"increment", "<store> <path> [delta]", QT_TRANSLATE_NOOP("Dust::Cli", "Add to the counter at a path (default 1; write a negative delta after --)."), 2, 3, runIncrement},
    {"add", "<store> <path> <json>", QT_TRANSLATE_NOOP("Dust::Cli", "Add a member to the set at a path."), 3, 3, runAdd},
    {"remove", "<store> <path> <json>", QT_TRANSLATE_NOOP("Dust::Cli", "Remove a member from the set at a path."), 3, 3, runRemove},
    {"put-file", "<store> <path> <file>", QT_TRANSLATE_NOOP("Dust::Cli", "Upload a file and store its reference at a path."), 3, 3, runPutFile, putFileOptions},
    {"fetch-file", "<store> <path|file-ref|hash>", QT_TRANSLATE_NOOP("Dust::Cli", "Download a file (the one a file entry, a file reference or a sha256: hash names) to stdout or --output."), 2, 2, runFetchFile, fetchFileOptions},
    {"enum", "<store> <pattern>", QT_TRANSLATE_NOOP("Dust::Cli", "List the entries matching a glob pattern."), 2, 2, runEnum, enumOptions},
    {"range", "<store> <from> <to>", QT_TRANSLATE_NOOP("Dust::Cli", "List the leaves with from <= path < to."), 3, 3, runRange, pageOptions},
    {"lease", "<store> <path>", QT_TRANSLATE_NOOP("Dust::Cli", "Take the lease at a path and print its token."), 2, 2, runLease, leaseOptions},
    {"renew", "<store> <path> <token>", QT_TRANSLATE_NOOP("Dust::Cli", "Extend a lease held with this token."), 3, 3, runRenew, renewOptions},
    {"release", "<store> <path> <token>", QT_TRANSLATE_NOOP("Dust::Cli", "Give up a lease held with this token."), 3, 3, runRelease},
    {"watch", "<store> <pattern>", QT_TRANSLATE_NOOP("Dust::Cli", "Print one JSON line per change matching a pattern, until interrupted."), 2, 2, runWatch, watchOptions},
    {"rollback", "<store> (<path> | --store) --to-seq <n>", QT_TRANSLATE_NOOP("Dust::Cli", "Roll a path, or with --store the whole store, back to a past store_seq."), 1, 2, runRollback, rollbackOptions},
    {"status", "<store>", QT_TRANSLATE_NOOP("Dust::Cli", "Print the connection status and permissions, and the server's store_seq and entry count."), 1, 1, runStatus},
};

} // namespace


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

} // namespace Dust::Cli
