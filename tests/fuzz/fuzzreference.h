// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#ifndef FUZZREFERENCE_H
#define FUZZREFERENCE_H

// Straightforward re-statements of protocol §4 (paths and globs), written
// from the spec without looking at how Dust::Path and Dust::Glob do it. The
// fuzzers compare the library against them.

#include <QtCore/qstring.h>
#include <QtCore/qstringlist.h>

#include <optional>
#include <variant>

namespace Reference {

// §4.1: '~' becomes "~0" first, then '/' becomes "~1".
inline QString renderSegment(const QString &segment)
{
    QString out = segment;
    out.replace(u'~', QStringLiteral("~0"));
    out.replace(u'/', QStringLiteral("~1"));
    return out;
}

inline QString render(const QStringList &segments)
{
    QStringList escaped;
    for (const QString &s : segments)
        escaped.append(renderSegment(s));
    return escaped.join(u'/');
}

// Whether every surrogate in `s` is half of a pair, in order.
inline bool wellFormed(const QString &s)
{
    for (qsizetype i = 0; i < s.size(); ++i) {
        const char16_t c = s.at(i).unicode();
        if (c >= 0xDC00 && c <= 0xDFFF)
            return false;
        if (c >= 0xD800 && c <= 0xDBFF) {
            if (i + 1 == s.size() || s.at(i + 1).unicode() < 0xDC00 || s.at(i + 1).unicode() > 0xDFFF)
                return false;
            ++i;
        }
    }
    return true;
}

// The error code for a list of segments, checked one segment at a time.
inline std::optional<QString> segmentsError(const QStringList &segments)
{
    if (segments.isEmpty())
        return QStringLiteral("empty_path");
    for (const QString &s : segments) {
        if (s.isEmpty())
            return QStringLiteral("empty_segment");
        if (!wellFormed(s))
            return QStringLiteral("invalid_unicode");
    }
    return std::nullopt;
}

// §4.1 parsing: the segments, or the error code. The spec names no order of
// errors; the library reports text that is not well-formed UTF-16 (its own
// rule: half a surrogate pair renders like "?") first, then an invalid
// escape anywhere, then an empty segment.
inline std::variant<QStringList, QString> parse(const QString &rendered)
{
    if (rendered.isEmpty())
        return QStringLiteral("empty_path");
    if (!wellFormed(rendered))
        return QStringLiteral("invalid_unicode");
    const QStringList pieces = rendered.split(u'/');
    QStringList segments;
    bool empty = false;
    for (const QString &piece : pieces) {
        QString segment;
        for (qsizetype i = 0; i < piece.size(); ++i) {
            if (piece.at(i) != u'~') {
                segment.append(piece.at(i));
                continue;
            }
            if (i + 1 == piece.size())
                return QStringLiteral("invalid_escape");
            const QChar next = piece.at(++i);
            if (next == u'0')
                segment.append(u'~');
            else if (next == u'1')
                segment.append(u'/');
            else
                return QStringLiteral("invalid_escape");
        }
        empty = empty || segment.isEmpty();
        segments.append(segment);
    }
    if (empty)
        return QStringLiteral("empty_segment");
    return segments;
}

// §4.2: a compiled pattern is a list of parts; nullopt = one segment ("*"),
// and `many` says the last part is "**".
struct Glob
{
    QList<std::optional<QString>> parts;
    bool many = false;
};

inline std::variant<Glob, QString> compileGlob(const QStringList &segments)
{
    Glob glob;
    for (qsizetype i = 0; i < segments.size(); ++i) {
        const QString &s = segments.at(i);
        if (s == QStringLiteral("**")) {
            if (i + 1 != segments.size())
                return QStringLiteral("wildcard_many_not_tail");
            glob.many = true;
        } else if (s == QStringLiteral("*")) {
            glob.parts.append(std::nullopt);
        } else if (s == QStringLiteral("\\*")) {
            glob.parts.append(QStringLiteral("*"));
        } else if (s == QStringLiteral("\\**")) {
            glob.parts.append(QStringLiteral("**"));
        } else {
            glob.parts.append(s);
        }
    }
    return glob;
}

// §4.2 matching over whole segments; "**" is one or more trailing segments.
inline bool matches(const Glob &glob, const QStringList &path)
{
    const qsizetype fixed = glob.parts.size();
    if (glob.many ? path.size() <= fixed : path.size() != fixed)
        return false;
    for (qsizetype i = 0; i < fixed; ++i) {
        if (glob.parts.at(i) && *glob.parts.at(i) != path.at(i))
            return false;
    }
    return true;
}

// The literal segments before the first wildcard.
inline QStringList literalPrefix(const Glob &glob)
{
    QStringList prefix;
    for (const std::optional<QString> &part : glob.parts) {
        if (!part)
            break;
        prefix.append(*part);
    }
    return prefix;
}

} // namespace Reference

#endif // FUZZREFERENCE_H
