// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

// The dust command-line tool, run as a child process against an in-process
// server.

#include "clienttestutils.h"

#include <QtCore/qcryptographichash.h>
#include <QtCore/qdatetime.h>
#include <QtCore/qprocess.h>
#include <QtCore/qrandom.h>
#include <QtCore/qtemporarydir.h>

#include <csignal>

using namespace Qt::StringLiterals;
using namespace DustTest;

namespace {

const QString StoreName = u"acme/site"_s;
// Reads entries only: no entries:write, no files:read.
const QString ReadOnlyToken = u"dust_tok_cli_read_only"_s;
const char *const AllCommands[] = {"put", "get", "entry", "get-many", "delete", "merge", "increment", "add",
                                   "remove", "put-file", "fetch-file", "enum", "range", "lease", "renew", "release",
                                   "watch", "rollback", "status"};

struct Run
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
    QByteArray rawOut; // stdout untrimmed, for binary output
    QJsonValue json() const { return QJsonDocument::fromJson('[' + out + ']').array().at(0); }
};

class tst_Cli : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void versionAndHelp();
    void helpForEachCommand_data();
    void helpForEachCommand();
    void usageErrors_data();
    void usageErrors();
    void writeCommands();
    void getAndEnum();
    void getManyAndRange();
    void leases();
    void putFile();
    void watchFilters();
    void messagePack();
    void serverErrors();
    void status();
    void rollbackPath();
    void rollbackStore();
    void rollbackRefused_data();
    void rollbackRefused();
    void fetchFile();
    void fetchFileErrors_data();
    void fetchFileErrors();
    void tokenSources();
    void watchSeesOtherWrites_data();
    void watchSeesOtherWrites();
    void languages_data();
    void languages();
    void helpInGerman();

private:
    QProcessEnvironment environment() const;
    Run dust(const QStringList &args, const QProcessEnvironment &env = {});
    QStringList connection(const QString &token = {}) const
    {
        return {u"--url"_s, m_server->url().toString(), u"--token"_s, token.isEmpty() ? m_server->token() : token};
    }
    // put-file of `content` at `path`; the file reference stored.
    QJsonObject putFile(const QString &path, const QByteArray &content);

    std::unique_ptr<Dust::TestServer> m_server;
    QTemporaryDir m_home;
};

QProcessEnvironment tst_Cli::environment() const
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(u"DUST_URL"_s);
    env.remove(u"DUST_TOKEN"_s);
    env.remove(u"DUST_API_KEY"_s);
    env.remove(u"DUST_DATA_DIR"_s);
    env.insert(u"XDG_DATA_HOME"_s, m_home.filePath(u"share"_s));
    // The tool follows the system language; the texts checked here are the
    // English ones, whatever the machine's locale (languages() sets others).
    env.remove(u"LANGUAGE"_s);
    env.remove(u"LC_MESSAGES"_s);
    env.insert(u"LC_ALL"_s, u"C.UTF-8"_s);
    return env;
}

Run tst_Cli::dust(const QStringList &args, const QProcessEnvironment &env)
{
    QProcess process;
    process.setProcessEnvironment(env.isEmpty() ? environment() : env);
    process.start(QStringLiteral(DUST_CLI), args);
    if (!process.waitForStarted())
        qFatal("dust did not start");
    // The server lives on its own thread: waiting here does not block it.
    if (!process.waitForFinished(60000))
        qFatal("dust did not finish");
    const QByteArray out = process.readAllStandardOutput();
    return Run{process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1, out.trimmed(),
               process.readAllStandardError().trimmed(), out};
}

void tst_Cli::initTestCase()
{
    QVERIFY(m_home.isValid());
    Dust::TestServerOptions options;
    options.stores = {StoreName};
    options.openClient = false;
    options.server.tokens = {{ReadOnlyToken, {u"entries:read"_s}, true, {}}};
    m_server = std::make_unique<Dust::TestServer>(options);
    DUST_VERIFY(*m_server);
}

void tst_Cli::cleanupTestCase()
{
    m_server.reset();
}

void tst_Cli::versionAndHelp()
{
    Run run = dust({u"--version"_s});
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.out, Dust::version().toUtf8());
    run = dust({u"--help"_s});
    QCOMPARE(run.exitCode, 0);
    for (const char *command : AllCommands)
        QVERIFY2(run.out.contains(QByteArray("  ") + command + ' '), command);
    run = dust({});
    QCOMPARE(run.exitCode, 2);
}

void tst_Cli::helpForEachCommand_data()
{
    QTest::addColumn<QString>("command");
    for (const char *command : AllCommands)
        QTest::newRow(command) << QString::fromLatin1(command);
}

void tst_Cli::helpForEachCommand()
{
    QFETCH(QString, command);
    const Run run = dust({command, u"--help"_s});
    QCOMPARE(run.exitCode, 0);
    QVERIFY(run.out.contains(command.toUtf8() + " <store>"));
    QVERIFY(run.out.contains("--token"));
}

void tst_Cli::usageErrors_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("message");
    QTest::newRow("unknown command") << QStringList{u"frobnicate"_s, StoreName} << u"unknown command"_s;
    QTest::newRow("missing args") << QStringList{u"put"_s, StoreName, u"a"_s} << u"usage"_s;
    QTest::newRow("too many args") << QStringList{u"get"_s, StoreName, u"a"_s, u"b"_s} << u"usage"_s;
    QTest::newRow("not json") << QStringList{u"put"_s, StoreName, u"a"_s, u"hello"_s} << u"not JSON"_s;
    QTest::newRow("merge non-object") << QStringList{u"merge"_s, StoreName, u"a"_s, u"[1]"_s} << u"object"_s;
    QTest::newRow("delta not a number") << QStringList{u"increment"_s, StoreName, u"a"_s, u"\"x\""_s} << u"number"_s;
    QTest::newRow("bad path") << QStringList{u"put"_s, StoreName, u"a//b"_s, u"1"_s} << u"empty_segment"_s;
    QTest::newRow("bad pattern") << QStringList{u"enum"_s, StoreName, u"a/**/b"_s} << u"wildcard_many_not_tail"_s;
    QTest::newRow("bad option") << QStringList{u"get"_s, StoreName, u"a"_s, u"--frob"_s} << u"frob"_s;
    QTest::newRow("bad order") << QStringList{u"enum"_s, StoreName, u"**"_s, u"--order"_s, u"up"_s} << u"order"_s;
    QTest::newRow("bad mode") << QStringList{u"watch"_s, StoreName, u"**"_s, u"--mode"_s, u"x"_s} << u"mode"_s;
    QTest::newRow("bad ttl") << QStringList{u"lease"_s, StoreName, u"a"_s, u"--ttl"_s, u"0"_s} << u"--ttl"_s;
    QTest::newRow("bad lease token") << QStringList{u"release"_s, StoreName, u"a"_s, u"x"_s} << u"token"_s;
    QTest::newRow("no such file") << QStringList{u"put-file"_s, StoreName, u"a"_s, u"/no/such/file"_s}
                                  << u"cannot read /no/such/file"_s;
    QTest::newRow("bad op") << QStringList{u"watch"_s, StoreName, u"**"_s, u"--op"_s, u"set,explode"_s} << u"explode"_s;
    QTest::newRow("bad watch limit") << QStringList{u"watch"_s, StoreName, u"**"_s, u"--limit"_s, u"0"_s} << u"--limit"_s;
    QTest::newRow("get-many bad path") << QStringList{u"get-many"_s, StoreName, u"a"_s, u"b//c"_s} << u"empty_segment"_s;
    QTest::newRow("bad if-match") << QStringList{u"put"_s, StoreName, u"a"_s, u"1"_s, u"--if-match"_s, u"x"_s} << u"if-match"_s;
}

void tst_Cli::usageErrors()
{
    QFETCH(QStringList, args);
    QFETCH(QString, message);
    const Run run = dust(connection() + args);
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(QString::fromUtf8(run.err).contains(message), run.err.constData());
    QVERIFY(run.out.isEmpty());
}

void tst_Cli::writeCommands()
{
    const qint64 head = m_server->storeSeq();
    Run run = dust(connection() + QStringList{u"put"_s, StoreName, u"posts/hello"_s, u"{\"title\": \"Hi\"}"_s});
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.json(), QJsonValue(QJsonObject{{u"store_seq"_s, head + 1}}));
    QCOMPARE(dust(connection() + QStringList{u"merge"_s, StoreName, u"posts/hello"_s, u"{\"body\": \"x\"}"_s}).exitCode, 0);
    QCOMPARE(dust(connection() + QStringList{u"increment"_s, StoreName, u"views"_s}).exitCode, 0);
    QCOMPARE(dust(connection() + QStringList{u"increment"_s, StoreName, u"views"_s, u"--"_s, u"-3.5"_s}).exitCode, 0);
    QCOMPARE(dust(connection() + QStringList{u"add"_s, StoreName, u"tags"_s, u"\"a\""_s}).exitCode, 0);
    QCOMPARE(dust(connection() + QStringList{u"add"_s, StoreName, u"tags"_s, u"{\"k\": 1}"_s}).exitCode, 0);
    QCOMPARE(dust(connection() + QStringList{u"remove"_s, StoreName, u"tags"_s, u"\"a\""_s}).exitCode, 0);
    QCOMPARE(dust(connection() + QStringList{u"put"_s, StoreName, u"gone"_s, u"null"_s}).exitCode, 0);
    run = dust(connection() + QStringList{u"delete"_s, StoreName, u"gone"_s});
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.json().toObject().value(u"store_seq"_s).toInteger(), head + 9);

    auto client = m_server->createClient();
    Dust::Store *store = client->store(StoreName);
    client->open();
    QVERIFY(m_server->waitSynced(store));
    QCOMPARE(store->get(u"posts/hello"_s), json(R"({"title": "Hi", "body": "x"})"));
    QCOMPARE(store->get(u"views"_s), QJsonValue(-2.5));
    QCOMPARE(store->get(u"tags"_s), json(R"([{"k": 1}])"));
    QVERIFY(!store->get(u"gone"_s));
}

void tst_Cli::getAndEnum()
{
    QVERIFY(m_server->writeAs(u"dev_other"_s, Dust::Op::Kind::Set, u"list/a"_s, 1));
    QVERIFY(m_server->writeAs(u"dev_other"_s, Dust::Op::Kind::Set, u"list/b/x"_s, u"two"_s));
    const qint64 seq = *m_server->writeAs(u"dev_other"_s, Dust::Op::Kind::Set, u"list/c"_s, true);

    // get prints the value, entry the whole entry.
    Run run = dust(connection() + QStringList{u"get"_s, StoreName, u"list/c"_s});
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.out, QByteArray("true"));
    const QDateTime beforeEntry = QDateTime::currentDateTimeUtc();
    run = dust(connection() + QStringList{u"entry"_s, StoreName, u"list/c"_s});
    QCOMPARE(run.exitCode, 0);
    QJsonObject entry = run.json().toObject();
    // synced_at: when this run received the entry from the server.
    const QDateTime syncedAt = QDateTime::fromString(entry.take(u"synced_at"_s).toString(), Qt::ISODateWithMs);
    QVERIFY2(syncedAt.isValid(), run.out.constData());
    QVERIFY(syncedAt >= beforeEntry.addSecs(-1) && syncedAt <= QDateTime::currentDateTimeUtc().addSecs(1));
    QCOMPARE(entry, QJsonObject({{u"path"_s, u"list/c"_s}, {u"value"_s, true},
                                 {u"type"_s, u"boolean"_s}, {u"revision"_s, seq}}));
    run = dust(connection() + QStringList{u"get"_s, StoreName, u"list"_s});
    QCOMPARE(run.json(), json(R"({"a": 1, "b": {"x": "two"}, "c": true})"));
    run = dust(connection() + QStringList{u"entry"_s, StoreName, u"list"_s});
    QCOMPARE(run.json().toObject().value(u"type"_s).toString(), u"map"_s);
    QCOMPARE(run.json().toObject().value(u"value"_s), json(R"({"a": 1, "b": {"x": "two"}, "c": true})"));
    // An assembled subtree was never received as such.
    QCOMPARE(run.json().toObject().value(u"synced_at"_s), QJsonValue(QJsonValue::Null));
    run = dust(connection() + QStringList{u"entry"_s, StoreName, u"list/none"_s});
    QCOMPARE(run.exitCode, 1);
    QVERIFY(run.err.contains("not_found"));

    run = dust(connection() + QStringList{u"enum"_s, StoreName, u"list/**"_s, u"--limit"_s, u"2"_s});
    QCOMPARE(run.exitCode, 0);
    QJsonObject page = run.json().toObject();
    QCOMPARE(page.value(u"entries"_s).toArray().size(), 2);
    QCOMPARE(page.value(u"next_cursor"_s).toString(), u"list/b/x"_s);
    run = dust(connection() + QStringList{u"enum"_s, StoreName, u"list/**"_s, u"--after"_s, u"list/b/x"_s});
    page = run.json().toObject();
    QCOMPARE(page.value(u"entries"_s).toArray().size(), 1);
    QVERIFY(page.value(u"next_cursor"_s).isNull());
    run = dust(connection() + QStringList{u"enum"_s, StoreName, u"list/**"_s, u"--select"_s, u"prefixes"_s,
                                          u"--order"_s, u"desc"_s});
    QCOMPARE(run.json().toObject().value(u"keys"_s).toArray(),
             QJsonArray({u"list/c"_s, u"list/b"_s, u"list/a"_s}));
    // Connection options may also follow the command.
    run = dust(QStringList{u"get"_s, StoreName, u"list/a"_s} + connection());
    QCOMPARE(run.json(), QJsonValue(1));
}

void tst_Cli::getManyAndRange()
{
    QVERIFY(m_server->writeAs(u"dev_other"_s, Dust::Op::Kind::Set, u"many/a"_s, 1));
    QVERIFY(m_server->writeAs(u"dev_other"_s, Dust::Op::Kind::Set, u"many/b/x"_s, u"two"_s));
    QVERIFY(m_server->writeAs(u"dev_other"_s, Dust::Op::Kind::Set, u"many/c"_s, true));

    // Only the leaves that exist: no subtree, no missing path.
    Run run = dust(connection() + QStringList{u"get-many"_s, StoreName, u"many/c"_s, u"many/a"_s, u"many/b"_s,
                                              u"many/none"_s});
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.json(), json(R"({"many/a": 1, "many/c": true})"));

    run = dust(connection() + QStringList{u"range"_s, StoreName, u"many/a"_s, u"many/c"_s});
    QCOMPARE(run.exitCode, 0);
    QJsonArray entries = run.json().toObject().value(u"entries"_s).toArray();
    QCOMPARE(entries.size(), 2);
    QCOMPARE(entries.at(0).toObject().value(u"path"_s).toString(), u"many/a"_s);
    QCOMPARE(entries.at(1).toObject().value(u"path"_s).toString(), u"many/b/x"_s);
    QVERIFY(run.json().toObject().value(u"next_cursor"_s).isNull());
    run = dust(connection() + QStringList{u"range"_s, StoreName, u"many/"_s, u"many/z"_s, u"--order"_s, u"desc"_s,
                                          u"--limit"_s, u"1"_s});
    QCOMPARE(run.exitCode, 0);
    entries = run.json().toObject().value(u"entries"_s).toArray();
    QCOMPARE(entries.size(), 1);
    QCOMPARE(entries.at(0).toObject().value(u"path"_s).toString(), u"many/c"_s);
    QCOMPARE(run.json().toObject().value(u"next_cursor"_s).toString(), u"many/c"_s);
}

void tst_Cli::leases()
{
    Run run = dust(connection() + QStringList{u"lease"_s, StoreName, u"locks/job"_s, u"--ttl"_s, u"60000"_s,
                                              u"--holder"_s, u"worker-1"_s});
    QCOMPARE(run.exitCode, 0);
    const QJsonObject grant = run.json().toObject();
    const qint64 token = grant.value(u"token"_s).toInteger();
    QVERIFY(token > 0);
    QCOMPARE(grant.value(u"holder"_s).toString(), u"worker-1"_s);
    QVERIFY(grant.value(u"expires_at"_s).toInteger() > QDateTime::currentMSecsSinceEpoch());

    run = dust(connection() + QStringList{u"lease"_s, StoreName, u"locks/job"_s});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains("held"), run.err.constData());

    const QString tokenText = QString::number(token);
    run = dust(connection() + QStringList{u"renew"_s, StoreName, u"locks/job"_s, tokenText, u"--ttl"_s, u"90000"_s});
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.json().toObject().value(u"token"_s).toInteger(), token);
    QVERIFY(run.json().toObject().value(u"expires_at"_s).toInteger() > grant.value(u"expires_at"_s).toInteger());

    run = dust(connection() + QStringList{u"release"_s, StoreName, u"locks/job"_s, tokenText});
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.json(), QJsonValue(QJsonObject{{u"released"_s, true}}));
    run = dust(connection() + QStringList{u"release"_s, StoreName, u"locks/job"_s, tokenText});
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.json(), QJsonValue(QJsonObject{{u"released"_s, false}}));
}

void tst_Cli::putFile()
{
    QTemporaryDir dir;
    QFile file(dir.filePath(u"report.txt"_s));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("quarterly numbers\n");
    file.close();
    Run run = dust(connection() + QStringList{u"put-file"_s, StoreName, u"files/report"_s, file.fileName(),
                                              u"--content-type"_s, u"text/plain"_s});
    QCOMPARE(run.exitCode, 0);
    const qint64 seq = run.json().toObject().value(u"store_seq"_s).toInteger();
    QVERIFY(seq > 0);

    run = dust(connection() + QStringList{u"entry"_s, StoreName, u"files/report"_s});
    QCOMPARE(run.exitCode, 0);
    const QJsonObject entry = run.json().toObject();
    QCOMPARE(entry.value(u"type"_s).toString(), u"file"_s);
    QCOMPARE(entry.value(u"revision"_s).toInteger(), seq);
    const QJsonObject reference = entry.value(u"value"_s).toObject();
    QCOMPARE(reference.value(u"filename"_s).toString(), u"report.txt"_s);
    QCOMPARE(reference.value(u"content_type"_s).toString(), u"text/plain"_s);
    QCOMPARE(reference.value(u"size"_s).toInteger(), 18);
}

// --current with --limit and --order prints the first entries in that order;
// --op keeps only the operations asked for.
void tst_Cli::watchFilters()
{
    for (const char *name : {"a", "b", "c"})
        QVERIFY(m_server->writeAs(u"dev_other"_s, Dust::Op::Kind::Set, u"filtered/"_s + QLatin1StringView(name), 1));
    QProcess watch;
    watch.setProcessEnvironment(environment());
    watch.start(QStringLiteral(DUST_CLI), connection() + QStringList{u"watch"_s, StoreName, u"filtered/*"_s,
                u"--current"_s, u"--limit"_s, u"2"_s, u"--order"_s, u"desc"_s, u"--op"_s, u"increment,delete"_s});
    QVERIFY(watch.waitForStarted());
    QByteArray err;
    QTRY_VERIFY_WITH_TIMEOUT((err += watch.readAllStandardError()).contains("watching"), 20000);
    QVERIFY(m_server->writeAs(u"dev_other"_s, Dust::Op::Kind::Set, u"filtered/d"_s, 2));
    QVERIFY(m_server->writeAs(u"dev_other"_s, Dust::Op::Kind::Increment, u"filtered/e"_s, 3));
    QVERIFY(m_server->writeAs(u"dev_other"_s, Dust::Op::Kind::Delete, u"filtered/a"_s, QJsonValue()));
    QByteArray out;
    QTRY_VERIFY_WITH_TIMEOUT((out += watch.readAllStandardOutput()).count('\n') >= 4, 20000);
    ::kill(watch.processId(), SIGTERM);
    QVERIFY(watch.waitForFinished(20000));
    out += watch.readAllStandardOutput();
    QList<QString> seen;
    for (const QByteArray &line : out.trimmed().split('\n')) {
        const QJsonObject event = QJsonDocument::fromJson(line).object();
        seen.append(event.value(u"type"_s).toString() + event.value(u"op"_s).toString() + u' '
                    + event.value(u"path"_s).toString());
    }
    QCOMPARE(seen, QList<QString>({u"present filtered/c"_s, u"present filtered/b"_s, u"increment filtered/e"_s,
                                   u"delete filtered/a"_s}));
}

// --msgpack speaks vsn 3.0.0, before or after the command; the data is the
// same for JSON clients.
void tst_Cli::messagePack()
{
    Run run = dust(connection() + QStringList{u"--msgpack"_s, u"put"_s, StoreName, u"mp/value"_s,
                                              u"{\"n\": 1.5, \"list\": [true, null, \"x\"]}"_s});
    QCOMPARE(run.exitCode, 0);
    const qint64 seq = run.json().toObject().value(u"store_seq"_s).toInteger();
    QVERIFY(seq > 0);
    run = dust(connection() + QStringList{u"get"_s, StoreName, u"mp/value/list"_s, u"--msgpack"_s});
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.json(), json(R"([true, null, "x"])"));
    run = dust(connection() + QStringList{u"entry"_s, StoreName, u"mp/value/n"_s});
    QCOMPARE(run.json().toObject().value(u"value"_s), QJsonValue(1.5));
    QCOMPARE(run.json().toObject().value(u"revision"_s).toInteger(), seq);
}

void tst_Cli::serverErrors()
{
    Run run = dust(connection() + QStringList{u"get"_s, StoreName, u"no/such/path"_s});
    QCOMPARE(run.exitCode, 1);
    QVERIFY(run.err.contains("not_found"));
    QVERIFY(run.out.isEmpty());

    run = dust(connection() + QStringList{u"put"_s, StoreName, u"cas"_s, u"1"_s, u"--if-match"_s, u"999999"_s});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains("conflict"), run.err.constData());

    QVERIFY(dust(connection() + QStringList{u"put"_s, StoreName, u"once"_s, u"1"_s, u"--if-absent"_s}).exitCode == 0);
    run = dust(connection() + QStringList{u"put"_s, StoreName, u"once"_s, u"2"_s, u"--if-absent"_s});
    QCOMPARE(run.exitCode, 1);
    QVERIFY(run.err.contains("exists"));

    run = dust({u"--url"_s, m_server->url().toString(), u"--token"_s, u"dust_tok_wrong"_s,
                u"get"_s, StoreName, u"a"_s, u"--timeout"_s, u"5000"_s});
    QCOMPARE(run.exitCode, 1);
    QVERIFY(!run.err.isEmpty());

    run = dust({u"--url"_s, u"ws://127.0.0.1:1/ws/sync"_s, u"--token"_s, u"t"_s, u"get"_s, StoreName, u"a"_s});
    QCOMPARE(run.exitCode, 1);
    QVERIFY(run.err.contains("network"));
}

void tst_Cli::status()
{
    const Run entries = dust(connection() + QStringList{u"enum"_s, StoreName, u"**"_s, u"--limit"_s, u"1000"_s});
    QCOMPARE(entries.exitCode, 0);
    const Run run = dust(connection() + QStringList{u"status"_s, StoreName});
    QCOMPARE(run.exitCode, 0);
    const QJsonObject status = run.json().toObject();
    QCOMPARE(status.value(u"store"_s).toString(), StoreName);
    QCOMPARE(status.value(u"status"_s).toString(), u"connected"_s);
    QCOMPARE(status.value(u"last_store_seq"_s).toInteger(), m_server->storeSeq());
    // The server's view: its head and its count of leaves.
    QCOMPARE(status.value(u"store_seq"_s).toInteger(), m_server->storeSeq());
    QCOMPARE(status.value(u"entry_count"_s).toInteger(),
             entries.json().toObject().value(u"entries"_s).toArray().size());
    QVERIFY(status.value(u"op_count"_s).toInteger() >= status.value(u"entry_count"_s).toInteger());
    QVERIFY(status.contains(u"file_storage_bytes"_s));
    QCOMPARE(status.value(u"permissions"_s).toObject().value(u"write"_s), QJsonValue(true));
    QVERIFY(status.value(u"scopes"_s).toArray().contains(u"entries:read"_s));
    QVERIFY(status.value(u"device_id"_s).toString().startsWith(u"dev_"_s));
}

void tst_Cli::rollbackPath()
{
    const qint64 mark = *m_server->writeAs(u"dev_other"_s, Dust::Op::Kind::Set, u"undo/title"_s, u"First"_s);
    QVERIFY(m_server->writeAs(u"dev_other"_s, Dust::Op::Kind::Set, u"undo/title"_s, u"Oops"_s));
    QVERIFY(m_server->writeAs(u"dev_other"_s, Dust::Op::Kind::Set, u"undo/added"_s, 1));
    QVERIFY(m_server->writeAs(u"dev_other"_s, Dust::Op::Kind::Set, u"kept"_s, u"after"_s));

    Run run = dust(connection() + QStringList{u"rollback"_s, StoreName, u"undo"_s, u"--to-seq"_s,
                                              QString::number(mark)});
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(run.json().toObject().value(u"store_seq"_s).toInteger() > mark, run.out.constData());
    run = dust(connection() + QStringList{u"get"_s, StoreName, u"undo"_s});
    QCOMPARE(run.json(), json(R"({"title": "First"})"));
    // Only the path given went back.
    QCOMPARE(dust(connection() + QStringList{u"get"_s, StoreName, u"kept"_s}).json(), QJsonValue(u"after"_s));
}

void tst_Cli::rollbackStore()
{
    const qint64 mark = *m_server->writeAs(u"dev_other"_s, Dust::Op::Kind::Set, u"whole/a"_s, 1);
    QVERIFY(m_server->writeAs(u"dev_other"_s, Dust::Op::Kind::Set, u"whole/a"_s, 2));
    QVERIFY(m_server->writeAs(u"dev_other"_s, Dust::Op::Kind::Set, u"whole/b"_s, 3));

    Run run = dust(connection() + QStringList{u"rollback"_s, StoreName, u"--store"_s, u"--to-seq"_s,
                                              QString::number(mark)});
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.json().toObject().value(u"ops_written"_s).toInteger(), 2);
    run = dust(connection() + QStringList{u"get"_s, StoreName, u"whole"_s});
    QCOMPARE(run.json(), json(R"({"a": 1})"));
}

void tst_Cli::rollbackRefused_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("token");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("message");
    const QString future = QString::number(1000000);
    QTest::newRow("future seq") << QStringList{u"refused"_s, u"--to-seq"_s, future} << QString() << 1
                                << u"invalid_to_seq"_s;
    QTest::newRow("future seq, store") << QStringList{u"--store"_s, u"--to-seq"_s, future} << QString() << 1
                                       << u"invalid_to_seq"_s;
    QTest::newRow("negative seq") << QStringList{u"refused"_s, u"--to-seq"_s, u"-1"_s} << QString() << 2
                                  << u"--to-seq"_s;
    QTest::newRow("no seq") << QStringList{u"refused"_s} << QString() << 2 << u"--to-seq"_s;
    QTest::newRow("path and store") << QStringList{u"refused"_s, u"--store"_s, u"--to-seq"_s, u"1"_s} << QString()
                                    << 2 << u"either a path or --store"_s;
    QTest::newRow("bad path") << QStringList{u"refused//x"_s, u"--to-seq"_s, u"1"_s} << QString() << 2
                              << u"empty_segment"_s;
    QTest::newRow("read-only token") << QStringList{u"refused"_s, u"--to-seq"_s, u"1"_s} << ReadOnlyToken << 1
                                     << u"missing_scope"_s;
    QTest::newRow("read-only token, store") << QStringList{u"--store"_s, u"--to-seq"_s, u"1"_s} << ReadOnlyToken
                                            << 1 << u"missing_scope"_s;
}

// Each refusal says why and leaves the store as it was.
void tst_Cli::rollbackRefused()
{
    QFETCH(QStringList, args);
    QFETCH(QString, token);
    QFETCH(int, exitCode);
    QFETCH(QString, message);
    QVERIFY(m_server->writeAs(u"dev_other"_s, Dust::Op::Kind::Set, u"refused"_s, u"now"_s));
    const qint64 head = m_server->storeSeq();
    const Run run = dust(connection(token) + QStringList{u"rollback"_s, StoreName} + args);
    QCOMPARE(run.exitCode, exitCode);
    QVERIFY2(QString::fromUtf8(run.err).contains(message), run.err.constData());
    QVERIFY(run.out.isEmpty());
    QCOMPARE(m_server->storeSeq(), head);
    QCOMPARE(dust(connection() + QStringList{u"get"_s, StoreName, u"refused"_s}).json(), QJsonValue(u"now"_s));
}

QJsonObject tst_Cli::putFile(const QString &path, const QByteArray &content)
{
    QTemporaryDir dir;
    QFile file(dir.filePath(u"upload.bin"_s));
    if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size())
        return {};
    file.close();
    if (dust(connection() + QStringList{u"put-file"_s, StoreName, path, file.fileName()}).exitCode != 0)
        return {};
    return dust(connection() + QStringList{u"get"_s, StoreName, path}).json().toObject();
}

// Every way of naming a file gives back the bytes put-file uploaded.
void tst_Cli::fetchFile()
{
    QByteArray content(200000, Qt::Uninitialized);
    QRandomGenerator generator(20);
    for (char &byte : content)
        byte = char(generator.bounded(256));
    const QJsonObject reference = putFile(u"files/blob"_s, content);
    QCOMPARE(reference.value(u"hash"_s).toString(),
             u"sha256:"_s + QString::fromLatin1(QCryptographicHash::hash(content, QCryptographicHash::Sha256).toHex()));

    const QString referenceText = QString::fromUtf8(QJsonDocument(reference).toJson(QJsonDocument::Compact));
    for (const QString &name : {u"files/blob"_s, reference.value(u"hash"_s).toString(), referenceText}) {
        const Run run = dust(connection() + QStringList{u"fetch-file"_s, StoreName, name});
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.rawOut == content, qPrintable(name));
        QVERIFY2(run.err.isEmpty(), run.err.constData());
    }
    QTemporaryDir dir;
    const QString target = dir.filePath(u"copy.bin"_s);
    const Run run = dust(connection() + QStringList{u"fetch-file"_s, StoreName, u"files/blob"_s, u"-o"_s, target,
                                                    u"--progress"_s});
    QCOMPARE(run.exitCode, 0);
    QVERIFY(run.out.isEmpty());
    QVERIFY2(run.err.contains("200000 of 200000 bytes (100%)"), run.err.constData());
    QFile copy(target);
    QVERIFY(copy.open(QIODevice::ReadOnly));
    QVERIFY(copy.readAll() == content);
}

void tst_Cli::fetchFileErrors_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("token");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("message");
    const QString missingHash = u"sha256:"_s + QString(64, u'0');
    QTest::newRow("missing file") << u"{\"_type\": \"file\", \"hash\": \"%1\", \"size\": 3}"_s.arg(missingHash)
                                  << QString() << 1 << u"not_found: the server has no file "_s + missingHash;
    QTest::newRow("hash not in the store") << missingHash << QString() << 1
                                           << u"no file entry of acme/site references "_s + missingHash;
    QTest::newRow("not a reference") << u"{\"_type\": \"file\"}"_s << QString() << 2 << u"not_a_file_reference"_s;
    QTest::newRow("not JSON") << u"{oops"_s << QString() << 2 << u"not JSON"_s;
    QTest::newRow("path of a non-file") << u"files/plain"_s << QString() << 2 << u"not_a_file_reference"_s;
    QTest::newRow("no such path") << u"files/none"_s << QString() << 1 << u"not_found"_s;
    QTest::newRow("size mismatch") << u"mismatch"_s << QString() << 1 << u"hash_mismatch"_s;
    QTest::newRow("no files:read") << u"files/small"_s << ReadOnlyToken << 1 << u"forbidden"_s;
}

// Nothing reaches stdout or the --output file unless it is the whole file.
void tst_Cli::fetchFileErrors()
{
    QFETCH(QString, name);
    QFETCH(QString, token);
    QFETCH(int, exitCode);
    QFETCH(QString, message);
    QJsonObject reference = putFile(u"files/small"_s, "abc");
    QVERIFY(!reference.isEmpty());
    QVERIFY(m_server->writeAs(u"dev_other"_s, Dust::Op::Kind::Set, u"files/plain"_s, u"text"_s));
    if (name == u"mismatch") {
        reference.insert(u"size"_s, 4);
        name = QString::fromUtf8(QJsonDocument(reference).toJson(QJsonDocument::Compact));
    }
    QTemporaryDir dir;
    const QString target = dir.filePath(u"out.bin"_s);
    for (const QStringList &output : {QStringList{}, QStringList{u"--output"_s, target}}) {
        const Run run = dust(connection(token) + QStringList{u"fetch-file"_s, StoreName, name} + output);
        QCOMPARE(run.exitCode, exitCode);
        QVERIFY2(QString::fromUtf8(run.err).contains(message), run.err.constData());
        QVERIFY(run.out.isEmpty());
        QVERIFY(!QFile::exists(target));
    }
}

void tst_Cli::tokenSources()
{
    const QStringList get{u"get"_s, StoreName, u"tokens"_s};
    QVERIFY(m_server->writeAs(u"dev_other"_s, Dust::Op::Kind::Set, u"tokens"_s, u"ok"_s));
    const QString url = m_server->url().toString();

    QProcessEnvironment env = environment();
    QCOMPARE(dust(QStringList{u"--url"_s, url} + get, env).exitCode, 2); // no token anywhere

    env.insert(u"DUST_URL"_s, url);
    env.insert(u"DUST_TOKEN"_s, m_server->token());
    Run run = dust(get, env);
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.json(), QJsonValue(u"ok"_s));
    // $DUST_API_KEY (the upstream SDK's variable) comes before $DUST_TOKEN.
    env.insert(u"DUST_API_KEY"_s, u"dust_tok_wrong"_s);
    run = dust(get, env);
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains("unauthorized"), run.err.constData());
    env.insert(u"DUST_API_KEY"_s, m_server->token());
    env.insert(u"DUST_TOKEN"_s, u"dust_tok_wrong"_s);
    QCOMPARE(dust(get, env).exitCode, 0);
    env.remove(u"DUST_API_KEY"_s);

    // The dev server's token file, in its default data directory...
    env.remove(u"DUST_TOKEN"_s);
    const QString defaultDir = m_home.filePath(u"share/dust-devserver"_s);
    QVERIFY(QDir().mkpath(defaultDir));
    QFile file(QDir(defaultDir).filePath(u"dev-token"_s));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(m_server->token().toUtf8() + '\n');
    file.close();
    QCOMPARE(dust(get, env).exitCode, 0);
    // ...or in the one given.
    QVERIFY(file.remove());
    QTemporaryDir dataDir;
    QFile other(dataDir.filePath(u"dev-token"_s));
    QVERIFY(other.open(QIODevice::WriteOnly));
    other.write(m_server->token().toUtf8());
    other.close();
    QCOMPARE(dust(get, env).exitCode, 2);
    QCOMPARE(dust(QStringList{u"--data-dir"_s, dataDir.path()} + get, env).exitCode, 0);
    env.insert(u"DUST_DATA_DIR"_s, dataDir.path());
    QCOMPARE(dust(get, env).exitCode, 0);
}

void tst_Cli::watchSeesOtherWrites_data()
{
    QTest::addColumn<int>("signal");
    QTest::newRow("SIGTERM") << int(SIGTERM);
    QTest::newRow("SIGINT") << int(SIGINT);
}

void tst_Cli::watchSeesOtherWrites()
{
    QFETCH(int, signal);
    const QString feed = u"feed%1"_s.arg(signal);
    QVERIFY(m_server->writeAs(u"dev_other"_s, Dust::Op::Kind::Set, feed + u"/old"_s, 0));
    QProcess watch;
    watch.setProcessEnvironment(environment());
    watch.start(QStringLiteral(DUST_CLI), connection() + QStringList{u"watch"_s, StoreName, feed + u"/*"_s, u"--current"_s});
    QVERIFY(watch.waitForStarted());
    QByteArray err;
    QTRY_VERIFY_WITH_TIMEOUT((err += watch.readAllStandardError()).contains("watching"), 20000);

    // Another client writes: through the CLI and through the server.
    QCOMPARE(dust(connection() + QStringList{u"put"_s, StoreName, feed + u"/one"_s, u"1"_s}).exitCode, 0);
    QVERIFY(m_server->writeAs(u"dev_other"_s, Dust::Op::Kind::Increment, feed + u"/two"_s, 2));
    QVERIFY(m_server->writeAs(u"dev_other"_s, Dust::Op::Kind::Set, u"elsewhere"_s, 3));
    QByteArray out;
    QTRY_VERIFY_WITH_TIMEOUT((out += watch.readAllStandardOutput()).count('\n') >= 3, 20000);
    const QList<QByteArray> lines = out.trimmed().split('\n');
    QCOMPARE(lines.size(), 3);
    const QJsonObject bootstrap = QJsonDocument::fromJson(lines.at(0)).object();
    QCOMPARE(bootstrap.value(u"type"_s).toString(), u"present"_s);
    QCOMPARE(bootstrap.value(u"path"_s).toString(), feed + u"/old"_s);
    const QJsonObject first = QJsonDocument::fromJson(lines.at(1)).object();
    QCOMPARE(first.value(u"path"_s).toString(), feed + u"/one"_s);
    QCOMPARE(first.value(u"op"_s).toString(), u"set"_s);
    QCOMPARE(first.value(u"value"_s), QJsonValue(1));
    QCOMPARE(first.value(u"committed"_s), QJsonValue(true));
    QVERIFY(first.value(u"store_seq"_s).toInteger() > 0);
    const QJsonObject second = QJsonDocument::fromJson(lines.at(2)).object();
    QCOMPARE(second.value(u"path"_s).toString(), feed + u"/two"_s);
    QCOMPARE(second.value(u"op"_s).toString(), u"increment"_s);
    QCOMPARE(second.value(u"device_id"_s).toString(), u"dev_other"_s);

    ::kill(watch.processId(), signal);
    QVERIFY(watch.waitForFinished(20000));
    QCOMPARE(watch.exitStatus(), QProcess::NormalExit);
    QCOMPARE(watch.exitCode(), 128 + signal);
}

} // namespace

void tst_Cli::languages_data()
{
    QTest::addColumn<QStringList>("language");
    QTest::addColumn<QString>("systemLocale");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<bool>("unknown");
    const QString german = u"Der Pfad hat ein leeres Segment"_s;
    const QString french = u"Le chemin contient un segment vide"_s;
    const QString english = u"The path has an empty segment"_s;
    QTest::newRow("--lang de") << QStringList{u"--lang"_s, u"de"_s} << QString() << german << false;
    QTest::newRow("--lang=fr") << QStringList{u"--lang=fr"_s} << QString() << french << false;
    QTest::newRow("system German") << QStringList() << u"de_DE.UTF-8"_s << german << false;
    QTest::newRow("system French") << QStringList() << u"fr_FR.UTF-8"_s << french << false;
    QTest::newRow("--lang over system") << QStringList{u"--lang"_s, u"fr"_s} << u"de_DE.UTF-8"_s << french << false;
    QTest::newRow("system Spanish") << QStringList() << u"es_ES.UTF-8"_s << english << false;
    QTest::newRow("--lang xx") << QStringList{u"--lang"_s, u"xx"_s} << u"de_DE.UTF-8"_s << english << true;
}

void tst_Cli::languages()
{
    QFETCH(QStringList, language);
    QFETCH(QString, systemLocale);
    QFETCH(QString, expected);
    QFETCH(bool, unknown);
    QProcessEnvironment env = environment();
    if (!systemLocale.isEmpty())
        env.insert(u"LC_ALL"_s, systemLocale);
    // The option is accepted after the command as well as before it.
    const Run run = dust(connection() + QStringList{u"put"_s, StoreName, u"a//b"_s, u"1"_s} + language, env);
    QCOMPARE(run.exitCode, 2);
    const QString err = QString::fromUtf8(run.err);
    QVERIFY2(err.contains(u"empty_segment: "_s + expected), run.err.constData());
    QCOMPARE(err.contains(u"DustQt has no translation for this language; texts stay in English. ('xx'; "
                          "available: de, en, fr)"_s),
             unknown);
}

void tst_Cli::helpInGerman()
{
    const Run run = dust({u"--lang"_s, u"de"_s, u"--help"_s});
    QCOMPARE(run.exitCode, 0);
    const QString out = QString::fromUtf8(run.out);
    QVERIFY2(out.contains(u"Befehle:"_s), run.out.constData());
    QVERIFY(out.contains(u"Setzt den Wert an einem Pfad."_s));
    QVERIFY(out.contains(u"--lang <code>"_s));
    QVERIFY(run.err.isEmpty());
}

QTEST_GUILESS_MAIN(tst_Cli)
#include "tst_cli.moc"
