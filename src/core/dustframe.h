// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#ifndef DUSTFRAME_H
#define DUSTFRAME_H

#include <dustglobal.h>

#include <QtCore/qjsonarray.h>
#include <QtCore/qjsonobject.h>
#include <QtCore/qstring.h>

#include <optional>

namespace Dust {

/*!
    One Phoenix Channels message, `[join_ref, ref, topic, event, payload]`
    (protocol §1.3). Live broadcasts have no join_ref and no ref.

    \code
    Dust::Frame join{u"1"_s, u"1"_s, u"store:acme/site"_s, u"phx_join"_s,
                     {{u"last_store_seq"_s, 0}}};
    QByteArray bytes = Dust::JsonFrameCodec().encode(join);
    \endcode
*/
struct Frame
{
    std::optional<QString> joinRef;
    std::optional<QString> ref;
    QString topic;
    QString event;
    QJsonObject payload;

    /// The reply a server sends to this frame: same refs and topic, event
    /// "phx_reply", payload {"status": status, "response": response}.
    Frame reply(const QString &status, const QJsonObject &response = {}) const
    {
        return Frame{joinRef, ref, topic, QStringLiteral("phx_reply"),
                     {{QStringLiteral("status"), status}, {QStringLiteral("response"), response}}};
    }

    QJsonArray toJsonArray() const
    {
        return QJsonArray{joinRef ? QJsonValue(*joinRef) : QJsonValue(QJsonValue::Null),
                          ref ? QJsonValue(*ref) : QJsonValue(QJsonValue::Null),
                          topic, event, payload};
    }

    friend bool operator==(const Frame &a, const Frame &b)
    {
        return a.joinRef == b.joinRef && a.ref == b.ref && a.topic == b.topic
            && a.event == b.event && a.payload == b.payload;
    }
};

} // namespace Dust

#endif // DUSTFRAME_H
