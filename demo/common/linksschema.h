// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#ifndef LINKSSCHEMA_H
#define LINKSSCHEMA_H

#include <dustschema.h>

#include <QtCore/qcoreapplication.h>
#include <QtCore/qmap.h>
#include <QtCore/qstringlist.h>
#include <QtCore/qvariant.h>

namespace DustLinks {

/*!
    The record both Links demos show: a link with a title, a URL and a note,
    stored whole (map mode) at links/<slug>, so another client writes one with
    a single `dust put`. The rules here are the ones the forms check before
    they write, on top of the schema's own (required fields, slug rules).

    \code
    const Dust::Schema links = DustLinks::LinksSchema::schema();
    const auto errors = DustLinks::LinksSchema::validate(record, isNew, slugTaken);
    if (errors.isEmpty())
        repo->insert(links, record);
    \endcode
*/
class LinksSchema
{
    Q_DECLARE_TR_FUNCTIONS(DustLinks::LinksSchema)

public:
    // The store the demos use unless --store says otherwise.
    static QString defaultStore();
    // The schema as a descriptor (the form DustSchema declares in QML).
    static QVariantMap descriptor();
    static Dust::Schema schema();
    // The fields a form edits, in display order: title, url, note.
    static QStringList editableFields();
    // The translated label of a field ("slug" included).
    static QString label(const QString &field);

    // Field name to translated messages; empty when `link` may be written.
    // `slugTaken`: a new link's slug is used by another link already.
    static QMap<QString, QStringList> validate(const QVariantMap &link, bool isNew, bool slugTaken);
    // A slug made from a URL ("https://www.qt.io/download" -> "qt.io-download").
    static QString suggestSlug(const QString &url);
};

} // namespace DustLinks

#endif // LINKSSCHEMA_H
