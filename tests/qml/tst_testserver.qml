// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

// DustTestServer (module Dust.Test) with public API only: a DustClient bound
// to it, another client's changes showing in a view, restarts, dropped
// connections, and the bad inputs (a taken port, waits that cannot end).

import QtQuick
import QtTest
import Dust
import Dust.Test

TestCase {
    id: testCase
    name: "DustTestServer"
    width: 400
    height: 400

    DustTestServer {
        id: server
        store: "qml/testserver"
    }

    DustClient {
        id: client
        url: server.url
        token: server.token
        stores: [server.store]
    }

    DustSchema {
        id: links
        name: "Link"
        prefix: ["links"]
        fields: [{ name: "title", type: "string" }]
    }

    DustRepo {
        id: repo
        client: client
        schema: links
    }

    ListView {
        id: view
        width: 400
        height: 400
        model: DustListModel {
            repo: repo
            schema: links
            sortRole: "title"
        }
        delegate: Text {
            required property string title
            text: title
        }
    }

    Component {
        id: serverComponent
        DustTestServer {}
    }

    Component {
        id: clientComponent
        DustClient {}
    }

    function titles() {
        view.forceLayout();
        const out = [];
        for (let i = 0; i < view.count; ++i)
            out.push(view.itemAtIndex(i).text);
        return out;
    }

    // `expected` is a regular expression the thrown error must match.
    function expectThrow(call, expected) {
        try {
            call();
        } catch (e) {
            verify(expected.test(e.message), e.message);
            return;
        }
        fail("no error thrown, expected " + expected);
    }

    function initTestCase() {
        tryCompare(client, "status", DustClient.Connected, 10000);
    }

    function test_startsWithUrlAndToken() {
        verify(server.ready);
        verify(server.error.isNull);
        verify(server.port > 0);
        compare(String(server.url), "ws://127.0.0.1:" + server.port + "/ws/sync");
        compare(String(server.httpUrl), "http://127.0.0.1:" + server.port);
        verify(server.token.length > 0);
        compare(client.storeStatus(server.store), DustClient.Connected);
    }

    // What an app's test does: another client changes a record, the view shows it.
    function test_anotherClientChangesTheView() {
        tryCompare(view.model, "status", DustListModel.Ready, 10000);
        verify(server.writeAs("phone", "links/qt", { title: "Qt" }) > 0);
        tryCompare(view, "count", 1);
        compare(titles(), ["Qt"]);
        server.writeAs("laptop", "links/qt/title", "Qt 6");
        tryVerify(() => titles().join() === "Qt 6");
        server.writeAs("phone", "links/dust", { title: "Dust" });
        tryVerify(() => titles().join() === "Dust,Qt 6");
        const seq = server.removeAs("phone", "links/qt");
        compare(server.storeSeq(), seq);
        server.waitSynced(client);
        tryVerify(() => titles().join() === "Dust");
    }

    function test_persistentRestartKeepsData() {
        const other = createTemporaryObject(serverComponent, testCase, { persistent: true });
        verify(other.ready);
        const reader = createTemporaryObject(clientComponent, testCase,
                                             { url: other.url, token: other.token, stores: [other.store] });
        other.writeAs("phone", "kept", 42);
        other.waitSynced(reader);
        const port = other.port;
        other.restart();
        verify(other.ready);
        compare(other.port, port);
        compare(other.storeSeq(), 1);
        other.writeAs("phone", "after", 1);
        other.waitSynced(reader);
        compare(reader.storeStatus(other.store), DustClient.Connected);
    }

    function test_dropConnectionsReconnects() {
        const states = [];
        const record = (store, status) => states.push(status);
        client.storeStatusChanged.connect(record);
        server.dropConnections();
        tryVerify(() => states.length > 0, 10000);
        server.waitSynced(client);
        client.storeStatusChanged.disconnect(record);
        verify(states.length >= 2, JSON.stringify(states));
        verify(states[0] !== DustClient.Connected);
        compare(states[states.length - 1], DustClient.Connected);
    }

    function test_portTaken() {
        ignoreWarning(/DustTestServer: Unavailable\/listen_failed/);
        const taken = createTemporaryObject(serverComponent, testCase, { port: server.port });
        verify(!taken.ready);
        compare(taken.error.code, "listen_failed");
        verify(taken.error.message.length > 0);
        compare(String(taken.url), "");
        // Every later use fails at once, naming the cause.
        expectThrow(() => taken.writeAs("phone", "a", 1), /test_server_not_running.*listen_failed/);
        expectThrow(() => taken.waitSynced(client, 600000), /test_server_not_running/);
    }

    function test_waitSyncedFailsReadably() {
        const closed = createTemporaryObject(clientComponent, testCase,
                                             { url: server.url, token: server.token, stores: [server.store],
                                               active: false });
        expectThrow(() => server.waitSynced(closed, 50),
                    /test_timeout.*not in sync within 50 ms: qml\/testserver is Disconnected/);
        expectThrow(() => server.waitSynced(view, 50), /waitSynced\(\) takes a DustClient/);
    }
}
