// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#ifndef DUSTSCHEMA_P_H
#define DUSTSCHEMA_P_H

#include <dustprivateapi_p.h>

#include <dustschema.h>

#include <QtCore/qhash.h>
#include <QtCore/qloggingcategory.h>

#include <optional>

namespace Dust {

Q_DECLARE_LOGGING_CATEGORY(lcRepo)

class SchemaData : public QSharedData
{
public:
    QString name;
    QStringList prefix;
    Path prefixPath;
    Schema::Mode mode = Schema::Mode::Flat;
    QString slugField;
    QStringList required;
    QList<Schema::Field> fields;
    QHash<QString, qsizetype> index;
    QMetaType gadgetType;
};

// The leaves of one record, folded into the nested object they came from.
struct StoredRecord
{
    QString slug;
    QJsonObject fields;
};

// Folds listed leaves into records while they arrive in path order, keeping
// one record open across pages: all leaves of a slug are contiguous in the
// store's order, so a leaf of another slug closes the open record.
class DUST_CORE_EXPORT RecordGrouper
{
public:
    explicit RecordGrouper(const Schema &schema) : m_schema(schema) { }

    // Adds one leaf; returns the record it closed, if any. Leaves outside the
    // prefix or exactly at a record path are ignored.
    std::optional<StoredRecord> add(const Entry &entry);
    std::optional<StoredRecord> finish();

    // Places `value` at `segments` inside `fields`; an exact leaf wins over
    // deeper leaves of the same path.
    static void insertLeaf(QJsonObject &fields, const QStringList &segments, qsizetype from,
                           const QJsonValue &value);

private:
    Schema m_schema;
    std::optional<StoredRecord> m_open;
};

} // namespace Dust

#endif // DUSTSCHEMA_P_H
