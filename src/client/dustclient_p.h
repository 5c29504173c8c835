// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#ifndef DUSTCLIENT_P_H
#define DUSTCLIENT_P_H

#include <dustprivateapi_p.h>

#include <dustthreading_p.h>
#include "dustconnection_p.h"

#include <dustclient.h>

#include <QtCore/qmap.h>
#include <QtNetwork/qsslconfiguration.h>

#include <atomic>
#include <memory>
#include <mutex>
#include <optional>

namespace Dust {

class WorkerThread;

namespace Internal {
class Invoker;
class SyncEngine;
}

class ClientPrivate final : public Internal::Connection::Observer
{
public:
    explicit ClientPrivate(Client *q);
    ~ClientPrivate() override;

    // Connection::Observer, called on the sync thread.
    void connectionStatusChanged(Client::Status status) override;
    void connectionErrorOccurred(const Error &error) override;

    void setStatus(Client::Status status);
    void setError(const Error &error);
    QString resolveDeviceId();
    void syncStores(const QStringList &names);
    std::shared_ptr<Internal::SyncEngine> engine(Store *store) const;
    QList<std::shared_ptr<Internal::SyncEngine>> openEngines() const;
    bool cachesLoaded() const;
    Internal::Connection::Settings connectionSettings() const;
    // Posts the loading of every store's cache, then the connection's
    // start, to the sync thread.
    void startLoading(const Internal::Connection::Settings &settings);
    // Sync thread: loads what is not loaded yet, unless `cancelled` turns.
    QList<Error> loadCaches(const QList<std::shared_ptr<Internal::SyncEngine>> &engines,
                            const QString &directory, const std::atomic<bool> &cancelled);

    Client *const q;
    WorkerThread *thread = nullptr;
    std::shared_ptr<Internal::Invoker> syncInvoker;
    std::shared_ptr<Internal::Invoker> clientInvoker;
    Internal::Connection *connection = nullptr; // lives on the sync thread

    QUrl url;
    QString token;
    QString deviceId;
    QString cacheDirectory;
    std::optional<QString> usedCacheDirectory; // fixed by the first open()
    QStringList storeNames;
    QMap<QString, Store *> stores;
    std::chrono::milliseconds writeTimeout{30000};
    std::chrono::milliseconds heartbeat{30000};
    std::chrono::milliseconds reconnectFirst{10};
    std::chrono::milliseconds reconnectMax{5000};
    std::optional<QSslConfiguration> ssl;
    Client::FrameFormat frameFormat = Client::FrameFormat::Json;
    bool opened = false;
    // The load the current (or next) open() finishes; client thread only.
    AsyncResult<void>::Ptr loading;
    // Set by close(): the loading of this open() stops and connects nothing.
    std::shared_ptr<std::atomic<bool>> loadCancelled;

    std::atomic<Client::Status> status{Client::Status::Disconnected};
    mutable std::mutex errorMutex;
    Error lastError;
};

} // namespace Dust

#endif // DUSTCLIENT_P_H
