// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#ifndef RAWHTTPSERVER_H
#define RAWHTTPSERVER_H

#include <QtCore/qlist.h>
#include <QtCore/qmap.h>
#include <QtNetwork/qhostaddress.h>
#include <QtNetwork/qtcpserver.h>
#include <QtNetwork/qtcpsocket.h>

#include <functional>

// A deliberately small HTTP/1.1 server for tests that must see the exact
// bytes a client sends (the request target as written, not as a URL parser
// would normalize it) and answer with statuses a real Dust server never
// sends. It reads one request head plus a Content-Length body per
// connection turn, and answers with whatever the handler returns.
class RawHttpServer : public QObject
{
public:
    struct Request
    {
        QByteArray method;
        QByteArray target;                  // as sent, percent-escapes intact
        QMap<QByteArray, QByteArray> headers;   // lower-cased names
        QByteArray body;
    };
    enum class Action { Respond, Hang, Close };
    struct Response
    {
        Action action = Action::Respond;
        int status = 200;
        QByteArray body;
        QList<std::pair<QByteArray, QByteArray>> headers;
    };
    using Handler = std::function<Response(const Request &)>;

    explicit RawHttpServer(QObject *parent = nullptr) : QObject(parent)
    {
        m_server.listen(QHostAddress::LocalHost, 0);
        QObject::connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection()) {
                socket->setParent(this);
                QObject::connect(socket, &QTcpSocket::readyRead, this, [this, socket] { read(socket); });
            }
        });
    }

    quint16 port() const { return m_server.serverPort(); }
    QByteArray baseUrl() const { return "http://127.0.0.1:" + QByteArray::number(port()); }
    void setHandler(Handler handler) { m_handler = std::move(handler); }
    const QList<Request> &requests() const { return m_requests; }
    void clear() { m_requests.clear(); }

    static Response json(int status, const QByteArray &body,
                         QList<std::pair<QByteArray, QByteArray>> headers = {})
    {
        headers.append(std::pair<QByteArray, QByteArray>("Content-Type", "application/json"));
        return Response{Action::Respond, status, body, headers};
    }
    static Response text(int status, const QByteArray &body)
    {
        return Response{Action::Respond, status, body, {{"Content-Type", "text/plain"}}};
    }

private:
    void read(QTcpSocket *socket)
    {
        QByteArray &buffer = m_buffers[socket];
        buffer += socket->readAll();
        for (;;) {
            const qsizetype headEnd = buffer.indexOf("\r\n\r\n");
            if (headEnd < 0)
                return;
            Request request;
            const QList<QByteArray> lines = buffer.left(headEnd).split('\n');
            const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
            request.method = requestLine.value(0);
            request.target = requestLine.value(1);
            for (qsizetype i = 1; i < lines.size(); ++i) {
                const qsizetype colon = lines.at(i).indexOf(':');
                if (colon > 0)
                    request.headers.insert(lines.at(i).left(colon).trimmed().toLower(),
                                           lines.at(i).mid(colon + 1).trimmed());
            }
            const qsizetype length = request.headers.value("content-length", "0").toLongLong();
            if (buffer.size() < headEnd + 4 + length)
                return;
            request.body = buffer.mid(headEnd + 4, length);
            buffer.remove(0, headEnd + 4 + length);
            m_requests.append(request);
            const Response response = m_handler ? m_handler(request) : json(200, "{}");
            if (response.action == Action::Hang)
                continue;
            if (response.action == Action::Close) {
                socket->abort();
                return;
            }
            QByteArray out = "HTTP/1.1 " + QByteArray::number(response.status) + " Status\r\n";
            for (const auto &[name, value] : response.headers)
                out += name + ": " + value + "\r\n";
            if (request.method != "HEAD" || !response.body.isEmpty())
                out += "Content-Length: " + QByteArray::number(request.method == "HEAD" ? 0 : response.body.size()) + "\r\n";
            out += "\r\n";
            if (request.method != "HEAD")
                out += response.body;
            socket->write(out);
        }
    }

    QTcpServer m_server;
    Handler m_handler;
    QList<Request> m_requests;
    QMap<QTcpSocket *, QByteArray> m_buffers;
};

#endif // RAWHTTPSERVER_H
