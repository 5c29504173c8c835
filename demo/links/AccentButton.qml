// A filled button for the main action of a view or dialog (red for deletes).
import QtQuick
import QtQuick.Controls

Button {
    id: button

    property color accent: "#2f6feb"

    implicitHeight: 34
    leftPadding: 16
    rightPadding: 16
    font.pixelSize: 14
    font.weight: Font.DemiBold

    contentItem: Label {
        text: button.text
        font: button.font
        color: "white"
        horizontalAlignment: Text.AlignHCenter
        verticalAlignment: Text.AlignVCenter
        opacity: button.enabled ? 1 : 0.7
    }
    background: Rectangle {
        implicitWidth: 88
        radius: 7
        color: button.down ? Qt.darker(button.accent, 1.25)
                           : button.hovered ? Qt.darker(button.accent, 1.1) : button.accent
        border.width: button.visualFocus ? 2 : 0
        border.color: Qt.lighter(button.accent, 1.6)
        opacity: button.enabled ? 1 : 0.6
    }
}
