// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#ifndef DUSTCLIENT_H
#define DUSTCLIENT_H

#include <dusterror.h>
#include <dustresult.h>

#include <QtCore/qfuture.h>
#include <QtCore/qjsonvalue.h>
#include <QtCore/qobject.h>
#include <QtCore/qstringlist.h>
#include <QtCore/qurl.h>

#include <chrono>
#include <memory>

QT_BEGIN_NAMESPACE
class QSslConfiguration;
QT_END_NAMESPACE

QT_BEGIN_NAMESPACE
class QIODevice;
QT_END_NAMESPACE

namespace Dust {

class Store;
class ClientPrivate;

/*!
    A connection to a Dust server (protocol §1) and one synchronized local
    copy per configured store.

    The Client lives in the thread that creates it. The WebSocket, the
    heartbeat and reconnect timers and the per-store sync engines run on an
    internal sync thread, so nothing here blocks the caller on the network.
    Reads and writes go through Store handles; see Dust::Store.

    The connection is kept up until close(): after a drop it reconnects with
    a growing delay (10 ms up to 5 s, plus jitter) and rejoins every store
    from the newest store_seq it has applied. A store whose join is refused
    (unauthorized, store_not_allowed, missing_scope) is not retried until the
    next open(); its status becomes Unauthorized, and so does the client's
    when every store was refused. A server that refuses the connection itself
    (a wrong or expired token: HTTP 401/403 instead of the upgrade, or close
    code 1008) makes the client and every store Unauthorized at once, with
    an `unauthorized` error, and nothing is retried until the next open().

    \code
    auto *client = new Dust::Client(QUrl(u"ws://127.0.0.1:7755/ws/sync"_s), token,
                                    {u"acme/site"_s}, this);
    client->setCacheDirectory(QStandardPaths::writableLocation(QStandardPaths::CacheLocation));
    client->setFrameFormat(Dust::Client::FrameFormat::MessagePack); // optional, JSON by default
    client->open(); // returns at once; the status turns Loading, then Connecting
    Dust::Store *site = client->store(u"acme/site"_s);
    site->set(u"posts/hello"_s, QJsonObject{{u"title"_s, u"Hi"_s}}); // fine before the load
    connect(client, &Dust::Client::cacheLoaded, this, [site] {
        qInfo() << *site->count(u"**"_s) << "cached leaves"; // the cache's content is there now
    });
    \endcode
*/
class DUST_CORE_EXPORT Client : public QObject
{
    Q_OBJECT
    Q_PROPERTY(QUrl url READ url WRITE setUrl NOTIFY urlChanged)
    Q_PROPERTY(QString token READ token WRITE setToken NOTIFY tokenChanged)
    Q_PROPERTY(QString deviceId READ deviceId WRITE setDeviceId NOTIFY deviceIdChanged)
    Q_PROPERTY(QStringList stores READ stores WRITE setStores NOTIFY storesChanged)
    Q_PROPERTY(QString cacheDirectory READ cacheDirectory WRITE setCacheDirectory
                   NOTIFY cacheDirectoryChanged)
    Q_PROPERTY(FrameFormat frameFormat READ frameFormat WRITE setFrameFormat
                   NOTIFY frameFormatChanged)
    Q_PROPERTY(Status status READ status NOTIFY statusChanged)
    Q_PROPERTY(Dust::Error error READ error NOTIFY errorOccurred)

public:
    /// Loading: open() is loading the stores' caches on the sync thread;
    /// Connecting follows once they are loaded (cacheLoaded()).
    enum class Status { Disconnected, Loading, Connecting, Connected, Reconnecting, Unauthorized };
    Q_ENUM(Status)
    /// The Phoenix serializer spoken on the WebSocket (protocol §1.3): Json
    /// is `vsn=2.0.0` text frames, MessagePack is `vsn=3.0.0` binary frames,
    /// as the hosted server and the TypeScript SDK use them.
    enum class FrameFormat { Json, MessagePack };
    Q_ENUM(FrameFormat)

    explicit Client(QObject *parent = nullptr);
    Client(const QUrl &url, const QString &token, const QStringList &stores,
           QObject *parent = nullptr);
    ~Client() override;

    /// The server's WebSocket endpoint, e.g. ws://127.0.0.1:7755/ws/sync;
    /// "/websocket" and the connect parameters are appended.
    QUrl url() const;
    void setUrl(const QUrl &url);
    QString token() const;
    void setToken(const QString &token);
    /// Given, or else read from (or generated into) the cache directory, so
    /// it stays the same across restarts. Resolved by open().
    QString deviceId() const;
    void setDeviceId(const QString &deviceId);
    /// Store names ("org/name"). Changes take effect while closed.
    QStringList stores() const;
    void setStores(const QStringList &stores);
    /// Empty: an in-memory cache. Otherwise one SQLite file (WAL) per store
    /// and the device id live there. Read by the first open().
    QString cacheDirectory() const;
    void setCacheDirectory(const QString &directory);
    /// Json by default. Read by open(): a change applies from the next open().
    FrameFormat frameFormat() const;
    void setFrameFormat(FrameFormat format);

    /// How long a write's future waits for the server (default 30 s) before
    /// it finishes with an Error of kind Timeout. The write itself stays
    /// queued and is still sent; the server applies it at most once.
    std::chrono::milliseconds writeTimeout() const;
    void setWriteTimeout(std::chrono::milliseconds timeout);
    /// TLS for a wss:// URL, used from the next open(). The server's
    /// certificate is always verified, by default against the system's CAs;
    /// trusting a private or self-signed CA is explicit:
    /// \code
    /// QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    /// tls.addCaCertificates(u"ca.pem"_s);
    /// client->setSslConfiguration(tls);
    /// \endcode
    QSslConfiguration sslConfiguration() const;
    void setSslConfiguration(const QSslConfiguration &configuration);
    /// A heartbeat is sent this often (default 30 s); no reply before the
    /// next one counts as a dropped connection.
    std::chrono::milliseconds heartbeatInterval() const;
    void setHeartbeatInterval(std::chrono::milliseconds interval);
    /// Reconnect and rejoin delays grow from `first` to `max` (defaults 10 ms
    /// and 5 s); each gets up to 25 % random jitter.
    void setReconnectDelays(std::chrono::milliseconds first, std::chrono::milliseconds max);

    Status status() const;
    /// The last error the connection reported (also emitted as
    /// errorOccurred()); null until the first one.
    Error error() const;

    /*!
        Returns at once. The status turns Loading while the sync thread
        loads each store's cache (its SQLite file, when cacheDirectory() is
        set), then Connecting once they are loaded: cacheLoaded() is
        emitted and whenCacheLoaded() finishes, and only then the connection
        starts. The device id is resolved before it returns.

        Until a store's cache is loaded, its reads see only the writes made
        through it since (see Dust::Store). A bad url() or an empty token()
        is reported through errorOccurred() before it returns, and the
        status stays Disconnected. While open (Loading included) it does
        nothing.
    */
    Q_INVOKABLE void open();
    /*!
        Disconnects. Writes still waiting finish with Error "closed" (kind
        Cancelled); they stay queued and are sent after the next open().
        During Loading it waits for the store whose cache is being loaded,
        loads no other and starts no connection; the next open() loads the
        rest. whenCacheLoaded() futures of that open() then finish with
        Error "closed", unless every cache was loaded already.
    */
    Q_INVOKABLE void close();
    /*!
        A future that finishes once every configured store's cache is
        loaded: at once when they are, otherwise when open() (the current
        one, or the next one) has loaded them, with Error "closed" (kind
        Cancelled) when close() or the destruction of the Client comes
        first. It finishes on the sync thread, before cacheLoaded() reaches
        the Client's thread, so a program may block on waitForFinished()
        without an event loop. Call it from the Client's thread.

        \code
        client->open();
        Dust::whenFinished(this, client->whenCacheLoaded(), [this](const Dust::Result<void> &loaded) {
            if (loaded)
                showPosts(site->get(u"posts"_s));   // the cached posts are there
        });
        \endcode
    */
    QFuture<Result<void>> whenCacheLoaded();

    /// The handle of a configured store, nullptr for any other name.
    Store *store(const QString &name) const;

    /// Downloads the file a file reference (the value of a `file` entry,
    /// protocol §5.4) points to: `GET /api/files/<hash>` on this client's
    /// server (http:// for ws://, https:// for wss://, with the same TLS
    /// configuration and verification as the socket), with the token. The
    /// bytes are written to `target` (open for writing) as they arrive; the
    /// future reports progress in bytes (scaled for files over 2 GiB) and
    /// finishes with the file's size once its size and SHA-256 match the
    /// reference. Errors: "not_a_file_reference" (nothing is requested),
    /// "invalid_target", "forbidden" (403: no `files:read`, or no store of
    /// the token holds the file), "not_found" (404), "hash_mismatch" (the
    /// bytes are not the referenced ones: discard what `target` got),
    /// "network", "timeout". Works without open(); runs in the calling
    /// thread, which needs an event loop.
    ///
    /// \code
    /// const QJsonValue ref = *site->get(u"posts/hello/cover"_s);
    /// QBuffer image;
    /// image.open(QIODevice::WriteOnly);
    /// auto download = client->fetchFile(ref, &image);
    /// auto *watcher = new QFutureWatcher<Dust::Result<qint64>>(this);
    /// connect(watcher, &QFutureWatcherBase::progressValueChanged, bar, &QProgressBar::setValue);
    /// watcher->setFuture(download);
    /// \endcode
    QFuture<Result<qint64>> fetchFile(const QJsonValue &fileRef, QIODevice *target);
    /// The same into the file `filePath`, written only once the download
    /// is complete and checked: on any error a file already there is left
    /// as it was and no partial file is left behind.
    QFuture<Result<qint64>> fetchFile(const QJsonValue &fileRef, const QString &filePath);

signals:
    void urlChanged();
    void tokenChanged();
    void deviceIdChanged();
    void storesChanged();
    void cacheDirectoryChanged();
    void frameFormatChanged();
    void statusChanged(Dust::Client::Status status);
    void errorOccurred(const Dust::Error &error);
    /// open() has loaded every store's cache; reads see its content from
    /// now on. Emitted once per open() that gets that far, before the
    /// status turns Connecting.
    void cacheLoaded();

private:
    Q_DISABLE_COPY_MOVE(Client)
    std::unique_ptr<ClientPrivate> d;
};

} // namespace Dust

#endif // DUSTCLIENT_H
