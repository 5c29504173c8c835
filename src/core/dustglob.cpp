// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#include "dustglob.h"

using namespace Qt::StringLiterals;

namespace Dust {

Result<Glob> Glob::compile(QStringView pattern)
{
    Result<Path> parsed = Path::parse(pattern);
    if (!parsed)
        return parsed.error();
    return build(*parsed);
}

Result<Glob> Glob::fromSegments(const QStringList &segments)
{
    Result<Path> parsed = Path::fromSegments(segments);
    if (!parsed)
        return parsed.error();
    return build(*parsed);
}

Result<Glob> Glob::build(const Path &parsed)
{
    Glob glob;
    const QStringList &segments = parsed.segments();
    glob.m_parts.reserve(segments.size());
    QStringList literalPrefix;
    bool inPrefix = true;
    for (qsizetype i = 0; i < segments.size(); ++i) {
        const QString &s = segments.at(i);
        Part part{Kind::Literal, s, {}};
        if (s == u"*") {
            part = {Kind::One, {}, {}};
        } else if (s == u"**") {
            if (i != segments.size() - 1)
                return Error(Error::Kind::InvalidPath, u"wildcard_many_not_tail"_s);
            part = {Kind::Many, {}, {}};
        } else if (s == u"\\*") {
            part.literal = u"*"_s;
        } else if (s == u"\\**") {
            part.literal = u"**"_s;
        }
        if (part.kind == Kind::Literal)
            part.escaped = Path::escapeSegment(part.literal).toUtf8();
        else
            inPrefix = false;
        if (inPrefix)
            literalPrefix.append(part.literal);
        glob.m_parts.append(std::move(part));
    }
    glob.m_pattern = parsed.toString();
    if (!literalPrefix.isEmpty())
        glob.m_literalPrefix = *Path::fromSegments(literalPrefix);
    return glob;
}

bool Glob::matches(const QStringList &segments) const
{
    const qsizetype n = m_parts.size();
    if (n == 0)
        return false;
    const bool many = m_parts.at(n - 1).kind == Kind::Many;
    // "**" is one or more segments, so the path needs at least n segments
    // with it and exactly n without it.
    if (many ? segments.size() < n : segments.size() != n)
        return false;
    for (qsizetype i = 0; i < n; ++i) {
        const Part &part = m_parts.at(i);
        if (part.kind == Kind::Literal && part.literal != segments.at(i))
            return false;
    }
    return true;
}

bool Glob::matchesRendered(QByteArrayView rendered) const
{
    const qsizetype n = m_parts.size();
    if (n == 0 || rendered.isEmpty())
        return false;
    qsizetype index = 0;
    qsizetype start = 0;
    for (;;) {
        qsizetype end = rendered.indexOf('/', start);
        if (end < 0)
            end = rendered.size();
        if (index >= n)
            return false;
        const Part &part = m_parts.at(index);
        if (part.kind == Kind::Many)
            return true;
        if (part.kind == Kind::Literal && part.escaped != rendered.sliced(start, end - start))
            return false;
        ++index;
        if (end == rendered.size())
            break;
        start = end + 1;
    }
    return index == n;
}

} // namespace Dust
