// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#ifndef DUSTWRITEOP_P_H
#define DUSTWRITEOP_P_H

#include <dustprivateapi_p.h>

#include <dustentry.h>
#include <dustpath.h>

#include <QtCore/qjsonobject.h>

#include <optional>

namespace Dust {

// One write as the store's writer applies it, whichever door it came in by
// (a channel `write` or `put_file`, a REST request, Server::write()).
struct WriteOp
{
    // How if_match compares: the channel compares with the exact leaf's seq
    // (protocol §3.5); REST compares with the entry's revision, so a whole
    // map record can be updated with compare-and-set.
    enum class MatchTarget { Leaf, Entry };

    Op::Kind kind = Op::Kind::Set;
    Path path;
    QJsonValue value;
    QString clientOpId;              // empty: the writer makes one up
    std::optional<qint64> ifMatch;
    MatchTarget matchTarget = MatchTarget::Leaf;
    bool ifAbsent = false;
    bool ifExists = false;           // REST "If-Match: *"
    std::optional<std::pair<Path, qint64>> fence;   // lease key and token
    // Lease ops.
    qint64 ttlMs = DefaultTtlMs;
    QJsonValue holder = QJsonValue(QJsonValue::Null);
    std::optional<qint64> token;
    // put_file.
    QByteArray content;
    QString filename;
    QString contentType;

    static constexpr qint64 DefaultTtlMs = 30000;
    static constexpr qint64 MaxTtlMs = qint64(366) * 24 * 3600 * 1000;

    // A `write` push payload (protocol §3.1): op, path_segments (preferred)
    // or path, value, client_op_id, if_match, if_absent, fence, ttl_ms,
    // holder, token. Every static rule of §3.5 is checked here, in the
    // upstream order; what depends on the store's state is the writer's job.
    static Result<WriteOp> fromWritePayload(const QJsonObject &payload);
    // A `put_file` push payload (protocol §3.2): path only, base64 content.
    static Result<WriteOp> fromPutFilePayload(const QJsonObject &payload);

    // `prefix` + 96 random bits, URL-safe, like the SDK's "op_..." ids.
    static QString newClientOpId(QStringView prefix);
    // The JSON integer in `value`, if it is one.
    static std::optional<qint64> integer(const QJsonValue &value);
    static Error invalidField(const QString &field, const QString &message);
    // ValueModel::validate, and every number exact in JSON
    // (ValueModel::checkNumbers): the value checks of every server write.
    static Result<void> validateValue(Op::Kind kind, const QJsonValue &value);
};

// A `rollback` push (protocol §3.4): one path (and everything below it), or
// the whole store, back to its state just after store_seq `toSeq`.
struct RollbackRequest
{
    std::optional<Path> path;        // none: the whole store
    qint64 toSeq = 0;

    // {"to_seq": N} with optional "path_segments" (preferred) or "path".
    static Result<RollbackRequest> fromPayload(const QJsonObject &payload);
    // "invalid_to_seq": negative, or after the store's head.
    static Error invalidToSeq(qint64 toSeq, std::optional<qint64> head);
};

} // namespace Dust

#endif // DUSTWRITEOP_P_H
