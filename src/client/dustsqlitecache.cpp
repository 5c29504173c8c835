// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#include "dustsqlitecache_p.h"

#include "dustclientlogging_p.h"

#include <dustpath.h>

#include <QtCore/qatomic.h>
#include <QtCore/qdir.h>
#include <QtCore/qfileinfo.h>
#include <QtCore/qjsonarray.h>
#include <QtCore/qjsondocument.h>
#include <QtSql/qsqlerror.h>

using namespace Qt::StringLiterals;

namespace Dust::Internal {

namespace {

// 2 added leaves.synced_at; a version-1 file is migrated in place.
constexpr int SchemaVersion = 2;

// Values are stored as a one-element JSON array, so scalars round-trip.
QString encodeValue(const QJsonValue &value)
{
    return QString::fromUtf8(QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact));
}

std::optional<QJsonValue> decodeValue(const QString &text)
{
    const QJsonDocument doc = QJsonDocument::fromJson(text.toUtf8());
    if (!doc.isArray() || doc.array().size() != 1)
        return std::nullopt;
    return doc.array().at(0);
}

QString encodeObject(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

Error storageError(const QString &message)
{
    return Error(Error::Kind::Storage, u"storage"_s, {{u"message"_s, message}});
}

} // namespace

QString SqliteCache::fileName(const QString &directory, const QString &store)
{
    return QDir(directory).filePath(Path::escapeSegment(store) + u".sqlite"_s);
}

SqliteCache::SqliteCache(const QString &connectionName) : m_connectionName(connectionName) { }

SqliteCache::~SqliteCache()
{
    if (m_db.isOpen()) {
        if (Result<void> r = commit(); !r)
            qCWarning(lcClient) << "cache: final commit failed:" << r.error();
    }
    m_upsertLeaf.reset();
    m_deleteLeaf.reset();
    m_insertOp.reset();
    m_deleteOp.reset();
    m_setMeta.reset();
    m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_connectionName);
}

Result<std::unique_ptr<SqliteCache>> SqliteCache::open(const QString &file)
{
    static QAtomicInteger<quint64> counter;
    const QString name = u"dust-cache-%1"_s.arg(counter.fetchAndAddRelaxed(1));
    std::unique_ptr<SqliteCache> cache(new SqliteCache(name));
    if (!QDir().mkpath(QFileInfo(file).absolutePath()))
        return storageError(QCoreApplication::translate("Dust::Client", "cannot create %1").arg(QFileInfo(file).absolutePath()));
    cache->m_db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
    cache->m_db.setDatabaseName(file);
    if (!cache->m_db.open())
        return storageError(cache->m_db.lastError().text());
    if (Result<void> r = cache->prepare(); !r)
        return r.error();
    return cache;
}

Result<void> SqliteCache::prepare()
{
    QSqlQuery q(m_db);
    const QStringList statements = {
        u"PRAGMA journal_mode=WAL"_s,
        u"PRAGMA synchronous=NORMAL"_s,
        u"CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL)"_s,
        u"CREATE TABLE IF NOT EXISTS leaves (path TEXT PRIMARY KEY, value TEXT NOT NULL, "
        "type TEXT NOT NULL, seq INTEGER NOT NULL, synced_at INTEGER NULL) WITHOUT ROWID"_s,
        u"CREATE TABLE IF NOT EXISTS outbox (position INTEGER PRIMARY KEY AUTOINCREMENT, "
        "client_op_id TEXT NOT NULL UNIQUE, op TEXT NOT NULL, path TEXT NOT NULL, "
        "value TEXT NOT NULL, event TEXT NOT NULL, payload TEXT NOT NULL)"_s,
    };
    for (const QString &statement : statements) {
        if (!q.exec(statement))
            return storageError(q.lastError().text());
    }
    q.prepare(u"INSERT OR IGNORE INTO meta (key, value) VALUES ('schema', ?)"_s);
    q.addBindValue(SchemaVersion);
    if (!q.exec())
        return storageError(q.lastError().text());
    if (Result<void> migrated = migrate(); !migrated)
        return migrated;

    const auto make = [this](std::unique_ptr<QSqlQuery> &query, const QString &sql) {
        query = std::make_unique<QSqlQuery>(m_db);
        return query->prepare(sql);
    };
    const bool ok = make(m_upsertLeaf, u"INSERT INTO leaves (path, value, type, seq, synced_at) VALUES (?, ?, ?, ?, ?) "
                                       "ON CONFLICT(path) DO UPDATE SET value = excluded.value, "
                                       "type = excluded.type, seq = excluded.seq, synced_at = excluded.synced_at"_s)
        && make(m_deleteLeaf, u"DELETE FROM leaves WHERE path = ?"_s)
        && make(m_insertOp, u"INSERT OR IGNORE INTO outbox (client_op_id, op, path, value, event, payload) "
                            "VALUES (?, ?, ?, ?, ?, ?)"_s)
        && make(m_deleteOp, u"DELETE FROM outbox WHERE client_op_id = ?"_s)
        && make(m_setMeta, u"INSERT INTO meta (key, value) VALUES (?, ?) "
                           "ON CONFLICT(key) DO UPDATE SET value = excluded.value"_s);
    if (!ok)
        return storageError(m_db.lastError().text());
    return {};
}

Result<void> SqliteCache::migrate()
{
    QSqlQuery q(m_db);
    q.prepare(u"SELECT value FROM meta WHERE key = 'schema'"_s);
    if (!q.exec() || !q.next())
        return storageError(q.lastError().text());
    const int version = q.value(0).toInt();
    if (version == SchemaVersion)
        return {};
    if (version != 1)
        return storageError(QCoreApplication::translate("Dust::Client", "unknown cache schema %1").arg(version));
    // Leaves cached before keep their data, with no sync time.
    if (!m_db.transaction())
        return storageError(m_db.lastError().text());
    QSqlQuery bump(m_db);
    bump.prepare(u"UPDATE meta SET value = ? WHERE key = 'schema'"_s);
    bump.addBindValue(SchemaVersion);
    if (!q.exec(u"ALTER TABLE leaves ADD COLUMN synced_at INTEGER NULL"_s) || !bump.exec()) {
        const QString why = q.lastError().isValid() ? q.lastError().text() : bump.lastError().text();
        m_db.rollback();
        return storageError(why);
    }
    if (!m_db.commit())
        return storageError(m_db.lastError().text());
    return {};
}

Result<CacheContents> SqliteCache::load()
{
    CacheContents contents;
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    if (!q.exec(u"SELECT value FROM meta WHERE key = 'last_seq'"_s))
        return storageError(q.lastError().text());
    if (q.next())
        contents.lastSeq = q.value(0).toLongLong();

    if (!q.exec(u"SELECT path, value, type, seq, synced_at FROM leaves"_s))
        return storageError(q.lastError().text());
    while (q.next()) {
        const QString path = q.value(0).toString();
        const std::optional<QJsonValue> value = decodeValue(q.value(1).toString());
        const std::optional<Entry::Type> type = Entry::typeFromName(q.value(2).toString());
        if (!Path::parse(path) || !value || !type) {
            qCWarning(lcClient) << "cache: skipping unreadable leaf" << path;
            continue;
        }
        contents.leaves.append({path.toUtf8(), Leaf{*value, *type, q.value(3).toLongLong(), q.value(4).toLongLong()}});
    }

    if (!q.exec(u"SELECT client_op_id, op, path, value, event, payload FROM outbox ORDER BY position"_s))
        return storageError(q.lastError().text());
    while (q.next()) {
        StoredOp op;
        op.clientOpId = q.value(0).toString();
        const std::optional<Op::Kind> kind = Op::fromName(q.value(1).toString());
        op.path = q.value(2).toString();
        const std::optional<QJsonValue> value = decodeValue(q.value(3).toString());
        op.event = q.value(4).toString();
        const QJsonDocument payload = QJsonDocument::fromJson(q.value(5).toString().toUtf8());
        if (!kind || !value || !payload.isObject() || !Path::parse(op.path)) {
            qCWarning(lcClient) << "cache: skipping unreadable queued write" << op.clientOpId;
            continue;
        }
        op.kind = *kind;
        op.value = *value;
        op.payload = payload.object();
        contents.outbox.append(op);
    }
    return contents;
}

bool SqliteCache::begin()
{
    if (m_inTransaction)
        return true;
    if (!m_db.transaction()) {
        fail(m_db.lastError());
        return false;
    }
    m_inTransaction = true;
    return true;
}

bool SqliteCache::exec(QSqlQuery &query)
{
    if (query.exec())
        return true;
    fail(query.lastError());
    return false;
}

void SqliteCache::fail(const QSqlError &error)
{
    if (m_firstError.isEmpty())
        m_firstError = error.text();
}

void SqliteCache::write(const QList<LeafChange> &changes)
{
    if (!begin())
        return;
    // Coalesced: a catch-up rewrites the same keys many times over.
    for (const LeafChange &change : changes)
        m_pendingLeaves.insert(change.key, change.leaf);
}

void SqliteCache::writeLeaf(const QByteArray &key, const std::optional<Leaf> &leaf)
{
    const QString path = QString::fromUtf8(key);
    if (!leaf) {
        m_deleteLeaf->bindValue(0, path);
        exec(*m_deleteLeaf);
        return;
    }
    m_upsertLeaf->bindValue(0, path);
    m_upsertLeaf->bindValue(1, encodeValue(leaf->value));
    m_upsertLeaf->bindValue(2, Entry::typeName(leaf->type));
    m_upsertLeaf->bindValue(3, leaf->seq);
    m_upsertLeaf->bindValue(4, leaf->syncedAt > 0 ? QVariant(leaf->syncedAt) : QVariant(QMetaType::fromType<qint64>()));
    exec(*m_upsertLeaf);
}

void SqliteCache::flushLeaves()
{
    for (auto it = m_pendingLeaves.cbegin(); it != m_pendingLeaves.cend(); ++it)
        writeLeaf(it.key(), it.value());
    m_pendingLeaves.clear();
}

void SqliteCache::replace(const ValueModel &model)
{
    if (!begin())
        return;
    m_pendingLeaves.clear();
    QSqlQuery clear(m_db);
    if (!clear.exec(u"DELETE FROM leaves"_s))
        fail(clear.lastError());
    model.forEachLeaf([this](const QByteArray &key, const Leaf &leaf) { writeLeaf(key, leaf); });
}

void SqliteCache::setLastSeq(qint64 seq)
{
    // Written once per transaction, at commit.
    m_pendingLastSeq = seq;
    begin();
}

void SqliteCache::addOp(const StoredOp &op)
{
    if (!begin())
        return;
    m_insertOp->bindValue(0, op.clientOpId);
    m_insertOp->bindValue(1, Op::name(op.kind));
    m_insertOp->bindValue(2, op.path);
    m_insertOp->bindValue(3, encodeValue(op.value));
    m_insertOp->bindValue(4, op.event);
    m_insertOp->bindValue(5, encodeObject(op.payload));
    exec(*m_insertOp);
}

void SqliteCache::removeOp(const QString &clientOpId)
{
    if (!begin())
        return;
    m_deleteOp->bindValue(0, clientOpId);
    exec(*m_deleteOp);
}

Result<void> SqliteCache::commit()
{
    if (!m_inTransaction)
        return {};
    // The leaves and last_seq in one transaction: a crash never leaves the
    // data ahead of or behind the seq.
    flushLeaves();
    if (m_pendingLastSeq >= 0) {
        m_setMeta->bindValue(0, u"last_seq"_s);
        m_setMeta->bindValue(1, m_pendingLastSeq);
        exec(*m_setMeta);
        m_pendingLastSeq = -1;
    }
    m_inTransaction = false;
    if (!m_db.commit())
        fail(m_db.lastError());
    if (m_firstError.isEmpty())
        return {};
    const Error error = storageError(m_firstError);
    m_firstError.clear();
    return error;
}

} // namespace Dust::Internal
