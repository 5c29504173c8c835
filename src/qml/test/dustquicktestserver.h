// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#ifndef DUSTQUICKTESTSERVER_H
#define DUSTQUICKTESTSERVER_H

#include <dustquicktestglobal.h>

#include <dusterror.h>

#include <QtCore/qobject.h>
#include <QtCore/qurl.h>
#include <QtCore/qvariant.h>
#include <QtQml/qqml.h>
#include <QtQml/qqmlparserstatus.h>

#include <memory>

namespace Dust {

class QuickTestServerPrivate;
class TestServer;

/*!
    DustTestServer (module `Dust.Test`): a Dust server for a Qt Quick Test
    TestCase, the QML face of Dust::TestServer. It starts the in-process
    server on 127.0.0.1 with a throw-away store and a full-access token, so
    a DustClient binds to its `url` and `token`; writeAs() plays another
    client. It stops, and its data goes, when it is destroyed.

    It starts when its declaration is complete, or earlier when a binding
    reads url, httpUrl, token, port, ready or error first; `store`,
    `persistent` and `port` are read then. A server that cannot start (a
    taken port, a data directory that cannot be written) is not `ready`,
    `error` says why, and every method then throws that error, so the test
    that uses it fails with a readable message instead of waiting.

    \code
    import QtQuick
    import QtTest
    import Dust
    import Dust.Test

    TestCase {
        name: "LinkList"
        DustTestServer { id: server }
        DustClient { id: client; url: server.url; token: server.token; stores: [server.store] }

        function test_showsOtherClientsChanges() {
            server.writeAs("phone", "links/qt", { title: "Qt" })
            server.waitSynced(client)
        }
    }
    \endcode
*/
class DUST_QUICKTEST_EXPORT QuickTestServer : public QObject, public QQmlParserStatus
{
    Q_OBJECT
    Q_INTERFACES(QQmlParserStatus)
    Q_PROPERTY(QString store READ store WRITE setStore NOTIFY storeChanged)
    Q_PROPERTY(bool persistent READ isPersistent WRITE setPersistent NOTIFY persistentChanged)
    Q_PROPERTY(int port READ port WRITE setPort NOTIFY portChanged)
    Q_PROPERTY(QUrl url READ url NOTIFY urlChanged)
    Q_PROPERTY(QUrl httpUrl READ httpUrl NOTIFY urlChanged)
    Q_PROPERTY(QString token READ token NOTIFY tokenChanged)
    Q_PROPERTY(bool ready READ isReady NOTIFY readyChanged)
    Q_PROPERTY(Dust::Error error READ error NOTIFY errorChanged)
    QML_NAMED_ELEMENT(DustTestServer)

public:
    explicit QuickTestServer(QObject *parent = nullptr);
    ~QuickTestServer() override;

    /// The store writeAs() writes to; "test/store" by default. A DustClient
    /// may join any other store of the server too.
    QString store() const;
    void setStore(const QString &store);
    /// False (the default): in memory, and restart() starts empty. True:
    /// SQLite files in a temporary directory, kept across restart().
    bool isPersistent() const;
    void setPersistent(bool persistent);
    /// 0 (the default): any free port. Once started, the port in use.
    int port() const;
    void setPort(int port);

    /// `ws://127.0.0.1:<port>/ws/sync`, for DustClient.url.
    QUrl url() const;
    /// `http://127.0.0.1:<port>`, the REST base.
    QUrl httpUrl() const;
    /// A token with every scope on every store.
    QString token() const;
    bool isReady() const;
    /// Why the start failed (isNull when it did not).
    Error error() const;

    /// Commits `value` at `path` of `store` as the device `deviceId` would;
    /// every client of the store sees it. Returns the store_seq.
    Q_INVOKABLE double writeAs(const QString &deviceId, const QString &path, const QVariant &value);
    /// Deletes `path` (and what lies below it) as `deviceId`.
    Q_INVOKABLE double removeAs(const QString &deviceId, const QString &path);
    /// The store's head store_seq on the server.
    Q_INVOKABLE double storeSeq() const;
    /// Runs the event loop until `client` (a DustClient) has joined and
    /// applied every write the server committed to each of its stores.
    Q_INVOKABLE void waitSynced(QObject *client, int timeout = 10000);
    /// Stops and starts the server (clients see an outage and reconnect by
    /// themselves), on the same port when it is free.
    Q_INVOKABLE void restart();
    /// Closes every WebSocket; clients reconnect by themselves.
    Q_INVOKABLE void dropConnections();

    /// The C++ fixture, for test helpers written in C++; null before the start.
    TestServer *testServer() const;

    void classBegin() override;
    void componentComplete() override;

Q_SIGNALS:
    void storeChanged();
    void persistentChanged();
    void portChanged();
    void urlChanged();
    void tokenChanged();
    void readyChanged();
    void errorChanged();
    void errorOccurred(const Dust::Error &error);

private:
    friend class QuickTestServerPrivate;
    std::unique_ptr<QuickTestServerPrivate> d;
};

} // namespace Dust

#endif // DUSTQUICKTESTSERVER_H
