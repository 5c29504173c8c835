// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#include "dustserverhttp_p.h"

#include "dustrestapi_p.h"

#include <QtHttpServer/qhttpserverresponder.h>

namespace Dust {

ServerHttp::ServerHttp(RestApi *rest, QObject *parent) : QAbstractHttpServer(parent), m_rest(rest) { }

bool ServerHttp::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket)
{
    QHttpServerResponder responder = makeResponder(request, socket);
    m_rest->handle(request, responder);
    return true;
}

void ServerHttp::missingHandler(const QHttpServerRequest &request, QTcpSocket *socket)
{
    // handleRequest() answers every request, so this is never reached.
    QHttpServerResponder responder = makeResponder(request, socket);
    responder.write(QHttpServerResponder::StatusCode::NotFound);
}

} // namespace Dust
