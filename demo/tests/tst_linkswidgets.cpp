// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

// dust-links-widgets on its embedded server: what another client writes
// shows up in the table, the form checks what it writes, and links survive
// a restart of the server.

#include "testwait.h"

#include <linksbackend.h>
#include <linksschema.h>
#include <linkstablemodel.h>
#include <linkswindow.h>

#include <dustclient.h>
#include <dustlistmodel.h>
#include <dustrepo.h>
#include <dustserver.h>

#include <QtCore/qjsonobject.h>
#include <QtCore/qtemporarydir.h>
#include <QtTest/qtest.h>
#include <QtWidgets/qlineedit.h>
#include <QtWidgets/qtableview.h>

using namespace Qt::StringLiterals;
using DustLinks::LinksSchema;

class tst_LinksWidgets : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void rowsFollowAnotherClient();
    void formChecksBeforeWriting();
    void formWritesALink();
    void linksSurviveARestart();

private:
    std::unique_ptr<DustLinks::LinksBackend> startBackend();
    std::unique_ptr<DustLinks::LinksWindow> openWindow(const DustLinks::LinksBackend &backend);

    std::unique_ptr<QTemporaryDir> m_dataDir;
};

void tst_LinksWidgets::init()
{
    m_dataDir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dataDir->isValid());
}

std::unique_ptr<DustLinks::LinksBackend> tst_LinksWidgets::startBackend()
{
    DustLinks::LinksOptions options;
    options.store = LinksSchema::defaultStore();
    options.dataDir = m_dataDir->path();
    auto backend = std::make_unique<DustLinks::LinksBackend>(options);
    const Dust::Result<void> started = backend->start();
    if (!started)
        qWarning("embedded server: %s", qPrintable(started.error().toString()));
    return started ? std::move(backend) : nullptr;
}

std::unique_ptr<DustLinks::LinksWindow> tst_LinksWidgets::openWindow(const DustLinks::LinksBackend &backend)
{
    auto window = std::make_unique<DustLinks::LinksWindow>(backend.url(), backend.token(), backend.store(),
                                                           backend.description());
    window->show();
    return window;
}

void tst_LinksWidgets::rowsFollowAnotherClient()
{
    const auto backend = startBackend();
    QVERIFY(backend);
    const auto window = openWindow(*backend);
    QTRY_COMPARE(window->listModel()->status(), Dust::ListModel::Status::Ready);
    auto *table = qobject_cast<DustLinks::LinksTableModel *>(window->tableView()->model());
    QVERIFY(table);
    QTRY_VERIFY(table->isLive());
    QCOMPARE(table->rowCount(), 0);
    QCOMPARE(table->columnCount(), 4);
    QCOMPARE(table->headerData(1, Qt::Horizontal).toString(), u"URL"_s);

    Dust::Client other(backend->url(), backend->token(), {backend->store()});
    other.open();
    Dust::Repo repo(&other, backend->store());
    DUST_AWAIT(qt, repo.insert(LinksSchema::schema(), {{u"slug"_s, u"qt.io"_s}, {u"title"_s, u"Qt"_s},
                                                       {u"url"_s, u"https://qt.io"_s},
                                                       {u"note"_s, u"The framework"_s}}));
    QVERIFY2(qt, qPrintable(qt.error().toString()));
    QTRY_COMPARE(table->rowCount(), 1);
    QCOMPARE(table->index(0, 0).data().toString(), u"Qt"_s);
    QCOMPARE(table->index(0, 1).data().toString(), u"https://qt.io"_s);
    QCOMPARE(table->index(0, 2).data().toString(), u"The framework"_s);
    QCOMPARE(table->index(0, 3).data().toString(), u"qt.io"_s);
    QVERIFY(table->isHighlighted(0));
    QVERIFY(table->index(0, 0).data(Qt::BackgroundRole).isValid());
    QTRY_VERIFY_WITH_TIMEOUT(!table->isHighlighted(0), 10000);

    DUST_AWAIT(ada, repo.insert(LinksSchema::schema(), {{u"slug"_s, u"ada"_s}, {u"title"_s, u"Ada"_s},
                                                        {u"url"_s, u"https://ada.org"_s}}));
    QVERIFY(ada);
    QTRY_COMPARE(table->rowCount(), 2);
    QCOMPARE(table->index(0, 0).data().toString(), u"Ada"_s);

    // Sorting a column sorts the list model.
    table->sort(0, Qt::DescendingOrder);
    QCOMPARE(table->index(0, 0).data().toString(), u"Qt"_s);

    DUST_AWAIT(renamed, repo.update(Dust::Changeset(LinksSchema::schema(), *qt)
                                            .change(u"title"_s, u"Qt Project"_s)));
    QVERIFY(renamed);
    QTRY_COMPARE(table->index(0, 0).data().toString(), u"Qt Project"_s);

    DUST_AWAIT(removed, repo.remove(LinksSchema::schema(), u"ada"_s));
    QVERIFY(removed);
    QTRY_COMPARE(table->rowCount(), 1);
    other.close();
}

void tst_LinksWidgets::formChecksBeforeWriting()
{
    const auto backend = startBackend();
    QVERIFY(backend);
    const auto window = openWindow(*backend);
    QTRY_COMPARE(window->listModel()->status(), Dust::ListModel::Status::Ready);

    window->newLink();
    window->fieldEdit(u"url"_s)->setText(u"qt.io"_s);
    window->fieldEdit(u"slug"_s)->setText(u"Not A Slug"_s);
    QVERIFY(!window->save());
    QVERIFY(!window->fieldError(u"title"_s).isEmpty());
    QVERIFY2(window->fieldError(u"url"_s).contains(u"http"_s), qPrintable(window->fieldError(u"url"_s)));
    QVERIFY2(window->fieldError(u"slug"_s).contains(u"lower-case"_s), qPrintable(window->fieldError(u"slug"_s)));
    QCOMPARE(window->fieldError(u"note"_s), QString());
    QCOMPARE(backend->server()->writesReceived(backend->store()), 0);
}

void tst_LinksWidgets::formWritesALink()
{
    const auto backend = startBackend();
    QVERIFY(backend);
    const auto window = openWindow(*backend);
    QTRY_COMPARE(window->client()->status(), Dust::Client::Status::Connected);
    QTRY_COMPARE(window->listModel()->status(), Dust::ListModel::Status::Ready);

    window->newLink();
    window->fieldEdit(u"title"_s)->setText(u"Qt docs"_s);
    QLineEdit *url = window->fieldEdit(u"url"_s);
    url->setFocus();
    QTest::keyClicks(url, u"https://doc.qt.io/qt-6/"_s);
    QCOMPARE(window->fieldEdit(u"slug"_s)->text(), u"doc.qt.io-qt-6"_s);
    QVERIFY(window->save());
    QAbstractItemModel *table = window->tableView()->model();
    QTRY_COMPARE(table->rowCount(), 1);
    QCOMPARE(table->index(0, 3).data().toString(), u"doc.qt.io-qt-6"_s);

    // The same slug again is refused by the form, not overwritten.
    window->newLink();
    window->fieldEdit(u"title"_s)->setText(u"Other"_s);
    window->fieldEdit(u"url"_s)->setText(u"https://doc.qt.io/qt-6/"_s);
    window->fieldEdit(u"slug"_s)->setText(u"doc.qt.io-qt-6"_s);
    QVERIFY(!window->save());
    QVERIFY(!window->fieldError(u"slug"_s).isEmpty());
}

void tst_LinksWidgets::linksSurviveARestart()
{
    {
        const auto backend = startBackend();
        QVERIFY(backend);
        const Dust::Result<qint64> written = backend->server()->write(
                backend->store(), u"phone"_s, Dust::Op::Kind::Set, u"links/kde.org"_s,
                QJsonObject{{u"title"_s, u"KDE"_s}, {u"url"_s, u"https://kde.org"_s}});
        QVERIFY2(written, qPrintable(written.error().toString()));
    }
    const auto backend = startBackend();
    QVERIFY(backend);
    const auto window = openWindow(*backend);
    QAbstractItemModel *table = window->tableView()->model();
    QTRY_COMPARE(table->rowCount(), 1);
    QCOMPARE(table->index(0, 0).data().toString(), u"KDE"_s);
}

QTEST_MAIN(tst_LinksWidgets)
#include "tst_linkswidgets.moc"
