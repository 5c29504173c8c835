// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#ifndef CLISESSION_H
#define CLISESSION_H

#include "cliutils.h"

#include <dustclient.h>
#include <dustfuture.h>
#include <duststore.h>

#include <QtCore/qdeadlinetimer.h>
#include <QtCore/qeventloop.h>
#include <QtCore/qfuturewatcher.h>

#include <optional>

namespace Dust::Cli {

// Why a wait ended.
enum class Wake { Done, Deadline, Signal };

// One store of one server, for the length of one command: every wait is
// bounded by the command's deadline and ended by SIGINT or SIGTERM.
//
//     Session session(url, token, u"acme/site"_s, 15000);
//     if (const std::optional<int> failed = session.open(true))
//         return *failed;
//     const Dust::Result<qint64> seq = session.wait(session.store()->set(u"a"_s, 1));
class Session
{
public:
    Session(const QUrl &url, const QString &token, const QString &store, int timeoutMs);

    Dust::Store *store() const { return m_store; }
    Dust::Client *client() { return &m_client; }

    // Connects and joins; with `caughtUp`, also waits for the catch-up so
    // reads see the server's state. A failure is reported on stderr and
    // gives the exit code.
    std::optional<int> open(bool caughtUp);

    // The future's result; an Error of kind Timeout when the deadline passes
    // first (the write may still be applied).
    template<typename T>
    Dust::Result<T> wait(QFuture<Dust::Result<T>> future)
    {
        using namespace Qt::StringLiterals;
        if (!future.isFinished()) {
            QEventLoop loop;
            QFutureWatcher<Dust::Result<T>> watcher;
            QObject::connect(&watcher, &QFutureWatcherBase::finished, &loop, &QEventLoop::quit);
            watcher.setFuture(future);
            if (!future.isFinished() && exec(loop) != Wake::Done) {
                return Dust::Error(Dust::Error::Kind::Timeout, u"timeout"_s,
                                   {{u"message"_s, CliText::tr("no reply within %1 ms").arg(m_timeoutMs)}});
            }
        }
        // The client's sync thread finished the future.
        return Dust::takeResult(future);
    }

    // The code, the message and any detail, never the token.
    QString describe(const Dust::Error &error) const;

private:
    // Runs `loop` until it quits, the command's deadline passes or a signal
    // arrives: the timeout bounds the command end to end.
    Wake exec(QEventLoop &loop);

    // Says which step did not finish in time.
    QString openTimeout(bool joined) const;

    Dust::Client m_client;
    Dust::Store *m_store;
    int m_timeoutMs;
    QDeadlineTimer m_deadline;
};

// While watching: reports trouble on stderr, one line each.
void reportTrouble(Session &session);

} // namespace Dust::Cli

#endif // CLISESSION_H
