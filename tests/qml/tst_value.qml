// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

import QtQuick
import QtTest
import Dust
import Dust.Test

TestCase {
    id: testCase
    name: "DustValue"

    readonly property string storeName: "qml/value"

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

    // Another device of the same user: what it sees went through the server.
    DustClient {
        id: otherClient
        url: server.url
        token: server.token
        stores: [testCase.storeName]
    }

    DustValue {
        id: visits
        client: client
        path: "stats/visits"
    }

    DustValue {
        id: otherVisits
        client: otherClient
        path: "stats/visits"
    }

    Component {
        id: valueComponent
        DustValue {}
    }

    function valueAt(owner, path) {
        return createTemporaryObject(valueComponent, testCase, { client: owner, path: path });
    }

    function initTestCase() {
        tryCompare(client, "status", DustClient.Connected, 10000);
        tryCompare(otherClient, "status", DustClient.Connected, 10000);
    }

    function init() {
        server.removeAs("qml-other-device", "stats");
        server.removeAs("qml-other-device", "locks");
        server.waitSynced(client);
        server.waitSynced(otherClient);
    }

    function test_followsWritesOfOtherDevices() {
        compare(visits.exists, false);
        compare(visits.value, undefined);
        compare(visits.entryType, "");
        verify(visits.error.isNull);
        const seq = server.writeAs("qml-other-device", "stats/visits", 5);
        tryCompare(visits, "value", 5);
        compare(visits.exists, true);
        compare(visits.entryType, "integer");
        compare(visits.revision, seq);
        server.removeAs("qml-other-device", "stats");
        tryCompare(visits, "exists", false);
        compare(visits.value, undefined);
    }

    function test_assignmentWritesOptimistically() {
        visits.value = 7;
        // Shown before the server answers...
        compare(visits.value, 7);
        compare(visits.exists, true);
        // ...and committed there: the other device gets it.
        tryCompare(otherVisits, "value", 7, 10000);
        // The committed echo brings the write's revision.
        tryCompare(visits, "revision", otherVisits.revision, 10000);
        verify(visits.revision > 0);
        verify(visits.error.isNull);
        visits.value = { total: 3 };
        tryCompare(otherVisits, "value", { total: 3 }, 10000);
        compare(otherVisits.entryType, "map");
        visits.value = undefined;
        tryCompare(otherVisits, "exists", false, 10000);
    }

    function test_counter() {
        visits.increment(2);
        compare(visits.value, 2);
        visits.increment();
        compare(visits.value, 3);
        compare(visits.entryType, "counter");
        tryCompare(otherVisits, "value", 3, 10000);
        otherVisits.increment(-1);
        tryCompare(visits, "value", 2, 10000);
    }

    function test_set() {
        const tags = valueAt(client, "stats/tags");
        const otherTags = valueAt(otherClient, "stats/tags");
        tags.add("qt");
        tags.add("dust");
        compare(tags.entryType, "set");
        tryVerify(() => otherTags.value !== undefined && otherTags.value.length === 2, 10000);
        verify(otherTags.value.indexOf("qt") >= 0);
        tags.remove("qt");
        compare(tags.value, ["dust"]);
        tryCompare(otherTags, "value", ["dust"], 10000);
    }

    // A path above others reads as the subtree.
    function test_subtree() {
        const stats = valueAt(client, "stats");
        server.writeAs("qml-other-device", "stats/visits", 4);
        server.writeAs("qml-other-device", "stats/users", 2);
        tryCompare(stats, "value", { visits: 4, users: 2 }, 10000);
        compare(stats.entryType, "map");
        visits.increment();
        tryCompare(stats, "value", { visits: 5, users: 2 }, 10000);
        // A write above the path changes what it reads, too.
        server.writeAs("qml-other-device", "stats", { visits: 9 });
        tryCompare(visits, "value", 9, 10000);
        tryCompare(stats, "value", { visits: 9 }, 10000);
    }

    function test_lease() {
        const lock = valueAt(client, "locks/report");
        const otherLock = valueAt(otherClient, "locks/report");
        let granted = null;
        lock.lease(10000, "me", (r) => { granted = r; });
        tryVerify(() => granted !== null, 10000);
        verify(granted.ok, JSON.stringify(granted.error));
        verify(granted.token > 0);
        compare(granted.holder, "me");
        compare(lock.leased, true);
        tryCompare(lock, "entryType", "lease", 10000);
        compare(lock.value.token, granted.token);

        let refused = null;
        otherLock.lease(10000, "them", (r) => { refused = r; });
        tryVerify(() => refused !== null, 10000);
        compare(refused.ok, false);
        compare(refused.error.code, "held");
        compare(otherLock.leased, false);
        compare(otherLock.error.code, "held");

        let renewed = null;
        lock.renew(20000, (r) => { renewed = r; });
        tryVerify(() => renewed !== null, 10000);
        verify(renewed.ok, JSON.stringify(renewed.error));
        let released = null;
        lock.release((r) => { released = r; });
        tryVerify(() => released !== null, 10000);
        compare(released.released, true);
        compare(lock.leased, false);
        lock.release();
        compare(lock.error.code, "not_held");
    }

    // A path that is not one is an error, and nothing is written.
    function test_invalidPath_data() {
        return [
            { tag: "empty segment", path: "stats//visits", code: "empty_segment" },
            { tag: "trailing slash", path: "stats/", code: "empty_segment" },
            { tag: "empty", path: "", code: "empty_path" }
        ];
    }

    function test_invalidPath(data) {
        ignoreWarning(new RegExp("DustValue: InvalidPath/" + data.code));
        const bad = valueAt(client, data.path);
        compare(bad.error.code, data.code);
        compare(bad.error.kindName, "InvalidPath");
        verify(bad.error.message.length > 0);
        const head = server.storeSeq();
        bad.value = 3;
        bad.increment();
        bad.add("x");
        compare(bad.error.code, data.code);
        compare(bad.exists, false);
        compare(bad.value, undefined);
        server.waitSynced(client);
        compare(server.storeSeq(), head);
    }

    function test_missingClient() {
        ignoreWarning(/DustValue: InvalidParams\/missing_client/);
        const orphan = createTemporaryObject(valueComponent, testCase, { path: "stats/visits" });
        compare(orphan.error.code, "missing_client");
        orphan.increment();
        compare(orphan.exists, false);
    }
}
