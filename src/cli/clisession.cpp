// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#include "clisession.h"

#include <QtCore/qjsondocument.h>
#include <QtCore/qtimer.h>

using namespace Qt::StringLiterals;

namespace Dust::Cli {

Session::Session(const QUrl &url, const QString &token, const QString &store, int timeoutMs)
    : m_client(url, token, {store}), m_store(m_client.store(store)), m_timeoutMs(timeoutMs), m_deadline(timeoutMs)
{
    m_client.setWriteTimeout(std::chrono::milliseconds(timeoutMs));
}

std::optional<int> Session::open(bool caughtUp)
{
    QEventLoop loop;
    std::optional<int> failed;
    bool joined = false;
    bool synced = !caughtUp;
    QObject::connect(&m_client, &Dust::Client::errorOccurred, &loop, [&](const Dust::Error &e) {
        if (!joined && !failed) {
            failed = fail(e);
            loop.quit();
        }
    });
    QObject::connect(m_store, &Dust::Store::errorOccurred, &loop, [&](const Dust::Error &e) {
        if (failed || (joined && (synced || e.detail().value(u"event"_s).toString() != u"catch_up_complete")))
            return;
        failed = joined ? fail(CliText::tr("the server's catch_up_complete for %1 is malformed: %2")
                                   .arg(m_store->name(), describe(e)))
                        : fail(CliText::tr("the server refused the join of %1: %2")
                                   .arg(m_store->name(), describe(e)));
        loop.quit();
    });
    QObject::connect(m_store, &Dust::Store::statusChanged, &loop, [&](Dust::Client::Status status) {
        joined = status == Dust::Client::Status::Connected;
        if (joined && synced)
            loop.quit();
    });
    QObject::connect(m_store, &Dust::Store::catchUpCompleted, &loop, [&] {
        synced = true;
        if (joined)
            loop.quit();
    });
    m_client.open();
    if (!m_client.error().isNull() && m_client.status() == Dust::Client::Status::Disconnected)
        return fail(m_client.error());
    const Wake wake = exec(loop);
    QObject::disconnect(&m_client, nullptr, &loop, nullptr);
    QObject::disconnect(m_store, nullptr, &loop, nullptr);
    if (failed)
        return failed;
    if (wake == Wake::Signal)
        return 128 + stopSignal;
    if (wake == Wake::Done)
        return std::nullopt;
    return fail(openTimeout(joined));
}

QString Session::describe(const Dust::Error &error) const
{
    QJsonObject detail = error.detail();
    detail.remove(u"message"_s);
    QString text = u"%1: %2"_s.arg(error.code(), error.message());
    if (!detail.isEmpty())
        text += u' ' + QString::fromUtf8(QJsonDocument(detail).toJson(QJsonDocument::Compact));
    return text.replace(m_client.token(), u"<token>"_s);
}

Wake Session::exec(QEventLoop &loop)
{
    if (stopSignal != 0)
        return Wake::Signal;
    if (m_deadline.hasExpired())
        return Wake::Deadline;
    bool expired = false;
    QTimer timer;
    timer.setSingleShot(true);
    QObject::connect(&timer, &QTimer::timeout, &loop, [&] {
        expired = true;
        loop.quit();
    });
    timer.start(int(m_deadline.remainingTime()));
    loop.exec();
    if (stopSignal != 0)
        return Wake::Signal;
    return expired ? Wake::Deadline : Wake::Done;
}

QString Session::openTimeout(bool joined) const
{
    if (joined) {
        return CliText::tr("joined %1, but the server did not finish the catch-up within %2 ms")
            .arg(m_store->name()).arg(m_timeoutMs);
    }
    if (m_client.status() == Dust::Client::Status::Connected) {
        return CliText::tr("connected, but the server did not answer the join of %1 within %2 ms")
            .arg(m_store->name()).arg(m_timeoutMs);
    }
    QString text = CliText::tr("no connection to %1 within %2 ms")
                       .arg(m_client.url().toString(QUrl::RemoveUserInfo | QUrl::RemoveQuery)).arg(m_timeoutMs);
    if (const Dust::Error last = m_client.error(); !last.isNull())
        text += u" ("_s + describe(last) + u')';
    return text;
}

namespace {

void report(const QString &line)
{
    printLine(u"dust: %1"_s.arg(line).toLocal8Bit(), stderr);
}

} // namespace

// While watching, each dropped frame, malformed event, lost connection and
// rejoin is one line on stderr: the events on stdout may have a gap.
void reportTrouble(Session &session)
{
    Dust::Store *store = session.store();
    QObject::connect(session.client(), &Dust::Client::errorOccurred, qApp, [&session](const Dust::Error &error) {
        report(error.kind() == Dust::Error::Kind::Network
                   ? CliText::tr("connection lost: %1").arg(session.describe(error))
                   : session.describe(error));
    });
    QObject::connect(store, &Dust::Store::errorOccurred, qApp, [&session](const Dust::Error &error) {
        report(session.describe(error));
    });
    QObject::connect(store, &Dust::Store::statusChanged, qApp, [store](Dust::Client::Status status) {
        if (status == Dust::Client::Status::Reconnecting)
            report(CliText::tr("lost %1; reconnecting").arg(store->name()));
        else if (status == Dust::Client::Status::Connected)
            report(CliText::tr("rejoined %1").arg(store->name()));
    });
}

} // namespace Dust::Cli
