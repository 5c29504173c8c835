// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#ifndef LINKSBACKEND_H
#define LINKSBACKEND_H

#include "linksoptions.h"

#include <dustresult.h>

#include <QtCore/qobject.h>

#include <memory>

namespace Dust {
class Server;
}

namespace DustLinks {

/*!
    The Dust server a Links demo talks to: the one named by --url/--token,
    or a Dust::Server embedded in the app on a free 127.0.0.1 port, whose
    stores live in the data directory so links survive restarts. The
    embedded server stops when the backend is destroyed.

    \code
    DustLinks::LinksBackend backend(options);
    if (const auto started = backend.start(); !started)
        return fail(started.error().message());
    client->setUrl(backend.url());
    client->setToken(backend.token());
    \endcode
*/
class LinksBackend : public QObject
{
    Q_OBJECT

public:
    explicit LinksBackend(const LinksOptions &options, QObject *parent = nullptr);
    ~LinksBackend() override;

    // Starts the embedded server when there is no --url; does nothing else.
    Dust::Result<void> start();

    bool isEmbedded() const;
    QUrl url() const;
    QString token() const;
    QString store() const;
    // The embedded server's data directory; empty for a remote server.
    QString dataDirectory() const;
    // One translated line that says where the links come from.
    QString description() const;
    // The embedded server, or nullptr.
    Dust::Server *server() const;

private:
    LinksOptions m_options;
    std::unique_ptr<Dust::Server> m_server;
};

} // namespace DustLinks

#endif // LINKSBACKEND_H
