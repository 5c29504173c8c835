// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#ifndef DUSTQMLTESTHELPER_H
#define DUSTQMLTESTHELPER_H

#include <QtCore/qobject.h>
#include <QtQml/qqml.h>

#include <atomic>
#include <thread>

namespace Dust {
class Server;
}

// DustTestHelper: the stress tools of our own QML tests, beyond the public
// DustTestServer (module Dust.Test): another device that writes from a
// thread of its own, and a burst of writes while the GUI thread is held.
// Each takes the DustTestServer to write to.
class DustTestHelper : public QObject
{
    Q_OBJECT
    Q_PROPERTY(int resyncsSeen READ resyncsSeen NOTIFY resyncsSeenChanged)
    QML_ELEMENT
    QML_SINGLETON

public:
    DustTestHelper() = default;
    ~DustTestHelper() override;

    int resyncsSeen() const { return m_resyncsSeen; }

    // Another device writes records <prefix><i> to `server`'s store from
    // its own thread until stopWriter(), which returns how many it wrote.
    Q_INVOKABLE void startWriter(QObject *server, const QString &prefix);
    Q_INVOKABLE int stopWriter();
    Q_INVOKABLE int written() const { return m_written; }

    // Holds this (the GUI) thread while `count` records are written, until
    // the bridge has handed every one of them to `model`'s subscription, so
    // an EveryEvent model with a small backlog must resync. Counts the
    // resyncRequired() signals of that subscription in resyncsSeen.
    Q_INVOKABLE bool writeWhileBlocked(QObject *server, QObject *model, const QString &prefix,
                                       int count);

Q_SIGNALS:
    void resyncsSeenChanged();

private:
    std::thread m_writer;
    std::atomic<bool> m_stopWriter = false;
    std::atomic<int> m_written = 0;
    int m_resyncsSeen = 0;
};

#endif // DUSTQMLTESTHELPER_H
