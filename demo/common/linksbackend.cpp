// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#include "linksbackend.h"

#include <dustserver.h>

#include <QtCore/qdir.h>
#include <QtCore/qstandardpaths.h>

using namespace Qt::StringLiterals;

namespace DustLinks {

LinksBackend::LinksBackend(const LinksOptions &options, QObject *parent)
    : QObject(parent), m_options(options)
{
    if (m_options.isEmbedded() && m_options.dataDir.isEmpty()) {
        m_options.dataDir = QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation))
                                    .filePath(u"server"_s);
    }
}

LinksBackend::~LinksBackend()
{
    if (m_server)
        m_server->stop();
}

Dust::Result<void> LinksBackend::start()
{
    if (!m_options.isEmbedded() || m_server)
        return {};
    QDir().mkpath(m_options.dataDir);
    Dust::ServerOptions options;
    options.port = 0;
    options.dataDir = m_options.dataDir;
    options.stores = {m_options.store};
    auto server = std::make_unique<Dust::Server>(options);
    if (const Dust::Result<void> started = server->start(); !started)
        return started;
    m_server = std::move(server);
    return {};
}

bool LinksBackend::isEmbedded() const
{
    return m_options.isEmbedded();
}

QUrl LinksBackend::url() const
{
    return m_server ? m_server->webSocketUrl() : m_options.url;
}

QString LinksBackend::token() const
{
    return m_server ? m_server->devToken() : m_options.token;
}

QString LinksBackend::store() const
{
    return m_options.store;
}

QString LinksBackend::dataDirectory() const
{
    return m_options.isEmbedded() ? m_options.dataDir : QString();
}

QString LinksBackend::description() const
{
    if (!isEmbedded())
        return tr("Dust server at %1, store %2").arg(url().toString(), store());
    return tr("Embedded Dust server at %1, store %2, data in %3")
            .arg(url().toString(), store(), QDir::toNativeSeparators(dataDirectory()));
}

Dust::Server *LinksBackend::server() const
{
    return m_server.get();
}

} // namespace DustLinks
