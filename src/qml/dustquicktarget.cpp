// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#include "dustquicktarget_p.h"
#include "dustquickrepo.h"
#include "dustquickschema.h"

#include <QtCore/qmetaobject.h>

using namespace Qt::StringLiterals;

namespace Dust::Quick {

TopicTarget::TopicTarget(QObject *owner, std::function<void()> onChange)
    : m_owner(owner), m_onChange(std::move(onChange))
{
}

void TopicTarget::setRepo(QuickRepo *repo)
{
    if (m_repo == repo)
        return;
    m_repo = repo;
    m_lost = false;
    watchRepo();
    watchSchema();
    changed("repo");
}

void TopicTarget::setSchema(QuickSchema *schema)
{
    if (m_schema == schema)
        return;
    m_schema = schema;
    m_lost = false;
    watchSchema();
    changed("schema");
}

PubSub *TopicTarget::hub() const
{
    return m_hub ? m_hub.data() : PubSub::defaultHub();
}

void TopicTarget::setHub(PubSub *hub)
{
    if (m_hub == hub)
        return;
    m_hub = hub;
    changed("hub");
}

void TopicTarget::setTopic(const QString &topic)
{
    if (m_topic == topic)
        return;
    m_topic = topic;
    changed("topic");
}

void TopicTarget::changed(const char *property)
{
    const QMetaObject *meta = m_owner->metaObject();
    meta->property(meta->indexOfProperty(property)).notifySignal().invoke(m_owner);
    m_onChange();
}

QuickSchema *TopicTarget::effectiveSchema() const
{
    if (m_schema)
        return m_schema;
    return m_repo ? m_repo->schema() : nullptr;
}

void TopicTarget::watchRepo()
{
    for (const auto &c : std::as_const(m_repoConnections))
        QObject::disconnect(c);
    m_repoConnections.clear();
    if (!m_repo)
        return;
    m_repoConnections.append(QObject::connect(m_repo, &QuickRepo::repoChanged, m_owner, [this] { m_onChange(); }));
    m_repoConnections.append(QObject::connect(m_repo, &QuickRepo::schemaChanged, m_owner, [this] {
        if (!m_schema) {
            watchSchema();
            m_onChange();
        }
    }));
    m_repoConnections.append(QObject::connect(m_repo, &QObject::destroyed, m_owner, [this] {
        // QPointer is already null here.
        m_lost = true;
        watchRepo();
        watchSchema();
        m_onChange();
    }));
}

void TopicTarget::watchSchema()
{
    QuickSchema *schema = effectiveSchema();
    if (m_watchedSchema == schema && (schema || m_schemaConnections.isEmpty()))
        return;
    for (const auto &c : std::as_const(m_schemaConnections))
        QObject::disconnect(c);
    m_schemaConnections.clear();
    m_watchedSchema = schema;
    if (!schema)
        return;
    m_schemaConnections.append(QObject::connect(schema, &QuickSchema::schemaChanged, m_owner, [this] { m_onChange(); }));
    m_schemaConnections.append(QObject::connect(schema, &QObject::destroyed, m_owner, [this] {
        m_lost = true;
        watchSchema();
        m_onChange();
    }));
}

std::optional<Result<TopicTarget::Resolved>> TopicTarget::resolve() const
{
    if (!m_repo && m_lost)
        return std::nullopt;
    if (!m_repo)
        return Result<Resolved>(Error(Error::Kind::InvalidParams, u"missing_repo"_s));
    QuickSchema *schema = effectiveSchema();
    if (!schema && m_lost)
        return std::nullopt;
    if (!schema)
        return Result<Resolved>(Error(Error::Kind::InvalidSchema, u"missing_schema"_s));
    if (!schema->isValid()) {
        // Not built yet: it says so when it is.
        if (schema->error().isNull())
            return std::nullopt;
        return Result<Resolved>(schema->error());
    }
    Repo *repo = m_repo->repo();
    if (!repo)
        return std::nullopt;
    Resolved resolved{repo, schema->schema(), hub(), m_topic.isEmpty() ? schema->name() : m_topic};
    return Result<Resolved>(resolved);
}

} // namespace Dust::Quick
