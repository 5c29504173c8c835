// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#include "dustframecodec.h"

#include "dustjsonframecodec.h"
#include "dustmsgpackframecodec.h"

using namespace Qt::StringLiterals;

namespace Dust {

FrameCodec::~FrameCodec() = default;

std::unique_ptr<FrameCodec> FrameCodec::create(QStringView vsn, Limits limits)
{
    if (vsn == u"2.0.0")
        return std::make_unique<JsonFrameCodec>(limits);
    if (vsn == u"3.0.0")
        return std::make_unique<MsgPackFrameCodec>(limits);
    return nullptr;
}

Result<Frame> FrameCodec::decode(QByteArrayView data) const
{
    Result<QJsonValue> value = decodeValue(data);
    if (!value)
        return value.error();
    return frameFromValue(*value);
}

Result<Frame> FrameCodec::frameFromValue(const QJsonValue &value)
{
    const auto fail = [](const char *code) {
        return Error(Error::Kind::Protocol, QString::fromLatin1(code));
    };
    if (!value.isArray())
        return fail("not_an_array");
    const QJsonArray array = value.toArray();
    if (array.size() != 5)
        return fail("wrong_arity");

    const auto optionalString = [](const QJsonValue &v, std::optional<QString> *out) {
        if (v.isNull()) {
            out->reset();
            return true;
        }
        if (!v.isString())
            return false;
        *out = v.toString();
        return true;
    };
    Frame frame;
    if (!optionalString(array.at(0), &frame.joinRef))
        return fail("invalid_join_ref");
    if (!optionalString(array.at(1), &frame.ref))
        return fail("invalid_ref");
    if (!array.at(2).isString() || array.at(2).toString().isEmpty())
        return fail("invalid_topic");
    if (!array.at(3).isString() || array.at(3).toString().isEmpty())
        return fail("invalid_event");
    if (!array.at(4).isObject())
        return fail("payload_not_object");
    frame.topic = array.at(2).toString();
    frame.event = array.at(3).toString();
    frame.payload = array.at(4).toObject();
    return frame;
}

} // namespace Dust
