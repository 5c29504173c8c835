// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#ifndef DUSTHTTPTRANSPORT_H
#define DUSTHTTPTRANSPORT_H

#include <dustbatchop.h>
#include <dustbatchresult.h>
#include <dustentry.h>
#include <dustresult.h>
#include <dustvaluemodel.h>

#include <QtCore/qfuture.h>
#include <QtCore/qjsonarray.h>
#include <QtCore/qobject.h>
#include <QtCore/qurl.h>

#include <memory>
#include <optional>

QT_BEGIN_NAMESPACE
class QSslConfiguration;
QT_END_NAMESPACE

namespace Dust {

class HttpTransportPrivate;

/*!
    A client for the REST entries API of a Dust server (dust-ecto §4): list,
    get, exists, put, delete and atomic batch writes on one store, over
    QNetworkAccessManager.

    Every call returns at once with a QFuture that finishes with a value or
    an Error, never an exception. Errors follow dust-ecto §4.3: 401/403 are
    Unauthorized, 412 a Conflict (with `current_revision`), 429 RateLimited
    (with `retry_after`), a JSON 404 NotFound (a missing entry or store), a
    route-level 404 NotImplemented, other 4xx InvalidParams, 5xx Http
    (retryable), socket failures Network. Every 2xx is success. A request
    that stalls is an Error of kind Timeout: detail `phase` says whether the
    connection (connectTimeout) or the answer (receiveTimeout) was late.
    Network and Timeout errors are retryable unless a write had gone out
    without an answer (it may have been applied).

    Nothing is ever retried automatically, not even by QNetworkAccessManager,
    which would silently resend a request whose connection dropped: writes
    go out exactly once, and the caller decides with Error::isRetryable().

    Path segments are sent '~'-escaped and percent-encoded: a space is %20,
    '+' is %2B, '~0'/'~1' pass unchanged, and a '/' inside a segment never
    travels as %2F.

    The methods may be called from any thread; requests run in the thread the
    transport lives in, which needs a running event loop. There is no
    realtime: subscribe() is an Error of kind NotSupported.

    \code
    Dust::HttpTransport http(QUrl(u"http://127.0.0.1:7755"_s), token, u"acme/links"_s);
    const auto path = *Dust::Path::parse(u"links/example.com/title");
    http.put(path, u"Example"_s).then(&http, [](const Dust::Result<qint64> &seq) {
        if (!seq)
            qWarning() << seq.error();
    });
    \endcode
*/
class DUST_CORE_EXPORT HttpTransport : public QObject
{
    Q_OBJECT
    Q_PROPERTY(QUrl baseUrl READ baseUrl WRITE setBaseUrl NOTIFY baseUrlChanged)
    Q_PROPERTY(QString token READ token WRITE setToken NOTIFY tokenChanged)
    Q_PROPERTY(QString storeName READ storeName WRITE setStoreName NOTIFY storeNameChanged)
    Q_PROPERTY(int receiveTimeout READ receiveTimeout WRITE setReceiveTimeout NOTIFY receiveTimeoutChanged)
    Q_PROPERTY(int connectTimeout READ connectTimeout WRITE setConnectTimeout NOTIFY connectTimeoutChanged)

public:
    static constexpr int DefaultReceiveTimeout = 15000;
    static constexpr int DefaultConnectTimeout = 30000;

    explicit HttpTransport(QObject *parent = nullptr);
    HttpTransport(const QUrl &baseUrl, const QString &token, const QString &store,
                  QObject *parent = nullptr);
    ~HttpTransport() override;

    QUrl baseUrl() const;
    void setBaseUrl(const QUrl &url);
    QString token() const;
    void setToken(const QString &token);
    /// "org/name".
    QString storeName() const;
    void setStoreName(const QString &store);
    /// Milliseconds; 0 disables the timeout.
    int receiveTimeout() const;
    void setReceiveTimeout(int ms);
    int connectTimeout() const;
    void setConnectTimeout(int ms);
    /// TLS for an https:// base URL. The server's certificate is always
    /// verified, by default against the system's CAs; trusting a private or
    /// self-signed CA is explicit:
    /// \code
    /// QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    /// tls.addCaCertificates(u"ca.pem"_s);
    /// http.setSslConfiguration(tls);
    /// \endcode
    QSslConfiguration sslConfiguration() const;
    void setSslConfiguration(const QSslConfiguration &configuration);

    /// One page of the leaves matching `pattern` (query parameters pattern,
    /// limit, select, order when descending, after when set).
    QFuture<Result<Page>> list(const QString &pattern, const PageRequest &request = {});
    /// The value at `path`: a leaf, or the subtree assembled as a map. A miss
    /// is an Error of kind NotFound, code "not_found".
    QFuture<Result<Entry>> get(const Path &path);
    /// A HEAD request; on 405 (older servers) a keys listing under `path`.
    QFuture<Result<bool>> exists(const Path &path);
    /// Writes `value` at `path`; the result is the write's store_seq (0 when
    /// the server's 2xx answer carried none). `ifMatch` sends If-Match.
    QFuture<Result<qint64>> put(const Path &path, const QJsonValue &value,
                                std::optional<qint64> ifMatch = {});
    /// Writes only when nothing is at `path` (If-None-Match: *).
    QFuture<Result<qint64>> putIfAbsent(const Path &path, const QJsonValue &value);
    /// Deletes `path` and everything below it.
    QFuture<Result<qint64>> remove(const Path &path, std::optional<qint64> ifMatch = {});
    /// Commits all ops or none. A failed precondition is a Conflict whose
    /// detail has op_index, path and current_revision.
    QFuture<Result<BatchResult>> batchWrite(const QList<BatchOp> &ops);
    /// Always Error kind NotSupported: HTTP has no realtime.
    Result<quint64> subscribe(const QString &pattern) const;

    /// The request URL for an entry path (exposed for diagnostics and tests).
    Result<QUrl> entryUrl(const Path &path) const;

signals:
    void baseUrlChanged();
    void tokenChanged();
    void storeNameChanged();
    void receiveTimeoutChanged();
    void connectTimeoutChanged();

private:
    Q_DISABLE_COPY_MOVE(HttpTransport)
    std::unique_ptr<HttpTransportPrivate> d;
    friend class HttpTransportPrivate;
};

} // namespace Dust

Q_DECLARE_METATYPE(Dust::BatchOp)

#endif // DUSTHTTPTRANSPORT_H
