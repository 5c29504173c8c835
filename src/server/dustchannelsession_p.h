// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#ifndef DUSTCHANNELSESSION_P_H
#define DUSTCHANNELSESSION_P_H

#include <dustprivateapi_p.h>

#include "dustserverstore_p.h"

#include <dustframecodec.h>
#include <dustjsonframecodec.h>
#include <dustserveroptions.h>

#include <QtCore/qhash.h>
#include <QtCore/qobject.h>
#include <QtCore/qtimer.h>
#include <QtWebSockets/qwebsocket.h>

#include <memory>

namespace Dust {

class ServerEngine;
struct BroadcastCache;

/*
    One accepted WebSocket speaking Phoenix Channels V2 (protocol §1-§3):
    heartbeats, joins with catch-up, writes, leaves, and the idle timeout.
    A bad frame is answered (when it has a ref) or logged, never fatal.
*/
class DUST_SERVER_EXPORT ChannelSession : public QObject
{
    Q_OBJECT

public:
    ChannelSession(ServerEngine *engine, QWebSocket *socket, const TokenGrant &grant,
                   const QString &deviceId, std::unique_ptr<FrameCodec> codec);
    ~ChannelSession() override;

    QString deviceId() const { return m_deviceId; }
    // A live broadcast for a topic this session joined.
    void deliver(const QString &topic, BroadcastCache &cache);
    void closeConnection(QWebSocketProtocol::CloseCode code, const QString &reason);
    // Writes what is buffered now instead of at the next turn of the event loop.
    void flush();
    void sendFrame(const Frame &frame);
    void replyError(const Frame &frame, const Error &error);

Q_SIGNALS:
    void closed(Dust::ChannelSession *session);

private:
    struct Channel
    {
        QString joinRef;
        ServerStore *store = nullptr;
        bool catchingUp = true;
        qint64 sentThrough = 0;
        QList<OpRecord> pending;
        quint64 generation = 0;
    };

    void onMessage(const QByteArray &data, bool binary);
    void badFrame(const QByteArray &data, bool binary, const Error &error);
    void handle(const Frame &frame);
    void join(const Frame &frame);
    void leave(const Frame &frame);
    void ackSeq(const Frame &frame);
    void write(const Frame &frame, const Channel &channel, bool putFile);
    void rollback(const Frame &frame, const Channel &channel);
    // Answers the push with the error and returns false when the token has
    // expired or lacks `scope`.
    bool mayWrite(const Frame &frame, const QString &scope);
    // Replies to the push once its request has committed, and broadcasts
    // its events (in the order ServerOptions::replyOrder asks for).
    std::function<void(const WriteOutcome &)> answerWhenCommitted(const Frame &frame, ServerStore *store);
    void status(const Frame &frame, const Channel &channel);
    void catchUp(const QString &topic, quint64 generation);
    void sendBytes(const QByteArray &bytes);
    void sendEvent(const std::optional<QString> &joinRef, const QString &topic, const OpRecord &record);
    void dropChannel(const QString &topic);

    ServerEngine *m_engine;
    QWebSocket *m_socket;
    TokenGrant m_grant;
    QString m_deviceId;
    std::unique_ptr<FrameCodec> m_codec;
    JsonFrameCodec m_json;
    qint64 m_droppedFrames = 0;     // undecodable frames without a readable ref
    QTimer m_idle;
    QHash<QString, Channel> m_channels;
    quint64 m_generation = 0;
    bool m_closed = false;
};

} // namespace Dust

#endif // DUSTCHANNELSESSION_P_H
