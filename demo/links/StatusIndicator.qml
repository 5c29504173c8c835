// The connection status as a coloured dot and a word, in the tool bar.
import QtQuick
import QtQuick.Controls
import Dust

Rectangle {
    id: indicator

    required property int status

    readonly property color tint: {
        switch (indicator.status) {
        case DustClient.Connected: return "#1a7f37"
        case DustClient.Loading:
        case DustClient.Connecting:
        case DustClient.Reconnecting: return "#b7791f"
        case DustClient.Unauthorized: return "#cf222e"
        default: return "#6e7781"
        }
    }
    readonly property string text: {
        switch (indicator.status) {
        case DustClient.Connected: return qsTr("Connected")
        case DustClient.Loading: return qsTr("Loading…")
        case DustClient.Connecting: return qsTr("Connecting…")
        case DustClient.Reconnecting: return qsTr("Reconnecting…")
        case DustClient.Unauthorized: return qsTr("Not authorized")
        default: return qsTr("Offline")
        }
    }

    implicitWidth: row.implicitWidth + 20
    implicitHeight: 28
    radius: height / 2
    color: Qt.rgba(tint.r, tint.g, tint.b, 0.10)
    border.color: Qt.rgba(tint.r, tint.g, tint.b, 0.35)

    Accessible.role: Accessible.StaticText
    Accessible.name: indicator.text

    Row {
        id: row
        anchors.centerIn: parent
        spacing: 7

        Rectangle {
            id: dot
            anchors.verticalCenter: parent.verticalCenter
            width: 9
            height: 9
            radius: 4.5
            color: indicator.tint

            SequentialAnimation on opacity {
                running: indicator.status === DustClient.Loading
                         || indicator.status === DustClient.Connecting
                         || indicator.status === DustClient.Reconnecting
                loops: Animation.Infinite
                alwaysRunToEnd: true
                NumberAnimation { to: 0.25; duration: 600; easing.type: Easing.InOutQuad }
                NumberAnimation { to: 1; duration: 600; easing.type: Easing.InOutQuad }
            }
        }
        Label {
            anchors.verticalCenter: parent.verticalCenter
            text: indicator.text
            color: indicator.tint
            font.pixelSize: 13
            font.weight: Font.DemiBold
        }
    }
}
