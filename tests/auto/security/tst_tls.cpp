// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

// TLS end to end: a CA and server certificates made at test time with the
// openssl command-line tool, a Dust::Server serving wss:// and https://
// with them, and the client side (Dust::Client over wss://, HttpTransport
// over https://) verifying them: a good certificate works once its CA is
// trusted explicitly, every bad one is refused and nothing is exchanged.

#include "clienttestutils.h"
#include "../shared/testwait.h"
#include "securitytestutils.h"
#include "servertestutil.h"

#include <dusthttptransport.h>
#include <dustrepo.h>
#include <dustserver.h>

#include <QtCore/qprocess.h>
#include <QtCore/qstandardpaths.h>
#include <QtCore/qtemporarydir.h>
#include <QtNetwork/qsslcertificate.h>
#include <QtNetwork/qsslconfiguration.h>
#include <QtNetwork/qsslsocket.h>
#include <QtTest/qsignalspy.h>
#include <QtTest/qtest.h>

using namespace Qt::StringLiterals;
using namespace Dust;
using namespace DustTest;

namespace {

const QString StoreName = u"acme/tls"_s;

} // namespace

class tst_Tls : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    void webSocket_data();
    void webSocket();
    void https_data();
    void https();
    void repoOverHttps();
    void plainClientRefused();
    void badTlsOptions_data();
    void badTlsOptions();
    void devServerFlags();

private:
    // Runs the openssl tool in the temporary directory.
    bool openssl(const QStringList &arguments);
    // A server certificate signed by the test CA, for `altNames`.
    bool makeServerCertificate(const QString &name, const QString &altNames);
    std::unique_ptr<Server> startTlsServer(const QString &certificate);
    QSslConfiguration trustingTestCa() const;
    void addRows();

    QTemporaryDir m_dir;
    QString m_openssl;
};

bool tst_Tls::openssl(const QStringList &arguments)
{
    QProcess process;
    process.setWorkingDirectory(m_dir.path());
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(m_openssl, arguments);
    if (!process.waitForFinished(60000) || process.exitStatus() != QProcess::NormalExit
        || process.exitCode() != 0) {
        qWarning().noquote() << "openssl" << arguments.join(u' ') << "failed:" << process.readAll();
        return false;
    }
    return true;
}

bool tst_Tls::makeServerCertificate(const QString &name, const QString &altNames)
{
    QFile ext(m_dir.filePath(name + u".ext"_s));
    if (!ext.open(QIODevice::WriteOnly))
        return false;
    ext.write("basicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\n"
              "extendedKeyUsage=serverAuth\nsubjectAltName=" + altNames.toLatin1() + '\n');
    ext.close();
    return openssl({u"req"_s, u"-new"_s, u"-newkey"_s, u"rsa:2048"_s, u"-nodes"_s,
                    u"-keyout"_s, name + u".key"_s, u"-out"_s, name + u".csr"_s,
                    u"-subj"_s, u"/CN=%1"_s.arg(name)})
        && openssl({u"x509"_s, u"-req"_s, u"-in"_s, name + u".csr"_s, u"-CA"_s, u"ca.pem"_s,
                    u"-CAkey"_s, u"ca.key"_s, u"-CAcreateserial"_s, u"-days"_s, u"2"_s,
                    u"-extfile"_s, name + u".ext"_s, u"-out"_s, name + u".pem"_s});
}

void tst_Tls::initTestCase()
{
    if (!QSslSocket::supportsSsl())
        QSKIP("this Qt has no TLS backend");
    m_openssl = QStandardPaths::findExecutable(u"openssl"_s);
    QVERIFY2(!m_openssl.isEmpty(), "the openssl tool is needed (./run setup installs it)");
    QVERIFY(m_dir.isValid());

    // The test CA, trusted only where a test says so.
    QVERIFY(openssl({u"req"_s, u"-x509"_s, u"-newkey"_s, u"rsa:2048"_s, u"-nodes"_s,
                     u"-keyout"_s, u"ca.key"_s, u"-out"_s, u"ca.pem"_s, u"-days"_s, u"2"_s,
                     u"-subj"_s, u"/CN=DustQt Test CA"_s,
                     u"-addext"_s, u"basicConstraints=critical,CA:TRUE"_s,
                     u"-addext"_s, u"keyUsage=critical,keyCertSign,cRLSign"_s}));
    // Good: signed by the CA for the address the client dials.
    QVERIFY(makeServerCertificate(u"good"_s, u"IP:127.0.0.1,DNS:localhost"_s));
    // Signed by the CA, but for another host.
    QVERIFY(makeServerCertificate(u"otherhost"_s, u"DNS:other.example"_s));
    // For the right address, but self-signed: no trusted CA vouches for it.
    QVERIFY(openssl({u"req"_s, u"-x509"_s, u"-newkey"_s, u"rsa:2048"_s, u"-nodes"_s,
                     u"-keyout"_s, u"selfsigned.key"_s, u"-out"_s, u"selfsigned.pem"_s,
                     u"-days"_s, u"2"_s, u"-subj"_s, u"/CN=127.0.0.1"_s,
                     u"-addext"_s, u"subjectAltName=IP:127.0.0.1"_s}));
}

std::unique_ptr<Server> tst_Tls::startTlsServer(const QString &certificate)
{
    ServerOptions options;
    options.certificateFile = m_dir.filePath(certificate + u".pem"_s);
    options.privateKeyFile = m_dir.filePath(certificate + u".key"_s);
    options.stores = {StoreName};
    return startServer(options);
}

QSslConfiguration tst_Tls::trustingTestCa() const
{
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.addCaCertificates(m_dir.filePath(u"ca.pem"_s));
    return configuration;
}

void tst_Tls::addRows()
{
    QTest::addColumn<QString>("certificate");
    QTest::addColumn<bool>("trustCa");
    QTest::addColumn<bool>("accepted");
    QTest::newRow("good cert, CA not trusted (default)") << u"good"_s << false << false;
    QTest::newRow("good cert, CA trusted") << u"good"_s << true << true;
    QTest::newRow("wrong host, CA trusted") << u"otherhost"_s << true << false;
    QTest::newRow("self-signed, CA trusted") << u"selfsigned"_s << true << false;
}

void tst_Tls::webSocket_data()
{
    addRows();
}

void tst_Tls::webSocket()
{
    QFETCH(QString, certificate);
    QFETCH(bool, trustCa);
    QFETCH(bool, accepted);

    auto server = startTlsServer(certificate);
    QCOMPARE(server->webSocketUrl().scheme(), u"wss"_s);
    auto client = makeClient(server->webSocketUrl(), server->devToken(), {StoreName});
    if (trustCa)
        client->setSslConfiguration(trustingTestCa());
    QSignalSpy errors(client.get(), &Client::errorOccurred);
    client->open();
    Store *store = client->store(StoreName);

    if (accepted) {
        QVERIFY(waitConnected(store));
        DUST_AWAIT(seq, store->set(u"greeting"_s, u"over TLS"_s));
        QVERIFY2(seq, qPrintable(seq.error().toString()));
        QCOMPARE(server->storeSeq(StoreName), *seq);
        return;
    }
    QTRY_VERIFY_WITH_TIMEOUT(!errors.isEmpty(), 10000);
    const Error error = errors.first().first().value<Error>();
    QCOMPARE(error.kind(), Error::Kind::Network);
    qInfo().noquote() << "refused as expected:" << error.detail().value(u"message").toString();
    // Let it retry a few times: it never gets through.
    QTRY_VERIFY_WITH_TIMEOUT(errors.size() >= 3, 10000);
    QVERIFY(store->status() != Client::Status::Connected);
    QCOMPARE(server->writesReceived(StoreName), 0);
}

void tst_Tls::https_data()
{
    addRows();
}

void tst_Tls::https()
{
    QFETCH(QString, certificate);
    QFETCH(bool, trustCa);
    QFETCH(bool, accepted);

    auto server = startTlsServer(certificate);
    QCOMPARE(server->httpUrl().scheme(), u"https"_s);
    HttpTransport http(server->httpUrl(), server->devToken(), StoreName);
    if (trustCa)
        http.setSslConfiguration(trustingTestCa());
    const Path path = *Path::parse(u"greeting"_s);

    DUST_AWAIT(put, http.put(path, u"over TLS"_s));
    if (accepted) {
        QVERIFY2(put, qPrintable(put.error().toString()));
        QCOMPARE(server->storeSeq(StoreName), *put);
        DUST_AWAIT(entry, http.get(path));
        QVERIFY2(entry, qPrintable(entry.error().toString()));
        QCOMPARE(entry->value, QJsonValue(u"over TLS"_s));
        return;
    }
    QVERIFY(!put);
    QCOMPARE(put.error().kind(), Error::Kind::Network);
    QCOMPARE(put.error().detail().value(u"error"), u"SslHandshakeFailedError"_s);
    qInfo().noquote() << "refused as expected:" << put.error().detail().value(u"message").toString();
    QCOMPARE(server->storeSeq(StoreName), 0);
    QCOMPARE(server->writesReceived(StoreName), 0);
    if (certificate == u"good") {
        // Trusting the CA afterwards takes effect on the same transport.
        http.setSslConfiguration(trustingTestCa());
        DUST_AWAIT(again, http.put(path, u"over TLS"_s));
        QVERIFY2(again, qPrintable(again.error().toString()));
    }
}

void tst_Tls::repoOverHttps()
{
    // The Repo's REST transport takes the same explicit trust.
    auto server = startTlsServer(u"good"_s);
    const Schema notes = *Schema::fromDescriptor(QVariantMap{
            {u"name"_s, u"Note"_s}, {u"prefix"_s, QStringList{u"notes"_s}},
            {u"fields"_s, QVariantMap{{u"text"_s, u"string"_s}}}});
    Repo repo(server->httpUrl(), server->devToken(), StoreName);
    const QVariantMap note{{u"slug"_s, u"hello"_s}, {u"text"_s, u"over TLS"_s}};
    DUST_AWAIT(refused, repo.insert(notes, note));
    QVERIFY(!refused);
    QCOMPARE(refused.error().kind(), Error::Kind::Network);
    repo.setSslConfiguration(trustingTestCa());
    DUST_AWAIT(inserted, repo.insert(notes, note));
    QVERIFY2(inserted, qPrintable(inserted.error().toString()));
    DUST_AWAIT(read, repo.get(notes, u"hello"_s));
    QVERIFY(read && *read);
    QCOMPARE((*read)->value(u"text"_s), QVariant(u"over TLS"_s));
}

void tst_Tls::plainClientRefused()
{
    // A TLS server does not fall back to plain text for a ws:// or http:// client.
    auto server = startTlsServer(u"good"_s);
    QUrl plainWs = server->webSocketUrl();
    plainWs.setScheme(u"ws"_s);
    auto client = makeClient(plainWs, server->devToken(), {StoreName});
    QSignalSpy errors(client.get(), &Client::errorOccurred);
    client->open();
    QTRY_VERIFY_WITH_TIMEOUT(errors.size() >= 2, 10000);
    QVERIFY(client->store(StoreName)->status() != Client::Status::Connected);

    QUrl plainHttp = server->httpUrl();
    plainHttp.setScheme(u"http"_s);
    HttpTransport http(plainHttp, server->devToken(), StoreName);
    http.setReceiveTimeout(5000);
    DUST_AWAIT(put, http.put(*Path::parse(u"x"_s), 1));
    QVERIFY(!put);
    QCOMPARE(server->storeSeq(StoreName), 0);
}

void tst_Tls::badTlsOptions_data()
{
    QTest::addColumn<QString>("certificate");
    QTest::addColumn<QString>("key");
    QTest::newRow("certificate without key") << u"good.pem"_s << QString();
    QTest::newRow("key without certificate") << QString() << u"good.key"_s;
    QTest::newRow("missing certificate file") << u"nothere.pem"_s << u"good.key"_s;
    QTest::newRow("key given as certificate") << u"good.key"_s << u"good.key"_s;
    QTest::newRow("certificate given as key") << u"good.pem"_s << u"good.pem"_s;
    QTest::newRow("missing key file") << u"good.pem"_s << u"nothere.key"_s;
}

void tst_Tls::badTlsOptions()
{
    QFETCH(QString, certificate);
    QFETCH(QString, key);
    ServerOptions options = memoryServerOptions();
    if (!certificate.isEmpty())
        options.certificateFile = m_dir.filePath(certificate);
    if (!key.isEmpty())
        options.privateKeyFile = m_dir.filePath(key);
    Server server(options);
    const Result<void> started = server.start();
    QVERIFY(!started);
    QCOMPARE(started.error().code(), u"invalid_tls_config"_s);
    QCOMPARE(started.error().kind(), Error::Kind::InvalidParams);
    QVERIFY(!started.error().detail().value(u"message").toString().isEmpty());
    QVERIFY(!server.isRunning());
}

void tst_Tls::devServerFlags()
{
    // --cert needs --key.
    QProcess lone;
    lone.start(QStringLiteral(DUST_DEVSERVER_PATH),
               {u"--memory"_s, u"--port"_s, u"0"_s, u"--cert"_s, m_dir.filePath(u"good.pem"_s)});
    QVERIFY(lone.waitForFinished(20000));
    QCOMPARE(lone.exitCode(), 2);
    QVERIFY(lone.readAllStandardError().contains("--cert and --key"));

    // With both it serves wss:// and https://.
    QProcess server;
    server.start(QStringLiteral(DUST_DEVSERVER_PATH),
                 {u"--memory"_s, u"--port"_s, u"0"_s, u"--store"_s, StoreName,
                  u"--cert"_s, m_dir.filePath(u"good.pem"_s), u"--key"_s, m_dir.filePath(u"good.key"_s)});
    QByteArray out;
    QVERIFY(waitUntil([&] {
        out += server.readAllStandardOutput();
        return out.contains("Dev token:") || server.state() == QProcess::NotRunning;
    }, 20000));
    QVERIFY2(out.contains("WebSocket: wss://127.0.0.1:"), out.constData());
    QVERIFY2(out.contains("HTTP:      https://127.0.0.1:"), out.constData());
    const auto field = [&](const QByteArray &name) {
        const qsizetype at = out.indexOf(name);
        return QString::fromUtf8(out.mid(at + name.size(), out.indexOf('\n', at) - at - name.size())).trimmed();
    };
    const QUrl url(field("WebSocket:"));
    auto client = makeClient(url, field("Dev token:"), {StoreName});
    client->setSslConfiguration(trustingTestCa());
    client->open();
    QVERIFY(waitConnected(client->store(StoreName)));
    client.reset();
    server.terminate();
    QVERIFY(server.waitForFinished(20000));
}

QTEST_GUILESS_MAIN(tst_Tls)
#include "tst_tls.moc"
