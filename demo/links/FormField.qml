// A labelled input of the link dialog, with its validation message below it.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

ColumnLayout {
    id: field

    property string label
    property string hint
    property string error
    property alias text: input.text
    property alias placeholderText: input.placeholderText
    property alias readOnly: input.readOnly
    property alias input: input

    property bool monospace: false

    signal edited()
    signal accepted()

    spacing: 4

    Label {
        id: caption
        text: field.label
        font.pixelSize: 13
        font.weight: Font.DemiBold
        color: "#1f2328"
    }
    TextField {
        id: input
        Layout.fillWidth: true
        selectByMouse: true
        font.pixelSize: 14
        color: input.readOnly ? "#57606a" : "#1f2328"
        Accessible.name: field.label
        onTextEdited: field.edited()
        onAccepted: field.accepted()
        font.family: field.monospace ? "monospace" : caption.font.family
        background: Rectangle {
            implicitHeight: 34
            radius: 6
            color: input.readOnly ? "#f6f8fa" : "white"
            border.width: input.activeFocus ? 2 : 1
            border.color: field.error.length > 0 ? "#cf222e" : input.activeFocus ? "#2f6feb" : "#d0d7de"
        }
    }
    Label {
        Layout.fillWidth: true
        visible: text.length > 0
        text: field.error.length > 0 ? field.error : field.hint
        color: field.error.length > 0 ? "#cf222e" : "#57606a"
        wrapMode: Text.Wrap
        font.pixelSize: 12
    }
}
