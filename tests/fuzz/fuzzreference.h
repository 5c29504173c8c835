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

// §4.1 parsing: the segments, or the error code. An invalid escape anywhere
// is reported before an empty segment (the spec names no order; this is the
// library's documented behaviour).
inline std::variant<QStringList, QString> parse(const QString &rendered)
{
    if (rendered.isEmpty())
        return QStringLiteral("empty_path");
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
