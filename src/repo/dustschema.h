// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#ifndef DUSTSCHEMA_H
#define DUSTSCHEMA_H

#include <dustentry.h>
#include <dustpath.h>
#include <dustresult.h>

#include <QtCore/qcoreapplication.h>
#include <QtCore/qjsonobject.h>
#include <QtCore/qmetatype.h>
#include <QtCore/qshareddata.h>
#include <QtCore/qvariant.h>

#include <concepts>
#include <optional>

namespace Dust {

class SchemaData;

template<typename T>
concept GadgetRecord = requires { T::staticMetaObject; } && !std::derived_from<T, QObject>
        && std::default_initializable<T>;

/*!
    The description of one record type stored in a Dust store: where its
    records live (the prefix), how they are stored (flat: one leaf per field;
    map: one object per record), which field holds the slug, the typed fields,
    and which fields a record needs to be shown at all (the required guard).

    A schema is described once, from a Q_GADGET whose Q_PROPERTYs are the
    fields, or at run time from a descriptor map (what QML uses). Both are
    checked when the schema is created: a bad declaration is an Error of kind
    InvalidSchema that says what is wrong. Records travel as QVariantMap
    (field name to value, slug included) and convert to and from the gadget.

    \code
    struct Link {
        Q_GADGET
        Q_PROPERTY(QString slug MEMBER slug)
        Q_PROPERTY(QString title MEMBER title)
        Q_PROPERTY(QString url MEMBER url)
        Q_PROPERTY(QDateTime addedAt MEMBER addedAt)
    public:
        QString slug, title, url;
        QDateTime addedAt;
    };

    const auto links = Dust::Schema::fromGadget<Link>(
            u"Link"_s, {u"links"_s}, Dust::Schema::Options().setRequired({u"slug"_s, u"url"_s}));
    links->recordPath(u"example.com"_s)->toString();    // "links/example.com"

    // The same schema from a descriptor, as QML writes it:
    const auto fromQml = Dust::Schema::fromDescriptor(QVariantMap{
        {u"name"_s, u"Link"_s}, {u"prefix"_s, QStringList{u"links"_s}},
        {u"fields"_s, QVariantMap{{u"title"_s, u"string"_s}, {u"url"_s, u"string"_s},
                                  {u"addedAt"_s, u"datetime"_s}}},
        {u"required"_s, QStringList{u"slug"_s, u"url"_s}}});
    \endcode

    Schema is an implicitly shared, immutable value; copies are cheap and it
    may be used from any thread.
*/
class DUST_CORE_EXPORT Schema
{
    Q_GADGET
    Q_DECLARE_TR_FUNCTIONS(Dust::Schema)
    Q_PROPERTY(bool valid READ isValid CONSTANT)
    Q_PROPERTY(QString name READ name CONSTANT)
    Q_PROPERTY(QStringList prefix READ prefix CONSTANT)
    Q_PROPERTY(Mode mode READ mode CONSTANT)
    Q_PROPERTY(QString slugField READ slugField CONSTANT)
    Q_PROPERTY(QStringList required READ required CONSTANT)
    Q_PROPERTY(QStringList fieldNames READ fieldNames CONSTANT)

public:
    /// Flat: one leaf per field at `<prefix>/<slug>/<field>`, written one at a
    /// time. Map: the whole record (minus the slug) as one object at
    /// `<prefix>/<slug>`, written atomically.
    enum class Mode { Flat, Map };
    Q_ENUM(Mode)

    /// How a field's JSON value is read and written. DateTime travels as an
    /// ISO 8601 string; Map is a nested object; List is a JSON array.
    enum class FieldType { String, Int, Double, Bool, DateTime, Map, List };
    Q_ENUM(FieldType)

    struct Field
    {
        QString name;
        FieldType type = FieldType::String;
        /// The C++ type of a gadget property; invalid for descriptor fields.
        QMetaType metaType;

        friend bool operator==(const Field &a, const Field &b)
        {
            return a.name == b.name && a.type == b.type && a.metaType == b.metaType;
        }
    };

    /// Schema::Options().setMode(Schema::Mode::Map).setRequired({u"slug"_s})
    struct Options
    {
        Mode mode = Mode::Flat;
        /// Fields a record must have (not null, not "") to be read at all.
        QStringList required;
        /// The field holding the slug; empty means "slug".
        QString slugField;

        Options &setMode(Mode m) { mode = m; return *this; }
        Options &setRequired(const QStringList &fields) { required = fields; return *this; }
        Options &setSlugField(const QString &field) { slugField = field; return *this; }
    };

    Schema();
    Schema(const Schema &other);
    Schema(Schema &&other) noexcept;
    Schema &operator=(const Schema &other);
    Schema &operator=(Schema &&other) noexcept;
    ~Schema();

    /// A schema from typed fields. The slug field is added as a string field
    /// when `fields` does not list it.
    static Result<Schema> create(const QString &name, const QStringList &prefix,
                                 const QList<Field> &fields);
    static Result<Schema> create(const QString &name, const QStringList &prefix,
                                 const QList<Field> &fields, const Options &options);

    /// A schema from a descriptor map, the form QML gives:
    ///   name      string
    ///   prefix    list of segments (a string is the legacy dotted form and is
    ///             rejected with a hint that shows the list to write instead)
    ///   fields    map of name to type name, or a list of {name, type} maps
    ///             (types: string, int, double, bool, datetime, map, list)
    ///   required  list of field names
    ///   mode      "flat" (default) or "map"
    ///   slugField string, default "slug"
    static Result<Schema> fromDescriptor(const QVariantMap &descriptor);

    /// A schema whose fields are the Q_PROPERTYs of gadget T (an empty name
    /// means T's class name). T's slug property must be a QString.
    template<GadgetRecord T>
    static Result<Schema> fromGadget(const QString &name, const QStringList &prefix)
    {
        return fromMetaObject(T::staticMetaObject, QMetaType::fromType<T>(), name, prefix, {});
    }
    template<GadgetRecord T>
    static Result<Schema> fromGadget(const QString &name, const QStringList &prefix,
                                     const Options &options)
    {
        return fromMetaObject(T::staticMetaObject, QMetaType::fromType<T>(), name, prefix, options);
    }
    static Result<Schema> fromMetaObject(const QMetaObject &metaObject, QMetaType gadgetType,
                                         const QString &name, const QStringList &prefix,
                                         const Options &options);

    static QString fieldTypeName(FieldType type);
    static std::optional<FieldType> fieldTypeFromName(QStringView name);
    /// The field type a C++ property type maps to, if it is supported.
    static std::optional<FieldType> fieldTypeOf(QMetaType type);

    bool isValid() const;
    QString name() const;
    QStringList prefix() const;
    Mode mode() const;
    QString slugField() const;
    QStringList required() const;
    /// Every field, the slug field included, in declaration order.
    QList<Field> fields() const;
    QStringList fieldNames() const;
    std::optional<Field> field(const QString &name) const;
    /// The gadget type the schema was made from, or an invalid QMetaType.
    QMetaType gadgetType() const;

    /// Paths (dust-ecto §1.4). recordPath() and fieldPath() fail with
    /// invalid_params/missing_slug for a null or empty slug.
    Path prefixPath() const;
    QString pattern() const;    ///< "<prefix>/**": every leaf of every record
    Result<Path> recordPath(const QString &slug) const;
    Result<Path> fieldPath(const QString &slug, const QString &field) const;
    /// The slug of the record `path` is, or lies under; nothing for a path
    /// outside the prefix or the prefix itself.
    std::optional<QString> slugOf(const Path &path) const;

    /// The slug rules of dust-ecto §1.3: null passes (presence is the
    /// required check's business), "" fails with empty_slug, a non-string
    /// with slug_not_string. '.', '/', '~' and anything else are allowed.
    static Result<void> checkSlug(const QVariant &slug);
    /// The record's slug: Error missing_slug when it is null or "".
    Result<QString> slugOfRecord(const QVariantMap &record) const;

    /// Write side. dumpField() casts a value to the field's JSON form (null
    /// for a null value; Error invalid_field when it cannot be cast). dump()
    /// gives every field except the slug, nulls included; keys that are not
    /// fields are ignored.
    Result<QJsonValue> dumpField(const QString &field, const QVariant &value) const;
    Result<QJsonObject> dump(const QVariantMap &record) const;

    /// Read side (dust-ecto §1.5). cast() builds a record from stored fields:
    /// every schema field is present (an invalid QVariant when absent or
    /// null), the slug comes from the path, unknown keys are ignored, and a
    /// value that cannot be cast is Error invalid_field.
    Result<QVariantMap> cast(const QString &slug, const QJsonObject &stored) const;
    /// cast() plus the required guard: nothing (with a dust.repo warning that
    /// names the missing and unrecognized fields) when a required field is
    /// null or "", or when a value cannot be cast. A non-object value loads
    /// with no fields.
    std::optional<QVariantMap> load(const QString &slug, const QJsonValue &stored) const;
    /// Required fields that are null or "" in `record`.
    QStringList missingRequired(const QVariantMap &record) const;
    /// Groups listed leaves by slug and loads each record; leaves outside the
    /// prefix or exactly at a record path are ignored. Records come in slug
    /// order (the store's path order).
    QList<QVariantMap> loadEntries(const QList<Entry> &entries) const;

    /// Gadget conversion. The schema must have been made from T (checked with
    /// Q_ASSERT; a mismatched type converts nothing).
    template<GadgetRecord T>
    T toGadget(const QVariantMap &record) const
    {
        T gadget{};
        writeGadget(record, &gadget, QMetaType::fromType<T>());
        return gadget;
    }
    template<GadgetRecord T>
    QVariantMap fromGadgetValue(const T &gadget) const
    {
        return readGadget(&gadget, QMetaType::fromType<T>());
    }
    QVariantMap readGadget(const void *gadget, QMetaType type) const;
    void writeGadget(const QVariantMap &record, void *gadget, QMetaType type) const;

    friend DUST_CORE_EXPORT bool operator==(const Schema &a, const Schema &b);
    friend bool operator!=(const Schema &a, const Schema &b) { return !(a == b); }
    friend DUST_CORE_EXPORT size_t qHash(const Schema &schema, size_t seed);

private:
    explicit Schema(SchemaData *data);
    static Result<Schema> build(const QString &name, const QStringList &prefix,
                                const QList<Field> &fields, const Options &options,
                                QMetaType gadgetType);
    QExplicitlySharedDataPointer<const SchemaData> d;
};

DUST_CORE_EXPORT QDebug operator<<(QDebug debug, const Schema &schema);

} // namespace Dust

Q_DECLARE_METATYPE(Dust::Schema)

#endif // DUSTSCHEMA_H
