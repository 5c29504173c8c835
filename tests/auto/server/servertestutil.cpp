// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#include "servertestutil.h"

#include <dustjsonframecodec.h>

#include <QtNetwork/qnetworkreply.h>
#include <QtTest/qtest.h>

#include <memory>

using namespace Qt::StringLiterals;

Dust::ServerOptions memoryServerOptions()
{
    Dust::ServerOptions options;
    options.port = 0;
    options.inMemory = true;
    return options;
}

QByteArray HttpResponse::header(const QByteArray &name) const
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

QJsonValue HttpResponse::json() const
{
    return Dust::JsonFrameCodec().decodeValue(body).valueOr(QJsonValue(QJsonValue::Undefined));
}

HttpResponse HttpClient::send(const QByteArray &method, const QString &path, const QByteArray &body,
                              const QList<std::pair<QByteArray, QByteArray>> &headers)
{
    QNetworkRequest request(QUrl(m_base.toString() + path, QUrl::StrictMode));
    if (!m_token.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + m_token.toUtf8());
    if (!body.isEmpty())
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    for (const auto &[name, value] : headers)
        request.setRawHeader(name, value);
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    std::unique_ptr<QNetworkReply> reply;
    if (method == "HEAD")
        reply.reset(m_manager.head(request));
    else
        reply.reset(m_manager.sendCustomRequest(request, method, body));
    HttpResponse response;
    if (!waitUntil([&] { return reply->isFinished(); }, 15000))
        return response;
    response.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    response.body = reply->readAll();
    response.headers = reply->rawHeaderPairs();
    return response;
}

std::atomic<LogCapture *> LogCapture::s_current{nullptr};

LogCapture::LogCapture()
{
    m_previous = qInstallMessageHandler(&LogCapture::handler);
    s_current = this;
}

LogCapture::~LogCapture()
{
    qInstallMessageHandler(m_previous);
    s_current = nullptr;
}

void LogCapture::handler(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    if (LogCapture *capture = s_current) {
        {
            std::lock_guard locker(capture->m_mutex);
            capture->m_messages.append(QString::fromLatin1(context.category ? context.category : "") + u": "_s
                                       + message);
        }
        if (capture->m_previous)
            capture->m_previous(type, context, message);
    }
}

QStringList LogCapture::messages() const
{
    std::lock_guard locker(m_mutex);
    return m_messages;
}

bool LogCapture::contains(const QString &text) const
{
    const QStringList all = messages();
    for (const QString &m : all) {
        if (m.contains(text))
            return true;
    }
    return false;
}

bool LogCapture::waitFor(const QString &text, int timeoutMs) const
{
    return waitUntil([&] { return contains(text); }, timeoutMs);
}
