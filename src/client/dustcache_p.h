// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#ifndef DUSTCACHE_P_H
#define DUSTCACHE_P_H

#include <dustprivateapi_p.h>

#include <dustentry.h>
#include <dustresult.h>
#include <dustvaluemodel.h>

#include <QtCore/qjsonobject.h>
#include <QtCore/qlist.h>

namespace Dust::Internal {

// A write waiting for the server, as kept in a persistent outbox.
struct StoredOp
{
    QString clientOpId;
    Op::Kind kind = Op::Kind::Set;
    QString path;        // canonical rendering
    QJsonValue value;    // the optimistic value replayed locally
    QString event;       // the push event: "write" or "put_file"
    QJsonObject payload; // the push payload, sent as is
};

struct CacheContents
{
    QList<LeafChange> leaves;
    qint64 lastSeq = 0;
    QList<StoredOp> outbox; // in send order
};

// Where a sync engine persists its confirmed leaves, the highest applied
// store_seq and its outbox. Used only on the sync thread. Writes collect in
// an open transaction until commit().
class Cache
{
public:
    virtual ~Cache();

    virtual Result<CacheContents> load() = 0;
    virtual void write(const QList<LeafChange> &changes) = 0;
    virtual void replace(const ValueModel &model) = 0;
    virtual void setLastSeq(qint64 seq) = 0;
    virtual void addOp(const StoredOp &op) = 0;
    virtual void removeOp(const QString &clientOpId) = 0;
    virtual Result<void> commit() = 0;
    virtual bool isPersistent() const = 0;
};

// The in-memory cache: the engine's own models are the cache, so nothing
// is kept here and a restart starts from store_seq 0.
class MemoryCache final : public Cache
{
public:
    Result<CacheContents> load() override { return CacheContents(); }
    void write(const QList<LeafChange> &) override { }
    void replace(const ValueModel &) override { }
    void setLastSeq(qint64) override { }
    void addOp(const StoredOp &) override { }
    void removeOp(const QString &) override { }
    Result<void> commit() override { return {}; }
    bool isPersistent() const override { return false; }
};

} // namespace Dust::Internal

#endif // DUSTCACHE_P_H
