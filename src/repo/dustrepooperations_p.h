// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#ifndef DUSTREPOOPERATIONS_P_H
#define DUSTREPOOPERATIONS_P_H

#include <dustprivateapi_p.h>

//
//  W A R N I N G
//  -------------
//
// This file is not part of the DustQt API. It may change without notice.
//

#include "dustrepotransportselector_p.h"

#include <dustchangeset.h>
#include <dustrecordop.h>
#include <dustschema.h>

#include <functional>
#include <optional>

namespace Dust {

// The Repo's asynchronous record operations: each checks its arguments,
// maps the record to leaf writes or reads (RecordMapper), and chains the
// transport's steps (AsyncResult::then()), in the thread that finishes each
// step. Argument errors finish at once.
class RepoOperations
{
public:
    explicit RepoOperations(const RepoTransportSelector *transports) : m_transports(transports) { }

    AsyncResult<QVariantMap>::Ptr insert(const Schema &schema, const QVariantMap &record) const;
    AsyncResult<QVariantMap>::Ptr update(const Changeset &changeset, std::optional<qint64> ifMatch) const;
    AsyncResult<qint64>::Ptr remove(const Schema &schema, const QString &slug, std::optional<qint64> ifMatch) const;
    AsyncResult<std::optional<QVariantMap>>::Ptr get(const Schema &schema, const QString &slug) const;
    AsyncResult<bool>::Ptr exists(const Schema &schema, const QString &slug) const;
    AsyncResult<QList<QVariantMap>>::Ptr all(const Schema &schema) const;
    AsyncResult<qsizetype>::Ptr stream(const Schema &schema, QObject *context,
                                       std::function<void(const QList<QVariantMap> &)> onRecords,
                                       int pageSize) const;
    AsyncResult<qint64>::Ptr deleteAll(const Schema &schema) const;
    AsyncResult<BatchResult>::Ptr batchWrite(const QList<RecordOp> &ops) const;

private:
    struct Target
    {
        Path path;
        RepoTransportSelector::TransportPtr transport;
    };
    // The transport for a call on `schema`, or the Error to finish with.
    Result<RepoTransportSelector::TransportPtr> transportFor(const Schema &schema) const;
    // The same for a call on one record, with the record's path.
    Result<Target> targetOf(const Schema &schema, const QString &slug) const;

    const RepoTransportSelector *const m_transports;
};

} // namespace Dust

#endif // DUSTREPOOPERATIONS_P_H
