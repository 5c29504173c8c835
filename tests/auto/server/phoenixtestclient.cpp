// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#include "phoenixtestclient.h"

#include "servertestutil.h"

#include <dustjsonframecodec.h>

#include <QtCore/qrandom.h>
#include <QtCore/qurlquery.h>
#include <QtTest/qtest.h>

using namespace Qt::StringLiterals;

PhoenixTestClient::PhoenixTestClient(QObject *parent)
    : QObject(parent), m_socket(std::make_unique<QWebSocket>())
{
    m_socket->setMaxAllowedIncomingMessageSize(256 * 1024 * 1024);
    connect(m_socket.get(), &QWebSocket::textMessageReceived, this,
            [this](const QString &message) { received(message.toUtf8(), false); });
    connect(m_socket.get(), &QWebSocket::binaryMessageReceived, this,
            [this](const QByteArray &message) { received(message, true); });
}

PhoenixTestClient::~PhoenixTestClient()
{
    m_socket->abort();
}

QUrl PhoenixTestClient::socketUrl(const QUrl &base, const Params &params)
{
    QUrl url = base;
    url.setPath(params.path);
    QUrlQuery query;
    if (!params.token.isNull())
        query.addQueryItem(u"token"_s, QString::fromLatin1(QUrl::toPercentEncoding(params.token)));
    if (!params.deviceId.isNull())
        query.addQueryItem(u"device_id"_s, params.deviceId);
    if (!params.capver.isNull())
        query.addQueryItem(u"capver"_s, params.capver);
    if (!params.vsn.isNull())
        query.addQueryItem(u"vsn"_s, params.vsn);
    url.setQuery(query);
    return url;
}

bool PhoenixTestClient::open(const QUrl &base, const Params &params)
{
    return openUrl(socketUrl(base, params), params.vsn);
}

bool PhoenixTestClient::openUrl(const QUrl &url, const QString &vsn)
{
    m_codec = Dust::FrameCodec::create(vsn);
    if (!m_codec)
        m_codec = std::make_unique<Dust::JsonFrameCodec>();
    m_socket->open(url);
    return waitUntil([this] {
        return m_socket->state() == QAbstractSocket::ConnectedState
            || m_socket->state() == QAbstractSocket::UnconnectedState;
    }, 10000) && m_socket->state() == QAbstractSocket::ConnectedState;
}

bool PhoenixTestClient::waitForClosed(int timeoutMs)
{
    return waitUntil([this] { return m_socket->state() == QAbstractSocket::UnconnectedState; },
                           timeoutMs);
}

void PhoenixTestClient::close()
{
    m_socket->close();
    waitForClosed();
}

bool PhoenixTestClient::isConnected() const
{
    return m_socket->state() == QAbstractSocket::ConnectedState;
}

QString PhoenixTestClient::newOpId()
{
    return u"op_test_%1"_s.arg(QRandomGenerator::global()->generate64(), 16, 16, QChar(u'0'));
}

void PhoenixTestClient::received(const QByteArray &data, bool binary)
{
    const Dust::JsonFrameCodec json;
    Dust::Result<Dust::Frame> frame = binary ? m_codec->decode(data) : json.decode(data);
    if (!frame) {
        ++m_undecodable;
        return;
    }
    m_frames.append(*frame);
}

QString PhoenixTestClient::push(const QString &topic, const QString &event, const QJsonObject &payload)
{
    const QString ref = QString::number(++m_ref);
    std::optional<QString> joinRef;
    if (event == u"phx_join")
        joinRef = ref;
    else if (m_joinRefs.contains(topic))
        joinRef = m_joinRefs.value(topic);
    if (event == u"phx_join")
        m_joinRefs.insert(topic, ref);
    const QByteArray bytes = m_codec->encode(Dust::Frame{joinRef, ref, topic, event, payload});
    if (m_codec->isBinary())
        m_socket->sendBinaryMessage(bytes);
    else
        m_socket->sendTextMessage(QString::fromUtf8(bytes));
    return ref;
}

void PhoenixTestClient::sendText(const QByteArray &text)
{
    m_socket->sendTextMessage(QString::fromUtf8(text));
}

void PhoenixTestClient::sendBinary(const QByteArray &data)
{
    m_socket->sendBinaryMessage(data);
}

std::optional<Dust::Frame> PhoenixTestClient::waitForReply(const QString &ref, int timeoutMs)
{
    return waitForFrame([&](const Dust::Frame &f) { return f.event == u"phx_reply" && f.ref == ref; },
                        0, timeoutMs);
}

QJsonObject PhoenixTestClient::request(const QString &topic, const QString &event, const QJsonObject &payload)
{
    const std::optional<Dust::Frame> reply = waitForReply(push(topic, event, payload));
    return reply ? reply->payload : QJsonObject();
}

QJsonObject PhoenixTestClient::join(const QString &topic, qint64 since)
{
    return request(topic, u"phx_join"_s, {{u"last_store_seq"_s, since}});
}

QList<QJsonObject> PhoenixTestClient::joinAndCatchUp(const QString &topic, qint64 since, QJsonObject *reply)
{
    const qsizetype from = m_frames.size();
    const QString ref = push(topic, u"phx_join"_s, {{u"last_store_seq"_s, since}});
    const std::optional<Dust::Frame> answer = waitForReply(ref);
    if (reply)
        *reply = answer ? answer->payload : QJsonObject();
    if (!answer || answer->payload.value(u"status") != u"ok"_s)
        return {};
    const std::optional<Dust::Frame> complete = waitForFrame(
        [&](const Dust::Frame &f) { return f.topic == topic && f.event == u"catch_up_complete"; }, from, 60000);
    if (!complete)
        return {};
    QList<QJsonObject> caughtUp;
    const qsizetype end = m_frames.indexOf(*complete, from);
    for (qsizetype i = from; i < end; ++i) {
        const Dust::Frame &f = m_frames.at(i);
        if (f.topic == topic && f.event == u"event")
            caughtUp.append(f.payload);
    }
    return caughtUp;
}

QJsonObject PhoenixTestClient::write(const QString &topic, QJsonObject payload)
{
    if (!payload.contains(u"client_op_id"))
        payload.insert(u"client_op_id"_s, newOpId());
    return request(topic, u"write"_s, payload);
}

qsizetype PhoenixTestClient::indexOf(const std::function<bool(const Dust::Frame &)> &match, qsizetype from) const
{
    for (qsizetype i = from; i < m_frames.size(); ++i) {
        if (match(m_frames.at(i)))
            return i;
    }
    return -1;
}

std::optional<Dust::Frame> PhoenixTestClient::waitForFrame(const std::function<bool(const Dust::Frame &)> &match,
                                                           qsizetype from, int timeoutMs)
{
    qsizetype found = -1;
    const bool matched = waitUntil([&] {
        found = indexOf(match, from);
        return found >= 0;
    }, timeoutMs);
    if (!matched)
        return std::nullopt;
    return m_frames.at(found);
}

QList<QJsonObject> PhoenixTestClient::events(const QString &topic, qsizetype from) const
{
    QList<QJsonObject> list;
    for (qsizetype i = from; i < m_frames.size(); ++i) {
        const Dust::Frame &f = m_frames.at(i);
        if (f.topic == topic && f.event == u"event")
            list.append(f.payload);
    }
    return list;
}

bool PhoenixTestClient::waitForEvents(const QString &topic, qsizetype count, qsizetype from, int timeoutMs)
{
    return waitUntil([&] { return events(topic, from).size() >= count; }, timeoutMs);
}
