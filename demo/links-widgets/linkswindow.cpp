// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#include "linkswindow.h"
#include "linkstablemodel.h"

#include <linksschema.h>

#include <dustchangeset.h>
#include <dustclient.h>
#include <dustfuture.h>
#include <dustlistmodel.h>
#include <dustpubsub.h>
#include <dustrepo.h>

#include <QtCore/qdatetime.h>
#include <QtGui/qaction.h>
#include <QtGui/qkeysequence.h>
#include <QtWidgets/qboxlayout.h>
#include <QtWidgets/qformlayout.h>
#include <QtWidgets/qframe.h>
#include <QtWidgets/qheaderview.h>
#include <QtWidgets/qlabel.h>
#include <QtWidgets/qlineedit.h>
#include <QtWidgets/qmessagebox.h>
#include <QtWidgets/qplaintextedit.h>
#include <QtWidgets/qpushbutton.h>
#include <QtWidgets/qsplitter.h>
#include <QtWidgets/qstatusbar.h>
#include <QtWidgets/qtableview.h>
#include <QtWidgets/qtoolbar.h>

using namespace Qt::StringLiterals;

namespace DustLinks {

namespace {

QLabel *errorLabel(QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setWordWrap(true);
    label->setStyleSheet(u"color: #cf222e;"_s);
    label->hide();
    return label;
}

} // namespace

LinksWindow::LinksWindow(const QUrl &url, const QString &token, const QString &store,
                         const QString &serverInfo, QWidget *parent)
    : QMainWindow(parent), m_store(store)
{
    m_client = new Dust::Client(url, token, {store}, this);
    m_repo = new Dust::Repo(m_client, store, this);
    m_model = new Dust::ListModel(this);
    m_model->setSchema(LinksSchema::schema());
    m_model->setSortRole(u"title"_s);
    m_model->setDisplayRole(u"title"_s);
    m_tableModel = new LinksTableModel(this);
    m_tableModel->setSourceModel(m_model);
    m_tableModel->setColumns({u"title"_s, u"url"_s, u"note"_s, u"slug"_s});

    buildUi(serverInfo);

    connect(m_client, &Dust::Client::statusChanged, this, &LinksWindow::showStatus);
    connect(m_client, &Dust::Client::errorOccurred, this, [this](const Dust::Error &error) {
        showMessage(tr("Connection problem: %1").arg(error.message()));
    });
    connect(m_model, &Dust::ListModel::countChanged, this, &LinksWindow::showStatus);
    connect(m_model, &Dust::ListModel::statusChanged, this, [this] {
        showStatus();
        if (m_model->status() == Dust::ListModel::Status::Error)
            showMessage(tr("The links cannot be shown: %1").arg(m_model->error().message()));
    });

    const Dust::Result<Dust::TopicSubscription *> subscription = Dust::subscribeToPubSub(
            m_repo, LinksSchema::schema(), Dust::PubSub::defaultHub(), u"links"_s, m_model,
            {.includeCurrent = true});
    if (subscription)
        m_model->setSubscription(*subscription);
    else
        showMessage(tr("The links cannot be shown: %1").arg(subscription.error().message()));
    m_client->open();
    showStatus();
    newLink();
}

// The model's subscription goes before the repo, and the repo before the
// client it uses; children would be destroyed the other way round.
LinksWindow::~LinksWindow()
{
    m_client->disconnect(this);
    m_model->disconnect(this);
    m_tableModel->setSourceModel(nullptr);
    delete m_model;
    delete m_repo;
    delete m_client;
}

void LinksWindow::buildUi(const QString &serverInfo)
{
    setWindowTitle(tr("Links — %1").arg(m_store));
    resize(1100, 680);

    auto *toolBar = addToolBar(tr("Links"));
    toolBar->setMovable(false);
    auto *heading = new QLabel(tr("Links"), toolBar);
    heading->setStyleSheet(u"font-size: 18px; font-weight: 600; margin: 0 8px;"_s);
    toolBar->addWidget(heading);
    m_count = new QLabel(toolBar);
    m_count->setStyleSheet(u"color: #57606a;"_s);
    toolBar->addWidget(m_count);
    auto *spacer = new QWidget(toolBar);
    spacer->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    toolBar->addWidget(spacer);
    m_status = new QLabel(toolBar);
    m_status->setContentsMargins(8, 0, 8, 0);
    toolBar->addWidget(m_status);
    QAction *add = toolBar->addAction(tr("New link"), this, &LinksWindow::newLink);
    add->setShortcut(QKeySequence::New);

    m_message = new QLabel(this);
    m_message->setWordWrap(true);
    m_message->setStyleSheet(u"background: #fff1f0; color: #82071e; border: 1px solid #f5c2c0; "
                             "border-radius: 6px; padding: 8px;"_s);
    m_message->hide();

    m_table = new QTableView(this);
    m_table->setModel(m_tableModel);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(0, Qt::AscendingOrder);
    m_table->setAlternatingRowColors(true);
    m_table->setShowGrid(false);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(30);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setHighlightSections(false);
    m_table->setColumnWidth(0, 210);
    m_table->setColumnWidth(1, 250);
    m_table->setColumnWidth(2, 200);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
                if (current.isValid())
                    editRow(current.row());
            });

    auto *form = new QFrame(this);
    form->setFrameShape(QFrame::StyledPanel);
    form->setMinimumWidth(320);
    auto *formLayout = new QVBoxLayout(form);
    m_formTitle = new QLabel(form);
    m_formTitle->setStyleSheet(u"font-size: 16px; font-weight: 600;"_s);
    formLayout->addWidget(m_formTitle);
    auto *fields = new QFormLayout;
    fields->setRowWrapPolicy(QFormLayout::WrapAllRows);
    m_title = new QLineEdit(form);
    m_title->setPlaceholderText(tr("e.g. Qt documentation"));
    m_url = new QLineEdit(form);
    m_url->setPlaceholderText(u"https://doc.qt.io"_s);
    m_slug = new QLineEdit(form);
    m_slug->setToolTip(tr("The link's name in the store (links/<slug>); made from the URL unless you type one."));
    m_note = new QPlainTextEdit(form);
    m_note->setPlaceholderText(tr("Optional: why this link matters"));
    m_note->setMaximumHeight(90);
    const QList<std::pair<QString, QWidget *>> inputs{
        {u"title"_s, m_title}, {u"url"_s, m_url}, {u"slug"_s, m_slug}, {u"note"_s, m_note}};
    for (const auto &[field, input] : inputs) {
        auto *box = new QVBoxLayout;
        box->setSpacing(2);
        box->addWidget(input);
        m_errors.insert(field, errorLabel(form));
        box->addWidget(m_errors.value(field));
        fields->addRow(LinksSchema::label(field), box);
    }
    formLayout->addLayout(fields);
    auto *buttons = new QHBoxLayout;
    m_delete = new QPushButton(tr("Delete"), form);
    m_save = new QPushButton(tr("Save"), form);
    m_save->setDefault(true);
    buttons->addWidget(m_delete);
    buttons->addStretch();
    buttons->addWidget(m_save);
    formLayout->addLayout(buttons);
    formLayout->addStretch();
    connect(m_save, &QPushButton::clicked, this, &LinksWindow::save);
    connect(m_delete, &QPushButton::clicked, this, &LinksWindow::removeSelected);
    connect(m_url, &QLineEdit::textEdited, this, [this](const QString &url) {
        if (m_isNew && !m_slugEdited)
            m_slug->setText(LinksSchema::suggestSlug(url));
    });
    connect(m_slug, &QLineEdit::textEdited, this, [this] { m_slugEdited = true; });
    connect(m_title, &QLineEdit::returnPressed, this, &LinksWindow::save);
    connect(m_url, &QLineEdit::returnPressed, this, &LinksWindow::save);

    auto *splitter = new QSplitter(this);
    splitter->addWidget(m_table);
    splitter->addWidget(form);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);

    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->addWidget(m_message);
    layout->addWidget(splitter);
    setCentralWidget(central);

    auto *info = new QLabel(serverInfo, this);
    info->setStyleSheet(u"color: #57606a;"_s);
    statusBar()->addWidget(info, 1);
    m_activity = new QLabel(this);
    statusBar()->addPermanentWidget(m_activity);
}

void LinksWindow::showStatus()
{
    QString text;
    QString color;
    switch (m_client->status()) {
    case Dust::Client::Status::Connected:
        text = tr("Connected");
        color = u"#1a7f37"_s;
        if (!m_message->isHidden() && m_model->status() != Dust::ListModel::Status::Error)
            m_message->hide();
        break;
    case Dust::Client::Status::Loading:
        text = tr("Loading…");
        color = u"#b7791f"_s;
        break;
    case Dust::Client::Status::Connecting:
        text = tr("Connecting…");
        color = u"#b7791f"_s;
        break;
    case Dust::Client::Status::Reconnecting:
        text = tr("Reconnecting…");
        color = u"#b7791f"_s;
        break;
    case Dust::Client::Status::Unauthorized:
        text = tr("Not authorized");
        color = u"#cf222e"_s;
        break;
    case Dust::Client::Status::Disconnected:
        text = tr("Offline");
        color = u"#6e7781"_s;
        break;
    }
    m_status->setText(u"<span style=\"color:%1\">●</span> %2"_s.arg(color, text.toHtmlEscaped()));
    if (m_model->status() == Dust::ListModel::Status::Loading)
        m_count->setText(tr("Loading…"));
    else
        m_count->setText(m_model->count() == 1 ? tr("One link") : tr("%n links", nullptr, m_model->count()));
}

void LinksWindow::showMessage(const QString &text)
{
    m_message->setText(text);
    m_message->setVisible(!text.isEmpty());
}

void LinksWindow::note(const QString &text)
{
    m_activity->setText(QTime::currentTime().toString(u"hh:mm:ss"_s) + u"  "_s + text);
}

void LinksWindow::newLink()
{
    m_isNew = true;
    m_slugEdited = false;
    m_table->clearSelection();
    m_table->setCurrentIndex({});
    m_formTitle->setText(tr("New link"));
    for (QLineEdit *edit : {m_title, m_url, m_slug})
        edit->clear();
    m_note->clear();
    m_slug->setReadOnly(false);
    m_delete->setEnabled(false);
    m_save->setText(tr("Add link"));
    showErrors({});
    m_title->setFocus();
}

void LinksWindow::editRow(int row)
{
    const QVariantMap link = m_model->get(row);
    if (link.isEmpty())
        return;
    m_isNew = false;
    m_formTitle->setText(tr("Edit link"));
    m_title->setText(link.value(u"title"_s).toString());
    m_url->setText(link.value(u"url"_s).toString());
    m_slug->setText(link.value(u"slug"_s).toString());
    m_slug->setReadOnly(true);
    m_note->setPlainText(link.value(u"note"_s).toString());
    m_delete->setEnabled(true);
    m_save->setText(tr("Save"));
    showErrors({});
}

QVariantMap LinksWindow::formRecord() const
{
    return {
        {u"slug"_s, m_slug->text().trimmed()},
        {u"title"_s, m_title->text().trimmed()},
        {u"url"_s, m_url->text().trimmed()},
        {u"note"_s, m_note->toPlainText().trimmed()},
    };
}

void LinksWindow::showErrors(const QMap<QString, QStringList> &errors)
{
    for (auto it = m_errors.cbegin(); it != m_errors.cend(); ++it) {
        const QString text = errors.value(it.key()).join(u'\n');
        it.value()->setText(text);
        it.value()->setVisible(!text.isEmpty());
    }
}

QString LinksWindow::fieldError(const QString &field) const
{
    const QLabel *label = m_errors.value(field);
    return label && !label->isHidden() ? label->text() : QString();
}

QLineEdit *LinksWindow::fieldEdit(const QString &field) const
{
    if (field == u"title")
        return m_title;
    if (field == u"url")
        return m_url;
    if (field == u"slug")
        return m_slug;
    return nullptr;
}

bool LinksWindow::save()
{
    const QVariantMap link = formRecord();
    const QString slug = link.value(u"slug"_s).toString();
    const auto errors = LinksSchema::validate(link, m_isNew, m_isNew && m_model->indexOf(slug) >= 0);
    showErrors(errors);
    if (!errors.isEmpty())
        return false;

    const bool added = m_isNew;
    const QString title = link.value(u"title"_s).toString();
    const auto done = [this, added, title](const Dust::Result<QVariantMap> &result) {
        m_save->setEnabled(true);
        if (!result) {
            const Dust::Error error = result.error();
            const QJsonObject fieldErrors = error.detail().value(u"errors"_s).toObject();
            if (error.code() == u"invalid_changeset" && !fieldErrors.isEmpty()) {
                QMap<QString, QStringList> byField;
                for (auto it = fieldErrors.begin(); it != fieldErrors.end(); ++it)
                    byField.insert(it.key(), it.value().toVariant().toStringList());
                showErrors(byField);
            } else {
                showMessage(tr("The link was not saved: %1").arg(error.message()));
            }
            return;
        }
        note(added ? tr("Added “%1”").arg(title) : tr("Saved “%1”").arg(title));
        if (added)
            newLink();
    };
    m_save->setEnabled(false);
    if (added) {
        Dust::whenFinished(this, m_repo->insert(LinksSchema::schema(), link), done);
    } else {
        const QVariantMap before = m_model->get(m_model->indexOf(slug));
        Dust::whenFinished(this, m_repo->update(Dust::Changeset::diff(LinksSchema::schema(), before, link)), done);
    }
    return true;
}

void LinksWindow::removeSelected()
{
    const QString slug = m_slug->text();
    if (m_isNew || slug.isEmpty())
        return;
    const QString title = m_title->text();
    QMessageBox ask(QMessageBox::Question, tr("Delete link?"),
                    tr("“%1” will be removed for everyone who uses this store.").arg(title),
                    QMessageBox::Cancel, this);
    const QAbstractButton *remove = ask.addButton(tr("Delete"), QMessageBox::DestructiveRole);
    ask.setDefaultButton(QMessageBox::Cancel);
    ask.exec();
    if (ask.clickedButton() != remove)
        return;
    Dust::whenFinished(this, m_repo->remove(LinksSchema::schema(), slug), [this, title](const Dust::Result<qint64> &result) {
        if (result)
            note(tr("Deleted “%1”").arg(title));
        else
            showMessage(tr("“%1” was not deleted: %2").arg(title, result.error().message()));
    });
    newLink();
}

} // namespace DustLinks
