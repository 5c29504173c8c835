pragma ComponentBehavior: Bound

// The Links window: a live list of the links in a Dust store, kept current
// by a DustListModel, with a dialog to add, edit and delete them.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Dust
import DustLinks

ApplicationWindow {
    id: window

    required property url serverUrl
    required property string token
    required property string store
    required property string serverInfo

    // Slugs changed in the last moments (slug -> time), so a row created
    // for a new link flashes too.
    property var recent: ({})
    // True once the first records are shown: later changes flash.
    property bool live: false
    property string activity

    readonly property alias linkCount: linkModel.count
    readonly property alias listModel: linkModel

    function markRecent(slug) {
        window.recent[slug] = Date.now()
    }
    function isRecent(slug) {
        return window.live && (Date.now() - (window.recent[slug] || 0)) < 2000
    }
    function note(text) {
        window.activity = Qt.formatTime(new Date(), "hh:mm:ss") + "  " + text
    }
    function openWindow() {
        const component = Qt.createComponent("Main.qml")
        const other = component.createObject(null, {
            serverUrl: window.serverUrl, token: window.token,
            store: window.store, serverInfo: window.serverInfo
        })
        if (other) {
            other.x = window.x + 40
            other.y = window.y + 40
            other.closing.connect(() => other.destroy())
        }
    }

    width: 1040
    height: 700
    minimumWidth: 680
    minimumHeight: 440
    visible: true
    title: qsTr("Links — %1").arg(window.store)
    color: "#f3f5f8"
    palette.highlight: "#2f6feb"
    palette.highlightedText: "white"
    font.pixelSize: 14

    DustClient {
        id: client
        url: window.serverUrl
        token: window.token
        stores: [window.store]
        onErrorOccurred: (error) => banner.show(qsTr("Connection problem: %1").arg(error.message), true)
        onStatusChanged: {
            if (client.status === DustClient.Connected && banner.isError)
                banner.clear()
        }
    }

    DustSchema {
        id: links
        name: LinkRules.schemaName
        prefix: LinkRules.prefix
        fields: LinkRules.fields
        required: LinkRules.required
        mode: LinkRules.mapMode ? DustSchema.Map : DustSchema.Flat
    }

    DustRepo {
        id: repo
        client: client
        store: window.store
        schema: links
    }

    // A live counter beside the records: how many links this store gained
    // today, from every device that adds through this app.
    DustValue {
        id: addedToday
        client: client
        store: window.store
        path: "stats/added/" + Qt.formatDate(new Date(), "yyyy-MM-dd")
    }

    DustListModel {
        id: linkModel
        repo: repo
        schema: links
        topic: "links"
        sortRole: sortBox.currentValue || "title"
        sortOrder: orderButton.checked ? Qt.DescendingOrder : Qt.AscendingOrder
        onStatusChanged: {
            if (linkModel.status === DustListModel.Ready)
                liveTimer.start()
            else if (linkModel.status === DustListModel.Error && !linkModel.error.isNull)
                banner.show(qsTr("The links cannot be shown: %1").arg(linkModel.error.message), true)
        }
    }

    // The same topic, for the activity line and the highlight of new rows.
    DustTopic {
        repo: repo
        schema: links
        topic: "links"
        onUpserted: (record) => {
            window.markRecent(record.slug)
            if (window.live)
                window.note(qsTr("“%1” saved").arg(record.title))
        }
        onDeleted: (slug) => {
            if (window.live)
                window.note(qsTr("%1 deleted").arg(slug))
        }
    }

    Timer {
        id: liveTimer
        interval: 300
        onTriggered: window.live = true
    }

    Shortcut {
        sequence: "Ctrl+N"
        onActivated: linkDialog.openNew()
    }

    LinkDialog {
        id: linkDialog
        repo: repo
        links: linkModel
        onSaved: (title, added) => {
            if (added)
                addedToday.increment()
            window.note(added ? qsTr("Added “%1”").arg(title) : qsTr("Saved “%1”").arg(title))
        }
    }

    DeleteDialog {
        id: deleteDialog
        repo: repo
        onDeleted: (title) => window.note(qsTr("Deleted “%1”").arg(title))
        onFailed: (message) => banner.show(message, true)
    }

    header: ToolBar {
        implicitHeight: 68
        background: Rectangle {
            color: "white"
            Rectangle {
                anchors.bottom: parent.bottom
                width: parent.width
                height: 1
                color: "#d8dee4"
            }
        }

        RowLayout {
            anchors.fill: parent
            anchors.leftMargin: 20
            anchors.rightMargin: 20
            spacing: 12

            Rectangle {
                implicitWidth: 36
                implicitHeight: 36
                radius: 9
                gradient: Gradient {
                    GradientStop { position: 0; color: "#4f8cff" }
                    GradientStop { position: 1; color: "#2457c5" }
                }
                Repeater {
                    model: 2
                    Rectangle {
                        required property int index
                        x: 7 + index * 9
                        y: 13
                        width: 14
                        height: 10
                        radius: 5
                        color: "transparent"
                        border.color: "white"
                        border.width: 2.5
                    }
                }
            }
            ColumnLayout {
                spacing: 0
                Label {
                    text: qsTr("Links")
                    font.pixelSize: 19
                    font.weight: Font.Bold
                    color: "#1f2328"
                }
                Label {
                    text: (linkModel.status === DustListModel.Loading ? qsTr("Loading…")
                        : linkModel.count === 1 ? qsTr("One link")
                        : qsTr("%n links", "", linkModel.count))
                        + (addedToday.exists ? " · " + qsTr("%n added today", "", addedToday.value) : "")
                    font.pixelSize: 12
                    color: "#57606a"
                }
            }

            Item { Layout.fillWidth: true }

            StatusIndicator {
                status: client.status
            }
            ToolSeparator {}
            Label {
                text: qsTr("Sort by")
                color: "#57606a"
            }
            ComboBox {
                id: sortBox
                textRole: "text"
                valueRole: "value"
                implicitContentWidthPolicy: ComboBox.WidestText
                // A text arrow: Fusion's image indicator leaks its texture in Qt 6.4.
                indicator: Label {
                    x: sortBox.width - width - 10
                    y: (sortBox.height - height) / 2
                    text: "▾"
                    color: "#57606a"
                }
                model: [
                    { value: "title", text: qsTr("Title") },
                    { value: "url", text: qsTr("URL") },
                    { value: "slug", text: qsTr("Slug") }
                ]
            }
            ToolButton {
                id: orderButton
                checkable: true
                text: orderButton.checked ? "↓" : "↑"
                font.pixelSize: 16
                ToolTip.visible: hovered
                ToolTip.text: orderButton.checked ? qsTr("Descending") : qsTr("Ascending")
                Accessible.name: ToolTip.text
            }
            ToolButton {
                text: qsTr("New window")
                onClicked: window.openWindow()
                ToolTip.visible: hovered
                ToolTip.text: qsTr("Open another window on the same store, with its own connection")
            }
            AccentButton {
                text: qsTr("Add link")
                onClicked: linkDialog.openNew()
            }
        }
    }

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: 20
        spacing: 12

        MessageBanner {
            id: banner
            Layout.fillWidth: true
        }

        Rectangle {
            Layout.fillWidth: true
            Layout.fillHeight: true
            radius: 10
            color: "white"
            border.color: "#d8dee4"
            clip: true

            ListView {
                id: list
                anchors.fill: parent
                anchors.margins: 1
                model: linkModel
                boundsBehavior: Flickable.StopAtBounds
                ScrollBar.vertical: ScrollBar {}

                delegate: LinkDelegate {
                    id: row
                    live: window.live
                    onEditRequested: linkDialog.openEdit(linkModel.get(row.index))
                    onDeleteRequested: deleteDialog.ask(String(row.slug), row.titleText)
                    Component.onCompleted: {
                        if (window.isRecent(row.slug))
                            row.flash()
                    }
                }

                add: Transition {
                    NumberAnimation { property: "opacity"; from: 0; to: 1; duration: 250 }
                }
                remove: Transition {
                    NumberAnimation { property: "opacity"; to: 0; duration: 250 }
                }
                // Also finishes the fade-in of a row whose add transition was cut short.
                displaced: Transition {
                    NumberAnimation { properties: "y"; duration: 250; easing.type: Easing.OutCubic }
                    NumberAnimation { property: "opacity"; to: 1; duration: 250 }
                }
            }

            ColumnLayout {
                anchors.centerIn: parent
                visible: linkModel.status === DustListModel.Ready && linkModel.count === 0
                         && client.status === DustClient.Connected
                spacing: 10
                Label {
                    Layout.alignment: Qt.AlignHCenter
                    text: qsTr("No links yet")
                    font.pixelSize: 18
                    font.weight: Font.DemiBold
                    color: "#1f2328"
                }
                Label {
                    Layout.alignment: Qt.AlignHCenter
                    text: qsTr("Add one here, or from anywhere else that uses the store %1.").arg(window.store)
                    color: "#57606a"
                }
                AccentButton {
                    Layout.alignment: Qt.AlignHCenter
                    Layout.topMargin: 6
                    text: qsTr("Add your first link")
                    onClicked: linkDialog.openNew()
                }
            }

            ColumnLayout {
                anchors.centerIn: parent
                visible: linkModel.count === 0 && client.status !== DustClient.Connected
                spacing: 10
                BusyIndicator {
                    Layout.alignment: Qt.AlignHCenter
                    running: client.status === DustClient.Loading
                             || client.status === DustClient.Connecting
                             || client.status === DustClient.Reconnecting
                }
                Label {
                    Layout.alignment: Qt.AlignHCenter
                    text: client.status === DustClient.Unauthorized
                          ? qsTr("The Dust server refused this app")
                          : qsTr("Waiting for the Dust server")
                    font.pixelSize: 18
                    font.weight: Font.DemiBold
                    color: "#1f2328"
                }
                Label {
                    Layout.alignment: Qt.AlignHCenter
                    text: client.status === DustClient.Unauthorized
                          ? qsTr("Check the token and the store (--token, --store), then start the app again.")
                          : qsTr("The links appear as soon as the connection is up.")
                    color: "#57606a"
                }
            }
        }
    }

    footer: Rectangle {
        implicitHeight: 30
        color: "#eaeef2"
        RowLayout {
            anchors.fill: parent
            anchors.leftMargin: 20
            anchors.rightMargin: 20
            spacing: 16
            Label {
                Layout.fillWidth: true
                text: window.serverInfo
                elide: Text.ElideMiddle
                font.pixelSize: 12
                color: "#57606a"
            }
            Label {
                text: window.activity
                font.pixelSize: 12
                color: "#1f2328"
            }
        }
    }
}
