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
    DustSchema { name: LinkRules.schemaName; prefix: LinkRules.prefix; fields: LinkRules.fields }
    const errors = LinkRules.validate(link, true, model.indexOf(link.slug) >= 0)
    if (errors.url) urlField.error = errors.url
    \endcode
*/
class LinkRules : public QObject
{
    Q_OBJECT
    Q_PROPERTY(QString schemaName READ schemaName CONSTANT)
    Q_PROPERTY(QStringList prefix READ prefix CONSTANT)
    Q_PROPERTY(QVariantList fields READ fields CONSTANT)
    Q_PROPERTY(QStringList required READ required CONSTANT)
    Q_PROPERTY(bool mapMode READ isMapMode CONSTANT)
    QML_ELEMENT
    QML_SINGLETON

public:
    explicit LinkRules(QObject *parent = nullptr);

    // The parts of the schema's descriptor, for a DustSchema.
    QString schemaName() const;
    QStringList prefix() const;
    QVariantList fields() const;
    QStringList required() const;
    bool isMapMode() const;

    // Field name to its messages, one per line; empty when `link` may be written.
    Q_INVOKABLE QVariantMap validate(const QVariantMap &link, bool isNew, bool slugTaken) const;
    Q_INVOKABLE QString suggestSlug(const QString &url) const;
};

#endif // LINKRULES_H
