// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#include "dustrestapi_p.h"

#include "dustserverengine_p.h"
#include "dustserverlogging_p.h"

#include <QtCore/qcoreapplication.h>
#include <QtCore/qjsonarray.h>
#include <QtCore/qregularexpression.h>
#include <QtCore/qstringconverter.h>
#include <QtCore/qurlquery.h>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Dust {

namespace {

constexpr int MaxBatch = 1000;


Error invalid(const QString &field, const QString &message)
{
    return WriteOp::invalidField(field, message);
}

bool isHead(const RestRequest &request)
{
    return request.method() == QHttpServerRequest::Method::Head;
}

// An entity tag as a revision: 7, "7" and W/"7" all read as 7.
std::optional<qint64> revisionFromTag(QByteArray tag)
{
    tag = tag.trimmed();
    if (tag.startsWith("W/"))
        tag = tag.mid(2);
    if (tag.size() >= 2 && tag.startsWith('"') && tag.endsWith('"'))
        tag = tag.mid(1, tag.size() - 2);
    bool ok = false;
    const qint64 revision = tag.toLongLong(&ok);
    return ok ? std::optional(revision) : std::nullopt;
}

} // namespace

RestApi::RestApi(ServerEngine *engine)
    : m_engine(engine), m_codec(FrameLimits{64, engine->options().maxFrameBytes})
{
}

RestRequest::RestRequest(Method method, const QUrl &url,
                         const QList<std::pair<QByteArray, QByteArray>> &headers, const QByteArray &body)
    : m_method(method), m_url(url), m_headers(headers), m_body(body)
{
}

RestRequest RestRequest::fromHttp(const QHttpServerRequest &request)
{
    // One field per name, with the value QHttpServerRequest::value() gives,
    // so that repeated headers read as they do there.
    QList<std::pair<QByteArray, QByteArray>> headers;
    const auto fields = request.headers();
    for (const auto &field : fields) {
        const QByteArray name = field.first.toLower();
        const bool seen = std::any_of(headers.cbegin(), headers.cend(),
                                      [&](const auto &known) { return known.first == name; });
        if (!seen)
            headers.append({name, request.value(name)});
    }
    return RestRequest(request.method(), request.url(), headers, request.body());
}

QByteArray RestRequest::value(const QByteArray &key) const
{
    for (const auto &[name, value] : m_headers) {
        if (name.compare(key, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

void RestApi::handle(const QHttpServerRequest &httpRequest, QHttpServerResponder &responder)
{
    const RestRequest request = RestRequest::fromHttp(httpRequest);
    const Response response = respond(request);
    responder.writeStatusLine(response.status);
    responder.writeHeader(QByteArrayLiteral("Content-Type"), response.contentType);
    responder.writeHeader(QByteArrayLiteral("Content-Length"), QByteArray::number(response.body.size()));
    for (const auto &[name, value] : response.headers)
        responder.writeHeader(name, value);
    // A HEAD answer carries the headers of the GET answer and no body.
    responder.writeBody(isHead(request) ? QByteArray() : response.body);
    qCDebug(lcServer).noquote() << request.method() << logSafe(request.url().path()) << int(response.status);
}

RestApi::Response RestApi::json(Status status, const QJsonValue &body)
{
    Response response;
    response.status = status;
    static const JsonFrameCodec writer;
    response.body = writer.encodeValue(body);
    return response;
}

RestApi::Response RestApi::error(Status status, const Error &error)
{
    QJsonObject body = error.detail();
    body.insert(u"error"_s, error.code());
    Response response = json(status, body);
    if (status == Status::Unauthorized)
        response.headers.append({QByteArrayLiteral("WWW-Authenticate"), QByteArrayLiteral("Bearer")});
    return response;
}

RestApi::Response RestApi::error(const Error &e)
{
    switch (e.kind()) {
    case Error::Kind::Unauthorized:
        return error(e.code() == u"unauthorized" ? Status::Unauthorized : Status::Forbidden, e);
    case Error::Kind::NotFound:
        return error(Status::NotFound, e);
    case Error::Kind::Conflict:
        return error(Status::PreconditionFailed, e);
    case Error::Kind::Rejected:
        return error(Status::Conflict, e);
    case Error::Kind::Storage:
        return error(Status::InternalServerError, e);
    case Error::Kind::Unavailable:
        return error(Status::ServiceUnavailable, e);
    case Error::Kind::RateLimited: {
        Response response = error(Status::TooManyRequests, e);
        const qint64 ms = e.detail().value(u"retry_after_ms").toInteger();
        response.headers.append({QByteArrayLiteral("Retry-After"), QByteArray::number((ms + 999) / 1000)});
        return response;
    }
    default:
        return error(Status::BadRequest, e);
    }
}

RestApi::Response RestApi::methodNotAllowed(const QByteArray &allow)
{
    Response response = error(Status::MethodNotAllowed,
                              Error(Error::Kind::InvalidParams, u"method_not_allowed"_s));
    response.headers.append({QByteArrayLiteral("Allow"), allow});
    return response;
}

QJsonObject RestApi::entryJson(const Entry &entry)
{
    return {{u"path"_s, entry.path.toString()},
            {u"value"_s, entry.value},
            {u"type"_s, Entry::typeName(entry.type)},
            {u"revision"_s, entry.revision}};
}

QByteArray RestApi::etag(qint64 revision)
{
    return '"' + QByteArray::number(revision) + '"';
}

RestApi::Response RestApi::respond(const RestRequest &request)
{
    Result<QStringList> decoded = pathPieces(request.url());
    if (!decoded)
        return error(decoded.error());
    const QStringList &pieces = *decoded;

    if (pieces.size() == 3 && pieces.at(0) == u"api" && pieces.at(1) == u"files")
        return file(request, pieces.at(2));
    if (pieces.size() >= 5 && pieces.at(0) == u"api" && pieces.at(1) == u"stores"
        && pieces.at(4) == u"entries") {
        const QString store = pieces.at(2) + u'/' + pieces.at(3);
        QStringList rest = pieces.mid(5);
        if (rest.size() == 1 && rest.first().isEmpty())
            rest.clear();
        return entries(request, store, rest);
    }
    return error(Status::NotFound, Error(Error::Kind::NotFound, u"not_found"_s));
}

Result<QStringList> RestApi::pathPieces(const QUrl &url)
{
    // Split the encoded path first, then decode each piece: a piece is one
    // rendered path segment, so an encoded slash is a '/' inside its
    // segment (rendered "~1") and never a segment boundary.
    QList<QByteArray> encoded = url.path(QUrl::FullyEncoded).toLatin1().split('/');
    if (!encoded.isEmpty() && encoded.first().isEmpty())
        encoded.removeFirst();
    QStringList pieces;
    for (const QByteArray &piece : std::as_const(encoded)) {
        const QByteArray bytes = QByteArray::fromPercentEncoding(piece);
        QStringDecoder utf8(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
        QString text = utf8(bytes);
        if (utf8.hasError())
            return Error(Error::Kind::Protocol, u"invalid_utf8"_s);
        pieces.append(text.replace(u'/', u"~1"_s));
    }
    return pieces;
}

Result<const TokenGrant *> RestApi::authenticate(const RestRequest &request) const
{
    return authenticate(request.value(QByteArrayLiteral("authorization")));
}

Result<const TokenGrant *> RestApi::authenticate(QByteArray header) const
{
    header = header.trimmed();
    if (header.size() > 7 && header.left(7).compare("bearer ", Qt::CaseInsensitive) == 0) {
        if (const TokenGrant *grant = m_engine->tokens().find(QString::fromLatin1(header.mid(7).trimmed()))) {
            if (grant->isExpired())
                return TokenRegistry::expired();
            return grant;
        }
    }
    return Error(Error::Kind::Unauthorized, u"unauthorized"_s);
}

std::optional<RestApi::Response> RestApi::authorize(const RestRequest &request, const QString &store,
                                                    const QString &scope, const TokenGrant **out) const
{
    Result<const TokenGrant *> grant = authenticate(request);
    if (!grant)
        return error(grant.error());
    if (!(*grant)->allowsStore(store))
        return error(TokenRegistry::storeNotAllowed());
    if (!(*grant)->hasScope(scope))
        return error(TokenRegistry::missingScope(scope));
    if (out)
        *out = *grant;
    return std::nullopt;
}

std::optional<RestApi::Response> RestApi::authorizeWrite(const RestRequest &request, const QString &store)
{
    const TokenGrant *grant = nullptr;
    if (auto denied = authorize(request, store, u"entries:write"_s, &grant))
        return denied;
    if (const Error limited = m_engine->rateLimit(*grant); !limited.isNull())
        return error(limited);
    return std::nullopt;
}

Result<QJsonValue> RestApi::body(const RestRequest &request) const
{
    return m_codec.decodeValue(request.body());
}

Result<Path> RestApi::pathFromJson(const QJsonValue &value)
{
    return value.isArray() ? Path::fromJsonSegments(value) : Path::fromJsonString(value);
}

Result<RestApi::Preconditions> RestApi::preconditions(const RestRequest &request)
{
    Preconditions result;
    const QByteArray ifMatch = request.value(QByteArrayLiteral("if-match")).trimmed();
    const QByteArray ifNoneMatch = request.value(QByteArrayLiteral("if-none-match")).trimmed();
    if (!ifMatch.isEmpty() && !ifNoneMatch.isEmpty())
        return Error(Error::Kind::InvalidParams, u"invalid_precondition"_s);
    if (ifMatch == "*") {
        result.ifExists = true;
    } else if (!ifMatch.isEmpty()) {
        result.ifMatch = revisionFromTag(ifMatch);
        if (!result.ifMatch)
            return invalid(u"If-Match"_s, ServerText::tr("If-Match must be one revision, e.g. 7 or \"7\""));
    }
    if (ifNoneMatch == "*")
        result.ifAbsent = true;
    else if (!ifNoneMatch.isEmpty())
        return invalid(u"If-None-Match"_s, ServerText::tr("a write takes only If-None-Match: *"));
    return result;
}

RestApi::Response RestApi::entries(const RestRequest &request, const QString &store,
                                   const QStringList &rest)
{
    using Method = QHttpServerRequest::Method;
    const Method method = request.method();
    if (!ServerOptions::isValidStoreName(store))
        return error(Status::NotFound, Error(Error::Kind::NotFound, u"not_found"_s));

    if (rest.isEmpty()) {
        if (method == Method::Get || method == Method::Head)
            return list(request, store);
        if (method == Method::Post)
            return writeFromBody(request, store, Op::Kind::Set);
        if (method == Method::Delete)
            return writeFromBody(request, store, Op::Kind::Delete);
        return methodNotAllowed(QByteArrayLiteral("GET, HEAD, POST, DELETE"));
    }
    if (rest.size() == 1 && method == Method::Post) {
        if (rest.first() == u"batch")
            return batchRead(request, store);
        if (rest.first() == u"batch_write")
            return batchWrite(request, store);
    }
    Result<Path> path = Path::parse(rest.join(u'/'));
    if (method == Method::Get || method == Method::Head) {
        if (auto denied = authorize(request, store, u"entries:read"_s))
            return *denied;
        if (!path)
            return error(path.error());
        return get(request, store, *path);
    }
    if (method == Method::Put || method == Method::Delete) {
        if (auto denied = authorizeWrite(request, store))
            return *denied;
        if (!path)
            return error(path.error());
        if (method == Method::Delete)
            return write(request, store, Op::Kind::Delete, *path, QJsonValue(QJsonValue::Null));
        Result<QJsonValue> value = body(request);
        if (!value)
            return error(value.error());
        return write(request, store, Op::Kind::Set, *path, *value);
    }
    return methodNotAllowed(QByteArrayLiteral("GET, HEAD, PUT, DELETE"));
}

RestApi::Response RestApi::list(const RestRequest &request, const QString &storeName)
{
    if (auto denied = authorize(request, storeName, u"entries:read"_s))
        return *denied;
    const ServerStore *store = m_engine->findStore(storeName);
    if (!store)
        return error(Error(Error::Kind::NotFound, u"not_found"_s, {{u"store"_s, storeName}}));

    const QUrlQuery query = request.query();
    const auto param = [&](const QString &key) { return query.queryItemValue(key, QUrl::FullyDecoded); };
    PageRequest page;
    if (query.hasQueryItem(u"limit"_s)) {
        bool ok = false;
        page.limit = param(u"limit"_s).toInt(&ok);
        if (!ok || page.limit < 1)
            return error(Error(Error::Kind::InvalidParams, u"invalid_limit"_s,
                               {{u"message"_s, ServerText::tr("limit must be an integer from 1 to 1000")}}));
    }
    const QString order = param(u"order"_s);
    if (order == u"desc" || order == u"descending")
        page.order = PageRequest::Order::Descending;
    else if (!order.isEmpty() && order != u"asc" && order != u"ascending")
        return error(invalid(u"order"_s, ServerText::tr("order must be asc or desc")));
    const QString select = param(u"select"_s);
    if (select == u"keys")
        page.select = PageRequest::Select::Keys;
    else if (select == u"prefixes")
        page.select = PageRequest::Select::Prefixes;
    else if (!select.isEmpty() && select != u"entries")
        return error(invalid(u"select"_s, ServerText::tr("select must be entries, keys or prefixes")));
    page.after = param(u"after"_s);

    Result<Page> result = Error(Error::Kind::InvalidParams, u"invalid_params"_s);
    if (query.hasQueryItem(u"from"_s) || query.hasQueryItem(u"to"_s)) {
        if (!query.hasQueryItem(u"from"_s) || !query.hasQueryItem(u"to"_s))
            return error(invalid(u"from"_s, ServerText::tr("a range needs both from and to")));
        result = store->model().range(param(u"from"_s), param(u"to"_s), page);
    } else {
        const QString pattern = query.hasQueryItem(u"pattern"_s) ? param(u"pattern"_s) : u"**"_s;
        Result<Glob> glob = Glob::compile(pattern);
        if (!glob)
            return error(glob.error());
        result = store->model().enumerate(*glob, page);
    }
    if (!result)
        return error(result.error());
    QJsonArray items;
    for (const Entry &entry : std::as_const(result->entries))
        items.append(entryJson(entry));
    for (const QString &key : std::as_const(result->keys))
        items.append(key);
    return json(Status::Ok, QJsonObject{{u"items"_s, items},
                                        {u"next_cursor"_s, result->nextCursor.isEmpty()
                                                               ? QJsonValue(QJsonValue::Null)
                                                               : QJsonValue(result->nextCursor)}});
}

RestApi::Response RestApi::get(const RestRequest &request, const QString &storeName, const Path &path)
{
    const ServerStore *store = m_engine->findStore(storeName);
    const std::optional<Entry> entry = store ? store->model().read(path) : std::nullopt;
    if (!entry)
        return error(Error(Error::Kind::NotFound, u"not_found"_s));
    const QByteArray tag = etag(entry->revision);
    const QByteArray ifNoneMatch = request.value(QByteArrayLiteral("if-none-match")).trimmed();
    if (!ifNoneMatch.isEmpty()) {
        const QList<QByteArray> tags = ifNoneMatch.split(',');
        for (const QByteArray &candidate : tags) {
            if (candidate.trimmed() == "*" || revisionFromTag(candidate) == entry->revision) {
                Response notModified;
                notModified.status = Status::NotModified;
                notModified.headers.append({QByteArrayLiteral("ETag"), tag});
                return notModified;
            }
        }
    }
    Response response = json(Status::Ok, entryJson(*entry));
    response.headers.append({QByteArrayLiteral("ETag"), tag});
    return response;
}

RestApi::Response RestApi::write(const RestRequest &request, const QString &storeName, Op::Kind kind,
                                 const Path &path, const QJsonValue &value)
{
    if (Result<void> valid = WriteOp::validateValue(kind, value); !valid)
        return error(valid.error());
    Result<Preconditions> conditions = preconditions(request);
    if (!conditions)
        return error(conditions.error());
    if (conditions->ifAbsent && kind != Op::Kind::Set)
        return error(Error(Error::Kind::InvalidParams, u"if_absent_unsupported_op"_s, {{u"op"_s, Op::name(kind)}}));

    Result<ServerStore *> store = m_engine->storeForWrite(storeName);
    if (!store)
        return error(store.error());
    WriteOp op;
    op.kind = kind;
    op.path = path;
    op.value = value;
    op.matchTarget = WriteOp::MatchTarget::Entry;
    op.ifMatch = conditions->ifMatch;
    op.ifExists = conditions->ifExists;
    op.ifAbsent = conditions->ifAbsent;
    CommitRequest write;
    write.deviceId = u"http"_s;
    write.ops = {op};
    const WriteOutcome outcome = m_engine->writeNow(*store, std::move(write));
    if (!outcome.error.isNull())
        return error(outcome.error);
    const qint64 seq = outcome.reply.value(u"store_seq").toInteger();
    Response response = json(Status::Ok, kind == Op::Kind::Delete
                                             ? QJsonObject{{u"store_seq"_s, seq}}
                                             : QJsonObject{{u"store_seq"_s, seq},
                                                           {u"path"_s, path.toString()},
                                                           {u"revision"_s, seq}});
    response.headers.append({QByteArrayLiteral("ETag"), etag(seq)});
    return response;
}

RestApi::Response RestApi::writeFromBody(const RestRequest &request, const QString &store, Op::Kind kind)
{
    if (auto denied = authorizeWrite(request, store))
        return *denied;
    Result<QJsonValue> parsed = body(request);
    if (!parsed)
        return error(parsed.error());
    if (!parsed->isObject())
        return error(invalid(u"body"_s, ServerText::tr("the body must be an object with a path")));
    const QJsonObject object = parsed->toObject();
    if (!object.contains(u"path"))
        return error(Error(Error::Kind::InvalidPath, u"missing_path"_s));
    Result<Path> path = pathFromJson(object.value(u"path"));
    if (!path)
        return error(path.error());
    const QJsonValue value = kind == Op::Kind::Delete ? QJsonValue(QJsonValue::Null) : object.value(u"value");
    return write(request, store, kind, *path, value.isUndefined() ? QJsonValue(QJsonValue::Null) : value);
}

RestApi::Response RestApi::batchRead(const RestRequest &request, const QString &storeName)
{
    if (auto denied = authorize(request, storeName, u"entries:read"_s))
        return *denied;
    const ServerStore *store = m_engine->findStore(storeName);
    if (!store)
        return error(Error(Error::Kind::NotFound, u"not_found"_s, {{u"store"_s, storeName}}));
    Result<QJsonValue> parsed = body(request);
    if (!parsed)
        return error(parsed.error());
    const QJsonValue paths = parsed->toObject().value(u"paths");
    if (!paths.isArray() || paths.toArray().size() > MaxBatch)
        return error(invalid(u"paths"_s, ServerText::tr("the body must be {\"paths\": [...]} with at most 1000 paths")));
    QJsonArray items;
    QJsonArray missing;
    const QJsonArray list = paths.toArray();
    for (qsizetype i = 0; i < list.size(); ++i) {
        Result<Path> path = pathFromJson(list.at(i));
        if (!path) {
            QJsonObject detail = path.error().detail();
            detail.insert(u"index"_s, i);
            return error(Error(path.error().kind(), path.error().code(), detail));
        }
        if (const std::optional<Entry> entry = store->model().read(*path))
            items.append(entryJson(*entry));
        else
            missing.append(path->toString());
    }
    return json(Status::Ok, QJsonObject{{u"items"_s, items}, {u"missing"_s, missing}});
}

RestApi::Response RestApi::batchWrite(const RestRequest &request, const QString &storeName)
{
    if (auto denied = authorizeWrite(request, storeName))
        return *denied;
    Result<QJsonValue> parsed = body(request);
    if (!parsed)
        return error(parsed.error());
    const QJsonValue opsValue = parsed->toObject().value(u"ops");
    if (!opsValue.isArray() || opsValue.toArray().size() > MaxBatch)
        return error(invalid(u"ops"_s, ServerText::tr("the body must be {\"ops\": [...]} with at most 1000 ops")));
    const QJsonArray list = opsValue.toArray();
    if (list.isEmpty())
        return error(Error(Error::Kind::NothingToWrite, u"nothing_to_write"_s));

    CommitRequest write;
    write.deviceId = u"http"_s;
    write.batch = true;
    for (qsizetype i = 0; i < list.size(); ++i) {
        const auto failed = [&](const Error &e) {
            QJsonObject detail = e.detail();
            detail.insert(u"op_index"_s, i);
            return error(Error(e.kind(), e.code(), detail));
        };
        const QJsonObject item = list.at(i).toObject();
        WriteOp op;
        const std::optional<Op::Kind> kind = Op::fromName(item.value(u"op").toString());
        if (!kind || *kind == Op::Kind::PutFile || *kind == Op::Kind::Lease || *kind == Op::Kind::Renew
            || *kind == Op::Kind::Release) {
            return failed(Error(Error::Kind::InvalidParams, u"invalid op"_s));
        }
        op.kind = *kind;
        const QJsonValue segments = item.value(u"path_segments");
        Result<Path> path = !segments.isUndefined() && !segments.isNull() ? Path::fromJsonSegments(segments)
            : item.contains(u"path") ? pathFromJson(item.value(u"path"))
                                     : Result<Path>(Error(Error::Kind::InvalidPath, u"missing_path"_s));
        if (!path)
            return failed(path.error());
        op.path = *path;
        op.value = item.value(u"value");
        if (op.value.isUndefined())
            op.value = QJsonValue(QJsonValue::Null);
        if (Result<void> valid = WriteOp::validateValue(op.kind, op.value); !valid)
            return failed(valid.error());
        op.matchTarget = WriteOp::MatchTarget::Entry;
        const QJsonValue ifMatch = item.value(u"if_match");
        if (!ifMatch.isUndefined() && !ifMatch.isNull()) {
            op.ifMatch = WriteOp::integer(ifMatch);
            if (!op.ifMatch)
                return failed(invalid(u"if_match"_s, ServerText::tr("if_match must be an integer revision")));
        }
        const QJsonValue ifAbsent = item.value(u"if_absent");
        if (!ifAbsent.isUndefined() && !ifAbsent.isNull()) {
            if (!ifAbsent.isBool())
                return failed(invalid(u"if_absent"_s, ServerText::tr("if_absent must be true or false")));
            op.ifAbsent = ifAbsent.toBool();
        }
        if (op.ifMatch && op.ifAbsent)
            return failed(Error(Error::Kind::InvalidParams, u"invalid_precondition"_s));
        if (op.ifAbsent && op.kind != Op::Kind::Set)
            return failed(Error(Error::Kind::InvalidParams, u"if_absent_unsupported_op"_s, {{u"op"_s, Op::name(op.kind)}}));
        write.ops.append(op);
    }

    Result<ServerStore *> store = m_engine->storeForWrite(storeName);
    if (!store)
        return error(store.error());
    const WriteOutcome outcome = m_engine->writeNow(*store, std::move(write));
    if (!outcome.error.isNull())
        return error(outcome.error);
    return json(Status::Ok, outcome.reply);
}

RestApi::Response RestApi::file(const RestRequest &request, const QString &hash)
{
    if (request.method() != QHttpServerRequest::Method::Get && !isHead(request))
        return methodNotAllowed(QByteArrayLiteral("GET, HEAD"));
    Result<const TokenGrant *> grant = authenticate(request);
    if (!grant)
        return error(grant.error());
    // Upstream answers every refusal of a file with a bare "forbidden".
    if (!(*grant)->hasScope(u"files:read"))
        return error(Status::Forbidden, Error(Error::Kind::Unauthorized, u"forbidden"_s));
    static const QRegularExpression valid(u"^sha256:[0-9a-f]{64}$"_s);
    if (valid.match(hash).hasMatch()) {
        for (const ServerStore *store : m_engine->stores()) {
            if (!(*grant)->allowsStore(store->name()) || !store->referencesFile(hash))
                continue;
            if (const std::optional<StoredBlob> blob = store->blob(hash)) {
                QString filename = blob->filename;
                static const QRegularExpression unsafe(u"[^A-Za-z0-9._ ()+,-]"_s);
                filename.replace(unsafe, u"_"_s);
                Response response;
                response.body = blob->content;
                // The type came from the uploader: keep it off the header
                // unless it is plain printable ASCII.
                static const QRegularExpression printable(u"^[\\x20-\\x7e]{1,200}$"_s);
                response.contentType = printable.match(blob->contentType).hasMatch()
                    ? blob->contentType.toLatin1() : QByteArrayLiteral("application/octet-stream");
                response.headers.append({QByteArrayLiteral("Content-Disposition"),
                                         "inline; filename=\"" + filename.toUtf8() + '"'});
                response.headers.append({QByteArrayLiteral("ETag"), '"' + hash.toLatin1() + '"'});
                return response;
            }
        }
    }
    return error(Status::NotFound, Error(Error::Kind::NotFound, u"not_found"_s));
}

} // namespace Dust
