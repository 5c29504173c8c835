// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#include "testrecords.h"

#include <dustchangeset.h>
#include <dustschema.h>
#include <dustschema_p.h>

#include <QtCore/qjsonarray.h>
#include <QtCore/qregularexpression.h>
#include <QtTest/qtest.h>

using namespace Qt::StringLiterals;
using namespace Dust;

namespace {

Schema linkSchema()
{
    return *Schema::fromGadget<Link>(u"Link"_s, {u"links"_s}, Schema::Options().setRequired({u"slug"_s, u"url"_s}));
}

Entry leaf(const QString &rendered, const QJsonValue &value)
{
    Entry e;
    e.path = *Path::parse(rendered);
    e.value = value;
    return e;
}

QVariantMap descriptor()
{
    return {{u"name"_s, u"Link"_s},
            {u"prefix"_s, QStringList{u"links"_s}},
            {u"fields"_s, QVariantList{QVariantMap{{u"name"_s, u"title"_s}, {u"type"_s, u"string"_s}},
                                      QVariantMap{{u"name"_s, u"url"_s}, {u"type"_s, u"string"_s}}}},
            {u"required"_s, QStringList{u"slug"_s, u"url"_s}}};
}

} // namespace

class tst_Schema : public QObject
{
    Q_OBJECT

private slots:
    void gadgetReflection();
    void gadgetFieldTypes();
    void mapMode();
    void descriptorSchema();
    void descriptorFieldMapForm();
    void descriptorErrors_data();
    void descriptorErrors();
    void legacyPrefixHint_data();
    void legacyPrefixHint();
    void gadgetErrors_data();
    void gadgetErrors();
    void slugRules_data();
    void slugRules();
    void missingSlugIsOnlyBlank();
    void paths();
    void slugOf();
    void dumpFlat();
    void dumpCastsAndRejects();
    void castReadSide();
    void loadAppliesRequiredGuard();
    void loadScalarRecord();
    void loadDropsUncastableRecord();
    void loadEntriesGroupsBySlug();
    void loadEntriesDottedPrefix();
    void loadEntriesNestedMap();
    void grouperAcrossPages();
    void gadgetRoundTrip();
    void changeset();
    void changesetDiff();
    void equality();
};

void tst_Schema::gadgetReflection()
{
    const Result<Schema> schema = Schema::fromGadget<Link>(u"Link"_s, {u"links"_s}, Schema::Options().setRequired({u"slug"_s, u"url"_s}));
    QVERIFY2(schema.hasValue(), qPrintable(schema.error().toString()));
    QVERIFY(schema->isValid());
    QCOMPARE(schema->name(), u"Link"_s);
    QCOMPARE(schema->prefix(), QStringList{u"links"_s});
    QCOMPARE(schema->mode(), Schema::Mode::Flat);
    QCOMPARE(schema->required(), (QStringList{u"slug"_s, u"url"_s}));
    QCOMPARE(schema->slugField(), u"slug"_s);
    QCOMPARE(schema->fieldNames(), (QStringList{u"slug"_s, u"title"_s, u"url"_s, u"note"_s, u"added_at"_s}));
    QCOMPARE(schema->gadgetType(), QMetaType::fromType<Link>());
    QCOMPARE(schema->field(u"added_at"_s)->type, Schema::FieldType::DateTime);

    const Result<Schema> unnamed = Schema::fromGadget<Note>({}, {u"notes"_s});
    QCOMPARE(unnamed->name(), u"Note"_s);
    QVERIFY(!Schema().isValid());
}

void tst_Schema::gadgetFieldTypes()
{
    const Result<Schema> schema = Schema::fromGadget<Thing>(u"Thing"_s, {u"things"_s});
    QVERIFY(schema.hasValue());
    using T = Schema::FieldType;
    const QList<std::pair<QString, T>> expected{{u"slug"_s, T::String}, {u"name"_s, T::String},
                                                {u"count"_s, T::Int},   {u"big"_s, T::Int},
                                                {u"score"_s, T::Double}, {u"done"_s, T::Bool},
                                                {u"when"_s, T::DateTime}, {u"meta"_s, T::Map},
                                                {u"tags"_s, T::List}};
    QCOMPARE(schema->fields().size(), expected.size());
    for (const auto &[name, type] : expected)
        QCOMPARE(schema->field(name)->type, type);
}

void tst_Schema::mapMode()
{
    const Result<Schema> schema = Schema::fromGadget<Link>(u"MapLink"_s, {u"map_links"_s}, Schema::Options().setMode(Schema::Mode::Map));
    QCOMPARE(schema->mode(), Schema::Mode::Map);
    QVERIFY(schema->required().isEmpty());
}

void tst_Schema::descriptorSchema()
{
    QVariantMap d = descriptor();
    d.insert(u"mode"_s, u"map"_s);
    d.insert(u"slugField"_s, u"id"_s);
    d.insert(u"required"_s, QStringList{u"id"_s});
    const Result<Schema> schema = Schema::fromDescriptor(d);
    QVERIFY2(schema.hasValue(), qPrintable(schema.error().toString()));
    QCOMPARE(schema->mode(), Schema::Mode::Map);
    QCOMPARE(schema->slugField(), u"id"_s);
    // The slug field is added in front when the descriptor does not list it.
    QCOMPARE(schema->fieldNames(), (QStringList{u"id"_s, u"title"_s, u"url"_s}));
    QCOMPARE(schema->gadgetType(), QMetaType());
}

void tst_Schema::descriptorFieldMapForm()
{
    QVariantMap d = descriptor();
    d.insert(u"fields"_s, QVariantMap{{u"n"_s, u"int"_s}, {u"d"_s, u"double"_s}, {u"b"_s, u"bool"_s},
                                      {u"t"_s, u"datetime"_s}, {u"m"_s, u"map"_s}, {u"l"_s, u"list"_s},
                                      {u"url"_s, u"string"_s}});
    const Result<Schema> schema = Schema::fromDescriptor(d);
    QVERIFY2(schema.hasValue(), qPrintable(schema.error().toString()));
    QCOMPARE(schema->field(u"n"_s)->type, Schema::FieldType::Int);
    QCOMPARE(schema->field(u"l"_s)->type, Schema::FieldType::List);
    QCOMPARE(schema->mode(), Schema::Mode::Flat);
}

void tst_Schema::descriptorErrors_data()
{
    QTest::addColumn<QVariantMap>("descriptor");
    QTest::addColumn<QString>("code");

    auto with = [](const QString &key, const QVariant &value) {
        QVariantMap d = descriptor();
        if (value.isValid())
            d.insert(key, value);
        else
            d.remove(key);
        return d;
    };
    QTest::newRow("missing prefix") << with(u"prefix"_s, {}) << u"schema_missing_prefix"_s;
    QTest::newRow("empty prefix") << with(u"prefix"_s, QStringList()) << u"schema_empty_prefix"_s;
    QTest::newRow("legacy dotted string") << with(u"prefix"_s, u"reading.links"_s) << u"schema_legacy_prefix"_s;
    QTest::newRow("prefix not a list") << with(u"prefix"_s, 42) << u"schema_prefix_not_list"_s;
    QTest::newRow("empty segment") << with(u"prefix"_s, QStringList{u"reading"_s, QString()})
                                   << u"schema_bad_segment"_s;
    QTest::newRow("non-string segment") << with(u"prefix"_s, QVariantList{u"reading"_s, 3})
                                        << u"schema_bad_segment"_s;
    QTest::newRow("unknown mode") << with(u"mode"_s, u"tree"_s) << u"schema_unknown_mode"_s;
    QTest::newRow("mode out of range") << with(u"mode"_s, 7) << u"schema_unknown_mode"_s;
    QTest::newRow("required not a list") << with(u"required"_s, 5) << u"schema_required_not_list"_s;
    QTest::newRow("required non-string") << with(u"required"_s, QVariantList{u"url"_s, 5})
                                         << u"schema_required_not_list"_s;
    QTest::newRow("required field missing") << with(u"required"_s, QStringList{u"nope"_s})
                                            << u"schema_unknown_required_field"_s;
    QTest::newRow("unknown field type")
            << with(u"fields"_s, QVariantMap{{u"x"_s, u"decimal"_s}}) << u"schema_unknown_field_type"_s;
    QTest::newRow("duplicate field")
            << with(u"fields"_s, QVariantList{QVariantMap{{u"name"_s, u"x"_s}}, QVariantMap{{u"name"_s, u"x"_s}}})
            << u"schema_duplicate_field"_s;
    QTest::newRow("bad fields") << with(u"fields"_s, u"title"_s) << u"schema_bad_field"_s;
    QTest::newRow("empty field name")
            << with(u"fields"_s, QVariantList{QVariantMap{{u"name"_s, QString()}}}) << u"schema_empty_field_name"_s;
    QTest::newRow("slug field not string")
            << with(u"fields"_s, QVariantMap{{u"slug"_s, u"int"_s}}) << u"schema_slug_not_string"_s;
    QTest::newRow("missing name") << with(u"name"_s, {}) << u"schema_missing_name"_s;
    QTest::newRow("unknown option") << with(u"requried"_s, QStringList{u"url"_s}) << u"schema_unknown_option"_s;
    QTest::newRow("bad slug field") << with(u"slugField"_s, 1) << u"schema_bad_slug_field"_s;
}

void tst_Schema::descriptorErrors()
{
    QFETCH(QVariantMap, descriptor);
    QFETCH(QString, code);
    const Result<Schema> schema = Schema::fromDescriptor(descriptor);
    QVERIFY(!schema.hasValue());
    QCOMPARE(schema.error().kind(), Error::Kind::InvalidSchema);
    QCOMPARE(schema.error().code(), code);
    // Every code has its own sentence, not the generic kind text.
    QVERIFY(schema.error().message() != QCoreApplication::translate("Dust::Error", "The schema declaration is not valid."));
}

void tst_Schema::legacyPrefixHint_data()
{
    QTest::addColumn<QString>("legacy");
    QTest::addColumn<QStringList>("hint");
    QTest::newRow("dotted") << u"reading.links"_s << QStringList{u"reading"_s, u"links"_s};
    QTest::newRow("single") << u"links"_s << QStringList{u"links"_s};
    QTest::newRow("empty string suggests []") << QString(u""_s) << QStringList();
}

void tst_Schema::legacyPrefixHint()
{
    QFETCH(QString, legacy);
    QFETCH(QStringList, hint);
    QVariantMap d = descriptor();
    d.insert(u"prefix"_s, legacy);
    const Error e = Schema::fromDescriptor(d).error();
    QCOMPARE(e.code(), u"schema_legacy_prefix"_s);
    QCOMPARE(e.detail().value(u"hint").toArray(), QJsonArray::fromStringList(hint));
    QCOMPARE(e.detail().value(u"prefix").toString(), legacy);
    // The migration hint is part of the message users see.
    const QString shown = hint.isEmpty() ? u"[]"_s : u"[\"%1\"]"_s.arg(hint.join(u"\",\""_s));
    QVERIFY2(e.message().contains(shown), qPrintable(e.message()));
}

void tst_Schema::gadgetErrors_data()
{
    QTest::addColumn<Error>("error");
    QTest::addColumn<QString>("code");
    QTest::newRow("empty prefix") << Schema::fromGadget<Link>(u"L"_s, {}).error() << u"schema_empty_prefix"_s;
    QTest::newRow("empty segment") << Schema::fromGadget<Link>(u"L"_s, {u"a"_s, QString()}).error()
                                   << u"schema_bad_segment"_s;
    QTest::newRow("unknown mode") << Schema::fromGadget<Link>(u"L"_s, {u"a"_s}, Schema::Options().setMode(Schema::Mode(9))).error()
                                  << u"schema_unknown_mode"_s;
    QTest::newRow("required field missing")
            << Schema::fromGadget<Link>(u"L"_s, {u"a"_s}, Schema::Options().setRequired({u"slug"_s, u"nope"_s})).error()
            << u"schema_unknown_required_field"_s;
    QTest::newRow("no slug property") << Schema::fromGadget<NoSlug>(u"L"_s, {u"a"_s}).error()
                                      << u"schema_missing_slug_property"_s;
    QTest::newRow("custom slug field missing")
            << Schema::fromGadget<Link>(u"L"_s, {u"a"_s}, Schema::Options().setSlugField(u"id"_s)).error()
            << u"schema_missing_slug_property"_s;
    QTest::newRow("int slug") << Schema::fromGadget<IntSlug>(u"L"_s, {u"a"_s}).error() << u"schema_slug_not_string"_s;
    QTest::newRow("unsupported type") << Schema::fromGadget<Unsupported>(u"L"_s, {u"a"_s}).error()
                                      << u"schema_unsupported_property"_s;
    QTest::newRow("read-only property") << Schema::fromGadget<ReadOnly>(u"L"_s, {u"a"_s}).error()
                                        << u"schema_read_only_property"_s;
}

void tst_Schema::gadgetErrors()
{
    QFETCH(Error, error);
    QFETCH(QString, code);
    QCOMPARE(error.kind(), Error::Kind::InvalidSchema);
    QCOMPARE(error.code(), code);
    QVERIFY(!error.message().isEmpty());
}

void tst_Schema::slugRules_data()
{
    QTest::addColumn<QVariant>("slug");
    QTest::addColumn<QString>("code");
    QTest::newRow("hello") << QVariant(u"hello"_s) << QString();
    QTest::newRow("dot") << QVariant(u"example.com"_s) << QString();
    QTest::newRow("slash") << QVariant(u"a/b"_s) << QString();
    QTest::newRow("tilde, space, unicode") << QVariant(u"~ é 漢"_s) << QString();
    QTest::newRow("null is left to required") << QVariant() << QString();
    QTest::newRow("empty") << QVariant(u""_s) << u"empty_slug"_s;
    QTest::newRow("not a string") << QVariant(5) << u"slug_not_string"_s;
}

void tst_Schema::slugRules()
{
    QFETCH(QVariant, slug);
    QFETCH(QString, code);
    const Result<void> ok = Schema::checkSlug(slug);
    QCOMPARE(ok.error().code(), code);
    Changeset cs(linkSchema(), {{u"slug"_s, slug}, {u"url"_s, u"u"_s}});
    cs.validateSlug();
    QCOMPARE(cs.isValid(), code.isEmpty());
    if (code == u"empty_slug")
        QCOMPARE(cs.errors().value(u"slug"_s), QStringList{u"cannot be empty"_s});
    if (code == u"slug_not_string")
        QCOMPARE(cs.errors().value(u"slug"_s), QStringList{u"must be a string"_s});
}

void tst_Schema::missingSlugIsOnlyBlank()
{
    Changeset cs(linkSchema(), {{u"url"_s, u"https://x"_s}});
    cs.validateRequired().validateSlug();
    QCOMPARE(cs.errors().size(), 1);
    QCOMPARE(cs.errors().value(u"slug"_s), QStringList{u"can't be blank"_s});
    QCOMPARE(cs.toError().code(), u"invalid_changeset"_s);
    QCOMPARE(cs.toError().kind(), Error::Kind::InvalidParams);
}

void tst_Schema::paths()
{
    const Schema links = linkSchema();
    QCOMPARE(links.recordPath(u"foo"_s)->toString(), u"links/foo"_s);
    QCOMPARE(links.recordPath(u"a/b"_s)->toString(), u"links/a~1b"_s);
    QCOMPARE(links.recordPath(u"t~x"_s)->toString(), u"links/t~0x"_s);
    QCOMPARE(links.recordPath(u"example.com"_s)->segments(), (QStringList{u"links"_s, u"example.com"_s}));
    QCOMPARE(links.fieldPath(u"foo"_s, u"title"_s)->toString(), u"links/foo/title"_s);
    QCOMPARE(links.pattern(), u"links/**"_s);
    QCOMPARE(links.prefixPath().toString(), u"links"_s);
    const Error missing = links.recordPath(QString()).error();
    QCOMPARE(missing.kind(), Error::Kind::InvalidParams);
    QCOMPARE(missing.code(), u"missing_slug"_s);
    QCOMPARE(links.slugOfRecord({{u"slug"_s, u""_s}}).error().code(), u"empty_slug"_s);
    QCOMPARE(links.slugOfRecord({}).error().code(), u"missing_slug"_s);

    const Schema reading = *Schema::fromGadget<Link>(u"L"_s, {u"reading"_s, u"links"_s});
    QCOMPARE(reading.pattern(), u"reading/links/**"_s);
    QCOMPARE(reading.recordPath(u"foo"_s)->toString(), u"reading/links/foo"_s);
}

void tst_Schema::slugOf()
{
    const Schema links = linkSchema();
    QCOMPARE(links.slugOf(*Path::parse(u"links/foo")), std::optional<QString>(u"foo"_s));
    QCOMPARE(links.slugOf(*Path::parse(u"links/a~1b/title")), std::optional<QString>(u"a/b"_s));
    QCOMPARE(links.slugOf(*Path::parse(u"links")), std::nullopt);
    QCOMPARE(links.slugOf(*Path::parse(u"linksx/foo")), std::nullopt);
    QCOMPARE(links.slugOf(*Path::parse(u"other/foo")), std::nullopt);
}

void tst_Schema::dumpFlat()
{
    const Schema links = linkSchema();
    const QDateTime at(QDate(2026, 5, 1), QTime(10, 30), Qt::UTC);
    const Result<QJsonObject> dumped = links.dump({{u"slug"_s, u"foo"_s}, {u"title"_s, u"Foo"_s},
                                                   {u"added_at"_s, at}, {u"unknown"_s, 1}});
    QVERIFY(dumped.hasValue());
    // Every field but the slug, nulls included; unknown keys are not fields.
    QCOMPARE(*dumped, (QJsonObject{{u"title"_s, u"Foo"_s}, {u"url"_s, QJsonValue::Null},
                                   {u"note"_s, QJsonValue::Null}, {u"added_at"_s, u"2026-05-01T10:30:00Z"_s}}));
}

void tst_Schema::dumpCastsAndRejects()
{
    const Schema things = *Schema::fromGadget<Thing>(u"Thing"_s, {u"things"_s});
    QCOMPARE(*things.dumpField(u"count"_s, 3.0), QJsonValue(3));
    QCOMPARE(*things.dumpField(u"big"_s, qint64(1) << 40), QJsonValue(qint64(1) << 40));
    QCOMPARE(*things.dumpField(u"score"_s, 2), QJsonValue(2.0));
    QCOMPARE(*things.dumpField(u"done"_s, true), QJsonValue(true));
    QCOMPARE(*things.dumpField(u"when"_s, u"2026-01-02T03:04:05.678+01:00"_s), QJsonValue(u"2026-01-02T02:04:05.678Z"_s));
    QCOMPARE(*things.dumpField(u"meta"_s, QVariantMap{{u"a"_s, QVariantMap{{u"b"_s, 1}}}}),
             QJsonValue(QJsonObject{{u"a"_s, QJsonObject{{u"b"_s, 1}}}}));
    QCOMPARE(*things.dumpField(u"tags"_s, QStringList{u"x"_s}), QJsonValue(QJsonArray{u"x"_s}));
    QCOMPARE(*things.dumpField(u"name"_s, QString()), QJsonValue(QJsonValue::Null));
    QCOMPARE(*things.dumpField(u"when"_s, QDateTime()), QJsonValue(QJsonValue::Null));

    for (const auto &[field, value] : QList<std::pair<QString, QVariant>>{
                 {u"count"_s, 1.5}, {u"count"_s, u"3"_s}, {u"count"_s, qint64(1) << 40},
                 {u"done"_s, 1}, {u"name"_s, 5}, {u"when"_s, u"yesterday"_s}, {u"meta"_s, u"x"_s},
                 {u"tags"_s, u"x"_s}, {u"score"_s, qQNaN()}}) {
        const Result<QJsonValue> r = things.dumpField(field, value);
        QVERIFY2(!r.hasValue(), qPrintable(field));
        QCOMPARE(r.error().code(), u"invalid_field"_s);
        QCOMPARE(r.error().detail().value(u"field").toString(), field);
    }
    QCOMPARE(things.dumpField(u"nope"_s, 1).error().code(), u"unknown_field"_s);
}

void tst_Schema::castReadSide()
{
    const Schema things = *Schema::fromGadget<Thing>(u"Thing"_s, {u"things"_s});
    const Result<QVariantMap> r = things.cast(
            u"foo"_s, {{u"slug"_s, u"ignored"_s}, {u"count"_s, 4}, {u"score"_s, 1.5}, {u"done"_s, true},
                       {u"when"_s, u"2026-05-01T10:30:00Z"_s}, {u"meta"_s, QJsonObject{{u"a"_s, 1}}},
                       {u"tags"_s, QJsonArray{u"t"_s}}, {u"extra"_s, u"ignored"_s}});
    QVERIFY2(r.hasValue(), qPrintable(r.error().toString()));
    QCOMPARE(r->value(u"slug"_s).toString(), u"foo"_s);   // the path's slug wins
    QCOMPARE(r->value(u"count"_s), QVariant::fromValue<qint64>(4));
    QCOMPARE(r->value(u"score"_s).toDouble(), 1.5);
    QCOMPARE(r->value(u"done"_s).toBool(), true);
    QCOMPARE(r->value(u"when"_s).toDateTime(), QDateTime(QDate(2026, 5, 1), QTime(10, 30), Qt::UTC));
    QCOMPARE(r->value(u"meta"_s).toMap(), (QVariantMap{{u"a"_s, 1}}));
    QCOMPARE(r->value(u"tags"_s).toList(), QVariantList{u"t"_s});
    QVERIFY(!r->contains(u"extra"_s));
    QVERIFY(r->contains(u"name"_s));
    QVERIFY(!r->value(u"name"_s).isValid());
    // int property range is checked on read too.
    QCOMPARE(things.cast(u"foo"_s, {{u"count"_s, 1e12}}).error().code(), u"invalid_field"_s);
    QCOMPARE(things.cast(u"foo"_s, {{u"big"_s, 1e12}})->value(u"big"_s), QVariant::fromValue<qint64>(1000000000000));
}

void tst_Schema::loadAppliesRequiredGuard()
{
    const Schema links = linkSchema();
    QTest::ignoreMessage(QtWarningMsg, "skipping Link slug=foo missing=[url] unrecognized=[extra]");
    QCOMPARE(links.load(u"foo"_s, QJsonObject{{u"title"_s, u"Foo"_s}, {u"extra"_s, 1}}), std::nullopt);
    QTest::ignoreMessage(QtWarningMsg, "skipping Link slug=bar missing=[url] unrecognized=[]");
    QCOMPARE(links.load(u"bar"_s, QJsonObject{{u"url"_s, u""_s}}), std::nullopt);
    const std::optional<QVariantMap> ok = links.load(u"baz"_s, QJsonObject{{u"url"_s, u"https://baz"_s}});
    QVERIFY(ok);
    QCOMPARE(ok->value(u"url"_s).toString(), u"https://baz"_s);
    QCOMPARE(links.missingRequired({{u"slug"_s, u"x"_s}, {u"url"_s, QVariant()}}), QStringList{u"url"_s});
}

void tst_Schema::loadScalarRecord()
{
    const Schema notes = *Schema::fromGadget<Note>(u"Note"_s, {u"notes"_s});
    const std::optional<QVariantMap> r = notes.load(u"foo"_s, QJsonValue(u"just a string"_s));
    QVERIFY(r);
    QCOMPARE(r->value(u"slug"_s).toString(), u"foo"_s);
    QVERIFY(!r->value(u"text"_s).isValid());

    QTest::ignoreMessage(QtWarningMsg, R"(skipping Link slug=foo missing=[url] unrecognized=[] value="scalar")");
    QCOMPARE(linkSchema().load(u"foo"_s, QJsonValue(u"scalar"_s)), std::nullopt);
}

void tst_Schema::loadDropsUncastableRecord()
{
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"skipping Link slug=foo failed to load: .*invalid_field"_s));
    QCOMPARE(linkSchema().load(u"foo"_s, QJsonObject{{u"url"_s, u"u"_s}, {u"added_at"_s, u"not a date"_s}}),
             std::nullopt);
}

void tst_Schema::loadEntriesGroupsBySlug()
{
    const Schema links = linkSchema();
    QTest::ignoreMessage(QtWarningMsg, "skipping Link slug=bar missing=[url] unrecognized=[]");
    const QList<QVariantMap> records = links.loadEntries({
            leaf(u"links/zed/url"_s, u"https://zed"_s),
            leaf(u"links/foo/title"_s, u"Foo"_s),
            leaf(u"links/foo/url"_s, u"https://foo"_s),
            leaf(u"links/bar/title"_s, u"Bar only"_s),
            leaf(u"links/solo"_s, u"a leaf exactly at a record path is ignored"_s),
            leaf(u"other/x/url"_s, u"outside the prefix"_s),
            leaf(u"links/a~1b/url"_s, u"https://ab"_s),
    });
    QCOMPARE(records.size(), 3);
    QCOMPARE(records.at(0).value(u"slug"_s).toString(), u"a/b"_s);
    QCOMPARE(records.at(1).value(u"slug"_s).toString(), u"foo"_s);
    QCOMPARE(records.at(1).value(u"title"_s).toString(), u"Foo"_s);
    QCOMPARE(records.at(2).value(u"slug"_s).toString(), u"zed"_s);
}

void tst_Schema::loadEntriesDottedPrefix()
{
    const Schema reading = *Schema::fromGadget<Link>(u"L"_s, {u"reading"_s, u"links"_s});
    const QList<QVariantMap> records = reading.loadEntries({leaf(u"reading/links/foo/url"_s, u"u"_s),
                                                            leaf(u"reading/other/x/url"_s, u"no"_s),
                                                            leaf(u"links/foo/url"_s, u"no"_s)});
    QCOMPARE(records.size(), 1);
    QCOMPARE(records.first().value(u"slug"_s).toString(), u"foo"_s);
}

void tst_Schema::loadEntriesNestedMap()
{
    const Schema things = *Schema::fromGadget<Thing>(u"Thing"_s, {u"things"_s});
    const QList<QVariantMap> records = things.loadEntries({leaf(u"things/foo/meta/a"_s, 1),
                                                           leaf(u"things/foo/meta/b/c"_s, u"deep"_s),
                                                           leaf(u"things/foo/name"_s, u"Foo"_s)});
    QCOMPARE(records.size(), 1);
    QCOMPARE(records.first().value(u"meta"_s).toMap(),
             (QVariantMap{{u"a"_s, 1}, {u"b"_s, QVariantMap{{u"c"_s, u"deep"_s}}}}));
}

void tst_Schema::grouperAcrossPages()
{
    RecordGrouper grouper(linkSchema());
    QCOMPARE(grouper.add(leaf(u"links/a/title"_s, u"A"_s)), std::nullopt);
    // Page boundary here: the open record stays open.
    QCOMPARE(grouper.add(leaf(u"links/a/url"_s, u"u"_s)), std::nullopt);
    const std::optional<StoredRecord> a = grouper.add(leaf(u"links/b/url"_s, u"v"_s));
    QVERIFY(a);
    QCOMPARE(a->slug, u"a"_s);
    QCOMPARE(a->fields, (QJsonObject{{u"title"_s, u"A"_s}, {u"url"_s, u"u"_s}}));
    QCOMPARE(grouper.add(leaf(u"other/c/url"_s, u"x"_s)), std::nullopt);
    const std::optional<StoredRecord> b = grouper.finish();
    QCOMPARE(b->slug, u"b"_s);
    QCOMPARE(grouper.finish(), std::nullopt);
}

void tst_Schema::gadgetRoundTrip()
{
    const Schema things = *Schema::fromGadget<Thing>(u"Thing"_s, {u"things"_s});
    Thing t;
    t.slug = u"a b/c~d é"_s;
    t.name = u"Name"_s;
    t.count = -7;
    t.big = qint64(1) << 50;
    t.score = 0.25;
    t.done = true;
    t.when = QDateTime(QDate(2026, 2, 3), QTime(4, 5, 6, 789), Qt::UTC);
    t.meta = {{u"k"_s, QVariantMap{{u"n"_s, 1.5}}}};
    t.tags = {u"x"_s, u"y"_s};
    const QVariantMap map = things.fromGadgetValue(t);
    QCOMPARE(map.value(u"count"_s), QVariant::fromValue<qint64>(-7));
    const Thing back = things.toGadget<Thing>(map);
    QCOMPARE(back.slug, t.slug);
    QCOMPARE(back.count, t.count);
    QCOMPARE(back.big, t.big);
    QCOMPARE(back.score, t.score);
    QCOMPARE(back.done, t.done);
    QCOMPARE(back.when, t.when);
    QCOMPARE(back.meta, t.meta);
    QCOMPARE(back.tags, t.tags);
    // Through the stored form as well.
    const Result<QVariantMap> stored = things.cast(t.slug, *things.dump(map));
    QCOMPARE(things.toGadget<Thing>(*stored).meta, t.meta);
    // Null values give the property's default.
    const Thing empty = things.toGadget<Thing>({{u"slug"_s, u"x"_s}});
    QCOMPARE(empty.count, 0);
    QVERIFY(empty.name.isNull());
}

void tst_Schema::changeset()
{
    const Schema links = linkSchema();
    Changeset cs(links, {{u"slug"_s, u"foo"_s}, {u"title"_s, u"Foo"_s}, {u"url"_s, u"u"_s}});
    QVERIFY(!cs.hasChanges());
    cs.change(u"title"_s, u"Foo"_s);
    QVERIFY(!cs.hasChanges());
    cs.change(u"note"_s, u"n"_s).change(u"title"_s, u"Bar"_s);
    QCOMPARE(cs.changedFields(), (QStringList{u"title"_s, u"note"_s}));
    QCOMPARE(cs.apply().value(u"title"_s).toString(), u"Bar"_s);
    cs.change(u"title"_s, u"Foo"_s);
    QCOMPARE(cs.changedFields(), QStringList{u"note"_s});
    QVERIFY(cs.isValid());
    cs.change(u"added_at"_s, 12).change(u"bogus"_s, 1);
    QVERIFY(!cs.isValid());
    QCOMPARE(cs.errors().value(u"added_at"_s), QStringList{u"is invalid"_s});
    QCOMPARE(cs.errors().value(u"bogus"_s), QStringList{u"is not a field"_s});
    QCOMPARE(cs.toError().detail().value(u"errors").toObject().value(u"bogus").toArray().size(), 1);

    Changeset blank(links, {{u"slug"_s, u"foo"_s}});
    blank.change(u"url"_s, u""_s).validateRequired();
    QCOMPARE(blank.errors().value(u"url"_s), QStringList{u"can't be blank"_s});
}

void tst_Schema::changesetDiff()
{
    const Schema links = linkSchema();
    Link before{u"foo"_s, u"Foo"_s, u"u"_s, {}, {}};
    Link after = before;
    after.note = u"note"_s;
    const Changeset cs = Changeset::diff(links, links.fromGadgetValue(before), links.fromGadgetValue(after));
    QCOMPARE(cs.changedFields(), QStringList{u"note"_s});
    QCOMPARE(cs.applyTo<Link>(), after);
    QVERIFY(!Changeset::diff(links, links.fromGadgetValue(before), links.fromGadgetValue(before)).hasChanges());
}

void tst_Schema::equality()
{
    QCOMPARE(linkSchema(), linkSchema());
    QCOMPARE(qHash(linkSchema(), 0), qHash(linkSchema(), 0));
    QVERIFY(linkSchema() != *Schema::fromGadget<Link>(u"Link"_s, {u"links"_s}));
    QVERIFY(linkSchema() != *Schema::fromGadget<Link>(u"Link"_s, {u"links"_s}, Schema::Options().setMode(Schema::Mode::Map).setRequired({u"slug"_s, u"url"_s})));
}

QTEST_GUILESS_MAIN(tst_Schema)
#include "tst_schema.moc"
