// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

// The HTTP side of dust-devserver under load from strangers: parallel
// oversized uploads are refused on their headers, so the server's memory
// stays flat (measured on the real executable, from /proc), and clients
// that never finish their headers are answered 408 and closed while a
// normal client is served; keep-alive requests are each guarded.

#include "securitytestutils.h"
#include "servertestutil.h"

#include <QtCore/qelapsedtimer.h>
#include <QtCore/qfile.h>
#include <QtCore/qjsonobject.h>
#include <QtCore/qprocess.h>
#include <QtNetwork/qtcpsocket.h>
#include <QtTest/qtest.h>

#include <memory>

using namespace Qt::StringLiterals;
using namespace Dust;
using namespace DustTest;

namespace {

constexpr qint64 UploadBytes = 20 * 1024 * 1024;
constexpr qint64 ChunkBytes = 256 * 1024;
constexpr int Uploads = 20;
constexpr int SlowClients = 200;

// A field of /proc/<pid>/status in MB ("VmHWM", "VmRSS"), or -1.
qint64 statusMegabytes(qint64 pid, const QByteArray &field)
{
    QFile status(u"/proc/%1/status"_s.arg(pid));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    const QList<QByteArray> lines = status.readAll().split('\n');
    for (const QByteArray &line : lines) {
        if (line.startsWith(field + ':'))
            return line.mid(field.size() + 1).trimmed().split(' ').first().toLongLong() / 1024;
    }
    return -1;
}

// One PUT that streams its body in chunks as the socket drains, until the
// body is sent or the server hangs up.
class Upload : public QObject
{
public:
    Upload(const QUrl &server, const QByteArray &headers) : m_headers(headers)
    {
        connect(&m_socket, &QTcpSocket::connected, this, [this] { m_socket.write(m_headers); });
        connect(&m_socket, &QTcpSocket::bytesWritten, this, [this] { writeMore(); });
        connect(&m_socket, &QTcpSocket::readyRead, this, [this] { m_received += m_socket.readAll(); });
        m_socket.connectToHost(server.host(), quint16(server.port()));
    }
    bool finished() const
    {
        return m_socket.state() == QAbstractSocket::UnconnectedState || m_received.contains("\r\n\r\n");
    }

private:
    void writeMore()
    {
        if (m_socket.bytesToWrite() > ChunkBytes || m_sent >= UploadBytes)
            return;
        m_socket.write(QByteArray(ChunkBytes, 'x'));
        m_sent += ChunkBytes;
    }

    QTcpSocket m_socket;
    QByteArray m_headers;
    QByteArray m_received;
    qint64 m_sent = 0;
};

} // namespace

class tst_HttpLimits : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parallelOversizedUploads();
    void slowHeadersTimeOut();
    void pipelinedRequestsAreEachGuarded();
};

void tst_HttpLimits::parallelOversizedUploads()
{
    QProcess server;
    server.start(QStringLiteral(DUST_DEVSERVER_PATH), {u"--memory"_s, u"--port"_s, u"0"_s, u"--store"_s, u"acme/up"_s});
    QByteArray out;
    QVERIFY(waitUntil([&] {
        out += server.readAllStandardOutput();
        return out.contains("Dev token:") || server.state() == QProcess::NotRunning;
    }, 20000));
    const auto field = [&](const QByteArray &name) {
        const qsizetype at = out.indexOf(name);
        return out.mid(at + name.size(), out.indexOf('\n', at) - at - name.size()).trimmed();
    };
    const QUrl url(QString::fromLatin1(field("HTTP:")));
    const QByteArray token = field("Dev token:");
    const qint64 before = statusMegabytes(server.processId(), "VmRSS");
    QVERIFY(before > 0);

    // Half without a token (401), half with one but over the 8 MB limit (413).
    std::vector<std::unique_ptr<Upload>> uploads;
    for (int i = 0; i < Uploads; ++i) {
        const QByteArray auth = i % 2 ? "Authorization: Bearer " + token + "\r\n" : QByteArray();
        uploads.push_back(std::make_unique<Upload>(
            url, "PUT /api/stores/acme/up/entries/big" + QByteArray::number(i) + " HTTP/1.1\r\nHost: t\r\n" + auth
                     + "Content-Length: " + QByteArray::number(UploadBytes) + "\r\n\r\n"));
    }
    QVERIFY(waitUntil([&] {
        return std::all_of(uploads.cbegin(), uploads.cend(), [](const auto &upload) { return upload->finished(); });
    }, 120000));
    const qint64 peak = statusMegabytes(server.processId(), "VmHWM");
    qInfo("dust-devserver: %lld MB before, %lld MB peak with %d parallel %lld MB uploads", before, peak, Uploads,
          UploadBytes / 1024 / 1024);
    QVERIFY2(peak - before < 100, qPrintable(u"grew by %1 MB"_s.arg(peak - before)));
#if !defined(__SANITIZE_ADDRESS__) && !defined(__SANITIZE_THREAD__)
    QVERIFY2(peak < 150, qPrintable(u"peak %1 MB"_s.arg(peak)));
#endif

    // Still serving.
    HttpClient http(url, QString::fromLatin1(token));
    QCOMPARE(http.send("PUT", u"/api/stores/acme/up/entries/small"_s, "1").status, 200);
    server.terminate();
    QVERIFY(server.waitForFinished(20000));
}

void tst_HttpLimits::slowHeadersTimeOut()
{
    ServerOptions options;
    options.stores = {u"acme/slow"_s};
    options.headerTimeoutMs = 1500;
    const std::unique_ptr<Server> server = startServer(options);
    const QUrl url = server->httpUrl();

    std::vector<std::unique_ptr<QTcpSocket>> slow;
    for (int i = 0; i < SlowClients; ++i) {
        auto socket = std::make_unique<QTcpSocket>();
        socket->connectToHost(url.host(), quint16(url.port()));
        // Headers that never end; the first client sends nothing at all.
        if (i > 0)
            socket->write("GET /api/stores/acme/slow/entries HTTP/1.1\r\nHost: t\r\nX-Slow: ");
        slow.push_back(std::move(socket));
    }
    QVERIFY(waitUntil([&] {
        return std::all_of(slow.cbegin(), slow.cend(), [](const auto &socket) {
            return socket->state() == QAbstractSocket::ConnectedState && socket->bytesToWrite() == 0;
        });
    }));

    QElapsedTimer served;
    served.start();
    HttpClient http(url, server->devToken());
    QCOMPARE(http.get(u"/api/stores/acme/slow/entries"_s).status, 200);
    qInfo("a normal request beside %d slow clients took %lld ms", SlowClients, served.elapsed());
    QVERIFY(served.elapsed() < 5000);

    QVERIFY(waitUntil([&] {
        return std::all_of(slow.cbegin(), slow.cend(), [](const auto &socket) {
            return socket->state() == QAbstractSocket::UnconnectedState;
        });
    }, 30000));
    QVERIFY(slow.front()->readAll().isEmpty());
    for (std::size_t i = 1; i < slow.size(); ++i)
        QVERIFY(slow.at(i)->readAll().startsWith("HTTP/1.1 408 "));
}

void tst_HttpLimits::pipelinedRequestsAreEachGuarded()
{
    // Keep-alive requests in one write: each gets its answer, and the guard
    // looks at every header block, not only the connection's first.
    ServerOptions options;
    options.stores = {u"acme/pipe"_s};
    const std::unique_ptr<Server> server = startServer(options);
    const QUrl url = server->httpUrl();
    const QByteArray auth = "Authorization: Bearer " + server->devToken().toLatin1() + "\r\n";
    const QByteArray entries = "/api/stores/acme/pipe/entries";
    HttpClient http(url, server->devToken());
    QCOMPARE(http.send("PUT", QString::fromLatin1(entries) + u"/doc"_s, "1").status, 200);

    const QByteArray smuggled = "DELETE " + entries + "/doc HTTP/1.1\r\nHost: t\r\n" + auth + "\r\n";
    QTcpSocket socket;
    socket.connectToHost(url.host(), quint16(url.port()));
    QVERIFY(socket.waitForConnected(10000));
    socket.write("PUT " + entries + "/a HTTP/1.1\r\nHost: t\r\n" + auth + "Content-Length: 1\r\n\r\n2"
                 + "GET " + entries + "/doc HTTP/1.1\r\nHost: t\r\n" + auth + "\r\n"
                 + "POST " + entries + " HTTP/1.1\r\nHost: t\r\n" + auth + "Content-Length: "
                 + QByteArray::number(smuggled.size()) + "\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"
                 + smuggled);
    QByteArray received;
    QVERIFY(waitUntil([&] {
        received += socket.readAll();
        return socket.state() == QAbstractSocket::UnconnectedState;
    }));
    received += socket.readAll();
    const QList<QByteArray> statuses = [&] {
        QList<QByteArray> found;
        for (qsizetype at = received.indexOf("HTTP/1.1 "); at >= 0; at = received.indexOf("HTTP/1.1 ", at + 1))
            found.append(received.mid(at + 9, 3));
        return found;
    }();
    QCOMPARE(statuses, (QList<QByteArray>{"200", "200", "400"}));
    QCOMPARE(http.get(QString::fromLatin1(entries) + u"/doc"_s).status, 200);
    QCOMPARE(http.get(QString::fromLatin1(entries) + u"/a"_s).json().toObject().value(u"value"), QJsonValue(2));
}

QTEST_GUILESS_MAIN(tst_HttpLimits)
#include "tst_httplimits.moc"
