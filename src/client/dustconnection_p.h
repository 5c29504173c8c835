// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#ifndef DUSTCONNECTION_P_H
#define DUSTCONNECTION_P_H

#include <dustprivateapi_p.h>

#include "dustsyncengine_p.h"

#include <dustclient.h>
#include <dustframe.h>
#include <dustjsonframecodec.h>

#include <QtCore/qhash.h>
#include <QtCore/qobject.h>
#include <QtCore/qurl.h>
#include <QtNetwork/qsslconfiguration.h>

#include <memory>
#include <optional>
#include <vector>

QT_BEGIN_NAMESPACE
class QTimer;
class QWebSocket;
QT_END_NAMESPACE

namespace Dust::Internal {

// The WebSocket to the server and the Phoenix channel of each store. Lives
// on the sync thread; every method is called there.
class Connection final : public QObject, public SyncHost
{
public:
    struct Settings
    {
        QUrl url;
        QString token;
        QString deviceId;
        std::optional<QSslConfiguration> ssl;
        Client::FrameFormat frameFormat = Client::FrameFormat::Json;
        int heartbeatMs = 30000;
        int reconnectFirstMs = 10;
        int reconnectMaxMs = 5000;
    };

    // Told about connection-wide changes (on the sync thread).
    class Observer
    {
    public:
        virtual ~Observer() = default;
        virtual void connectionStatusChanged(Client::Status status) = 0;
        virtual void connectionErrorOccurred(const Error &error) = 0;
    };

    explicit Connection(Observer *observer);
    ~Connection() override;

    void setEngines(const QList<std::shared_ptr<SyncEngine>> &engines);
    void start(const Settings &settings);
    void stop();
    void setReconnectDelays(int firstMs, int maxMs);
    void setHeartbeatInterval(int ms);

    // The connect URL with the protocol's query parameters.
    static QUrl socketUrl(const Settings &settings);
    // The `vsn` connect parameter of a frame format.
    static QString vsn(Client::FrameFormat format);

    void engineHasWork(SyncEngine *engine) override;

private:
    struct Channel
    {
        enum class State { Idle, Joining, Joined, Refused };
        std::shared_ptr<SyncEngine> engine;
        QString channelTopic;
        QString joinRef;
        State state = State::Idle;
        quint64 generation = 0;
        int rejoinAttempt = 0;
        QTimer *rejoinTimer = nullptr;
    };
    enum class RefKind { Join, Write, AckSeq };
    struct PendingRef
    {
        RefKind kind;
        Channel *channel;
        QString clientOpId;
    };

    void openSocket();
    void onConnected();
    void onSocketGone(QWebSocket *socket);
    void onMessage(const QByteArray &data, bool binary);
    // Takes a plain `event` frame read straight from its text; false for
    // any other frame, left to the codec.
    bool takeEventFrame(const QByteArray &data);
    Channel *channelFor(const QString &topic, const std::optional<QString> &joinRef) const;
    void onHeartbeatTick();
    void handleReply(Channel *channel, const Frame &frame);
    void queueEvent(Channel *channel, IncomingEvent event);
    void applyEvents();
    void channelLost(Channel *channel);
    void join(Channel *channel);
    void scheduleRejoin(Channel *channel);
    void flush(Channel *channel);
    void checkTimeouts();
    void armTimeouts(std::optional<std::chrono::steady_clock::time_point> deadline);
    void send(const Frame &frame);
    QString nextRef();
    int backoff(int attempt) const;
    void setStatus(Client::Status status);
    void reportError(const Error &error);

    Observer *const m_observer;
    Settings m_settings;
    JsonFrameCodec m_json;
    std::unique_ptr<FrameCodec> m_codec = std::make_unique<JsonFrameCodec>(); // per Settings::frameFormat
    QWebSocket *m_socket = nullptr;
    QString m_socketError;
    std::optional<Error> m_goneReason;
    QTimer *m_heartbeat = nullptr;
    QTimer *m_reconnect = nullptr;
    QTimer *m_timeouts = nullptr;
    QTimer *m_handshake = nullptr;
    QString m_heartbeatRef;
    // The `event` frames of one channel not applied yet: a socket read's
    // run of them is applied as one batch once the read is handled, and
    // before any other frame.
    Channel *m_eventsChannel = nullptr;
    QList<IncomingEvent> m_events;
    bool m_applyEventsPosted = false;
    std::vector<std::unique_ptr<Channel>> m_channels;
    QHash<QString, Channel *> m_byChannelTopic;
    QHash<QString, PendingRef> m_refs;
    quint64 m_refCounter = 0;
    quint64 m_generationCounter = 0;
    int m_attempt = 0;
    bool m_running = false;
    Client::Status m_status = Client::Status::Disconnected;
};

} // namespace Dust::Internal

#endif // DUSTCONNECTION_P_H
