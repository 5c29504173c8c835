// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#include "dustconnection_p.h"

#include "dustclientlogging_p.h"

#include <QtCore/qrandom.h>
#include <QtCore/qregularexpression.h>
#include <QtCore/qtimer.h>
#include <QtCore/qurlquery.h>
#include <QtWebSockets/qwebsocket.h>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Dust::Internal {

namespace {

// Even with a short heartbeat, an upgrade (TLS included) gets this long.
constexpr int MinHandshakeTimeoutMs = 2000;

// The most events applied under one hold of an engine's lock, so readers on
// other threads wait at most this long.
constexpr qsizetype MaxEventBatch = 1024;

// A join refused for one of these reasons is final for this session.
bool isTerminalJoinError(const QString &reason)
{
    return reason == u"unauthorized" || reason == u"store_not_allowed" || reason == u"missing_scope";
}

// The server refused the socket itself: a Phoenix server answers a bad
// token, device id or capver with HTTP 401/403 instead of the upgrade (Qt
// 6.4 only tells it through the error string), a server that upgrades first
// closes at once with 1008 and the reason. Retrying cannot help until the
// app changes what it connects with, so this is not a network error.
std::optional<Error> connectionRefusal(const QWebSocket &socket, bool wasConnected, const QString &socketError)
{
    if (socket.closeCode() == QWebSocketProtocol::CloseCodePolicyViolated) {
        return Error(Error::Kind::Unauthorized, u"unauthorized"_s,
                     {{u"message"_s, socket.closeReason()}, {u"close_code"_s, int(socket.closeCode())}});
    }
    if (wasConnected)
        return std::nullopt;
    // Qt's text is "... status code: 403 (Forbidden)." in any translation:
    // the number followed by its reason phrase, unlike a port or a host name.
    static const QRegularExpression httpStatus(u"\\b(401|403) \\("_s);
    const QRegularExpressionMatch match = httpStatus.match(socketError);
    if (!match.hasMatch())
        return std::nullopt;
    qCDebug(lcClient) << "upgrade refused:" << socketError;
    const int status = match.captured(1).toInt();
    return Error(Error::Kind::Unauthorized, u"unauthorized"_s,
                 {{u"message"_s, QCoreApplication::translate("Dust::Client",
                                                             "the server refused the connection (HTTP %1)")
                                         .arg(status)},
                  {u"http_status"_s, status}});
}

} // namespace

Connection::Connection(Observer *observer)
    : m_observer(observer),
      m_heartbeat(new QTimer(this)),
      m_reconnect(new QTimer(this)),
      m_timeouts(new QTimer(this)),
      m_handshake(new QTimer(this))
{
    m_reconnect->setSingleShot(true);
    m_timeouts->setSingleShot(true);
    m_handshake->setSingleShot(true);
    // A server (or a path to it) that takes the TCP connection but never
    // completes the upgrade would otherwise hold the client forever: the
    // heartbeat only starts once connected. One heartbeat interval (at
    // least MinHandshakeTimeoutMs) is the patience a connected socket gets.
    connect(m_handshake, &QTimer::timeout, this, [this] {
        if (!m_socket || m_socket->state() == QAbstractSocket::ConnectedState)
            return;
        m_goneReason = Error(Error::Kind::Network, u"connect_timeout"_s,
                             {{u"timeout_ms"_s, m_settings.heartbeatMs}});
        onSocketGone(m_socket);
    });
    connect(m_heartbeat, &QTimer::timeout, this, &Connection::onHeartbeatTick);
    connect(m_reconnect, &QTimer::timeout, this, &Connection::openSocket);
    connect(m_timeouts, &QTimer::timeout, this, &Connection::checkTimeouts);
}

Connection::~Connection()
{
    for (const auto &channel : m_channels)
        channel->engine->setHost(nullptr);
}

void Connection::setEngines(const QList<std::shared_ptr<SyncEngine>> &engines)
{
    applyEvents();
    for (const auto &channel : m_channels) {
        channel->engine->setHost(nullptr);
        delete channel->rejoinTimer;
    }
    m_channels.clear();
    m_byChannelTopic.clear();
    for (const auto &engine : engines) {
        auto channel = std::make_unique<Channel>();
        channel->engine = engine;
        channel->channelTopic = engine->channelTopic();
        channel->rejoinTimer = new QTimer(this);
        channel->rejoinTimer->setSingleShot(true);
        Channel *raw = channel.get();
        connect(channel->rejoinTimer, &QTimer::timeout, this, [this, raw] {
            if (m_socket && m_status == Client::Status::Connected && raw->state == Channel::State::Idle)
                join(raw);
        });
        engine->setHost(this);
        m_byChannelTopic.insert(channel->channelTopic, raw);
        m_channels.push_back(std::move(channel));
    }
}

void Connection::setReconnectDelays(int firstMs, int maxMs)
{
    m_settings.reconnectFirstMs = firstMs;
    m_settings.reconnectMaxMs = maxMs;
}

void Connection::setHeartbeatInterval(int ms)
{
    m_settings.heartbeatMs = ms;
    if (m_heartbeat->isActive())
        m_heartbeat->start(ms);
}

QString Connection::vsn(Client::FrameFormat format)
{
    return format == Client::FrameFormat::MessagePack ? u"3.0.0"_s : u"2.0.0"_s;
}

QUrl Connection::socketUrl(const Settings &settings)
{
    QUrl url = settings.url;
    QString path = url.path();
    while (path.endsWith(u'/'))
        path.chop(1);
    url.setPath(path + u"/websocket"_s);
    // Percent-encode every value ourselves: Phoenix decodes '+' as a space.
    const auto item = [](const char *key, const QString &value) {
        return QString::fromLatin1(key) + u'=' + QString::fromLatin1(QUrl::toPercentEncoding(value));
    };
    url.setQuery(QStringList{item("token", settings.token), item("device_id", settings.deviceId),
                             u"capver=3"_s, u"vsn="_s + vsn(settings.frameFormat)}
                     .join(u'&'),
                 QUrl::StrictMode);
    return url;
}

void Connection::start(const Settings &settings)
{
    m_settings = settings;
    m_codec = FrameCodec::create(vsn(settings.frameFormat));
    m_running = true;
    m_attempt = 0;
    for (const auto &channel : m_channels) {
        channel->state = Channel::State::Idle;
        channel->rejoinAttempt = 0;
    }
    setStatus(Client::Status::Connecting);
    openSocket();
    for (const auto &channel : m_channels)
        flush(channel.get()); // persists writes made while closed, arms their timeouts
}

void Connection::stop()
{
    applyEvents();
    m_running = false;
    m_reconnect->stop();
    m_heartbeat->stop();
    m_timeouts->stop();
    m_handshake->stop();
    if (QWebSocket *socket = m_socket) {
        m_socket = nullptr;
        socket->disconnect(this);
        if (socket->state() == QAbstractSocket::ConnectedState)
            socket->close();
        else
            socket->abort();
        socket->deleteLater();
    }
    m_refs.clear();
    m_heartbeatRef.clear();
    const Error closed(Error::Kind::Cancelled, u"closed"_s);
    for (const auto &channel : m_channels) {
        channel->rejoinTimer->stop();
        channel->state = Channel::State::Idle;
        channel->engine->setStatus(Client::Status::Disconnected);
        channel->engine->failWaiting(closed);
        channel->engine->commitCache();
    }
    setStatus(Client::Status::Disconnected);
}

void Connection::openSocket()
{
    if (!m_running || m_socket)
        return;
    m_socketError.clear();
    auto *socket = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this);
    m_socket = socket;
    if (m_settings.ssl)
        socket->setSslConfiguration(*m_settings.ssl);
    connect(socket, &QWebSocket::connected, this, &Connection::onConnected);
    connect(socket, &QWebSocket::disconnected, this, [this, socket] { onSocketGone(socket); });
    connect(socket, &QWebSocket::stateChanged, this, [this, socket](QAbstractSocket::SocketState state) {
        if (state == QAbstractSocket::UnconnectedState)
            onSocketGone(socket);
    });
    connect(socket, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error), this, [this, socket](QAbstractSocket::SocketError) {
        if (m_socketError.isEmpty())
            m_socketError = socket->errorString();
        // A failed handshake leaves the TCP connection up: end it here.
        if (socket->state() != QAbstractSocket::ConnectedState || m_status != Client::Status::Connected)
            QTimer::singleShot(0, this, [this, socket] { onSocketGone(socket); });
    });
    connect(socket, &QWebSocket::sslErrors, this, [this](const QList<QSslError> &errors) {
        if (!errors.isEmpty())
            m_socketError = errors.constFirst().errorString();
    });
    connect(socket, &QWebSocket::textMessageReceived, this, [this](const QString &message) {
        onMessage(message.toUtf8(), false);
    });
    connect(socket, &QWebSocket::binaryMessageReceived, this, [this](const QByteArray &message) {
        onMessage(message, true);
    });
    const QUrl url = socketUrl(m_settings);
    // The query holds the token: log the server only.
    qCDebug(lcClient) << "connecting to" << url.adjusted(QUrl::RemoveQuery | QUrl::RemoveUserInfo);
    m_handshake->start(std::max(MinHandshakeTimeoutMs, m_settings.heartbeatMs));
    socket->open(url);
}

void Connection::onConnected()
{
    m_handshake->stop();
    qCDebug(lcClient) << "connected";
    const bool allRefused = !m_channels.empty()
        && std::all_of(m_channels.cbegin(), m_channels.cend(),
                       [](const auto &c) { return c->state == Channel::State::Refused; });
    setStatus(allRefused ? Client::Status::Unauthorized : Client::Status::Connected);
    m_heartbeatRef.clear();
    m_heartbeat->start(m_settings.heartbeatMs);
    for (const auto &channel : m_channels) {
        if (channel->state != Channel::State::Refused)
            join(channel.get());
    }
}

void Connection::onSocketGone(QWebSocket *socket)
{
    if (socket != m_socket)
        return;
    // Received before the socket went: committed, and in order.
    applyEvents();
    m_socket = nullptr;
    const bool wasConnected = m_status == Client::Status::Connected || m_status == Client::Status::Unauthorized;
    m_handshake->stop();
    if (m_socketError.isEmpty() && socket->error() != QAbstractSocket::UnknownSocketError)
        m_socketError = socket->errorString();
    socket->disconnect(this);
    socket->abort();
    socket->deleteLater();
    m_heartbeat->stop();
    m_heartbeatRef.clear();
    m_refs.clear();
    for (const auto &channel : m_channels) {
        channel->rejoinTimer->stop();
        if (channel->state == Channel::State::Refused)
            continue;
        channel->state = Channel::State::Idle;
        channel->engine->setStatus(m_running ? Client::Status::Reconnecting : Client::Status::Disconnected);
    }
    if (!m_running)
        return;
    if (const std::optional<Error> refusal = connectionRefusal(*socket, wasConnected, m_socketError)) {
        m_goneReason.reset();
        qCWarning(lcClient) << "connection refused:" << *refusal << "- not retrying until the next open()";
        for (const auto &channel : m_channels) {
            channel->state = Channel::State::Refused;
            channel->engine->setStatus(Client::Status::Unauthorized);
            channel->engine->reportError(*refusal);
        }
        reportError(*refusal);
        setStatus(Client::Status::Unauthorized);
        return;
    }
    const Error error = m_goneReason
        ? *m_goneReason
        : Error(Error::Kind::Network, u"network"_s,
                {{u"message"_s, m_socketError.isEmpty()
                                    ? QCoreApplication::translate("Dust::Client", "connection closed")
                                    : m_socketError}});
    m_goneReason.reset();
    qCInfo(lcClient) << "connection lost:" << error;
    reportError(error);
    setStatus(Client::Status::Reconnecting);
    m_reconnect->start(backoff(m_attempt++));
}

void Connection::onHeartbeatTick()
{
    if (!m_socket)
        return;
    if (!m_heartbeatRef.isEmpty()) {
        m_goneReason = Error(Error::Kind::Network, u"heartbeat_timeout"_s);
        onSocketGone(m_socket);
        return;
    }
    m_heartbeatRef = nextRef();
    send(Frame{std::nullopt, m_heartbeatRef, u"phoenix"_s, u"heartbeat"_s, {}});
}

bool Connection::takeEventFrame(const QByteArray &data)
{
    // A subscriber or a pending write reads each event's path and value:
    // the codec decodes those at once, rather than the engine later.
    for (const auto &channel : m_channels) {
        if (channel->engine->readsEventDetail())
            return false;
    }
    std::optional<EventFrame> event = EventFrame::read(data);
    if (!event || event->topic() == u"phoenix")
        return false;
    Channel *channel = channelFor(event->topic(), event->joinRef());
    if (channel && channel->state == Channel::State::Refused)
        qCDebug(lcClient) << "ignoring event on refused" << event->topic();
    else if (channel)
        queueEvent(channel, std::move(*event));
    return true;
}

Connection::Channel *Connection::channelFor(const QString &topic, const std::optional<QString> &joinRef) const
{
    Channel *channel = m_byChannelTopic.value(topic);
    if (!channel) {
        qCWarning(lcClient) << "ignoring a frame for unknown topic" << topic;
        return nullptr;
    }
    // Pushes and replies of an earlier join of this topic are stale.
    if (joinRef && *joinRef != channel->joinRef) {
        qCDebug(lcClient) << "ignoring a stale frame on" << topic;
        return nullptr;
    }
    return channel;
}

void Connection::onMessage(const QByteArray &data, bool binary)
{
    if (binary && !m_codec->isBinary()) {
        qCWarning(lcClient) << "ignoring a binary frame (the connection speaks JSON, vsn 2.0.0)";
        reportError(Error(Error::Kind::Protocol, u"unexpected_binary_frame"_s,
                          {{u"frame_bytes"_s, qint64(data.size())}}));
        return;
    }
    // A catch-up is mostly plain events: read without a JSON document.
    if (!binary && takeEventFrame(data))
        return;
    // Text is JSON whatever the serializer, as on the server side.
    const FrameCodec &codec = binary ? *m_codec : static_cast<const FrameCodec &>(m_json);
    const Result<Frame> decoded = codec.decode(data);
    if (!decoded) {
        // One bad frame is not worth the connection: report it and go on.
        qCWarning(lcClient) << "ignoring a bad frame from the server:" << decoded.error().code();
        QJsonObject detail = decoded.error().detail();
        detail.insert(u"frame_bytes"_s, qint64(data.size()));
        detail.insert(u"vsn"_s, codec.version());
        reportError(Error(decoded.error().kind(), decoded.error().code(), detail));
        return;
    }
    const Frame &frame = *decoded;
    // Any other frame may depend on the events before it (an echo before
    // its write's reply, the catch-up before catch_up_complete).
    if (frame.event != u"event")
        applyEvents();
    if (frame.topic == u"phoenix") {
        if (frame.event == u"phx_reply" && frame.ref && *frame.ref == m_heartbeatRef) {
            m_heartbeatRef.clear();
            m_attempt = 0;
        }
        return;
    }
    Channel *channel = channelFor(frame.topic, frame.joinRef);
    if (!channel)
        return;
    SyncEngine *engine = channel->engine.get();
    if (frame.event == u"phx_reply") {
        handleReply(channel, frame);
    } else if (channel->state == Channel::State::Refused) {
        qCDebug(lcClient) << "ignoring" << frame.event << "on refused" << frame.topic;
    } else if (frame.event == u"event") {
        queueEvent(channel, frame.payload);
    } else if (frame.event == u"snapshot") {
        engine->handleSnapshot(frame.payload);
    } else if (frame.event == u"catch_up_complete") {
        const QJsonValue through = frame.payload.value(u"through_seq");
        if (!through.isDouble()) {
            qCWarning(lcClient) << "ignoring catch_up_complete without through_seq on" << frame.topic;
            engine->reportMalformed(frame.event, u"through_seq"_s);
            return;
        }
        const QString ref = nextRef();
        m_refs.insert(ref, {RefKind::AckSeq, channel, {}});
        send(Frame{channel->joinRef, ref, channel->channelTopic, u"ack_seq"_s,
                   {{u"seq"_s, through.toInteger()}}});
        engine->handleCatchUpComplete(through.toInteger());
    } else if (frame.event == u"phx_error" || frame.event == u"phx_close") {
        qCInfo(lcClient) << "server closed channel" << frame.topic << "(" << frame.event << ")";
        channelLost(channel);
    } else {
        qCWarning(lcClient) << "ignoring unknown event" << frame.event << "on" << frame.topic;
    }
}

void Connection::queueEvent(Channel *channel, IncomingEvent event)
{
    if (channel != m_eventsChannel)
        applyEvents();
    m_eventsChannel = channel;
    m_events.append(std::move(event));
    if (m_events.size() >= MaxEventBatch) {
        applyEvents();
    } else if (!m_applyEventsPosted) {
        // Runs once QWebSocket has handed over every frame of this read.
        m_applyEventsPosted = true;
        QMetaObject::invokeMethod(this, [this] {
            m_applyEventsPosted = false;
            applyEvents();
        }, Qt::QueuedConnection);
    }
}

void Connection::applyEvents()
{
    if (m_events.isEmpty())
        return;
    // Taken first: a subscriber's callback run by the engine may re-enter.
    const QList<IncomingEvent> events = std::exchange(m_events, {});
    Channel *channel = std::exchange(m_eventsChannel, nullptr);
    channel->engine->handleEvents(events);
}

void Connection::handleReply(Channel *channel, const Frame &frame)
{
    if (!frame.ref) {
        qCWarning(lcClient) << "ignoring a reply without ref on" << frame.topic;
        channel->engine->reportMalformed(frame.event, u"ref"_s);
        return;
    }
    const auto found = m_refs.constFind(*frame.ref);
    if (found == m_refs.cend() || found->channel != channel) {
        qCDebug(lcClient) << "ignoring a reply to an unknown ref on" << frame.topic;
        return;
    }
    const PendingRef pending = *found;
    m_refs.erase(found);
    const QString status = frame.payload.value(u"status").toString();
    const QJsonObject response = frame.payload.value(u"response").toObject();
    const bool ok = status == u"ok";

    switch (pending.kind) {
    case RefKind::Join:
        if (ok) {
            channel->state = Channel::State::Joined;
            channel->generation = ++m_generationCounter;
            channel->rejoinAttempt = 0;
            // The reconnect delay is reset by the first heartbeat reply, not
            // here: a server that takes each join and then drops the
            // connection at once would otherwise be redialled every 10 ms.
            channel->engine->setCapabilities(response);
            channel->engine->beginCatchUp(response.value(u"store_seq").toInteger());
            channel->engine->setStatus(Client::Status::Connected);
            flush(channel);
            return;
        }
        {
            const Error error = status == u"error" ? Error::fromReply(response)
                                                  : Error(Error::Kind::Protocol, u"unexpected_reply"_s, response);
            if (isTerminalJoinError(error.code())) {
                qCWarning(lcClient) << "join of" << channel->channelTopic << "refused:" << error.code();
                channel->state = Channel::State::Refused;
                channel->engine->setStatus(Client::Status::Unauthorized);
                channel->engine->reportError(error);
                reportError(error);
                const bool allRefused = std::all_of(m_channels.cbegin(), m_channels.cend(), [](const auto &c) {
                    return c->state == Channel::State::Refused;
                });
                if (allRefused)
                    setStatus(Client::Status::Unauthorized);
            } else {
                qCWarning(lcClient) << "join of" << channel->channelTopic << "failed:" << error << "- retrying";
                // The server's reason reaches the app, which may stop waiting.
                channel->engine->reportError(error);
                channel->state = Channel::State::Idle;
                channel->engine->setStatus(Client::Status::Reconnecting);
                scheduleRejoin(channel);
            }
        }
        return;
    case RefKind::Write:
        channel->engine->handleReply(pending.clientOpId, ok, response);
        return;
    case RefKind::AckSeq:
        return;
    }
}

void Connection::channelLost(Channel *channel)
{
    if (channel->state == Channel::State::Refused)
        return;
    for (auto it = m_refs.begin(); it != m_refs.end();)
        it = it->channel == channel ? m_refs.erase(it) : std::next(it);
    channel->state = Channel::State::Idle;
    channel->engine->setStatus(Client::Status::Reconnecting);
    scheduleRejoin(channel);
}

void Connection::join(Channel *channel)
{
    channel->joinRef = nextRef();
    channel->state = Channel::State::Joining;
    channel->engine->setStatus(Client::Status::Connecting);
    m_refs.insert(channel->joinRef, {RefKind::Join, channel, {}});
    // Always the newest applied seq, never the one of an earlier join.
    send(Frame{channel->joinRef, channel->joinRef, channel->channelTopic, u"phx_join"_s,
               {{u"last_store_seq"_s, channel->engine->lastStoreSeq()}}});
}

void Connection::scheduleRejoin(Channel *channel)
{
    channel->rejoinTimer->start(backoff(channel->rejoinAttempt++));
}

void Connection::engineHasWork(SyncEngine *engine)
{
    Channel *channel = m_byChannelTopic.value(engine->channelTopic());
    if (channel && channel->engine.get() == engine)
        flush(channel);
}

void Connection::flush(Channel *channel)
{
    const bool joined = m_socket && channel->state == Channel::State::Joined;
    const QList<SyncEngine::Outgoing> outgoing = channel->engine->takeOutgoing(joined ? channel->generation : 0);
    for (const SyncEngine::Outgoing &op : outgoing) {
        const QString ref = nextRef();
        m_refs.insert(ref, {RefKind::Write, channel, op.clientOpId});
        send(Frame{channel->joinRef, ref, channel->channelTopic, op.event, op.payload});
    }
    if (!m_timeouts->isActive())
        armTimeouts(channel->engine->expireWrites());
}

void Connection::checkTimeouts()
{
    std::optional<std::chrono::steady_clock::time_point> next;
    for (const auto &channel : m_channels) {
        const auto deadline = channel->engine->expireWrites();
        if (deadline && (!next || *deadline < *next))
            next = deadline;
    }
    armTimeouts(next);
}

void Connection::armTimeouts(std::optional<std::chrono::steady_clock::time_point> deadline)
{
    if (!deadline)
        return;
    const auto wait = std::chrono::ceil<std::chrono::milliseconds>(*deadline - std::chrono::steady_clock::now());
    if (!m_timeouts->isActive() || wait.count() < m_timeouts->remainingTime())
        m_timeouts->start(int(std::max<qint64>(0, wait.count())));
}

void Connection::send(const Frame &frame)
{
    if (!m_socket)
        return;
    const QByteArray bytes = m_codec->encode(frame);
    if (m_codec->isBinary())
        m_socket->sendBinaryMessage(bytes);
    else
        m_socket->sendTextMessage(QString::fromUtf8(bytes));
}

QString Connection::nextRef()
{
    return QString::number(++m_refCounter);
}

int Connection::backoff(int attempt) const
{
    const qint64 first = std::max(1, m_settings.reconnectFirstMs);
    const qint64 max = std::max<qint64>(first, m_settings.reconnectMaxMs);
    qint64 delay = first;
    for (int i = 0; i < attempt && delay < max; ++i)
        delay *= 2;
    delay = std::min(delay, max);
    // Jitter spreads the reconnects of many clients after a server restart.
    return int(delay + QRandomGenerator::global()->bounded(delay / 4 + 1));
}

void Connection::setStatus(Client::Status status)
{
    if (m_status == status)
        return;
    m_status = status;
    m_observer->connectionStatusChanged(status);
}

void Connection::reportError(const Error &error)
{
    m_observer->connectionErrorOccurred(error);
}

} // namespace Dust::Internal
