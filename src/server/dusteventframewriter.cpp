// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#include "dusteventframewriter_p.h"

#include <dustjsonframecodec.h>
#include <dustmsgpackframecodec.h>

#include <QtCore/qendian.h>

#include <charconv>
#include <cstring>

#include <msgpack.hpp>

namespace Dust {

namespace {

// msgpack-c's packer writes into any stream with write(). This one writes
// into the frame being built, grown for the expected size up front, so that
// a frame costs one allocation and no QByteArray::append() per piece.
class ByteSink
{
public:
    ByteSink(QByteArray &out, qsizetype expected) : m_out(out), m_used(out.size())
    {
        out.resize(m_used + expected);
    }
    Q_DISABLE_COPY_MOVE(ByteSink)

    void write(const char *data, size_t size)
    {
        if (m_used + qsizetype(size) > m_out.size())
            m_out.resize(std::max(2 * m_out.size(), m_used + qsizetype(size)));
        std::memcpy(m_out.data() + m_used, data, size);
        m_used += qsizetype(size);
    }
    void write(char byte) { write(&byte, 1); }
    qsizetype size() const { return m_used; }
    char *at(qsizetype position) { return m_out.data() + position; }
    void erase(qsizetype position, qsizetype count)
    {
        std::memmove(at(position), at(position + count), size_t(m_used - position - count));
        m_used -= count;
    }
    void truncate(qsizetype size) { m_used = size; }
    // Cuts the buffer to what was written.
    void finish() { m_out.truncate(m_used); }

private:
    QByteArray &m_out;
    qsizetype m_used;
};

using Packer = msgpack::packer<ByteSink>;

// Stored values were limited by the frame or request that carried them.
constexpr FrameLimits StoredValueLimits{256, qsizetype(1) << 40};

/*
    Appends JSON to a buffer grown once, for the worst case, up front: a frame
    costs one allocation and no bounds check per piece. `stringBytes` is the
    length of every string to write (an escape takes up to 6 bytes per byte),
    `otherBytes` the length of the rest, quotes included.
*/
class JsonWriter
{
public:
    JsonWriter(QByteArray &out, qsizetype stringBytes, qsizetype otherBytes) : m_out(out)
    {
        const qsizetype start = out.size();
        out.resize(start + 6 * stringBytes + otherBytes);
        m_at = out.data() + start;
    }
    Q_DISABLE_COPY_MOVE(JsonWriter)

    // Cuts the buffer to what was written.
    void finish() { m_out.truncate(m_at - m_out.constData()); }

    JsonWriter &raw(QByteArrayView bytes)
    {
        std::memcpy(m_at, bytes.data(), size_t(bytes.size()));
        m_at += bytes.size();
        return *this;
    }

    JsonWriter &string(QByteArrayView utf8)
    {
        static constexpr char Hex[] = "0123456789abcdef";
        *m_at++ = '"';
        for (const char c : utf8) {
            const auto byte = uchar(c);
            if (byte >= 0x20 && byte != '"' && byte != '\\') {
                *m_at++ = c;
            } else if (byte == '"' || byte == '\\') {
                *m_at++ = '\\';
                *m_at++ = c;
            } else {
                const char escape[] = {'\\', 'u', '0', '0', Hex[byte >> 4], Hex[byte & 0xf]};
                raw(QByteArrayView(escape, sizeof escape));
            }
        }
        *m_at++ = '"';
        return *this;
    }

private:
    QByteArray &m_out;
    char *m_at;
};

void packString(Packer &packer, QByteArrayView utf8)
{
    packer.pack_str(uint32_t(utf8.size()));
    packer.pack_str_body(utf8.data(), uint32_t(utf8.size()));
}

// The segments of a stored rendering, unescaped ("~1" is '/', "~0" is '~').
// The rendering was checked when the op was written, so no Path::parse.
template<typename Visit>
qsizetype forEachSegment(QByteArrayView rendering, Visit visit)
{
    qsizetype count = 0;
    for (QByteArrayView rest = rendering; !rest.isNull(); ++count) {
        const qsizetype slash = rest.indexOf('/');
        const QByteArrayView segment = slash < 0 ? rest : rest.first(slash);
        rest = slash < 0 ? QByteArrayView() : rest.sliced(slash + 1);
        if (!segment.contains('~')) {
            visit(segment);
            continue;
        }
        QByteArray unescaped = segment.toByteArray();
        unescaped.replace("~1", "/").replace("~0", "~");
        visit(QByteArrayView(unescaped));
    }
    return count;
}

/*
    Transcodes compact JSON text, as the store writes it, into MessagePack,
    packing each value the way MsgPackFrameCodec packs its QJsonValue. It
    gives up (returns false) on what it cannot pack the same way without
    parsing: string escapes, fractions and exponents, long or negative-zero
    integers, and any text that is not compact JSON.
*/
class JsonToMsgPack
{
public:
    JsonToMsgPack(QByteArrayView json, ByteSink &out) : m_at(json.begin()), m_end(json.end()), m_out(out) { }

    bool run() { return value(0) && m_at == m_end; }

private:
    bool value(int depth)
    {
        if (m_at == m_end || depth > StoredValueLimits.maxDepth)
            return false;
        switch (*m_at) {
        case '{':
            return container(depth, '}', 0x80, 0xde);
        case '[':
            return container(depth, ']', 0x90, 0xdc);
        case '"':
            return string();
        case 't':
            return literal("true", '\xc3');
        case 'f':
            return literal("false", '\xc2');
        case 'n':
            return literal("null", '\xc0');
        default:
            return integer();
        }
    }

    // The element count is known at the end: write the widest header, then
    // shrink it to the smallest form, as a packer given the count would.
    bool container(int depth, char close, uchar fixHeader, uchar header16)
    {
        const bool isMap = close == '}';
        const qsizetype headerAt = m_out.size();
        m_out.write("\0\0\0\0\0", 5);
        ++m_at;
        quint32 count = 0;
        while (m_at != m_end && *m_at != close) {
            if (count > 0 && *m_at++ != ',')
                return false;
            if (isMap && !(string() && m_at != m_end && *m_at++ == ':'))
                return false;
            if (!value(depth + 1))
                return false;
            ++count;
        }
        if (m_at == m_end)
            return false;
        ++m_at;
        char *header = m_out.at(headerAt);
        if (count < 16) {
            header[0] = char(fixHeader | count);
            m_out.erase(headerAt + 1, 4);
        } else if (count < 0x10000) {
            header[0] = char(header16);
            qToBigEndian(quint16(count), header + 1);
            m_out.erase(headerAt + 3, 2);
        } else {
            header[0] = char(header16 + 1);
            qToBigEndian(count, header + 1);
        }
        return true;
    }

    bool string()
    {
        if (m_at == m_end || *m_at != '"')
            return false;
        const char *begin = ++m_at;
        while (m_at != m_end && *m_at != '"') {
            if (*m_at++ == '\\')
                return false;
        }
        if (m_at == m_end)
            return false;
        Packer packer(m_out);
        packString(packer, QByteArrayView(begin, m_at++));
        return true;
    }

    bool literal(QByteArrayView word, char packed)
    {
        if (!QByteArrayView(m_at, m_end).startsWith(word))
            return false;
        m_at += word.size();
        m_out.write(packed);
        return true;
    }

    bool integer()
    {
        const char *begin = m_at;
        if (m_at != m_end && *m_at == '-')
            ++m_at;
        const char *digits = m_at;
        while (m_at != m_end && *m_at >= '0' && *m_at <= '9')
            ++m_at;
        const qsizetype length = m_at - digits;
        // 18 digits always fit in qint64; "-0" is the float -0.0 in Qt.
        if (length == 0 || length > 18 || (m_at != m_end && (*m_at == '.' || *m_at == 'e' || *m_at == 'E'))
            || QByteArrayView(begin, m_at) == "-0")
            return false;
        bool ok = false;
        const qint64 number = QByteArrayView(begin, m_at).toLongLong(&ok);
        Packer packer(m_out);
        packer.pack_int64(number);
        return ok;
    }

    const char *m_at;
    const char *m_end;
    ByteSink &m_out;
};

void packStoredValue(ByteSink &out, QByteArrayView json)
{
    const qsizetype start = out.size();
    if (JsonToMsgPack(json, out).run())
        return;
    // The general case, exactly as the frame codec packs a decoded value.
    static const JsonFrameCodec jsonCodec(StoredValueLimits);
    static const MsgPackFrameCodec msgPackCodec(StoredValueLimits);
    out.truncate(start);
    const QByteArray packed =
        msgPackCodec.encodeValue(jsonCodec.decodeValue(json).valueOr(QJsonValue(QJsonValue::Null)));
    out.write(packed.constData(), size_t(packed.size()));
}

} // namespace

EventFrameWriter::EventFrameWriter(bool binary, const QString &joinRef, const QString &topic) : m_binary(binary)
{
    const QByteArray joinRefUtf8 = joinRef.toUtf8();
    const QByteArray topicUtf8 = topic.toUtf8();
    if (binary) {
        ByteSink sink(m_prefix, 64);
        Packer packer(sink);
        packer.pack_array(5);
        packString(packer, joinRefUtf8);
        packer.pack_nil();
        packString(packer, topicUtf8);
        packString(packer, "event");
        packer.pack_map(7);
        sink.finish();
        return;
    }
    JsonWriter(m_prefix, joinRefUtf8.size() + topicUtf8.size(), 32)
        .raw("[").string(joinRefUtf8).raw(",null,").string(topicUtf8).raw(",\"event\",{").finish();
}

QByteArray EventFrameWriter::write(const StoredOpView &op) const
{
    return m_binary ? writeMsgPack(op) : writeJson(op);
}

// The keys in QJsonObject's order, so that the bytes match the codec's too.
QByteArray EventFrameWriter::writeJson(const StoredOpView &op) const
{
    const QByteArrayView value = op.value.isEmpty() ? QByteArrayView("null") : op.value;
    char seqDigits[24];
    const QByteArrayView seq(seqDigits, std::to_chars(seqDigits, seqDigits + sizeof seqDigits, op.seq).ptr - seqDigits);
    QByteArray out;
    // Each segment is at most the path and 3 bytes more (quotes, comma).
    JsonWriter json(out, op.clientOpId.size() + op.deviceId.size() + op.op.size() + 2 * op.path.size(),
                    m_prefix.size() + 3 * op.path.size() + seq.size() + value.size() + 128);
    json.raw(m_prefix).raw("\"client_op_id\":").string(op.clientOpId);
    json.raw(",\"device_id\":").string(op.deviceId).raw(",\"op\":").string(op.op);
    json.raw(",\"path\":").string(op.path).raw(",\"path_segments\":");
    if (op.path.isEmpty()) {
        json.raw("null");
    } else {
        json.raw("[");
        forEachSegment(op.path, [&json, first = true](QByteArrayView segment) mutable {
            if (!std::exchange(first, false))
                json.raw(",");
            json.string(segment);
        });
        json.raw("]");
    }
    json.raw(",\"store_seq\":").raw(seq).raw(",\"value\":").raw(value).raw("}]").finish();
    return out;
}

QByteArray EventFrameWriter::writeMsgPack(const StoredOpView &op) const
{
    QByteArray out;
    ByteSink sink(out, m_prefix.size() + 2 * op.path.size() + op.value.size() + op.deviceId.size()
                           + op.clientOpId.size() + 96);
    sink.write(m_prefix.constData(), size_t(m_prefix.size()));
    Packer packer(sink);
    packString(packer, "client_op_id");
    packString(packer, op.clientOpId);
    packString(packer, "device_id");
    packString(packer, op.deviceId);
    packString(packer, "op");
    packString(packer, op.op);
    packString(packer, "path");
    packString(packer, op.path);
    packString(packer, "path_segments");
    if (op.path.isEmpty()) {
        packer.pack_nil();
    } else {
        const qsizetype segments = forEachSegment(op.path, [](QByteArrayView) { });
        packer.pack_array(uint32_t(segments));
        forEachSegment(op.path, [&packer](QByteArrayView segment) { packString(packer, segment); });
    }
    packString(packer, "store_seq");
    packer.pack_int64(op.seq);
    packString(packer, "value");
    packStoredValue(sink, op.value.isEmpty() ? QByteArrayView("null") : op.value);
    sink.finish();
    return out;
}

} // namespace Dust
