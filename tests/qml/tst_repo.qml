// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

import QtQuick
import QtTest
import Dust
import Dust.Test

TestCase {
    id: testCase
    name: "DustRepo"

    readonly property string storeName: "qml/repo"

    DustTestServer {
        id: server
        store: testCase.storeName
    }

    DustClient {
        id: client
        url: server.url
        token: server.token
        stores: [testCase.storeName]
    }

    DustSchema {
        id: links
        name: "Link"
        prefix: ["links"]
        fields: [
            { name: "title", type: "string" },
            { name: "url", type: "string" },
            { name: "note", type: "string" },
            { name: "rank", type: "int" }
        ]
        required: ["url"]
    }

    DustRepo {
        id: repo
        client: client
        schema: links
    }

    // Made with the store and schema as initial properties.
    Component {
        id: repoComponent
        DustRepo {}
    }

    SignalSpy {
        id: finishedSpy
        target: repo
        signalName: "finished"
    }

    SignalSpy {
        id: errorSpy
        target: repo
        signalName: "errorOccurred"
    }

    // Runs one operation and waits for its callback.
    function call(target, operation, argument) {
        let result = null;
        target[operation](argument, (r) => { result = r; });
        tryVerify(() => result !== null, 10000, operation + " did not call back");
        return result;
    }

    function initTestCase() {
        tryCompare(client, "status", DustClient.Connected, 10000);
        compare(repo.transport, DustRepo.WebSocket);
        verify(repo.error.isNull);
        compare(repo.store, "");
    }

    function init() {
        finishedSpy.clear();
        errorSpy.clear();
    }

    function test_insertGetUpdateRemove() {
        let r = call(repo, "insert", { slug: "qt", title: "Qt", url: "https://qt.io", rank: 3 });
        verify(r.ok, JSON.stringify(r.error));
        compare(r.operation, "insert");
        compare(r.slug, "qt");
        verify(r.error.isNull);
        compare(r.record.title, "Qt");
        compare(r.record.rank, 3);
        compare(finishedSpy.count, 1);
        compare(finishedSpy.signalArguments[0][0].operation, "insert");
        compare(errorSpy.count, 0);

        r = call(repo, "get", "qt");
        verify(r.ok);
        compare(r.record.url, "https://qt.io");

        // Only the given fields change; a null clears one.
        r = call(repo, "update", { slug: "qt", note: "framework", rank: null });
        verify(r.ok, JSON.stringify(r.error));
        compare(r.record.note, "framework");
        compare(r.record.title, "Qt");
        r = call(repo, "get", "qt");
        compare(r.record.note, "framework");
        compare(r.record.rank, undefined);

        r = call(repo, "remove", "qt");
        verify(r.ok);
        verify(r.storeSeq > 0);
        r = call(repo, "get", "qt");
        verify(r.ok);
        compare(r.record, null);
        compare(errorSpy.count, 0);
    }

    function test_removeTakesARecord() {
        verify(call(repo, "insert", { slug: "rec", url: "https://rec" }).ok);
        const r = call(repo, "remove", { slug: "rec", url: "https://rec" });
        verify(r.ok);
        compare(r.slug, "rec");
        compare(call(repo, "get", "rec").record, null);
    }

    function test_errors_data() {
        return [
            { tag: "missing slug", operation: "insert", argument: { title: "x", url: "https://x" },
              code: "missing_slug" },
            { tag: "empty slug", operation: "insert", argument: { slug: "", url: "https://x" },
              code: "missing_slug" },
            { tag: "slug not a string", operation: "insert", argument: { slug: 7, url: "https://x" },
              code: "invalid_changeset", field: "slug" },
            { tag: "required field", operation: "insert", argument: { slug: "a", title: "x" },
              code: "invalid_changeset", field: "url" },
            { tag: "unknown field", operation: "insert", argument: { slug: "a", url: "https://x", colour: "red" },
              code: "invalid_changeset", field: "colour" },
            { tag: "not an object", operation: "insert", argument: "text", code: "invalid_record" },
            { tag: "update without slug", operation: "update", argument: { title: "x" }, code: "missing_slug" },
            { tag: "update of nothing", operation: "update", argument: { slug: "nope", title: "x" },
              code: "record_not_found" },
            { tag: "remove without slug", operation: "remove", argument: "", code: "missing_slug" }
        ];
    }

    function test_errors(data) {
        const r = call(repo, data.operation, data.argument);
        verify(!r.ok);
        compare(r.operation, data.operation);
        compare(r.error.code, data.code);
        verify(r.error.message.length > 0);
        verify(r.error.kindName.length > 0);
        if (data.field !== undefined)
            verify(r.error.detail.errors[data.field].length > 0, JSON.stringify(r.error.detail));
        compare(errorSpy.count, 1);
        compare(errorSpy.signalArguments[0][0].code, data.code);
        compare(finishedSpy.count, 1);
    }

    function test_updateThatBreaksRequired() {
        verify(call(repo, "insert", { slug: "req", url: "https://req" }).ok);
        const r = call(repo, "update", { slug: "req", url: "" });
        compare(r.error.code, "invalid_changeset");
        compare(call(repo, "get", "req").record.url, "https://req");
    }

    function test_httpWithoutToken() {
        ignoreWarning(/DustRepo: InvalidParams\/missing_token/);
        const http = createTemporaryObject(repoComponent, testCase,
                                           { baseUrl: server.httpUrl, store: storeName, schema: links });
        compare(http.transport, DustRepo.None);
        compare(http.error.code, "missing_token");
        let r = call(http, "insert", { slug: "viahttp", title: "H", url: "https://h" });
        verify(!r.ok);
        compare(r.error.code, "missing_token");

        http.token = server.token;
        verify(http.error.isNull);
        compare(http.transport, DustRepo.Http);
        r = call(http, "insert", { slug: "viahttp", title: "H", url: "https://h" });
        verify(r.ok, JSON.stringify(r.error));
        // The WebSocket repo's live copy gets it too.
        let found = null;
        tryVerify(() => {
            repo.get("viahttp", (g) => { found = g.record; });
            return found !== null;
        }, 10000);
        compare(found.title, "H");
    }

    // Runs an operation that takes no argument and waits for its callback.
    function callBare(target, operation) {
        let result = null;
        target[operation]((r) => { result = r; });
        tryVerify(() => result !== null, 10000, operation + " did not call back");
        return result;
    }

    function httpRepo() {
        return createTemporaryObject(repoComponent, testCase,
                                     { baseUrl: server.httpUrl, token: server.token, store: storeName,
                                       schema: links });
    }

    function slugsOf(records) {
        return records.map(record => record.slug);
    }

    function test_existsAllDeleteAll() {
        verify(callBare(repo, "deleteAll").ok);
        verify(call(repo, "insert", { slug: "b", title: "B", url: "https://b" }).ok);
        verify(call(repo, "insert", { slug: "a", title: "A", url: "https://a", rank: 1 }).ok);
        let r = call(repo, "exists", "a");
        verify(r.ok, JSON.stringify(r.error));
        compare(r.operation, "exists");
        compare(r.exists, true);
        compare(call(repo, "exists", "nope").exists, false);

        r = callBare(repo, "all");
        verify(r.ok, JSON.stringify(r.error));
        compare(r.operation, "all");
        compare(slugsOf(r.records), ["a", "b"]);
        compare(r.records[0].rank, 1);
        compare(r.records[1].title, "B");
        // The HTTP repo reads the same records from the server.
        const http = httpRepo();
        compare(http.transport, DustRepo.Http);
        compare(slugsOf(callBare(http, "all").records), ["a", "b"]);
        compare(call(http, "exists", "b").exists, true);

        r = callBare(repo, "deleteAll");
        verify(r.ok, JSON.stringify(r.error));
        verify(r.storeSeq > 0);
        compare(callBare(repo, "all").records, []);
        compare(call(repo, "exists", "a").exists, false);
        compare(callBare(http, "all").records, []);
        compare(errorSpy.count, 0);
    }

    function test_batchWriteOverHttp() {
        const http = httpRepo();
        verify(callBare(http, "deleteAll").ok);
        verify(call(http, "insert", { slug: "old", url: "https://old" }).ok);
        verify(call(http, "insert", { slug: "keep", title: "K", url: "https://keep", rank: 1 }).ok);
        let r = call(http, "batchWrite", [
            { op: "insert", record: { slug: "n1", title: "N1", url: "https://n1" } },
            { op: "insert", record: { slug: "n2", url: "https://n2", rank: 2 } },
            { op: "update", record: { slug: "keep", title: "Kept" } },
            { op: "remove", slug: "old" }
        ]);
        verify(r.ok, JSON.stringify(r.error));
        compare(r.operation, "batchWrite");
        compare(r.count, 4);
        verify(r.storeSeq > 0);
        r = callBare(http, "all");
        compare(slugsOf(r.records), ["keep", "n1", "n2"]);
        compare(r.records[0].title, "Kept");
        compare(r.records[0].rank, 1);
        compare(r.records[2].rank, 2);
    }

    // A bad op anywhere refuses the whole batch; nothing is written.
    function test_batchWriteErrors_data() {
        return [
            { tag: "unknown op", ops: [{ op: "insert", record: { slug: "x1", url: "https://x" } }, { op: "rename" }],
              code: "unrecognized_batch_op", index: 1 },
            { tag: "remove without slug", ops: [{ op: "insert", record: { slug: "x1", url: "https://x" } },
                                                { op: "remove" }],
              code: "unrecognized_batch_op", index: 1 },
            { tag: "update without slug", ops: [{ op: "update", record: { title: "t" } }],
              code: "unrecognized_batch_op", index: 0 },
            { tag: "not an array", ops: "insert", code: "unrecognized_batch_op" },
            { tag: "insert missing required", ops: [{ op: "insert", record: { slug: "x1", url: "https://x" } },
                                                    { op: "insert", record: { slug: "x2" } }],
              code: "invalid_changeset" }
        ];
    }

    function test_batchWriteErrors(data) {
        const http = httpRepo();
        const r = call(http, "batchWrite", data.ops);
        verify(!r.ok);
        compare(r.error.code, data.code);
        verify(r.error.message.length > 0);
        if (data.index !== undefined)
            compare(r.error.detail.index, data.index);
        compare(call(http, "exists", "x1").exists, false);
    }

    function test_batchWriteNeedsHttp() {
        const r = call(repo, "batchWrite", [{ op: "insert", record: { slug: "ws", url: "https://ws" } }]);
        verify(!r.ok);
        compare(r.error.kindName, "NotSupported");
        compare(call(repo, "exists", "ws").exists, false);
    }

    function test_noSchema() {
        const bare = createTemporaryObject(repoComponent, testCase, { client: client });
        const r = call(bare, "insert", { slug: "x", url: "https://x" });
        compare(r.error.code, "missing_schema");
    }

    function test_busy() {
        let done = false;
        repo.insert({ slug: "busy", url: "https://busy" }, () => { done = true; });
        verify(repo.busy);
        tryVerify(() => done, 10000);
        compare(repo.busy, false);
    }
}
