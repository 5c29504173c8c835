// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#ifndef DUSTEVENTFRAME_P_H
#define DUSTEVENTFRAME_P_H

#include <dustprivateapi_p.h>

//
//  W A R N I N G
//  -------------
//
// This file is not part of the DustQt API. It may change without notice.
//

#include <dustop.h>
#include <dustvaluemodel.h>

#include <QtCore/qbytearray.h>
#include <QtCore/qstring.h>

#include <optional>

namespace Dust {

// A server `event` frame (`[join_ref, ref, topic, "event", {payload}]`,
// protocol §2.1) read straight from its JSON text into the leaves it
// stores, in the form ValueModel keeps them: a catch-up is a long run of
// such frames, and a JSON document per frame cost most of its time.
//
// The reader takes only plain frames: a set, increment, add or remove of a
// plain JSON value at a valid path. Anything else (another event or op, a
// typed value, an object inside an array, a duplicate or empty key, an
// escape it does not decode, a number it cannot keep exactly, malformed
// text) is left to JsonFrameCodec and the engine's own decoding, so errors
// and behaviour stay theirs. The path, the value and the ids are not built:
// when a subscriber, a pending write or an error needs them, decode text().
class DUST_CORE_EXPORT EventFrame
{
public:
    // The frame, or nothing when `text` is not one this reader takes.
    static std::optional<EventFrame> read(const QByteArray &text);

    const QByteArray &text() const { return m_text; }
    const QString &topic() const { return m_topic; }
    const std::optional<QString> &joinRef() const { return m_joinRef; }
    qint64 storeSeq() const { return m_seq; }
    Op::Kind op() const { return m_op; }
    // The rendered path (Path::key()).
    QByteArrayView key() const;

    // Applies the event to `model` as SyncEngine applies a decoded one,
    // stamping the new leaves with `syncedAt`; appends each touched key's
    // new state to `changes` when given.
    void applyTo(ValueModel &model, qint64 syncedAt, QList<LeafChange> *changes) const;

private:
    friend class EventFrameReader;
    struct LeafView
    {
        QByteArrayView key;
        quint8 type = 0;
        QByteArrayView value;
    };
    // Calls `visit(const LeafView &)` for each leaf, in the order written.
    template<typename Visit>
    void forEachLeaf(Visit &&visit) const;

    QByteArray m_text;
    QString m_topic;
    std::optional<QString> m_joinRef;
    qint64 m_seq = 0;
    Op::Kind m_op = Op::Kind::Set;
    // The path's key, then each leaf: key, type byte and value encoding,
    // each length-prefixed. One allocation for the whole event.
    QByteArray m_leaves;
};

} // namespace Dust

#endif // DUSTEVENTFRAME_P_H
