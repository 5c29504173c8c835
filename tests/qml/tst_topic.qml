// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

import QtQuick
import QtTest
import Dust
import Dust.Test
import DustTestHelpers

TestCase {
    id: testCase
    name: "DustTopic"

    readonly property string storeName: "qml/topic"

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
        fields: [{ name: "title", type: "string" }, { name: "url", type: "string" }]
        required: ["url"]
    }

    DustRepo {
        id: repo
        client: client
        schema: links
    }

    Component {
        id: topicComponent
        DustTopic {}
    }

    Component {
        id: repoComponent
        DustRepo {}
    }

    // No schema and no topic: the repo's schema, and the schema's name.
    function openTopic(properties) {
        const all = { repo: repo };
        for (const key in properties)
            all[key] = properties[key];
        return createTemporaryObject(topicComponent, testCase, all);
    }

    function write(slug, title) {
        return server.writeAs("qml-other-device", "links/" + slug, { title: title, url: "https://" + slug });
    }

    function remove(slug) {
        return server.removeAs("qml-other-device", "links/" + slug);
    }

    // What a topic delivers, as "+slug:title" and "-slug".
    function record(topic) {
        const log = [];
        topic.upserted.connect((r) => log.push("+" + r.slug + ":" + r.title));
        topic.deleted.connect((slug) => log.push("-" + slug));
        return log;
    }

    function initTestCase() {
        tryCompare(client, "status", DustClient.Connected, 10000);
    }

    function init() {
        server.removeAs("qml-other-device", "links");
        server.waitSynced(client);
    }

    function test_receivesEvents() {
        const topic = openTopic();
        const log = record(topic);
        tryCompare(topic, "state", DustTopic.Active);
        compare(topic.topic, "");
        // A record is read when its event is decoded: let each write land.
        write("a", "A");
        tryCompare(log, "length", 1);
        write("b", "B");
        tryCompare(log, "length", 2);
        remove("a");
        tryCompare(log, "length", 3);
        compare(log, ["+a:A", "+b:B", "-a"]);
    }

    function test_includeCurrent() {
        write("x", "X");
        write("y", "Y");
        server.waitSynced(client);
        const topic = openTopic({ includeCurrent: true });
        const log = record(topic);
        tryCompare(log, "length", 2);
        compare(log, ["+x:X", "+y:Y"]);
        tryCompare(topic, "state", DustTopic.Active);
        write("z", "Z");
        tryCompare(log, "length", 3);
        compare(log[2], "+z:Z");
    }

    // Another device writes the whole time while the topic joins: every
    // record arrives exactly once, from the current state or live.
    function test_joinWithoutGapOrDuplicate() {
        for (let i = 0; i < 20; ++i)
            write("pre" + i, "P");
        server.waitSynced(client);
        DustTestHelper.startWriter(server, "links/live");
        tryVerify(() => DustTestHelper.written() > 10, 10000);
        const topic = openTopic({ includeCurrent: true, delivery: DustTopic.EveryEvent });
        const seen = {};
        topic.upserted.connect((r) => { seen[r.slug] = (seen[r.slug] || 0) + 1; });
        tryCompare(topic, "state", DustTopic.Active, 10000);
        const atJoin = DustTestHelper.written();
        tryVerify(() => DustTestHelper.written() > atJoin + 50, 10000);
        const written = DustTestHelper.stopWriter();
        server.waitSynced(client);
        tryVerify(() => Object.keys(seen).length === 20 + written, 10000,
                  Object.keys(seen).length + " of " + (20 + written));
        for (const slug in seen)
            compare(seen[slug], 1, slug);
    }

    // A disabled topic is unsubscribed; enabling it subscribes again. A
    // second topic shows when an event has been delivered.
    function test_disableAndEnable() {
        const topic = openTopic();
        const witness = openTopic();
        const log = record(topic);
        const witnessed = record(witness);
        tryCompare(topic, "state", DustTopic.Active);
        tryCompare(witness, "state", DustTopic.Active);
        write("on", "1");
        tryCompare(log, "length", 1);

        topic.enabled = false;
        compare(topic.state, DustTopic.Inactive);
        write("off", "2");
        tryCompare(witnessed, "length", 2);
        compare(log, ["+on:1"]);

        topic.enabled = true;
        tryCompare(topic, "state", DustTopic.Active);
        write("again", "3");
        tryCompare(log, "length", 2);
        compare(log, ["+on:1", "+again:3"]);
    }

    // A handler that turns the topic off as soon as it is live deletes the
    // subscription inside its own stateChanged signal; the topic carries on.
    function test_disableFromStateHandler() {
        const topic = openTopic({ enabled: false });
        let handled = 0;
        topic.stateChanged.connect(() => {
            if (topic.state === DustTopic.Active && handled++ === 0)
                topic.enabled = false;
        });
        topic.enabled = true;
        tryCompare(topic, "state", DustTopic.Inactive);
        compare(handled, 1);
        const log = record(topic);
        topic.enabled = true;
        tryCompare(topic, "state", DustTopic.Active);
        write("later", "L");
        tryCompare(log, "length", 1);
        compare(log, ["+later:L"]);
    }

    function test_destroyedStops() {
        const topic = topicComponent.createObject(testCase, { repo: repo });
        const witness = openTopic();
        const log = record(topic);
        const witnessed = record(witness);
        tryCompare(topic, "state", DustTopic.Active);
        tryCompare(witness, "state", DustTopic.Active);
        write("before", "1");
        tryCompare(log, "length", 1);
        topic.destroy();
        wait(0); // runs the deferred delete
        write("after", "2");
        tryCompare(witnessed, "length", 2);
        compare(log, ["+before:1"]);
    }

    function test_changingTheTopicResubscribes() {
        const topic = openTopic({ topic: "first" });
        const log = record(topic);
        tryCompare(topic, "state", DustTopic.Active);
        topic.topic = "second";
        tryCompare(topic, "state", DustTopic.Active);
        write("t", "T");
        tryCompare(log, "length", 1);
    }

    function test_httpRepoHasNoLiveUpdates() {
        ignoreWarning(/DustTopic: NotSupported\/no_realtime/);
        const http = createTemporaryObject(repoComponent, testCase, {
            baseUrl: server.httpUrl, token: server.token, store: storeName, schema: links
        });
        const errors = [];
        const topic = openTopic({ repo: http, enabled: false });
        topic.errorOccurred.connect((e) => errors.push(e));
        topic.enabled = true;
        compare(topic.state, DustTopic.Error);
        compare(topic.error.code, "no_realtime");
        compare(errors.length, 1);
        compare(errors[0].kindName, "NotSupported");
        verify(errors[0].message.length > 0);
    }

    function test_missingRepo() {
        ignoreWarning(/DustTopic: InvalidParams\/missing_repo/);
        const topic = createTemporaryObject(topicComponent, testCase);
        compare(topic.state, DustTopic.Error);
        compare(topic.error.code, "missing_repo");
    }
}
