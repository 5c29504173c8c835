// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#ifndef DUSTLISTMODEL_H
#define DUSTLISTMODEL_H

#include <dusterror.h>
#include <dustschema.h>

#include <QtCore/qabstractitemmodel.h>
#include <QtCore/qlocale.h>

#include <functional>
#include <memory>

namespace Dust {

class ListModelPrivate;
class TopicSubscription;

/*!
    A live list of the records of one schema: one row per record, keyed by
    slug, with a role per schema field plus `slug`. Rows stay sorted by
    `sortRoles` (or the single `sortRole`), each key in its own order, with
    strings compared by the collation of `sortLocale`, case-insensitively;
    ties are broken by slug, so the order is stable. Rows can be filtered by
    equality on one role (`filterRole` / `filterValue`), by a
    case-insensitive text search over chosen roles (`filterText` /
    `filterRoles`) and by a predicate; a record is a row when it passes all
    three. Filters stay live: a change that makes a record start or stop
    matching inserts or removes its row.

    The model follows a TopicSubscription: it loads the current records and
    then applies live changes with the smallest
    insert/remove/move/dataChanged calls that describe them. While it is
    applying one batch, the next waits in the subscription's mailbox,
    coalesced per record. Rows are found by slug through a hash, never by
    scanning. After a resync it reloads in place: rows whose record did not
    change are left alone. A large first load shows its first rows at once
    and the rest once sorted (`status` is Ready when every record is a row),
    and large storms are applied a slice at a time, so the GUI thread never
    stalls for long.

    \code
    auto *model = new Dust::ListModel(this);
    model->setSchema(links);
    model->setSortRole(u"title"_s);
    model->setSubscription(*Dust::subscribeToPubSub(repo, links, Dust::PubSub::defaultHub(),
                                                    u"links"_s, model, {.includeCurrent = true}));
    listView->setModel(model);

    // Pinned links first, then by title; only those whose title or url
    // contains what the user typed, and only the unread ones.
    model->setSortRoles({u"pinned"_s, u"title"_s});
    model->setSortOrders({Qt::DescendingOrder, Qt::AscendingOrder});
    model->setFilterRoles({u"title"_s, u"url"_s});
    connect(searchField, &QLineEdit::textChanged, model, &Dust::ListModel::setFilterText);
    model->setFilterPredicate([](const QVariantMap &link) { return !link.value(u"read"_s).toBool(); });
    \endcode

    Sort keys are computed once per record (strings as collation keys), not
    per comparison. A change of sort or filter is applied at once when it
    fits in a few milliseconds; over a large model it is computed a slice
    per event-loop turn (`busy` is true meanwhile, the rows keep their old
    arrangement, and live changes wait) and then shown with a layout change
    and the row insertions and removals it implies, or a model reset when
    those would be many scattered ranges.
*/
class DUST_CORE_EXPORT ListModel : public QAbstractListModel
{
    Q_OBJECT
    // No `schema` property: QML sets DustListModel.schema to a DustSchema
    // element, and a property of another type here would be shadowed.
    Q_PROPERTY(QString sortRole READ sortRole WRITE setSortRole NOTIFY sortRoleChanged)
    Q_PROPERTY(Qt::SortOrder sortOrder READ sortOrder WRITE setSortOrder NOTIFY sortOrderChanged)
    Q_PROPERTY(QStringList sortRoles READ sortRoles WRITE setSortRoles NOTIFY sortRoleChanged)
    Q_PROPERTY(QList<int> sortOrders READ sortOrders WRITE setSortOrders NOTIFY sortOrderChanged)
    Q_PROPERTY(QLocale sortLocale READ sortLocale WRITE setSortLocale NOTIFY sortLocaleChanged)
    Q_PROPERTY(QString filterRole READ filterRole WRITE setFilterRole NOTIFY filterChanged)
    Q_PROPERTY(QVariant filterValue READ filterValue WRITE setFilterValue NOTIFY filterChanged)
    Q_PROPERTY(QString filterText READ filterText WRITE setFilterText NOTIFY filterChanged)
    Q_PROPERTY(QStringList filterRoles READ filterRoles WRITE setFilterRoles NOTIFY filterChanged)
    Q_PROPERTY(bool busy READ isBusy NOTIFY busyChanged)
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

    /// Decides whether a record (its fields, slug included) is a row.
    using FilterPredicate = std::function<bool(const QVariantMap &record)>;

    explicit ListModel(QObject *parent = nullptr);
    ~ListModel() override;

    Schema schema() const;
    void setSchema(const Schema &schema);
    /// A role name ("slug" or a field); empty means "slug".
    QString sortRole() const;
    void setSortRole(const QString &role);
    /// The order of every sort key that sortOrders does not name.
    Qt::SortOrder sortOrder() const;
    void setSortOrder(Qt::SortOrder order);
    /// The sort keys, most significant first (role names, "slug"
    /// included); when empty, `sortRole` is the only key.
    QStringList sortRoles() const;
    void setSortRoles(const QStringList &roles);
    /// A Qt::SortOrder per entry of sortRoles; missing entries use
    /// `sortOrder`.
    QList<int> sortOrders() const;
    void setSortOrders(const QList<int> &orders);
    /// The locale whose collation orders strings; default QLocale(). The C
    /// locale compares them by code point, ignoring case.
    QLocale sortLocale() const;
    void setSortLocale(const QLocale &locale);
    /// Only records whose `filterRole` equals `filterValue` are rows; an
    /// empty filterRole shows every record.
    QString filterRole() const;
    void setFilterRole(const QString &role);
    QVariant filterValue() const;
    void setFilterValue(const QVariant &value);
    /// Only records where one of `filterRoles` contains this text, ignoring
    /// case, are rows; empty text shows every record.
    QString filterText() const;
    void setFilterText(const QString &text);
    /// The roles filterText searches; empty means every role.
    QStringList filterRoles() const;
    void setFilterRoles(const QStringList &roles);
    /// Only records for which `predicate` returns true are rows; an empty
    /// function shows every record. Call invalidateFilter() when what the
    /// predicate depends on (other than the record) changes.
    void setFilterPredicate(FilterPredicate predicate);
    bool hasFilterPredicate() const;
    /// Evaluates the filters again over every record.
    Q_INVOKABLE void invalidateFilter();
    /// True while a change of sort or filter is being applied over several
    /// event-loop turns.
    bool isBusy() const;
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
    void sortLocaleChanged();
    void filterChanged();
    void busyChanged();
    void displayRoleChanged();
    void countChanged();
    void statusChanged();
    void errorChanged();
    /// The subscription failed (or could not be made): `error` says why.
    void errorOccurred(const Dust::Error &error);

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
