// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#include "dustchannelsession_p.h"

#include "dustframeprefix_p.h"
#include "dustserverengine_p.h"
#include "dustserverlogging_p.h"

#include <dustthreading_p.h>

#include <QtCore/qjsonarray.h>
#include <QtCore/qpointer.h>

using namespace Qt::StringLiterals;

namespace Dust {

namespace {

constexpr int CatchUpBatch = 1000;
constexpr int CapVer = 3;

Frame bareFrame(const Frame &frame)
{
    return Frame{frame.joinRef, frame.ref, frame.topic, frame.event, {}};
}

} // namespace

ChannelSession::ChannelSession(ServerEngine *engine, QWebSocket *socket, const TokenGrant &grant,
                               const QString &deviceId, std::unique_ptr<FrameCodec> codec)
    : m_engine(engine),
      m_socket(socket),
      m_grant(grant),
      m_deviceId(deviceId),
      m_codec(std::move(codec)),
      m_json(m_codec->limits())
{
    m_socket->setParent(this);
    connect(m_socket, &QWebSocket::textMessageReceived, this,
            [this](const QString &message) { onMessage(message.toUtf8(), false); });
    connect(m_socket, &QWebSocket::binaryMessageReceived, this,
            [this](const QByteArray &message) { onMessage(message, true); });
    // Any frame, even a fragment of a long message, counts as activity.
    const auto active = [this] {
        if (m_idle.interval() > 0)
            m_idle.start();
    };
    connect(m_socket, &QWebSocket::textFrameReceived, this, active);
    connect(m_socket, &QWebSocket::binaryFrameReceived, this, active);
    connect(m_socket, &QWebSocket::pong, this, active);
    connect(m_socket, &QWebSocket::disconnected, this, [this] {
        if (!m_closed) {
            m_closed = true;
            Q_EMIT closed(this);
        }
    });

    m_idle.setSingleShot(true);
    m_idle.setInterval(m_engine->options().idleTimeoutMs);
    connect(&m_idle, &QTimer::timeout, this, [this] {
        qCInfo(lcServer).noquote() << "closing socket of device" << logSafe(m_deviceId) << "after"
                                   << m_idle.interval() << "ms without a frame";
        closeConnection(QWebSocketProtocol::CloseCodeGoingAway, u"idle timeout"_s);
    });
    if (m_idle.interval() > 0)
        m_idle.start();
}

ChannelSession::~ChannelSession() = default;

void ChannelSession::closeConnection(QWebSocketProtocol::CloseCode code, const QString &reason)
{
    m_idle.stop();
    m_socket->close(code, reason);
    m_socket->flush();
}

void ChannelSession::flush()
{
    if (!m_closed)
        m_socket->flush();
}

void ChannelSession::sendBytes(const QByteArray &bytes)
{
    if (m_closed)
        return;
    if (m_codec->isBinary())
        m_socket->sendBinaryMessage(bytes);
    else
        m_socket->sendTextMessage(QString::fromUtf8(bytes));
}

void ChannelSession::sendFrame(const Frame &frame)
{
    sendBytes(m_codec->encode(frame));
}

void ChannelSession::replyError(const Frame &frame, const Error &error)
{
    // Without a ref nobody waits for the answer.
    if (!frame.ref) {
        qCInfo(lcServer).noquote() << "push without ref from device" << logSafe(m_deviceId) << "on"
                                   << logSafe(frame.topic)
                                   << "dropped:" << error.code();
        return;
    }
    QJsonObject response = error.detail();
    response.insert(u"reason"_s, error.code());
    sendFrame(frame.reply(u"error"_s, response));
}

void ChannelSession::sendEvent(const std::optional<QString> &joinRef, const QString &topic,
                               const OpRecord &record)
{
    sendFrame(Frame{joinRef, std::nullopt, topic, u"event"_s, record.toEventPayload()});
}

void ChannelSession::onMessage(const QByteArray &data, bool binary)
{
    // Text frames are JSON whatever the serializer (vsn 3.0.0 accepts JSON
    // inbound too); binary frames use the connection's serializer.
    const FrameCodec &codec = binary ? *m_codec : static_cast<const FrameCodec &>(m_json);
    Result<Frame> frame = codec.decode(data);
    if (!frame) {
        badFrame(data, binary, frame.error());
        return;
    }
    handle(*frame);
}

void ChannelSession::badFrame(const QByteArray &data, bool binary, const Error &error)
{
    // Answer whenever the ref can be read, so the sender's pending push
    // fails instead of timing out: a frame of the wrong shape with the
    // decoder's reason, one that cannot be decoded at all with
    // malformed_frame and the reason in `detail`.
    const FrameCodec &codec = binary ? *m_codec : static_cast<const FrameCodec &>(m_json);
    const Result<QJsonValue> value = codec.decodeValue(data);
    const QJsonArray array = value.valueOr(QJsonValue()).toArray();
    Frame frame;
    Error answer = error;
    if (array.size() >= 2 && array.at(1).isString()) {
        if (array.at(0).isString())
            frame.joinRef = array.at(0).toString();
        frame.ref = array.at(1).toString();
        frame.topic = array.size() > 2 ? array.at(2).toString() : QString();
    } else if (!value) {
        if (const std::optional<FramePrefix> prefix = FramePrefix::read(data, binary && m_codec->isBinary())) {
            frame.joinRef = prefix->joinRef;
            frame.ref = prefix->ref;
            frame.topic = prefix->topic;
            answer = Error(Error::Kind::Protocol, u"malformed_frame"_s, {{u"detail"_s, error.code()}});
        }
    }
    if (frame.ref) {
        if (frame.topic.isEmpty())
            frame.topic = u"phoenix"_s;
        qCInfo(lcServer).noquote() << "bad frame from device" << logSafe(m_deviceId) << "answered:" << error.code();
        replyError(frame, answer);
        return;
    }
    ++m_droppedFrames;
    qCWarning(lcServer).noquote() << "bad frame from device" << logSafe(m_deviceId) << "dropped:" << error.code()
                                  << '(' << data.size() << "bytes;" << m_droppedFrames
                                  << "dropped on this connection)";
}

void ChannelSession::handle(const Frame &frame)
{
    if (frame.topic == u"phoenix" && frame.event == u"heartbeat") {
        sendFrame(frame.reply(u"ok"_s));
        return;
    }
    if (frame.event == u"phx_join") {
        join(frame);
        return;
    }
    const auto it = m_channels.constFind(frame.topic);
    if (it == m_channels.cend()) {
        // What Phoenix answers for a push to a topic this socket has not joined.
        replyError(frame, Error(Error::Kind::Protocol, u"unmatched topic"_s));
        return;
    }
    const Channel &channel = *it;
    if (frame.event == u"write")
        write(frame, channel, false);
    else if (frame.event == u"put_file")
        write(frame, channel, true);
    else if (frame.event == u"ack_seq")
        ackSeq(frame);
    else if (frame.event == u"status")
        status(frame, channel);
    else if (frame.event == u"rollback")
        rollback(frame, channel);
    else if (frame.event == u"phx_leave")
        leave(frame);
    else
        replyError(frame, Error(Error::Kind::Protocol, u"unknown_event"_s, {{u"event"_s, frame.event}}));
}

void ChannelSession::join(const Frame &frame)
{
    if (!frame.topic.startsWith(u"store:")) {
        replyError(frame, Error(Error::Kind::Protocol, u"unmatched topic"_s));
        return;
    }
    if (m_channels.contains(frame.topic)) {
        // Phoenix closes the existing channel of a duplicate join first.
        sendFrame(Frame{m_channels.value(frame.topic).joinRef, std::nullopt, frame.topic,
                        u"phx_close"_s, {}});
        dropChannel(frame.topic);
    }
    const std::optional<qint64> since = WriteOp::integer(frame.payload.value(u"last_store_seq"));
    if (!since || *since < 0) {
        replyError(frame, WriteOp::invalidField(u"last_store_seq"_s,
                                                ServerText::tr("the join payload needs last_store_seq, a non-negative integer")));
        return;
    }
    // A socket outlives its token's expiry: joins and writes check it again.
    if (m_grant.isExpired()) {
        replyError(frame, TokenRegistry::expired());
        return;
    }
    Result<ServerStore *> store = m_engine->storeForJoin(frame.topic.mid(6), m_grant);
    if (!store) {
        qCInfo(lcServer).noquote() << "refused join of" << logSafe(frame.topic) << "by device" << logSafe(m_deviceId)
                                   << ':' << store.error().code();
        replyError(frame, store.error());
        return;
    }
    Channel channel;
    channel.joinRef = frame.joinRef.value_or(frame.ref.value_or(QString()));
    channel.store = *store;
    channel.sentThrough = *since;
    channel.generation = ++m_generation;
    m_channels.insert(frame.topic, channel);
    m_engine->subscribe(*store, this, frame.topic);
    qCInfo(lcServer).noquote() << "device" << logSafe(m_deviceId) << "joined" << logSafe(frame.topic)
                               << "from store_seq" << *since
                               << "at head" << (*store)->head();

    sendFrame(frame.reply(u"ok"_s,
                          {{u"store_seq"_s, (*store)->head()},
                           {u"capver"_s, CapVer},
                           {u"capver_min"_s, CapVer},
                           {u"permissions"_s, QJsonObject{{u"read"_s, true},
                                                         {u"write"_s, m_grant.hasScope(u"entries:write")}}},
                           {u"scopes"_s, QJsonArray::fromStringList(m_grant.scopes)},
                           {u"store_access"_s, m_engine->storeAccess(m_grant)}}));
    catchUp(frame.topic, channel.generation);
}

void ChannelSession::catchUp(const QString &topic, quint64 generation)
{
    auto it = m_channels.find(topic);
    if (it == m_channels.end() || it->generation != generation || m_closed)
        return;
    // Each row becomes a frame on the socket as it is read, with no copy.
    const EventFrameWriter writer(m_codec->isBinary(), it->joinRef, topic);
    qint64 last = it->sentThrough;
    const Result<qsizetype> rows = it->store->visitStoredOps(it->sentThrough, CatchUpBatch,
                                                             [&](const StoredOpView &op) {
        sendBytes(writer.write(op));
        last = op.seq;
    });
    if (!rows) {
        qCCritical(lcServer).noquote() << "catch-up of" << logSafe(topic) << "failed:" << rows.error().toString();
        sendFrame(Frame{it->joinRef, std::nullopt, topic, u"phx_error"_s, {}});
        dropChannel(topic);
        return;
    }
    it->sentThrough = last;
    if (*rows == CatchUpBatch) {
        // Send this batch while the next is read, and let other sockets and
        // writes run in between; live events for this channel wait in
        // `pending` so that nothing overtakes the catch-up.
        flush();
        Threading::post(this, [this, topic, generation] { catchUp(topic, generation); });
        return;
    }
    sendFrame(Frame{it->joinRef, std::nullopt, topic, u"catch_up_complete"_s,
                    {{u"through_seq"_s, it->sentThrough}}});
    it->catchingUp = false;
    const QList<OpRecord> pending = std::exchange(it->pending, {});
    for (const OpRecord &record : pending) {
        if (record.seq > it->sentThrough) {
            sendEvent(std::nullopt, topic, record);
            it->sentThrough = record.seq;
        }
    }
}

void ChannelSession::deliver(const QString &topic, BroadcastCache &cache)
{
    auto it = m_channels.find(topic);
    if (it == m_channels.end())
        return;
    if (it->catchingUp) {
        it->pending.append(cache.record);
        return;
    }
    if (cache.record.seq <= it->sentThrough)
        return;
    it->sentThrough = cache.record.seq;
    const QString key = m_codec->version() + u'|' + topic;
    auto frame = cache.frames.find(key);
    if (frame == cache.frames.end()) {
        if (cache.payload.isEmpty())
            cache.payload = cache.record.toEventPayload();
        frame = cache.frames.insert(key, m_codec->encode(Frame{std::nullopt, std::nullopt, topic,
                                                               u"event"_s, cache.payload}));
    }
    sendBytes(*frame);
}

void ChannelSession::ackSeq(const Frame &frame)
{
    // Nothing depends on the acked seq (protocol §2.3), but a bad one is
    // still answered as such rather than accepted.
    const std::optional<qint64> seq = WriteOp::integer(frame.payload.value(u"seq"));
    if (!seq || *seq < 0) {
        replyError(frame, WriteOp::invalidField(u"seq"_s, ServerText::tr("ack_seq needs seq, a non-negative integer")));
        return;
    }
    sendFrame(frame.reply(u"ok"_s));
}

void ChannelSession::leave(const Frame &frame)
{
    dropChannel(frame.topic);
    sendFrame(frame.reply(u"ok"_s));
}

void ChannelSession::dropChannel(const QString &topic)
{
    const auto it = m_channels.constFind(topic);
    if (it == m_channels.cend())
        return;
    m_engine->unsubscribe(it->store, this, topic);
    m_channels.erase(it);
}

void ChannelSession::write(const Frame &frame, const Channel &channel, bool putFile)
{
    ServerStore *store = channel.store;
    m_engine->countWrite(store);
    if (!mayWrite(frame, putFile ? u"files:write"_s : u"entries:write"_s))
        return;
    Result<WriteOp> op = putFile ? WriteOp::fromPutFilePayload(frame.payload)
                                 : WriteOp::fromWritePayload(frame.payload);
    if (!op) {
        replyError(frame, op.error());
        return;
    }
    // A resend of a write the store has (applied, or queued to commit) is
    // answered like the first copy, not refused: refusing it would tell the
    // client that a write it made is gone.
    if (const Error limited = m_engine->rateLimit(m_grant);
        !limited.isNull() && !store->hasWrite(m_deviceId, op->clientOpId)) {
        replyError(frame, limited);
        return;
    }
    CommitRequest request;
    request.deviceId = m_deviceId;
    request.ops = {std::move(*op)};
    request.deduplicate = true;
    request.done = answerWhenCommitted(frame, store);
    store->submit(std::move(request));
}

std::function<void(const WriteOutcome &)> ChannelSession::answerWhenCommitted(const Frame &frame, ServerStore *store)
{
    const bool replyFirst = m_engine->options().replyOrder == ServerOptions::ReplyOrder::ReplyFirst;
    return [engine = m_engine, store, session = QPointer<ChannelSession>(this),
            origin = bareFrame(frame), replyFirst](const WriteOutcome &outcome) {
        if (!outcome.error.isNull()) {
            if (session)
                session->replyError(origin, outcome.error);
            return;
        }
        if (replyFirst && session)
            session->sendFrame(origin.reply(u"ok"_s, outcome.reply));
        engine->publish(store, outcome.events);
        if (!replyFirst && session)
            session->sendFrame(origin.reply(u"ok"_s, outcome.reply));
    };
}

bool ChannelSession::mayWrite(const Frame &frame, const QString &scope)
{
    if (m_grant.isExpired()) {
        replyError(frame, TokenRegistry::expired());
        return false;
    }
    if (!m_grant.hasScope(scope)) {
        replyError(frame, TokenRegistry::missingScope(scope));
        return false;
    }
    return true;
}

void ChannelSession::rollback(const Frame &frame, const Channel &channel)
{
    ServerStore *store = channel.store;
    m_engine->countWrite(store);
    if (!mayWrite(frame, u"entries:write"_s))
        return;
    Result<RollbackRequest> rollback = RollbackRequest::fromPayload(frame.payload);
    if (!rollback) {
        replyError(frame, rollback.error());
        return;
    }
    if (const Error limited = m_engine->rateLimit(m_grant); !limited.isNull()) {
        replyError(frame, limited);
        return;
    }
    CommitRequest request;
    request.deviceId = m_deviceId;
    request.rollback = *rollback;
    request.done = answerWhenCommitted(frame, store);
    store->submit(std::move(request));
}

void ChannelSession::status(const Frame &frame, const Channel &channel)
{
    QJsonObject response = channel.store->statusInfo();
    response.insert(u"permissions"_s, QJsonObject{{u"read"_s, true},
                                                 {u"write"_s, m_grant.hasScope(u"entries:write")}});
    response.insert(u"scopes"_s, QJsonArray::fromStringList(m_grant.scopes));
    response.insert(u"store_access"_s, m_engine->storeAccess(m_grant));
    sendFrame(frame.reply(u"ok"_s, response));
}

} // namespace Dust
