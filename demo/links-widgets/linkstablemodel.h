// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#ifndef LINKSTABLEMODEL_H
#define LINKSTABLEMODEL_H

#include <QtCore/qabstractproxymodel.h>
#include <QtCore/qelapsedtimer.h>
#include <QtCore/qhash.h>
#include <QtCore/qtimer.h>

namespace Dust {
class ListModel;
}

namespace DustLinks {

/*!
    A Dust::ListModel shown as a table: one column per role (field) named in
    `columns`, so a QTableView can show a list model unchanged. Sorting a
    column sets the list's sortRole, and rows whose record changed after the
    first load are highlighted for a moment (Qt::BackgroundRole).

    \code
    auto *table = new DustLinks::LinksTableModel(this);
    table->setSourceModel(listModel);
    table->setColumns({u"title"_s, u"url"_s, u"note"_s});
    tableView->setModel(table);
    \endcode
*/
class LinksTableModel : public QAbstractProxyModel
{
    Q_OBJECT

public:
    explicit LinksTableModel(QObject *parent = nullptr);

    void setSourceModel(QAbstractItemModel *source) override;
    // The role names shown, one per column.
    void setColumns(const QStringList &roleNames);
    QStringList columns() const { return m_columns; }
    // Whether the record in `row` changed a moment ago.
    bool isHighlighted(int row) const;
    // True shortly after the first load: from then on, changes are highlighted.
    bool isLive() const { return m_live; }

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    QModelIndex sibling(int row, int column, const QModelIndex &index) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QModelIndex mapToSource(const QModelIndex &proxyIndex) const override;
    QModelIndex mapFromSource(const QModelIndex &sourceIndex) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

private:
    Dust::ListModel *list() const;
    void updateRoles();
    void highlight(int firstRow, int lastRow);
    void fade();

    QStringList m_columns;
    QList<int> m_roles;
    QModelIndexList m_layoutProxy;
    QList<QPersistentModelIndex> m_layoutSource;
    QList<QMetaObject::Connection> m_connections;
    // slug -> when it changed (ms on m_clock)
    QHash<QString, qint64> m_changed;
    QElapsedTimer m_clock;
    QTimer m_fadeTimer;
    bool m_live = false;
};

} // namespace DustLinks

#endif // LINKSTABLEMODEL_H
