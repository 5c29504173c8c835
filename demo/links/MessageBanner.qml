// A dismissable message above the list: errors in red, notices in blue.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

Rectangle {
    id: banner

    property string text
    property bool isError: true

    function show(message, error) {
        banner.text = message
        banner.isError = error
    }
    function clear() {
        banner.text = ""
    }

    visible: banner.text.length > 0
    implicitHeight: visible ? layout.implicitHeight + 20 : 0
    radius: 8
    color: banner.isError ? "#fff1f0" : "#eef4ff"
    border.color: banner.isError ? "#f5c2c0" : "#c8d8fb"

    RowLayout {
        id: layout
        anchors.fill: parent
        anchors.leftMargin: 14
        anchors.rightMargin: 6
        spacing: 10

        Rectangle {
            Layout.alignment: Qt.AlignVCenter
            implicitWidth: 20
            implicitHeight: 20
            radius: 10
            color: banner.isError ? "#cf222e" : "#2f6feb"
            Label {
                anchors.centerIn: parent
                text: banner.isError ? "!" : "i"
                color: "white"
                font.bold: true
                font.pixelSize: 13
            }
        }
        Label {
            Layout.fillWidth: true
            text: banner.text
            wrapMode: Text.Wrap
            color: banner.isError ? "#82071e" : "#0a3069"
            font.pixelSize: 13
        }
        ToolButton {
            text: "✕"
            font.pixelSize: 13
            onClicked: banner.clear()
            Accessible.name: qsTr("Dismiss")
            ToolTip.visible: hovered
            ToolTip.text: qsTr("Dismiss")
        }
    }
}
