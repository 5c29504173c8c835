// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#ifndef DUSTRESTAPI_P_H
#define DUSTRESTAPI_P_H

#include <dustprivateapi_p.h>

#include "dustwriteop_p.h"

#include <dustjsonframecodec.h>
#include <dustserverglobal.h>
#include <dustserveroptions.h>

#include <QtCore/qurlquery.h>
#include <QtHttpServer/qhttpserverrequest.h>
#include <QtHttpServer/qhttpserverresponder.h>

#include <optional>

namespace Dust {

class ServerEngine;
class ServerStore;

// What RestApi reads of an HTTP request, with QHttpServerRequest's accessors.
// QHttpServerRequest can only be made by QtHttpServer from a socket; this copy
// lets the routing run on requests from elsewhere too (tests/fuzz feeds it).
class DUST_SERVER_EXPORT RestRequest
{
public:
    using Method = QHttpServerRequest::Method;

    RestRequest(Method method, const QUrl &url, const QList<std::pair<QByteArray, QByteArray>> &headers,
                const QByteArray &body);
    static RestRequest fromHttp(const QHttpServerRequest &request);

    Method method() const { return m_method; }
    QUrl url() const { return m_url; }
    QUrlQuery query() const { return QUrlQuery(m_url); }
    // The header's value (names compare case-insensitively), empty when absent.
    QByteArray value(const QByteArray &key) const;
    QList<std::pair<QByteArray, QByteArray>> headers() const { return m_headers; }
    QByteArray body() const { return m_body; }

private:
    Method m_method;
    QUrl m_url;
    QList<std::pair<QByteArray, QByteArray>> m_headers;
    QByteArray m_body;
};

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
class DUST_SERVER_EXPORT RestApi
{
public:
    using Status = QHttpServerResponder::StatusCode;
    struct Response
    {
        Status status = Status::Ok;
        QByteArray body;
        QByteArray contentType = QByteArrayLiteral("application/json");
        QList<std::pair<QByteArray, QByteArray>> headers;
    };

    explicit RestApi(ServerEngine *engine);

    void handle(const QHttpServerRequest &httpRequest, QHttpServerResponder &responder);
    // The answer to one request; handle() writes it. HEAD gets the GET
    // answer here, and handle() leaves the body out.
    Response respond(const RestRequest &request);
    // The grant of an Authorization header's bearer token, unless it is
    // missing, unknown or expired.
    Result<const TokenGrant *> authenticate(QByteArray authorization) const;
    Result<const TokenGrant *> authenticate(const RestRequest &request) const;

private:
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

    Response entries(const RestRequest &request, const QString &store, const QStringList &rest);
    Response list(const RestRequest &request, const QString &store);
    Response get(const RestRequest &request, const QString &store, const Path &path);
    Response write(const RestRequest &request, const QString &store, Op::Kind kind,
                   const Path &path, const QJsonValue &value);
    Response writeFromBody(const RestRequest &request, const QString &store, Op::Kind kind);
    Response batchRead(const RestRequest &request, const QString &store);
    Response batchWrite(const RestRequest &request, const QString &store);
    Response file(const RestRequest &request, const QString &hash);

    std::optional<Response> authorize(const RestRequest &request, const QString &store,
                                      const QString &scope, const TokenGrant **grant = nullptr) const;
    // authorize() for entries:write, then one write off the token's rate limit.
    std::optional<Response> authorizeWrite(const RestRequest &request, const QString &store);
    Result<QJsonValue> body(const RestRequest &request) const;
    static Result<Preconditions> preconditions(const RestRequest &request);
    static Result<Path> pathFromJson(const QJsonValue &value);
    // The URL path's pieces, each percent-decoded on its own.
    static Result<QStringList> pathPieces(const QUrl &url);

    ServerEngine *m_engine;
    JsonFrameCodec m_codec;
};

} // namespace Dust

#endif // DUSTRESTAPI_P_H
