// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#ifndef DUSTQUICKLISTMODEL_H
#define DUSTQUICKLISTMODEL_H

#include <dustlistmodel.h>
#include <dustquickglobal.h>
#include <dustquicktopic.h>

#include <QtQml/qjsvalue.h>
#include <QtQml/qqml.h>
#include <QtQml/qqmlparserstatus.h>

#include <memory>

namespace Dust {

class PubSub;
class QuickRepo;
class QuickSchema;
class QuickListModelPrivate;

/*!
    DustListModel: a Dust::ListModel that follows a topic declared in QML.
    One row per record of `schema`, keyed by slug, with a role per field
    (delegates read `model.slug`, `model.title`, ...), kept sorted by
    `sortRole` / `sortOrder` (ties broken by slug) and filtered by
    `filterRole` / `filterValue`, by `filterText` over `filterRoles` and by
    `filterFunction`; `sortRoles` / `sortOrders` sort by several keys. It
    subscribes with the current records
    first (includeCurrent), so it loads and then stays live with no gap and
    no duplicate; changes are applied a slice per event-loop turn with the
    minimal row signals.

    `schema` defaults to the repo's schema, `topic` to the schema's name and
    `hub` to the default hub. `status` is DustListModel.Loading until the
    records are in, then Ready, or Error with `error` set (a Dust::Error;
    also errorOccurred() and a QML warning) when the declaration or the
    subscription fails.

    \code
    ListView {
        model: DustListModel {
            repo: repo
            schema: links
            topic: "links"
            sortRole: "title"
        }
        delegate: Text { text: model.title + " — " + model.url }
    }

    DustListModel {
        repo: repo
        sortRoles: ["pinned", "title"]
        sortOrders: [Qt.DescendingOrder, Qt.AscendingOrder]
        filterText: searchField.text
        filterRoles: ["title", "url"]
        filterFunction: link => !link.archived
    }
    \endcode
*/
class DUST_QUICK_EXPORT QuickListModel : public Dust::ListModel, public QQmlParserStatus
{
    Q_OBJECT
    Q_INTERFACES(QQmlParserStatus)
    Q_MOC_INCLUDE(<dustpubsub.h>)
    Q_MOC_INCLUDE(<dustquickrepo.h>)
    Q_MOC_INCLUDE(<dustquickschema.h>)
    Q_PROPERTY(Dust::QuickRepo *repo READ repo WRITE setRepo NOTIFY repoChanged)
    /// Shadows ListModel::schema: QML declares the schema as a DustSchema.
    Q_PROPERTY(Dust::QuickSchema *schema READ schemaObject WRITE setSchemaObject NOTIFY schemaChanged)
    Q_PROPERTY(QString topic READ topic WRITE setTopic NOTIFY topicChanged)
    Q_PROPERTY(Dust::PubSub *hub READ hub WRITE setHub RESET resetHub NOTIFY hubChanged)
    Q_PROPERTY(Dust::QuickTopic::Delivery delivery READ delivery WRITE setDelivery NOTIFY deliveryChanged)
    Q_PROPERTY(int maxBacklog READ maxBacklog WRITE setMaxBacklog NOTIFY maxBacklogChanged)
    /// A JS function of a record returning whether it is a row; unset or
    /// null shows every record. Call invalidateFilter() when what it reads
    /// besides the record changes.
    Q_PROPERTY(QJSValue filterFunction READ filterFunction WRITE setFilterFunction NOTIFY filterFunctionChanged)
    QML_NAMED_ELEMENT(DustListModel)

public:
    explicit QuickListModel(QObject *parent = nullptr);
    ~QuickListModel() override;

    QuickRepo *repo() const;
    void setRepo(QuickRepo *repo);
    QuickSchema *schemaObject() const;
    void setSchemaObject(QuickSchema *schema);
    QString topic() const;
    void setTopic(const QString &topic);
    PubSub *hub() const;
    void setHub(PubSub *hub);
    void resetHub();
    /// How the bridge hands changes over (Coalesced by default; changes
    /// waiting for the model are coalesced either way). With EveryEvent, a
    /// model further behind than maxBacklog events reloads in place instead.
    QuickTopic::Delivery delivery() const;
    void setDelivery(QuickTopic::Delivery delivery);
    int maxBacklog() const;
    void setMaxBacklog(int events);

    QJSValue filterFunction() const;
    void setFilterFunction(const QJSValue &function);

    void classBegin() override;
    void componentComplete() override;

Q_SIGNALS:
    void repoChanged();
    void topicChanged();
    void hubChanged();
    void deliveryChanged();
    void maxBacklogChanged();
    void filterFunctionChanged();

private:
    friend class QuickListModelPrivate;
    std::unique_ptr<QuickListModelPrivate> d;
};

} // namespace Dust

#endif // DUSTQUICKLISTMODEL_H
