// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#ifndef DUSTSERVERHTTP_P_H
#define DUSTSERVERHTTP_P_H

#include <QtHttpServer/qabstracthttpserver.h>

namespace Dust {

class RestApi;

// The one listener for HTTP and WebSocket: QtHttpServer parses the requests
// and hands each to the REST API; WebSocket upgrades arrive through
// newWebSocketConnection() (Qt 6.4 upgrades before any handler runs).
class ServerHttp : public QAbstractHttpServer
{
    Q_OBJECT

public:
    ServerHttp(RestApi *rest, QObject *parent);

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    RestApi *m_rest;
};

} // namespace Dust

#endif // DUSTSERVERHTTP_P_H
