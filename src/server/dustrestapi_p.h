// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#ifndef DUSTRESTAPI_P_H
#define DUSTRESTAPI_P_H

#include "dustwriteop_p.h"

#include <dustjsonframecodec.h>
#include <dustserveroptions.h>

#include <QtHttpServer/qhttpserverrequest.h>
#include <QtHttpServer/qhttpserverresponder.h>

#include <optional>

namespace Dust {

class ServerEngine;
class ServerStore;

/*
    The REST entries API of dust-ecto §4 and the file download of protocol
    §9, answered on the engine thread:

    GET|HEAD  /api/stores/{org}/{name}/entries?pattern=&limit=&after=&order=&select=&from=&to=
    POST      /api/stores/{org}/{name}/entries              {"path", "value"}   (write)
    DELETE    /api/stores/{org}/{name}/entries              {"path"}            (delete)
    GET|HEAD|PUT|DELETE /api/stores/{org}/{name}/entries/{path}
    POST      /api/stores/{org}/{name}/entries/batch        {"paths": [...]}
    POST      /api/stores/{org}/{name}/entries/batch_write  {"ops": [...]}      (atomic)
    GET|HEAD  /api/files/{sha256:hex}

    Writes go through the store's writer like channel writes and are
    broadcast to the store's WebSocket subscribers. Each write counts
    against its token's rate limit (429 with Retry-After when over).
*/
class RestApi
{
public:
    explicit RestApi(ServerEngine *engine);

    void handle(const QHttpServerRequest &request, QHttpServerResponder &responder);

private:
    using Status = QHttpServerResponder::StatusCode;
    struct Response
    {
        Status status = Status::Ok;
        QByteArray body;
        QByteArray contentType = QByteArrayLiteral("application/json");
        QList<std::pair<QByteArray, QByteArray>> headers;
    };
    struct Preconditions
    {
        std::optional<qint64> ifMatch;
        bool ifExists = false;
        bool ifAbsent = false;
    };

    static Response json(Status status, const QJsonValue &body);
    static Response error(const Error &error);
    static Response error(Status status, const Error &error);
    static Response methodNotAllowed(const QByteArray &allow);
    static QJsonObject entryJson(const Entry &entry);
    static QByteArray etag(qint64 revision);

    Response route(const QHttpServerRequest &request);
    Response entries(const QHttpServerRequest &request, const QString &store, const QStringList &rest);
    Response list(const QHttpServerRequest &request, const QString &store);
    Response get(const QHttpServerRequest &request, const QString &store, const Path &path);
    Response write(const QHttpServerRequest &request, const QString &store, Op::Kind kind,
                   const Path &path, const QJsonValue &value);
    Response writeFromBody(const QHttpServerRequest &request, const QString &store, Op::Kind kind);
    Response batchRead(const QHttpServerRequest &request, const QString &store);
    Response batchWrite(const QHttpServerRequest &request, const QString &store);
    Response file(const QHttpServerRequest &request, const QString &hash);

    Result<const TokenGrant *> authenticate(const QHttpServerRequest &request) const;
    std::optional<Response> authorize(const QHttpServerRequest &request, const QString &store,
                                      const QString &scope, const TokenGrant **grant = nullptr) const;
    // authorize() for entries:write, then one write off the token's rate limit.
    std::optional<Response> authorizeWrite(const QHttpServerRequest &request, const QString &store);
    Result<QJsonValue> body(const QHttpServerRequest &request) const;
    static Result<Preconditions> preconditions(const QHttpServerRequest &request);
    static Result<Path> pathFromJson(const QJsonValue &value);

    ServerEngine *m_engine;
    JsonFrameCodec m_codec;
};

} // namespace Dust

#endif // DUSTRESTAPI_P_H
