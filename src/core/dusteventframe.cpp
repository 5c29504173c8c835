// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#include "dusteventframe_p.h"

#include "dustcbor_p.h"
#include "dustframecodec.h"

#include <QtCore/qvarlengtharray.h>

#include <algorithm>
#include <array>
#include <bit>
#include <charconv>
#include <cmath>
#include <cstring>
#include <span>

namespace Dust {

namespace {

// Deeper values are left to the codec, which has limits of its own.
constexpr int MaxDepth = 32;

// The payload fields the reader interprets; any other field is skipped
// (the engine ignores it too).
enum Field { StoreSeq, OpName, PathText, PathSegments, Value, FieldCount };

int fieldOf(QByteArrayView name)
{
    static constexpr std::array<const char *, FieldCount> names{"store_seq", "op", "path", "path_segments", "value"};
    for (int i = 0; i < FieldCount; ++i) {
        if (name == names[i])
            return i;
    }
    return -1;
}

void appendSize(QByteArray &out, qsizetype size)
{
    const quint32 n = quint32(size);
    out.append(reinterpret_cast<const char *>(&n), sizeof(n));
}

void appendUtf8(QByteArray &out, char32_t cp)
{
    if (cp < 0x80) {
        out.append(char(cp));
    } else if (cp < 0x800) {
        out.append(char(0xc0 | (cp >> 6))).append(char(0x80 | (cp & 0x3f)));
    } else if (cp < 0x10000) {
        out.append(char(0xe0 | (cp >> 12))).append(char(0x80 | ((cp >> 6) & 0x3f)));
        out.append(char(0x80 | (cp & 0x3f)));
    } else {
        out.append(char(0xf0 | (cp >> 18))).append(char(0x80 | ((cp >> 12) & 0x3f)));
        out.append(char(0x80 | ((cp >> 6) & 0x3f))).append(char(0x80 | (cp & 0x3f)));
    }
}

// A path segment as Path renders it: '~' as "~0", '/' as "~1".
void appendEscaped(QByteArray &out, QByteArrayView segment)
{
    for (const char c : segment) {
        if (c == '~')
            out.append("~0", 2);
        else if (c == '/')
            out.append("~1", 2);
        else
            out.append(c);
    }
}

// A rendered path Path::parse() accepts: non-empty segments, and '~' only
// in "~0" and "~1". Parsed and rendered again, it is the same text.
bool isRenderedPath(QByteArrayView text)
{
    if (text.isEmpty() || text.front() == '/' || text.back() == '/')
        return false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text[i] == '/' && text[i + 1] == '/')
            return false;
        if (text[i] == '~' && (i + 1 == text.size() || (text[i + 1] != '0' && text[i + 1] != '1')))
            return false;
    }
    return true;
}

struct Number
{
    bool integer = true;
    qint64 n = 0;
    double d = 0;
};

} // namespace

// Reads the JSON text of one event frame. Every method returns false on
// anything the reader does not take; the caller then leaves the frame to
// the codec. What it takes is strict JSON (RFC 8259), which Qt's parser
// reads alike.
class EventFrameReader
{
public:
    explicit EventFrameReader(QByteArrayView text) : m_at(text.data()), m_end(text.data() + text.size()) { }

    bool frame(EventFrame &out);

private:
    bool payload(EventFrame &out);
    bool interpret(const std::array<QByteArrayView, FieldCount> &fields, EventFrame &out);
    bool pathKey(const std::array<QByteArrayView, FieldCount> &fields, QByteArray &key);
    bool leaves(QByteArrayView value, Op::Kind op, QByteArray &key, QByteArray &out);
    bool mapLeaves(QByteArray &key, int depth, QByteArray &out);
    bool leaf(const QByteArray &key, int depth, QByteArray &out, quint8 *type = nullptr);
    bool item(int depth, bool inArray, QByteArray &out, quint8 *type);
    bool array(int depth, QByteArray &out);
    bool distinct(std::span<const std::pair<qsizetype, qsizetype>> names) const;

    bool skipValue(int depth);
    bool string(QByteArray *out);
    bool escape(QByteArray *out);
    bool utf8Sequence();
    int hex4();
    bool number(Number *out);
    bool digits();
    bool literal(QByteArrayView word);
    bool nullOrString(std::optional<QString> *out);
    bool atEnd() const { return m_at >= m_end; }

    void skipSpace()
    {
        while (m_at < m_end && (*m_at == ' ' || *m_at == '\n' || *m_at == '\r' || *m_at == '\t'))
            ++m_at;
    }
    bool peek(char c)
    {
        skipSpace();
        return m_at < m_end && *m_at == c;
    }
    bool expect(char c)
    {
        if (!peek(c))
            return false;
        ++m_at;
        return true;
    }

    const char *m_at;
    const char *m_end;
    // Decoded strings and member names of the value being read.
    QByteArray m_scratch;
    QByteArray m_names;
};

bool EventFrameReader::frame(EventFrame &out)
{
    QByteArray text;
    if (!expect('[') || !nullOrString(&out.m_joinRef) || !expect(','))
        return false;
    std::optional<QString> ref;
    if (!nullOrString(&ref) || !expect(','))
        return false;
    skipSpace();
    if (!string(&text) || text.isEmpty() || !expect(','))
        return false;
    out.m_topic = QString::fromUtf8(text);
    text.clear();
    skipSpace();
    if (!string(&text) || text != "event" || !expect(','))
        return false;
    if (!payload(out) || !expect(']'))
        return false;
    skipSpace();
    return atEnd();
}

bool EventFrameReader::nullOrString(std::optional<QString> *out)
{
    skipSpace();
    if (peek('n'))
        return literal("null");
    QByteArray text;
    if (!string(&text))
        return false;
    *out = QString::fromUtf8(text);
    return true;
}

// Skims the payload's members, noting where each field it interprets is,
// then reads those: the value may come before the op and the path.
bool EventFrameReader::payload(EventFrame &out)
{
    if (!expect('{'))
        return false;
    std::array<QByteArrayView, FieldCount> fields;
    QByteArray name;
    if (!peek('}')) {
        do {
            skipSpace();
            name.clear();
            if (!string(&name) || !expect(':'))
                return false;
            skipSpace();
            const char *start = m_at;
            if (!skipValue(2))
                return false;
            const int field = fieldOf(name);
            // Which of two equal keys counts is the codec's business.
            if (field >= 0 && !fields[field].isNull())
                return false;
            if (field >= 0)
                fields[field] = QByteArrayView(start, m_at - start);
        } while (expect(','));
    }
    return expect('}') && interpret(fields, out);
}

bool EventFrameReader::interpret(const std::array<QByteArrayView, FieldCount> &fields, EventFrame &out)
{
    Number seq;
    EventFrameReader seqReader(fields[StoreSeq]);
    if (fields[StoreSeq].isNull() || !seqReader.number(&seq) || !seq.integer || seq.n < 1)
        return false;
    QByteArray op;
    EventFrameReader opReader(fields[OpName]);
    if (fields[OpName].isNull() || !opReader.string(&op))
        return false;
    if (op == "set")
        out.m_op = Op::Kind::Set;
    else if (op == "increment")
        out.m_op = Op::Kind::Increment;
    else if (op == "add")
        out.m_op = Op::Kind::Add;
    else if (op == "remove")
        out.m_op = Op::Kind::Remove;
    else
        return false;
    out.m_seq = seq.n;
    QByteArray key;
    if (!pathKey(fields, key) || fields[Value].isNull())
        return false;
    out.m_leaves.reserve(fields[Value].size() * 2 + key.size() * 4 + 32);
    appendSize(out.m_leaves, key.size());
    out.m_leaves.append(key);
    return EventFrameReader(fields[Value]).leaves(fields[Value], out.m_op, key, out.m_leaves);
}

// The key of the event's path: from path_segments when that is an array,
// as the engine reads it, otherwise from path.
bool EventFrameReader::pathKey(const std::array<QByteArrayView, FieldCount> &fields, QByteArray &key)
{
    const QByteArrayView segments = fields[PathSegments];
    if (!segments.isNull() && segments.front() == '[') {
        EventFrameReader reader(segments);
        reader.expect('[');
        QByteArray segment;
        do {
            segment.clear();
            reader.skipSpace();
            if (!reader.string(&segment) || segment.isEmpty())
                return false;
            if (!key.isEmpty())
                key.append('/');
            appendEscaped(key, segment);
        } while (reader.expect(','));
        return reader.expect(']');
    }
    EventFrameReader reader(fields[PathText]);
    return !fields[PathText].isNull() && reader.string(&key) && isRenderedPath(key);
}

bool EventFrameReader::leaves(QByteArrayView value, Op::Kind op, QByteArray &key, QByteArray &out)
{
    skipSpace();
    const char first = value.front();
    switch (op) {
    case Op::Kind::Set:
        // A plain map flattens into its members; anything else is one leaf.
        return first == '{' ? mapLeaves(key, 2, out) : leaf(key, 2, out);
    case Op::Kind::Increment: {
        // The event carries the counter's new total.
        quint8 type = 0;
        const qsizetype typeAt = out.size() + qsizetype(sizeof(quint32)) + key.size();
        if (!leaf(key, 2, out, &type))
            return false;
        out[typeAt] = char(Entry::Type::Counter);
        return type == quint8(Entry::Type::Integer) || type == quint8(Entry::Type::Float);
    }
    case Op::Kind::Add:
    case Op::Kind::Remove:
        // The event carries the whole resulting array.
        return first == '[' && leaf(key, 2, out);
    default:
        return false;
    }
}

// The members of a plain map, each a leaf below `key` or a map of its own.
bool EventFrameReader::mapLeaves(QByteArray &key, int depth, QByteArray &out)
{
    if (depth >= MaxDepth || !expect('{'))
        return false;
    const qsizetype base = key.size();
    QVarLengthArray<std::pair<qsizetype, qsizetype>, 8> names;
    if (!peek('}')) {
        do {
            skipSpace();
            const qsizetype nameAt = m_names.size();
            if (!string(&m_names))
                return false;
            const QByteArrayView name(m_names.constData() + nameAt, m_names.size() - nameAt);
            // An empty key is an error, and "_type" may make a typed value:
            // the engine's own decoding says which.
            if (name.isEmpty() || name == "_type" || name == "_typed" || !expect(':'))
                return false;
            names.append({nameAt, name.size()});
            key.truncate(base);
            key.append('/');
            appendEscaped(key, name);
            if (peek('{') ? !mapLeaves(key, depth + 1, out) : !leaf(key, depth + 1, out))
                return false;
        } while (expect(','));
    }
    key.truncate(base);
    return expect('}') && distinct(names);
}

bool EventFrameReader::distinct(std::span<const std::pair<qsizetype, qsizetype>> names) const
{
    const auto view = [this](const std::pair<qsizetype, qsizetype> &name) {
        return QByteArrayView(m_names.constData() + name.first, name.second);
    };
    QVarLengthArray<QByteArrayView, 8> sorted;
    for (const auto &name : names)
        sorted.append(view(name));
    std::sort(sorted.begin(), sorted.end());
    return std::adjacent_find(sorted.begin(), sorted.end()) == sorted.end();
}

// One leaf: its key, type byte and value encoding, each length-prefixed.
bool EventFrameReader::leaf(const QByteArray &key, int depth, QByteArray &out, quint8 *type)
{
    appendSize(out, key.size());
    out.append(key);
    const qsizetype typeAt = out.size();
    out.append('\0');
    const qsizetype sizeAt = out.size();
    appendSize(out, 0);
    quint8 itemType = 0;
    if (!item(depth, false, out, &itemType))
        return false;
    out[typeAt] = char(itemType);
    const quint32 size = quint32(out.size() - sizeAt - sizeof(quint32));
    std::memcpy(out.data() + sizeAt, &size, sizeof(size));
    if (type)
        *type = itemType;
    return true;
}

// A value as ValueModel stores it (nothing for a top-level null) and its
// leaf type. An object inside an array is left to the codec.
bool EventFrameReader::item(int depth, bool inArray, QByteArray &out, quint8 *type)
{
    skipSpace();
    if (atEnd())
        return false;
    switch (*m_at) {
    case '"':
        m_scratch.clear();
        if (!string(&m_scratch))
            return false;
        Cbor::appendHead(out, 3, quint64(m_scratch.size()));
        out.append(m_scratch);
        *type = quint8(Entry::Type::String);
        return true;
    case 't':
    case 'f':
        *type = quint8(Entry::Type::Boolean);
        out.append(char(*m_at == 't' ? 0xf5 : 0xf4));
        return literal(*m_at == 't' ? "true" : "false");
    case 'n':
        *type = quint8(Entry::Type::Null);
        if (inArray)
            out.append(char(0xf6));
        return literal("null");
    case '[':
        *type = quint8(Entry::Type::Set);
        return array(depth, out);
    case '{':
        return false;
    default:
        break;
    }
    Number number;
    if (!this->number(&number))
        return false;
    if (number.integer) {
        const qint64 n = number.n;
        Cbor::appendHead(out, n < 0 ? 1 : 0, n < 0 ? ~quint64(n) : quint64(n));
        *type = quint8(Entry::Type::Integer);
        return true;
    }
    out.append(char(0xfb));
    const quint64 bits = std::bit_cast<quint64>(number.d);
    for (int shift = 56; shift >= 0; shift -= 8)
        out.append(char((bits >> shift) & 0xff));
    *type = quint8(Entry::Type::Float);
    return true;
}

// An array as QCborValue encodes it: a definite length, then each item.
bool EventFrameReader::array(int depth, QByteArray &out)
{
    if (depth >= MaxDepth || !expect('['))
        return false;
    QByteArray items;
    quint64 count = 0;
    if (!peek(']')) {
        do {
            quint8 type = 0;
            if (!item(depth + 1, true, items, &type))
                return false;
            ++count;
        } while (expect(','));
    }
    if (!expect(']'))
        return false;
    Cbor::appendHead(out, 4, count);
    out.append(items);
    return true;
}

// Checks any JSON value, as strictly as the rest of the reader.
bool EventFrameReader::skipValue(int depth)
{
    skipSpace();
    if (atEnd())
        return false;
    const char first = *m_at;
    if (first == '"')
        return string(nullptr);
    if (first == 't' || first == 'f' || first == 'n')
        return literal(first == 't' ? "true" : first == 'f' ? "false" : "null");
    if (first != '{' && first != '[') {
        Number number;
        return this->number(&number);
    }
    const char close = first == '{' ? '}' : ']';
    if (depth >= MaxDepth)
        return false;
    ++m_at;
    if (peek(close))
        return expect(close);
    do {
        skipSpace();
        if (first == '{' && (!string(nullptr) || !expect(':')))
            return false;
        if (!skipValue(depth + 1))
            return false;
    } while (expect(','));
    return expect(close);
}

// A string at the reader, decoded to UTF-8 into `out` (when given).
bool EventFrameReader::string(QByteArray *out)
{
    if (atEnd() || *m_at != '"')
        return false;
    ++m_at;
    for (;;) {
        const char *run = m_at;
        while (m_at < m_end && *m_at != '"' && *m_at != '\\') {
            if (uchar(*m_at) < 0x80)
                ++m_at;
            else if (!utf8Sequence())
                return false;
        }
        if (out)
            out->append(run, m_at - run);
        if (atEnd())
            return false;
        if (*m_at == '"') {
            ++m_at;
            return true;
        }
        if (!escape(out))
            return false;
    }
}

bool EventFrameReader::escape(QByteArray *out)
{
    if (m_end - m_at < 2)
        return false;
    const char c = m_at[1];
    m_at += 2;
    static constexpr std::array<std::pair<char, char>, 8> simple{
        {{'"', '"'}, {'\\', '\\'}, {'/', '/'}, {'b', '\b'}, {'f', '\f'}, {'n', '\n'}, {'r', '\r'}, {'t', '\t'}}};
    for (const auto &[name, decoded] : simple) {
        if (c == name) {
            if (out)
                out->append(decoded);
            return true;
        }
    }
    if (c != 'u')
        return false;
    const int unit = hex4();
    char32_t cp = char32_t(unit);
    if (unit < 0 || QChar::isLowSurrogate(cp))
        return false;
    if (QChar::isHighSurrogate(cp)) {
        // Only a whole pair: the codec reports a lone half.
        if (m_end - m_at < 6 || m_at[0] != '\\' || m_at[1] != 'u')
            return false;
        m_at += 2;
        const int low = hex4();
        if (low < 0 || !QChar::isLowSurrogate(char32_t(low)))
            return false;
        cp = QChar::surrogateToUcs4(char16_t(unit), char16_t(low));
    }
    if (out)
        appendUtf8(*out, cp);
    return true;
}

int EventFrameReader::hex4()
{
    if (m_end - m_at < 4)
        return -1;
    int unit = 0;
    for (int i = 0; i < 4; ++i) {
        const char c = *m_at++;
        const int digit = c >= '0' && c <= '9' ? c - '0'
            : c >= 'a' && c <= 'f'             ? c - 'a' + 10
            : c >= 'A' && c <= 'F'             ? c - 'A' + 10
                                               : -1;
        if (digit < 0)
            return -1;
        unit = unit * 16 + digit;
    }
    return unit;
}

// One well-formed multi-byte UTF-8 sequence: no overlong form, no
// surrogate, nothing above U+10FFFF.
bool EventFrameReader::utf8Sequence()
{
    const uchar lead = uchar(*m_at);
    int more = 0;
    char32_t cp = 0;
    char32_t minimum = 0;
    if ((lead & 0xe0) == 0xc0) {
        more = 1, cp = lead & 0x1f, minimum = 0x80;
    } else if ((lead & 0xf0) == 0xe0) {
        more = 2, cp = lead & 0x0f, minimum = 0x800;
    } else if ((lead & 0xf8) == 0xf0) {
        more = 3, cp = lead & 0x07, minimum = 0x10000;
    } else {
        return false;
    }
    if (m_end - m_at <= more)
        return false;
    for (int i = 1; i <= more; ++i) {
        const uchar next = uchar(m_at[i]);
        if ((next & 0xc0) != 0x80)
            return false;
        cp = (cp << 6) | (next & 0x3f);
    }
    if (cp < minimum || cp > 0x10ffff || QChar::isSurrogate(cp))
        return false;
    m_at += 1 + more;
    return true;
}

bool EventFrameReader::digits()
{
    const char *start = m_at;
    while (m_at < m_end && *m_at >= '0' && *m_at <= '9')
        ++m_at;
    return m_at != start;
}

// A number as Qt's parser keeps it: an integer when it is integral and fits
// in qint64, else a double. A number the reader cannot be sure of (beyond
// qint64 as an integer, beyond 2^53 or below the normal range as a double,
// not finite) is left to the codec.
bool EventFrameReader::number(Number *out)
{
    const char *start = m_at;
    if (m_at < m_end && *m_at == '-')
        ++m_at;
    if (m_at < m_end && *m_at == '0')
        ++m_at;
    else if (m_at >= m_end || *m_at < '1' || *m_at > '9' || !digits())
        return false;
    const char *mantissaEnd = m_at;
    bool integral = true;
    if (m_at < m_end && *m_at == '.') {
        ++m_at;
        integral = false;
        if (!digits())
            return false;
        mantissaEnd = m_at;
    }
    if (m_at < m_end && (*m_at == 'e' || *m_at == 'E')) {
        ++m_at;
        integral = false;
        if (m_at < m_end && (*m_at == '+' || *m_at == '-'))
            ++m_at;
        if (!digits())
            return false;
    }
    if (integral) {
        const auto [end, error] = std::from_chars(start, m_at, out->n);
        out->integer = true;
        return error == std::errc() && end == m_at;
    }
    double d = 0;
    const auto [end, error] = std::from_chars(start, m_at, d);
    if (error != std::errc() || end != m_at || !std::isfinite(d) || std::abs(d) >= 9007199254740992.0)
        return false;
    if (d == 0) {
        // Zero only when every digit is: anything else underflowed.
        if (!std::all_of(start, mantissaEnd, [](char c) { return c == '0' || c == '-' || c == '.'; }))
            return false;
    } else if (!std::isnormal(d)) {
        return false;
    }
    out->integer = std::trunc(d) == d;
    out->n = out->integer ? qint64(d) : 0;
    out->d = d;
    return true;
}

bool EventFrameReader::literal(QByteArrayView word)
{
    if (m_end - m_at < word.size() || QByteArrayView(m_at, word.size()) != word)
        return false;
    m_at += word.size();
    return true;
}

std::optional<EventFrame> EventFrame::read(const QByteArray &text)
{
    if (text.size() > FrameLimits().maxBytes)
        return std::nullopt;
    EventFrame frame;
    if (!EventFrameReader(text).frame(frame))
        return std::nullopt;
    frame.m_text = text;
    return frame;
}

QByteArrayView EventFrame::key() const
{
    quint32 size = 0;
    std::memcpy(&size, m_leaves.constData(), sizeof(size));
    return QByteArrayView(m_leaves.constData() + sizeof(size), size);
}

template<typename Visit>
void EventFrame::forEachLeaf(Visit &&visit) const
{
    const char *at = m_leaves.constData() + sizeof(quint32) + key().size();
    const char *end = m_leaves.constData() + m_leaves.size();
    const auto takeSized = [&at] {
        quint32 size = 0;
        std::memcpy(&size, at, sizeof(size));
        at += sizeof(size) + size;
        return QByteArrayView(at - size, size);
    };
    while (at < end) {
        LeafView leaf;
        leaf.key = takeSized();
        leaf.type = quint8(*at++);
        leaf.value = takeSized();
        visit(leaf);
    }
}

void EventFrame::applyTo(ValueModel &model, qint64 syncedAt, QList<LeafChange> *changes) const
{
    forEachLeaf([&](const LeafView &leaf) {
        ValueModel::StoredLeaf stored(leaf.key, leaf.type, leaf.value, m_seq, syncedAt);
        if (changes)
            changes->append({leaf.key.toByteArray(), stored.leaf()});
        ValueModel::put(model.m_leaves, std::move(stored));
    });
    if (m_op != Op::Kind::Set)
        return;
    // A set replaces the whole subtree: what the new value does not hold goes.
    QVarLengthArray<QByteArrayView, 8> keep;
    forEachLeaf([&](const LeafView &leaf) { keep.append(leaf.key); });
    std::sort(keep.begin(), keep.end());
    model.removeSubtreeExcept(key(), keep, changes);
}

} // namespace Dust
