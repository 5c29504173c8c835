// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#ifndef SERVERTESTUTIL_H
#define SERVERTESTUTIL_H

#include "../shared/testwait.h"

#include <dustserver.h>

#include <QtCore/qjsonvalue.h>
#include <QtCore/qstringlist.h>
#include <QtNetwork/qnetworkaccessmanager.h>
#include <QtNetwork/qnetworkreply.h>

#include <atomic>
#include <mutex>

#include <functional>

// Options for an in-process server in memory on a free loopback port.
Dust::ServerOptions memoryServerOptions();

// One HTTP exchange, made synchronously from the test thread.
struct HttpResponse
{
    int status = 0;                 // 0: no response at all
    QByteArray body;
    QList<QNetworkReply::RawHeaderPair> headers;

    QByteArray header(const QByteArray &name) const;
    QJsonValue json() const;        // the body as JSON (any value)
};

class HttpClient
{
public:
    explicit HttpClient(const QUrl &base, const QString &token = {}) : m_base(base), m_token(token) { }
    void setToken(const QString &token) { m_token = token; }

    // `path` is appended to the base URL as given (already percent-encoded).
    HttpResponse send(const QByteArray &method, const QString &path, const QByteArray &body = {},
                      const QList<std::pair<QByteArray, QByteArray>> &headers = {});
    HttpResponse get(const QString &path) { return send("GET", path); }

private:
    QNetworkAccessManager m_manager;
    QUrl m_base;
    QString m_token;
};

// Records every log message while it exists (from any thread), so a test can
// check what the server logged, and that no token ever appears.
class LogCapture
{
public:
    LogCapture();
    ~LogCapture();
    QStringList messages() const;
    bool contains(const QString &text) const;
    bool waitFor(const QString &text, int timeoutMs = 5000) const;

private:
    static void handler(QtMsgType type, const QMessageLogContext &context, const QString &message);
    static std::atomic<LogCapture *> s_current;
    QtMessageHandler m_previous = nullptr;
    mutable std::mutex m_mutex;
    QStringList m_messages;
};

#endif // SERVERTESTUTIL_H
