// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#ifndef DUSTTOPICCHANNEL_P_H
#define DUSTTOPICCHANNEL_P_H

//
//  W A R N I N G
//  -------------
//
// This file is not part of the DustQt API. It may change without notice.
//

#include <dustrecordevent.h>
#include <dusttopicsubscription.h>

#include <QtCore/qhash.h>
#include <QtCore/qlist.h>
#include <QtCore/qpointer.h>

#include <mutex>

namespace Dust {

// The queue between a broadcaster (on the bridge thread) and one
// TopicSubscription (on its owner's thread). The broadcaster pushes, the
// subscription takes everything at once when it runs; only the first push
// after a take asks for a wake-up, so a busy view costs one queued call per
// batch, not one per event. Memory stays bounded either way: Coalesced keeps
// one event per slug, EveryEvent drops its backlog past `maxBacklog` and
// asks for a resync instead.
class DUST_CORE_EXPORT TopicChannel
{
public:
    struct Batch
    {
        QList<RecordEvent> events;
        bool resync = false;
        bool becameActive = false;
        Error error;
    };

    TopicChannel(TopicSubscription::Delivery delivery, int maxBacklog);

    // Producer side. Each returns true when the consumer must be woken.
    bool push(const RecordEvent &event);
    bool pushResync();
    bool pushActive();
    bool pushError(const Error &error);
    // Stops delivery for good: drops what is queued; later pushes are ignored.
    void close();

    // Consumer side: everything queued since the last take, in order.
    Batch take();
    bool isClosed() const;
    qsizetype queuedEvents() const;

    const TopicSubscription::Delivery delivery;
    const int maxBacklog;

private:
    bool wakeLocked();

    mutable std::mutex m_mutex;
    QList<RecordEvent> m_events;
    QHash<QString, qsizetype> m_indexBySlug; // Coalesced: slug -> position in m_events
    bool m_resync = false;
    bool m_becameActive = false;
    Error m_error;
    bool m_wakePending = false;
    bool m_closed = false;
};

} // namespace Dust

#endif // DUSTTOPICCHANNEL_P_H
