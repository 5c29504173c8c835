// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#ifndef DUSTFRAMECODEC_H
#define DUSTFRAMECODEC_H

#include <dustframe.h>
#include <dustresult.h>

#include <QtCore/qbytearrayview.h>
#include <QtCore/qjsonvalue.h>

#include <memory>

namespace Dust {

//// Bounds on what a decoder accepts from the network.
///
/// \code
/// auto codec = Dust::FrameCodec::create(u"3.0.0", Dust::FrameLimits{32, 64 * 1024});
/// codec->decode(oversized);   // Error "too_large", kind Protocol
/// \endcode
struct FrameLimits
{
    int maxDepth = 64;
    qsizetype maxBytes = 8 * 1024 * 1024;
};

/*!
    Turns Phoenix frames into bytes and back. The serializer is chosen by the
    `vsn` connect parameter: "2.0.0" is JSON text frames (JsonFrameCodec),
    "3.0.0" MessagePack binary frames (MsgPackFrameCodec).

    Decoding is strict and never asserts: wrong arity, wrong element types, a
    payload that is not an object, invalid UTF-8, an escaped lone surrogate,
    NaN or infinity, nesting deeper than FrameLimits::maxDepth and input over
    FrameLimits::maxBytes each give an Error of kind Protocol with its own
    code. Both codecs decode a number the same way (an integral value that
    fits in qint64 is an integer), so a decoded frame re-encodes with either
    codec and decodes back equal.

    \code
    auto codec = Dust::FrameCodec::create(u"2.0.0");
    Dust::Result<Dust::Frame> frame = codec->decode(message);
    if (!frame)
        qWarning() << frame.error().code();   // e.g. "wrong_arity"
    \endcode
*/
class DUST_CORE_EXPORT FrameCodec
{
public:
    using Limits = FrameLimits;

    explicit FrameCodec(Limits limits = {}) : m_limits(limits) { }
    virtual ~FrameCodec();

    /// A codec for a Phoenix serializer version, or nullptr when unknown.
    static std::unique_ptr<FrameCodec> create(QStringView vsn, Limits limits = {});

    virtual QString version() const = 0;
    virtual bool isBinary() const = 0;

    /// Any JSON-shaped value, within the limits.
    virtual QByteArray encodeValue(const QJsonValue &value) const = 0;
    virtual Result<QJsonValue> decodeValue(QByteArrayView data) const = 0;

    QByteArray encode(const Frame &frame) const { return encodeValue(frame.toJsonArray()); }
    Result<Frame> decode(QByteArrayView data) const;

    /// Checks the five-element shape of an already decoded message.
    static Result<Frame> frameFromValue(const QJsonValue &value);

    Limits limits() const { return m_limits; }

private:
    Limits m_limits;
};

} // namespace Dust

#endif // DUSTFRAMECODEC_H
