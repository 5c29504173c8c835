// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#ifndef DUSTRECORDOP_H
#define DUSTRECORDOP_H

#include <dustchangeset.h>
#include <dustschema.h>

#include <optional>

namespace Dust {

class RepoPrivate;

/*!
    One record operation of Repo::batchWrite().

    \code
    repo->batchWrite({Dust::RecordOp::insert(links, foo),
                      Dust::RecordOp::remove(links, u"bar"_s)});
    \endcode
*/
class DUST_CORE_EXPORT RecordOp
{
public:
    enum class Kind { Invalid, Insert, Update, Delete };

    RecordOp() = default;
    /// A bare record is written as it is; a changeset must be valid.
    static RecordOp insert(const Schema &schema, const QVariantMap &record);
    static RecordOp insert(const Changeset &changeset);
    /// if_match is for map-mode schemas only.
    static RecordOp update(const Changeset &changeset, std::optional<qint64> ifMatch = {});
    static RecordOp remove(const Schema &schema, const QString &slug, std::optional<qint64> ifMatch = {});

    Kind kind() const { return m_kind; }
    Schema schema() const { return m_changeset.schema(); }

private:
    friend class RecordMapper;
    Kind m_kind = Kind::Invalid;
    Changeset m_changeset;
    bool m_validate = false;
    QString m_slug;
    std::optional<qint64> m_ifMatch;
};

} // namespace Dust

#endif // DUSTRECORDOP_H
