// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

import QtQuick
import QtTest
import Dust
import Dust.Test
import DustTestHelpers

TestCase {
    id: testCase
    name: "DustListModel"
    width: 400
    height: 800

    readonly property string storeName: "qml/model"

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
            { name: "rank", type: "int" }
        ]
        required: ["url"]
    }

    DustRepo {
        id: repo
        client: client
        schema: links
    }

    // The list's model follows `source` (a DustRepo) with its schema.
    Component {
        id: viewComponent
        ListView {
            id: view
            required property DustRepo source
            width: 400
            height: 800
            model: DustListModel {
                repo: view.source
                schema: view.source.schema
                topic: "links"
                sortRole: "title"
            }
            delegate: Text {
                required property var model
                height: 5
                text: model.slug + ":" + model.title
            }
        }
    }

    // The schema is declared after the list that uses it.
    Component {
        id: lateSchemaComponent
        Item {
            id: lateRoot
            required property DustRepo source
            property alias view: lateView
            ListView {
                id: lateView
                width: 400
                height: 400
                model: DustListModel {
                    repo: lateRoot.source
                    schema: lateSchema
                }
                delegate: Text {
                    required property string slug
                    required property string title
                    height: 5
                    text: slug + ":" + title
                }
            }
            DustSchema {
                id: lateSchema
                name: "Link"
                prefix: ["links"]
                fields: [{ name: "title", type: "string" }, { name: "url", type: "string" }]
            }
        }
    }

    Component {
        id: errorModelComponent
        DustListModel {}
    }

    Component {
        id: repoComponent
        DustRepo {}
    }

    Component {
        id: spyComponent
        SignalSpy {}
    }

    function write(slug, title, rank) {
        return server.writeAs("qml-other-device", "links/" + slug,
                                    { title: title, url: "https://" + slug, rank: rank === undefined ? 0 : rank });
    }

    function spy(target, signalName) {
        return createTemporaryObject(spyComponent, testCase, { target: target, signalName: signalName });
    }

    function slugs(model) {
        const out = [];
        for (let i = 0; i < model.count; ++i)
            out.push(model.get(i).slug);
        return out;
    }

    function texts(view) {
        view.forceLayout();
        const out = [];
        for (let i = 0; i < view.count; ++i)
            out.push(view.itemAtIndex(i).text);
        return out;
    }

    function openView() {
        const view = createTemporaryObject(viewComponent, testCase, { source: repo });
        tryCompare(view.model, "status", DustListModel.Ready, 10000);
        return view;
    }

    function initTestCase() {
        tryCompare(client, "status", DustClient.Connected, 10000);
    }

    function init() {
        server.removeAs("qml-other-device", "links");
        server.waitSynced(client);
    }

    function test_loadsThenFollows() {
        write("b", "Banana");
        write("a", "Apple");
        server.waitSynced(client);
        const view = openView();
        const model = view.model;
        verify(model.error.isNull);
        compare(slugs(model), ["a", "b"]);
        tryCompare(view, "count", 2);
        compare(texts(view), ["a:Apple", "b:Banana"]);

        const reset = spy(model, "modelReset");
        const inserted = spy(model, "rowsInserted");
        const removed = spy(model, "rowsRemoved");
        const moved = spy(model, "rowsMoved");
        const changed = spy(model, "dataChanged");

        write("c", "Cherry");
        tryCompare(model, "count", 3);
        compare(slugs(model), ["a", "b", "c"]);
        compare(inserted.count, 1);

        // A change that keeps the order is only dataChanged.
        write("b", "Blueberry");
        tryVerify(() => model.get(1).title === "Blueberry");
        compare(changed.count, 1);
        compare(moved.count, 0);
        compare(texts(view)[1], "b:Blueberry");

        // One that reorders is a move.
        write("a", "Zucchini");
        tryVerify(() => slugs(model).join() === "b,c,a");
        compare(moved.count, 1);
        compare(texts(view), ["b:Blueberry", "c:Cherry", "a:Zucchini"]);

        server.removeAs("qml-other-device", "links/c");
        tryCompare(model, "count", 2);
        compare(slugs(model), ["b", "a"]);
        compare(removed.count, 1);
        compare(reset.count, 0);
        compare(model.indexOf("a"), 1);
        compare(model.indexOf("c"), -1);
    }

    function test_sortChanges() {
        write("a", "Cat", 2);
        write("b", "Ant", 3);
        write("c", "Bee", 1);
        server.waitSynced(client);
        const view = openView();
        const model = view.model;
        compare(slugs(model), ["b", "c", "a"]);
        const reset = spy(model, "modelReset");
        const layout = spy(model, "layoutChanged");
        model.sortRole = "rank";
        compare(slugs(model), ["c", "a", "b"]);
        model.sortOrder = Qt.DescendingOrder;
        compare(slugs(model), ["b", "a", "c"]);
        model.sortRole = "slug";
        compare(slugs(model), ["c", "b", "a"]);
        compare(layout.count, 3);
        compare(reset.count, 0);
        tryVerify(() => texts(view).join() === "c:Bee,b:Ant,a:Cat");
        // Ties are broken by slug, whatever the order.
        write("d", "Cat", 2);
        model.sortRole = "title";
        model.sortOrder = Qt.AscendingOrder;
        tryCompare(model, "count", 4);
        compare(slugs(model), ["b", "c", "a", "d"]);
    }

    // Search, a JS predicate and several sort keys, live as records change.
    function test_searchAndSort() {
        write("a", "Rust book", 2);
        write("b", "Go book", 1);
        write("c", "rusty nail", 1);
        write("d", "Crab", 2);
        server.waitSynced(client);
        const view = openView();
        const model = view.model;
        model.sortRoles = ["rank", "title"];
        model.sortOrders = [Qt.DescendingOrder, Qt.AscendingOrder];
        compare(slugs(model), ["d", "a", "b", "c"]);
        model.filterRoles = ["title"];
        model.filterText = "RUST";
        compare(slugs(model), ["a", "c"]);
        tryVerify(() => texts(view).join() === "a:Rust book,c:rusty nail");

        // A write that starts matching inserts the row in its place.
        write("b", "Trusty", 1);
        tryCompare(model, "count", 3);
        compare(slugs(model), ["a", "c", "b"]);
        write("a", "Ruby book", 2);
        tryCompare(model, "count", 2);
        compare(slugs(model), ["c", "b"]);

        let minRank = 1;
        model.filterText = "";
        model.filterFunction = link => link.rank >= minRank && link.slug !== "d";
        compare(slugs(model), ["a", "c", "b"]);
        minRank = 2;
        model.invalidateFilter();
        compare(slugs(model), ["a"]);
        write("e", "Elixir", 3);
        tryCompare(model, "count", 2);
        compare(slugs(model), ["e", "a"]);
        model.filterFunction = null;
        compare(slugs(model), ["e", "d", "a", "c", "b"]);
        // Something that is not a function filters nothing, with a warning.
        model.filterFunction = link => link.rank > 2;
        compare(slugs(model), ["e"]);
        ignoreWarning(/filterFunction is not a function; every record is shown/);
        model.filterFunction = "rank > 2";
        compare(model.count, 5);
        compare(model.status, DustListModel.Ready);
        verify(model.error.isNull);
    }

    function test_filter() {
        write("a", "A", 1);
        write("b", "B", 2);
        write("c", "C", 1);
        server.waitSynced(client);
        const model = openView().model;
        model.filterRole = "rank";
        model.filterValue = 1;
        compare(slugs(model), ["a", "c"]);
        write("b", "B", 1);
        tryCompare(model, "count", 3);
    }

    // A model that falls behind in EveryEvent delivery gets a resync: it
    // reloads in place, leaving unchanged rows (and their delegates) alone.
    function test_resync() {
        for (let i = 0; i < 10; ++i)
            write("a" + i, "A" + i);
        server.waitSynced(client);
        const view = openView();
        const model = view.model;
        model.delivery = DustTopic.EveryEvent;
        model.maxBacklog = 5;
        tryCompare(model, "status", DustListModel.Ready, 10000);
        compare(model.count, 10);
        tryCompare(view, "count", 10);
        view.forceLayout();
        const firstDelegate = view.itemAtIndex(0);
        compare(firstDelegate.text, "a0:A0");
        const reset = spy(model, "modelReset");
        const removed = spy(model, "rowsRemoved");
        const changed = spy(model, "dataChanged");
        const resyncs = DustTestHelper.resyncsSeen;

        verify(DustTestHelper.writeWhileBlocked(server, model, "links/z", 50));
        tryCompare(DustTestHelper, "resyncsSeen", resyncs + 1, 10000);
        tryCompare(model, "count", 60, 10000);
        compare(slugs(model).slice(0, 3), ["a0", "a1", "a2"]);
        compare(reset.count, 0);
        compare(removed.count, 0);
        compare(changed.count, 0);
        view.forceLayout();
        verify(view.itemAtIndex(0) === firstDelegate);
    }

    // The model joins while another device writes: every record ends up in
    // it, none missing.
    function test_gapFreeStartUnderConcurrentWrites() {
        for (let i = 0; i < 30; ++i)
            write("pre" + i, "P");
        server.waitSynced(client);
        DustTestHelper.startWriter(server, "links/live");
        tryVerify(() => DustTestHelper.written() > 10, 10000);
        const model = openView().model;
        const atJoin = DustTestHelper.written();
        tryVerify(() => DustTestHelper.written() > atJoin + 50, 10000);
        const written = DustTestHelper.stopWriter();
        server.waitSynced(client);
        tryCompare(model, "count", 30 + written, 10000);
        for (let i = 0; i < written; ++i)
            verify(model.indexOf("live" + i) >= 0, "live" + i);
    }

    function test_schemaDeclaredLater() {
        write("late", "Late");
        server.waitSynced(client);
        const item = createTemporaryObject(lateSchemaComponent, testCase, { source: repo });
        tryCompare(item.view.model, "status", DustListModel.Ready, 10000);
        tryCompare(item.view, "count", 1);
        compare(texts(item.view), ["late:Late"]);
    }

    function test_missingRepo() {
        ignoreWarning(/DustListModel: InvalidParams\/missing_repo/);
        const model = createTemporaryObject(errorModelComponent, testCase);
        compare(model.status, DustListModel.Error);
        compare(model.error.code, "missing_repo");
    }

    function test_httpRepoIsAnError() {
        ignoreWarning(/DustListModel: NotSupported\/no_realtime/);
        const http = createTemporaryObject(repoComponent, testCase, {
            baseUrl: server.httpUrl, token: server.token, store: storeName, schema: links
        });
        const model = createTemporaryObject(errorModelComponent, testCase, { repo: http });
        compare(model.status, DustListModel.Error);
        compare(model.error.code, "no_realtime");
        verify(model.error.message.length > 0);
    }

    function test_invalidSchemaIsAnError() {
        ignoreWarning(/DustSchema: InvalidSchema\/schema_unknown_field_type/);
        const model = createTemporaryObject(errorModelComponent, testCase, { repo: repo });
        links.fields = [{ name: "title", type: "nope" }];
        compare(model.status, DustListModel.Error);
        compare(model.error.code, "schema_unknown_field_type");
        links.fields = [{ name: "title", type: "string" }, { name: "url", type: "string" },
                        { name: "rank", type: "int" }];
        tryCompare(model, "status", DustListModel.Ready, 10000);
        verify(model.error.isNull);
    }
}
