// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#ifndef DUSTLISTMODEL_H
#define DUSTLISTMODEL_H

#include <dusterror.h>
#include <dustschema.h>

#include <QtCore/qabstractitemmodel.h>

#include <memory>

namespace Dust {

class ListModelPrivate;
class TopicSubscription;

/*!
    A live list of the records of one schema: one row per record, keyed by
    slug, with a role per schema field plus `slug`. Rows stay sorted by
    `sortRole` (ties broken by slug, so the order is stable) and can be
    filtered on one role.

    The model follows a TopicSubscription: it loads the current records and
    then applies live changes, coalesced per event-loop turn, with the
    smallest insert/remove/move/dataChanged calls that describe them. Rows
    are found by slug through a hash, never by scanning. After a resync it
    reloads in place: rows whose record did not change are left alone. Large
    storms are applied a slice at a time, so the GUI thread never stalls for
    long.

    \code
    auto *model = new Dust::ListModel(this);
    model->setSchema(links);
    model->setSortRole(u"title"_s);
    model->setSubscription(*Dust::subscribeToPubSub(repo, links, Dust::PubSub::defaultHub(),
                                                    u"links"_s, model, {.includeCurrent = true}));
    listView->setModel(model);
    \endcode
*/
class DUST_CORE_EXPORT ListModel : public QAbstractListModel
{
    Q_OBJECT
    Q_PROPERTY(Dust::Schema schema READ schema WRITE setSchema NOTIFY schemaChanged)
    Q_PROPERTY(QString sortRole READ sortRole WRITE setSortRole NOTIFY sortRoleChanged)
    Q_PROPERTY(Qt::SortOrder sortOrder READ sortOrder WRITE setSortOrder NOTIFY sortOrderChanged)
    Q_PROPERTY(QString filterRole READ filterRole WRITE setFilterRole NOTIFY filterChanged)
    Q_PROPERTY(QVariant filterValue READ filterValue WRITE setFilterValue NOTIFY filterChanged)
    Q_PROPERTY(QString displayRole READ displayRole WRITE setDisplayRole NOTIFY displayRoleChanged)
    Q_PROPERTY(int count READ count NOTIFY countChanged)
    Q_PROPERTY(Status status READ status NOTIFY statusChanged)
    Q_PROPERTY(Dust::Error error READ error NOTIFY errorChanged)

public:
    /// Loading: the current records have not arrived yet. Ready: they have,
    /// and live changes are applied. Error: the subscription failed.
    enum class Status { Loading, Ready, Error };
    Q_ENUM(Status)

    enum Role { SlugRole = Qt::UserRole + 1, FirstFieldRole };

    explicit ListModel(QObject *parent = nullptr);
    ~ListModel() override;

    Schema schema() const;
    void setSchema(const Schema &schema);
    /// A role name ("slug" or a field); empty means "slug".
    QString sortRole() const;
    void setSortRole(const QString &role);
    Qt::SortOrder sortOrder() const;
    void setSortOrder(Qt::SortOrder order);
    /// Only records whose `filterRole` equals `filterValue` are rows; an
    /// empty filterRole shows every record.
    QString filterRole() const;
    void setFilterRole(const QString &role);
    QVariant filterValue() const;
    void setFilterValue(const QVariant &value);
    /// The role Qt::DisplayRole shows (for widget views); default "slug".
    QString displayRole() const;
    void setDisplayRole(const QString &role);

    int count() const;
    Status status() const;
    Error error() const;

    /// Follows `subscription` from now on; the model takes ownership of it.
    /// It should deliver a snapshot first (includeCurrent).
    void setSubscription(TopicSubscription *subscription);
    TopicSubscription *subscription() const;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    /// The role of a field name ("slug" included), or -1.
    int roleForName(const QString &name) const;
    /// The record shown in `row`, or an empty map.
    Q_INVOKABLE QVariantMap get(int row) const;
    /// The row of the record with this slug, or -1 (also when filtered out).
    Q_INVOKABLE int indexOf(const QString &slug) const;

Q_SIGNALS:
    void schemaChanged();
    void sortRoleChanged();
    void sortOrderChanged();
    void filterChanged();
    void displayRoleChanged();
    void countChanged();
    void statusChanged();
    void errorChanged();

protected:
    /// Shows `error` (status Error) until the next setSubscription(), for
    /// subclasses whose subscription could not be made at all.
    void setError(const Error &error);

private:
    friend class ListModelPrivate;
    std::unique_ptr<ListModelPrivate> d;
};

} // namespace Dust

#endif // DUSTLISTMODEL_H
