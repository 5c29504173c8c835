// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#ifndef DUSTJSONFRAMECODEC_H
#define DUSTJSONFRAMECODEC_H

#include <dustframecodec.h>

namespace Dust {

/*!
    Phoenix V2 JSON serializer (`vsn=2.0.0`): each frame is a JSON array in a
    WebSocket text message. This is what the Elixir SDK speaks.

    \code
    Dust::JsonFrameCodec codec;
    auto frame = codec.decode(R"(["1","1","phoenix","heartbeat",{}])");
    \endcode
*/
class DUST_CORE_EXPORT JsonFrameCodec : public FrameCodec
{
public:
    explicit JsonFrameCodec(Limits limits = {}) : FrameCodec(limits) { }

    QString version() const override;
    bool isBinary() const override { return false; }
    QByteArray encodeValue(const QJsonValue &value) const override;
    Result<QJsonValue> decodeValue(QByteArrayView data) const override;
};

} // namespace Dust

#endif // DUSTJSONFRAMECODEC_H
