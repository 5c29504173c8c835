// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#include "linksoptions.h"
#include "linksschema.h"

#include <QtCore/qcommandlineparser.h>

using namespace Qt::StringLiterals;

namespace DustLinks {

void LinksOptions::addTo(QCommandLineParser &parser)
{
    parser.addOptions({
        {u"url"_s, tr("WebSocket URL of a Dust server, e.g. ws://127.0.0.1:7755/ws/sync. "
                      "Without it, the app starts its own server."), tr("url")},
        {u"token"_s, tr("API token for --url (default $DUST_TOKEN)."), tr("token")},
        {u"store"_s, tr("The store that holds the links (default %1).").arg(LinksSchema::defaultStore()),
         tr("org/name"), LinksSchema::defaultStore()},
        {u"data-dir"_s, tr("Where the embedded server keeps its data (default: the per-user data "
                           "location)."), tr("dir")},
        {u"lang"_s, tr("Language of the texts, e.g. de or fr (default: the system language)."),
         tr("code")},
    });
}

std::optional<LinksOptions> LinksOptions::from(const QCommandLineParser &parser, QString *error)
{
    const auto invalid = [error](const QString &message) {
        *error = message;
        return std::nullopt;
    };
    LinksOptions options;
    options.store = parser.value(u"store"_s);
    options.dataDir = parser.value(u"data-dir"_s);
    if (parser.isSet(u"url"_s)) {
        options.url = QUrl(parser.value(u"url"_s), QUrl::StrictMode);
        const QString scheme = options.url.scheme();
        if (!options.url.isValid() || (scheme != u"ws" && scheme != u"wss") || options.url.host().isEmpty())
            return invalid(tr("--url must be a WebSocket URL such as ws://127.0.0.1:7755/ws/sync."));
        options.token = parser.isSet(u"token"_s) ? parser.value(u"token"_s)
                                                 : qEnvironmentVariable("DUST_TOKEN");
        if (options.token.isEmpty())
            return invalid(tr("--url needs a token: pass --token or set DUST_TOKEN."));
    } else if (parser.isSet(u"token"_s)) {
        return invalid(tr("--token is only used with --url."));
    }
    return options;
}

} // namespace DustLinks
