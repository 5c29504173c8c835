// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

// ServerOptions from a command line: dust-devserver's options, parsed by
// QCommandLineParser, become the options of a Dust::Server.

#include <dustservererrors.h>
#include <dustserveroptions.h>

#include <QtCore/qcommandlineparser.h>
#include <QtTest/qtest.h>

using namespace Qt::StringLiterals;
using Dust::ServerOptions;

namespace {

Dust::Result<ServerOptions> parse(const QStringList &arguments)
{
    QCommandLineParser parser;
    ServerOptions::addCommandLineOptions(parser);
    if (!parser.parse(QStringList{u"dust-devserver"_s} + arguments))
        qFatal("%s", qPrintable(parser.errorText()));
    return ServerOptions::fromCommandLine(parser);
}

} // namespace

class tst_ServerOptions : public QObject
{
    Q_OBJECT

private slots:
    void defaults();
    void everyOption();
    void invalid_data();
    void invalid();
};

void tst_ServerOptions::defaults()
{
    const Dust::Result<ServerOptions> options = parse({});
    QVERIFY(options);
    const ServerOptions defaults;
    QCOMPARE(options->address, defaults.address);
    QCOMPARE(options->port, defaults.port);
    QCOMPARE(options->inMemory, false);
    QCOMPARE(options->autoCreate, true);
    QCOMPARE(options->maxFrameBytes, defaults.maxFrameBytes);
    QCOMPARE(options->idleTimeoutMs, defaults.idleTimeoutMs);
    QCOMPARE(options->rateLimit, defaults.rateLimit);
    QCOMPARE(options->rateLimitWindowMs, defaults.rateLimitWindowMs);
}

void tst_ServerOptions::everyOption()
{
    const Dust::Result<ServerOptions> options = parse({
        u"--listen"_s, u"::1"_s, u"--port"_s, u"0"_s, u"--memory"_s, u"--store"_s, u"acme/site"_s,
        u"--store"_s, u"acme/blog"_s, u"--no-auto-create"_s, u"--config"_s, u"tokens.json"_s,
        u"--max-frame"_s, u"2048"_s, u"--idle-timeout"_s, u"0"_s, u"--cert"_s, u"c.pem"_s,
        u"--key"_s, u"k.pem"_s, u"--rate-limit"_s, u"5"_s, u"--rate-limit-window"_s, u"1000"_s,
    });
    QVERIFY2(options, qPrintable(options.error().toString()));
    QCOMPARE(options->address, QHostAddress(u"::1"_s));
    QCOMPARE(options->port, quint16(0));
    QVERIFY(options->inMemory);
    QCOMPARE(options->stores, (QStringList{u"acme/site"_s, u"acme/blog"_s}));
    QVERIFY(!options->autoCreate);
    QCOMPARE(options->tokensFile, u"tokens.json"_s);
    QCOMPARE(options->maxFrameBytes, qsizetype(2048));
    QCOMPARE(options->idleTimeoutMs, 0);
    QCOMPARE(options->certificateFile, u"c.pem"_s);
    QCOMPARE(options->privateKeyFile, u"k.pem"_s);
    QCOMPARE(options->rateLimit, 5);
    QCOMPARE(options->rateLimitWindowMs, 1000);
}

void tst_ServerOptions::invalid_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("message");
    QTest::newRow("argument") << QStringList{u"extra"_s} << u"unexpected argument 'extra'"_s;
    QTest::newRow("address") << QStringList{u"--listen"_s, u"local"_s} << u"'local' is not an IP address"_s;
    QTest::newRow("port") << QStringList{u"--port"_s, u"70000"_s} << u"'70000' is not a port number (0-65535)"_s;
    QTest::newRow("memory and dir") << QStringList{u"--memory"_s, u"--data-dir"_s, u"d"_s}
                                    << u"--memory and --data-dir exclude each other"_s;
    QTest::newRow("auto-create twice") << QStringList{u"--auto-create"_s, u"--no-auto-create"_s}
                                       << u"--auto-create and --no-auto-create exclude each other"_s;
    QTest::newRow("store") << QStringList{u"--store"_s, u"site"_s} << u"'site' is not a store name \"org/name\""_s;
    QTest::newRow("frame") << QStringList{u"--max-frame"_s, u"1023"_s}
                           << u"--max-frame needs a number of bytes of at least 1024"_s;
    QTest::newRow("idle") << QStringList{u"--idle-timeout"_s, u"-1"_s}
                          << u"--idle-timeout needs a number of milliseconds (0 = never)"_s;
    QTest::newRow("cert alone") << QStringList{u"--cert"_s, u"c.pem"_s} << u"--cert and --key go together"_s;
    QTest::newRow("rate") << QStringList{u"--rate-limit"_s, u"many"_s}
                          << u"--rate-limit needs a number of writes (0 = no limit)"_s;
    QTest::newRow("window") << QStringList{u"--rate-limit-window"_s, u"0"_s}
                            << u"--rate-limit-window needs a positive number of milliseconds"_s;
}

void tst_ServerOptions::invalid()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, message);
    const Dust::Result<ServerOptions> options = parse(arguments);
    QVERIFY(!options);
    QCOMPARE(options.error().code(), QString(Dust::ServerErrors::InvalidOption.name));
    QCOMPARE(options.error().kind(), Dust::Error::Kind::InvalidParams);
    QCOMPARE(options.error().detail().value(u"message"_s).toString(), message);
}

QTEST_GUILESS_MAIN(tst_ServerOptions)
#include "tst_serveroptions.moc"
