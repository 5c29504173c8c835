// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#ifndef DUSTSTORE_P_H
#define DUSTSTORE_P_H

#include <dustprivateapi_p.h>

#include "dustsyncengine_p.h"

#include <duststore.h>

#include <memory>
#include <mutex>

namespace Dust {

namespace Internal {
class Invoker;
}

class StorePrivate
{
public:
    StorePrivate(Store *q, const QString &name, std::shared_ptr<Internal::Invoker> syncInvoker);

    QFuture<Result<qint64>> write(Op::Kind kind, const Result<Path> &path, const QJsonValue &value,
                                  const WriteOptions &options);
    QFuture<Result<qint64>> increment(const Result<Path> &path, double delta, const WriteOptions &options);
    // Submits a write that finishes with its store_seq once acknowledged.
    QFuture<Result<qint64>> submitWrite(Internal::WriteRequest request);
    // Checks and submits a lease, renew or release; a null Error when submitted.
    Error submitLeaseOp(Op::Kind kind, const Result<Path> &path, const QJsonObject &extra,
                        Internal::Resolver resolve);
    QFuture<Result<LeaseGrant>> leaseOp(Op::Kind kind, const Result<Path> &path, QJsonObject extra);
    QFuture<Result<bool>> release(const Result<Path> &path, qint64 token);
    QFuture<Result<qint64>> putFile(const Result<Path> &path, const QByteArray &content,
                                    const QString &filename, const QString &contentType);
    // Sends `event` (no optimistic change, not kept across restarts) and
    // finishes with `parse` of its ok reply; needs a joined store.
    template<typename T>
    QFuture<Result<T>> request(const QString &event, const Path &path, const QJsonObject &fields,
                               std::function<Result<T>(const Internal::Settlement &)> parse);
    QFuture<Result<RollbackResult>> rollback(const Result<Path> &path, qint64 toSeq);
    static Result<ServerStatus> parseStatus(const QJsonObject &reply);

    Store *const q;
    const QString name;
    std::shared_ptr<Internal::Invoker> invoker; // the store's own thread
    std::shared_ptr<Internal::SyncEngine> engine;
    // Written on the store's thread, read from any.
    mutable std::mutex errorMutex;
    Error error;
};

} // namespace Dust

#endif // DUSTSTORE_P_H
