// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#ifndef FAULTHARNESS_H
#define FAULTHARNESS_H

// What the fault tests share: their scale, child processes spoken to line
// by line (dust-devserver, dust-faultproxy, dust-faultclient), a free port,
// and reading a server's or a client's SQLite file after the fact.

#include "servertestutil.h"

#include <QtCore/qdeadlinetimer.h>
#include <QtCore/qdir.h>
#include <QtCore/qfile.h>
#include <QtCore/qjsonarray.h>
#include <QtCore/qjsondocument.h>
#include <QtCore/qjsonobject.h>
#include <QtCore/qprocess.h>
#include <QtCore/qrandom.h>
#include <QtCore/qthread.h>
#include <QtNetwork/qtcpserver.h>
#include <QtSql/qsqldatabase.h>
#include <QtSql/qsqlerror.h>
#include <QtSql/qsqlquery.h>
#include <QtTest/qtest.h>

#include <cstdio>
#include <memory>

namespace Fault {

using namespace Qt::StringLiterals;

// DUST_FAULT_FULL=1 (or DUST_FAULT_SCALE=full) runs the numbers of the
// issue; otherwise a reduced scale that fits CI (the CMake option
// DUST_FAULT_SCALE sets the default of a build tree).
inline bool fullScale()
{
    if (qEnvironmentVariableIntValue("DUST_FAULT_FULL") == 1)
        return true;
    return qEnvironmentVariable("DUST_FAULT_SCALE", QStringLiteral(DUST_FAULT_SCALE_DEFAULT)) == u"full";
}

// A test's count: the environment variable `name` when set (to replay or
// stretch one test), else the full or the CI figure.
inline int count(const char *name, int ci, int full)
{
    bool ok = false;
    const int value = qEnvironmentVariableIntValue(name, &ok);
    if (ok && value > 0)
        return value;
    return fullScale() ? full : ci;
}

// A seed for this run, printed so a failure can be replayed with
// DUST_FAULT_SEED.
inline quint32 seed()
{
    static const quint32 value = qEnvironmentVariableIsSet("DUST_FAULT_SEED")
        ? quint32(qEnvironmentVariableIntValue("DUST_FAULT_SEED"))
        : QRandomGenerator::system()->generate();
    return value;
}

inline void figures(const QString &line)
{
    std::printf("%s\n", qPrintable(line));
    std::fflush(stdout);
}

// Qt detaches its threads: QThread::wait() returns before the thread has run
// its thread-specific-data destructors. A test that returns from main()
// right after stopping its servers and clients can then run the exit
// handlers (LeakSanitizer's check among them) while a worker thread is still
// tearing down, and the two race. Waits, at most `timeoutMs`, until this
// process is down to one thread again; Linux only, else returns at once.
inline void waitForWorkerThreadsToExit(int timeoutMs = 5000)
{
    const auto threads = [] {
        return QDir(u"/proc/self/task"_s).entryList(QDir::Dirs | QDir::NoDotAndDotDot).size();
    };
    QDeadlineTimer deadline(timeoutMs);
    while (threads() > 1 && !deadline.hasExpired())
        QThread::msleep(5);
}

inline quint16 freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

// A child process talked to in lines: what it prints is collected, the test
// waits for a line that starts with some text.
class Child
{
public:
    explicit Child(const QString &name) : m_name(name)
    {
        m_process.setProcessChannelMode(QProcess::SeparateChannels);
        QObject::connect(&m_process, &QProcess::readyReadStandardError, &m_process, [this] {
            const QByteArray err = m_process.readAllStandardError();
            m_stderr += err;
            // Shown as it comes: a sanitizer report or a warning names the child.
            for (const QByteArray &line : err.split('\n')) {
                if (!line.trimmed().isEmpty())
                    std::fprintf(stderr, "[%s] %s\n", qPrintable(m_name), line.constData());
            }
        });
    }
    ~Child() { kill(); }

    void start(const QString &program, const QStringList &arguments)
    {
        m_lines.clear();
        m_buffer.clear();
        m_stderr.clear();
        m_process.start(program, arguments);
    }
    bool isRunning() const { return m_process.state() != QProcess::NotRunning; }
    qint64 pid() const { return m_process.processId(); }

    // The first line after `from` that starts with `prefix` (its index in
    // lines()), or -1 when the time is up or the process ended first.
    qsizetype waitForLine(const QString &prefix, int timeoutMs = 60000, qsizetype from = 0)
    {
        qsizetype found = -1;
        waitUntil([&] {
            read();
            for (qsizetype i = from; i < m_lines.size(); ++i) {
                if (m_lines.at(i).startsWith(prefix)) {
                    found = i;
                    return true;
                }
            }
            return !isRunning();
        }, timeoutMs);
        read();
        if (found < 0) {
            for (qsizetype i = from; i < m_lines.size(); ++i) {
                if (m_lines.at(i).startsWith(prefix))
                    return i;
            }
        }
        return found;
    }
    QString line(qsizetype index) const { return m_lines.value(index); }
    const QStringList &lines()
    {
        read();
        return m_lines;
    }
    void send(const QByteArray &line)
    {
        m_process.write(line + '\n');
        m_process.waitForBytesWritten(5000);
    }
    // SIGKILL: no clean-up, no last write.
    void kill()
    {
        if (!isRunning())
            return;
        m_process.kill();
        m_process.waitForFinished(30000);
    }
    // SIGTERM, then the exit code (or -1 when it had to be killed).
    int terminate(int timeoutMs = 60000)
    {
        if (!isRunning())
            return m_process.exitStatus() == QProcess::NormalExit ? m_process.exitCode() : -1;
        m_process.terminate();
        if (!m_process.waitForFinished(timeoutMs)) {
            kill();
            return -1;
        }
        return m_process.exitStatus() == QProcess::NormalExit ? m_process.exitCode() : -1;
    }
    bool waitForExit(int timeoutMs = 60000)
    {
        waitUntil([&] { return !isRunning(); }, timeoutMs);
        return !isRunning();
    }
    int exitCode() const
    {
        return m_process.exitStatus() == QProcess::NormalExit ? m_process.exitCode() : -1;
    }
    QByteArray standardError() const { return m_stderr; }
    QString name() const { return m_name; }

private:
    void read()
    {
        m_buffer += m_process.readAllStandardOutput();
        qsizetype newline;
        while ((newline = m_buffer.indexOf('\n')) >= 0) {
            m_lines.append(QString::fromUtf8(m_buffer.left(newline)));
            m_buffer.remove(0, newline + 1);
        }
    }

    QString m_name;
    QProcess m_process;
    QByteArray m_buffer;
    QByteArray m_stderr;
    QStringList m_lines;
};

// dust-devserver on a data directory and a fixed port, restartable.
class DevServer : public Child
{
public:
    DevServer(const QString &dataDir, quint16 port, const QString &tokensFile, const QString &store)
        : Child(u"dust-devserver"_s), m_dataDir(dataDir), m_port(port), m_tokens(tokensFile), m_store(store)
    {
    }
    bool start()
    {
        Child::start(QStringLiteral(DUST_DEVSERVER_PATH),
                     {u"--data-dir"_s, m_dataDir, u"--port"_s, QString::number(m_port), u"--config"_s, m_tokens,
                      u"--store"_s, m_store});
        return waitForLine(u"Stores:"_s, 60000) >= 0;
    }
    QString storeFile() const { return QDir(m_dataDir).filePath(u"stores/"_s + m_store + u".db"_s); }

private:
    QString m_dataDir;
    quint16 m_port;
    QString m_tokens;
    QString m_store;
};

inline QString writeTokens(const QString &dir, const QString &token)
{
    const QString file = QDir(dir).filePath(u"tokens.json"_s);
    QFile out(file);
    out.open(QIODevice::WriteOnly);
    out.write(QJsonDocument(QJsonObject{{u"tokens"_s, QJsonArray{QJsonObject{
                                                          {u"token"_s, token},
                                                          {u"scopes"_s, QJsonArray{u"entries:read"_s, u"entries:write"_s}},
                                                          {u"store_access"_s, u"all"_s}}}}})
                  .toJson());
    return file;
}

// A SQLite file opened read-only for a look after the fact.
class SqliteFile
{
public:
    explicit SqliteFile(const QString &file)
        : m_name(u"fault-%1"_s.arg(QRandomGenerator::global()->generate()))
    {
        m_db = QSqlDatabase::addDatabase(u"QSQLITE"_s, m_name);
        m_db.setDatabaseName(file);
        m_db.open();
    }
    ~SqliteFile()
    {
        m_db.close();
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_name);
    }
    bool isOpen() const { return m_db.isOpen(); }
    QList<QVariantList> rows(const QString &sql, int columns) const
    {
        QList<QVariantList> out;
        QSqlQuery q(m_db);
        q.setForwardOnly(true);
        if (!q.exec(sql)) {
            qWarning() << "query failed:" << sql << q.lastError().text();
            return out;
        }
        while (q.next()) {
            QVariantList row;
            for (int i = 0; i < columns; ++i)
                row.append(q.value(i));
            out.append(row);
        }
        return out;
    }
    QVariant value(const QString &sql) const
    {
        const QList<QVariantList> all = rows(sql, 1);
        return all.isEmpty() ? QVariant() : all.first().first();
    }

private:
    QString m_name;
    QSqlDatabase m_db;
};

inline QJsonValue decodeJson(const QString &text)
{
    return QJsonDocument::fromJson('[' + text.toUtf8() + ']').array().at(0);
}

// A server store file's final state: its leaves and its op log.
struct ServerState
{
    struct OpRow
    {
        qint64 seq = 0;
        QString op;
        QString path;
        QString device;
        QString clientOpId;
    };
    QJsonObject leaves;
    QList<OpRow> ops;
    qint64 head = 0;

    static ServerState read(const QString &file)
    {
        ServerState state;
        SqliteFile db(file);
        for (const QVariantList &row : db.rows(u"SELECT path, value FROM store_entries"_s, 2))
            state.leaves.insert(row.at(0).toString(), decodeJson(row.at(1).toString()));
        for (const QVariantList &row : db.rows(u"SELECT store_seq, op, path, device_id, client_op_id FROM store_ops"
                                               " ORDER BY store_seq"_s, 5)) {
            state.ops.append({row.at(0).toLongLong(), row.at(1).toString(), row.at(2).toString(),
                              row.at(3).toString(), row.at(4).toString()});
        }
        state.head = state.ops.isEmpty() ? 0 : state.ops.last().seq;
        return state;
    }
};

inline QJsonObject readJson(const QString &file)
{
    QFile in(file);
    in.open(QIODevice::ReadOnly);
    return QJsonDocument::fromJson(in.readAll()).object();
}

// The leaves of `all` whose path starts with one of `prefixes`.
inline QJsonObject only(const QJsonObject &all, const QStringList &prefixes)
{
    QJsonObject out;
    for (auto it = all.begin(); it != all.end(); ++it) {
        for (const QString &prefix : prefixes) {
            if (it.key().startsWith(prefix)) {
                out.insert(it.key(), it.value());
                break;
            }
        }
    }
    return out;
}

// The keys whose values differ between two leaf maps (for failure output).
inline QStringList differences(const QJsonObject &a, const QJsonObject &b, int max = 10)
{
    QStringList out;
    QStringList keys = a.keys() + b.keys();
    keys.removeDuplicates();
    keys.sort();
    for (const QString &key : std::as_const(keys)) {
        if (a.value(key) != b.value(key)) {
            out.append(key + u": "_s + QString::fromUtf8(QJsonDocument(QJsonArray{a.value(key)}).toJson(QJsonDocument::Compact))
                       + u" vs "_s + QString::fromUtf8(QJsonDocument(QJsonArray{b.value(key)}).toJson(QJsonDocument::Compact)));
            if (out.size() >= max)
                break;
        }
    }
    return out;
}

} // namespace Fault

#endif // FAULTHARNESS_H
