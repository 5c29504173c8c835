// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#ifndef LINKRULES_H
#define LINKRULES_H

#include <QtCore/qobject.h>
#include <QtCore/qvariant.h>
#include <QtQml/qqml.h>

/*!
    LinkRules: the links schema and its form rules (DustLinks::LinksSchema)
    for QML, so the Quick and the widgets demo check a link the same way.

    \code
    DustSchema { name: LinkRules.schema.name; prefix: LinkRules.schema.prefix; ... }
    const errors = LinkRules.validate(link, true, model.indexOf(link.slug) >= 0)
    if (errors.url) urlField.error = errors.url
    \endcode
*/
class LinkRules : public QObject
{
    Q_OBJECT
    Q_PROPERTY(QVariantMap schema READ schema CONSTANT)
    QML_ELEMENT
    QML_SINGLETON

public:
    explicit LinkRules(QObject *parent = nullptr);

    // The schema descriptor: name, prefix, fields, required, mode.
    QVariantMap schema() const;

    // Field name to its messages, one per line; empty when `link` may be written.
    Q_INVOKABLE QVariantMap validate(const QVariantMap &link, bool isNew, bool slugTaken) const;
    Q_INVOKABLE QString suggestSlug(const QString &url) const;
};

#endif // LINKRULES_H
