// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#ifndef DUSTCHANGESET_H
#define DUSTCHANGESET_H

#include <dustschema.h>

#include <QtCore/qmap.h>

namespace Dust {

/*!
    A record and the changes made to it, with validation errors: what
    Repo::update() writes (only the changed fields, in flat mode) and what
    Repo::insert() refuses to write while it is invalid.

    Values are cast to the field types as they are set; a value that cannot
    be cast, or a name that is not a field, is an error on that field. A
    change back to the original value is no change.

    \code
    Dust::Changeset cs(links, current);            // current: the record as read
    cs.change(u"title"_s, u"New title"_s).validateRequired().validateSlug();
    if (cs.isValid())
        repo->update(cs);                           // writes links/<slug>/title only
    \endcode
*/
class DUST_CORE_EXPORT Changeset
{
    Q_DECLARE_TR_FUNCTIONS(Dust::Changeset)

public:
    Changeset() = default;
    explicit Changeset(const Schema &schema, const QVariantMap &data = {});
    template<GadgetRecord T>
    static Changeset fromGadget(const Schema &schema, const T &data)
    {
        return Changeset(schema, schema.fromGadgetValue(data));
    }
    /// The changes that turn `before` into `after`.
    static Changeset diff(const Schema &schema, const QVariantMap &before, const QVariantMap &after);

    Schema schema() const { return m_schema; }
    /// The record the changes apply to, cast to the field types.
    QVariantMap data() const { return m_data; }

    Changeset &change(const QString &field, const QVariant &value);
    Changeset &change(const QVariantMap &changes);
    QVariantMap changes() const { return m_changes; }
    bool hasChanges() const { return !m_changes.isEmpty(); }
    /// The changed fields in the schema's declaration order.
    QStringList changedFields() const;
    /// data() with the changes applied.
    QVariantMap apply() const;
    template<GadgetRecord T>
    T applyTo() const
    {
        return m_schema.toGadget<T>(apply());
    }

    /// Every required field of the schema must be set, not null and not "".
    Changeset &validateRequired();
    /// The slug rules of dust-ecto §1.3 on the applied record's slug.
    Changeset &validateSlug();
    Changeset &addError(const QString &field, const QString &message);

    bool isValid() const { return m_errors.isEmpty(); }
    /// Field name to its error messages (translated).
    QMap<QString, QStringList> errors() const { return m_errors; }
    /// Error invalid_params/invalid_changeset with the errors as detail.
    Error toError() const;

private:
    Schema m_schema;
    QVariantMap m_data;
    QVariantMap m_changes;
    QMap<QString, QStringList> m_errors;
};

} // namespace Dust

#endif // DUSTCHANGESET_H
