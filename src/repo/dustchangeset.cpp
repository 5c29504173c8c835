// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#include "dustchangeset.h"

#include <QtCore/qjsonarray.h>

using namespace Qt::StringLiterals;

namespace Dust {

namespace {

// The value as a record read back from the store would hold it.
Result<QVariant> normalized(const Schema &schema, const QString &field, const QVariant &value)
{
    const Result<QJsonValue> json = schema.dumpField(field, value);
    if (!json)
        return json.error();
    QJsonObject stored;
    stored.insert(field, *json);
    const Result<QVariantMap> record = schema.cast(u"_"_s, stored);
    if (!record)
        return record.error();
    return record->value(field);
}

} // namespace

Changeset::Changeset(const Schema &schema, const QVariantMap &data) : m_schema(schema)
{
    for (const Schema::Field &f : schema.fields()) {
        const QVariant raw = data.value(f.name);
        if (f.name == schema.slugField()) {
            m_data.insert(f.name, raw);
            continue;
        }
        const Result<QVariant> v = normalized(schema, f.name, raw);
        m_data.insert(f.name, v ? *v : raw);
    }
}

Changeset Changeset::diff(const Schema &schema, const QVariantMap &before, const QVariantMap &after)
{
    Changeset cs(schema, before);
    for (const Schema::Field &f : schema.fields())
        cs.change(f.name, after.value(f.name));
    return cs;
}

Changeset &Changeset::change(const QString &field, const QVariant &value)
{
    if (!m_schema.field(field)) {
        addError(field, tr("is not a field"));
        return *this;
    }
    QVariant v = value;
    if (field != m_schema.slugField()) {
        const Result<QVariant> cast = normalized(m_schema, field, value);
        if (!cast) {
            addError(field, tr("is invalid"));
            return *this;
        }
        v = *cast;
    }
    if (v == m_data.value(field))
        m_changes.remove(field);
    else
        m_changes.insert(field, v);
    return *this;
}

Changeset &Changeset::change(const QVariantMap &changes)
{
    for (auto it = changes.cbegin(); it != changes.cend(); ++it)
        change(it.key(), it.value());
    return *this;
}

QStringList Changeset::changedFields() const
{
    QStringList out;
    for (const Schema::Field &f : m_schema.fields()) {
        if (m_changes.contains(f.name))
            out.append(f.name);
    }
    return out;
}

QVariantMap Changeset::apply() const
{
    QVariantMap out = m_data;
    for (auto it = m_changes.cbegin(); it != m_changes.cend(); ++it)
        out.insert(it.key(), it.value());
    return out;
}

Changeset &Changeset::validateRequired()
{
    for (const QString &field : m_schema.missingRequired(apply()))
        addError(field, tr("can't be blank"));
    return *this;
}

Changeset &Changeset::validateSlug()
{
    const Result<void> ok = Schema::checkSlug(apply().value(m_schema.slugField()));
    if (!ok) {
        addError(m_schema.slugField(),
                 ok.error().code() == u"empty_slug" ? tr("cannot be empty") : tr("must be a string"));
    }
    return *this;
}

Changeset &Changeset::addError(const QString &field, const QString &message)
{
    QStringList &messages = m_errors[field];
    if (!messages.contains(message))
        messages.append(message);
    return *this;
}

Error Changeset::toError() const
{
    QJsonObject errors;
    for (auto it = m_errors.cbegin(); it != m_errors.cend(); ++it)
        errors.insert(it.key(), QJsonArray::fromStringList(it.value()));
    return Error(Error::Kind::InvalidParams, u"invalid_changeset"_s,
                 {{u"schema"_s, m_schema.name()}, {u"errors"_s, errors}});
}

} // namespace Dust
