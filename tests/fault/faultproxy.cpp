// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#include "faultproxy.h"

#include <algorithm>

FaultProxy::FaultProxy(const QHostAddress &targetHost, quint16 targetPort, QObject *parent)
    : QObject(parent), m_targetHost(targetHost), m_targetPort(targetPort)
{
    connect(&m_server, &QTcpServer::newConnection, this, &FaultProxy::accept);
    m_resume.setSingleShot(true);
    connect(&m_resume, &QTimer::timeout, this, [this] {
        m_paused = false;
        // Deliver what was held, in order, as the network would. forward()
        // may cut (and so erase) a pair: walk a copy, skipping the gone.
        std::vector<Pair *> pairs;
        for (const auto &pair : m_pairs)
            pairs.push_back(pair.get());
        const auto alive = [this](Pair *pair) {
            return std::any_of(m_pairs.cbegin(), m_pairs.cend(), [pair](const auto &p) { return p.get() == pair; });
        };
        for (Pair *pair : pairs) {
            if (alive(pair))
                forward(pair, pair->client);
            if (alive(pair))
                forward(pair, pair->server);
        }
    });
}

FaultProxy::~FaultProxy()
{
    while (!m_pairs.empty())
        destroy(m_pairs.back().get(), false);
}

bool FaultProxy::listen(quint16 port)
{
    return m_server.listen(QHostAddress::LocalHost, port);
}

void FaultProxy::accept()
{
    while (QTcpSocket *client = m_server.nextPendingConnection()) {
        auto pair = std::make_unique<Pair>();
        Pair *raw = pair.get();
        raw->client = client;
        raw->server = new QTcpSocket(this);
        client->setParent(this);
        for (QTcpSocket *socket : {raw->client, raw->server}) {
            connect(socket, &QTcpSocket::readyRead, this, [this, socket] {
                if (Pair *p = find(socket))
                    forward(p, socket);
            });
            connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
                if (Pair *p = find(socket))
                    closed(p, socket);
            });
            connect(socket, &QTcpSocket::errorOccurred, this, [this, socket](QAbstractSocket::SocketError) {
                if (Pair *p = find(socket))
                    closed(p, socket);
            });
        }
        // Bytes from the client wait in its buffer until the server side is up.
        connect(raw->server, &QTcpSocket::connected, this, [this, raw] { forward(raw, raw->client); });
        raw->server->connectToHost(m_targetHost, m_targetPort);
        m_pairs.push_back(std::move(pair));
    }
}

FaultProxy::Pair *FaultProxy::find(QTcpSocket *socket) const
{
    for (const auto &pair : m_pairs) {
        if (pair->client == socket || pair->server == socket)
            return pair.get();
    }
    return nullptr;
}

void FaultProxy::forward(Pair *pair, QTcpSocket *from)
{
    QTcpSocket *to = from == pair->client ? pair->server : pair->client;
    if (m_paused || to->state() != QAbstractSocket::ConnectedState)
        return;
    QByteArray data = from->readAll();
    if (data.isEmpty())
        return;
    if (pair->cutMid && data.size() >= 2) {
        // Half a chunk is half a frame: the receiver sees a truncated frame
        // and then the connection is gone.
        to->write(data.left(data.size() / 2));
        to->flush();
        destroy(pair, false);
        return;
    }
    m_bytes += data.size();
    to->write(data);
}

void FaultProxy::closed(Pair *pair, QTcpSocket *from)
{
    QTcpSocket *other = from == pair->client ? pair->server : pair->client;
    // A clean close passes through (with the last bytes) unless the network
    // is holding traffic; then the other side just loses the connection.
    const bool graceful = !m_paused && other->state() == QAbstractSocket::ConnectedState;
    if (graceful) {
        const QByteArray rest = from->readAll();
        if (!rest.isEmpty())
            other->write(rest);
    }
    destroy(pair, graceful);
}

void FaultProxy::destroy(Pair *pair, bool graceful)
{
    const auto it = std::find_if(m_pairs.begin(), m_pairs.end(), [pair](const auto &p) { return p.get() == pair; });
    if (it == m_pairs.end())
        return;
    std::unique_ptr<Pair> owned = std::move(*it);
    m_pairs.erase(it);
    for (QTcpSocket *socket : {owned->client, owned->server}) {
        socket->disconnect(this);
        if (graceful && socket->state() == QAbstractSocket::ConnectedState) {
            connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            socket->disconnectFromHost();
            QTimer::singleShot(5000, socket, [socket] {
                socket->abort();
                socket->deleteLater();
            });
        } else {
            socket->abort();
            socket->deleteLater();
        }
    }
}

int FaultProxy::cut()
{
    const int n = int(m_pairs.size());
    while (!m_pairs.empty())
        destroy(m_pairs.back().get(), false);
    return n;
}

int FaultProxy::cutMidStream()
{
    for (const auto &pair : m_pairs)
        pair->cutMid = true;
    const int n = int(m_pairs.size());
    // A connection that carries nothing for a while is cut anyway.
    QTimer::singleShot(300, this, [this] {
        for (size_t i = m_pairs.size(); i-- > 0;) {
            if (i < m_pairs.size() && m_pairs[i]->cutMid)
                destroy(m_pairs[i].get(), false);
        }
    });
    return n;
}

int FaultProxy::blackhole(int ms)
{
    m_paused = true;
    m_resume.start(ms);
    return int(m_pairs.size());
}
