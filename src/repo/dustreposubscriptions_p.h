// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#ifndef DUSTREPOSUBSCRIPTIONS_P_H
#define DUSTREPOSUBSCRIPTIONS_P_H

#include <dustprivateapi_p.h>

//
//  W A R N I N G
//  -------------
//
// This file is not part of the DustQt API. It may change without notice.
//

#include "dustrecordfeed_p.h"
#include "dustrepotransportselector_p.h"

#include <dustschema.h>

#include <QtCore/qhash.h>

#include <functional>
#include <mutex>

namespace Dust {

// The Repo's realtime subscriptions: each is a subscription of the
// transport picked when it was made (over HTTP, an Error NotSupported),
// registered under the Repo's own id so that unsubscribe() and the Repo's
// destruction end it on that transport. Thread-safe.
class RepoSubscriptions
{
public:
    explicit RepoSubscriptions(const RepoTransportSelector *transports) : m_transports(transports) { }

    // Committed events under the schema's prefix; `receiver` null: on the
    // client's sync thread.
    Result<SubscriptionId> subscribe(const Schema &schema, QObject *receiver,
                                     std::function<void(const StoreEvent &)> callback,
                                     std::function<void()> onResync,
                                     int maxQueueSize = SubscribeOptions().maxQueueSize);
    // The same decoded into RecordEvents, each record re-read from the
    // local copy (Repo::subscribe()).
    Result<SubscriptionId> subscribeRecords(const Schema &schema, QObject *receiver,
                                            std::function<void(const RecordEvent &)> callback,
                                            std::function<void()> onResync);
    void unsubscribe(SubscriptionId id);
    void unsubscribeAll();
    int count() const;

    // Every current record and the store_seq it reflects (see
    // RepoBridge::snapshot()).
    Result<RecordSnapshot> snapshot(const Schema &schema) const;

private:
    const RepoTransportSelector *const m_transports;
    mutable std::mutex m_mutex;
    // Repo subscription id -> the transport and its subscription id.
    QHash<SubscriptionId, std::pair<RepoTransportSelector::TransportPtr, SubscriptionId>> m_subscriptions;
    SubscriptionId m_next = 1;
};

} // namespace Dust

#endif // DUSTREPOSUBSCRIPTIONS_P_H
