// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#ifndef DUSTTESTSERVER_H
#define DUSTTESTSERVER_H

#include <QtCore/qobject.h>
#include <QtCore/qurl.h>
#include <QtCore/qvariant.h>
#include <QtQml/qqml.h>

#include <atomic>
#include <memory>
#include <thread>

QT_BEGIN_NAMESPACE
class QJSEngine;
class QQmlEngine;
QT_END_NAMESPACE

namespace Dust {
class Server;
}

// DustTestServer, the QML tests' view of the in-process Dust server the
// runner starts: where it listens, its token, and writes made as another
// device (Server::write), including from a thread of their own.
class DustTestServer : public QObject
{
    Q_OBJECT
    Q_PROPERTY(QUrl url READ url CONSTANT)
    Q_PROPERTY(QUrl httpUrl READ httpUrl CONSTANT)
    Q_PROPERTY(QString token READ token CONSTANT)
    Q_PROPERTY(int resyncsSeen READ resyncsSeen NOTIFY resyncsSeenChanged)
    QML_ELEMENT
    QML_SINGLETON

public:
    explicit DustTestServer(Dust::Server *server);
    ~DustTestServer() override;

    // The one instance, made by the runner's setup; QML gets it as the singleton.
    static DustTestServer *instance();
    static void setInstance(DustTestServer *server);
    static DustTestServer *create(QQmlEngine *, QJSEngine *engine);

    QUrl url() const;
    QUrl httpUrl() const;
    QString token() const;
    int resyncsSeen() const { return m_resyncsSeen; }

    // Writes `value` at `path` as another device; returns the store_seq.
    Q_INVOKABLE double write(const QString &store, const QString &path, const QVariant &value);
    Q_INVOKABLE double remove(const QString &store, const QString &path);
    // Writes `count` records <prefix><i> with a title and url.
    Q_INVOKABLE double writeRecords(const QString &store, const QString &prefix, int count,
                                    const QString &title);
    Q_INVOKABLE double storeSeq(const QString &store) const;
    // Holds this thread until `client` (a DustClient) has applied every
    // write the server committed to `store`.
    Q_INVOKABLE bool waitSynced(QObject *client, const QString &store) const;

    // Another device writes records <prefix><i> from its own thread until
    // stopWriter(), which returns how many it wrote.
    Q_INVOKABLE void startWriter(const QString &store, const QString &prefix);
    Q_INVOKABLE int stopWriter();
    Q_INVOKABLE int written() const { return m_written; }

    // Holds this (the GUI) thread while `count` records are written, until
    // the bridge has handed every one of them to `model`'s subscription, so
    // an EveryEvent model with a small backlog must resync. Counts the
    // resyncRequired() signals of that subscription in resyncsSeen.
    Q_INVOKABLE bool writeWhileBlocked(QObject *model, const QString &store, const QString &prefix,
                                       int count);

Q_SIGNALS:
    void resyncsSeenChanged();

private:
    Dust::Server *const m_server;
    std::thread m_writer;
    std::atomic<bool> m_stopWriter = false;
    std::atomic<int> m_written = 0;
    int m_resyncsSeen = 0;
};

#endif // DUSTTESTSERVER_H
