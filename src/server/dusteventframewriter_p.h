// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#ifndef DUSTEVENTFRAMEWRITER_P_H
#define DUSTEVENTFRAMEWRITER_P_H

#include <dustprivateapi_p.h>

#include <dustserverglobal.h>

#include <QtCore/qbytearray.h>
#include <QtCore/qbytearrayview.h>
#include <QtCore/qstring.h>

namespace Dust {

// One op-log row as SQLite stores it, UTF-8 text that nothing has parsed:
// what catch-up needs to write an `event` frame (protocol §2.1). The views
// point into SQLite's row, valid until the next row is read.
struct StoredOpView
{
    qint64 seq = 0;
    QByteArrayView op;
    QByteArrayView path;        // the rendering, "a/b~1c"
    QByteArrayView value;       // compact JSON text
    QByteArrayView deviceId;
    QByteArrayView clientOpId;
};

// The same row, copied out.
struct StoredOp
{
    qint64 seq = 0;
    QByteArray op;
    QByteArray path;
    QByteArray value;
    QByteArray deviceId;
    QByteArray clientOpId;

    StoredOpView view() const { return {seq, op, path, value, deviceId, clientOpId}; }
};

/*
    Writes the `event` frames of one channel's catch-up as bytes, in the
    connection's serializer, without building a QJsonObject per event: the
    stored value's JSON text is spliced into a JSON frame, or transcoded
    straight into MessagePack. A frame means the same as the one the frame
    codec makes from OpRecord::toEventPayload(), with the same key order.

    EventFrameWriter writer(codec->isBinary(), joinRef, topic);
    socket->sendBinaryMessage(writer.write(storedOp));
*/
class DUST_SERVER_EXPORT EventFrameWriter
{
public:
    EventFrameWriter(bool binary, const QString &joinRef, const QString &topic);

    QByteArray write(const StoredOpView &op) const;
    QByteArray write(const StoredOp &op) const { return write(op.view()); }

private:
    QByteArray writeJson(const StoredOpView &op) const;
    QByteArray writeMsgPack(const StoredOpView &op) const;

    bool m_binary;
    QByteArray m_prefix;   // the frame up to the payload's first key
};

} // namespace Dust

#endif // DUSTEVENTFRAMEWRITER_P_H
