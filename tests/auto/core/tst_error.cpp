// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#include <dusterror.h>
#include <dustresult.h>

#include <QtCore/qjsonobject.h>
#include <QtTest/qtest.h>

using namespace Qt::StringLiterals;
using Dust::Error;

class tst_Error : public QObject
{
    Q_OBJECT

private slots:
    void fromReply_data();
    void fromReply();
    void malformedReply();
    void retryableDefaults();
    void messages();
    void result();
    void version();
};

void tst_Error::fromReply_data()
{
    QTest::addColumn<QJsonObject>("response");
    QTest::addColumn<Error::Kind>("kind");
    QTest::addColumn<QJsonObject>("detail");
    QTest::addColumn<bool>("retryable");

    QTest::newRow("conflict") << QJsonObject{{u"reason"_s, u"conflict"_s}} << Error::Kind::Conflict
                              << QJsonObject{} << false;
    QTest::newRow("rate_limited") << QJsonObject{{u"reason"_s, u"rate_limited"_s}, {u"retry_after_ms"_s, 60000}}
                                  << Error::Kind::RateLimited << QJsonObject{{u"retry_after_ms"_s, 60000}} << true;
    QTest::newRow("missing_scope")
            << QJsonObject{{u"reason"_s, u"missing_scope"_s}, {u"scope"_s, u"entries:write"_s},
                           {u"message"_s, u"Token is missing entries:write scope"_s}}
            << Error::Kind::Unauthorized
            << QJsonObject{{u"scope"_s, u"entries:write"_s}, {u"message"_s, u"Token is missing entries:write scope"_s}}
            << false;
    QTest::newRow("empty_segment") << QJsonObject{{u"reason"_s, u"empty_segment"_s}} << Error::Kind::InvalidPath
                                   << QJsonObject{} << false;
    QTest::newRow("merge") << QJsonObject{{u"reason"_s, u"merge_requires_map_value"_s}} << Error::Kind::InvalidValue
                           << QJsonObject{} << false;
    QTest::newRow("invalid op") << QJsonObject{{u"reason"_s, u"invalid op"_s}} << Error::Kind::InvalidParams
                                << QJsonObject{} << false;
    QTest::newRow("if_match_unsupported_op")
            << QJsonObject{{u"reason"_s, u"if_match_unsupported_op"_s}, {u"op"_s, u"merge"_s}}
            << Error::Kind::InvalidParams << QJsonObject{{u"op"_s, u"merge"_s}} << false;
    QTest::newRow("held") << QJsonObject{{u"reason"_s, u"held"_s}} << Error::Kind::Rejected << QJsonObject{} << false;
    QTest::newRow("unknown reason") << QJsonObject{{u"reason"_s, u":invalid_lease_op"_s}} << Error::Kind::Rejected
                                    << QJsonObject{} << false;
}

void tst_Error::fromReply()
{
    QFETCH(QJsonObject, response);
    QFETCH(Error::Kind, kind);
    QFETCH(QJsonObject, detail);
    QFETCH(bool, retryable);
    const Error e = Error::fromReply(response);
    QCOMPARE(e.kind(), kind);
    QCOMPARE(e.code(), response.value(u"reason").toString());
    QCOMPARE(e.detail(), detail);
    QCOMPARE(e.isRetryable(), retryable);
    QVERIFY(!e.isNull());
    QVERIFY(!e.message().isEmpty());
}

void tst_Error::malformedReply()
{
    for (const QJsonObject &response : {QJsonObject{}, QJsonObject{{u"reason"_s, 5}},
                                        QJsonObject{{u"reason"_s, QJsonValue::Null}}}) {
        const Error e = Error::fromReply(response);
        QCOMPARE(e.kind(), Error::Kind::Protocol);
        QCOMPARE(e.code(), u"unexpected_reply"_s);
    }
}

void tst_Error::retryableDefaults()
{
    QVERIFY(Error(Error::Kind::Network, u"network"_s).isRetryable());
    QVERIFY(Error(Error::Kind::Http, u"http"_s).isRetryable());
    QVERIFY(Error(Error::Kind::RateLimited, u"rate_limited"_s).isRetryable());
    QVERIFY(!Error(Error::Kind::Timeout, u"timeout"_s).isRetryable());
    QVERIFY(!Error(Error::Kind::Conflict, u"conflict"_s).isRetryable());
    QVERIFY(Error(Error::Kind::Conflict, u"conflict"_s, {}, true).isRetryable());
}

void tst_Error::messages()
{
    const Error scoped = Error::fromReply({{u"reason"_s, u"missing_scope"_s}, {u"message"_s, u"Need entries:write"_s}});
    QVERIFY(scoped.message().contains(u"Need entries:write"_s));
    const Error unknown(Error::Kind::Rejected, u"mystery"_s);
    QVERIFY(unknown.message().contains(u"mystery"_s));
    QCOMPARE(Error(Error::Kind::InvalidPath, u"empty_segment"_s).kindName(), u"InvalidPath"_s);
    QVERIFY(Error(Error::Kind::InvalidPath, u"empty_segment"_s).toString().startsWith(u"InvalidPath/empty_segment: "_s));
    QVERIFY(Error().isNull());
    QCOMPARE(Error().kind(), Error::Kind::None);
}

void tst_Error::result()
{
    Dust::Result<int> ok(5);
    QVERIFY(ok);
    QCOMPARE(*ok, 5);
    QVERIFY(ok.error().isNull());
    Dust::Result<int> bad(Error(Error::Kind::Timeout, u"timeout"_s));
    QVERIFY(!bad);
    QCOMPARE(bad.valueOr(7), 7);
    QCOMPARE(bad.error().code(), u"timeout"_s);
    Dust::Result<void> done;
    QVERIFY(done);
    Dust::Result<void> failed(Error(Error::Kind::Storage, u"storage"_s));
    QVERIFY(!failed);
    QCOMPARE(failed.error().kind(), Error::Kind::Storage);
}

void tst_Error::version()
{
    // project(VERSION), the generated header and the library agree.
    QCOMPARE(Dust::version(), QStringLiteral(DUSTQT_TEST_VERSION));
    QCOMPARE(QStringLiteral(DUSTQT_VERSION_STR), Dust::version());
    QCOMPARE(u"%1.%2.%3"_s.arg(DUSTQT_VERSION_MAJOR).arg(DUSTQT_VERSION_MINOR).arg(DUSTQT_VERSION_PATCH),
             Dust::version());
    QCOMPARE(DUSTQT_VERSION,
             DUSTQT_VERSION_CHECK(DUSTQT_VERSION_MAJOR, DUSTQT_VERSION_MINOR, DUSTQT_VERSION_PATCH));
    QVERIFY(DUSTQT_VERSION_CHECK(0, 1, 0) < DUSTQT_VERSION_CHECK(0, 1, 1));
    QVERIFY(DUSTQT_VERSION_CHECK(0, 1, 255) < DUSTQT_VERSION_CHECK(0, 2, 0));
    QVERIFY(DUSTQT_VERSION_CHECK(0, 255, 255) < DUSTQT_VERSION_CHECK(1, 0, 0));
}

QTEST_APPLESS_MAIN(tst_Error)
#include "tst_error.moc"
