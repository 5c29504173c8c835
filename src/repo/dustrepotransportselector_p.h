// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#ifndef DUSTREPOTRANSPORTSELECTOR_P_H
#define DUSTREPOTRANSPORTSELECTOR_P_H

#include <dustprivateapi_p.h>

//
//  W A R N I N G
//  -------------
//
// This file is not part of the DustQt API. It may change without notice.
//

#include "dustrepotransport_p.h"
#include "dustrepoworker_p.h"

#include <QtCore/qpointer.h>
#include <QtNetwork/qsslconfiguration.h>

#include <memory>
#include <mutex>
#include <optional>

namespace Dust {

class Client;
class Store;

// Picks a Repo's transport for each call (dust-ecto §3.2): the Store handle,
// else the Client's store, over the WebSocket; else HTTP with the token.
// Holds the Repo's connection settings. The HttpTransport is built on the
// shared worker the first time HTTP is picked, so a Repo over the WebSocket
// never has one. Thread-safe.
class RepoTransportSelector
{
public:
    using TransportPtr = std::shared_ptr<RepoTransport>;

    RepoTransportSelector();
    ~RepoTransportSelector();
    Q_DISABLE_COPY_MOVE(RepoTransportSelector)

    Result<TransportPtr> pick() const;
    // The Store the next call would use, if it is the WebSocket transport.
    Store *pickStore() const;

    Client *client() const;
    void setClient(Client *client);
    Store *storeHandle() const;
    void setStoreHandle(Store *store);

    // The setters return whether the value changed.
    QString storeName() const;
    bool setStoreName(const QString &store);
    QString token() const;
    bool setToken(const QString &token);
    QUrl baseUrl() const;
    bool setBaseUrl(const QUrl &url);
    int receiveTimeout() const;
    bool setReceiveTimeout(int ms);
    int connectTimeout() const;
    bool setConnectTimeout(int ms);
    QSslConfiguration sslConfiguration() const;
    void setSslConfiguration(const QSslConfiguration &configuration);

    // Whether HTTP was ever picked (for tests: a WebSocket Repo has none).
    bool hasHttpTransport() const;

private:
    struct HttpSettings
    {
        QUrl baseUrl;
        int receiveTimeout = HttpTransport::DefaultReceiveTimeout;
        int connectTimeout = HttpTransport::DefaultConnectTimeout;
        std::optional<QSslConfiguration> ssl;
    };

    HttpTransport *httpTransport() const;
    template<typename T>
    T locked(const T &field) const;
    // Stores `value` in `field`, and passes it on to the HttpTransport with
    // `apply` when there is one; false when it was unchanged.
    template<typename T, typename Arg>
    bool change(T &field, const T &value, void (HttpTransport::*apply)(Arg));

    const std::shared_ptr<RepoWorker> m_worker;
    // Lives on the worker; write futures of the Store are watched from it,
    // and deleting it there drops what is still being watched.
    QObject *const m_anchor;

    mutable std::mutex m_mutex;
    QString m_store;
    QString m_token;
    QPointer<Client> m_client;
    QPointer<Store> m_storeHandle;
    HttpSettings m_http;
    mutable HttpTransport *m_httpTransport = nullptr;
};

} // namespace Dust

#endif // DUSTREPOTRANSPORTSELECTOR_P_H
