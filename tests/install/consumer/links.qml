// A list of the "links" topic, as an app's QML would write it. The app sets
// url and token.
import QtQuick
import Dust

Item {
    id: root
    width: 300
    height: 200

    required property url url
    required property string token

    DustClient {
        id: client
        url: root.url
        token: root.token
        stores: ["acme/site"]
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
        objectName: "list"
        anchors.fill: parent
        model: DustListModel {
            repo: repo
            schema: links
            topic: "links"
            sortRole: "title"
        }
        delegate: Text {
            required property string title
            text: title
        }
    }
}
