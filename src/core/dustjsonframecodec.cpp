// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#include "dustjsonframecodec.h"

#include <QtCore/qjsondocument.h>

using namespace Qt::StringLiterals;

namespace Dust {

namespace {

struct TextScan
{
    int depth = 0;
    bool unpairedSurrogate = false;
};

// The UTF-16 code unit of the four hex digits at `at`, or -1.
int hexUnit(QByteArrayView data, qsizetype at)
{
    if (at + 4 > data.size())
        return -1;
    int unit = 0;
    for (qsizetype i = at; i < at + 4; ++i) {
        const char c = data.at(i);
        int digit = -1;
        if (c >= '0' && c <= '9')
            digit = c - '0';
        else if (c >= 'a' && c <= 'f')
            digit = c - 'a' + 10;
        else if (c >= 'A' && c <= 'F')
            digit = c - 'A' + 10;
        if (digit < 0)
            return -1;
        unit = unit * 16 + digit;
    }
    return unit;
}

// The deepest nesting of arrays and objects in a JSON text, and whether a
// string escapes half a surrogate pair, found by a single pass that skips
// string contents. Checked before parsing so that a hostile document costs
// no allocations. Qt's parser keeps an escaped lone surrogate ("\ud800") in
// the string, where it is no character: it cannot be written as UTF-8 (so
// not relayed through MessagePack) and, in a path, two different strings
// would share one rendering.
TextScan scanText(QByteArrayView data, int stopAbove)
{
    TextScan scan;
    int depth = 0;
    bool inString = false;
    for (qsizetype i = 0; i < data.size(); ++i) {
        const char c = data.at(i);
        if (inString) {
            if (c == '"') {
                inString = false;
            } else if (c == '\\' && i + 1 < data.size() && data.at(i + 1) == 'u') {
                const int unit = hexUnit(data, i + 2);
                if (QChar::isHighSurrogate(char32_t(unit))) {
                    // The low half must be the very next escape.
                    const int low = i + 7 < data.size() && data.at(i + 6) == '\\'
                                    && data.at(i + 7) == 'u'
                            ? hexUnit(data, i + 8)
                            : -1;
                    scan.unpairedSurrogate |= !QChar::isLowSurrogate(char32_t(low));
                    i += QChar::isLowSurrogate(char32_t(low)) ? 11 : 5;
                } else {
                    scan.unpairedSurrogate |= QChar::isLowSurrogate(char32_t(unit));
                    i += unit < 0 ? 1 : 5;
                }
            } else if (c == '\\') {
                ++i;
            }
            continue;
        }
        switch (c) {
        case '"':
            inString = true;
            break;
        case '[':
        case '{':
            scan.depth = std::max(scan.depth, ++depth);
            if (scan.depth > stopAbove)
                return scan;
            break;
        case ']':
        case '}':
            --depth;
            break;
        default:
            break;
        }
    }
    return scan;
}

Error protocolError(const char *code)
{
    return Error(Error::Kind::Protocol, QString::fromLatin1(code));
}

} // namespace

QString JsonFrameCodec::version() const
{
    return u"2.0.0"_s;
}

QByteArray JsonFrameCodec::encodeValue(const QJsonValue &value) const
{
    if (value.isArray())
        return QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact);
    if (value.isObject())
        return QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact);
    // QJsonDocument holds only containers; write a scalar as the only element
    // of an array and strip the brackets.
    const QByteArray wrapped = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    return wrapped.mid(1, wrapped.size() - 2);
}

Result<QJsonValue> JsonFrameCodec::decodeValue(QByteArrayView data) const
{
    if (data.size() > limits().maxBytes)
        return protocolError("too_large");
    const TextScan scan = scanText(data, limits().maxDepth);
    if (scan.depth > limits().maxDepth)
        return protocolError("too_deep");
    if (scan.unpairedSurrogate)
        return protocolError("unpaired_surrogate");

    const QByteArrayView trimmed = data.trimmed();
    const bool container = !trimmed.isEmpty() && (trimmed.front() == '[' || trimmed.front() == '{');
    QByteArray text = container ? data.toByteArray() : '[' + data.toByteArray() + ']';
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(text, &parseError);
    if (parseError.error == QJsonParseError::IllegalUTF8String)
        return protocolError("invalid_utf8");
    if (parseError.error == QJsonParseError::DeepNesting)
        return protocolError("too_deep");
    if (parseError.error != QJsonParseError::NoError)
        return protocolError("invalid_json");
    if (container)
        return doc.isArray() ? QJsonValue(doc.array()) : QJsonValue(doc.object());
    const QJsonArray array = doc.array();
    if (array.size() != 1)
        return protocolError("invalid_json");
    return array.at(0);
}

} // namespace Dust
