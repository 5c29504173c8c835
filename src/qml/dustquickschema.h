// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#ifndef DUSTQUICKSCHEMA_H
#define DUSTQUICKSCHEMA_H

#include <dustquickglobal.h>
#include <dusterror.h>
#include <dustschema.h>

#include <QtCore/qobject.h>
#include <QtCore/qvariant.h>
#include <QtQml/qqml.h>
#include <QtQml/qqmlparserstatus.h>

#include <memory>

namespace Dust {

class QuickSchemaPrivate;

/*!
    DustSchema: the description of one record type (a Dust::Schema built
    with Schema::fromDescriptor()). It is built when the declaration is
    complete and again whenever a property changes. A declaration that
    cannot work is reported as a QML warning at the element and in `error`;
    `valid` says whether the schema can be used. `fields` is a list of
    {name, type} objects (types: string, int, double, bool, datetime, map,
    list); the list keeps the declaration order, which is the write order of
    flat records and the role order of a DustListModel. A map of name to
    type is accepted too.

    \code
    DustSchema {
        id: links
        name: "Link"
        prefix: ["links"]
        fields: [
            { name: "title", type: "string" },
            { name: "url", type: "string" },
            { name: "addedAt", type: "datetime" }
        ]
        required: ["url"]
    }
    \endcode
*/
class DUST_QUICK_EXPORT QuickSchema : public QObject, public QQmlParserStatus
{
    Q_OBJECT
    Q_INTERFACES(QQmlParserStatus)
    Q_PROPERTY(QString name READ name WRITE setName NOTIFY nameChanged)
    Q_PROPERTY(QVariant prefix READ prefix WRITE setPrefix NOTIFY prefixChanged)
    Q_PROPERTY(QVariant fields READ fields WRITE setFields NOTIFY fieldsChanged)
    Q_PROPERTY(QStringList required READ required WRITE setRequired NOTIFY requiredChanged)
    Q_PROPERTY(Mode mode READ mode WRITE setMode NOTIFY modeChanged)
    Q_PROPERTY(QString slugField READ slugField WRITE setSlugField NOTIFY slugFieldChanged)
    Q_PROPERTY(bool valid READ isValid NOTIFY validChanged)
    Q_PROPERTY(Dust::Error error READ error NOTIFY errorChanged)
    Q_PROPERTY(QStringList fieldNames READ fieldNames NOTIFY schemaChanged)
    QML_NAMED_ELEMENT(DustSchema)

public:
    /// Flat: one stored value per field. Map: one object per record.
    enum class Mode { Flat, Map };
    Q_ENUM(Mode)

    explicit QuickSchema(QObject *parent = nullptr);
    ~QuickSchema() override;

    QString name() const;
    void setName(const QString &name);
    /// A list of path segments, e.g. ["links"].
    QVariant prefix() const;
    void setPrefix(const QVariant &prefix);
    QVariant fields() const;
    void setFields(const QVariant &fields);
    QStringList required() const;
    void setRequired(const QStringList &required);
    Mode mode() const;
    void setMode(Mode mode);
    /// Default "slug".
    QString slugField() const;
    void setSlugField(const QString &field);

    bool isValid() const;
    /// What is wrong with the declaration; isNull when nothing is.
    Error error() const;
    /// Every field, the slug field first when it is not declared.
    QStringList fieldNames() const;

    /// The schema built from the declaration; invalid while `valid` is false.
    Schema schema() const;

    void classBegin() override;
    void componentComplete() override;

Q_SIGNALS:
    void nameChanged();
    void prefixChanged();
    void fieldsChanged();
    void requiredChanged();
    void modeChanged();
    void slugFieldChanged();
    void validChanged();
    void errorChanged();
    void errorOccurred(const Dust::Error &error);
    /// The built schema changed (it may now be invalid).
    void schemaChanged();

private:
    friend class QuickSchemaPrivate;
    std::unique_ptr<QuickSchemaPrivate> d;
};

} // namespace Dust

#endif // DUSTQUICKSCHEMA_H
