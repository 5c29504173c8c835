// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#ifndef DUSTSQLITECACHE_P_H
#define DUSTSQLITECACHE_P_H

#include <dustprivateapi_p.h>

#include "dustcache_p.h"

#include <QtCore/qhash.h>
#include <QtSql/qsqldatabase.h>
#include <QtSql/qsqlquery.h>

#include <memory>

namespace Dust::Internal {

// One SQLite file per store (WAL journal): tables `leaves` (path, value as
// JSON, type, seq), `meta` (last_seq) and `outbox` (writes in send order).
// The connection belongs to the thread that opened it: create, use and
// destroy the cache on the sync thread.
class SqliteCache final : public Cache
{
public:
    // `file` is created when missing.
    static Result<std::unique_ptr<SqliteCache>> open(const QString &file);
    // The file name for a store inside a cache directory ('/' escaped).
    static QString fileName(const QString &directory, const QString &store);
    ~SqliteCache() override;

    Result<CacheContents> load() override;
    void write(const QList<LeafChange> &changes) override;
    void replace(const ValueModel &model) override;
    void setLastSeq(qint64 seq) override;
    void addOp(const StoredOp &op) override;
    void removeOp(const QString &clientOpId) override;
    Result<void> commit() override;
    bool isPersistent() const override { return true; }

private:
    explicit SqliteCache(const QString &connectionName);
    Result<void> prepare();
    // Brings a file of an older schema version up to date, keeping its data.
    Result<void> migrate();
    bool begin();
    bool exec(QSqlQuery &query);
    void writeLeaf(const QByteArray &key, const std::optional<Leaf> &leaf);
    void flushLeaves();
    void fail(const QSqlError &error);

    const QString m_connectionName;
    QSqlDatabase m_db;
    std::unique_ptr<QSqlQuery> m_upsertLeaf;
    std::unique_ptr<QSqlQuery> m_deleteLeaf;
    std::unique_ptr<QSqlQuery> m_insertOp;
    std::unique_ptr<QSqlQuery> m_deleteOp;
    std::unique_ptr<QSqlQuery> m_setMeta;
    // Leaf writes since the last commit, the last one of each key: written
    // at commit, in the transaction that also writes last_seq.
    QHash<QByteArray, std::optional<Leaf>> m_pendingLeaves;
    bool m_inTransaction = false;
    qint64 m_pendingLastSeq = -1;
    QString m_firstError;
};

} // namespace Dust::Internal

#endif // DUSTSQLITECACHE_P_H
