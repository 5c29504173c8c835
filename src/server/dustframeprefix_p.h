// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#ifndef DUSTFRAMEPREFIX_P_H
#define DUSTFRAMEPREFIX_P_H

#include <dustprivateapi_p.h>

#include <QtCore/qbytearrayview.h>
#include <QtCore/qstring.h>

#include <optional>

namespace Dust {

/*
    The addressing at the front of a Phoenix message that could not be
    decoded as a whole ([join_ref, ref, topic, ...] as JSON text or as
    MessagePack), read without decoding the rest, so that the sender of a
    malformed frame still gets an error reply to its ref:

        const std::optional<FramePrefix> prefix = FramePrefix::read(data, binary);
        if (prefix)
            reply(prefix->ref, prefix->topic);
*/
struct FramePrefix
{
    std::optional<QString> joinRef;
    QString ref;
    QString topic;      // empty when it cannot be read

    // The prefix of `data`, or nullopt when its ref is not a readable string.
    static std::optional<FramePrefix> read(QByteArrayView data, bool msgpack);

private:
    static std::optional<FramePrefix> readJson(QByteArrayView data);
    static std::optional<FramePrefix> readMsgPack(QByteArrayView data);
};

} // namespace Dust

#endif // DUSTFRAMEPREFIX_P_H
