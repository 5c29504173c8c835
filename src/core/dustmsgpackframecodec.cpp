// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#include "dustmsgpackframecodec.h"

#include <QtCore/qcborvalue.h>
#include <QtCore/qendian.h>
#include <QtCore/qjsonarray.h>
#include <QtCore/qjsonobject.h>
#include <QtCore/qstringconverter.h>

#include <msgpack.hpp>

#include <bit>
#include <cmath>

using namespace Qt::StringLiterals;

namespace Dust {

namespace {

using Packer = msgpack::packer<msgpack::sbuffer>;

void packString(Packer &packer, const QString &s)
{
    const QByteArray utf8 = s.toUtf8();
    packer.pack_str(uint32_t(utf8.size()));
    packer.pack_str_body(utf8.constData(), uint32_t(utf8.size()));
}

// Always the float64 form: msgpack-c's pack_double() converts 2^64 to
// uint64_t while checking whether it is integral, which is undefined
// behaviour (a MessagePack uint64 0xffffffffffffffff decodes to that double).
void packFloat64(msgpack::sbuffer &buffer, double d)
{
    char bytes[9];
    bytes[0] = char(0xcb);
    qToBigEndian(std::bit_cast<quint64>(d), bytes + 1);
    buffer.write(bytes, sizeof bytes);
}

void packValue(Packer &packer, msgpack::sbuffer &buffer, const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        packer.pack_nil();
        break;
    case QJsonValue::Bool:
        value.toBool() ? packer.pack_true() : packer.pack_false();
        break;
    case QJsonValue::Double:
        if (QCborValue::fromJsonValue(value).isInteger())
            packer.pack_int64(value.toInteger());
        else
            packFloat64(buffer, value.toDouble());
        break;
    case QJsonValue::String:
        packString(packer, value.toString());
        break;
    case QJsonValue::Array: {
        const QJsonArray array = value.toArray();
        packer.pack_array(uint32_t(array.size()));
        for (const QJsonValue &v : array)
            packValue(packer, buffer, v);
        break;
    }
    case QJsonValue::Object: {
        const QJsonObject object = value.toObject();
        packer.pack_map(uint32_t(object.size()));
        for (auto it = object.begin(); it != object.end(); ++it) {
            packString(packer, it.key());
            packValue(packer, buffer, it.value());
        }
        break;
    }
    }
}

std::optional<QString> decodeUtf8(const msgpack::object_str &str)
{
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    QString s = decoder.decode(QByteArrayView(str.ptr, str.size));
    if (decoder.hasError())
        return std::nullopt;
    return s;
}

Error protocolError(const char *code)
{
    return Error(Error::Kind::Protocol, QString::fromLatin1(code));
}

Result<QJsonValue> toJson(const msgpack::object &obj)
{
    switch (obj.type) {
    case msgpack::type::NIL:
        return QJsonValue(QJsonValue::Null);
    case msgpack::type::BOOLEAN:
        return QJsonValue(obj.via.boolean);
    case msgpack::type::POSITIVE_INTEGER:
        if (obj.via.u64 > quint64(std::numeric_limits<qint64>::max()))
            return QJsonValue(double(obj.via.u64));
        return QJsonValue(qint64(obj.via.u64));
    case msgpack::type::NEGATIVE_INTEGER:
        return QJsonValue(qint64(obj.via.i64));
    case msgpack::type::FLOAT32:
    case msgpack::type::FLOAT64: {
        const double d = obj.via.f64;
        // JSON has no NaN or infinity: such a value could not be relayed to
        // a JSON client or compared equal to itself in a store.
        if (!std::isfinite(d))
            return protocolError("non_finite_number");
        // Numbers take the form Qt's JSON parser gives them: an integral
        // value that fits in qint64 is an integer. A float 1.0 kept as a
        // double would be written to JSON as "1" and read back as another
        // type, and above 2^53 as another number.
        constexpr double twoTo63 = 9223372036854775808.0;
        if (std::trunc(d) == d && d >= -twoTo63 && d < twoTo63)
            return QJsonValue(qint64(d));
        return QJsonValue(d);
    }
    case msgpack::type::STR: {
        std::optional<QString> s = decodeUtf8(obj.via.str);
        if (!s)
            return protocolError("invalid_utf8");
        return QJsonValue(*s);
    }
    case msgpack::type::ARRAY: {
        QJsonArray array;
        for (uint32_t i = 0; i < obj.via.array.size; ++i) {
            Result<QJsonValue> v = toJson(obj.via.array.ptr[i]);
            if (!v)
                return v;
            array.append(*v);
        }
        return QJsonValue(array);
    }
    case msgpack::type::MAP: {
        QJsonObject object;
        for (uint32_t i = 0; i < obj.via.map.size; ++i) {
            const msgpack::object_kv &kv = obj.via.map.ptr[i];
            if (kv.key.type != msgpack::type::STR)
                return protocolError("invalid_msgpack");
            std::optional<QString> key = decodeUtf8(kv.key.via.str);
            if (!key)
                return protocolError("invalid_utf8");
            Result<QJsonValue> v = toJson(kv.val);
            if (!v)
                return v;
            object.insert(*key, *v);
        }
        return QJsonValue(object);
    }
    case msgpack::type::BIN:
    case msgpack::type::EXT:
        break;
    }
    return protocolError("invalid_msgpack");
}

} // namespace

QString MsgPackFrameCodec::version() const
{
    return u"3.0.0"_s;
}

QByteArray MsgPackFrameCodec::encodeValue(const QJsonValue &value) const
{
    msgpack::sbuffer buffer;
    Packer packer(&buffer);
    packValue(packer, buffer, value);
    return QByteArray(buffer.data(), qsizetype(buffer.size()));
}

Result<QJsonValue> MsgPackFrameCodec::decodeValue(QByteArrayView data) const
{
    if (data.size() > limits().maxBytes)
        return protocolError("too_large");
    if (data.isEmpty())
        return protocolError("invalid_msgpack");
    // Every element takes at least one byte, so no honest count exceeds the
    // input size; the limits stop a forged header from allocating gigabytes.
    const auto n = std::size_t(data.size());
    const msgpack::unpack_limit limit(n, n, n, n, n, std::size_t(limits().maxDepth));
    try {
        std::size_t offset = 0;
        const msgpack::object_handle handle =
                msgpack::unpack(data.data(), n, offset, nullptr, nullptr, limit);
        if (offset != n)
            return protocolError("invalid_msgpack");
        return toJson(handle.get());
    } catch (const msgpack::depth_size_overflow &) {
        return protocolError("too_deep");
    } catch (const std::exception &) {
        return protocolError("invalid_msgpack");
    }
}

} // namespace Dust
