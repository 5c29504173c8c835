// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#ifndef DUSTRECORDEVENT_H
#define DUSTRECORDEVENT_H

#include <dustglobal.h>

#include <QtCore/qmetatype.h>
#include <QtCore/qobjectdefs.h>
#include <QtCore/qvariantmap.h>

namespace Dust {

/*!
    One change to a record, as a Repo subscription or a TopicSubscription
    delivers it: the record was written (Upserted, with its current fields) or
    removed (Deleted). `storeSeq` is the committed store_seq that produced it.

    \code
    connect(subscription, &Dust::TopicSubscription::eventsReceived, this,
            [](const QList<Dust::RecordEvent> &batch) {
        for (const Dust::RecordEvent &e : batch) {
            if (e.kind == Dust::RecordEvent::Kind::Deleted)
                qDebug() << "gone:" << e.slug;
            else
                qDebug() << "now:" << e.record.value(u"title"_s);
        }
    });
    \endcode
*/
class DUST_CORE_EXPORT RecordEvent
{
    Q_GADGET
    Q_PROPERTY(Kind kind MEMBER kind CONSTANT)
    Q_PROPERTY(QString slug MEMBER slug CONSTANT)
    Q_PROPERTY(QVariantMap record MEMBER record CONSTANT)
    Q_PROPERTY(qint64 storeSeq MEMBER storeSeq CONSTANT)

public:
    enum class Kind { Upserted, Deleted };
    Q_ENUM(Kind)

    Kind kind = Kind::Upserted;
    QString slug;
    QVariantMap record; ///< empty for Deleted
    qint64 storeSeq = 0;

    friend bool operator==(const RecordEvent &a, const RecordEvent &b)
    {
        return a.kind == b.kind && a.slug == b.slug && a.record == b.record
            && a.storeSeq == b.storeSeq;
    }
};

} // namespace Dust

Q_DECLARE_METATYPE(Dust::RecordEvent)

#endif // DUSTRECORDEVENT_H
