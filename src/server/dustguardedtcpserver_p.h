// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#ifndef DUSTGUARDEDTCPSERVER_P_H
#define DUSTGUARDEDTCPSERVER_P_H

#include <dustprivateapi_p.h>

#include <QtNetwork/qtcpsocket.h>

#include <functional>
#include <utility>

namespace Dust {

// A QTcpServer or QSslServer that hands each connection to `prepare` on its
// way out of nextPendingConnection(), before QtHttpServer connects to it.
template <typename Base>
class GuardedTcpServer : public Base
{
public:
    using Prepare = std::function<void(QTcpSocket *)>;

    GuardedTcpServer(Prepare prepare, QObject *parent) : Base(parent), m_prepare(std::move(prepare)) { }

    QTcpSocket *nextPendingConnection() override
    {
        QTcpSocket *socket = Base::nextPendingConnection();
        if (socket)
            m_prepare(socket);
        return socket;
    }

private:
    Prepare m_prepare;
};

} // namespace Dust

#endif // DUSTGUARDEDTCPSERVER_P_H
