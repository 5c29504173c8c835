// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#ifndef DUSTRECORDMAPPER_P_H
#define DUSTRECORDMAPPER_P_H

#include <dustprivateapi_p.h>

//
//  W A R N I N G
//  -------------
//
// This file is not part of the DustQt API. It may change without notice.
//

#include <dusthttptransport.h>
#include <dustrecordop.h>
#include <dustschema.h>

#include <optional>

namespace Dust {

// One leaf write of a record operation.
struct RecordWrite
{
    Path path;
    QJsonValue value;
    bool remove = false;
    std::optional<qint64> ifMatch;
};

// Maps records to the leaves that store them and back (dust-ecto §2.2):
// what the Repo writes for a record, and which records a listing holds.
// Pure functions of the Schema; no transport, no thread.
class RecordMapper
{
public:
    static Error invalidSchema();

    // The writes for a whole record: every non-slug field (flat) or the
    // record object (map). `only` limits flat writes to those fields;
    // `written` gets the record as written (values cast to the field types).
    static Result<QList<RecordWrite>> recordWrites(const Schema &schema, const QVariantMap &record,
                                                   const std::optional<QStringList> &only,
                                                   std::optional<qint64> ifMatch, QVariantMap *written);
    // One delete per record `page` holds (its keys or entries), in slug
    // order, then one of the schema's bare prefix.
    static QList<RecordWrite> deleteAllWrites(const Schema &schema, const Page &page);
    // The wire ops of an atomic batch; flat records expand to one set per
    // field.
    static Result<QList<BatchOp>> batchOps(const QList<RecordOp> &ops);
};

} // namespace Dust

#endif // DUSTRECORDMAPPER_P_H
