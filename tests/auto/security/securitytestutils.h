// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#ifndef SECURITYTESTUTILS_H
#define SECURITYTESTUTILS_H

// The security tests need servers Dust::TestServer does not make (TLS,
// several tokens with scopes, expiry and store access, rate limits): they
// start a Dust::Server from ServerOptions with these.

#include "../shared/testwait.h"

#include <dustclient.h>
#include <dustserver.h>
#include <duststore.h>

#include <QtTest/qtest.h>

#include <chrono>
#include <memory>

namespace DustTest {

// A real server, in memory unless given a data directory, on a free port.
inline std::unique_ptr<Dust::Server> startServer(Dust::ServerOptions options = {})
{
    options.port = 0;
    if (options.dataDir.isEmpty())
        options.inMemory = true;
    auto server = std::make_unique<Dust::Server>(options);
    const Dust::Result<void> started = server->start();
    if (!started)
        qFatal("server did not start: %s", qPrintable(started.error().toString()));
    return server;
}

// A client with fast reconnects, not yet opened.
inline std::unique_ptr<Dust::Client> makeClient(const QUrl &url, const QString &token, const QStringList &stores)
{
    auto client = std::make_unique<Dust::Client>(url, token, stores);
    client->setReconnectDelays(std::chrono::milliseconds(5), std::chrono::milliseconds(50));
    return client;
}

} // namespace DustTest

#endif // SECURITYTESTUTILS_H
