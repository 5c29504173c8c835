// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

import QtQuick
import QtTest
import Dust

TestCase {
    id: testCase
    name: "DustSchema"

    Component {
        id: bareSchema
        DustSchema {}
    }

    Component {
        id: linkSchema
        DustSchema {
            name: "Link"
            prefix: ["links"]
            fields: [
                { name: "title", type: "string" },
                { name: "rank", type: "int" },
                { name: "addedAt", type: "datetime" }
            ]
            required: ["title"]
        }
    }

    SignalSpy {
        id: validSpy
        signalName: "validChanged"
    }

    SignalSpy {
        id: errorSpy
        signalName: "errorChanged"
    }

    SignalSpy {
        id: occurredSpy
        signalName: "errorOccurred"
    }

    function test_valid() {
        const schema = createTemporaryObject(linkSchema, testCase);
        verify(schema.valid);
        verify(schema.error.isNull);
        compare(schema.fieldNames.length, 4);
        verify(schema.fieldNames.indexOf("slug") >= 0);
        verify(schema.fieldNames.indexOf("addedAt") >= 0);
        compare(schema.mode, DustSchema.Flat);
        compare(schema.slugField, "slug");
    }

    function test_mapModeAndSlugField() {
        const schema = createTemporaryObject(linkSchema, testCase,
                                             { mode: DustSchema.Map, slugField: "key" });
        verify(schema.valid);
        verify(schema.fieldNames.indexOf("key") >= 0);
        verify(schema.fieldNames.indexOf("slug") < 0);
    }

    function test_fieldsAsAMap() {
        const schema = createTemporaryObject(bareSchema, testCase, {
            name: "Note", prefix: ["notes"], fields: { body: "string", pinned: "bool" }
        });
        verify(schema.valid);
        verify(schema.fieldNames.indexOf("pinned") >= 0);
    }

    function test_declarationErrors_data() {
        return [
            { tag: "no name", props: { prefix: ["links"] }, code: "schema_missing_name" },
            { tag: "no prefix", props: { name: "Link" }, code: "schema_missing_prefix" },
            { tag: "dotted prefix", props: { name: "Link", prefix: "acme.links" }, code: "schema_legacy_prefix" },
            { tag: "empty segment", props: { name: "Link", prefix: ["acme", ""] }, code: "schema_bad_segment" },
            { tag: "unknown type", props: { name: "Link", prefix: ["links"], fields: [{ name: "title", type: "text" }] },
              code: "schema_unknown_field_type" },
            { tag: "field twice", props: { name: "Link", prefix: ["links"],
                                           fields: [{ name: "title" }, { name: "title" }] },
              code: "schema_duplicate_field" },
            { tag: "unknown required", props: { name: "Link", prefix: ["links"], required: ["nope"] },
              code: "schema_unknown_required_field" },
            { tag: "empty slug field", props: { name: "Link", prefix: ["links"], slugField: "" },
              code: "schema_bad_slug_field" }
        ];
    }

    function test_declarationErrors(data) {
        ignoreWarning(new RegExp("tst_schema\\.qml:\\d+:\\d+: QML DustSchema: InvalidSchema/" + data.code));
        const schema = createTemporaryObject(bareSchema, testCase, data.props);
        verify(!schema.valid);
        compare(schema.error.code, data.code);
        compare(schema.error.kindName, "InvalidSchema");
        verify(schema.error.message.length > 0);
        compare(schema.fieldNames.length, 0);
    }

    function test_legacyPrefixGetsAHint() {
        ignoreWarning(/schema_legacy_prefix/);
        const schema = createTemporaryObject(bareSchema, testCase, { name: "Link", prefix: "acme.links" });
        compare(schema.error.detail.hint, ["acme", "links"]);
    }

    function test_fixingTheDeclaration() {
        ignoreWarning(/schema_missing_prefix/);
        const schema = createTemporaryObject(bareSchema, testCase, { name: "Link" });
        validSpy.target = schema;
        errorSpy.target = schema;
        occurredSpy.target = schema;
        validSpy.clear();
        errorSpy.clear();
        occurredSpy.clear();
        verify(!schema.valid);
        schema.prefix = ["links"];
        verify(schema.valid);
        verify(schema.error.isNull);
        compare(validSpy.count, 1);
        compare(errorSpy.count, 1);
        ignoreWarning(/schema_unknown_field_type/);
        schema.fields = [{ name: "title", type: "colour" }];
        verify(!schema.valid);
        compare(schema.error.code, "schema_unknown_field_type");
        compare(schema.error.detail.field, "title");
        // The signal carries the same Dust::Error the property holds.
        compare(occurredSpy.count, 1);
        compare(occurredSpy.signalArguments[0][0].code, "schema_unknown_field_type");
        compare(occurredSpy.signalArguments[0][0].kindName, "InvalidSchema");
    }
}
