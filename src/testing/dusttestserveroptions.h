// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#ifndef DUSTTESTSERVEROPTIONS_H
#define DUSTTESTSERVEROPTIONS_H

#include <dusttestglobal.h>
#include <dustserveroptions.h>

#include <QtCore/qstringlist.h>

namespace Dust {

/*!
    How a Dust::TestServer is set up. The defaults suit one fixture per test
    function: an in-memory store "test/store" on a free loopback port, and a
    client joined to it before the constructor returns.

    \code
    Dust::TestServerOptions options;
    options.stores = {u"acme/links"_s};
    options.storage = Dust::TestServerOptions::Storage::TemporaryDirectory;  // restart() keeps data
    Dust::TestServer server(options);
    \endcode
*/
struct DUST_TEST_EXPORT TestServerOptions
{
    enum class Storage {
        InMemory,            ///< throw-away stores; a restart() starts them empty
        TemporaryDirectory,  ///< SQLite files in a directory removed with the fixture
    };

    /// The stores the fixture's client joins; the first one is storeName().
    QStringList stores{QStringLiteral("test/store")};
    Storage storage = Storage::InMemory;
    /// A directory of your own for the SQLite files (kept after the fixture);
    /// when set it wins over `storage`.
    QString dataDir;
    /// 0: any free port. Another port must be free, or the fixture fails.
    quint16 port = 0;
    /// False: client() exists but is not opened; open it, or call
    /// connectClient(), when the test is ready for it.
    bool openClient = true;
    /// The token of client(); empty means the full-access token().
    QString clientToken;
    /// How long start-up, restart() and the waits of the fixture may take.
    int timeoutMs = 10000;
    /// Inside a running Qt Test function, a start-up, restart() or writeAs()
    /// that fails also fails the test, with the Error as its message.
    bool failTestOnError = true;
    /// Anything else the server takes: more tokens (beside token(), which is
    /// always accepted), the reply order, frame and idle limits. Its address,
    /// port, dataDir, inMemory, stores and tokensFile are replaced by the
    /// fields above.
    ServerOptions server;
};

} // namespace Dust

#endif // DUSTTESTSERVEROPTIONS_H
