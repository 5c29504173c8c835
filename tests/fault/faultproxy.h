// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#ifndef FAULTPROXY_H
#define FAULTPROXY_H

#include <QtCore/qobject.h>
#include <QtCore/qtimer.h>
#include <QtNetwork/qhostaddress.h>
#include <QtNetwork/qtcpserver.h>
#include <QtNetwork/qtcpsocket.h>

#include <memory>
#include <vector>

// A loopback TCP proxy that breaks the connections it carries on command:
// cut() resets every connection at once, cutMidStream() forwards half of
// the next chunk of data (so a WebSocket frame arrives truncated) and then
// resets, blackhole() stops forwarding in both directions for a while,
// holding what arrives, as a network that silently stops delivering does.
class FaultProxy : public QObject
{
public:
    FaultProxy(const QHostAddress &targetHost, quint16 targetPort, QObject *parent = nullptr);
    ~FaultProxy() override;

    bool listen(quint16 port = 0);
    quint16 port() const { return m_server.serverPort(); }

    // Each returns how many connections it affected.
    int cut();
    int cutMidStream();
    int blackhole(int ms);

    int connectionCount() const { return int(m_pairs.size()); }
    qint64 bytesForwarded() const { return m_bytes; }

private:
    struct Pair
    {
        QTcpSocket *client = nullptr;
        QTcpSocket *server = nullptr;
        bool cutMid = false;
    };

    void accept();
    void forward(Pair *pair, QTcpSocket *from);
    void closed(Pair *pair, QTcpSocket *from);
    void destroy(Pair *pair, bool graceful);
    Pair *find(QTcpSocket *socket) const;

    QTcpServer m_server;
    QHostAddress m_targetHost;
    quint16 m_targetPort;
    std::vector<std::unique_ptr<Pair>> m_pairs;
    QTimer m_resume;
    bool m_paused = false;
    qint64 m_bytes = 0;
};

#endif // FAULTPROXY_H
