// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#include "dustquickschema.h"
#include "dustquickerror_p.h"

using namespace Qt::StringLiterals;

namespace Dust {

class QuickSchemaPrivate
{
public:
    explicit QuickSchemaPrivate(QuickSchema *q) : q(q) { }

    void rebuild();

    QuickSchema *const q;
    bool complete = true;
    QString name;
    QVariant prefix;
    QVariant fields;
    QStringList required;
    QuickSchema::Mode mode = QuickSchema::Mode::Flat;
    QString slugField = u"slug"_s;

    Schema schema;
    Error error;
};

void QuickSchemaPrivate::rebuild()
{
    if (!complete)
        return;
    QVariantMap descriptor{
        {u"name"_s, name},
        {u"mode"_s, mode == QuickSchema::Mode::Map ? u"map"_s : u"flat"_s},
        {u"slugField"_s, slugField},
        {u"required"_s, required},
    };
    if (prefix.isValid())
        descriptor.insert(u"prefix"_s, prefix);
    if (fields.isValid())
        descriptor.insert(u"fields"_s, fields);
    const Result<Schema> built = Schema::fromDescriptor(descriptor);
    const Schema newSchema = built ? *built : Schema();
    const Error newError = built.error();
    const bool wasValid = schema.isValid();
    const bool schemaDiffers = newSchema != schema || newError != error;
    const bool errorDiffers = newError != error;
    schema = newSchema;
    error = newError;
    if (errorDiffers && !error.isNull())
        Quick::warnDeclaration(q, error);
    if (errorDiffers)
        emit q->errorChanged();
    if (errorDiffers && !error.isNull())
        emit q->errorOccurred(error);
    if (wasValid != schema.isValid())
        emit q->validChanged();
    if (schemaDiffers)
        emit q->schemaChanged();
}

QuickSchema::QuickSchema(QObject *parent)
    : QObject(parent), d(std::make_unique<QuickSchemaPrivate>(this))
{
}

QuickSchema::~QuickSchema() = default;

QString QuickSchema::name() const
{
    return d->name;
}

void QuickSchema::setName(const QString &name)
{
    if (d->name == name)
        return;
    d->name = name;
    emit nameChanged();
    d->rebuild();
}

QVariant QuickSchema::prefix() const
{
    return d->prefix;
}

void QuickSchema::setPrefix(const QVariant &prefix)
{
    const QVariant plain = Quick::plainVariant(prefix);
    if (d->prefix == plain)
        return;
    d->prefix = plain;
    emit prefixChanged();
    d->rebuild();
}

QVariant QuickSchema::fields() const
{
    return d->fields;
}

void QuickSchema::setFields(const QVariant &fields)
{
    const QVariant plain = Quick::plainVariant(fields);
    if (d->fields == plain)
        return;
    d->fields = plain;
    emit fieldsChanged();
    d->rebuild();
}

QStringList QuickSchema::required() const
{
    return d->required;
}

void QuickSchema::setRequired(const QStringList &required)
{
    if (d->required == required)
        return;
    d->required = required;
    emit requiredChanged();
    d->rebuild();
}

QuickSchema::Mode QuickSchema::mode() const
{
    return d->mode;
}

void QuickSchema::setMode(Mode mode)
{
    if (d->mode == mode)
        return;
    d->mode = mode;
    emit modeChanged();
    d->rebuild();
}

QString QuickSchema::slugField() const
{
    return d->slugField;
}

void QuickSchema::setSlugField(const QString &field)
{
    if (d->slugField == field)
        return;
    d->slugField = field;
    emit slugFieldChanged();
    d->rebuild();
}

bool QuickSchema::isValid() const
{
    return d->schema.isValid();
}

Error QuickSchema::error() const
{
    return d->error;
}

QStringList QuickSchema::fieldNames() const
{
    return d->schema.fieldNames();
}

Schema QuickSchema::schema() const
{
    return d->schema;
}

void QuickSchema::classBegin()
{
    d->complete = false;
}

void QuickSchema::componentComplete()
{
    d->complete = true;
    d->rebuild();
}

} // namespace Dust
