// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#ifndef CLIENTTESTUTILS_H
#define CLIENTTESTUTILS_H

#include "../shared/testwait.h"

#include <dustclient.h>
#include <dustmsgpackframecodec.h>
#include <dustresult.h>
#include <dustserver.h>
#include <duststore.h>
#include <dusttest.h>

#include <QtCore/qeventloop.h>
#include <QtCore/qfuture.h>
#include <QtCore/qfuturewatcher.h>
#include <QtCore/qjsonarray.h>
#include <QtCore/qjsondocument.h>
#include <QtCore/qtimer.h>
#include <QtTest/qtest.h>
#include <QtWebSockets/qwebsocket.h>
#include <QtWebSockets/qwebsocketserver.h>

#include <memory>

namespace DustTest {

using namespace Qt::StringLiterals;

// A TestServer with `store` that accepts a full-access token (its
// fixture client's) and one with `scopes` only.
inline Dust::TestServerOptions serverWithTokens(const QString &store, const QString &fullToken,
                                                const QString &limitedToken, const QStringList &scopes)
{
    Dust::TestServerOptions options;
    options.stores = {store};
    options.clientToken = fullToken;
    options.server.tokens = {
        {fullToken, Dust::TokenGrant::allScopes(), true, {}},
        {limitedToken, scopes, true, {}},
    };
    return options;
}

// A TestServer with `stores` whose fixture client is not opened: each
// test makes and opens the clients it needs.
inline Dust::TestServerOptions serverWithoutClient(const QStringList &stores)
{
    Dust::TestServerOptions options;
    options.stores = stores;
    options.openClient = false;
    return options;
}

inline QJsonValue json(const char *text)
{
    const QByteArray wrapped = QByteArray("[") + text + "]";
    return QJsonDocument::fromJson(wrapped).array().at(0);
}

// A WebSocket server that plays a (possibly misbehaving) Dust server: it
// records every frame, answers joins and heartbeats as told, and lets the
// test send anything.
class RawServer : public QObject
{
public:
    explicit RawServer(QWebSocketServer::SslMode mode = QWebSocketServer::NonSecureMode)
        : m_server(u"raw"_s, mode)
    {
        QObject::connect(&m_server, &QWebSocketServer::newConnection, this, [this] {
            while (QWebSocket *socket = m_server.nextPendingConnection()) {
                socket->setParent(this);
                sockets.append(socket);
                requestUrls.append(socket->requestUrl());
                const int connection = int(requestUrls.size() - 1);
                QObject::connect(socket, &QWebSocket::textMessageReceived, this,
                                 [this, socket, connection](const QString &text) {
                                     receivedOn.append(connection);
                                     onFrame(socket, QJsonDocument::fromJson(text.toUtf8()).array());
                                 });
                // A MessagePack client (vsn 3.0.0); answers go back packed too.
                QObject::connect(socket, &QWebSocket::binaryMessageReceived, this,
                                 [this, socket, connection](const QByteArray &data) {
                                     receivedOn.append(connection);
                                     ++binaryReceived;
                                     const auto value = Dust::MsgPackFrameCodec().decodeValue(data);
                                     onFrame(socket, value ? value->toArray() : QJsonArray());
                                 });
                QObject::connect(socket, &QWebSocket::disconnected, this, [this, socket] {
                    sockets.removeOne(socket);
                    socket->deleteLater();
                });
            }
        });
    }

    bool listen() { return m_server.listen(QHostAddress::LocalHost, 0); }
    QWebSocketServer &server() { return m_server; }
    QUrl url(const QString &scheme = u"ws"_s) const
    {
        return QUrl(u"%1://127.0.0.1:%2/ws/sync"_s.arg(scheme).arg(m_server.serverPort()));
    }

    void sendText(const QString &text)
    {
        if (!sockets.isEmpty())
            sockets.last()->sendTextMessage(text);
    }
    void send(const QJsonArray &frame)
    {
        if (!sockets.isEmpty())
            sendTo(sockets.last(), frame);
    }
    void sendTo(QWebSocket *socket, const QJsonArray &frame)
    {
        if (msgpack)
            socket->sendBinaryMessage(Dust::MsgPackFrameCodec().encodeValue(frame));
        else
            socket->sendTextMessage(QString::fromUtf8(QJsonDocument(frame).toJson(QJsonDocument::Compact)));
    }
    // A push on the store topic with the current join ref.
    void push(const QString &event, const QJsonObject &payload)
    {
        send(QJsonArray{joinRef, QJsonValue::Null, topic, event, payload});
    }
    void reply(const QJsonArray &request, const QString &status, const QJsonObject &response = {})
    {
        send(QJsonArray{request.at(0), request.at(1), request.at(2), u"phx_reply"_s,
                        QJsonObject{{u"status"_s, status}, {u"response"_s, response}}});
    }

    QList<QJsonArray> frames(const QString &event) const
    {
        QList<QJsonArray> out;
        for (const QJsonArray &frame : received) {
            if (frame.at(3).toString() == event)
                out.append(frame);
        }
        return out;
    }
    qsizetype count(const QString &event) const { return frames(event).size(); }

    // Behaviour.
    bool msgpack = false;         // send binary MessagePack frames instead of JSON text
    int binaryReceived = 0;
    bool answerHeartbeats = true;
    bool answerJoins = true;
    QJsonObject joinError;        // non-empty: refuse joins with this response
    QJsonObject joinResponse{{u"store_seq"_s, 0}, {u"capver"_s, 3}, {u"capver_min"_s, 3}};
    // When set, a join is followed by the catch-up a server sends: every
    // event of `log` after the join's last_store_seq, then catch_up_complete.
    bool catchUp = false;
    QList<QJsonObject> log;
    bool closeAfterJoin = false;  // drop the connection right after each join's reply

    QString topic;
    QJsonValue joinRef;
    QList<QJsonArray> received;
    QList<int> receivedOn; // the connection (index into requestUrls) of each frame
    QList<QWebSocket *> sockets;
    QList<QUrl> requestUrls;

private:
    void onFrame(QWebSocket *socket, const QJsonArray &frame)
    {
        received.append(frame);
        const QString event = frame.at(3).toString();
        const auto answer = [this, socket](const QJsonArray &request, const QString &status,
                                           const QJsonObject &response) {
            sendTo(socket, QJsonArray{request.at(0), request.at(1), request.at(2), u"phx_reply"_s,
                                      QJsonObject{{u"status"_s, status}, {u"response"_s, response}}});
        };
        if (event == u"heartbeat" && answerHeartbeats)
            answer(frame, u"ok"_s, {});
        if (event == u"phx_join") {
            topic = frame.at(2).toString();
            joinRef = frame.at(0);
            if (!joinError.isEmpty()) {
                answer(frame, u"error"_s, joinError);
            } else if (answerJoins) {
                answer(frame, u"ok"_s, joinResponse);
                if (catchUp) {
                    const qint64 since = frame.at(4).toObject().value(u"last_store_seq"_s).toInteger();
                    qint64 through = since;
                    for (const QJsonObject &event : std::as_const(log)) {
                        const qint64 seq = event.value(u"store_seq"_s).toInteger();
                        if (seq <= since)
                            continue;
                        push(u"event"_s, event);
                        through = seq;
                    }
                    push(u"catch_up_complete"_s, {{u"through_seq"_s, through}});
                }
                if (closeAfterJoin)
                    socket->close();
            }
        }
    }

    QWebSocketServer m_server;
};

} // namespace DustTest

#endif // CLIENTTESTUTILS_H
