// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#ifndef PHOENIXTESTCLIENT_H
#define PHOENIXTESTCLIENT_H

#include <dustframe.h>
#include <dustframecodec.h>

#include <QtCore/qobject.h>
#include <QtCore/qurl.h>
#include <QtWebSockets/qwebsocket.h>

#include <functional>
#include <memory>
#include <optional>

// A raw Phoenix V2 client for server tests: it sends exactly the frames a
// test asks for and records every frame the server sends, so a test can
// check the wire frame by frame. Lives and waits on the test thread.
class PhoenixTestClient : public QObject
{
    Q_OBJECT

public:
    struct Params
    {
        QString token;
        QString deviceId = QStringLiteral("dev_test");
        QString vsn = QStringLiteral("2.0.0");
        QString capver = QStringLiteral("3");
        QString path = QStringLiteral("/ws/sync/websocket");
    };

    explicit PhoenixTestClient(QObject *parent = nullptr);
    ~PhoenixTestClient() override;

    // The upgrade URL for `base` (ws://host:port/...) with these connect params.
    static QUrl socketUrl(const QUrl &base, const Params &params);
    // Connects and waits for the upgrade; false when the socket did not open.
    bool open(const QUrl &base, const Params &params);
    bool openUrl(const QUrl &url, const QString &vsn = QStringLiteral("2.0.0"));
    // Waits until the server closes the socket.
    bool waitForClosed(int timeoutMs = 5000);
    void close();
    bool isConnected() const;
    QWebSocketProtocol::CloseCode closeCode() const { return m_socket->closeCode(); }
    QString closeReason() const { return m_socket->closeReason(); }
    QWebSocket *socket() const { return m_socket.get(); }

    // Sends a frame with a fresh ref (and the topic's join ref); returns the ref.
    QString push(const QString &topic, const QString &event, const QJsonObject &payload = {});
    void sendText(const QByteArray &text);
    void sendBinary(const QByteArray &data);
    // Waits for the reply to `ref`.
    std::optional<Dust::Frame> waitForReply(const QString &ref, int timeoutMs = 10000);
    // push() + waitForReply(); the reply's payload ({status, response}), or {} on timeout.
    QJsonObject request(const QString &topic, const QString &event, const QJsonObject &payload = {});
    // Joins with last_store_seq = since and returns the reply payload.
    QJsonObject join(const QString &topic, qint64 since = 0);
    // Joins, then waits for catch_up_complete; returns the catch-up events.
    QList<QJsonObject> joinAndCatchUp(const QString &topic, qint64 since = 0, QJsonObject *reply = nullptr);
    // A write push with a fresh client_op_id unless the payload has one.
    QJsonObject write(const QString &topic, QJsonObject payload);

    // Every frame received, in order.
    const QList<Dust::Frame> &frames() const { return m_frames; }
    qsizetype frameCount() const { return m_frames.size(); }
    // The first frame at index >= from that matches, waiting for it.
    std::optional<Dust::Frame> waitForFrame(const std::function<bool(const Dust::Frame &)> &match,
                                            qsizetype from = 0, int timeoutMs = 10000);
    // Index of the first frame at index >= from that matches, or -1.
    qsizetype indexOf(const std::function<bool(const Dust::Frame &)> &match, qsizetype from = 0) const;
    // Payloads of the `event` frames on a topic, from frame index `from`.
    QList<QJsonObject> events(const QString &topic, qsizetype from = 0) const;
    bool waitForEvents(const QString &topic, qsizetype count, qsizetype from = 0, int timeoutMs = 10000);
    // Frames that could not be decoded (should stay empty).
    int undecodable() const { return m_undecodable; }

    static QString newOpId();

private:
    void received(const QByteArray &data, bool binary);

    std::unique_ptr<QWebSocket> m_socket;
    std::unique_ptr<Dust::FrameCodec> m_codec;
    QList<Dust::Frame> m_frames;
    QHash<QString, QString> m_joinRefs;
    quint64 m_ref = 0;
    int m_undecodable = 0;
};

#endif // PHOENIXTESTCLIENT_H
