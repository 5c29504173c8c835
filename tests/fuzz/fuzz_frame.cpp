// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

// fuzz_frame: the Phoenix frame decoders (JSON, vsn 2.0.0, and MessagePack,
// vsn 3.0.0). Every input goes to both codecs, with the default limits and
// with tight ones. Properties:
// - decoding never crashes and fails only with a Protocol error that has a code;
// - decode() succeeds exactly when decodeValue() and frameFromValue() do;
// - whatever one codec accepted, both codecs write and read back equal, and
//   writing it again gives the same bytes (a server relays frames between JSON
//   and MessagePack clients, so a frame must survive either serializer).

#include "fuzzcheck.h"

#include <dustjsonframecodec.h>
#include <dustmsgpackframecodec.h>

#include <QtCore/qjsondocument.h>

#include <array>
#include <cstdint>

using Dust::FrameCodec;

namespace {

QString show(const QJsonValue &value)
{
    return QString::fromUtf8(Dust::JsonFrameCodec().encodeValue(value));
}

void checkError(const FrameCodec &codec, const Dust::Error &error)
{
    FUZZ_CHECK(error.kind() == Dust::Error::Kind::Protocol && !error.code().isEmpty(),
               codec.version(), error);
}

// Writes `value` with `target` and reads it back.
void checkValueRoundTrip(const FrameCodec &source, const FrameCodec &target, const QJsonValue &value)
{
    const QByteArray bytes = target.encodeValue(value);
    const Dust::Result<QJsonValue> back = target.decodeValue(bytes);
    FUZZ_CHECK(back.hasValue(), "decoded by", source.version(), "but", target.version(),
               "cannot read its own encoding:", back.error(), show(value), bytes.toHex());
    FUZZ_CHECK(*back == value, "decoded by", source.version(), "changed through",
               target.version(), show(value), show(*back));
    FUZZ_CHECK(target.encodeValue(*back) == bytes, "encoding is not stable through",
               target.version(), show(value));
}

void checkFrameRoundTrip(const FrameCodec &source, const FrameCodec &target,
                         const Dust::Frame &frame)
{
    const Dust::Result<Dust::Frame> back = target.decode(target.encode(frame));
    FUZZ_CHECK(back.hasValue(), "frame decoded by", source.version(), "is rejected by",
               target.version(), back.error(), show(frame.toJsonArray()));
    FUZZ_CHECK(*back == frame, "frame decoded by", source.version(), "changed through",
               target.version(), show(frame.toJsonArray()), show(back->toJsonArray()));
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    static const Dust::JsonFrameCodec json;
    static const Dust::MsgPackFrameCodec msgpack;
    static const Dust::JsonFrameCodec tightJson(Dust::FrameLimits{4, 256});
    static const Dust::MsgPackFrameCodec tightMsgpack(Dust::FrameLimits{4, 256});
    static const std::array<const FrameCodec *, 4> decoders{&json, &msgpack, &tightJson,
                                                            &tightMsgpack};
    static const std::array<const FrameCodec *, 2> encoders{&json, &msgpack};

    const QByteArrayView input(reinterpret_cast<const char *>(data), qsizetype(size));
    for (const FrameCodec *codec : decoders) {
        const Dust::Result<QJsonValue> value = codec->decodeValue(input);
        const Dust::Result<Dust::Frame> frame = codec->decode(input);
        if (!value) {
            checkError(*codec, value.error());
            FUZZ_CHECK(!frame.hasValue(), codec->version(), "decode() accepted what decodeValue() refused");
            FUZZ_CHECK(frame.error() == value.error(), codec->version(), frame.error(), value.error());
            continue;
        }
        const Dust::Result<Dust::Frame> shaped = FrameCodec::frameFromValue(*value);
        FUZZ_CHECK(frame.hasValue() == shaped.hasValue(), codec->version(), show(*value));
        if (!frame) {
            checkError(*codec, frame.error());
            FUZZ_CHECK(frame.error() == shaped.error(), codec->version(), frame.error(), shaped.error());
        } else {
            FUZZ_CHECK(*frame == *shaped, codec->version(), show(*value));
            FUZZ_CHECK(!frame->topic.isEmpty() && !frame->event.isEmpty(), show(*value));
        }
        for (const FrameCodec *target : encoders) {
            checkValueRoundTrip(*codec, *target, *value);
            if (frame)
                checkFrameRoundTrip(*codec, *target, *frame);
        }
    }
    return 0;
}
