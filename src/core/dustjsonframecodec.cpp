// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#include "dustjsonframecodec.h"

#include <QtCore/qjsondocument.h>

using namespace Qt::StringLiterals;

namespace Dust {

namespace {

// The deepest nesting of arrays and objects in a JSON text, found by a
// single pass that skips string contents. Checked before parsing so that a
// hostile document costs no allocations.
int nestingDepth(QByteArrayView data, int stopAbove)
{
    int depth = 0;
    int deepest = 0;
    bool inString = false;
    for (qsizetype i = 0; i < data.size(); ++i) {
        const char c = data.at(i);
        if (inString) {
            if (c == '\\')
                ++i;
            else if (c == '"')
                inString = false;
            continue;
        }
        switch (c) {
        case '"':
            inString = true;
            break;
        case '[':
        case '{':
            deepest = std::max(deepest, ++depth);
            if (deepest > stopAbove)
                return deepest;
            break;
        case ']':
        case '}':
            --depth;
            break;
        default:
            break;
        }
    }
    return deepest;
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
    if (nestingDepth(data, limits().maxDepth) > limits().maxDepth)
        return protocolError("too_deep");

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
