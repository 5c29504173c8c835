// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#include "dustrecordfeed_p.h"

#include <dustrepo.h>
#include <duststore.h>
#include <dustthreading_p.h>

using namespace Qt::StringLiterals;

namespace Dust {

RecordFeed::RecordFeed(Repo *repo, const Schema &schema, qsizetype limit, std::function<void()> wake)
    : m_repo(repo), m_schema(schema), m_limit(std::max<qsizetype>(1, limit)), m_wakeup(std::move(wake))
{
}

RecordFeed::~RecordFeed()
{
    close();
}

Result<void> RecordFeed::subscribe()
{
    Repo *repo = m_repo;
    if (!repo)
        return Error(Error::Kind::Cancelled, u"repo_gone"_s);
    SubscriptionId previous = 0;
    {
        std::lock_guard lock(m_mutex);
        if (m_closed)
            return {};
        previous = std::exchange(m_subscription, 0);
    }
    // Not under m_mutex: unsubscribing waits for a callback running on the
    // sync thread, which may be waiting for m_mutex.
    if (previous)
        repo->unsubscribe(previous);
    // The callbacks hold the feed by pointer: close(), which the destructor
    // runs, ends the subscription and waits for a running callback.
    Store *store = RepoBridge::storeOf(repo);
    const Result<SubscriptionId> id = RepoBridge::subscribe(
            repo, m_schema, [this, store](const StoreEvent &event) { onEvent(store, event); },
            [this] { onResync(); }, int(std::min<qsizetype>(m_limit, std::numeric_limits<int>::max())));
    if (!id)
        return id.error();
    std::unique_lock lock(m_mutex);
    if (!m_closed) {
        m_subscription = *id;
        return {};
    }
    lock.unlock();
    repo->unsubscribe(*id);
    return {};
}

void RecordFeed::close()
{
    SubscriptionId id = 0;
    {
        std::unique_lock lock(m_mutex);
        m_closed = true;
        m_queue.clear();
        id = std::exchange(m_subscription, 0);
        // The consumer may be gone once this returns.
        m_wakeup.close(lock);
    }
    if (Repo *repo = m_repo; id && repo)
        repo->unsubscribe(id);
}

Result<RecordSnapshot> RecordFeed::snapshot() const
{
    if (Repo *repo = m_repo)
        return RepoBridge::snapshot(repo, m_schema);
    return Error(Error::Kind::Cancelled, u"repo_gone"_s);
}

RecordFeed::Batch RecordFeed::take()
{
    std::lock_guard lock(m_mutex);
    Batch batch;
    batch.events.swap(m_queue);
    batch.resubscribe = std::exchange(m_resubscribe, false);
    batch.overflowed = std::exchange(m_overflowed, false);
    m_wakeup.taken();
    return batch;
}

void RecordFeed::onEvent(Store *store, const StoreEvent &event)
{
    std::optional<RecordEvent> record = decode(store, m_schema, event);
    if (!record)
        return;
    m_pending.append(std::move(*record));
    if (m_pending.size() >= m_limit) {
        // A turn this long: hand over now, the queue's bound applies.
        flush();
        return;
    }
    if (std::exchange(m_flushPosted, true))
        return;
    // After the rest of this turn's events: one batch, one wake-up.
    Threading::postToCurrentThread([self = shared_from_this()] {
        self->m_flushPosted = false;
        self->flush();
    });
}

void RecordFeed::onResync()
{
    // What is pending or queued predates the resync; the snapshot the
    // consumer takes next covers it.
    m_pending.clear();
    std::unique_lock lock(m_mutex);
    if (m_closed)
        return;
    m_queue.clear();
    m_resubscribe = true;
    m_wakeup.wakeUnlocked(lock);
}

void RecordFeed::flush()
{
    if (m_pending.isEmpty())
        return;
    std::unique_lock lock(m_mutex);
    if (m_closed) {
        m_pending.clear();
        return;
    }
    if (m_overflowed || m_resubscribe) {
        // The consumer reloads the state anyway.
        m_pending.clear();
    } else if (m_queue.size() + m_pending.size() > m_limit) {
        // The consumer is this far behind: rather than grow without bound,
        // drop what waits; it sends every view the current state instead.
        m_queue.clear();
        m_pending.clear();
        m_overflowed = true;
    } else if (m_queue.isEmpty()) {
        m_queue.swap(m_pending);
    } else {
        m_queue.append(std::move(m_pending));
        m_pending.clear();
    }
    m_wakeup.wakeUnlocked(lock);
}

std::optional<RecordEvent> RecordFeed::decode(Store *store, const Schema &schema, const StoreEvent &event,
                                              WholeRecord wholeRecord)
{
    if (!store || !event.committed || !event.error.isNull() || event.store != store->name())
        return std::nullopt;
    const std::optional<QString> slug = schema.slugOf(event.path);
    if (!slug)
        return std::nullopt;
    const Path recordPath = *schema.recordPath(*slug);
    const bool atRecord = event.path == recordPath;
    RecordEvent decoded;
    decoded.slug = *slug;
    decoded.storeSeq = event.storeSeq;
    if (event.op == Op::Kind::Delete && atRecord) {
        decoded.kind = RecordEvent::Kind::Deleted;
        return decoded;
    }
    std::optional<QVariantMap> record;
    if (event.op == Op::Kind::Set && atRecord && wholeRecord == WholeRecord::FromEvent) {
        record = schema.load(*slug, event.value);
    } else if (const std::optional<Entry> entry = store->entry(recordPath)) {
        record = schema.load(*slug, entry->value);
    }
    if (record) {
        decoded.record = std::move(*record);
        return decoded;
    }
    // A field delete that leaves nothing readable is the record going away;
    // any other write that leaves it unreadable is nothing yet.
    if (event.op != Op::Kind::Delete)
        return std::nullopt;
    decoded.kind = RecordEvent::Kind::Deleted;
    return decoded;
}

} // namespace Dust
