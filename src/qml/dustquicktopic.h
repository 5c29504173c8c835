// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#ifndef DUSTQUICKTOPIC_H
#define DUSTQUICKTOPIC_H

#include <dustquickglobal.h>

#include <dusterror.h>

#include <QtCore/qobject.h>
#include <QtCore/qvariant.h>
#include <QtQml/qqml.h>
#include <QtQml/qqmlparserstatus.h>

#include <memory>

namespace Dust {

class PubSub;
class QuickRepo;
class QuickSchema;
class QuickTopicPrivate;

/*!
    DustTopic: the records of `schema` as they change, on one PubSub topic
    (a Dust::TopicSubscription from subscribeToPubSub()). It is the
    topic-scoped proxy of the bridge: it subscribes when its declaration is
    complete and `enabled` is true, and unsubscribes when `enabled` turns
    false or the element is destroyed; nothing else needs cleaning up.
    Changing repo, schema, topic, hub or the delivery options subscribes
    again.

    `schema` defaults to the repo's schema, `topic` to the schema's name and
    `hub` to the default hub (Dust::PubSub::defaultHub()). With
    `includeCurrent`, every current record arrives first as upserted(), then
    the live changes, with no gap and no duplicate. A record is a plain
    object keyed by field name.

    Failures (no repo, a repo without a WebSocket connection, a refused
    subscription) are emitted as errorOccurred(error), kept in `error` and reported
    as a QML warning; `state` is then DustTopic.Error.

    \code
    DustTopic {
        repo: repo
        schema: links
        topic: "links"
        includeCurrent: true
        onUpserted: (record) => console.log("now", record.slug, record.title)
        onDeleted: (slug) => console.log("gone", slug)
        onResyncRequired: console.log("missed events; the current records follow")
    }
    \endcode
*/
class DUST_QUICK_EXPORT QuickTopic : public QObject, public QQmlParserStatus
{
    Q_OBJECT
    Q_INTERFACES(QQmlParserStatus)
    Q_MOC_INCLUDE(<dustpubsub.h>)
    Q_MOC_INCLUDE(<dustquickrepo.h>)
    Q_MOC_INCLUDE(<dustquickschema.h>)
    Q_PROPERTY(Dust::QuickRepo *repo READ repo WRITE setRepo NOTIFY repoChanged)
    Q_PROPERTY(Dust::QuickSchema *schema READ schema WRITE setSchema NOTIFY schemaChanged)
    Q_PROPERTY(QString topic READ topic WRITE setTopic NOTIFY topicChanged)
    Q_PROPERTY(Dust::PubSub *hub READ hub WRITE setHub RESET resetHub NOTIFY hubChanged)
    Q_PROPERTY(Delivery delivery READ delivery WRITE setDelivery NOTIFY deliveryChanged)
    Q_PROPERTY(bool includeCurrent READ includeCurrent WRITE setIncludeCurrent NOTIFY includeCurrentChanged)
    Q_PROPERTY(int maxBacklog READ maxBacklog WRITE setMaxBacklog NOTIFY maxBacklogChanged)
    Q_PROPERTY(bool enabled READ isEnabled WRITE setEnabled NOTIFY enabledChanged)
    Q_PROPERTY(State state READ state NOTIFY stateChanged)
    Q_PROPERTY(Dust::Error error READ error NOTIFY errorChanged)
    QML_NAMED_ELEMENT(DustTopic)

public:
    // Both enums are declared here rather than taken from
    // Dust::TopicSubscription with QML_EXTENDED_NAMESPACE: State adds
    // Inactive, and the extension would bring TopicSubscription::State's
    // values in beside it under the same names (DustTopic.Error would mean
    // two numbers). The conversions in dustquicktopic.cpp name each value.

    /// The values of Dust::TopicSubscription::Delivery.
    enum class Delivery { Coalesced, EveryEvent };
    Q_ENUM(Delivery)
    /// Inactive: not subscribed (disabled, or the declaration is not
    /// complete). The others are Dust::TopicSubscription's states.
    enum class State { Inactive, Subscribing, Active, Stopped, Error };
    Q_ENUM(State)

    explicit QuickTopic(QObject *parent = nullptr);
    ~QuickTopic() override;

    QuickRepo *repo() const;
    void setRepo(QuickRepo *repo);
    QuickSchema *schema() const;
    void setSchema(QuickSchema *schema);
    QString topic() const;
    void setTopic(const QString &topic);
    PubSub *hub() const;
    void setHub(PubSub *hub);
    void resetHub();
    Delivery delivery() const;
    void setDelivery(Delivery delivery);
    bool includeCurrent() const;
    void setIncludeCurrent(bool include);
    /// EveryEvent only: events held for a slow receiver before they are
    /// dropped for a resync (default 10000).
    int maxBacklog() const;
    void setMaxBacklog(int events);
    bool isEnabled() const;
    void setEnabled(bool enabled);

    State state() const;
    /// Why the topic failed (state Error); isNull otherwise.
    Error error() const;

    void classBegin() override;
    void componentComplete() override;

Q_SIGNALS:
    void repoChanged();
    void schemaChanged();
    void topicChanged();
    void hubChanged();
    void deliveryChanged();
    void includeCurrentChanged();
    void maxBacklogChanged();
    void enabledChanged();
    void stateChanged();
    void errorChanged();

    void upserted(const QVariant &record);
    void deleted(const QString &slug);
    void resyncRequired();
    void errorOccurred(const Dust::Error &error);

private:
    friend class QuickTopicPrivate;
    std::unique_ptr<QuickTopicPrivate> d;
};

} // namespace Dust

#endif // DUSTQUICKTOPIC_H
