// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#ifndef DUSTQUICKCLIENT_H
#define DUSTQUICKCLIENT_H

#include <dustquickglobal.h>

#include <dustclient.h>

#include <QtCore/qobject.h>
#include <QtCore/qstringlist.h>
#include <QtCore/qurl.h>
#include <QtCore/qvariant.h>
#include <QtQml/qqml.h>
#include <QtQml/qqmlparserstatus.h>

#include <memory>

namespace Dust {

class QuickClientPrivate;

/*!
    DustClient: a connection to a Dust server and a live local copy of each
    store in `stores` (a Dust::Client). It connects once the declaration is
    complete while `active` is true (the default), stays connected through
    network drops, and disconnects when `active` turns false, on close(), or
    when it is destroyed. Changing url, token, stores or deviceId while
    connected reconnects with the new values.

    open() and close() are what the issue calls connect and disconnect; they
    are named after Dust::Client's because `connect` is already a method of
    every QML object (signal.connect()).

    \code
    import Dust

    DustClient {
        id: client
        url: "ws://127.0.0.1:7755/ws/sync"
        token: settings.token
        stores: ["acme/links"]
        frameFormat: DustClient.MessagePack   // optional; JSON by default
        onErrorOccurred: (error) => console.warn(error.message)
    }
    Text { text: client.status === DustClient.Connected ? qsTr("online") : qsTr("offline") }
    \endcode

    `status` is Loading while the caches load (the client opens without
    blocking the GUI thread), then Connecting; `cacheLoaded` says when the
    cached data can be read.

    \code
    DustClient {
        id: client
        cacheDirectory: StandardPaths.writableLocation(StandardPaths.CacheLocation)
        onCacheLoaded: console.log("cached data ready")
    }
    \endcode
*/
class DUST_QUICK_EXPORT QuickClient : public QObject, public QQmlParserStatus
{
    Q_OBJECT
    Q_INTERFACES(QQmlParserStatus)
    Q_PROPERTY(QUrl url READ url WRITE setUrl NOTIFY urlChanged)
    Q_PROPERTY(QString token READ token WRITE setToken NOTIFY tokenChanged)
    Q_PROPERTY(QStringList stores READ stores WRITE setStores NOTIFY storesChanged)
    Q_PROPERTY(QString deviceId READ deviceId WRITE setDeviceId NOTIFY deviceIdChanged)
    Q_PROPERTY(QString cacheDirectory READ cacheDirectory WRITE setCacheDirectory
                   NOTIFY cacheDirectoryChanged)
    Q_PROPERTY(Dust::Client::FrameFormat frameFormat READ frameFormat WRITE setFrameFormat
                   NOTIFY frameFormatChanged)
    Q_PROPERTY(bool active READ isActive WRITE setActive NOTIFY activeChanged)
    Q_PROPERTY(Dust::Client::Status status READ status NOTIFY statusChanged)
    Q_PROPERTY(Dust::Error error READ error NOTIFY errorChanged)
    Q_PROPERTY(qint64 catchUpApplied READ catchUpApplied NOTIFY catchUpProgressChanged)
    Q_PROPERTY(qint64 catchUpTotal READ catchUpTotal NOTIFY catchUpProgressChanged)
    Q_PROPERTY(qint64 pendingWrites READ pendingWrites NOTIFY pendingWritesChanged)
    QML_NAMED_ELEMENT(DustClient)
    // DustClient.Connected, DustClient.MessagePack, ...: Dust::Client's own
    // enums, so a value added there needs no copy here.
    QML_EXTENDED_NAMESPACE(Dust::Client)

public:
    /// Dust::Client::Status; in QML `DustClient.Connected` and so on.
    using Status = Client::Status;
    /// Dust::Client::FrameFormat: Json (`vsn=2.0.0`, the default) or
    /// MessagePack (`vsn=3.0.0`); in QML `DustClient.MessagePack`.
    using FrameFormat = Client::FrameFormat;

    explicit QuickClient(QObject *parent = nullptr);
    ~QuickClient() override;

    QUrl url() const;
    void setUrl(const QUrl &url);
    QString token() const;
    void setToken(const QString &token);
    QStringList stores() const;
    void setStores(const QStringList &stores);
    /// Empty until the first connection resolves it (see Dust::Client).
    QString deviceId() const;
    void setDeviceId(const QString &deviceId);
    /// Empty (the default): memory only. Read by the first connection.
    QString cacheDirectory() const;
    void setCacheDirectory(const QString &directory);
    /// Changing it while connected reconnects in the new format.
    FrameFormat frameFormat() const;
    void setFrameFormat(FrameFormat format);
    bool isActive() const;
    void setActive(bool active);

    Status status() const;
    /// The last error the connection reported (isNull until the first).
    Error error() const;
    /// The catch-up of every store together (Dust::Store::catchUpApplied()
    /// summed), for a progress bar while a big store opens:
    /// `ProgressBar { to: client.catchUpTotal; value: client.catchUpApplied }`.
    qint64 catchUpApplied() const;
    qint64 catchUpTotal() const;
    /// Writes of every store not yet confirmed by the server
    /// (Dust::Store::pendingWrites() summed): `text: client.pendingWrites
    /// ? qsTr("%n change(s) not synced", "", client.pendingWrites) : ""`.
    qint64 pendingWrites() const;

    /// The status of one store's join; Disconnected for a store not in `stores`.
    Q_INVOKABLE Dust::Client::Status storeStatus(const QString &store) const;

    /// The C++ client, for a Dust::Repo made in C++.
    Client *client() const;

    void classBegin() override;
    void componentComplete() override;

public Q_SLOTS:
    /// Sets `active`: connects, or disconnects.
    void open();
    void close();

Q_SIGNALS:
    void urlChanged();
    void tokenChanged();
    void storesChanged();
    void deviceIdChanged();
    void cacheDirectoryChanged();
    void frameFormatChanged();
    void activeChanged();
    void statusChanged();
    void errorChanged();
    void catchUpProgressChanged();
    void pendingWritesChanged();
    /// Every store's cache is loaded (Dust::Client::cacheLoaded()); `status`
    /// moves from Loading to Connecting.
    void cacheLoaded();
    void errorOccurred(const Dust::Error &error);
    void storeStatusChanged(const QString &store, Dust::Client::Status status);

private:
    friend class QuickClientPrivate;
    std::unique_ptr<QuickClientPrivate> d;
};

} // namespace Dust

#endif // DUSTQUICKCLIENT_H
