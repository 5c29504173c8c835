// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#ifndef DUSTQUICKTARGET_P_H
#define DUSTQUICKTARGET_P_H

#include <dustprivateapi_p.h>

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
// `onChange` whenever a declared object changed what it resolves to. Its
// setters are the owner's: a change emits the owner's NOTIFY signal of the
// property of the same name, then calls `onChange`.
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
    void setRepo(QuickRepo *repo);
    QuickSchema *schema() const { return m_schema; }
    void setSchema(QuickSchema *schema);
    // The declared hub, or the default hub.
    PubSub *hub() const;
    void setHub(PubSub *hub);
    QString topic() const { return m_topic; }
    void setTopic(const QString &topic);

    // Sets one of the owner's subscription options: a change emits its
    // NOTIFY signal `changed`, then calls `onChange`.
    template<typename Owner, typename T>
    void setOption(T &option, const T &value, void (Owner::*changed)())
    {
        if (option == value)
            return;
        option = value;
        emit (static_cast<Owner *>(m_owner)->*changed)();
        m_onChange();
    }

    // The schema in use: the declared one, or else the repo's.
    QuickSchema *effectiveSchema() const;
    // std::nullopt while a declared object is not complete yet (it will
    // call onChange when it is); an Error when the declaration cannot work.
    std::optional<Result<Resolved>> resolve() const;

private:
    void changed(const char *property);
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
