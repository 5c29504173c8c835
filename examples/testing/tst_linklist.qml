// A QML app's test with Dust.Test: other clients add and change a link, the list shows it.
import QtQuick
import QtTest
import Dust
import Dust.Test

TestCase {
    name: "LinkList"
    width: 200
    height: 200

    DustTestServer { id: server } // a server and a token, on a free port
    DustClient { id: client; url: server.url; token: server.token; stores: [server.store] }
    DustSchema { id: links; name: "Link"; prefix: ["links"]; fields: [{ name: "title", type: "string" }] }
    DustRepo { id: repo; client: client; schema: links }

    ListView { // the app's list of link titles
        id: view
        anchors.fill: parent
        model: DustListModel { repo: repo; schema: links }
        delegate: Text { required property string title; text: title }
    }

    function test_showsLinksAddedElsewhere() {
        tryCompare(view.model, "status", DustListModel.Ready, 10000);
        server.writeAs("phone", "links/qt", { title: "Qt" });
        tryCompare(view, "count", 1);
        view.forceLayout();
        compare((view.itemAtIndex(0) as Text).text, "Qt");
        server.writeAs("laptop", "links/qt/title", "Qt 6");
        tryVerify(() => (view.itemAtIndex(0) as Text).text === "Qt 6");
    }
}
