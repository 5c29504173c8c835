// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#ifndef LINKSWINDOW_H
#define LINKSWINDOW_H

#include <QtCore/qurl.h>
#include <QtWidgets/qmainwindow.h>

QT_BEGIN_NAMESPACE
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QTableView;
QT_END_NAMESPACE

namespace Dust {
class Client;
class ListModel;
class Repo;
}

namespace DustLinks {

class LinksTableModel;

/*!
    The Links demo as a widgets window: the links of a Dust store in a
    QTableView (a Dust::ListModel fed by the PubSub bridge, shown through
    LinksTableModel), and a form to add, edit and delete one.

    \code
    DustLinks::LinksWindow window(backend.url(), backend.token(), backend.store(),
                                  backend.description());
    window.show();
    \endcode
*/
class LinksWindow : public QMainWindow
{
    Q_OBJECT

public:
    LinksWindow(const QUrl &url, const QString &token, const QString &store,
                const QString &serverInfo, QWidget *parent = nullptr);
    ~LinksWindow() override;

    QTableView *tableView() const { return m_table; }
    Dust::ListModel *listModel() const { return m_model; }
    Dust::Client *client() const { return m_client; }

    // The form: an empty one for a new link, or the link in `row`.
    void newLink();
    void editRow(int row);
    // Checks the form and writes it; false (messages shown) when it is not valid.
    bool save();
    // The message shown under a form field ("title", "url", "slug", "note"), or "".
    QString fieldError(const QString &field) const;
    QLineEdit *fieldEdit(const QString &field) const;
    QPlainTextEdit *noteEdit() const { return m_note; }

private:
    void buildUi(const QString &serverInfo);
    void showStatus();
    void showMessage(const QString &text);
    void showErrors(const QMap<QString, QStringList> &errors);
    void removeSelected();
    void note(const QString &text);
    QVariantMap formRecord() const;

    Dust::Client *m_client = nullptr;
    Dust::Repo *m_repo = nullptr;
    Dust::ListModel *m_model = nullptr;
    LinksTableModel *m_tableModel = nullptr;
    QTableView *m_table = nullptr;
    QLabel *m_status = nullptr;
    QLabel *m_count = nullptr;
    QLabel *m_message = nullptr;
    QLabel *m_activity = nullptr;
    QLabel *m_formTitle = nullptr;
    QLineEdit *m_title = nullptr;
    QLineEdit *m_url = nullptr;
    QLineEdit *m_slug = nullptr;
    QPlainTextEdit *m_note = nullptr;
    QHash<QString, QLabel *> m_errors;
    QPushButton *m_save = nullptr;
    QPushButton *m_delete = nullptr;
    QString m_store;
    bool m_isNew = true;
    bool m_slugEdited = false;
};

} // namespace DustLinks

#endif // LINKSWINDOW_H
