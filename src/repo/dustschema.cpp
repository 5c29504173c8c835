// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#include "dustschema.h"
#include "dustschema_p.h"

#include <QtCore/qdatetime.h>
#include <QtCore/qdebug.h>
#include <QtCore/qjsonarray.h>
#include <QtCore/qjsondocument.h>
#include <QtCore/qmetaobject.h>

#include <cmath>
#include <limits>
#include <map>
#include <memory>

using namespace Qt::StringLiterals;

namespace Dust {

Q_LOGGING_CATEGORY(lcRepo, "dust.repo")

namespace {

Error schemaError(const char *code, const QJsonObject &detail = {})
{
    return Error(Error::Kind::InvalidSchema, QString::fromLatin1(code), detail);
}

Error fieldError(const QString &field, Schema::FieldType type, const QJsonValue &value)
{
    return Error(Error::Kind::InvalidParams, u"invalid_field"_s,
                 {{u"field"_s, field}, {u"type"_s, Schema::fieldTypeName(type)}, {u"value"_s, value}});
}

// The integer range a C++ property type can hold.
std::pair<double, double> integerRange(QMetaType type)
{
    switch (type.id()) {
    case QMetaType::Int:
        return {std::numeric_limits<int>::min(), std::numeric_limits<int>::max()};
    case QMetaType::UInt:
        return {0, std::numeric_limits<uint>::max()};
    case QMetaType::Short:
        return {std::numeric_limits<short>::min(), std::numeric_limits<short>::max()};
    case QMetaType::UShort:
        return {0, std::numeric_limits<ushort>::max()};
    case QMetaType::ULongLong:
    case QMetaType::ULong:
        return {0, 9223372036854775807.0};
    default:
        return {-9223372036854775808.0, 9223372036854775807.0};
    }
}

bool isNumber(const QVariant &v)
{
    const std::optional<Schema::FieldType> type = Schema::fieldTypeOf(v.metaType());
    return type == Schema::FieldType::Int || type == Schema::FieldType::Double;
}

QString isoString(const QDateTime &dt)
{
    const QDateTime utc = dt.toUTC();
    return utc.toString(utc.time().msec() ? Qt::ISODateWithMs : Qt::ISODate);
}

// A field value taken from a record as the JSON-ish QVariant it stands for.
QVariant plain(const QVariant &value)
{
    switch (value.typeId()) {
    case QMetaType::QJsonValue:
        return value.toJsonValue().toVariant();
    case QMetaType::QJsonObject:
        return value.toJsonObject().toVariantMap();
    case QMetaType::QJsonArray:
        return value.toJsonArray().toVariantList();
    default:
        return value;
    }
}

bool isNullValue(const QVariant &value)
{
    if (!value.isValid() || value.isNull())
        return true;
    switch (value.typeId()) {
    case QMetaType::Nullptr:
        return true;
    case QMetaType::QString:
        return value.toString().isNull();
    case QMetaType::QDateTime:
        return !value.toDateTime().isValid();
    case QMetaType::QJsonValue:
        return value.toJsonValue().isNull() || value.toJsonValue().isUndefined();
    default:
        return false;
    }
}

const QStringList &descriptorKeys()
{
    static const QStringList keys{u"name"_s, u"prefix"_s, u"fields"_s, u"required"_s, u"mode"_s,
                                  u"slugField"_s};
    return keys;
}

std::optional<QStringList> stringList(const QVariant &value)
{
    if (value.typeId() == QMetaType::QStringList)
        return value.toStringList();
    if (value.typeId() != QMetaType::QVariantList)
        return std::nullopt;
    QStringList out;
    for (const QVariant &v : value.toList()) {
        if (v.typeId() != QMetaType::QString)
            return std::nullopt;
        out.append(v.toString());
    }
    return out;
}

} // namespace

// ---- RecordGrouper ----------------------------------------------------------

void RecordGrouper::insertLeaf(QJsonObject &fields, const QStringList &segments, qsizetype from,
                               const QJsonValue &value)
{
    const QString &key = segments.at(from);
    if (from + 1 == segments.size()) {
        if (!fields.contains(key))
            fields.insert(key, value);
        return;
    }
    const QJsonValue child = fields.value(key);
    if (!child.isUndefined() && !child.isObject())
        return;
    QJsonObject nested = child.toObject();
    insertLeaf(nested, segments, from + 1, value);
    fields.insert(key, nested);
}

std::optional<StoredRecord> RecordGrouper::add(const Entry &entry)
{
    const std::optional<QString> slug = m_schema.slugOf(entry.path);
    const qsizetype fieldStart = m_schema.prefix().size() + 1;
    if (!slug || entry.path.size() <= fieldStart)
        return std::nullopt;
    std::optional<StoredRecord> closed;
    if (m_open && m_open->slug != *slug)
        closed = std::exchange(m_open, std::nullopt);
    if (!m_open)
        m_open = StoredRecord{*slug, {}};
    insertLeaf(m_open->fields, entry.path.segments(), fieldStart, entry.value);
    return closed;
}

std::optional<StoredRecord> RecordGrouper::finish()
{
    return std::exchange(m_open, std::nullopt);
}

// ---- Schema -----------------------------------------------------------------

Schema::Schema() = default;
Schema::Schema(const Schema &other) = default;
Schema::Schema(Schema &&other) noexcept = default;
Schema &Schema::operator=(const Schema &other) = default;
Schema &Schema::operator=(Schema &&other) noexcept = default;
Schema::~Schema() = default;

Schema::Schema(SchemaData *data) : d(data) { }

QString Schema::fieldTypeName(FieldType type)
{
    switch (type) {
    case FieldType::String: return u"string"_s;
    case FieldType::Int: return u"int"_s;
    case FieldType::Double: return u"double"_s;
    case FieldType::Bool: return u"bool"_s;
    case FieldType::DateTime: return u"datetime"_s;
    case FieldType::Map: return u"map"_s;
    case FieldType::List: return u"list"_s;
    }
    return {};
}

std::optional<Schema::FieldType> Schema::fieldTypeFromName(QStringView name)
{
    static const QHash<QString, FieldType> names{
        {u"string"_s, FieldType::String},     {u"int"_s, FieldType::Int},
        {u"integer"_s, FieldType::Int},       {u"double"_s, FieldType::Double},
        {u"float"_s, FieldType::Double},      {u"bool"_s, FieldType::Bool},
        {u"boolean"_s, FieldType::Bool},      {u"datetime"_s, FieldType::DateTime},
        {u"map"_s, FieldType::Map},           {u"list"_s, FieldType::List},
    };
    const auto it = names.constFind(name.toString());
    if (it == names.cend())
        return std::nullopt;
    return *it;
}

std::optional<Schema::FieldType> Schema::fieldTypeOf(QMetaType type)
{
    switch (type.id()) {
    case QMetaType::QString:
        return FieldType::String;
    case QMetaType::Int:
    case QMetaType::UInt:
    case QMetaType::LongLong:
    case QMetaType::ULongLong:
    case QMetaType::Long:
    case QMetaType::ULong:
    case QMetaType::Short:
    case QMetaType::UShort:
        return FieldType::Int;
    case QMetaType::Double:
    case QMetaType::Float:
        return FieldType::Double;
    case QMetaType::Bool:
        return FieldType::Bool;
    case QMetaType::QDateTime:
        return FieldType::DateTime;
    case QMetaType::QVariantMap:
    case QMetaType::QJsonObject:
        return FieldType::Map;
    case QMetaType::QVariantList:
    case QMetaType::QStringList:
    case QMetaType::QJsonArray:
        return FieldType::List;
    default:
        return std::nullopt;
    }
}

Result<Schema> Schema::create(const QString &name, const QStringList &prefix, const QList<Field> &fields)
{
    return create(name, prefix, fields, Options());
}

Result<Schema> Schema::create(const QString &name, const QStringList &prefix,
                              const QList<Field> &fields, const Options &options)
{
    return build(name, prefix, fields, options, QMetaType());
}

Result<Schema> Schema::build(const QString &name, const QStringList &prefix,
                             const QList<Field> &fields, const Options &options, QMetaType gadgetType)
{
    if (name.isEmpty())
        return schemaError("schema_missing_name");
    if (prefix.isEmpty())
        return schemaError("schema_empty_prefix", {{u"schema"_s, name}});
    for (qsizetype i = 0; i < prefix.size(); ++i) {
        if (prefix.at(i).isEmpty())
            return schemaError("schema_bad_segment", {{u"schema"_s, name}, {u"index"_s, int(i)}});
    }
    if (options.mode != Mode::Flat && options.mode != Mode::Map)
        return schemaError("schema_unknown_mode", {{u"schema"_s, name}, {u"mode"_s, int(options.mode)}});

    auto data = std::make_unique<SchemaData>();
    data->name = name;
    data->prefix = prefix;
    data->prefixPath = *Path::fromSegments(prefix);
    data->mode = options.mode;
    data->gadgetType = gadgetType;
    data->slugField = options.slugField.isEmpty() ? u"slug"_s : options.slugField;

    bool haveSlug = false;
    for (const Field &f : fields) {
        if (f.name.isEmpty())
            return schemaError("schema_empty_field_name", {{u"schema"_s, name}});
        if (data->index.contains(f.name))
            return schemaError("schema_duplicate_field", {{u"schema"_s, name}, {u"field"_s, f.name}});
        if (f.type < FieldType::String || f.type > FieldType::List)
            return schemaError("schema_unknown_field_type", {{u"schema"_s, name}, {u"field"_s, f.name}});
        if (f.name == data->slugField) {
            if (f.type != FieldType::String)
                return schemaError("schema_slug_not_string", {{u"schema"_s, name}, {u"field"_s, f.name}});
            haveSlug = true;
        }
        data->index.insert(f.name, data->fields.size());
        data->fields.append(f);
    }
    if (!haveSlug) {
        data->fields.prepend(Field{data->slugField, FieldType::String, {}});
        data->index.clear();
        for (qsizetype i = 0; i < data->fields.size(); ++i)
            data->index.insert(data->fields.at(i).name, i);
    }
    for (const QString &r : options.required) {
        if (!data->index.contains(r))
            return schemaError("schema_unknown_required_field", {{u"schema"_s, name}, {u"field"_s, r}});
        if (!data->required.contains(r))
            data->required.append(r);
    }
    return Schema(data.release());
}

Result<Schema> Schema::fromMetaObject(const QMetaObject &metaObject, QMetaType gadgetType,
                                      const QString &name, const QStringList &prefix,
                                      const Options &options)
{
    const QString schemaName = name.isEmpty() ? QString::fromLatin1(metaObject.className()) : name;
    const QString slugField = options.slugField.isEmpty() ? u"slug"_s : options.slugField;
    QList<Field> fields;
    for (int i = 0; i < metaObject.propertyCount(); ++i) {
        const QMetaProperty p = metaObject.property(i);
        const QString fieldName = QString::fromLatin1(p.name());
        const std::optional<FieldType> type = fieldTypeOf(p.metaType());
        if (!type) {
            return schemaError("schema_unsupported_property",
                               {{u"schema"_s, schemaName}, {u"field"_s, fieldName},
                                {u"type"_s, QString::fromLatin1(p.metaType().name())}});
        }
        if (!p.isWritable())
            return schemaError("schema_read_only_property", {{u"schema"_s, schemaName}, {u"field"_s, fieldName}});
        fields.append(Field{fieldName, *type, p.metaType()});
    }
    const bool hasSlug = std::any_of(fields.cbegin(), fields.cend(),
                                     [&](const Field &f) { return f.name == slugField; });
    if (!hasSlug)
        return schemaError("schema_missing_slug_property", {{u"schema"_s, schemaName}, {u"field"_s, slugField}});
    return build(schemaName, prefix, fields, options, gadgetType);
}

namespace {

// The "prefix" of a schema descriptor: a list of segments (a string is the
// legacy dotted form, refused with a hint).
Result<QStringList> descriptorPrefix(const QVariantMap &descriptor, const QString &name)
{
    if (!descriptor.contains(u"prefix"_s))
        return schemaError("schema_missing_prefix", {{u"schema"_s, name}});
    const QVariant prefixValue = descriptor.value(u"prefix"_s);
    if (prefixValue.typeId() == QMetaType::QString) {
        const QString legacy = prefixValue.toString();
        const QStringList hint = legacy.isEmpty() ? QStringList() : legacy.split(u'.');
        const QString hintText = QString::fromUtf8(
                QJsonDocument(QJsonArray::fromStringList(hint)).toJson(QJsonDocument::Compact));
        return schemaError("schema_legacy_prefix",
                           {{u"schema"_s, name}, {u"prefix"_s, legacy},
                            {u"hint"_s, QJsonArray::fromStringList(hint)},
                            {u"message"_s, Schema::tr("write the prefix as the segment list %1").arg(hintText)}});
    }
    if (prefixValue.typeId() != QMetaType::QStringList && prefixValue.typeId() != QMetaType::QVariantList)
        return schemaError("schema_prefix_not_list", {{u"schema"_s, name}});
    const QVariantList prefixItems = prefixValue.toList();
    QStringList prefix;
    for (qsizetype i = 0; i < prefixItems.size(); ++i) {
        const QVariant &segment = prefixItems.at(i);
        if (segment.typeId() != QMetaType::QString || segment.toString().isEmpty())
            return schemaError("schema_bad_segment", {{u"schema"_s, name}, {u"index"_s, int(i)}});
        prefix.append(segment.toString());
    }
    return prefix;
}

// The "mode", "slugField" and "required" of a schema descriptor.
Result<Schema::Options> descriptorOptions(const QVariantMap &descriptor, const QString &name)
{
    using Mode = Schema::Mode;
    Schema::Options options;
    if (descriptor.contains(u"mode"_s)) {
        const QVariant mode = descriptor.value(u"mode"_s);
        const QString modeName = mode.toString();
        if (mode.typeId() == QMetaType::QString && modeName == u"flat")
            options.mode = Mode::Flat;
        else if (mode.typeId() == QMetaType::QString && modeName == u"map")
            options.mode = Mode::Map;
        else if (isNumber(mode) && (mode.toInt() == int(Mode::Flat) || mode.toInt() == int(Mode::Map)))
            options.mode = Mode(mode.toInt());
        else
            return schemaError("schema_unknown_mode", {{u"schema"_s, name}, {u"mode"_s, modeName}});
    }
    if (descriptor.contains(u"slugField"_s)) {
        const QVariant slugField = descriptor.value(u"slugField"_s);
        if (slugField.typeId() != QMetaType::QString || slugField.toString().isEmpty())
            return schemaError("schema_bad_slug_field", {{u"schema"_s, name}});
        options.slugField = slugField.toString();
    }
    if (descriptor.contains(u"required"_s)) {
        const std::optional<QStringList> required = stringList(descriptor.value(u"required"_s));
        if (!required)
            return schemaError("schema_required_not_list", {{u"schema"_s, name}});
        options.required = *required;
    }
    return options;
}

// The "fields" of a schema descriptor: a map of names to type names, or a
// list of {name, type}.
Result<QList<Schema::Field>> descriptorFields(const QVariantMap &descriptor, const QString &name)
{
    QList<Schema::Field> fields;
    auto addField = [&](const QString &fieldName, const QVariant &typeValue) -> Result<void> {
        const std::optional<Schema::FieldType> type = typeValue.typeId() == QMetaType::QString
                ? Schema::fieldTypeFromName(typeValue.toString())
                : std::nullopt;
        if (!type) {
            return schemaError("schema_unknown_field_type",
                               {{u"schema"_s, name}, {u"field"_s, fieldName}, {u"type"_s, typeValue.toString()}});
        }
        fields.append(Schema::Field{fieldName, *type, {}});
        return {};
    };
    const QVariant fieldsValue = descriptor.value(u"fields"_s);
    if (fieldsValue.typeId() == QMetaType::QVariantMap) {
        const QVariantMap map = fieldsValue.toMap();
        for (auto it = map.cbegin(); it != map.cend(); ++it) {
            if (Result<void> r = addField(it.key(), it.value()); !r)
                return r.error();
        }
    } else if (fieldsValue.typeId() == QMetaType::QVariantList) {
        for (const QVariant &item : fieldsValue.toList()) {
            const QVariantMap f = item.toMap();
            if (item.typeId() != QMetaType::QVariantMap || f.value(u"name"_s).typeId() != QMetaType::QString)
                return schemaError("schema_bad_field", {{u"schema"_s, name}});
            if (Result<void> r = addField(f.value(u"name"_s).toString(), f.value(u"type"_s, u"string"_s)); !r)
                return r.error();
        }
    } else if (fieldsValue.isValid()) {
        return schemaError("schema_bad_field", {{u"schema"_s, name}});
    }
    return fields;
}

} // namespace

Result<Schema> Schema::fromDescriptor(const QVariantMap &descriptor)
{
    for (auto it = descriptor.cbegin(); it != descriptor.cend(); ++it) {
        if (!descriptorKeys().contains(it.key()))
            return schemaError("schema_unknown_option", {{u"option"_s, it.key()}});
    }
    const QVariant nameValue = descriptor.value(u"name"_s);
    if (nameValue.typeId() != QMetaType::QString || nameValue.toString().isEmpty())
        return schemaError("schema_missing_name");
    const QString name = nameValue.toString();
    const Result<QStringList> prefix = descriptorPrefix(descriptor, name);
    if (!prefix)
        return prefix.error();
    const Result<Options> options = descriptorOptions(descriptor, name);
    if (!options)
        return options.error();
    const Result<QList<Field>> fields = descriptorFields(descriptor, name);
    if (!fields)
        return fields.error();
    return create(name, *prefix, *fields, *options);
}

bool Schema::isValid() const { return d; }
QString Schema::name() const { return d ? d->name : QString(); }
QStringList Schema::prefix() const { return d ? d->prefix : QStringList(); }
Schema::Mode Schema::mode() const { return d ? d->mode : Mode::Flat; }
QString Schema::slugField() const { return d ? d->slugField : QString(); }
QStringList Schema::required() const { return d ? d->required : QStringList(); }
QList<Schema::Field> Schema::fields() const { return d ? d->fields : QList<Field>(); }
QMetaType Schema::gadgetType() const { return d ? d->gadgetType : QMetaType(); }

QStringList Schema::fieldNames() const
{
    QStringList names;
    if (d) {
        for (const Field &f : d->fields)
            names.append(f.name);
    }
    return names;
}

std::optional<Schema::Field> Schema::field(const QString &name) const
{
    if (!d)
        return std::nullopt;
    const auto it = d->index.constFind(name);
    if (it == d->index.cend())
        return std::nullopt;
    return d->fields.at(*it);
}

Path Schema::prefixPath() const
{
    return d ? d->prefixPath : Path();
}

QString Schema::pattern() const
{
    return d ? d->prefixPath.toString() + u"/**"_s : QString();
}

Result<Path> Schema::recordPath(const QString &slug) const
{
    if (slug.isEmpty())
        return Error(Error::Kind::InvalidParams, u"missing_slug"_s, {{u"message"_s, tr("missing slug")}});
    if (!d)
        return schemaError("schema_invalid");
    return d->prefixPath.child(slug);
}

Result<Path> Schema::fieldPath(const QString &slug, const QString &field) const
{
    Result<Path> record = recordPath(slug);
    if (!record)
        return record;
    if (field.isEmpty())
        return Error(Error::Kind::InvalidPath, u"empty_segment"_s);
    return record->child(field);
}

std::optional<QString> Schema::slugOf(const Path &path) const
{
    if (!d || path.size() <= d->prefix.size() || !d->prefixPath.isAncestorOf(path))
        return std::nullopt;
    return path.segment(d->prefix.size());
}

Result<void> Schema::checkSlug(const QVariant &slug)
{
    if (isNullValue(slug))
        return {};
    if (slug.typeId() != QMetaType::QString)
        return Error(Error::Kind::InvalidParams, u"slug_not_string"_s);
    if (slug.toString().isEmpty())
        return Error(Error::Kind::InvalidParams, u"empty_slug"_s);
    return {};
}

Result<QString> Schema::slugOfRecord(const QVariantMap &record) const
{
    const QVariant slug = plain(record.value(slugField()));
    if (Result<void> ok = checkSlug(slug); !ok)
        return ok.error();
    if (isNullValue(slug))
        return Error(Error::Kind::InvalidParams, u"missing_slug"_s, {{u"message"_s, tr("missing slug")}});
    return slug.toString();
}

Result<QJsonValue> Schema::dumpField(const QString &fieldName, const QVariant &raw) const
{
    const std::optional<Field> f = field(fieldName);
    if (!f)
        return Error(Error::Kind::InvalidParams, u"unknown_field"_s, {{u"field"_s, fieldName}});
    if (isNullValue(raw))
        return QJsonValue(QJsonValue::Null);
    const QVariant value = plain(raw);
    const QJsonValue asJson = QJsonValue::fromVariant(value);
    switch (f->type) {
    case FieldType::String:
        if (value.typeId() == QMetaType::QString)
            return QJsonValue(value.toString());
        break;
    case FieldType::Int:
        if (isNumber(value)) {
            const double d = value.toDouble();
            const auto [low, high] = integerRange(f->metaType);
            if (std::isfinite(d) && std::trunc(d) == d && d >= low && d <= high) {
                const bool isFloat = value.typeId() == QMetaType::Double || value.typeId() == QMetaType::Float;
                return QJsonValue(isFloat ? qint64(d) : value.toLongLong());
            }
        }
        break;
    case FieldType::Double:
        if (isNumber(value) && std::isfinite(value.toDouble()))
            return QJsonValue(value.toDouble());
        break;
    case FieldType::Bool:
        if (value.typeId() == QMetaType::Bool)
            return QJsonValue(value.toBool());
        break;
    case FieldType::DateTime:
        if (value.typeId() == QMetaType::QDateTime)
            return QJsonValue(isoString(value.toDateTime()));
        if (value.typeId() == QMetaType::QString) {
            const QDateTime dt = QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
            if (dt.isValid())
                return QJsonValue(isoString(dt));
        }
        break;
    case FieldType::Map:
        if (value.typeId() == QMetaType::QVariantMap || value.typeId() == QMetaType::QVariantHash)
            return QJsonValue(QJsonObject::fromVariantMap(value.toMap()));
        break;
    case FieldType::List:
        if (value.typeId() == QMetaType::QVariantList || value.typeId() == QMetaType::QStringList)
            return QJsonValue(QJsonArray::fromVariantList(value.toList()));
        break;
    }
    return fieldError(fieldName, f->type, asJson);
}

Result<QJsonObject> Schema::dump(const QVariantMap &record) const
{
    QJsonObject out;
    for (const Field &f : fields()) {
        if (f.name == slugField())
            continue;
        Result<QJsonValue> v = dumpField(f.name, record.value(f.name));
        if (!v)
            return v.error();
        out.insert(f.name, *v);
    }
    return out;
}

namespace {

Result<QVariant> castValue(const Schema::Field &f, const QJsonValue &value)
{
    using FieldType = Schema::FieldType;
    if (value.isNull() || value.isUndefined())
        return QVariant();
    switch (f.type) {
    case FieldType::String:
        if (value.isString())
            return QVariant(value.toString());
        break;
    case FieldType::Int:
        if (value.isDouble()) {
            const double d = value.toDouble();
            const auto [low, high] = integerRange(f.metaType);
            if (std::isfinite(d) && std::trunc(d) == d && d >= low && d <= high)
                return QVariant::fromValue<qint64>(value.toInteger(qint64(d)));
        }
        break;
    case FieldType::Double:
        if (value.isDouble())
            return QVariant(value.toDouble());
        break;
    case FieldType::Bool:
        if (value.isBool())
            return QVariant(value.toBool());
        break;
    case FieldType::DateTime:
        if (value.isString()) {
            const QDateTime dt = QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
            if (dt.isValid())
                return QVariant(dt);
        }
        break;
    case FieldType::Map:
        if (value.isObject())
            return QVariant(value.toObject().toVariantMap());
        break;
    case FieldType::List:
        if (value.isArray())
            return QVariant(value.toArray().toVariantList());
        break;
    }
    return fieldError(f.name, f.type, value);
}

QString listText(const QStringList &names)
{
    return u'[' + names.join(u", "_s) + u']';
}

} // namespace

Result<QVariantMap> Schema::cast(const QString &slug, const QJsonObject &stored) const
{
    QVariantMap record;
    for (const Field &f : fields()) {
        if (f.name == slugField()) {
            record.insert(f.name, slug);
            continue;
        }
        Result<QVariant> v = castValue(f, stored.value(f.name));
        if (!v)
            return v.error();
        record.insert(f.name, *v);
    }
    return record;
}

QStringList Schema::missingRequired(const QVariantMap &record) const
{
    QStringList missing;
    for (const QString &r : required()) {
        const QVariant v = record.value(r);
        if (isNullValue(v) || (v.typeId() == QMetaType::QString && v.toString().isEmpty()))
            missing.append(r);
    }
    return missing;
}

std::optional<QVariantMap> Schema::load(const QString &slug, const QJsonValue &stored) const
{
    const QJsonObject object = stored.toObject();
    QStringList unrecognized;
    for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
        if (!d || !d->index.contains(it.key()))
            unrecognized.append(it.key());
    }
    Result<QVariantMap> record = cast(slug, object);
    if (!record) {
        qCWarning(lcRepo).noquote() << "skipping" << name() << u"slug="_s + slug
                                    << "failed to load:" << record.error().toString();
        return std::nullopt;
    }
    const QStringList missing = missingRequired(*record);
    if (!missing.isEmpty()) {
        QString extra;
        if (!stored.isObject() && !stored.isNull() && !stored.isUndefined()) {
            extra = u" value="_s
                    + QString::fromUtf8(QJsonDocument(QJsonArray{stored}).toJson(QJsonDocument::Compact)).mid(1).chopped(1);
        }
        qCWarning(lcRepo).noquote().nospace() << "skipping " << name() << " slug=" << slug
                                              << " missing=" << listText(missing)
                                              << " unrecognized=" << listText(unrecognized) << extra;
        return std::nullopt;
    }
    return *record;
}

QList<QVariantMap> Schema::loadEntries(const QList<Entry> &entries) const
{
    std::map<QByteArray, StoredRecord> bySlug;
    const qsizetype fieldStart = prefix().size() + 1;
    for (const Entry &e : entries) {
        const std::optional<QString> slug = slugOf(e.path);
        if (!slug || e.path.size() <= fieldStart)
            continue;
        StoredRecord &record = bySlug[Path::escapeSegment(*slug).toUtf8()];
        record.slug = *slug;
        RecordGrouper::insertLeaf(record.fields, e.path.segments(), fieldStart, e.value);
    }
    QList<QVariantMap> records;
    records.reserve(qsizetype(bySlug.size()));
    for (const auto &[key, stored] : bySlug) {
        if (std::optional<QVariantMap> r = load(stored.slug, stored.fields))
            records.append(std::move(*r));
    }
    return records;
}

QVariantMap Schema::readGadget(const void *gadget, QMetaType type) const
{
    Q_ASSERT(d && type == d->gadgetType);
    QVariantMap record;
    if (!d || type != d->gadgetType || !type.metaObject())
        return record;
    const QMetaObject *mo = type.metaObject();
    for (const Field &f : d->fields) {
        const QMetaProperty p = mo->property(mo->indexOfProperty(f.name.toLatin1().constData()));
        const QVariant v = p.readOnGadget(gadget);
        // A round trip through the stored form gives the same value types a
        // record read from the store has.
        const Result<QJsonValue> json = dumpField(f.name, v);
        const Result<QVariant> cast = json ? castValue(f, *json) : Result<QVariant>(json.error());
        record.insert(f.name, cast ? *cast : v);
    }
    return record;
}

void Schema::writeGadget(const QVariantMap &record, void *gadget, QMetaType type) const
{
    Q_ASSERT(d && type == d->gadgetType);
    if (!d || type != d->gadgetType || !type.metaObject())
        return;
    const QMetaObject *mo = type.metaObject();
    for (const Field &f : d->fields) {
        const QMetaProperty p = mo->property(mo->indexOfProperty(f.name.toLatin1().constData()));
        const QVariant v = record.value(f.name);
        p.writeOnGadget(gadget, isNullValue(v) ? QVariant(p.metaType()) : v);
    }
}

bool operator==(const Schema &a, const Schema &b)
{
    if (a.d == b.d)
        return true;
    if (!a.d || !b.d)
        return false;
    return a.d->name == b.d->name && a.d->prefix == b.d->prefix && a.d->mode == b.d->mode
        && a.d->slugField == b.d->slugField && a.d->required == b.d->required
        && a.d->fields == b.d->fields && a.d->gadgetType == b.d->gadgetType;
}

size_t qHash(const Schema &schema, size_t seed)
{
    return qHashMulti(seed, schema.name(), schema.prefix(), int(schema.mode()));
}

QDebug operator<<(QDebug debug, const Schema &schema)
{
    QDebugStateSaver saver(debug);
    debug.nospace() << "Dust::Schema(" << schema.name() << ", " << schema.prefix() << ", "
                    << schema.mode() << ')';
    return debug;
}

} // namespace Dust
