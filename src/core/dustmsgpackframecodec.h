// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#ifndef DUSTMSGPACKFRAMECODEC_H
#define DUSTMSGPACKFRAMECODEC_H

#include <dustframecodec.h>

namespace Dust {

/*!
    The MessagePack serializer (`vsn=3.0.0`) used by the hosted Dust server
    and the TypeScript SDK: the same five-element array, packed with
    libmsgpack-cxx into a binary WebSocket message. Map keys must be strings;
    binary and extension types are rejected, and so are NaN and infinite
    floats (non_finite_number), which JSON cannot carry.

    \code
    Dust::MsgPackFrameCodec codec;
    QByteArray packed = codec.encode(frame);
    Dust::Result<Dust::Frame> back = codec.decode(packed);
    \endcode
*/
class DUST_CORE_EXPORT MsgPackFrameCodec : public FrameCodec
{
public:
    explicit MsgPackFrameCodec(Limits limits = {}) : FrameCodec(limits) { }

    QString version() const override;
    bool isBinary() const override { return true; }
    QByteArray encodeValue(const QJsonValue &value) const override;
    Result<QJsonValue> decodeValue(QByteArrayView data) const override;
};

} // namespace Dust

#endif // DUSTMSGPACKFRAMECODEC_H
