// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#include "linkstablemodel.h"

#include <linksschema.h>

#include <dustlistmodel.h>

#include <QtGui/qcolor.h>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace DustLinks {

namespace {

constexpr qint64 HighlightMs = 2500;

} // namespace

LinksTableModel::LinksTableModel(QObject *parent) : QAbstractProxyModel(parent)
{
    m_clock.start();
    m_fadeTimer.setInterval(80);
    connect(&m_fadeTimer, &QTimer::timeout, this, &LinksTableModel::fade);
}

Dust::ListModel *LinksTableModel::list() const
{
    return qobject_cast<Dust::ListModel *>(sourceModel());
}

void LinksTableModel::setSourceModel(QAbstractItemModel *source)
{
    beginResetModel();
    for (const QMetaObject::Connection &connection : std::as_const(m_connections))
        disconnect(connection);
    m_connections.clear();
    m_changed.clear();
    m_live = false;
    QAbstractProxyModel::setSourceModel(source);
    if (source) {
        const auto on = [this, source](auto signal, auto slot) {
            m_connections.append(connect(source, signal, this, slot));
        };
        on(&QAbstractItemModel::rowsAboutToBeInserted, [this](const QModelIndex &, int first, int last) {
            beginInsertRows({}, first, last);
        });
        on(&QAbstractItemModel::rowsInserted, [this](const QModelIndex &, int first, int last) {
            endInsertRows();
            highlight(first, last);
        });
        on(&QAbstractItemModel::rowsAboutToBeRemoved, [this](const QModelIndex &, int first, int last) {
            beginRemoveRows({}, first, last);
        });
        on(&QAbstractItemModel::rowsRemoved, [this] { endRemoveRows(); });
        on(&QAbstractItemModel::rowsAboutToBeMoved,
           [this](const QModelIndex &, int first, int last, const QModelIndex &, int to) {
               beginMoveRows({}, first, last, {}, to);
           });
        on(&QAbstractItemModel::rowsMoved, [this] { endMoveRows(); });
        on(&QAbstractItemModel::dataChanged, [this](const QModelIndex &from, const QModelIndex &to) {
            if (columnCount() == 0)
                return;
            emit dataChanged(index(from.row(), 0), index(to.row(), columnCount() - 1));
            highlight(from.row(), to.row());
        });
        on(&QAbstractItemModel::modelAboutToBeReset, [this] { beginResetModel(); });
        on(&QAbstractItemModel::modelReset, [this] {
            updateRoles();
            endResetModel();
        });
        // A new sort order: rows move, selections and current rows follow them.
        on(&QAbstractItemModel::layoutAboutToBeChanged, [this, source] {
            emit layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
            m_layoutProxy = persistentIndexList();
            m_layoutSource.clear();
            for (const QModelIndex &proxy : std::as_const(m_layoutProxy))
                m_layoutSource.append(QPersistentModelIndex(source->index(proxy.row(), 0)));
        });
        on(&QAbstractItemModel::layoutChanged, [this] {
            for (qsizetype i = 0; i < m_layoutProxy.size(); ++i) {
                const QPersistentModelIndex &from = m_layoutSource.at(i);
                changePersistentIndex(m_layoutProxy.at(i),
                                      from.isValid() ? index(from.row(), m_layoutProxy.at(i).column())
                                                     : QModelIndex());
            }
            m_layoutProxy.clear();
            m_layoutSource.clear();
            emit layoutChanged({}, QAbstractItemModel::VerticalSortHint);
        });
        if (Dust::ListModel *model = list()) {
            // Rows of the first load are not news; what changes after it is.
            const auto goLive = [this, model] {
                if (model->status() == Dust::ListModel::Status::Ready && !m_live)
                    QTimer::singleShot(300, this, [this] { m_live = true; });
            };
            m_connections.append(connect(model, &Dust::ListModel::statusChanged, this, goLive));
            m_connections.append(connect(model, &Dust::ListModel::schemaChanged, this, [this] {
                beginResetModel();
                updateRoles();
                endResetModel();
            }));
            goLive();
        }
    }
    updateRoles();
    endResetModel();
}

void LinksTableModel::setColumns(const QStringList &roleNames)
{
    beginResetModel();
    m_columns = roleNames;
    updateRoles();
    endResetModel();
}

void LinksTableModel::updateRoles()
{
    m_roles.clear();
    const Dust::ListModel *model = list();
    for (const QString &name : std::as_const(m_columns))
        m_roles.append(model ? model->roleForName(name) : -1);
}

void LinksTableModel::highlight(int firstRow, int lastRow)
{
    const Dust::ListModel *model = list();
    if (!m_live || !model)
        return;
    for (int row = firstRow; row <= lastRow; ++row)
        m_changed.insert(model->get(row).value(u"slug"_s).toString(), m_clock.elapsed());
    if (!m_fadeTimer.isActive())
        m_fadeTimer.start();
}

// Steps the highlight colours towards white, and drops finished ones.
void LinksTableModel::fade()
{
    const Dust::ListModel *model = list();
    const qint64 now = m_clock.elapsed();
    for (auto it = m_changed.begin(); it != m_changed.end();) {
        const int row = model ? model->indexOf(it.key()) : -1;
        const bool done = now - it.value() > HighlightMs;
        it = done ? m_changed.erase(it) : std::next(it);
        if (row >= 0 && columnCount() > 0)
            emit dataChanged(index(row, 0), index(row, columnCount() - 1), {Qt::BackgroundRole});
    }
    if (m_changed.isEmpty())
        m_fadeTimer.stop();
}

bool LinksTableModel::isHighlighted(int row) const
{
    const Dust::ListModel *model = list();
    return model && m_changed.contains(model->get(row).value(u"slug"_s).toString());
}

QModelIndex LinksTableModel::index(int row, int column, const QModelIndex &parent) const
{
    return hasIndex(row, column, parent) ? createIndex(row, column) : QModelIndex();
}

QModelIndex LinksTableModel::parent(const QModelIndex &) const
{
    return {};
}

QModelIndex LinksTableModel::sibling(int row, int column, const QModelIndex &) const
{
    return index(row, column);
}

int LinksTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() || !sourceModel() ? 0 : sourceModel()->rowCount();
}

int LinksTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_columns.size());
}

QModelIndex LinksTableModel::mapToSource(const QModelIndex &proxyIndex) const
{
    if (!proxyIndex.isValid() || !sourceModel())
        return {};
    return sourceModel()->index(proxyIndex.row(), 0);
}

QModelIndex LinksTableModel::mapFromSource(const QModelIndex &sourceIndex) const
{
    return sourceIndex.isValid() ? index(sourceIndex.row(), 0) : QModelIndex();
}

QVariant LinksTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid) || !sourceModel())
        return {};
    const QModelIndex source = mapToSource(index);
    const QString column = m_columns.at(index.column());
    switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole:
    case Qt::ToolTipRole:
        return sourceModel()->data(source, m_roles.at(index.column()));
    case Qt::ForegroundRole:
        if (column == u"url")
            return QColor(0x09, 0x69, 0xda);
        if (column == u"slug" || column == u"note")
            return QColor(0x57, 0x60, 0x6a);
        return {};
    case Qt::BackgroundRole: {
        const QString slug = sourceModel()->data(source, Dust::ListModel::SlugRole).toString();
        const auto it = m_changed.constFind(slug);
        if (it == m_changed.cend())
            return {};
        // Full yellow for a while, then fading out.
        const qreal left = 1.0 - qreal(m_clock.elapsed() - it.value()) / HighlightMs;
        QColor color(0xff, 0xe5, 0x80);
        color.setAlphaF(float(std::clamp(left * 1.6, 0.0, 1.0)));
        return color;
    }
    default:
        return role >= Qt::UserRole ? sourceModel()->data(source, role) : QVariant();
    }
}

QVariant LinksTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && role == Qt::DisplayRole && section >= 0 && section < m_columns.size())
        return LinksSchema::label(m_columns.at(section));
    return QAbstractProxyModel::headerData(section, orientation, role);
}

Qt::ItemFlags LinksTableModel::flags(const QModelIndex &index) const
{
    return index.isValid() ? Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren
                           : Qt::NoItemFlags;
}

void LinksTableModel::sort(int column, Qt::SortOrder order)
{
    Dust::ListModel *model = list();
    if (!model || column < 0 || column >= m_columns.size())
        return;
    model->setSortRole(m_columns.at(column));
    model->setSortOrder(order);
}

} // namespace DustLinks
