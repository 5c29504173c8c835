// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#include "dustquicklistmodel.h"
#include "dustquickerror_p.h"
#include "dustquickschema.h"
#include "dustquicktarget_p.h"

#include <dustpubsub.h>
#include <dusttopicsubscription.h>

#include <QtQml/qqmlengine.h>
#include <QtQml/qqmlinfo.h>

namespace Dust {

class QuickListModelPrivate
{
public:
    explicit QuickListModelPrivate(QuickListModel *q) : q(q), target(q, [this] { resubscribe(); }) { }

    void resubscribe();
    void fail(const Error &error, bool warn);

    QuickListModel *const q;
    Quick::TopicTarget target;
    bool complete = true;
    QuickTopic::Delivery delivery = QuickTopic::Delivery::Coalesced;
    int maxBacklog = TopicOptions().maxBacklog;
    QJSValue filterFunction;
};

void QuickListModelPrivate::fail(const Error &error, bool warn)
{
    q->setSubscription(nullptr);
    if (warn)
        Quick::warnDeclaration(q, error);
    q->setError(error);
}

void QuickListModelPrivate::resubscribe()
{
    if (!complete)
        return;
    const auto resolved = target.resolve();
    if (!resolved) {
        q->setSubscription(nullptr);
        return;
    }
    if (!*resolved) {
        const QuickSchema *schema = target.effectiveSchema();
        fail(resolved->error(), !schema || resolved->error() != schema->error());
        return;
    }
    const Quick::TopicTarget::Resolved &r = **resolved;
    q->setSchema(r.schema);
    TopicOptions options;
    options.delivery = TopicSubscription::Delivery(delivery);
    options.includeCurrent = true;
    options.maxBacklog = maxBacklog;
    const Result<TopicSubscription *> made = subscribeToPubSub(r.repo, r.schema, r.hub, r.topic, q, options);
    if (!made) {
        fail(made.error(), true);
        return;
    }
    q->setSubscription(*made);
}

QuickListModel::QuickListModel(QObject *parent)
    : ListModel(parent), d(std::make_unique<QuickListModelPrivate>(this))
{
}

QuickListModel::~QuickListModel() = default;

QuickRepo *QuickListModel::repo() const
{
    return d->target.repo();
}

void QuickListModel::setRepo(QuickRepo *repo)
{
    d->target.setRepo(repo);
}

QuickSchema *QuickListModel::schemaObject() const
{
    return d->target.schema();
}

void QuickListModel::setSchemaObject(QuickSchema *schema)
{
    d->target.setSchema(schema);
}

QString QuickListModel::topic() const
{
    return d->target.topic();
}

void QuickListModel::setTopic(const QString &topic)
{
    d->target.setTopic(topic);
}

PubSub *QuickListModel::hub() const
{
    return d->target.hub();
}

void QuickListModel::setHub(PubSub *hub)
{
    d->target.setHub(hub);
}

void QuickListModel::resetHub()
{
    setHub(nullptr);
}

QuickTopic::Delivery QuickListModel::delivery() const
{
    return d->delivery;
}

void QuickListModel::setDelivery(QuickTopic::Delivery delivery)
{
    d->target.setOption(d->delivery, delivery, &QuickListModel::deliveryChanged);
}

int QuickListModel::maxBacklog() const
{
    return d->maxBacklog;
}

void QuickListModel::setMaxBacklog(int events)
{
    d->target.setOption(d->maxBacklog, events, &QuickListModel::maxBacklogChanged);
}

QJSValue QuickListModel::filterFunction() const
{
    return d->filterFunction;
}

void QuickListModel::setFilterFunction(const QJSValue &function)
{
    if (d->filterFunction.strictlyEquals(function))
        return;
    d->filterFunction = function;
    emit filterFunctionChanged();
    if (!function.isCallable()) {
        if (!function.isUndefined() && !function.isNull())
            qmlWarning(this) << tr("filterFunction is not a function; every record is shown");
        setFilterPredicate({});
        return;
    }
    setFilterPredicate([this](const QVariantMap &record) {
        QJSEngine *engine = qjsEngine(this);
        if (!engine)
            return true;
        const QJSValue result = d->filterFunction.call({engine->toScriptValue(record)});
        if (result.isError()) {
            qmlWarning(this) << result.toString();
            return false;
        }
        return result.toBool();
    });
}


void QuickListModel::classBegin()
{
    d->complete = false;
}

void QuickListModel::componentComplete()
{
    d->complete = true;
    d->resubscribe();
}

} // namespace Dust
