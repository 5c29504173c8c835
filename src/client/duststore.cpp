// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#include "duststore.h"
#include "duststore_p.h"

#include "dustsingleflight_p.h"

#include <dustthreading_p.h>

#include <QtCore/qcryptographichash.h>
#include <QtCore/qdatetime.h>
#include <QtCore/qelapsedtimer.h>
#include <QtCore/qjsonarray.h>
#include <QtCore/qpromise.h>
#include <QtCore/qtimer.h>

#include <atomic>
#include <cmath>

using namespace Qt::StringLiterals;

namespace Dust {

using Internal::Settlement;
using Internal::WriteRequest;

namespace {

// Forwards engine notifications to the Store's thread. The posted tasks run
// only while the Store (the parent of the invoker's target) is alive.
class StoreNotifier final : public Internal::EngineListener
{
public:
    StoreNotifier(Store *store, StorePrivate *d, std::shared_ptr<Internal::Invoker> invoker)
        : m_store(store), m_d(d), m_invoker(std::move(invoker))
    {
    }

    void engineStatusChanged(Client::Status status) override
    {
        m_invoker->post([store = m_store, status] { emit store->statusChanged(status); });
    }
    void engineSeqChanged() override
    {
        // Coalesced: a catch-up of many events emits once per event-loop turn.
        postOnce(m_seqPosted, [this] {
            emitIfChanged(m_lastEmitted, m_store->lastStoreSeq(), &Store::lastStoreSeqChanged);
            reportProgress(false);
        });
    }
    void engineCapabilitiesChanged() override
    {
        m_invoker->post([store = m_store] { emit store->capabilitiesChanged(); });
    }
    void engineErrorOccurred(const Error &error) override
    {
        m_invoker->post([store = m_store, d = m_d, error] {
            {
                std::lock_guard lock(d->errorMutex);
                d->error = error;
            }
            emit store->errorOccurred(error);
        });
    }
    void engineCaughtUp(qint64 throughSeq) override
    {
        m_invoker->post([this, throughSeq] {
            reportProgress(true);
            emit m_store->catchUpCompleted(throughSeq);
        });
    }
    void enginePendingChanged() override
    {
        // Coalesced like the seq: the count as it is when the store's thread looks.
        postOnce(m_pendingPosted, [this] {
            emitIfChanged(m_pendingEmitted, qint64(m_store->pendingWrites()), &Store::pendingWritesChanged);
        });
    }

private:
    // Emits `changed` with `now` unless the last emission said `now` already.
    void emitIfChanged(qint64 &emitted, qint64 now, void (Store::*changed)(qint64))
    {
        if (now == emitted)
            return;
        emitted = now;
        emit (m_store->*changed)(now);
    }

    // Posts `task` unless one posted through `posted` still waits to run.
    void postOnce(std::atomic<bool> &posted, std::function<void()> task)
    {
        if (posted.exchange(true))
            return;
        m_invoker->post([&posted, task = std::move(task)] {
            posted.store(false);
            task();
        });
    }

    // At most one catchUpProgressChanged per ProgressIntervalMs while a
    // catch-up runs, however many events arrive; the last step (everything
    // applied) at once. Runs on the store's thread.
    void reportProgress(bool now)
    {
        const Internal::CatchUpProgress progress{m_store->catchUpApplied(), m_store->catchUpTotal()};
        if (progress.applied == m_reported.applied && progress.total == m_reported.total)
            return;
        const bool finished = progress.applied >= progress.total;
        if (!now && !finished && m_sinceReport.isValid() && m_sinceReport.elapsed() < ProgressIntervalMs) {
            if (!m_reportArmed) {
                m_reportArmed = true;
                QTimer::singleShot(int(ProgressIntervalMs - m_sinceReport.elapsed()), m_store, [this] {
                    m_reportArmed = false;
                    reportProgress(true);
                });
            }
            return;
        }
        m_reported = progress;
        m_sinceReport.start();
        emit m_store->catchUpProgressChanged(progress.applied, progress.total);
    }

    static constexpr qint64 ProgressIntervalMs = 100;

    Store *const m_store;
    StorePrivate *const m_d;
    const std::shared_ptr<Internal::Invoker> m_invoker;
    std::atomic<bool> m_seqPosted{false};
    std::atomic<bool> m_pendingPosted{false};
    // The store's thread only.
    qint64 m_lastEmitted = 0;
    qint64 m_pendingEmitted = 0;
    Internal::CatchUpProgress m_reported;
    QElapsedTimer m_sinceReport;
    bool m_reportArmed = false;
};

template<typename T>
QFuture<Result<T>> ready(const Error &error)
{
    return QtFuture::makeReadyFuture(Result<T>(error));
}

// Integral deltas stay integers on the wire and in counters.
QJsonValue numberValue(double value)
{
    double integral = 0;
    if (std::modf(value, &integral) == 0.0 && std::abs(value) < 9007199254740992.0)
        return QJsonValue(qint64(value));
    return QJsonValue(value);
}

QJsonValue tokenValue(qint64 token)
{
    return QJsonValue(token);
}

QJsonObject leaseFields(int ttlMs, const QString &holder)
{
    QJsonObject fields{{u"ttl_ms"_s, ttlMs}};
    if (!holder.isEmpty())
        fields.insert(u"holder"_s, holder);
    return fields;
}

Result<Path> checked(const Path &path)
{
    if (path.isEmpty())
        return Error(Error::Kind::InvalidPath, u"empty_path"_s);
    return path;
}

} // namespace

StorePrivate::StorePrivate(Store *q, const QString &name, std::shared_ptr<Internal::Invoker> syncInvoker)
    : q(q), name(name), invoker(Internal::Invoker::create(q))
{
    engine = std::make_shared<Internal::SyncEngine>(name, std::move(syncInvoker),
                                                    std::make_unique<StoreNotifier>(q, this, invoker));
}

QFuture<Result<qint64>> StorePrivate::write(Op::Kind kind, const Result<Path> &path,
                                            const QJsonValue &value, const WriteOptions &options)
{
    if (!path)
        return ready<qint64>(path.error());
    if (Result<void> valid = ValueModel::validate(kind, value); !valid)
        return ready<qint64>(valid.error());
    WriteRequest request;
    request.kind = kind;
    request.path = *path;
    request.value = value;
    if (options.ifMatch)
        request.extra.insert(u"if_match"_s, *options.ifMatch);
    if (options.ifAbsent)
        request.extra.insert(u"if_absent"_s, true);
    if (options.fence) {
        const Result<Path> key = Path::parse(options.fence->first);
        if (!key)
            return ready<qint64>(key.error());
        request.extra.insert(u"fence"_s, QJsonObject{{u"key"_s, key->toString()},
                                                     {u"token"_s, tokenValue(options.fence->second)}});
    }
    return submitWrite(std::move(request));
}

QFuture<Result<qint64>> StorePrivate::submitWrite(WriteRequest request)
{
    auto holder = AsyncResult<qint64>::create();
    QFuture<Result<qint64>> future = holder->future();
    request.resolve = [holder](const Settlement &s) {
        holder->finish(s.error.isNull() ? Result<qint64>(s.storeSeq) : Result<qint64>(s.error));
    };
    engine->submit(std::move(request));
    return future;
}

Error StorePrivate::submitLeaseOp(Op::Kind kind, const Result<Path> &path, const QJsonObject &extra,
                                  Internal::Resolver resolve)
{
    if (!path)
        return path.error();
    if (extra.value(u"ttl_ms").toInteger(1) < 1)
        return Error(Error::Kind::InvalidParams, u"invalid_ttl"_s);
    if (engine->status() != Client::Status::Connected)
        return Error(Error::Kind::Unavailable, u"not_connected"_s);
    WriteRequest request;
    request.kind = kind;
    request.path = *path;
    request.value = QJsonValue(QJsonValue::Null);
    request.extra = extra;
    request.optimistic = false;
    request.persistent = false;
    request.resolve = std::move(resolve);
    engine->submit(std::move(request));
    return {};
}

QFuture<Result<LeaseGrant>> StorePrivate::leaseOp(Op::Kind kind, const Result<Path> &path,
                                                  QJsonObject extra)
{
    auto holder = AsyncResult<LeaseGrant>::create();
    QFuture<Result<LeaseGrant>> future = holder->future();
    const Error error = submitLeaseOp(kind, path, extra, [holder](const Settlement &s) {
        if (!s.error.isNull()) {
            holder->finish(s.error);
            return;
        }
        // The reply and the echo carry the same fields; either may come first.
        const QJsonObject source = s.fromEcho ? s.eventValue.toObject() : s.reply;
        LeaseGrant grant;
        grant.storeSeq = s.storeSeq;
        grant.token = source.value(u"token").toInteger();
        grant.expiresAt = source.value(u"expires_at").toInteger();
        grant.holder = source.value(u"holder").toString();
        holder->finish(grant);
    });
    if (!error.isNull())
        holder->finish(error);
    return future;
}

QFuture<Result<qint64>> StorePrivate::increment(const Result<Path> &path, double delta,
                                                const WriteOptions &options)
{
    if (!std::isfinite(delta))
        return ready<qint64>(Error(Error::Kind::InvalidValue, u"increment_requires_number_value"_s));
    return write(Op::Kind::Increment, path, numberValue(delta), options);
}

QFuture<Result<bool>> StorePrivate::release(const Result<Path> &path, qint64 token)
{
    auto holder = AsyncResult<bool>::create();
    QFuture<Result<bool>> future = holder->future();
    const Error error = submitLeaseOp(Op::Kind::Release, path, {{u"token"_s, tokenValue(token)}},
                                      [holder](const Settlement &s) {
        // A release that matched nothing is answered {"released": false},
        // without a store_seq and without an event.
        holder->finish(s.error.isNull() ? Result<bool>(s.storeSeq > 0) : Result<bool>(s.error));
    });
    if (!error.isNull())
        holder->finish(error);
    return future;
}

QFuture<Result<qint64>> StorePrivate::putFile(const Result<Path> &path, const QByteArray &content,
                                              const QString &filename, const QString &contentType)
{
    if (!path)
        return ready<qint64>(path.error());
    const QString fileName = filename.isEmpty() ? path->last() : filename;
    const QString type = contentType.isEmpty() ? u"application/octet-stream"_s : contentType;
    const QString hash = QString::fromLatin1(
        QCryptographicHash::hash(content, QCryptographicHash::Sha256).toHex());
    // The same reference the server builds, so reads see the file at once.
    const QJsonObject reference{
        {u"_type"_s, u"file"_s},
        {u"hash"_s, u"sha256:"_s + hash},
        {u"size"_s, qint64(content.size())},
        {u"content_type"_s, type},
        {u"filename"_s, fileName},
        {u"uploaded_at"_s, QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)},
    };
    WriteRequest request;
    request.kind = Op::Kind::PutFile;
    request.path = *path;
    request.value = reference;
    request.event = u"put_file"_s;
    request.extra = {{u"content"_s, QString::fromLatin1(content.toBase64())},
                     {u"filename"_s, fileName},
                     {u"content_type"_s, type}};
    return submitWrite(std::move(request));
}

template<typename T>
QFuture<Result<T>> StorePrivate::request(const QString &event, const Path &path, const QJsonObject &fields,
                                         std::function<Result<T>(const Settlement &)> parse)
{
    if (engine->status() != Client::Status::Connected)
        return ready<T>(Error(Error::Kind::Unavailable, u"not_connected"_s));
    auto holder = AsyncResult<T>::create();
    QFuture<Result<T>> future = holder->future();
    WriteRequest request;
    request.event = event;
    request.path = path;
    request.extra = fields;
    request.optimistic = false;
    request.persistent = false;
    request.replyOnly = true;
    request.resolve = [holder, parse = std::move(parse)](const Settlement &s) {
        holder->finish(s.error.isNull() ? parse(s) : Result<T>(s.error));
    };
    engine->submit(std::move(request));
    return future;
}

QFuture<Result<RollbackResult>> StorePrivate::rollback(const Result<Path> &path, qint64 toSeq)
{
    if (!path)
        return ready<RollbackResult>(path.error());
    if (toSeq < 0)
        return ready<RollbackResult>(Error(Error::Kind::InvalidParams, u"invalid_to_seq"_s, {{u"to_seq"_s, toSeq}}));
    return request<RollbackResult>(u"rollback"_s, *path, {{u"to_seq"_s, toSeq}},
                                   [](const Settlement &s) -> Result<RollbackResult> {
        const std::optional<qint64> written = s.reply.value(u"ops_written").isDouble()
            ? std::optional(s.reply.value(u"ops_written").toInteger(-1)) : std::nullopt;
        if (!written || *written < 0)
            return Error(Error::Kind::Protocol, u"unexpected_reply"_s, s.reply);
        return RollbackResult{s.storeSeq, *written};
    });
}

Result<ServerStatus> StorePrivate::parseStatus(const QJsonObject &reply)
{
    const auto count = [&](QStringView key) -> std::optional<qint64> {
        const QJsonValue value = reply.value(key);
        if (!value.isDouble() || value.toInteger(-1) < 0)
            return std::nullopt;
        return value.toInteger();
    };
    const std::optional<qint64> seq = count(u"current_seq");
    const std::optional<qint64> entries = count(u"entry_count");
    if (!seq || !entries)
        return Error(Error::Kind::Protocol, u"unexpected_reply"_s, reply);
    return ServerStatus{*seq, *entries, count(u"op_count").value_or(0),
                        count(u"file_storage_bytes").value_or(0), reply};
}

Store::Store(const QString &, QObject *parent) : QObject(parent) { }

Store::~Store() = default;

QString Store::name() const
{
    return d->name;
}

Client::Status Store::status() const
{
    return d->engine->status();
}

Error Store::error() const
{
    std::lock_guard lock(d->errorMutex);
    return d->error;
}

qint64 Store::lastStoreSeq() const
{
    return d->engine->lastStoreSeq();
}

qint64 Store::catchUpApplied() const
{
    return d->engine->catchUpProgress().applied;
}

qint64 Store::catchUpTotal() const
{
    return d->engine->catchUpProgress().total;
}

QVariantMap Store::permissions() const
{
    return d->engine->capabilities().value(u"permissions").toObject().toVariantMap();
}

QStringList Store::scopes() const
{
    QStringList out;
    const QJsonArray scopes = d->engine->capabilities().value(u"scopes").toArray();
    for (const QJsonValue &scope : scopes)
        out.append(scope.toString());
    return out;
}

QVariantMap Store::storeAccess() const
{
    return d->engine->capabilities().value(u"store_access").toObject().toVariantMap();
}

qsizetype Store::pendingWrites() const
{
    return d->engine->pendingCount();
}

QFuture<Result<void>> Store::whenDrained() const
{
    auto holder = AsyncResult<void>::create();
    QFuture<Result<void>> future = holder->future();
    d->engine->whenDrained([holder](const Error &error) {
        holder->finish(error.isNull() ? Result<void>() : Result<void>(error));
    });
    return future;
}

QFuture<Result<qint64>> Store::set(const QString &path, const QJsonValue &value, const WriteOptions &options)
{
    return d->write(Op::Kind::Set, Path::parse(path), value, options);
}

QFuture<Result<qint64>> Store::set(const Path &path, const QJsonValue &value, const WriteOptions &options)
{
    return d->write(Op::Kind::Set, checked(path), value, options);
}

QFuture<Result<qint64>> Store::remove(const QString &path, const WriteOptions &options)
{
    return d->write(Op::Kind::Delete, Path::parse(path), QJsonValue(QJsonValue::Null), options);
}

QFuture<Result<qint64>> Store::remove(const Path &path, const WriteOptions &options)
{
    return d->write(Op::Kind::Delete, checked(path), QJsonValue(QJsonValue::Null), options);
}

QFuture<Result<qint64>> Store::merge(const QString &path, const QJsonObject &value, const WriteOptions &options)
{
    return d->write(Op::Kind::Merge, Path::parse(path), value, options);
}

QFuture<Result<qint64>> Store::merge(const Path &path, const QJsonObject &value, const WriteOptions &options)
{
    return d->write(Op::Kind::Merge, checked(path), value, options);
}

QFuture<Result<qint64>> Store::increment(const QString &path, double delta, const WriteOptions &options)
{
    return d->increment(Path::parse(path), delta, options);
}

QFuture<Result<qint64>> Store::increment(const Path &path, double delta, const WriteOptions &options)
{
    return d->increment(checked(path), delta, options);
}

QFuture<Result<qint64>> Store::addMember(const QString &path, const QJsonValue &member, const WriteOptions &options)
{
    return d->write(Op::Kind::Add, Path::parse(path), member, options);
}

QFuture<Result<qint64>> Store::addMember(const Path &path, const QJsonValue &member, const WriteOptions &options)
{
    return d->write(Op::Kind::Add, checked(path), member, options);
}

QFuture<Result<qint64>> Store::removeMember(const QString &path, const QJsonValue &member, const WriteOptions &options)
{
    return d->write(Op::Kind::Remove, Path::parse(path), member, options);
}

QFuture<Result<qint64>> Store::removeMember(const Path &path, const QJsonValue &member, const WriteOptions &options)
{
    return d->write(Op::Kind::Remove, checked(path), member, options);
}

QFuture<Result<LeaseGrant>> Store::lease(const QString &path, int ttlMs, const QString &holder)
{
    return d->leaseOp(Op::Kind::Lease, Path::parse(path), leaseFields(ttlMs, holder));
}

QFuture<Result<LeaseGrant>> Store::lease(const Path &path, int ttlMs, const QString &holder)
{
    return d->leaseOp(Op::Kind::Lease, checked(path), leaseFields(ttlMs, holder));
}

QFuture<Result<LeaseGrant>> Store::renew(const QString &path, qint64 token, int ttlMs)
{
    return d->leaseOp(Op::Kind::Renew, Path::parse(path),
                             {{u"token"_s, tokenValue(token)}, {u"ttl_ms"_s, ttlMs}});
}

QFuture<Result<LeaseGrant>> Store::renew(const Path &path, qint64 token, int ttlMs)
{
    return d->leaseOp(Op::Kind::Renew, checked(path),
                             {{u"token"_s, tokenValue(token)}, {u"ttl_ms"_s, ttlMs}});
}

QFuture<Result<bool>> Store::release(const QString &path, qint64 token)
{
    return d->release(Path::parse(path), token);
}

QFuture<Result<bool>> Store::release(const Path &path, qint64 token)
{
    return d->release(checked(path), token);
}

QFuture<Result<qint64>> Store::putFile(const QString &path, const QByteArray &content,
                                       const QString &filename, const QString &contentType)
{
    return d->putFile(Path::parse(path), content, filename, contentType);
}

QFuture<Result<qint64>> Store::putFile(const Path &path, const QByteArray &content,
                                       const QString &filename, const QString &contentType)
{
    return d->putFile(checked(path), content, filename, contentType);
}

QFuture<Result<RollbackResult>> Store::rollback(const QString &path, qint64 toSeq)
{
    return d->rollback(Path::parse(path), toSeq);
}

QFuture<Result<RollbackResult>> Store::rollback(const Path &path, qint64 toSeq)
{
    return d->rollback(checked(path), toSeq);
}

QFuture<Result<RollbackResult>> Store::rollbackStore(qint64 toSeq)
{
    return d->rollback(Path(), toSeq);
}

QFuture<Result<ServerStatus>> Store::serverStatus()
{
    return d->request<ServerStatus>(u"status"_s, Path(), {}, [](const Settlement &s) {
        return StorePrivate::parseStatus(s.reply);
    });
}

QFuture<Result<QJsonValue>> Store::singleFlight(const QString &key, std::chrono::milliseconds ttl,
                                                std::function<QFuture<Result<QJsonValue>>()> work)
{
    return Internal::SingleFlight::start(this, key, ttl, std::move(work));
}

std::optional<QJsonValue> Store::get(const QString &path) const
{
    const Result<Path> parsed = Path::parse(path);
    return parsed ? get(*parsed) : std::nullopt;
}

std::optional<QJsonValue> Store::get(const Path &path) const
{
    const std::optional<Entry> e = entry(path);
    return e ? std::optional<QJsonValue>(e->value) : std::nullopt;
}

std::optional<Entry> Store::entry(const QString &path) const
{
    const Result<Path> parsed = Path::parse(path);
    return parsed ? entry(*parsed) : std::nullopt;
}

std::optional<Entry> Store::entry(const Path &path) const
{
    if (path.isEmpty())
        return std::nullopt;
    return d->engine->read(path);
}

QList<Entry> Store::getMany(const QStringList &paths) const
{
    return d->engine->readMany(paths);
}

Result<Page> Store::enumerate(const QString &pattern, const PageRequest &request) const
{
    return d->engine->enumerate(pattern, request);
}

Result<Page> Store::range(const QString &from, const QString &to, const PageRequest &request) const
{
    return d->engine->range(from, to, request);
}

Result<qsizetype> Store::count(const QString &pattern) const
{
    return d->engine->count(pattern);
}

Result<EntrySnapshot> Store::snapshot(const QString &pattern) const
{
    return d->engine->snapshot(pattern);
}

Result<SubscriptionId> Store::on(const QString &pattern, std::function<void(const StoreEvent &)> callback,
                                 const SubscribeOptions &options)
{
    return d->engine->subscribe(pattern, std::move(callback), options, nullptr);
}

Result<SubscriptionId> Store::on(const QString &pattern, QObject *receiver,
                                 std::function<void(const StoreEvent &)> callback,
                                 const SubscribeOptions &options)
{
    if (!receiver)
        return Error(Error::Kind::InvalidParams, u"missing_receiver"_s);
    return d->engine->subscribe(pattern, std::move(callback), options, receiver);
}

void Store::off(SubscriptionId id)
{
    d->engine->unsubscribe(id);
}

} // namespace Dust
