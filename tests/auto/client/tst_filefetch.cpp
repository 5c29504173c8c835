// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

// Client::fetchFile(): a file reference's bytes from dust-devserver into a
// device or a file, with progress; and each refusal: no files:read, an
// unknown hash, a value that is not a file reference, bytes that do not
// match the reference (a file target is then not left behind).

#include "clienttestutils.h"
#include "rawhttpserver.h"

#include <QtCore/qbuffer.h>
#include <QtCore/qcryptographichash.h>
#include <QtCore/qfile.h>
#include <QtCore/qfuturewatcher.h>
#include <QtCore/qtemporarydir.h>
#include <QtNetwork/qsslcertificate.h>
#include <QtNetwork/qsslconfiguration.h>

using namespace Qt::StringLiterals;
using namespace DustTest;

namespace {

const QString StoreName = u"test/files"_s;
const QString FullToken = u"dust_tok_files_full"_s;
const QString NoFilesToken = u"dust_tok_files_none"_s;

Dust::TestServerOptions serverOptions()
{
    return serverWithTokens(StoreName, FullToken, NoFilesToken, {u"entries:read"_s, u"entries:write"_s});
}

QByteArray content()
{
    QByteArray bytes;
    for (int i = 0; i < 200000; ++i)
        bytes.append(char('a' + i % 26));
    return bytes;
}

QJsonObject reference(const QByteArray &bytes)
{
    return {{u"_type"_s, u"file"_s},
            {u"hash"_s, u"sha256:"_s + QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex())},
            {u"size"_s, qint64(bytes.size())},
            {u"content_type"_s, u"text/plain"_s},
            {u"filename"_s, u"a.txt"_s}};
}

// Uploads `bytes` and returns the reference the server stored.
QJsonValue upload(Dust::TestServer &server, const QByteArray &bytes)
{
    const Dust::Result<qint64> seq = await(server.store()->putFile(u"files/a"_s, bytes, u"a.txt"_s, u"text/plain"_s));
    if (!seq || !server.waitSynced())
        return {};
    return server.store()->get(u"files/a"_s).value_or(QJsonValue());
}

} // namespace

class tst_FileFetch : public QObject
{
    Q_OBJECT

private slots:
    void toDeviceWithProgress();
    void toFile();
    void refused_data();
    void refused();
    void notAFileReference_data();
    void notAFileReference();
    void hashMismatchLeavesNoFile_data();
    void hashMismatchLeavesNoFile();
    void badTargets();
    void tlsVerifiedAsForTheSocket();
};

void tst_FileFetch::toDeviceWithProgress()
{
    Dust::TestServer server(serverOptions());
    QVERIFY(server.isReady());
    const QByteArray bytes = content();
    const QJsonValue ref = upload(server, bytes);
    QVERIFY(ref.isObject());
    QBuffer buffer;
    QVERIFY(buffer.open(QIODevice::WriteOnly));
    QFutureWatcher<Dust::Result<qint64>> watcher;
    QList<int> progress;
    connect(&watcher, &QFutureWatcherBase::progressValueChanged, this, [&](int value) { progress.append(value); });
    watcher.setFuture(server.client()->fetchFile(ref, &buffer));
    const Dust::Result<qint64> result = await(watcher.future());
    QVERIFY2(result, qPrintable(result.error().toString()));
    QCOMPARE(*result, qint64(bytes.size()));
    QCOMPARE(buffer.data(), bytes);
    QCOMPARE(watcher.progressMaximum(), int(bytes.size()));
    QTRY_VERIFY(!progress.isEmpty() && progress.last() == int(bytes.size()));
    QVERIFY(std::is_sorted(progress.cbegin(), progress.cend()));
}

void tst_FileFetch::toFile()
{
    Dust::TestServer server(serverOptions());
    QVERIFY(server.isReady());
    const QByteArray bytes = content();
    const QJsonValue ref = upload(server, bytes);
    QTemporaryDir dir;
    const QString path = dir.filePath(u"copy.txt"_s);
    const Dust::Result<qint64> result = await(server.client()->fetchFile(ref, path));
    QVERIFY2(result, qPrintable(result.error().toString()));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), bytes);
}

void tst_FileFetch::refused_data()
{
    QTest::addColumn<bool>("knownFile");
    QTest::addColumn<QString>("token");
    QTest::addColumn<QString>("code");
    QTest::addColumn<Dust::Error::Kind>("kind");
    QTest::newRow("403 without files:read") << true << NoFilesToken << u"forbidden"_s << Dust::Error::Kind::Unauthorized;
    QTest::newRow("404 unknown hash") << false << FullToken << u"not_found"_s << Dust::Error::Kind::NotFound;
}

void tst_FileFetch::refused()
{
    QFETCH(bool, knownFile);
    QFETCH(QString, token);
    QFETCH(QString, code);
    QFETCH(Dust::Error::Kind, kind);
    Dust::TestServer server(serverOptions());
    QVERIFY(server.isReady());
    const QJsonValue ref = knownFile ? upload(server, content()) : QJsonValue(reference("never uploaded"));
    QVERIFY(ref.isObject());
    auto client = server.createClient(token);
    QTemporaryDir dir;
    const QString path = dir.filePath(u"copy.txt"_s);
    const Dust::Result<qint64> result = await(client->fetchFile(ref, path));
    QVERIFY(!result);
    QCOMPARE(result.error().code(), code);
    QCOMPARE(result.error().kind(), kind);
    QVERIFY(!QFile::exists(path));
}

void tst_FileFetch::notAFileReference_data()
{
    QTest::addColumn<QJsonValue>("value");
    QJsonObject good = reference("x");
    QTest::newRow("a string") << QJsonValue(u"sha256:abc"_s);
    QTest::newRow("null") << QJsonValue();
    QTest::newRow("a plain map") << QJsonValue(QJsonObject{{u"title"_s, u"Hi"_s}});
    QJsonObject lease = good;
    lease.insert(u"_type"_s, u"lease"_s);
    QTest::newRow("another typed value") << QJsonValue(lease);
    QJsonObject shortHash = good;
    shortHash.insert(u"hash"_s, u"sha256:abc"_s);
    QTest::newRow("short hash") << QJsonValue(shortHash);
    QJsonObject path = good;
    path.insert(u"hash"_s, u"../../etc/passwd"_s);
    QTest::newRow("hash is a path") << QJsonValue(path);
    QJsonObject noSize = good;
    noSize.remove(u"size"_s);
    QTest::newRow("no size") << QJsonValue(noSize);
    QJsonObject negative = good;
    negative.insert(u"size"_s, -1);
    QTest::newRow("negative size") << QJsonValue(negative);
}

void tst_FileFetch::notAFileReference()
{
    QFETCH(QJsonValue, value);
    Dust::TestServer server(serverOptions());
    QVERIFY(server.isReady());
    QBuffer buffer;
    QVERIFY(buffer.open(QIODevice::WriteOnly));
    const Dust::Result<qint64> result = await(server.client()->fetchFile(value, &buffer));
    QVERIFY(!result);
    QCOMPARE(result.error().code(), u"not_a_file_reference"_s);
    QCOMPARE(result.error().kind(), Dust::Error::Kind::InvalidParams);
    QVERIFY(buffer.data().isEmpty());
}

void tst_FileFetch::hashMismatchLeavesNoFile_data()
{
    QTest::addColumn<QByteArray>("served");
    QTest::newRow("other bytes, same size") << QByteArray("evil bytes");
    QTest::newRow("fewer bytes") << QByteArray("good");
    QTest::newRow("more bytes") << QByteArray("good bytes and more");
}

void tst_FileFetch::hashMismatchLeavesNoFile()
{
    QFETCH(QByteArray, served);
    // A server (or a proxy) that answers with other bytes than the reference's.
    RawHttpServer http;
    http.setHandler([&](const RawHttpServer::Request &) {
        RawHttpServer::Response response;
        response.body = served;
        return response;
    });
    auto client = Dust::createTestClient(QUrl(u"ws://127.0.0.1:%1/ws/sync"_s.arg(http.port())), FullToken, {StoreName});
    QTemporaryDir dir;
    const QString path = dir.filePath(u"copy.txt"_s);
    QFile existing(path);
    QVERIFY(existing.open(QIODevice::WriteOnly));
    existing.write("older copy");
    existing.close();
    const Dust::Result<qint64> result = await(client->fetchFile(reference("good bytes"), path));
    QVERIFY(!result);
    QCOMPARE(result.error().code(), u"hash_mismatch"_s);
    QCOMPARE(http.requests().size(), 1);
    QCOMPARE(http.requests().first().headers.value("authorization"), "Bearer " + FullToken.toUtf8());
    QVERIFY(http.requests().first().target.startsWith("/api/files/sha256"));
    // The file there before is untouched, and nothing else is left in the directory.
    QVERIFY(existing.open(QIODevice::ReadOnly));
    QCOMPARE(existing.readAll(), QByteArray("older copy"));
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{u"copy.txt"_s});
}

void tst_FileFetch::badTargets()
{
    Dust::TestServer server(serverOptions());
    QVERIFY(server.isReady());
    const QJsonObject ref = reference("x");
    const Dust::Result<qint64> noDevice = await(server.client()->fetchFile(ref, static_cast<QIODevice *>(nullptr)));
    QCOMPARE(noDevice.error().code(), u"invalid_target"_s);
    QBuffer closed;
    const Dust::Result<qint64> notOpen = await(server.client()->fetchFile(ref, &closed));
    QCOMPARE(notOpen.error().code(), u"invalid_target"_s);
    const Dust::Result<qint64> noPath = await(server.client()->fetchFile(ref, QString()));
    QCOMPARE(noPath.error().kind(), Dust::Error::Kind::Storage);
    const Dust::Result<qint64> badDir = await(server.client()->fetchFile(ref, u"/nonexistent-dir/x/copy"_s));
    QCOMPARE(badDir.error().kind(), Dust::Error::Kind::Storage);
}

void tst_FileFetch::tlsVerifiedAsForTheSocket()
{
    Dust::TestServerOptions options = serverOptions();
    options.openClient = false;
    options.server.certificateFile = QFINDTESTDATA("data/localhost.crt");
    options.server.privateKeyFile = QFINDTESTDATA("data/localhost.key");
    Dust::TestServer server(options);
    QVERIFY(server.isReady());
    const QUrl url = server.server()->webSocketUrl();
    QCOMPARE(url.scheme(), u"wss"_s);
    const QByteArray bytes("over https");
    QVERIFY(server.writeAs(u"dev_other"_s, Dust::Op::Kind::PutFile, u"files/a"_s,
                           QJsonObject{{u"content"_s, QString::fromLatin1(bytes.toBase64())}, {u"filename"_s, u"a.txt"_s}}));

    // The system's CAs do not know this certificate: refused, as the socket would be.
    auto untrusting = Dust::createTestClient(url, FullToken, {StoreName});
    QBuffer refusedBuffer;
    QVERIFY(refusedBuffer.open(QIODevice::WriteOnly));
    const Dust::Result<qint64> refused = await(untrusting->fetchFile(reference(bytes), &refusedBuffer));
    QVERIFY(!refused);
    QCOMPARE(refused.error().kind(), Dust::Error::Kind::Network);
    QVERIFY(refusedBuffer.data().isEmpty());

    // Trusting its issuer, as the socket does, downloads it over https://.
    auto trusting = Dust::createTestClient(url, FullToken, {StoreName});
    QFile certFile(QFINDTESTDATA("data/localhost.crt"));
    QVERIFY(certFile.open(QIODevice::ReadOnly));
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setCaCertificates({QSslCertificate(&certFile, QSsl::Pem)});
    trusting->setSslConfiguration(tls);
    QBuffer buffer;
    QVERIFY(buffer.open(QIODevice::WriteOnly));
    const Dust::Result<qint64> fetched = await(trusting->fetchFile(reference(bytes), &buffer));
    QVERIFY2(fetched, qPrintable(fetched.error().toString()));
    QCOMPARE(buffer.data(), bytes);
}

QTEST_MAIN(tst_FileFetch)
#include "tst_filefetch.moc"
