// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#include "dustreposubscriptions_p.h"
#include "dustrecordmapper_p.h"

namespace Dust {

Result<SubscriptionId> RepoSubscriptions::subscribe(const Schema &schema, QObject *receiver,
                                                    std::function<void(const StoreEvent &)> callback,
                                                    std::function<void()> onResync, int maxQueueSize)
{
    if (!schema.isValid())
        return RecordMapper::invalidSchema();
    const Result<RepoTransportSelector::TransportPtr> transport = m_transports->pick();
    if (!transport)
        return transport.error();
    SubscribeOptions options;
    options.mode = SubscribeOptions::Mode::Committed;
    options.onResync = std::move(onResync);
    options.maxQueueSize = maxQueueSize;
    const Result<SubscriptionId> id = (*transport)->subscribe(schema.pattern(), receiver, std::move(callback), options);
    if (!id)
        return id.error();
    std::lock_guard lock(m_mutex);
    const SubscriptionId own = m_next++;
    m_subscriptions.insert(own, {*transport, *id});
    return own;
}

Result<SubscriptionId> RepoSubscriptions::subscribeRecords(const Schema &schema, QObject *receiver,
                                                           std::function<void(const RecordEvent &)> callback,
                                                           std::function<void()> onResync)
{
    Store *store = m_transports->pickStore();
    auto decode = [schema, store, callback = std::move(callback)](const StoreEvent &e) {
        if (const std::optional<RecordEvent> event =
                    RecordFeed::decode(store, schema, e, RecordFeed::WholeRecord::FromStore))
            callback(*event);
    };
    return subscribe(schema, receiver, std::move(decode), std::move(onResync));
}

void RepoSubscriptions::unsubscribe(SubscriptionId id)
{
    std::pair<RepoTransportSelector::TransportPtr, SubscriptionId> entry;
    {
        std::lock_guard lock(m_mutex);
        if (!m_subscriptions.contains(id))
            return;
        entry = m_subscriptions.take(id);
    }
    entry.first->unsubscribe(entry.second);
}

void RepoSubscriptions::unsubscribeAll()
{
    const QList<SubscriptionId> ids = [this] {
        std::lock_guard lock(m_mutex);
        return m_subscriptions.keys();
    }();
    for (SubscriptionId id : ids)
        unsubscribe(id);
}

int RepoSubscriptions::count() const
{
    std::lock_guard lock(m_mutex);
    return int(m_subscriptions.size());
}

Result<RecordSnapshot> RepoSubscriptions::snapshot(const Schema &schema) const
{
    if (!schema.isValid())
        return RecordMapper::invalidSchema();
    const Result<RepoTransportSelector::TransportPtr> transport = m_transports->pick();
    if (!transport)
        return transport.error();
    const Result<EntrySnapshot> entries = (*transport)->snapshot(schema.pattern());
    if (!entries)
        return entries.error();
    return RecordSnapshot{schema.loadEntries(entries->entries), entries->storeSeq};
}

} // namespace Dust
