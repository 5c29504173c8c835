// Asks before a link is deleted for everyone who uses the store.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Dust

Dialog {
    id: dialog

    required property DustRepo repo
    property string slug
    property string linkTitle

    signal deleted(string title)
    signal failed(string message)

    function ask(slug, title) {
        dialog.slug = slug
        dialog.linkTitle = title
        dialog.open()
    }

    title: qsTr("Delete link?")
    modal: true
    anchors.centerIn: Overlay.overlay
    width: Math.min(440, (parent ? parent.width : 440) - 48)
    padding: 24
    topPadding: 8

    header: Label {
        text: dialog.title
        padding: 24
        bottomPadding: 4
        font.pixelSize: 20
        font.weight: Font.DemiBold
        color: "#1f2328"
    }
    Overlay.modal: Rectangle {
        color: Qt.rgba(0.12, 0.14, 0.17, 0.35)
    }

    background: Rectangle {
        radius: 12
        color: "white"
        border.color: "#d0d7de"
    }

    Label {
        anchors.fill: parent
        text: qsTr("“%1” will be removed for everyone who uses this store.").arg(dialog.linkTitle)
        wrapMode: Text.Wrap
        font.pixelSize: 14
        color: "#1f2328"
    }

    footer: Item {
        implicitHeight: buttons.implicitHeight + 28
        RowLayout {
            id: buttons
            anchors.fill: parent
            anchors.leftMargin: 24
            anchors.rightMargin: 24
            anchors.bottomMargin: 24
            spacing: 10
            Item { Layout.fillWidth: true }
            Button {
                implicitHeight: 34
                text: qsTr("Cancel")
                onClicked: dialog.reject()
            }
            AccentButton {
                text: qsTr("Delete")
                accent: "#cf222e"
                onClicked: {
                    const title = dialog.linkTitle
                    dialog.repo.remove(dialog.slug, (result) => {
                        if (result.ok)
                            dialog.deleted(title)
                        else
                            dialog.failed(qsTr("“%1” was not deleted: %2").arg(title).arg(result.error.message))
                    })
                    dialog.close()
                }
            }
        }
    }
}
