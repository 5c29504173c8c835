// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#ifndef DUSTGLOB_H
#define DUSTGLOB_H

#include <dustpath.h>

#include <QtCore/qlist.h>

namespace Dust {

/// A compiled glob pattern over whole path segments (protocol §4.2).
///
/// A pattern is parsed like a path. A segment that is exactly "*" matches one
/// segment; exactly "**" matches one or more and may only be last; "\*" and
/// "\**" are the literal segments "*" and "**"; anything else is literal.
/// Compile once and match many times: matches() does not allocate.
///
/// \code
/// const auto glob = Dust::Glob::compile(u"posts/*");
/// glob->matches(*Dust::Path::parse(u"posts/hello"));        // true
/// glob->matches(*Dust::Path::parse(u"posts/hello/title"));  // false
/// Dust::Glob::compile(u"a/**/z").error().code();   // "wildcard_many_not_tail"
/// \endcode
class DUST_CORE_EXPORT Glob
{
public:
    Glob() = default;

    static Result<Glob> compile(QStringView pattern);
    static Result<Glob> fromSegments(const QStringList &segments);

    bool isValid() const { return !m_parts.isEmpty(); }
    bool matches(const Path &path) const { return matches(path.segments()); }
    bool matches(const QStringList &segments) const;
    /// Matches a canonical rendering (UTF-8), as stored in sorted leaf maps.
    bool matchesRendered(QByteArrayView rendered) const;

    /// The canonical rendering of the pattern.
    QString pattern() const { return m_pattern; }
    /// The literal segments before the first wildcard; every match starts
    /// with them, so a sorted store can seek instead of scanning.
    Path literalPrefix() const { return m_literalPrefix; }
    bool isLiteral() const { return m_literalPrefix.size() == m_parts.size(); }
    bool endsWithMany() const { return !m_parts.isEmpty() && m_parts.last().kind == Kind::Many; }

    friend bool operator==(const Glob &a, const Glob &b) { return a.m_pattern == b.m_pattern; }

private:
    enum class Kind : quint8 { Literal, One, Many };
    struct Part
    {
        Kind kind;
        QString literal;
        QByteArray escaped; ///< the literal as it appears in a rendered path
    };

    static Result<Glob> build(const Path &parsed);

    QList<Part> m_parts;
    QString m_pattern;
    Path m_literalPrefix;
};

} // namespace Dust

Q_DECLARE_METATYPE(Dust::Glob)

#endif // DUSTGLOB_H
