// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#include "dustwriteop_p.h"

#include "dustserverlogging_p.h"

#include <dustvaluemodel.h>

#include <QtCore/qcborvalue.h>
#include <QtCore/qcoreapplication.h>
#include <QtCore/qrandom.h>

using namespace Qt::StringLiterals;

namespace Dust {

namespace {


bool present(const QJsonObject &payload, QStringView key)
{
    const QJsonValue v = payload.value(key);
    return !v.isUndefined() && !v.isNull();
}

Result<Path> resolvePath(const QJsonObject &payload, bool segmentsFirst)
{
    if (segmentsFirst && present(payload, u"path_segments"))
        return Path::fromJsonSegments(payload.value(u"path_segments"));
    if (present(payload, u"path"))
        return Path::fromJsonString(payload.value(u"path"));
    return Error(Error::Kind::InvalidPath, u"missing_path"_s);
}

Result<QString> readClientOpId(const QJsonObject &payload)
{
    const QJsonValue id = payload.value(u"client_op_id");
    if (!id.isString() || id.toString().isEmpty() || id.toString().size() > 256)
        return WriteOp::invalidField(u"client_op_id"_s,
                                     ServerText::tr("client_op_id must be a non-empty string of at most 256 characters"));
    return id.toString();
}

Error opError(const char *code, Op::Kind op)
{
    return Error(Error::Kind::InvalidParams, QString::fromLatin1(code), {{u"op"_s, Op::name(op)}});
}

} // namespace

QString WriteOp::newClientOpId(QStringView prefix)
{
    QByteArray bytes(12, Qt::Uninitialized);
    QRandomGenerator::global()->fillRange(reinterpret_cast<quint32 *>(bytes.data()), 3);
    return prefix.toString()
        + QString::fromLatin1(bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

std::optional<qint64> WriteOp::integer(const QJsonValue &value)
{
    if (!value.isDouble())
        return std::nullopt;
    const QCborValue cbor = QCborValue::fromJsonValue(value);
    if (!cbor.isInteger())
        return std::nullopt;
    return cbor.toInteger();
}

Error WriteOp::invalidField(const QString &field, const QString &message)
{
    return Error(Error::Kind::InvalidParams, u"invalid_params"_s,
                 {{u"field"_s, field}, {u"message"_s, message}});
}

Result<void> WriteOp::validateValue(Op::Kind kind, const QJsonValue &value)
{
    if (Result<void> valid = ValueModel::validate(kind, value); !valid)
        return valid;
    return ValueModel::checkNumbers(value);
}

Result<WriteOp> WriteOp::fromWritePayload(const QJsonObject &payload)
{
    WriteOp op;
    const std::optional<Op::Kind> kind = Op::fromName(payload.value(u"op").toString());
    if (!kind || *kind == Op::Kind::PutFile)
        return Error(Error::Kind::InvalidParams, u"invalid op"_s);
    op.kind = *kind;

    Result<QString> id = readClientOpId(payload);
    if (!id)
        return id.error();
    op.clientOpId = *id;

    Result<Path> path = resolvePath(payload, true);
    if (!path)
        return path.error();
    op.path = *path;
    op.value = payload.value(u"value");
    if (op.value.isUndefined())
        op.value = QJsonValue(QJsonValue::Null);

    // Preconditions (protocol §3.5), in the order the upstream writer checks them.
    if (present(payload, u"if_match")) {
        op.ifMatch = integer(payload.value(u"if_match"));
        if (!op.ifMatch)
            return invalidField(u"if_match"_s, ServerText::tr("if_match must be an integer revision"));
    }
    if (present(payload, u"if_absent")) {
        if (!payload.value(u"if_absent").isBool())
            return invalidField(u"if_absent"_s, ServerText::tr("if_absent must be true or false"));
        op.ifAbsent = payload.value(u"if_absent").toBool();
    }
    const bool multiLeaf = Entry::isPlainMap(op.value);
    if (op.ifMatch && op.ifAbsent)
        return Error(Error::Kind::InvalidParams, u"invalid_precondition"_s);
    if (op.ifMatch && op.kind != Op::Kind::Set && op.kind != Op::Kind::Delete)
        return opError("if_match_unsupported_op", op.kind);
    if (op.ifMatch && op.kind == Op::Kind::Set && multiLeaf)
        return Error(Error::Kind::InvalidParams, u"if_match_multi_leaf"_s);
    if (op.ifAbsent && op.kind != Op::Kind::Set)
        return opError("if_absent_unsupported_op", op.kind);
    if (op.ifAbsent && multiLeaf)
        return Error(Error::Kind::InvalidParams, u"if_absent_multi_leaf"_s);

    if (Result<void> valid = validateValue(op.kind, op.value); !valid)
        return valid.error();

    if (present(payload, u"fence")) {
        const QJsonObject fence = payload.value(u"fence").toObject();
        const QJsonValue key = fence.value(u"key");
        Result<Path> keyPath = key.isArray() ? Path::fromJsonSegments(key) : Path::fromJsonString(key);
        const std::optional<qint64> token = integer(fence.value(u"token"));
        if (!payload.value(u"fence").isObject() || !keyPath || !token)
            return invalidField(u"fence"_s, ServerText::tr("fence must be {\"key\": <path>, \"token\": <integer>}"));
        op.fence = std::make_pair(*keyPath, *token);
    }

    if (op.kind == Op::Kind::Lease || op.kind == Op::Kind::Renew) {
        if (present(payload, u"ttl_ms")) {
            const std::optional<qint64> ttl = integer(payload.value(u"ttl_ms"));
            if (!ttl || *ttl <= 0 || *ttl > MaxTtlMs)
                return invalidField(u"ttl_ms"_s, ServerText::tr("ttl_ms must be a positive integer of at most a year"));
            op.ttlMs = *ttl;
        }
    }
    if (op.kind == Op::Kind::Lease && present(payload, u"holder")) {
        if (!payload.value(u"holder").isString())
            return invalidField(u"holder"_s, ServerText::tr("holder must be a string or null"));
        op.holder = payload.value(u"holder");
    }
    if (op.kind == Op::Kind::Renew || op.kind == Op::Kind::Release) {
        op.token = integer(payload.value(u"token"));
        if (!op.token)
            return invalidField(u"token"_s, ServerText::tr("token must be the integer token of the lease"));
    }
    return op;
}

Result<WriteOp> WriteOp::fromPutFilePayload(const QJsonObject &payload)
{
    WriteOp op;
    op.kind = Op::Kind::PutFile;
    Result<QString> id = readClientOpId(payload);
    if (!id)
        return id.error();
    op.clientOpId = *id;
    // Upstream validates `path` only for put_file (protocol §3.2).
    Result<Path> path = resolvePath(payload, false);
    if (!path)
        return path.error();
    op.path = *path;

    const QJsonValue content = payload.value(u"content");
    const auto decoded = QByteArray::fromBase64Encoding(content.toString().toLatin1(),
                                                        QByteArray::AbortOnBase64DecodingErrors);
    if (!content.isString() || !decoded)
        return Error(Error::Kind::InvalidParams, u"invalid_base64"_s);
    op.content = *decoded;

    const QJsonValue filename = payload.value(u"filename");
    if (!filename.isUndefined() && !filename.isNull() && !filename.isString())
        return invalidField(u"filename"_s, ServerText::tr("filename must be a string"));
    op.filename = filename.toString().isEmpty() ? op.path.last() : filename.toString();
    const QJsonValue contentType = payload.value(u"content_type");
    if (!contentType.isUndefined() && !contentType.isNull() && !contentType.isString())
        return invalidField(u"content_type"_s, ServerText::tr("content_type must be a string"));
    op.contentType = contentType.toString().isEmpty() ? u"application/octet-stream"_s
                                                      : contentType.toString();
    return op;
}

Error RollbackRequest::invalidToSeq(qint64 toSeq, std::optional<qint64> head)
{
    QJsonObject detail{{u"to_seq"_s, toSeq}};
    if (head)
        detail.insert(u"current_seq"_s, *head);
    return Error(Error::Kind::InvalidParams, u"invalid_to_seq"_s, detail);
}

Result<RollbackRequest> RollbackRequest::fromPayload(const QJsonObject &payload)
{
    RollbackRequest request;
    const std::optional<qint64> toSeq = WriteOp::integer(payload.value(u"to_seq"));
    if (!toSeq)
        return WriteOp::invalidField(u"to_seq"_s, ServerText::tr("to_seq must be an integer store_seq"));
    if (*toSeq < 0)
        return invalidToSeq(*toSeq, std::nullopt);
    request.toSeq = *toSeq;
    if (present(payload, u"path") || present(payload, u"path_segments")) {
        Result<Path> path = resolvePath(payload, true);
        if (!path)
            return path.error();
        request.path = *path;
    }
    return request;
}

} // namespace Dust
