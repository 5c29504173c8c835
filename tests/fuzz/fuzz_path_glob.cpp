// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

// fuzz_path_glob: Dust::Path and Dust::Glob against the spec (fuzzreference.h).
//
// The input is text, one item a line: the first line is a glob pattern, every
// line (the first too) is a path, and is also split at '/' into raw segments.
// A line starting with '[' is the JSON `path_segments` form. The text is
// UTF-8; an input starting with the bytes FF FE is UTF-16LE instead, so that
// unpaired surrogates reach the parsers.
// Properties:
// - parse/fromJsonSegments/compile accept exactly what the spec accepts,
//   with the spec's error codes, and never crash;
// - parse(render(p)) == p, a rendered path is its own canonical form, and the
//   derived paths (parent, child, mid, appended) have the expected segments;
// - path equality, order and ancestry agree with the segments;
// - Glob::matches(), Glob::matchesRendered() and the spec's matching agree.

#include "fuzzcheck.h"
#include "fuzzreference.h"

#include <dustglob.h>

#include <QtCore/qjsonarray.h>
#include <QtCore/qjsondocument.h>

#include <cstdint>

using Dust::Glob;
using Dust::Path;

namespace {

constexpr qsizetype MaxLines = 8;

struct Line
{
    QString text;
    bool json = false;
    QJsonValue value;                            // the JSON form, when json
    std::variant<QStringList, QString> expected; // segments, or an error code
};

Line readLine(const QString &text)
{
    Line line{text, text.startsWith(u'['), {}, {}};
    if (!line.json) {
        line.expected = Reference::parse(text);
        return line;
    }
    const QJsonDocument doc = QJsonDocument::fromJson(text.toUtf8());
    line.value = doc.isArray() ? QJsonValue(doc.array()) : QJsonValue(text);
    if (!line.value.isArray()) {
        line.expected = QStringLiteral("not_a_list");
        return line;
    }
    QStringList segments;
    for (const QJsonValue &v : line.value.toArray()) {
        if (!v.isString()) {
            line.expected = QStringLiteral("not_a_string");
            return line;
        }
        segments.append(v.toString());
    }
    if (const std::optional<QString> code = Reference::segmentsError(segments))
        line.expected = *code;
    else
        line.expected = segments;
    return line;
}

// The path a line denotes, checked against the reference; nullopt when the
// line is not a valid path.
std::optional<Path> checkPath(const Line &line)
{
    const Dust::Result<Path> path =
            line.json ? Path::fromJsonSegments(line.value) : Path::parse(line.text);
    if (!line.json) {
        const Dust::Result<Path> viaJson = Path::fromJsonString(QJsonValue(line.text));
        FUZZ_CHECK(viaJson.hasValue() == path.hasValue() && viaJson.error() == path.error()
                           && (!path || *viaJson == *path),
                   line.text);
        // The same text split at '/' without unescaping, as raw segments.
        const QStringList pieces = line.text.split(u'/');
        const Dust::Result<Path> raw = Path::fromSegments(pieces);
        const std::optional<QString> rawError = Reference::segmentsError(pieces);
        FUZZ_CHECK(raw.hasValue() == !rawError.has_value()
                           && (raw ? raw->segments() == pieces : raw.error().code() == *rawError),
                   "fromSegments", pieces, raw.error(), rawError.value_or(QString()));
    }
    if (const QString *code = std::get_if<QString>(&line.expected)) {
        FUZZ_CHECK(!path.hasValue(), "accepted an invalid path", line.text, "expected", *code);
        FUZZ_CHECK(path.error().kind() == Dust::Error::Kind::InvalidPath
                           && path.error().code() == *code,
                   line.text, "expected", *code, "got", path.error());
        return std::nullopt;
    }
    const QStringList &segments = std::get<QStringList>(line.expected);
    FUZZ_CHECK(path.hasValue(), "refused a valid path", line.text, path.error());
    const Path &p = *path;

    FUZZ_CHECK(p.segments() == segments, line.text, p.segments(), segments);
    FUZZ_CHECK(p.size() == segments.size() && p.last() == segments.last() && !p.isEmpty(), line.text);
    const QString rendered = Reference::render(segments);
    FUZZ_CHECK(p.toString() == rendered, line.text, p.toString(), rendered);
    FUZZ_CHECK(line.json || rendered == line.text, "not canonical", line.text, rendered);
    FUZZ_CHECK(p.key() == rendered.toUtf8(), line.text);
    for (const QString &segment : segments)
        FUZZ_CHECK(Path::escapeSegment(segment) == Reference::renderSegment(segment), segment);

    const Dust::Result<Path> reparsed = Path::parse(p.toString());
    FUZZ_CHECK(reparsed.hasValue() && *reparsed == p && reparsed->segments() == segments,
               "parse(render(p)) != p", line.text);
    const Dust::Result<Path> fromSegments = Path::fromSegments(segments);
    FUZZ_CHECK(fromSegments.hasValue() && fromSegments->segments() == segments && *fromSegments == p,
               line.text);
    const Dust::Result<Path> fromJson = Path::fromJsonSegments(p.toJsonSegments());
    FUZZ_CHECK(fromJson.hasValue() && fromJson->segments() == segments, line.text);

    const Path parent = p.parent();
    FUZZ_CHECK(parent.segments() == segments.mid(0, segments.size() - 1), line.text, parent);
    FUZZ_CHECK(parent.isEmpty() || (parent.isAncestorOf(p) && p.isDescendantOf(parent)), line.text);
    FUZZ_CHECK(!p.isAncestorOf(p) && p.startsWith(p), line.text);
    const Path child = p.child(QStringLiteral("x/~"));
    FUZZ_CHECK(child.segments() == segments + QStringList{QStringLiteral("x/~")}
                       && p.isAncestorOf(child) && child.parent() == p,
               line.text, child);
    for (qsizetype from = 0; from <= segments.size(); ++from) {
        FUZZ_CHECK(p.mid(from).segments() == segments.mid(from), line.text, from);
        FUZZ_CHECK(p.mid(from, 1).segments() == segments.mid(from, 1), line.text, from);
    }
    return p;
}

void checkPair(const Path &a, const Path &b)
{
    const bool sameSegments = a.segments() == b.segments();
    FUZZ_CHECK((a == b) == sameSegments, "equality disagrees with the segments", a.segments(),
               b.segments());
    FUZZ_CHECK((a != b) == !sameSegments, a, b);
    FUZZ_CHECK(!(a == b) || qHash(a) == qHash(b), a, b);
    const QByteArray ka = Reference::render(a.segments()).toUtf8();
    const QByteArray kb = Reference::render(b.segments()).toUtf8();
    FUZZ_CHECK((a < b) == (ka < kb), "order is not the byte order of the rendering", a, b);
    const bool ancestor = b.size() > a.size() && b.segments().mid(0, a.size()) == a.segments();
    FUZZ_CHECK(a.isAncestorOf(b) == ancestor, a, b);
    FUZZ_CHECK(b.startsWith(a) == (ancestor || sameSegments), a, b);
    FUZZ_CHECK(a.appended(b).segments() == a.segments() + b.segments(), a, b);
}

struct CheckedGlob
{
    Glob glob;
    Reference::Glob reference;
};

std::optional<CheckedGlob> checkGlob(const Line &line)
{
    std::optional<Dust::Result<Glob>> glob;
    std::variant<Reference::Glob, QString> expected = QString();
    if (const QString *code = std::get_if<QString>(&line.expected))
        expected = *code;
    else
        expected = Reference::compileGlob(std::get<QStringList>(line.expected));

    if (!line.json) {
        glob = Glob::compile(line.text);
    } else if (line.value.isArray()) {
        QStringList segments;
        for (const QJsonValue &v : line.value.toArray()) {
            if (!v.isString())
                return std::nullopt; // Glob::fromSegments takes strings only
            segments.append(v.toString());
        }
        glob = Glob::fromSegments(segments);
    } else {
        return std::nullopt;
    }

    if (const QString *code = std::get_if<QString>(&expected)) {
        FUZZ_CHECK(!glob->hasValue(), "accepted an invalid pattern", line.text, "expected", *code);
        FUZZ_CHECK(glob->error().kind() == Dust::Error::Kind::InvalidPath
                           && glob->error().code() == *code,
                   line.text, "expected", *code, "got", glob->error());
        return std::nullopt;
    }
    FUZZ_CHECK(glob->hasValue(), "refused a valid pattern", line.text, glob->error());
    const Glob &g = **glob;
    const Reference::Glob &ref = std::get<Reference::Glob>(expected);
    const QStringList &segments = std::get<QStringList>(line.expected);

    FUZZ_CHECK(g.isValid(), line.text);
    FUZZ_CHECK(g.pattern() == Reference::render(segments), line.text, g.pattern());
    FUZZ_CHECK(g.endsWithMany() == ref.many, line.text);
    const QStringList prefix = Reference::literalPrefix(ref);
    FUZZ_CHECK(g.literalPrefix().segments() == prefix, line.text, g.literalPrefix(), prefix);
    FUZZ_CHECK(g.isLiteral() == (!ref.many && prefix.size() == ref.parts.size()), line.text);
    const Dust::Result<Glob> recompiled = Glob::compile(g.pattern());
    FUZZ_CHECK(recompiled.hasValue() && *recompiled == g, line.text);
    return CheckedGlob{g, ref};
}

void checkMatch(const CheckedGlob &glob, const QStringList &segments, const QString &context)
{
    const bool expected = Reference::matches(glob.reference, segments);
    FUZZ_CHECK(glob.glob.matches(segments) == expected, "matches() disagrees with the spec",
               glob.glob.pattern(), segments, expected, context);
    const Dust::Result<Path> path = Path::fromSegments(segments);
    if (!path)
        return;
    FUZZ_CHECK(glob.glob.matches(*path) == expected, glob.glob.pattern(), segments);
    FUZZ_CHECK(glob.glob.matchesRendered(path->key()) == expected,
               "matchesRendered() disagrees with matches()", glob.glob.pattern(), segments,
               path->key(), expected, context);
    const Path prefix = glob.glob.literalPrefix();
    FUZZ_CHECK(!expected || prefix.isEmpty() || path->startsWith(prefix), glob.glob.pattern(),
               segments);
}

QString decode(const std::uint8_t *data, std::size_t size)
{
    if (size >= 2 && data[0] == 0xFF && data[1] == 0xFE) {
        QString text;
        for (std::size_t i = 2; i + 1 < size; i += 2)
            text.append(QChar(char16_t(data[i] | (data[i + 1] << 8))));
        return text;
    }
    return QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QString text = decode(data, size);
    const QStringList texts = text.split(u'\n').mid(0, MaxLines);

    QList<Line> lines;
    QList<Path> paths;
    for (const QString &t : texts) {
        lines.append(readLine(t));
        if (std::optional<Path> p = checkPath(lines.last()))
            paths.append(*p);
    }
    for (const Path &a : std::as_const(paths)) {
        for (const Path &b : std::as_const(paths))
            checkPair(a, b);
    }

    const std::optional<CheckedGlob> glob = checkGlob(lines.first());
    if (!glob)
        return 0;
    FUZZ_CHECK(!glob->glob.matches(QStringList()) && !glob->glob.matchesRendered(QByteArrayView()),
               glob->glob.pattern());
    for (const Line &line : std::as_const(lines)) {
        // Any bytes, rendered path or not, are safe to match against.
        (void)glob->glob.matchesRendered(line.text.toUtf8());
        if (const QStringList *segments = std::get_if<QStringList>(&line.expected)) {
            checkMatch(*glob, *segments, line.text);
            checkMatch(*glob, segments->mid(0, segments->size() - 1), line.text);
            checkMatch(*glob, *segments + QStringList{QStringLiteral("z")}, line.text);
        }
    }
    return 0;
}
