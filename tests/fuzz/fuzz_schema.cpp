// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

// fuzz_schema: schema decoding of records (dust-ecto §1): Schema::
// fromDescriptor on a fuzzed descriptor, and Schema::cast/load/loadEntries,
// dump and Changeset on fuzzed stored values.
//
// Input: text lines. The first line is a schema descriptor as JSON (the form
// QML gives, see Schema::fromDescriptor); when it is not a JSON object, or the
// descriptor is refused, its first byte picks one of the fixed schemas below.
// Every further line (at most 16) is a stored record value as JSON, for the
// slug that line's index gives.
//
// Properties:
// - nothing crashes, asserts or trips ASan/UBSan;
// - a refused descriptor is an InvalidSchema error with a code;
// - cast() gives every field, the slug from the path and values of the
//   field's type, or fails with invalid_field; load() is cast() plus the
//   required guard;
// - what cast() gives dumps, and dumping is stable: dump(cast(dump(r))) =
//   dump(r) (what the repo writes reads back the same);
// - loadEntries() on the records' leaves gives exactly the records load()
//   gives for each slug;
// - a changeset made from a fuzzed change map that validates dumps (a valid
//   changeset can always be written), and setting a record's own values is
//   no change.

#include "fuzzcheck.h"

#include <dustchangeset.h>
#include <dustschema.h>

#include <QtCore/qjsonarray.h>
#include <QtCore/qjsondocument.h>

#include <cstdint>
#include <map>

using namespace Qt::StringLiterals;
using Dust::Schema;
using FieldType = Schema::FieldType;

namespace {

constexpr int MaxRecords = 16;

void quietMessages(QtMsgType type, const QMessageLogContext &, const QString &message)
{
    if (type == QtCriticalMsg || type == QtFatalMsg)
        std::fprintf(stderr, "%s\n", message.toUtf8().constData());
}

QList<Schema::Field> allTypes()
{
    return {{u"title"_s, FieldType::String, {}},   {u"count"_s, FieldType::Int, QMetaType::fromType<int>()},
            {u"big"_s, FieldType::Int, {}},        {u"ratio"_s, FieldType::Double, {}},
            {u"done"_s, FieldType::Bool, {}},      {u"at"_s, FieldType::DateTime, {}},
            {u"meta"_s, FieldType::Map, {}},       {u"tags"_s, FieldType::List, {}}};
}

const QList<Schema> &fixedSchemas()
{
    static const QList<Schema> schemas = [] {
        QList<Schema> list;
        list.append(*Schema::create(u"Flat"_s, {u"links"_s}, allTypes(),
                                    Schema::Options().setRequired({u"slug"_s, u"title"_s})));
        list.append(*Schema::create(u"Map"_s, {u"app"_s, u"links"_s}, allTypes(),
                                    Schema::Options().setMode(Schema::Mode::Map).setSlugField(u"id"_s)));
        list.append(*Schema::create(u"Nested"_s, {u"a/b"_s, u"~"_s}, allTypes(),
                                    Schema::Options().setRequired({u"count"_s, u"at"_s})));
        list.append(*Schema::create(u"Bare"_s, {u"x"_s}, {}, Schema::Options().setMode(Schema::Mode::Map)));
        return list;
    }();
    return schemas;
}

QString slugFor(qsizetype index)
{
    static const QStringList slugs{u"a"_s, u"b/c"_s, u"~1"_s, u"\u00e9"_s, u"."_s, u"x y"_s, u"*"_s, u"_"_s};
    const QString slug = slugs.at(index % slugs.size());
    return index < slugs.size() ? slug : slug + QString::number(index);
}

QString show(const QJsonValue &value)
{
    return QString::fromUtf8(QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact));
}

bool hasFieldType(const QVariant &value, FieldType type)
{
    if (!value.isValid())
        return true;
    switch (type) {
    case FieldType::String:
        return value.typeId() == QMetaType::QString;
    case FieldType::Int:
        return value.typeId() == QMetaType::LongLong;
    case FieldType::Double:
        return value.typeId() == QMetaType::Double;
    case FieldType::Bool:
        return value.typeId() == QMetaType::Bool;
    case FieldType::DateTime:
        return value.typeId() == QMetaType::QDateTime && value.toDateTime().isValid();
    case FieldType::Map:
        return value.typeId() == QMetaType::QVariantMap;
    case FieldType::List:
        return value.typeId() == QMetaType::QVariantList;
    }
    return false;
}

// Checks cast/load/dump on one stored value; returns what load() gave.
std::optional<QVariantMap> checkRecord(const Schema &schema, const QString &slug, const QJsonValue &stored)
{
    const QJsonObject object = stored.toObject();
    const Dust::Result<QVariantMap> cast = schema.cast(slug, object);
    const std::optional<QVariantMap> loaded = schema.load(slug, stored);
    if (!cast) {
        FUZZ_CHECK(cast.error().code() == u"invalid_field", cast.error(), show(stored));
        FUZZ_CHECK(!loaded, "load() read what cast() refused", show(stored));
        return std::nullopt;
    }
    FUZZ_CHECK(cast->size() == schema.fields().size(), *cast, show(stored));
    for (const Schema::Field &field : schema.fields()) {
        FUZZ_CHECK(cast->contains(field.name), field.name, show(stored));
        if (field.name == schema.slugField())
            FUZZ_CHECK(cast->value(field.name) == slug, cast->value(field.name), slug);
        else
            FUZZ_CHECK(hasFieldType(cast->value(field.name), field.type), field.name,
                       cast->value(field.name), show(stored));
    }
    const bool complete = schema.missingRequired(*cast).isEmpty();
    FUZZ_CHECK(loaded.has_value() == complete, schema.required(), *cast, show(stored));
    if (loaded)
        FUZZ_CHECK(*loaded == *cast, *loaded, *cast);

    const Dust::Result<QJsonObject> dumped = schema.dump(*cast);
    FUZZ_CHECK(dumped.hasValue(), "cannot write what was read:", dumped.error(), *cast, show(stored));
    const Dust::Result<QVariantMap> again = schema.cast(slug, *dumped);
    FUZZ_CHECK(again.hasValue(), "cannot read what was written:", again.error(), show(*dumped));
    const Dust::Result<QJsonObject> redumped = schema.dump(*again);
    FUZZ_CHECK(redumped.hasValue() && *redumped == *dumped, "dump is not stable:", show(*dumped),
               redumped ? show(*redumped) : redumped.error().toString());

    // Setting a record's own values is no change.
    Dust::Changeset same(schema, *cast);
    same.change(*cast);
    FUZZ_CHECK(!same.hasChanges() && same.isValid(), same.changes(), same.errors(), *cast);
    return loaded;
}

// A changeset from the stored value as a change map, on an empty record.
void checkChangeset(const Schema &schema, const QString &slug, const QJsonValue &changes)
{
    Dust::Changeset cs(schema, {{schema.slugField(), slug}});
    cs.change(changes.toObject().toVariantMap());
    cs.validateRequired().validateSlug();
    if (!cs.isValid()) {
        FUZZ_CHECK(!cs.errors().isEmpty() && cs.toError().code() == u"invalid_changeset", cs.errors());
        return;
    }
    const Dust::Result<QJsonObject> written = schema.dump(cs.apply());
    FUZZ_CHECK(written.hasValue(), "a valid changeset does not dump:", written.error(), cs.apply(),
               show(changes));
    for (const QString &field : cs.changedFields())
        FUZZ_CHECK(schema.field(field).has_value(), field);
}

// The leaves a store holds for the record `stored` at `slug`: one per field
// (a field that is no path segment cannot be stored and is left out).
void appendLeaves(const Schema &schema, const QString &slug, const QJsonValue &stored,
                  QList<Dust::Entry> *entries, QJsonObject *kept)
{
    const QJsonObject object = stored.toObject();
    for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
        const Dust::Result<Dust::Path> path = schema.fieldPath(slug, it.key());
        if (!path)
            continue;
        Dust::Entry entry;
        entry.path = *path;
        entry.value = it.value();
        entries->append(entry);
        kept->insert(it.key(), it.value());
    }
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    qInstallMessageHandler(quietMessages);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArray input(reinterpret_cast<const char *>(data), qsizetype(size));
    const QList<QByteArray> lines = input.split('\n');

    Schema schema;
    const QByteArray &first = lines.first();
    const QJsonDocument descriptor = QJsonDocument::fromJson(first);
    if (descriptor.isObject()) {
        const Dust::Result<Schema> made = Schema::fromDescriptor(descriptor.object().toVariantMap());
        if (made) {
            FUZZ_CHECK(made->isValid() && !made->slugField().isEmpty(), *made);
            schema = *made;
        } else {
            FUZZ_CHECK(made.error().kind() == Dust::Error::Kind::InvalidSchema
                               && !made.error().code().isEmpty(),
                       made.error());
        }
    }
    if (!schema.isValid())
        schema = fixedSchemas().at(first.isEmpty() ? 0 : quint8(first.at(0)) % fixedSchemas().size());

    QList<Dust::Entry> entries;
    std::map<QString, QVariantMap> expected;
    for (qsizetype i = 1; i < lines.size() && i <= MaxRecords; ++i) {
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson('[' + lines.at(i) + ']', &error);
        if (error.error != QJsonParseError::NoError || document.array().size() != 1)
            continue;
        const QJsonValue stored = document.array().first();
        const QString slug = slugFor(i);
        checkRecord(schema, slug, stored);
        checkChangeset(schema, slug, stored);

        QJsonObject kept;
        appendLeaves(schema, slug, stored, &entries, &kept);
        if (kept.isEmpty())
            continue;   // no leaf: the store has no such record
        if (const std::optional<QVariantMap> record = checkRecord(schema, slug, kept))
            expected.emplace(slug, *record);
    }

    const QList<QVariantMap> loaded = schema.loadEntries(entries);
    std::map<QString, QVariantMap> bySlug;
    for (const QVariantMap &record : loaded) {
        const QString slug = record.value(schema.slugField()).toString();
        FUZZ_CHECK(bySlug.emplace(slug, record).second, "two records for slug", slug);
    }
    FUZZ_CHECK(bySlug == expected, "loadEntries() and load() disagree", loaded.size(), expected.size(),
               loaded);
    return 0;
}
