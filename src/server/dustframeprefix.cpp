// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#include "dustframeprefix_p.h"

#include <dustjsonframecodec.h>

#include <QtCore/qendian.h>
#include <QtCore/qregularexpression.h>
#include <QtCore/qstringconverter.h>

using namespace Qt::StringLiterals;

namespace Dust {

namespace {

// A ref or topic is short; a prefix longer than this is not read.
constexpr qsizetype MaxPrefixBytes = 1024;

std::optional<QString> utf8(QByteArrayView bytes)
{
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    QString text = decoder.decode(bytes);
    if (decoder.hasError())
        return std::nullopt;
    return text;
}

// One MessagePack string or nil at `pos`: a string, a null QString for
// nil, nullopt for anything else; `pos` moves past it.
std::optional<QString> msgPackString(QByteArrayView data, qsizetype &pos)
{
    if (pos >= data.size())
        return std::nullopt;
    const uchar tag = uchar(data.at(pos++));
    qsizetype length = -1;
    if (tag == 0xc0)
        return QString();
    if (tag >= 0xa0 && tag <= 0xbf) {
        length = tag & 0x1f;
    } else if (tag == 0xd9 && pos + 1 <= data.size()) {
        length = uchar(data.at(pos));
        pos += 1;
    } else if (tag == 0xda && pos + 2 <= data.size()) {
        length = qFromBigEndian<quint16>(data.data() + pos);
        pos += 2;
    }
    if (length < 0 || length > MaxPrefixBytes || pos + length > data.size())
        return std::nullopt;
    std::optional<QString> text = utf8(data.sliced(pos, length));
    pos += length;
    if (text && text->isNull())
        text = u""_s;
    return text;
}

} // namespace

std::optional<FramePrefix> FramePrefix::read(QByteArrayView data, bool msgpack)
{
    return msgpack ? readMsgPack(data) : readJson(data);
}

std::optional<FramePrefix> FramePrefix::readJson(QByteArrayView data)
{
    static const QRegularExpression prefix(
        uR"(^\s*\[\s*(null|"(?:[^"\\\x00-\x1f]|\\.)*")\s*,\s*("(?:[^"\\\x00-\x1f]|\\.)*")(?:\s*,\s*("(?:[^"\\\x00-\x1f]|\\.)*"))?)"_s);
    const QString text = QString::fromUtf8(data.first(std::min(data.size(), MaxPrefixBytes)));
    const QRegularExpressionMatch match = prefix.match(text);
    if (!match.hasMatch())
        return std::nullopt;
    // Each captured literal is decoded on its own, escapes and all.
    const JsonFrameCodec codec;
    const auto string = [&](int group) {
        return codec.decodeValue(match.captured(group).toUtf8()).valueOr(QJsonValue()).toString();
    };
    FramePrefix result;
    result.ref = string(2);
    if (match.captured(1) != u"null")
        result.joinRef = string(1);
    result.topic = string(3);
    return result;
}

std::optional<FramePrefix> FramePrefix::readMsgPack(QByteArrayView data)
{
    if (data.isEmpty())
        return std::nullopt;
    const uchar tag = uchar(data.front());
    qsizetype pos = tag >= 0x90 && tag <= 0x9f ? 1 : tag == 0xdc ? 3 : tag == 0xdd ? 5 : -1;
    if (pos < 0)
        return std::nullopt;
    const std::optional<QString> joinRef = msgPackString(data, pos);
    const std::optional<QString> ref = msgPackString(data, pos);
    if (!joinRef || !ref || ref->isNull())
        return std::nullopt;
    FramePrefix result;
    if (!joinRef->isNull())
        result.joinRef = *joinRef;
    result.ref = *ref;
    result.topic = msgPackString(data, pos).value_or(QString());
    return result;
}

} // namespace Dust
