// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

// Fails on purpose (not a tst_*.qml file; see CMakeLists.txt): a
// DustTestServer asked for a taken port fails the test function that uses
// it at once, with a message that names the cause, instead of waiting.

import QtQuick
import QtTest
import Dust
import Dust.Test

TestCase {
    name: "Failing"

    DustTestServer { id: server }
    DustTestServer { id: taken; port: server.port }
    DustClient { id: client; url: server.url; token: server.token; stores: [server.store] }

    function test_useAfterFailedStart() {
        taken.waitSynced(client, 600000);
    }
}
