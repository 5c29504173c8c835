// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#ifndef DUSTQUICKTARGET_P_H
#define DUSTQUICKTARGET_P_H

//
//  W A R N I N G
//  -------------
//
// This file is not part of the DustQt API. It may change without notice.
//

#include <dustpubsub.h>
#include <dustquickrepo.h>
#include <dustquickschema.h>
#include <dustresult.h>
#include <dustschema.h>

#include <QtCore/qobject.h>
#include <QtCore/qpointer.h>

#include <optional>

namespace Dust {

class Repo;

namespace Quick {

// What a DustTopic or DustListModel follows, as declared in QML, and the
// (repo, schema, hub, topic) it resolves to. It tells its owner through
// `onChange` whenever a declared object changed what it resolves to.
class TopicTarget
{
public:
    struct Resolved
    {
        Repo *repo = nullptr;
        Schema schema;
        PubSub *hub = nullptr;
        QString topic;
    };

    TopicTarget(QObject *owner, std::function<void()> onChange);

    QuickRepo *repo() const { return m_repo; }
    bool setRepo(QuickRepo *repo);
    QuickSchema *schema() const { return m_schema; }
    bool setSchema(QuickSchema *schema);
    // The declared hub, or the default hub.
    PubSub *hub() const;
    bool setHub(PubSub *hub);
    QString topic() const { return m_topic; }
    bool setTopic(const QString &topic);

    // The schema in use: the declared one, or else the repo's.
    QuickSchema *effectiveSchema() const;
    // std::nullopt while a declared object is not complete yet (it will
    // call onChange when it is); an Error when the declaration cannot work.
    std::optional<Result<Resolved>> resolve() const;

private:
    void watchRepo();
    void watchSchema();

    QObject *const m_owner;
    const std::function<void()> m_onChange;
    QPointer<QuickRepo> m_repo;
    QPointer<QuickSchema> m_schema;
    QPointer<QuickSchema> m_watchedSchema;
    QPointer<PubSub> m_hub;
    QString m_topic;
    // A declared repo or schema was destroyed (usually the application
    // tearing down): wait quietly instead of reporting it missing.
    bool m_lost = false;
    QList<QMetaObject::Connection> m_repoConnections;
    QList<QMetaObject::Connection> m_schemaConnections;
};

} // namespace Quick
} // namespace Dust

#endif // DUSTQUICKTARGET_P_H
