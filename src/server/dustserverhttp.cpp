// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#include "dustserverhttp_p.h"

#include "dusthttpguard_p.h"
#include "dustrestapi_p.h"
#include "dustserverengine_p.h"

#include <dustjsonframecodec.h>

#include <QtCore/qjsonobject.h>
#include <QtHttpServer/qhttpserverresponder.h>

using namespace Qt::StringLiterals;

namespace Dust {

ServerHttp::ServerHttp(ServerEngine *engine, RestApi *rest)
    : QAbstractHttpServer(engine), m_engine(engine), m_rest(rest)
{
}

bool ServerHttp::isWebSocketUpgrade(const QHttpServerRequest &request)
{
    if (request.value(QByteArrayLiteral("upgrade")).trimmed().compare("websocket", Qt::CaseInsensitive) != 0)
        return false;
    const QList<QByteArray> tokens = request.value(QByteArrayLiteral("connection")).split(',');
    for (const QByteArray &token : tokens) {
        if (token.trimmed().compare("upgrade", Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

bool ServerHttp::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket)
{
    // QtHttpServer 6.4 asks before it upgrades a WebSocket request: true lets
    // the upgrade go ahead, false sends the request to missingHandler().
    // QtHttpServer's own test for a socket it takes away from HTTP.
    const bool leavesHttp = request.value(QByteArrayLiteral("connection")).toLower().contains("upgrade")
        && request.value(QByteArrayLiteral("upgrade")).compare("websocket", Qt::CaseInsensitive) == 0;
    HttpGuard::requestParsed(socket, leavesHttp);
    if (isWebSocketUpgrade(request)) {
        const ServerEngine::ConnectCheck check = m_engine->checkConnect(request.url());
        if (!check.refusal.isEmpty()) {
            ServerEngine::logRefusal(request.remoteAddress().toString(), check);
            return false;
        }
        return true;
    }
    QHttpServerResponder responder = makeResponder(request, socket);
    m_rest->handle(request, responder);
    return true;
}

void ServerHttp::missingHandler(const QHttpServerRequest &request, QTcpSocket *socket)
{
    // Only refused upgrades get here: answer 403 (404 for a path that is not
    // the socket's), as Phoenix does, before Qt closes the connection.
    const ServerEngine::ConnectCheck check = m_engine->checkConnect(request.url());
    const QJsonObject body{{u"error"_s, check.unknownPath ? u"not_found"_s : u"forbidden"_s},
                           {u"reason"_s, check.refusal}};
    QHttpServerResponder responder = makeResponder(request, socket);
    responder.write(JsonFrameCodec().encodeValue(body), QByteArrayLiteral("application/json"),
                    check.unknownPath ? QHttpServerResponder::StatusCode::NotFound
                                      : QHttpServerResponder::StatusCode::Forbidden);
}

} // namespace Dust
