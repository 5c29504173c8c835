// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#ifndef DUSTSTOREEVENT_H
#define DUSTSTOREEVENT_H

#include <dustentry.h>
#include <dusterror.h>
#include <dustpath.h>
#include <dustvaluemodel.h>

#include <QtCore/qjsonvalue.h>

#include <functional>

namespace Dust {

/// One change delivered to a subscription (protocol §6.2): an optimistic
/// local write, a committed server event, a rejection of a local write, or a
/// bootstrap entry when the subscription asked for the current state.
///
/// \code
/// store->on(u"posts/*"_s, [](const Dust::StoreEvent &e) {
///     if (e.source == Dust::StoreEvent::Source::Server && !e.error.isNull())
///         qWarning() << "rejected" << e.path << e.error;
///     else
///         qDebug() << Dust::Op::name(e.op) << e.path << e.value << e.storeSeq;
/// });
/// \endcode
struct StoreEvent
{
    enum class Source { Local, Server, Bootstrap };

    QString store;
    Path path;
    Op::Kind op = Op::Kind::Set;
    /// Optimistic: what the caller passed (the delta of an increment, the
    /// member of add/remove). Committed: the materialized value the server
    /// broadcast (the new total, the whole set). Rejection: null.
    QJsonValue value;
    qint64 storeSeq = 0;       ///< 0 for optimistic and rejection events
    bool committed = false;
    bool wasOwn = false;       ///< a committed echo of a write made through this client
    Source source = Source::Local;
    QString deviceId;
    QString clientOpId;
    Error error;               ///< set on rejection events
    Entry::Type entryType = Entry::Type::Null; ///< bootstrap events
};

/// How a subscription is delivered (protocol §6.1, §6.3).
///
/// \code
/// Dust::SubscribeOptions options;
/// options.mode = Dust::SubscribeOptions::Mode::Committed;
/// options.includeCurrent = true;          // the matching entries first, then live events
/// options.bootstrapLimit = 0;             // all of them
/// options.onResync = [] { reloadEverything(); };   // events were dropped: re-read the store
/// store->on(u"links/**"_s, this, [this](const Dust::StoreEvent &e) { apply(e); }, options);
/// \endcode
struct SubscribeOptions
{
    /// All: own writes once (optimistic), others' once (committed).
    /// Committed: every committed event, own echoes included.
    /// Optimistic: own optimistic writes and rejections only.
    enum class Mode { All, Committed, Optimistic };

    Mode mode = Mode::All;
    /// Undelivered live events a subscription may hold. One more drops the
    /// subscription and calls onResync: events are never lost silently.
    int maxQueueSize = 1000;
    bool includeCurrent = false;
    int bootstrapLimit = 50;   ///< 0 = every matching entry
    PageRequest::Order order = PageRequest::Order::Ascending;
    /// Called (on the delivery thread) when events were dropped because the
    /// queue overflowed (the subscription is then gone) or when the cache was
    /// replaced by a snapshot (the subscription stays).
    std::function<void()> onResync = nullptr;
};

using SubscriptionId = quint64;

} // namespace Dust

Q_DECLARE_METATYPE(Dust::StoreEvent)

#endif // DUSTSTOREEVENT_H
