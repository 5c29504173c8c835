// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#include "linksschema.h"

#include <dustchangeset.h>

#include <QtCore/qregularexpression.h>
#include <QtCore/qurl.h>

using namespace Qt::StringLiterals;

namespace DustLinks {

namespace {

constexpr qsizetype MaxSlugLength = 64;

// Lower-case words of letters and digits joined by '-' or '.': readable in
// a path and safe in a URL. '/' would nest a link inside another one.
const QRegularExpression &slugPattern()
{
    static const QRegularExpression pattern(u"^[a-z0-9]+(?:[.-][a-z0-9]+)*$"_s);
    return pattern;
}

} // namespace

QString LinksSchema::defaultStore()
{
    return u"demo/links"_s;
}

QVariantMap LinksSchema::descriptor()
{
    const auto field = [](const QString &name) {
        return QVariantMap{{u"name"_s, name}, {u"type"_s, u"string"_s}};
    };
    return {
        {u"name"_s, u"Link"_s},
        {u"prefix"_s, QStringList{u"links"_s}},
        {u"fields"_s, QVariantList{field(u"title"_s), field(u"url"_s), field(u"note"_s)}},
        {u"required"_s, QStringList{u"title"_s, u"url"_s}},
        {u"mode"_s, u"map"_s},
    };
}

Dust::Schema LinksSchema::schema()
{
    static const Dust::Schema links = *Dust::Schema::fromDescriptor(descriptor());
    return links;
}

QStringList LinksSchema::editableFields()
{
    return {u"title"_s, u"url"_s, u"note"_s};
}

QString LinksSchema::label(const QString &field)
{
    if (field == u"title")
        return tr("Title");
    if (field == u"url")
        return tr("URL");
    if (field == u"note")
        return tr("Note");
    if (field == u"slug")
        return tr("Slug");
    return field;
}

QMap<QString, QStringList> LinksSchema::validate(const QVariantMap &link, bool isNew, bool slugTaken)
{
    // The schema's own checks (values of the right type, slug rules), with
    // the form's sentences for what is missing.
    Dust::Changeset changeset(schema(), link);
    changeset.validateSlug();
    QMap<QString, QStringList> errors = changeset.errors();
    const auto add = [&errors](const QString &field, const QString &message) {
        if (!errors.value(field).contains(message))
            errors[field].append(message);
    };
    for (const QString &field : schema().missingRequired(link))
        add(field, tr("%1 is required.").arg(label(field)));

    const QString slug = link.value(u"slug"_s).toString();
    if (slug.isEmpty()) {
        if (!errors.contains(u"slug"_s))
            add(u"slug"_s, tr("%1 is required.").arg(label(u"slug"_s)));
    } else if (slug.size() > MaxSlugLength) {
        add(u"slug"_s, tr("A slug has at most %n characters.", nullptr, int(MaxSlugLength)));
    } else if (!slugPattern().match(slug).hasMatch()) {
        add(u"slug"_s, tr("Use lower-case letters and digits, joined by '-' or '.' "
                          "(for example qt.io-docs)."));
    } else if (isNew && slugTaken) {
        add(u"slug"_s, tr("Another link already uses this slug."));
    }

    const QString url = link.value(u"url"_s).toString().trimmed();
    if (!url.isEmpty()) {
        const QUrl parsed(url, QUrl::StrictMode);
        const bool web = parsed.scheme() == u"http" || parsed.scheme() == u"https";
        if (!parsed.isValid() || !web || parsed.host().isEmpty())
            add(u"url"_s, tr("Enter a web address that starts with http:// or https://."));
    }
    return errors;
}

QString LinksSchema::suggestSlug(const QString &url)
{
    const QUrl parsed = QUrl::fromUserInput(url.trimmed());
    QString host = parsed.host().toLower();
    if (host.startsWith(u"www."))
        host = host.mid(4);
    QString slug = host;
    const QString path = parsed.path().toLower();
    if (!path.isEmpty() && path != u"/")
        slug += u'-' + path;
    static const QRegularExpression notAllowed(u"[^a-z0-9.]+"_s);
    static const QRegularExpression repeated(u"[.-]{2,}"_s);
    slug.replace(notAllowed, u"-"_s);
    slug.replace(repeated, u"-"_s);
    slug = slug.left(MaxSlugLength);
    while (!slug.isEmpty() && (slug.front() == u'-' || slug.front() == u'.'))
        slug.remove(0, 1);
    while (!slug.isEmpty() && (slug.back() == u'-' || slug.back() == u'.'))
        slug.chop(1);
    return slug;
}

} // namespace DustLinks
