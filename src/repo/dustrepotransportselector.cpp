// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#include "dustrepotransportselector_p.h"
#include "dustschema_p.h"

#include <dustclient.h>
#include <duststore.h>

#include <atomic>
#include <chrono>

using namespace Qt::StringLiterals;

namespace Dust {

namespace {

// A Client without the store: HTTP, slowly and with no realtime. Say so,
// but not on every call.
void warnNoStore(const QString &store)
{
    static std::atomic<qint64> lastWarning{0};
    const qint64 now = std::chrono::duration_cast<std::chrono::seconds>(
                               std::chrono::steady_clock::now().time_since_epoch()).count();
    qint64 last = lastWarning.load();
    if ((last == 0 || now - last >= 60) && lastWarning.compare_exchange_strong(last, now)) {
        qCWarning(lcRepo).noquote() << "the Dust::Client has no store" << store
                                    << "- falling back to the HTTP transport (slow, no realtime)";
    }
}

} // namespace

RepoTransportSelector::RepoTransportSelector()
    : m_worker(RepoWorker::acquire()), m_anchor(new QObject)
{
    m_http.baseUrl = QUrl(u"https://dustlayer.io"_s);
    m_anchor->moveToThread(m_worker->thread());
}

RepoTransportSelector::~RepoTransportSelector()
{
    // Requests still in flight finish Cancelled, on the thread they ran on.
    Threading::runBlocking(m_anchor, [this] {
        delete m_httpTransport;
        delete m_anchor;
    });
}

Store *RepoTransportSelector::pickStore() const
{
    QString store;
    {
        std::lock_guard lock(m_mutex);
        if (m_storeHandle)
            return m_storeHandle;
        if (!m_client)
            return nullptr;
        if (Store *s = m_client->store(m_store))
            return s;
        store = m_store;
    }
    warnNoStore(store);
    return nullptr;
}

Result<RepoTransportSelector::TransportPtr> RepoTransportSelector::pick() const
{
    if (Store *s = pickStore())
        return TransportPtr(std::make_shared<StoreRepoTransport>(s, m_anchor));
    HttpTransport *http = httpTransport();
    if (!http) {
        std::lock_guard lock(m_mutex);
        return Error(Error::Kind::InvalidParams, m_store.isEmpty() ? u"missing_store"_s : u"missing_token"_s);
    }
    return TransportPtr(std::make_shared<HttpRepoTransport>(http));
}

HttpTransport *RepoTransportSelector::httpTransport() const
{
    std::lock_guard lock(m_mutex);
    if (m_store.isEmpty() || m_token.isEmpty())
        return nullptr;
    if (!m_httpTransport) {
        // Configured on this thread before it moves, so nothing is posted
        // under the lock.
        auto *http = new HttpTransport(m_http.baseUrl, m_token, m_store);
        http->setReceiveTimeout(m_http.receiveTimeout);
        http->setConnectTimeout(m_http.connectTimeout);
        if (m_http.ssl)
            http->setSslConfiguration(*m_http.ssl);
        http->moveToThread(m_worker->thread());
        m_httpTransport = http;
    }
    return m_httpTransport;
}

bool RepoTransportSelector::hasHttpTransport() const
{
    std::lock_guard lock(m_mutex);
    return m_httpTransport != nullptr;
}

template<typename T>
T RepoTransportSelector::locked(const T &field) const
{
    std::lock_guard lock(m_mutex);
    return field;
}

template<typename T, typename Arg>
bool RepoTransportSelector::change(T &field, const T &value, void (HttpTransport::*apply)(Arg))
{
    HttpTransport *http = nullptr;
    {
        std::lock_guard lock(m_mutex);
        if (field == value)
            return false;
        field = value;
        http = m_httpTransport;
    }
    if (http)
        (http->*apply)(value);
    return true;
}

Client *RepoTransportSelector::client() const
{
    return locked(m_client).data();
}

void RepoTransportSelector::setClient(Client *client)
{
    std::lock_guard lock(m_mutex);
    m_client = client;
}

Store *RepoTransportSelector::storeHandle() const
{
    return locked(m_storeHandle).data();
}

void RepoTransportSelector::setStoreHandle(Store *store)
{
    std::lock_guard lock(m_mutex);
    m_storeHandle = store;
}

QString RepoTransportSelector::storeName() const
{
    return locked(m_store);
}

bool RepoTransportSelector::setStoreName(const QString &store)
{
    return change(m_store, store, &HttpTransport::setStoreName);
}

QString RepoTransportSelector::token() const
{
    return locked(m_token);
}

bool RepoTransportSelector::setToken(const QString &token)
{
    return change(m_token, token, &HttpTransport::setToken);
}

QUrl RepoTransportSelector::baseUrl() const
{
    return locked(m_http.baseUrl);
}

bool RepoTransportSelector::setBaseUrl(const QUrl &url)
{
    return change(m_http.baseUrl, url, &HttpTransport::setBaseUrl);
}

int RepoTransportSelector::receiveTimeout() const
{
    return locked(m_http.receiveTimeout);
}

bool RepoTransportSelector::setReceiveTimeout(int ms)
{
    return change(m_http.receiveTimeout, ms, &HttpTransport::setReceiveTimeout);
}

int RepoTransportSelector::connectTimeout() const
{
    return locked(m_http.connectTimeout);
}

bool RepoTransportSelector::setConnectTimeout(int ms)
{
    return change(m_http.connectTimeout, ms, &HttpTransport::setConnectTimeout);
}

QSslConfiguration RepoTransportSelector::sslConfiguration() const
{
    std::lock_guard lock(m_mutex);
    return m_http.ssl.value_or(QSslConfiguration::defaultConfiguration());
}

void RepoTransportSelector::setSslConfiguration(const QSslConfiguration &configuration)
{
    HttpTransport *http = nullptr;
    {
        std::lock_guard lock(m_mutex);
        m_http.ssl = configuration;
        http = m_httpTransport;
    }
    if (http)
        http->setSslConfiguration(configuration);
}

} // namespace Dust
