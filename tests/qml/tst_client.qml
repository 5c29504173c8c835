// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

import QtQuick
import QtTest
import Dust
import Dust.Test

TestCase {
    id: testCase
    name: "DustClient"

    DustTestServer {
        id: server
        store: "qml/client"
    }

    Component {
        id: clientComponent
        DustClient {
            stores: ["qml/client"]
        }
    }

    // A client of the server; `properties` may replace its url and token.
    function openClient(properties) {
        const all = { url: server.url, token: server.token };
        for (const key in properties)
            all[key] = properties[key];
        return createTemporaryObject(clientComponent, testCase, all);
    }

    SignalSpy {
        id: storeStatusSpy
        signalName: "storeStatusChanged"
    }

    function test_connectsAndCloses() {
        const client = openClient({});
        storeStatusSpy.target = client;
        storeStatusSpy.clear();
        verify(client.active);
        tryCompare(client, "status", DustClient.Connected, 10000);
        // The socket is up before the store's join has been answered.
        tryVerify(() => client.storeStatus("qml/client") === DustClient.Connected, 10000);
        compare(client.storeStatus("qml/other"), DustClient.Disconnected);
        verify(storeStatusSpy.count > 0);
        compare(storeStatusSpy.signalArguments[storeStatusSpy.count - 1][0], "qml/client");
        verify(client.deviceId.length > 0);
        verify(client.error.isNull);

        client.close();
        compare(client.active, false);
        tryCompare(client, "status", DustClient.Disconnected);
        client.open();
        tryCompare(client, "status", DustClient.Connected, 10000);
    }

    function test_messagePack() {
        const client = openClient({ frameFormat: DustClient.MessagePack });
        compare(client.frameFormat, DustClient.MessagePack);
        tryCompare(client, "status", DustClient.Connected, 10000);
        // Switching the format while connected reconnects in the new one.
        client.frameFormat = DustClient.Json;
        compare(client.frameFormat, DustClient.Json);
        tryCompare(client, "status", DustClient.Connected, 10000);
        verify(client.error.isNull);
    }

    function test_inactiveWaits() {
        const client = openClient({ active: false });
        compare(client.status, DustClient.Disconnected);
        client.active = true;
        tryCompare(client, "status", DustClient.Connected, 10000);
    }

    function test_changingStoresReconnects() {
        const client = openClient({});
        tryCompare(client, "status", DustClient.Connected, 10000);
        client.stores = ["qml/client", "qml/client2"];
        tryCompare(client, "status", DustClient.Connected, 10000);
        tryVerify(() => client.storeStatus("qml/client2") === DustClient.Connected, 10000);
    }

    // The server refuses the socket: the client keeps trying and says why.
    function test_badTokenIsRefused() {
        const client = openClient({ token: "dust_tok_wrong" });
        tryVerify(() => !client.error.isNull, 10000);
        verify(client.status !== DustClient.Connected);
        verify(client.error.message.length > 0);
    }

    function test_missingTokenIsADeclarationError() {
        ignoreWarning(/DustClient: InvalidParams\/missing_token/);
        const client = openClient({ token: "" });
        compare(client.error.code, "missing_token");
        compare(client.status, DustClient.Disconnected);
    }

    function test_invalidUrlIsADeclarationError() {
        ignoreWarning(/tst_client\.qml:\d+:\d+: QML DustClient: InvalidParams\/invalid_url/);
        const client = openClient({ url: "http://example.com" });
        compare(client.status, DustClient.Disconnected);
        compare(client.error.code, "invalid_url");
        compare(client.error.kindName, "InvalidParams");
        compare(client.error.retryable, false);
    }
}
