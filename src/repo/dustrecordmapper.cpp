// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#include "dustrecordmapper_p.h"
#include "dustrepo.h"

using namespace Qt::StringLiterals;

namespace Dust {

namespace {

Error ifMatchFlat(const Schema &schema)
{
    return Error(Error::Kind::InvalidParams, u"if_match_flat"_s, {{u"schema"_s, schema.name()}});
}

Error nothingToWrite(const QString &message)
{
    return Error(Error::Kind::NothingToWrite, u"nothing_to_write"_s, {{u"message"_s, message}});
}

void appendSlug(QStringList *slugs, const std::optional<QString> &slug)
{
    if (slug && (slugs->isEmpty() || slugs->last() != *slug))
        slugs->append(*slug);
}

} // namespace

Error RecordMapper::invalidSchema()
{
    return Error(Error::Kind::InvalidSchema, u"schema_invalid"_s);
}

Result<QList<RecordWrite>> RecordMapper::recordWrites(const Schema &schema, const QVariantMap &record,
                                                      const std::optional<QStringList> &only,
                                                      std::optional<qint64> ifMatch, QVariantMap *written)
{
    const Result<QString> slug = schema.slugOfRecord(record);
    if (!slug)
        return slug.error();
    if (ifMatch && schema.mode() == Schema::Mode::Flat)
        return ifMatchFlat(schema);
    const Result<QJsonObject> dumped = schema.dump(record);
    if (!dumped)
        return dumped.error();
    if (written) {
        const Result<QVariantMap> cast = schema.cast(*slug, *dumped);
        if (!cast)
            return cast.error();
        *written = *cast;
    }
    QList<RecordWrite> writes;
    if (schema.mode() == Schema::Mode::Map) {
        if (dumped->isEmpty())
            return nothingToWrite(Repo::tr("struct dumped to an empty body"));
        writes.append(RecordWrite{*schema.recordPath(*slug), *dumped, false, ifMatch});
        return writes;
    }
    for (const Schema::Field &f : schema.fields()) {
        if (f.name == schema.slugField() || (only && !only->contains(f.name)))
            continue;
        writes.append(RecordWrite{*schema.fieldPath(*slug, f.name), dumped->value(f.name), false, {}});
    }
    if (writes.isEmpty() && !only)
        return nothingToWrite(Repo::tr("no fields to write"));
    return writes;
}

QList<RecordWrite> RecordMapper::deleteAllWrites(const Schema &schema, const Page &page)
{
    QStringList slugs;
    for (const QString &key : page.keys) {
        const Result<Path> path = Path::parse(key);
        appendSlug(&slugs, path ? schema.slugOf(*path) : std::nullopt);
    }
    for (const Entry &e : page.entries)
        appendSlug(&slugs, schema.slugOf(e.path));
    slugs.removeDuplicates();
    QList<RecordWrite> writes;
    for (const QString &slug : std::as_const(slugs))
        writes.append(RecordWrite{*schema.recordPath(slug), {}, true, {}});
    writes.append(RecordWrite{schema.prefixPath(), {}, true, {}});
    return writes;
}

Result<QList<BatchOp>> RecordMapper::batchOps(const QList<RecordOp> &ops)
{
    QList<BatchOp> wire;
    for (qsizetype i = 0; i < ops.size(); ++i) {
        const RecordOp &op = ops.at(i);
        const Schema schema = op.m_changeset.schema();
        if (op.m_kind == RecordOp::Kind::Invalid || !schema.isValid())
            return Error(Error::Kind::InvalidParams, u"unrecognized_batch_op"_s, {{u"op_index"_s, int(i)}});
        if (op.m_kind == RecordOp::Kind::Delete) {
            const Result<Path> path = schema.recordPath(op.m_slug);
            if (!path)
                return path.error();
            wire.append(BatchOp::remove(*path, op.m_ifMatch));
            continue;
        }
        if (op.m_validate && !op.m_changeset.isValid())
            return op.m_changeset.toError();
        const Result<QList<RecordWrite>> writes =
                recordWrites(schema, op.m_changeset.apply(), std::nullopt, op.m_ifMatch, nullptr);
        if (!writes)
            return writes.error();
        for (const RecordWrite &w : *writes)
            wire.append(BatchOp::set(w.path, w.value, w.ifMatch));
    }
    return wire;
}

} // namespace Dust
