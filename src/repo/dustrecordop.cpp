// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#include "dustrecordop.h"

namespace Dust {

RecordOp RecordOp::insert(const Schema &schema, const QVariantMap &record)
{
    RecordOp op;
    op.m_kind = Kind::Insert;
    op.m_changeset = Changeset(schema, record);
    return op;
}

RecordOp RecordOp::insert(const Changeset &changeset)
{
    RecordOp op;
    op.m_kind = Kind::Insert;
    op.m_changeset = changeset;
    op.m_validate = true;
    return op;
}

RecordOp RecordOp::update(const Changeset &changeset, std::optional<qint64> ifMatch)
{
    RecordOp op;
    op.m_kind = Kind::Update;
    op.m_changeset = changeset;
    op.m_validate = true;
    op.m_ifMatch = ifMatch;
    return op;
}

RecordOp RecordOp::remove(const Schema &schema, const QString &slug, std::optional<qint64> ifMatch)
{
    RecordOp op;
    op.m_kind = Kind::Delete;
    op.m_changeset = Changeset(schema);
    op.m_slug = slug;
    op.m_ifMatch = ifMatch;
    return op;
}

} // namespace Dust
