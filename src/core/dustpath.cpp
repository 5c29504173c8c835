// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#include "dustpath.h"

#include <QtCore/qdebug.h>
#include <QtCore/qjsonarray.h>

using namespace Qt::StringLiterals;

namespace Dust {

namespace {

Error pathError(const char *code)
{
    return Error(Error::Kind::InvalidPath, QString::fromLatin1(code));
}

} // namespace

Path::Path(QStringList segments) : m_segments(std::move(segments))
{
    QString rendered;
    for (const QString &s : std::as_const(m_segments)) {
        if (!rendered.isEmpty())
            rendered += u'/';
        rendered += escapeSegment(s);
    }
    m_rendered = rendered;
    m_key = rendered.toUtf8();
}

QString Path::escapeSegment(QStringView segment)
{
    QString out;
    out.reserve(segment.size());
    for (QChar c : segment) {
        if (c == u'~')
            out += u"~0";
        else if (c == u'/')
            out += u"~1";
        else
            out += c;
    }
    return out;
}

Result<Path> Path::parse(QStringView rendered)
{
    if (rendered.isEmpty())
        return pathError("empty_path");
    if (!rendered.isValidUtf16())
        return pathError("invalid_unicode");
    QStringList segments;
    QString current;
    bool sawEmpty = false;
    for (qsizetype i = 0; i < rendered.size(); ++i) {
        const QChar c = rendered.at(i);
        if (c == u'/') {
            if (current.isEmpty())
                sawEmpty = true;
            segments.append(current);
            current.clear();
        } else if (c == u'~') {
            const QChar next = i + 1 < rendered.size() ? rendered.at(i + 1) : QChar();
            if (next == u'0')
                current += u'~';
            else if (next == u'1')
                current += u'/';
            else
                return pathError("invalid_escape");
            ++i;
        } else {
            current += c;
        }
    }
    if (current.isEmpty())
        sawEmpty = true;
    segments.append(current);
    if (sawEmpty)
        return pathError("empty_segment");
    return Path(std::move(segments));
}

Result<Path> Path::fromSegments(const QStringList &segments)
{
    if (segments.isEmpty())
        return pathError("empty_path");
    for (const QString &s : segments) {
        if (s.isEmpty())
            return pathError("empty_segment");
        if (!s.isValidUtf16())
            return pathError("invalid_unicode");
    }
    return Path(segments);
}

Result<Path> Path::fromJsonString(const QJsonValue &value)
{
    if (!value.isString())
        return pathError("not_a_string");
    return parse(value.toString());
}

Result<Path> Path::fromJsonSegments(const QJsonValue &value)
{
    if (!value.isArray())
        return pathError("not_a_list");
    const QJsonArray array = value.toArray();
    QStringList segments;
    segments.reserve(array.size());
    for (const QJsonValue &v : array) {
        if (!v.isString())
            return pathError("not_a_string");
        segments.append(v.toString());
    }
    return fromSegments(segments);
}

QJsonArray Path::toJsonSegments() const
{
    return QJsonArray::fromStringList(m_segments);
}

bool Path::isAncestorOf(const Path &other) const
{
    return !isEmpty() && other.m_key.size() > m_key.size() && other.m_key.startsWith(m_key)
        && other.m_key.at(m_key.size()) == '/';
}

bool Path::startsWith(const Path &prefix) const
{
    return prefix == *this || prefix.isAncestorOf(*this);
}

Path Path::parent() const
{
    return mid(0, m_segments.size() - 1);
}

Path Path::child(const QString &segment) const
{
    Q_ASSERT(!segment.isEmpty() && segment.isValidUtf16());
    QStringList segments = m_segments;
    segments.append(segment);
    return Path(std::move(segments));
}

Path Path::appended(const Path &tail) const
{
    return Path(m_segments + tail.m_segments);
}

Path Path::mid(qsizetype from, qsizetype count) const
{
    if (from >= m_segments.size() || count == 0)
        return Path();
    return Path(m_segments.mid(from, count));
}

QDebug operator<<(QDebug debug, const Path &path)
{
    QDebugStateSaver saver(debug);
    debug.nospace() << "Dust::Path(" << path.toString() << ')';
    return debug;
}

} // namespace Dust
