// Another client adds a link; the app's list, bound to a DustTestServer,
// shows it. Dust and Dust.Test come from the installed QML directory.
import QtQuick
import QtTest
import Dust
import Dust.Test

TestCase {
    name: "InstalledKit"

    DustTestServer { id: server }
    DustClient { id: client; url: server.url; token: server.token; stores: [server.store] }
    DustSchema { id: links; name: "Link"; prefix: ["links"]; fields: [{ name: "title", type: "string" }] }
    DustRepo { id: repo; client: client; schema: links }
    DustListModel { id: model; repo: repo; schema: links }

    function test_seesAnotherClientsLink() {
        verify(server.ready, server.error);
        tryCompare(model, "status", DustListModel.Ready, 10000);
        server.writeAs("phone", "links/qt", { title: "Qt" });
        tryCompare(model, "count", 1, 10000);
        compare(installCheck.librariesOutsidePrefix(), []);
    }
}
