// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#ifndef DUSTSERVERSTORE_P_H
#define DUSTSERVERSTORE_P_H

#include <dustprivateapi_p.h>

#include "dusteventframewriter_p.h"
#include "dustwriteop_p.h"

#include <dustserverglobal.h>
#include <dustvaluemodel.h>

#include <QtCore/qelapsedtimer.h>
#include <QtCore/qhash.h>
#include <QtCore/qobject.h>
#include <QtCore/qtimer.h>
#include <QtSql/qsqldatabase.h>
#include <QtSql/qsqlquery.h>

#include <functional>
#include <memory>

struct sqlite3_stmt;

namespace Dust {

// One committed op as the op log keeps it and an `event` carries it
// (protocol §2.1): the value is the materialized one.
struct DUST_SERVER_EXPORT OpRecord
{
    qint64 seq = 0;
    Op::Kind op = Op::Kind::Set;
    Path path;
    QJsonValue value;
    Entry::Type type = Entry::Type::Null;
    QString deviceId;
    QString clientOpId;
    qint64 insertedAt = 0;

    QJsonObject toEventPayload() const;
};

// What the writer answers for one request.
struct WriteOutcome
{
    Error error;               // null on success
    QJsonObject reply;         // the ok response (protocol §3.5)
    QList<OpRecord> events;    // to broadcast; empty for a duplicate or a no-op release
    bool duplicate = false;    // (device_id, client_op_id) was already committed
};

// One request to the store's single writer: the ops it commits under
// consecutive store_seqs, and where the outcome goes. (The client's
// Internal::WriteRequest, a local write waiting for its server, is unrelated.)
struct CommitRequest
{
    QString deviceId;
    QList<WriteOp> ops;        // several only for a REST batch_write, applied atomically
    bool batch = false;        // reply {store_seq, ops: [...]} and report the failing op_index
    bool deduplicate = false;  // look (deviceId, clientOpId) up in the op log first
    // Instead of `ops`: the writes that undo everything after a store_seq,
    // worked out when the request commits (see rollbackOps()).
    std::optional<RollbackRequest> rollback;
    std::function<void(const WriteOutcome &)> done;
};

struct StoredBlob
{
    QByteArray content;
    QString contentType;
    QString filename;
};

/*
    One store: its SQLite database (op log, leaf table, blobs; one connection,
    used only on the thread that opened it), the leaves loaded into a
    ValueModel, and the single writer that gives every op the next store_seq.

    Writes are queued by submit() and committed together at the next turn of
    the event loop (group commit) or at once by flush(); each request's
    callback runs only after the transaction holding it has committed.
*/
class DUST_SERVER_EXPORT ServerStore : public QObject
{
    Q_OBJECT

public:
    ~ServerStore() override;

    // `fileName` empty = an in-memory database.
    static Result<std::unique_ptr<ServerStore>> open(const QString &name, const QString &fileName);

    QString name() const { return m_name; }
    QString id() const { return m_id; }
    qint64 head() const { return m_head; }
    const ValueModel &model() const { return m_model; }

    void submit(CommitRequest request);
    void flush();

    // Committed ops with store_seq > after, ascending, at most `limit`.
    Result<QList<OpRecord>> readOps(qint64 after, int limit) const;
    // The same ops as stored, unparsed, for writing catch-up frames: each
    // row is visited in place (the views last until `visit` returns), and
    // the number of rows is returned.
    Result<qsizetype> visitStoredOps(qint64 after, int limit,
                                     const std::function<void(const StoredOpView &)> &visit) const;
    Result<QList<StoredOp>> readStoredOps(qint64 after, int limit) const;
    bool referencesFile(const QString &hash) const { return m_fileRefs.value(hash) > 0; }
    std::optional<StoredBlob> blob(const QString &hash) const;
    // The fields of a `status` reply that describe the store (protocol §3.4).
    QJsonObject statusInfo() const;
    // Whether `clientOpId` of `deviceId` is in the op log or waits in the
    // commit queue: a resend of a write the store has (its reply lost with
    // the connection), which commits nothing new.
    bool hasWrite(const QString &deviceId, const QString &clientOpId) const;

Q_SIGNALS:
    void committed(qint64 head);
    // Every request of a batch has had its answer (emitted after the last
    // callback), so the answers can be put on the wire now.
    void batchAnswered();

private:
    struct Applied;
    struct LeaseClock
    {
        qint64 token = 0;
        qint64 deadline = 0;   // on m_clock
    };
    using UndoList = QList<std::function<void()>>;

    ServerStore(const QString &name, const QString &connectionName);
    Result<void> initialize(bool inMemory);
    Result<void> load();
    Result<void> prepareStoredOps();
    WriteOutcome process(const CommitRequest &request, UndoList &undo, Error *storageError);
    Result<Applied> applyOne(const WriteOp &op, const QString &deviceId, UndoList &undo);
    Error checkPreconditions(const WriteOp &op) const;
    Result<QJsonValue> materialise(const WriteOp &op, qint64 seq, qint64 now, Applied &result) const;
    Result<AppliedOp> applyToModel(const WriteOp &op, const QJsonValue &value, qint64 seq, UndoList &undo);
    static QJsonObject replyFor(const WriteOp &op, qint64 seq, const QJsonValue &value, const Applied &result);
    WriteOutcome processRollback(const CommitRequest &request, UndoList &undo, Error *storageError);
    Result<QList<WriteOp>> rollbackOps(const RollbackRequest &request) const;
    Result<ValueModel> stateAt(qint64 seq) const;
    Result<void> persist(const QList<Applied> &applied);
    Result<std::optional<OpRecord>> findOp(const QString &deviceId, const QString &clientOpId) const;
    bool isLive(const QByteArray &key, const Leaf &leaf) const;
    void trackFiles(const QList<LeafChange> &removed, const QList<LeafChange> &added);
    Error storageError(const QSqlQuery &query) const;
    Error storageError(const QString &what) const;

    QString m_name;
    QString m_id;
    QString m_connectionName;
    QSqlDatabase m_db;
    mutable std::unique_ptr<QSqlQuery> m_insertOp;
    mutable std::unique_ptr<QSqlQuery> m_upsertEntry;
    mutable std::unique_ptr<QSqlQuery> m_deleteEntry;
    mutable std::unique_ptr<QSqlQuery> m_insertBlob;
    mutable std::unique_ptr<QSqlQuery> m_findOp;
    mutable std::unique_ptr<QSqlQuery> m_readOps;
    // SQLite's own statement on the same connection: a QSqlQuery would make
    // a QVariant and a QByteArray of every column of every row.
    sqlite3_stmt *m_readStoredOps = nullptr;
    ValueModel m_model;
    qint64 m_head = 0;
    QHash<QString, int> m_fileRefs;
    QHash<QByteArray, LeaseClock> m_leaseClocks;
    QElapsedTimer m_clock;
    QList<CommitRequest> m_queue;
    // Group commit: when several devices write at once, the commit waits a
    // little for the writes that are on their way (see submit()).
    QTimer m_flushTimer;
    QHash<QString, qint64> m_lastWriteByDevice;   // on m_clock
    qint64 m_lastCommitMs = 0;
};

} // namespace Dust

#endif // DUSTSERVERSTORE_P_H
