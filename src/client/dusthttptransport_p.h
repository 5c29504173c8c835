// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#ifndef DUSTHTTPTRANSPORT_P_H
#define DUSTHTTPTRANSPORT_P_H

#include <dustprivateapi_p.h>

//
//  W A R N I N G
//  -------------
//
// This file is not part of the DustQt API. It may change without notice.
//

#include <dustthreading_p.h>
#include <dusthttptransport.h>

#include <QtCore/qset.h>
#include <QtNetwork/qnetworkreply.h>
#include <QtNetwork/qsslconfiguration.h>

#include <functional>
#include <mutex>

QT_BEGIN_NAMESPACE
class QNetworkAccessManager;
QT_END_NAMESPACE

namespace Dust {

enum class HttpMethod { Get, Head, Put, Post, Delete };
// Which timeout a request is under: until the request is sent, Connect;
// after that, Receive.
enum class HttpPhase { None, Connect, Receive };

struct HttpConfig
{
    QUrl base;
    QString token;
    QString org;
    QString name;
    int receiveTimeout = 0;
    int connectTimeout = 0;
    std::optional<QSslConfiguration> ssl;
};

struct HttpRequest
{
    HttpMethod method = HttpMethod::Get;
    QUrl url;
    QByteArray body;
    bool hasBody = false;
    std::optional<qint64> ifMatch;
    bool ifNoneMatch = false;
};

struct HttpResponse
{
    int status = 0;
    QJsonValue body;
    QByteArray retryAfter;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    QString errorString;
    HttpPhase timedOut = HttpPhase::None;
    int timeoutMs = 0;
    bool cancelled = false;
    bool idempotent = false;
    bool sent = false;
};

// The operations of HttpTransport as AsyncResults, for the Repo layer, which
// chains them without QFuture (see AsyncResult in dustthreading_p.h).
class HttpTransportPrivate
{
public:
    explicit HttpTransportPrivate(HttpTransport *q) : q(q) { }
    static HttpTransportPrivate *of(HttpTransport *transport) { return transport->d.get(); }

    AsyncResult<Page>::Ptr list(const QString &pattern, const PageRequest &request);
    AsyncResult<Entry>::Ptr get(const Path &path);
    AsyncResult<bool>::Ptr exists(const Path &path);
    AsyncResult<qint64>::Ptr put(const Path &path, const QJsonValue &value, std::optional<qint64> ifMatch,
                                 bool ifAbsent);
    AsyncResult<qint64>::Ptr remove(const Path &path, std::optional<qint64> ifMatch);
    AsyncResult<BatchResult>::Ptr batchWrite(const QList<BatchOp> &ops);

    Result<HttpConfig> config() const;
    static QByteArray encodeSegment(const QString &segment);
    static QUrl url(const HttpConfig &config, const QByteArray &tail, const QByteArray &query = {});
    static QByteArray pathTail(const Path &path);
    static Result<QUrl> entryUrl(const Result<HttpConfig> &config, const Path &path);

    template<typename T>
    using Interpret = std::function<Result<T>(const HttpResponse &)>;
    template<typename T>
    typename AsyncResult<T>::Ptr start(const Result<HttpConfig> &config, const Result<QUrl> &url,
                                       HttpRequest request, Interpret<T> interpret);
    // Sends `request` from the transport's thread; `done` runs there, once.
    void run(const HttpConfig &config, HttpRequest request, std::function<void(const HttpResponse &)> done);
    void send(const HttpConfig &config, const HttpRequest &request,
              std::function<void(const HttpResponse &)> done);

    HttpTransport *q;
    mutable std::mutex mutex;
    QUrl baseUrl;
    QString token;
    QString store;
    int receiveTimeout = HttpTransport::DefaultReceiveTimeout;
    int connectTimeout = HttpTransport::DefaultConnectTimeout;
    std::optional<QSslConfiguration> ssl;

    // Used only in the transport's thread.
    QNetworkAccessManager *nam = nullptr;
    QSet<QNetworkReply *> inFlight;
    bool destroying = false;
};

} // namespace Dust

#endif // DUSTHTTPTRANSPORT_P_H
