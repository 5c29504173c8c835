// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#ifndef DUSTSERVERHTTP_P_H
#define DUSTSERVERHTTP_P_H

#include <dustprivateapi_p.h>

#include <QtHttpServer/qabstracthttpserver.h>

namespace Dust {

class RestApi;
class ServerEngine;

// The one listener for HTTP and WebSocket: QtHttpServer parses the requests,
// hands each to the REST API, and upgrades WebSocket requests whose connect
// parameters pass, delivering them through newWebSocketConnection().
class ServerHttp : public QAbstractHttpServer
{
    Q_OBJECT

public:
    ServerHttp(ServerEngine *engine, RestApi *rest);

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    static bool isWebSocketUpgrade(const QHttpServerRequest &request);

    ServerEngine *m_engine;
    RestApi *m_rest;
};

} // namespace Dust

#endif // DUSTSERVERHTTP_P_H
