// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#ifndef LINKSOPTIONS_H
#define LINKSOPTIONS_H

#include <QtCore/qcoreapplication.h>
#include <QtCore/qstring.h>
#include <QtCore/qurl.h>

#include <optional>

QT_BEGIN_NAMESPACE
class QCommandLineParser;
QT_END_NAMESPACE

namespace DustLinks {

/*!
    Where a Links demo gets its links: a Dust server given with --url and
    --token, or (without --url) a server embedded in the app, with its data
    in --data-dir or the per-user data location.

    \code
    QCommandLineParser parser;
    DustLinks::LinksOptions::addTo(parser);
    parser.process(app);
    QString error;
    const auto options = DustLinks::LinksOptions::from(parser, &error);
    \endcode
*/
struct LinksOptions
{
    Q_DECLARE_TR_FUNCTIONS(DustLinks::LinksOptions)

public:
    QUrl url;           // empty: the embedded server
    QString token;
    QString store;
    QString dataDir;    // the embedded server's; empty: the per-user data location

    bool isEmbedded() const { return url.isEmpty(); }

    // Adds --url, --token, --store, --data-dir and --lang (which main() reads
    // before any text is built, through Dust::languageOption()).
    static void addTo(QCommandLineParser &parser);
    // Nothing, with a readable message in `error`, for a bad URL or a
    // token without a URL.
    static std::optional<LinksOptions> from(const QCommandLineParser &parser, QString *error);
};

} // namespace DustLinks

#endif // LINKSOPTIONS_H
