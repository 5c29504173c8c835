// One link in the list: an initial, the title, the URL and the note, with
// Edit and Delete. flash() marks a link that just changed.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

Rectangle {
    id: card

    required property int index
    required property var slug
    required property var title
    required property var url
    required property var note
    // Flash when the shown values change (false while the list loads).
    property bool live: false

    signal editRequested()
    signal deleteRequested()

    function flash() {
        flashAnimation.restart()
    }

    readonly property string titleText: card.title ? String(card.title) : ""
    readonly property string urlText: card.url ? String(card.url) : ""
    readonly property string noteText: card.note ? String(card.note) : ""
    readonly property string signature: card.titleText + "\n" + card.urlText + "\n" + card.noteText
    onSignatureChanged: if (card.live) card.flash()

    readonly property color avatarColor: {
        let hash = 0
        const key = String(card.slug)
        for (let i = 0; i < key.length; ++i)
            hash = (hash * 31 + key.charCodeAt(i)) % 360
        return Qt.hsla(hash / 360, 0.55, 0.48, 1)
    }

    width: ListView.view ? ListView.view.width : 0
    implicitHeight: 78
    color: hover.hovered ? "#f6f8fa" : "white"

    HoverHandler { id: hover }
    TapHandler {
        acceptedButtons: Qt.LeftButton
        onDoubleTapped: card.editRequested()
    }

    Rectangle {
        id: glow
        anchors.fill: parent
        color: "#fff4c2"
        opacity: 0
    }
    Rectangle {
        width: 4
        height: parent.height
        color: "#e3a008"
        opacity: glow.opacity
    }
    SequentialAnimation {
        id: flashAnimation
        NumberAnimation { target: glow; property: "opacity"; to: 1; duration: 120 }
        PauseAnimation { duration: 1200 }
        NumberAnimation { target: glow; property: "opacity"; to: 0; duration: 1400; easing.type: Easing.InQuad }
    }

    Rectangle {
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        anchors.leftMargin: 72
        height: 1
        color: "#eaeef2"
    }

    RowLayout {
        anchors.fill: parent
        anchors.leftMargin: 18
        anchors.rightMargin: 12
        spacing: 14

        Rectangle {
            Layout.alignment: Qt.AlignVCenter
            implicitWidth: 40
            implicitHeight: 40
            radius: 10
            color: card.avatarColor
            Label {
                anchors.centerIn: parent
                text: card.titleText.length > 0 ? card.titleText.charAt(0).toUpperCase() : "?"
                color: "white"
                font.pixelSize: 18
                font.bold: true
            }
        }

        ColumnLayout {
            Layout.fillWidth: true
            Layout.alignment: Qt.AlignVCenter
            spacing: 2

            RowLayout {
                Layout.fillWidth: true
                spacing: 8
                Label {
                    Layout.fillWidth: false
                    Layout.maximumWidth: card.width * 0.45
                    text: card.titleText
                    elide: Text.ElideRight
                    font.pixelSize: 15
                    font.weight: Font.DemiBold
                    color: "#1f2328"
                }
                Label {
                    text: String(card.slug)
                    elide: Text.ElideRight
                    Layout.fillWidth: true
                    font.pixelSize: 12
                    font.family: "monospace"
                    color: "#8c959f"
                }
            }
            Label {
                id: urlLabel
                Layout.fillWidth: true
                text: card.urlText
                elide: Text.ElideRight
                font.pixelSize: 13
                font.underline: urlHover.hovered
                color: "#0969da"
                HoverHandler { id: urlHover; cursorShape: Qt.PointingHandCursor }
                TapHandler { onTapped: Qt.openUrlExternally(card.urlText) }
            }
            Label {
                Layout.fillWidth: true
                visible: card.noteText.length > 0
                text: card.noteText
                elide: Text.ElideRight
                font.pixelSize: 13
                color: "#57606a"
            }
        }

        Button {
            text: qsTr("Edit")
            flat: true
            onClicked: card.editRequested()
        }
        Button {
            text: qsTr("Delete")
            flat: true
            palette.buttonText: "#cf222e"
            onClicked: card.deleteRequested()
        }
    }
}
