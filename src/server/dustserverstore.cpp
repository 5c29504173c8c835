// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#include "dustserverstore_p.h"

#include "dustserverlogging_p.h"

#include <dustjsonframecodec.h>

#include <QtCore/qcryptographichash.h>
#include <QtCore/qdatetime.h>
#include <QtCore/qfileinfo.h>
#include <QtCore/qjsonarray.h>
#include <QtCore/quuid.h>
#include <QtSql/qsqldriver.h>
#include <QtSql/qsqlerror.h>

#include <sqlite3.h>

#include <algorithm>
#include <set>
#include <atomic>

using namespace Qt::StringLiterals;

namespace Dust {

namespace {

// Stored values were limited by the frame or request that carried them; the
// codec here only has to read them back.
const JsonFrameCodec &valueCodec()
{
    static const JsonFrameCodec codec(FrameLimits{256, qsizetype(1) << 40});
    return codec;
}

QString encodeJson(const QJsonValue &value)
{
    return QString::fromUtf8(valueCodec().encodeValue(value));
}

QJsonValue decodeJson(const QString &text)
{
    return valueCodec().decodeValue(text.toUtf8()).valueOr(QJsonValue(QJsonValue::Null));
}

Entry::Type opType(Op::Kind kind, const QJsonValue &value)
{
    switch (kind) {
    case Op::Kind::Set:
        return Entry::typeOf(value);
    case Op::Kind::Merge:
        return Entry::Type::Map;
    case Op::Kind::Increment:
        return Entry::Type::Counter;
    case Op::Kind::Add:
    case Op::Kind::Remove:
        return Entry::Type::Set;
    case Op::Kind::PutFile:
        return Entry::Type::File;
    case Op::Kind::Lease:
    case Op::Kind::Renew:
        return Entry::Type::Lease;
    case Op::Kind::Delete:
    case Op::Kind::Release:
        return Entry::Type::Null;
    }
    return Entry::Type::Null;
}

QJsonObject leaseEnvelope(const QJsonValue &holder, qint64 token, qint64 expiresAt)
{
    return {{u"_type"_s, u"lease"_s}, {u"holder"_s, holder}, {u"token"_s, token},
            {u"expires_at"_s, expiresAt}};
}

Error rejected(const char *code)
{
    return Error(Error::Kind::Rejected, QString::fromLatin1(code));
}

std::atomic<quint64> connectionCounter{0};

} // namespace

struct ServerStore::Applied
{
    OpRecord record;
    QList<LeafChange> changes;
    QJsonObject reply;
    bool noop = false;
    QString blobHash;
    StoredBlob blob;
};

QJsonObject OpRecord::toEventPayload() const
{
    return {{u"store_seq"_s, seq},
            {u"op"_s, Op::name(op)},
            {u"path"_s, path.toString()},
            {u"path_segments"_s, path.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(path.toJsonSegments())},
            {u"value"_s, value},
            {u"device_id"_s, deviceId},
            {u"client_op_id"_s, clientOpId}};
}

ServerStore::ServerStore(const QString &name, const QString &connectionName)
    : m_name(name), m_connectionName(connectionName)
{
    m_clock.start();
    m_flushTimer.setSingleShot(true);
    m_flushTimer.setTimerType(Qt::PreciseTimer);
    connect(&m_flushTimer, &QTimer::timeout, this, &ServerStore::flush);
}

ServerStore::~ServerStore()
{
    m_insertOp.reset();
    m_upsertEntry.reset();
    m_deleteEntry.reset();
    m_insertBlob.reset();
    m_findOp.reset();
    m_readOps.reset();
    sqlite3_finalize(m_readStoredOps);
    if (m_db.isOpen())
        m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_connectionName);
}

Result<std::unique_ptr<ServerStore>> ServerStore::open(const QString &name, const QString &fileName)
{
    const QString connection = u"dust-store-%1-%2"_s.arg(++connectionCounter).arg(name);
    std::unique_ptr<ServerStore> store(new ServerStore(name, connection));
    store->m_db = QSqlDatabase::addDatabase(u"QSQLITE"_s, connection);
    if (!store->m_db.isValid())
        return store->storageError(ServerText::tr("the Qt SQLite driver is not available"));
    store->m_db.setDatabaseName(fileName.isEmpty() ? u":memory:"_s : fileName);
    // Only another process can hold the lock (see initialize()); waiting for
    // it would just delay the error.
    store->m_db.setConnectOptions(u"QSQLITE_BUSY_TIMEOUT=100"_s);
    if (!store->m_db.open())
        return store->storageError(store->m_db.lastError().text());
    if (Result<void> ready = store->initialize(fileName.isEmpty()); !ready)
        return ready.error();
    if (Result<void> loaded = store->load(); !loaded)
        return loaded.error();
    return store;
}

Error ServerStore::storageError(const QString &what) const
{
    return Error(Error::Kind::Storage, u"storage"_s, {{u"store"_s, m_name}, {u"message"_s, what}});
}

Error ServerStore::storageError(const QSqlQuery &query) const
{
    return storageError(query.lastError().text());
}

Result<void> ServerStore::initialize(bool inMemory)
{
    QSqlQuery q(m_db);
    // One server owns a store file at a time: the exclusive lock makes a
    // second server on the same data directory fail at start, clearly,
    // instead of interleaving store_seqs. synchronous=FULL syncs the WAL at
    // every commit, so an acknowledged write survives a crash.
    QStringList pragmas{u"PRAGMA locking_mode=EXCLUSIVE"_s, u"PRAGMA synchronous=FULL"_s};
    if (!inMemory)
        pragmas.prepend(u"PRAGMA journal_mode=WAL"_s);
    for (const QString &pragma : std::as_const(pragmas)) {
        if (!q.exec(pragma))
            return storageError(q);
    }
    const QStringList schema{
        u"CREATE TABLE IF NOT EXISTS store_ops(store_seq INTEGER PRIMARY KEY, op TEXT NOT NULL,"
        " path TEXT NOT NULL, value TEXT NOT NULL, type TEXT NOT NULL, device_id TEXT NOT NULL,"
        " client_op_id TEXT NOT NULL, inserted_at INTEGER NOT NULL)"_s,
        // Exactly-once writes: a (device_id, client_op_id) pair commits once.
        u"CREATE UNIQUE INDEX IF NOT EXISTS store_ops_client_op ON store_ops(device_id, client_op_id)"_s,
        u"CREATE TABLE IF NOT EXISTS store_entries(path TEXT PRIMARY KEY, value TEXT NOT NULL,"
        " type TEXT NOT NULL, seq INTEGER NOT NULL) WITHOUT ROWID"_s,
        u"CREATE TABLE IF NOT EXISTS store_blobs(hash TEXT PRIMARY KEY, content BLOB NOT NULL,"
        " size INTEGER NOT NULL, content_type TEXT NOT NULL, filename TEXT NOT NULL,"
        " inserted_at INTEGER NOT NULL)"_s,
        u"CREATE TABLE IF NOT EXISTS store_meta(key TEXT PRIMARY KEY, value TEXT NOT NULL)"_s,
    };
    if (!m_db.transaction())
        return storageError(m_db.lastError().text());
    for (const QString &statement : schema) {
        if (!q.exec(statement)) {
            m_db.rollback();
            return storageError(q);
        }
    }
    q.prepare(u"INSERT OR IGNORE INTO store_meta(key, value) VALUES ('id', ?), ('name', ?)"_s);
    q.addBindValue(QUuid::createUuid().toString(QUuid::WithoutBraces));
    q.addBindValue(m_name);
    if (!q.exec() || !m_db.commit()) {
        m_db.rollback();
        return storageError(q);
    }

    const auto prepare = [this](std::unique_ptr<QSqlQuery> &query, const QString &sql) {
        query = std::make_unique<QSqlQuery>(m_db);
        // Rows are read once, in order: no cache of every row read so far.
        query->setForwardOnly(true);
        return query->prepare(sql);
    };
    const bool prepared =
        prepare(m_insertOp, u"INSERT INTO store_ops(store_seq, op, path, value, type, device_id,"
                            " client_op_id, inserted_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"_s)
        && prepare(m_upsertEntry, u"INSERT OR REPLACE INTO store_entries(path, value, type, seq)"
                                  " VALUES (?, ?, ?, ?)"_s)
        && prepare(m_deleteEntry, u"DELETE FROM store_entries WHERE path = ?"_s)
        && prepare(m_insertBlob, u"INSERT OR REPLACE INTO store_blobs(hash, content, size,"
                                 " content_type, filename, inserted_at) VALUES (?, ?, ?, ?, ?, ?)"_s)
        && prepare(m_findOp, u"SELECT store_seq, op, path, value, type, device_id, client_op_id,"
                             " inserted_at FROM store_ops WHERE device_id = ? AND client_op_id = ?"_s)
        && prepare(m_readOps, u"SELECT store_seq, op, path, value, type, device_id, client_op_id,"
                              " inserted_at FROM store_ops WHERE store_seq > ? ORDER BY store_seq"
                              " LIMIT ?"_s);
    if (!prepared)
        return storageError(m_db.lastError().text());
    return prepareStoredOps();
}

Result<void> ServerStore::prepareStoredOps()
{
    const QVariant handle = m_db.driver()->handle();
    if (qstrcmp(handle.typeName(), "sqlite3*") != 0 || !*static_cast<sqlite3 *const *>(handle.constData()))
        return storageError(ServerText::tr("the Qt SQLite driver gives no SQLite handle"));
    sqlite3 *db = *static_cast<sqlite3 *const *>(handle.constData());
    static constexpr char Sql[] = "SELECT store_seq, op, path, value, device_id, client_op_id FROM store_ops"
                                  " WHERE store_seq > ?1 ORDER BY store_seq LIMIT ?2";
    if (sqlite3_prepare_v3(db, Sql, -1, SQLITE_PREPARE_PERSISTENT, &m_readStoredOps, nullptr) != SQLITE_OK)
        return storageError(QString::fromUtf8(sqlite3_errmsg(db)));
    return {};
}

Result<void> ServerStore::load()
{
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    if (!q.exec(u"SELECT value FROM store_meta WHERE key = 'id'"_s) || !q.next())
        return storageError(q);
    m_id = q.value(0).toString();

    if (!q.exec(u"SELECT path, value, type, seq FROM store_entries"_s))
        return storageError(q);
    QList<LeafChange> leaves;
    while (q.next()) {
        const QJsonValue value = decodeJson(q.value(1).toString());
        const Entry::Type type = Entry::typeFromName(q.value(2).toString()).value_or(Entry::typeOf(value));
        leaves.append({q.value(0).toString().toUtf8(), Leaf{value, type, q.value(3).toLongLong()}});
    }
    m_model.applyChanges(leaves);
    trackFiles({}, leaves);

    if (!q.exec(u"SELECT COALESCE(MAX(store_seq), 0) FROM store_ops"_s) || !q.next())
        return storageError(q);
    m_head = q.value(0).toLongLong();
    return {};
}

void ServerStore::trackFiles(const QList<LeafChange> &removed, const QList<LeafChange> &added)
{
    const auto hashOf = [](const LeafChange &change) {
        return change.leaf && change.leaf->type == Entry::Type::File
            ? change.leaf->value.toObject().value(u"hash").toString() : QString();
    };
    for (const LeafChange &change : removed) {
        if (const QString hash = hashOf(change); !hash.isEmpty() && --m_fileRefs[hash] <= 0)
            m_fileRefs.remove(hash);
    }
    for (const LeafChange &change : added) {
        if (const QString hash = hashOf(change); !hash.isEmpty())
            ++m_fileRefs[hash];
    }
}

bool ServerStore::isLive(const QByteArray &key, const Leaf &leaf) const
{
    const QJsonObject lease = leaf.value.toObject();
    const qint64 token = lease.value(u"token").toInteger();
    // The monotonic deadline is authoritative while this writer runs; after a
    // restart only the wall-clock expires_at is left.
    const auto clock = m_leaseClocks.constFind(key);
    if (clock != m_leaseClocks.cend() && clock->token == token)
        return m_clock.elapsed() < clock->deadline;
    return QDateTime::currentMSecsSinceEpoch() < lease.value(u"expires_at").toInteger();
}

void ServerStore::submit(CommitRequest request)
{
    // Devices that wrote within a few commit times are writing concurrently.
    const qint64 now = m_clock.elapsed();
    const qint64 window = std::max<qint64>(10, 4 * m_lastCommitMs);
    m_lastWriteByDevice.insert(request.deviceId, now);
    qsizetype concurrent = 0;
    for (auto it = m_lastWriteByDevice.begin(); it != m_lastWriteByDevice.end();) {
        if (now - it.value() > window) {
            it = m_lastWriteByDevice.erase(it);
        } else {
            ++concurrent;
            ++it;
        }
    }
    m_queue.append(std::move(request));

    // One writer commits at the next turn of the event loop. Several writers
    // wait up to half a commit time (at least 1 ms, QTimer's resolution, and
    // at most 2 ms) for each other, unless all of them are in already, so
    // that their writes share one disk sync: the replies of a commit reach
    // the writers at different moments, and without the wait each next write
    // would get a sync of its own. A commit faster than 2 ms once meant no
    // wait at all, and 8 writers then swung between 1,700 and 8,800 writes/s
    // as their writes fell into step or out of it.
    if (concurrent < 2 || m_queue.size() >= concurrent)
        m_flushTimer.start(0);
    else if (!m_flushTimer.isActive())
        m_flushTimer.start(int(std::clamp<qint64>(m_lastCommitMs / 2, 1, 2)));
}

void ServerStore::flush()
{
    m_flushTimer.stop();
    if (m_queue.isEmpty())
        return;
    const qint64 started = m_clock.elapsed();
    QList<CommitRequest> batch;
    batch.swap(m_queue);

    const qint64 headBefore = m_head;
    UndoList undo;
    QList<WriteOutcome> outcomes;
    outcomes.reserve(batch.size());
    Error failure;
    if (!m_db.transaction())
        failure = storageError(m_db.lastError().text());
    for (const CommitRequest &request : std::as_const(batch)) {
        if (!failure.isNull())
            break;
        outcomes.append(process(request, undo, &failure));
    }
    if (failure.isNull() && !m_db.commit())
        failure = storageError(m_db.lastError().text());
    if (!failure.isNull()) {
        m_db.rollback();
        for (auto it = undo.crbegin(); it != undo.crend(); ++it)
            (*it)();
        m_head = headBefore;
        qCCritical(lcServer).noquote() << "store" << m_name << "could not commit" << batch.size()
                                       << "write(s):" << failure.toString();
        for (const CommitRequest &request : std::as_const(batch))
            request.done(WriteOutcome{failure, {}, {}, false});
        Q_EMIT batchAnswered();
        return;
    }
    m_lastCommitMs = m_clock.elapsed() - started;
    if (m_head != headBefore)
        Q_EMIT committed(m_head);
    for (qsizetype i = 0; i < batch.size(); ++i)
        batch.at(i).done(outcomes.at(i));
    Q_EMIT batchAnswered();
}

WriteOutcome ServerStore::process(const CommitRequest &request, UndoList &undo, Error *storageFailure)
{
    if (request.rollback)
        return processRollback(request, undo, storageFailure);
    WriteOutcome outcome;
    if (request.deduplicate && request.ops.size() == 1 && !request.ops.first().clientOpId.isEmpty()) {
        Result<std::optional<OpRecord>> found = findOp(request.deviceId, request.ops.first().clientOpId);
        if (!found) {
            *storageFailure = found.error();
            return outcome;
        }
        if (*found) {
            // Answer exactly as the first time, and apply and broadcast nothing.
            const OpRecord &record = **found;
            outcome.duplicate = true;
            outcome.reply = {{u"store_seq"_s, record.seq}};
            const QJsonObject value = record.value.toObject();
            if (record.op == Op::Kind::Lease || record.op == Op::Kind::Renew) {
                outcome.reply.insert(u"token"_s, value.value(u"token"));
                outcome.reply.insert(u"expires_at"_s, value.value(u"expires_at"));
                outcome.reply.insert(u"holder"_s, value.value(u"holder"));
            } else if (record.op == Op::Kind::PutFile) {
                outcome.reply.insert(u"hash"_s, value.value(u"hash"));
            }
            return outcome;
        }
    }

    const qint64 headBefore = m_head;
    UndoList local;
    QList<Applied> applied;
    const auto revert = [&] {
        for (auto it = local.crbegin(); it != local.crend(); ++it)
            (*it)();
        m_head = headBefore;
    };
    for (qsizetype i = 0; i < request.ops.size(); ++i) {
        Result<Applied> one = applyOne(request.ops.at(i), request.deviceId, local);
        if (!one) {
            revert();
            outcome.error = one.error();
            if (request.batch) {
                QJsonObject detail = outcome.error.detail();
                detail.insert(u"op_index"_s, i);
                detail.insert(u"path"_s, request.ops.at(i).path.toString());
                outcome.error = Error(outcome.error.kind(), outcome.error.code(), detail);
            }
            return outcome;
        }
        applied.append(std::move(*one));
    }
    if (Result<void> saved = persist(applied); !saved) {
        revert();
        *storageFailure = saved.error();
        return outcome;
    }
    undo.append(local);

    QJsonArray ops;
    for (const Applied &a : std::as_const(applied)) {
        if (a.noop)
            continue;
        outcome.events.append(a.record);
        ops.append(QJsonObject{{u"path"_s, a.record.path.toString()},
                               {u"revision"_s, a.record.seq},
                               {u"store_seq"_s, a.record.seq}});
    }
    outcome.reply = request.batch ? QJsonObject{{u"store_seq"_s, m_head}, {u"ops"_s, ops}}
                                  : applied.first().reply;
    return outcome;
}

// The checks that depend on the store's state and come before the op's own
// rules: the fence, then if_match, if_absent and if_exists.
Error ServerStore::checkPreconditions(const WriteOp &op) const
{
    const QByteArray key = op.path.key();
    const bool rest = op.matchTarget == WriteOp::MatchTarget::Entry;
    if (op.fence) {
        const std::optional<Leaf> lease = m_model.leaf(op.fence->first);
        if (!lease || lease->type != Entry::Type::Lease
            || lease->value.toObject().value(u"token").toInteger() != op.fence->second
            || !isLive(op.fence->first.key(), *lease)) {
            return rejected("fenced");
        }
    }
    // Over the channel a conflict carries no extra field (protocol §3.5);
    // REST reports the current revision (dust-ecto §4.2).
    const auto conflict = [&](const char *code, std::optional<qint64> current) {
        QJsonObject detail;
        if (rest)
            detail.insert(u"current_revision"_s, current ? QJsonValue(*current) : QJsonValue(QJsonValue::Null));
        return Error(Error::Kind::Conflict, QString::fromLatin1(code), detail);
    };
    const auto currentRevision = [&]() -> std::optional<qint64> {
        if (!rest) {
            const std::optional<Leaf> leaf = m_model.leaf(key);
            return leaf ? std::optional(leaf->seq) : std::nullopt;
        }
        const std::optional<Entry> entry = m_model.read(op.path);
        return entry ? std::optional(entry->revision) : std::nullopt;
    };
    if (op.ifMatch) {
        const std::optional<qint64> current = currentRevision();
        if (!current || *current != *op.ifMatch)
            return conflict("conflict", current);
    }
    if (op.ifAbsent && m_model.contains(op.path))
        return conflict("exists", currentRevision());
    if (op.ifExists && !m_model.contains(op.path))
        return conflict("conflict", std::nullopt);
    return {};
}

// The value the op writes, as the store keeps it: a lease's envelope, a
// file's reference (its blob goes into `result`). A release of a lease that
// is not held is a no-op: `result.noop` is set and nothing is written.
Result<QJsonValue> ServerStore::materialise(const WriteOp &op, qint64 seq, qint64 now, Applied &result) const
{
    const QByteArray key = op.path.key();
    const std::optional<Leaf> current = m_model.leaf(key);
    const bool currentIsLease = current && current->type == Entry::Type::Lease;
    const qint64 currentToken = currentIsLease ? current->value.toObject().value(u"token").toInteger() : 0;

    switch (op.kind) {
    case Op::Kind::Lease:
        if (currentIsLease && isLive(key, *current))
            return rejected("held");
        if ((current && !currentIsLease) || (!current && m_model.contains(op.path)))
            return rejected("occupied");
        return QJsonValue(leaseEnvelope(op.holder, seq, now + op.ttlMs));
    case Op::Kind::Renew:
        if (!currentIsLease || currentToken != op.token || !isLive(key, *current))
            return rejected("not_held");
        return QJsonValue(leaseEnvelope(current->value.toObject().value(u"holder"), currentToken, now + op.ttlMs));
    case Op::Kind::Release:
        if (!currentIsLease || currentToken != op.token) {
            result.noop = true;
            result.reply = {{u"released"_s, false}};
        }
        return op.value;
    case Op::Kind::PutFile:
        result.blobHash = u"sha256:"_s
            + QString::fromLatin1(QCryptographicHash::hash(op.content, QCryptographicHash::Sha256).toHex());
        result.blob = StoredBlob{op.content, op.contentType, op.filename};
        return QJsonValue(QJsonObject{{u"_type"_s, u"file"_s},
                                      {u"hash"_s, result.blobHash},
                                      {u"size"_s, qint64(op.content.size())},
                                      {u"content_type"_s, op.contentType},
                                      {u"filename"_s, op.filename},
                                      {u"uploaded_at"_s, QDateTime::fromMSecsSinceEpoch(now, Qt::UTC)
                                                             .toString(Qt::ISODateWithMs)}});
    default:
        return op.value;
    }
}

// Applies the op to the leaves and the lease clocks, and records how to undo
// it if its transaction does not commit.
Result<AppliedOp> ServerStore::applyToModel(const WriteOp &op, const QJsonValue &value, qint64 seq, UndoList &undo)
{
    Result<AppliedOp> applied = m_model.apply(op.kind, op.path, value, seq);
    if (!applied)
        return applied;
    const QByteArray key = op.path.key();
    m_head = seq;
    trackFiles(applied->previous, applied->changes);
    const std::optional<LeaseClock> previousClock =
        m_leaseClocks.contains(key) ? std::optional(m_leaseClocks.value(key)) : std::nullopt;
    if (op.kind == Op::Kind::Lease || op.kind == Op::Kind::Renew)
        m_leaseClocks.insert(key, LeaseClock{value.toObject().value(u"token").toInteger(),
                                             m_clock.elapsed() + op.ttlMs});
    else if (op.kind == Op::Kind::Release)
        m_leaseClocks.remove(key);
    undo.append([this, key, previousClock, changes = applied->changes, previous = applied->previous] {
        m_model.applyChanges(previous);
        trackFiles(changes, previous);
        if (previousClock)
            m_leaseClocks.insert(key, *previousClock);
        else
            m_leaseClocks.remove(key);
    });
    return applied;
}

// The ok response to one op (protocol §3.5): its store_seq, and a lease's
// token or a file's hash.
QJsonObject ServerStore::replyFor(const WriteOp &op, qint64 seq, const QJsonValue &value, const Applied &result)
{
    QJsonObject reply{{u"store_seq"_s, seq}};
    if (op.kind == Op::Kind::Lease || op.kind == Op::Kind::Renew) {
        const QJsonObject lease = value.toObject();
        reply.insert(u"token"_s, lease.value(u"token"));
        reply.insert(u"expires_at"_s, lease.value(u"expires_at"));
        reply.insert(u"holder"_s, lease.value(u"holder"));
    } else if (op.kind == Op::Kind::PutFile) {
        reply.insert(u"hash"_s, result.blobHash);
    }
    return reply;
}

Result<ServerStore::Applied> ServerStore::applyOne(const WriteOp &op, const QString &deviceId,
                                                   UndoList &undo)
{
    if (const Error refused = checkPreconditions(op); !refused.isNull())
        return refused;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const qint64 seq = m_head + 1;
    Applied result;
    const Result<QJsonValue> value = materialise(op, seq, now, result);
    if (!value)
        return value.error();
    if (result.noop)
        return result;
    const Result<AppliedOp> applied = applyToModel(op, *value, seq, undo);
    if (!applied)
        return applied.error();
    result.changes = applied->changes;
    result.record = OpRecord{seq, op.kind, op.path, applied->value, opType(op.kind, applied->value),
                             deviceId, op.clientOpId.isEmpty() ? WriteOp::newClientOpId(u"srv_") : op.clientOpId, now};
    result.reply = replyFor(op, seq, *value, result);
    return result;
}

// Rollback writes are ordinary sets and deletes by the device
// "system:rollback" (protocol §2.1), worked out against the state at commit
// time, so writes queued before it are rolled back too.
WriteOutcome ServerStore::processRollback(const CommitRequest &request, UndoList &undo, Error *storageFailure)
{
    const Result<QList<WriteOp>> ops = rollbackOps(*request.rollback);
    if (!ops)
        return WriteOutcome{ops.error(), {}, {}, false};
    WriteOutcome outcome;
    if (!ops->isEmpty()) {
        CommitRequest writes;
        writes.deviceId = u"system:rollback"_s;
        writes.ops = *ops;
        outcome = process(writes, undo, storageFailure);
        if (!outcome.error.isNull() || !storageFailure->isNull())
            return outcome;
    }
    outcome.reply = {{u"store_seq"_s, m_head}, {u"ops_written"_s, ops->size()}};
    if (ops->isEmpty() && request.rollback->path)
        outcome.reply.insert(u"noop"_s, true);
    return outcome;
}

Result<QList<WriteOp>> ServerStore::rollbackOps(const RollbackRequest &request) const
{
    if (request.toSeq > m_head)
        return RollbackRequest::invalidToSeq(request.toSeq, m_head);
    const Result<ValueModel> past = stateAt(request.toSeq);
    if (!past)
        return past.error();
    std::set<QByteArray> keys;
    for (const ValueModel *model : {&*past, &m_model}) {
        if (request.path) {
            for (const LeafChange &leaf : model->subtree(*request.path))
                keys.insert(leaf.key);
        } else {
            model->forEachLeaf([&keys](const QByteArray &key, const Leaf &) { keys.insert(key); });
        }
    }
    // In path order an ancestor's write comes before its descendants', so
    // comparing with `scratch` (the state so far) sees what each write
    // below it has to restore.
    ValueModel scratch = m_model;
    QList<WriteOp> ops;
    qint64 seq = m_head;
    for (const QByteArray &key : keys) {
        const std::optional<Leaf> wanted = past->leaf(key);
        const std::optional<Leaf> current = scratch.leaf(key);
        if (wanted.has_value() == current.has_value() && (!wanted || wanted->value == current->value))
            continue;
        WriteOp op;
        op.kind = wanted ? Op::Kind::Set : Op::Kind::Delete;
        op.path = Path::parse(QString::fromUtf8(key)).valueOr(Path());
        op.value = wanted ? wanted->value : QJsonValue(QJsonValue::Null);
        // Unique per write: the same rollback may be asked for again later.
        op.clientOpId = u"rollback:%1:%2@%3"_s.arg(request.toSeq).arg(op.path.toString()).arg(++seq);
        scratch.apply(op.kind, op.path, op.value, seq, ValueModel::Strictness::Lenient);
        ops.append(op);
    }
    return ops;
}

// The leaves as they were just after store_seq `seq`, replayed from the op
// log. Recorded values are the materialized ones (a counter's total, a set's
// whole array), so those ops are replayed as the leaf they wrote.
Result<ValueModel> ServerStore::stateAt(qint64 seq) const
{
    ValueModel past;
    for (qint64 after = 0; after < seq;) {
        const Result<QList<OpRecord>> batch = readOps(after, 1000);
        if (!batch)
            return batch.error();
        if (batch->isEmpty())
            break;
        for (const OpRecord &record : *batch) {
            if (record.seq > seq)
                return past;
            if (record.op == Op::Kind::Increment || record.op == Op::Kind::Add || record.op == Op::Kind::Remove)
                past.applyChanges({{record.path.key(), Leaf{record.value, record.type, record.seq}}});
            else
                past.apply(record.op, record.path, record.value, record.seq, ValueModel::Strictness::Lenient);
            after = record.seq;
        }
    }
    return past;
}

Result<void> ServerStore::persist(const QList<Applied> &applied)
{
    for (const Applied &a : applied) {
        if (a.noop)
            continue;
        const OpRecord &r = a.record;
        QSqlQuery &insert = *m_insertOp;
        insert.bindValue(0, r.seq);
        insert.bindValue(1, Op::name(r.op));
        insert.bindValue(2, r.path.toString());
        insert.bindValue(3, encodeJson(r.value));
        insert.bindValue(4, Entry::typeName(r.type));
        insert.bindValue(5, r.deviceId);
        insert.bindValue(6, r.clientOpId);
        insert.bindValue(7, r.insertedAt);
        if (!insert.exec())
            return storageError(insert);
        for (const LeafChange &change : a.changes) {
            const QString path = QString::fromUtf8(change.key);
            if (change.leaf) {
                QSqlQuery &upsert = *m_upsertEntry;
                upsert.bindValue(0, path);
                upsert.bindValue(1, encodeJson(change.leaf->value));
                upsert.bindValue(2, Entry::typeName(change.leaf->type));
                upsert.bindValue(3, change.leaf->seq);
                if (!upsert.exec())
                    return storageError(upsert);
            } else {
                QSqlQuery &remove = *m_deleteEntry;
                remove.bindValue(0, path);
                if (!remove.exec())
                    return storageError(remove);
            }
        }
        if (!a.blobHash.isEmpty()) {
            QSqlQuery &blob = *m_insertBlob;
            blob.bindValue(0, a.blobHash);
            blob.bindValue(1, a.blob.content);
            blob.bindValue(2, qint64(a.blob.content.size()));
            blob.bindValue(3, a.blob.contentType);
            blob.bindValue(4, a.blob.filename);
            blob.bindValue(5, r.insertedAt);
            if (!blob.exec())
                return storageError(blob);
        }
    }
    return {};
}

namespace {

OpRecord recordFromRow(const QSqlQuery &q)
{
    OpRecord r;
    r.seq = q.value(0).toLongLong();
    r.op = Op::fromName(q.value(1).toString()).value_or(Op::Kind::Set);
    r.path = Path::parse(q.value(2).toString()).valueOr(Path());
    r.value = decodeJson(q.value(3).toString());
    r.type = Entry::typeFromName(q.value(4).toString()).value_or(Entry::Type::Null);
    r.deviceId = q.value(5).toString();
    r.clientOpId = q.value(6).toString();
    r.insertedAt = q.value(7).toLongLong();
    return r;
}

} // namespace

bool ServerStore::hasWrite(const QString &deviceId, const QString &clientOpId) const
{
    if (clientOpId.isEmpty())
        return false;
    // process() deduplicates a queued resend against the first copy, which
    // the same transaction has inserted by then.
    const bool queued = std::any_of(m_queue.cbegin(), m_queue.cend(), [&](const CommitRequest &request) {
        return request.deduplicate && request.ops.size() == 1 && request.deviceId == deviceId
                && request.ops.first().clientOpId == clientOpId;
    });
    if (queued)
        return true;
    const Result<std::optional<OpRecord>> found = findOp(deviceId, clientOpId);
    return found && found->has_value();
}

Result<std::optional<OpRecord>> ServerStore::findOp(const QString &deviceId, const QString &clientOpId) const
{
    QSqlQuery &q = *m_findOp;
    q.bindValue(0, deviceId);
    q.bindValue(1, clientOpId);
    if (!q.exec())
        return storageError(q);
    std::optional<OpRecord> found;
    if (q.next())
        found = recordFromRow(q);
    q.finish();
    return found;
}

Result<QList<OpRecord>> ServerStore::readOps(qint64 after, int limit) const
{
    QSqlQuery &q = *m_readOps;
    q.bindValue(0, after);
    q.bindValue(1, limit);
    if (!q.exec())
        return storageError(q);
    QList<OpRecord> records;
    records.reserve(limit);
    while (q.next())
        records.append(recordFromRow(q));
    q.finish();
    return records;
}

Result<qsizetype> ServerStore::visitStoredOps(qint64 after, int limit,
                                             const std::function<void(const StoredOpView &)> &visit) const
{
    sqlite3_stmt *q = m_readStoredOps;
    sqlite3_bind_int64(q, 1, after);
    sqlite3_bind_int(q, 2, limit);
    // sqlite3_column_text() first, then sqlite3_column_bytes(), as SQLite asks.
    const auto text = [q](int column) {
        const auto *data = reinterpret_cast<const char *>(sqlite3_column_text(q, column));
        return QByteArrayView(data, sqlite3_column_bytes(q, column));
    };
    qsizetype rows = 0;
    int status = SQLITE_ROW;
    while ((status = sqlite3_step(q)) == SQLITE_ROW) {
        const StoredOpView op{sqlite3_column_int64(q, 0), text(1), text(2), text(3), text(4), text(5)};
        visit(op);
        ++rows;
    }
    const QString failure = status == SQLITE_DONE ? QString() : QString::fromUtf8(sqlite3_errmsg(sqlite3_db_handle(q)));
    // Ends the statement's read, as QSqlQuery::finish() does.
    sqlite3_reset(q);
    if (!failure.isNull())
        return storageError(failure);
    return rows;
}

Result<QList<StoredOp>> ServerStore::readStoredOps(qint64 after, int limit) const
{
    QList<StoredOp> ops;
    const Result<qsizetype> rows = visitStoredOps(after, limit, [&ops](const StoredOpView &op) {
        ops.append({op.seq, op.op.toByteArray(), op.path.toByteArray(), op.value.toByteArray(),
                    op.deviceId.toByteArray(), op.clientOpId.toByteArray()});
    });
    if (!rows)
        return rows.error();
    return ops;
}

std::optional<StoredBlob> ServerStore::blob(const QString &hash) const
{
    QSqlQuery q(m_db);
    q.prepare(u"SELECT content, content_type, filename FROM store_blobs WHERE hash = ?"_s);
    q.addBindValue(hash);
    if (!q.exec() || !q.next())
        return std::nullopt;
    return StoredBlob{q.value(0).toByteArray(), q.value(1).toString(), q.value(2).toString()};
}

QJsonObject ServerStore::statusInfo() const
{
    QSqlQuery q(m_db);
    qint64 fileBytes = 0;
    if (q.exec(u"SELECT COALESCE(SUM(size), 0) FROM store_blobs"_s) && q.next())
        fileBytes = q.value(0).toLongLong();
    qint64 dbBytes = 0;
    if (q.exec(u"SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()"_s) && q.next())
        dbBytes = q.value(0).toLongLong();
    QJsonArray recent;
    q.prepare(u"SELECT store_seq, op, path, value, type, device_id, client_op_id, inserted_at"
              " FROM store_ops ORDER BY store_seq DESC LIMIT 10"_s);
    if (q.exec()) {
        while (q.next())
            recent.append(recordFromRow(q).toEventPayload());
    }
    return {{u"current_seq"_s, m_head},
            {u"entry_count"_s, m_model.size()},
            {u"op_count"_s, m_head},
            {u"file_storage_bytes"_s, fileBytes},
            {u"db_size_bytes"_s, dbBytes},
            {u"expires_at"_s, QJsonValue(QJsonValue::Null)},
            {u"latest_snapshot_seq"_s, QJsonValue(QJsonValue::Null)},
            {u"latest_snapshot_at"_s, QJsonValue(QJsonValue::Null)},
            {u"recent_ops"_s, recent}};
}

} // namespace Dust
