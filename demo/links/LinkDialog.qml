// Adds or edits a link. The form rules (LinkRules) are checked first; what
// the repo refuses comes back the same way, next to the field it concerns.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Dust
import DustLinks

Dialog {
    id: dialog

    required property DustRepo repo
    required property DustListModel links
    property bool isNew: true
    property bool slugEdited: false
    property bool busy: false

    signal saved(string title, bool added)

    function openNew() {
        dialog.isNew = true
        dialog.slugEdited = false
        dialog.fill({ slug: "", title: "", url: "", note: "" })
        dialog.open()
        titleField.input.forceActiveFocus()
    }

    function openEdit(link) {
        dialog.isNew = false
        dialog.fill(link)
        dialog.open()
        titleField.input.forceActiveFocus()
    }

    function fill(link) {
        titleField.text = link.title ? String(link.title) : ""
        urlField.text = link.url ? String(link.url) : ""
        slugField.text = link.slug ? String(link.slug) : ""
        noteArea.text = link.note ? String(link.note) : ""
        dialog.showErrors({})
        banner.clear()
        dialog.busy = false
    }

    function showErrors(errors) {
        titleField.error = errors.title || ""
        urlField.error = errors.url || ""
        slugField.error = errors.slug || ""
        noteError.text = errors.note || ""
    }

    function save() {
        const link = {
            slug: slugField.text.trim(),
            title: titleField.text.trim(),
            url: urlField.text.trim(),
            note: noteArea.text.trim()
        }
        banner.clear()
        const errors = LinkRules.validate(link, dialog.isNew,
                                          dialog.isNew && dialog.links.indexOf(link.slug) >= 0)
        dialog.showErrors(errors)
        if (Object.keys(errors).length > 0)
            return
        dialog.busy = true
        const added = dialog.isNew
        const done = (result) => {
            dialog.busy = false
            if (result.ok) {
                dialog.saved(link.title, added)
                dialog.close()
                return
            }
            const detail = result.error.detail
            if (result.error.code === "invalid_changeset" && detail && detail.errors) {
                const fieldErrors = {}
                for (const name in detail.errors)
                    fieldErrors[name] = [].concat(detail.errors[name]).join("\n")
                dialog.showErrors(fieldErrors)
            } else {
                banner.show(qsTr("The link was not saved: %1").arg(result.error.message), true)
            }
        }
        if (added)
            dialog.repo.insert(link, done)
        else
            dialog.repo.update(link, done)
    }

    title: dialog.isNew ? qsTr("Add link") : qsTr("Edit link")
    modal: true
    anchors.centerIn: Overlay.overlay
    width: Math.min(560, (parent ? parent.width : 560) - 48)
    padding: 24
    topPadding: 8
    closePolicy: dialog.busy ? Popup.NoAutoClose : Popup.CloseOnEscape

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

    ColumnLayout {
        anchors.fill: parent
        spacing: 14

        MessageBanner {
            id: banner
            Layout.fillWidth: true
        }
        FormField {
            id: titleField
            Layout.fillWidth: true
            label: qsTr("Title")
            placeholderText: qsTr("e.g. Qt documentation")
            onAccepted: dialog.save()
        }
        FormField {
            id: urlField
            Layout.fillWidth: true
            label: qsTr("URL")
            placeholderText: "https://doc.qt.io"
            onAccepted: dialog.save()
            onEdited: {
                if (dialog.isNew && !dialog.slugEdited)
                    slugField.text = LinkRules.suggestSlug(urlField.text)
            }
        }
        FormField {
            id: slugField
            Layout.fillWidth: true
            label: qsTr("Slug")
            readOnly: !dialog.isNew
            hint: dialog.isNew ? qsTr("The link's name in the store (links/<slug>); made from the URL unless you type one.")
                               : qsTr("The slug names the link in the store and cannot change.")
            monospace: true
            onAccepted: dialog.save()
            onEdited: dialog.slugEdited = true
        }
        ColumnLayout {
            Layout.fillWidth: true
            spacing: 4
            Label {
                text: qsTr("Note")
                font.pixelSize: 13
                font.weight: Font.DemiBold
                color: "#1f2328"
            }
            TextArea {
                id: noteArea
                Layout.fillWidth: true
                Layout.preferredHeight: 72
                wrapMode: TextEdit.Wrap
                placeholderText: qsTr("Optional: why this link matters")
                font.pixelSize: 14
                Accessible.name: qsTr("Note")
                background: Rectangle {
                    radius: 6
                    color: "white"
                    border.width: noteArea.activeFocus ? 2 : 1
                    border.color: noteArea.activeFocus ? "#2f6feb" : "#d0d7de"
                }
            }
            Label {
                id: noteError
                Layout.fillWidth: true
                visible: text.length > 0
                color: "#cf222e"
                wrapMode: Text.Wrap
                font.pixelSize: 12
            }
        }
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
                enabled: !dialog.busy
                onClicked: dialog.reject()
            }
            AccentButton {
                text: dialog.busy ? qsTr("Saving…") : dialog.isNew ? qsTr("Add link") : qsTr("Save")
                enabled: !dialog.busy
                onClicked: dialog.save()
            }
        }
    }
}
