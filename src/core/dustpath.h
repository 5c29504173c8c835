// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#ifndef DUSTPATH_H
#define DUSTPATH_H

#include <dustresult.h>

#include <QtCore/qbytearray.h>
#include <QtCore/qjsonvalue.h>
#include <QtCore/qmetatype.h>
#include <QtCore/qstringlist.h>

namespace Dust {

/*!
    A Dust path: a non-empty list of non-empty segments (protocol §4.1).

    Segments may hold any character; a '.' has no meaning. The canonical
    rendering escapes '~' as "~0" and '/' as "~1" in each segment and joins
    the segments with '/'. Paths order by the bytes of that rendering, the
    order servers use for listings and cursors. A segment holding half of a
    UTF-16 surrogate pair is rejected (invalid_unicode): it is no character,
    and its UTF-8 rendering would collide with that of a "?".

    \code
    auto p = Dust::Path::fromSegments({u"files"_s, u"image/file"_s});
    p->toString();                     // "files/image~1file"
    Dust::Path::parse(u"a~2b").error().code();   // "invalid_escape"
    \endcode
*/
class DUST_CORE_EXPORT Path
{
public:
    Path() = default;

    static Result<Path> parse(QStringView rendered);
    static Result<Path> fromSegments(const QStringList &segments);
    /// Wire forms: `path` must be a JSON string, `path_segments` a JSON array
    /// of strings (error codes not_a_string / not_a_list).
    static Result<Path> fromJsonString(const QJsonValue &value);
    static Result<Path> fromJsonSegments(const QJsonValue &value);

    static QString escapeSegment(QStringView segment);

    bool isEmpty() const { return m_segments.isEmpty(); }
    qsizetype size() const { return m_segments.size(); }
    const QStringList &segments() const { return m_segments; }
    QString segment(qsizetype i) const { return m_segments.at(i); }
    QString last() const { return m_segments.isEmpty() ? QString() : m_segments.last(); }

    /// The canonical rendering, and its UTF-8 bytes (the sort key).
    QString toString() const { return m_rendered; }
    QByteArray key() const { return m_key; }
    QJsonArray toJsonSegments() const;

    /// `a` is an ancestor of `a/b` and `a/b/c`, but not of `ab` or of itself.
    bool isAncestorOf(const Path &other) const;
    bool isDescendantOf(const Path &other) const { return other.isAncestorOf(*this); }
    bool startsWith(const Path &prefix) const;

    Path parent() const;
    Path child(const QString &segment) const;
    Path appended(const Path &tail) const;
    Path mid(qsizetype from, qsizetype count = -1) const;

    friend bool operator==(const Path &a, const Path &b) { return a.m_key == b.m_key; }
    friend bool operator!=(const Path &a, const Path &b) { return a.m_key != b.m_key; }
    friend bool operator<(const Path &a, const Path &b) { return a.m_key < b.m_key; }
    friend size_t qHash(const Path &p, size_t seed = 0) { return qHash(p.m_key, seed); }

private:
    explicit Path(QStringList segments);

    QStringList m_segments;
    QString m_rendered;
    QByteArray m_key;
};

DUST_CORE_EXPORT QDebug operator<<(QDebug debug, const Path &path);

} // namespace Dust

Q_DECLARE_METATYPE(Dust::Path)

#endif // DUSTPATH_H
