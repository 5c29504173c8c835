// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

// The SQLite cache: confirmed leaves, the applied seq and the outbox survive
// a restart; the restarted client joins from its seq and resends its queued
// writes once.

#include "clienttestutils.h"

#include <QtCore/qfile.h>
#include <QtCore/qtemporarydir.h>
#include <QtCore/qurlquery.h>
#include <QtSql/qsqldatabase.h>
#include <QtSql/qsqlerror.h>
#include <QtSql/qsqlquery.h>
#include <QtTest/qsignalspy.h>

using namespace Qt::StringLiterals;
using namespace DustTest;
using Dust::Client;
using Dust::StoreEvent;
using Status = Dust::Client::Status;

namespace {

const QString StoreName = u"test/mystore"_s;

QJsonObject eventPayload(qint64 seq, const QString &op, const QString &path, const QJsonValue &value)
{
    return {{u"store_seq"_s, seq}, {u"op"_s, op}, {u"path"_s, path}, {u"value"_s, value},
            {u"device_id"_s, u"dev_other"_s}, {u"client_op_id"_s, u"op_%1"_s.arg(seq)}};
}

std::unique_ptr<Client> cachedClient(const QUrl &url, const QString &token, const QString &dir)
{
    auto client = Dust::createTestClient(url, token, {StoreName});
    client->setCacheDirectory(dir);
    return client;
}

} // namespace

class tst_StoreCache : public QObject
{
    Q_OBJECT

private slots:
    void restoresBeforeConnecting();
    void joinsFromPersistedSeqAndReplaysOnlyTail();
    void restartAgainstServerReplaysOnlyTail();
    void outboxResentOnceAfterRestart();
    void outboxReachesServerOnceAfterRestart();
    void batchOfRewritesPersistsTheLast();
    void snapshotPersists();
    void walJournal();
    void syncedAtInMemory();
    void syncedAtPersists();
    void migratesVersionOneCache();
    void unusableCacheFallsBackToMemory_data();
    void unusableCacheFallsBackToMemory();
};

void tst_StoreCache::restoresBeforeConnecting()
{
    QTemporaryDir dir;
    RawServer raw;
    QVERIFY(raw.listen());
    {
        auto client = cachedClient(raw.url(), u"t"_s, dir.path());
        client->open();
        QTRY_COMPARE(client->store(StoreName)->status(), Status::Connected);
        raw.push(u"event"_s, eventPayload(3, u"set"_s, u"post"_s, QJsonObject{{u"title"_s, u"Hi"_s}, {u"n"_s, 1.5}}));
        raw.push(u"event"_s, eventPayload(7, u"increment"_s, u"views"_s, 42));
        raw.push(u"event"_s, eventPayload(8, u"add"_s, u"tags"_s, QJsonArray{u"b"_s, u"a"_s}));
        raw.push(u"event"_s, eventPayload(9, u"set"_s, u"gone"_s, true));
        raw.push(u"event"_s, eventPayload(10, u"delete"_s, u"gone"_s, QJsonValue::Null));
        QTRY_COMPARE(client->store(StoreName)->lastStoreSeq(), 10);
    }
    raw.answerJoins = false;
    auto client = cachedClient(raw.url(), u"t"_s, dir.path());
    Dust::Store *store = client->store(StoreName);
    QVERIFY(openLoaded(client.get()));
    // Loaded before any server contact.
    QCOMPARE(store->lastStoreSeq(), 10);
    QCOMPARE(store->get(u"post/title"_s), QJsonValue(u"Hi"_s));
    QCOMPARE(store->get(u"post/n"_s), QJsonValue(1.5));
    QCOMPARE(store->entry(u"post/title"_s)->revision, 3);
    QCOMPARE(store->entry(u"views"_s)->type, Dust::Entry::Type::Counter);
    QCOMPARE(store->get(u"views"_s), QJsonValue(42));
    QCOMPARE(store->get(u"tags"_s), QJsonValue(QJsonArray{u"b"_s, u"a"_s}));
    QVERIFY(!store->get(u"gone"_s));
    QTRY_COMPARE(raw.count(u"phx_join"_s), 2);
    QCOMPARE(raw.frames(u"phx_join"_s).last().at(4).toObject(), QJsonObject({{u"last_store_seq"_s, 10}}));
}

void tst_StoreCache::joinsFromPersistedSeqAndReplaysOnlyTail()
{
    QTemporaryDir dir;
    RawServer raw;
    raw.catchUp = true;
    for (int seq = 1; seq <= 20; ++seq)
        raw.log.append(eventPayload(seq, u"set"_s, u"items/i%1"_s.arg(seq), seq));
    QVERIFY(raw.listen());
    {
        auto client = cachedClient(raw.url(), u"t"_s, dir.path());
        client->open();
        QTRY_COMPARE(client->store(StoreName)->lastStoreSeq(), 20);
    }
    for (int seq = 21; seq <= 25; ++seq)
        raw.log.append(eventPayload(seq, u"set"_s, u"items/i%1"_s.arg(seq), seq));
    auto client = cachedClient(raw.url(), u"t"_s, dir.path());
    Dust::Store *store = client->store(StoreName);
    QList<qint64> seen;
    QVERIFY(store->on(u"**"_s, client.get(), [&](const StoreEvent &e) { seen.append(e.storeSeq); }));
    QSignalSpy caughtUp(store, &Dust::Store::catchUpCompleted);
    client->open();
    QTRY_COMPARE(caughtUp.count(), 1);
    QCOMPARE(raw.frames(u"phx_join"_s).last().at(4).toObject(), QJsonObject({{u"last_store_seq"_s, 20}}));
    QTRY_COMPARE(seen, QList<qint64>({21, 22, 23, 24, 25}));
    QCOMPARE(*store->count(u"items/*"_s), 25);
}

void tst_StoreCache::restartAgainstServerReplaysOnlyTail()
{
    QTemporaryDir dir;
    Dust::TestServer server(serverWithoutClient({StoreName}));
    for (int i = 0; i < 20; ++i)
        QVERIFY(server.writeAs(u"dev_other"_s, Dust::Op::Kind::Increment, u"n"_s, 1));
    {
        auto client = cachedClient(server.url(), server.token(), dir.path());
        client->open();
        QVERIFY(server.waitSynced(client->store(StoreName)));
    }
    for (int i = 0; i < 5; ++i)
        QVERIFY(server.writeAs(u"dev_other"_s, Dust::Op::Kind::Set, u"tail/t%1"_s.arg(i), i));
    auto client = cachedClient(server.url(), server.token(), dir.path());
    Dust::Store *store = client->store(StoreName);
    QList<qint64> seen;
    QVERIFY(store->on(u"**"_s, client.get(), [&](const StoreEvent &e) { seen.append(e.storeSeq); }));
    QVERIFY(openLoaded(client.get()));
    // Loaded (the sync thread may already be catching up).
    QVERIFY(store->lastStoreSeq() >= 20);
    QCOMPARE(store->get(u"n"_s), QJsonValue(20));
    QVERIFY(server.waitSynced(store));
    QTRY_COMPARE(seen, QList<qint64>({21, 22, 23, 24, 25}));
    QCOMPARE(store->get(u"n"_s), QJsonValue(20));
}

void tst_StoreCache::batchOfRewritesPersistsTheLast()
{
    QTemporaryDir dir;
    RawServer raw;
    raw.catchUp = true;
    // One catch-up, sent in one go: every key is rewritten many times, a
    // record loses a field, a key is deleted and one is deleted then set.
    qint64 seq = 0;
    for (int round = 1; round <= 100; ++round) {
        for (int k = 0; k < 5; ++k)
            raw.log.append(eventPayload(++seq, u"set"_s, u"k%1"_s.arg(k), round * 10 + k));
        raw.log.append(eventPayload(++seq, u"increment"_s, u"n"_s, round));
    }
    raw.log.append(eventPayload(++seq, u"set"_s, u"rec"_s, QJsonObject{{u"a"_s, 1}, {u"b"_s, 2}}));
    raw.log.append(eventPayload(++seq, u"set"_s, u"rec"_s, QJsonObject{{u"a"_s, 3}}));
    raw.log.append(eventPayload(++seq, u"delete"_s, u"k4"_s, QJsonValue::Null));
    raw.log.append(eventPayload(++seq, u"delete"_s, u"k3"_s, QJsonValue::Null));
    raw.log.append(eventPayload(++seq, u"set"_s, u"k3"_s, u"back"_s));
    const qint64 last = seq;
    QVERIFY(raw.listen());
    {
        auto client = cachedClient(raw.url(), u"t"_s, dir.path());
        client->open();
        QTRY_COMPARE(client->store(StoreName)->lastStoreSeq(), last);
    }
    raw.answerJoins = false;
    auto client = cachedClient(raw.url(), u"t"_s, dir.path());
    Dust::Store *store = client->store(StoreName);
    QVERIFY(openLoaded(client.get()));
    QCOMPARE(store->lastStoreSeq(), last);
    for (int k = 0; k < 3; ++k) {
        QCOMPARE(store->get(u"k%1"_s.arg(k)), QJsonValue(1000 + k));
        QCOMPARE(store->entry(u"k%1"_s.arg(k))->revision, 595 + k);
    }
    QCOMPARE(store->get(u"k3"_s), QJsonValue(u"back"_s));
    QCOMPARE(store->entry(u"k3"_s)->revision, last);
    QVERIFY(!store->get(u"k4"_s));
    QCOMPARE(store->get(u"n"_s), QJsonValue(100));
    QCOMPARE(store->get(u"rec"_s), QJsonValue(QJsonObject{{u"a"_s, 3}}));
    QVERIFY(!store->get(u"rec/b"_s));
    QCOMPARE(*store->count(u"**"_s), 6); // k0..k3, n, rec/a
}

void tst_StoreCache::outboxResentOnceAfterRestart()
{
    QTemporaryDir dir;
    RawServer raw;
    QVERIFY(raw.listen());
    QStringList sentIds;
    QString deviceId;
    {
        auto client = cachedClient(raw.url(), u"t"_s, dir.path());
        Dust::Store *store = client->store(StoreName);
        client->open();
        deviceId = client->deviceId();
        QTRY_COMPARE(store->status(), Status::Connected);
        store->set(u"a"_s, 1);
        store->increment(u"n"_s, 5);
        store->merge(u"m"_s, QJsonObject{{u"x"_s, 1}});
        QTRY_COMPARE(raw.count(u"write"_s), 3);
        for (const QJsonArray &write : raw.frames(u"write"_s))
            sentIds.append(write.at(4).toObject().value(u"client_op_id"_s).toString());
        // Never answered; the client goes away.
    }
    raw.received.clear();
    auto client = cachedClient(raw.url(), u"t"_s, dir.path());
    Dust::Store *store = client->store(StoreName);
    QVERIFY(openLoaded(client.get()));
    QCOMPARE(client->deviceId(), deviceId);
    QCOMPARE(store->pendingWrites(), 3);
    QCOMPARE(store->get(u"n"_s), QJsonValue(5));
    QCOMPARE(store->get(u"m/x"_s), QJsonValue(1));
    QTRY_COMPARE(raw.count(u"write"_s), 3);
    QTest::qWait(50);
    QCOMPARE(raw.count(u"write"_s), 3);
    QStringList resentIds;
    for (const QJsonArray &write : raw.frames(u"write"_s))
        resentIds.append(write.at(4).toObject().value(u"client_op_id"_s).toString());
    QCOMPARE(resentIds, sentIds);
    QCOMPARE(QUrlQuery(raw.requestUrls.last()).queryItemValue(u"device_id"_s), deviceId);
    // Settled by their echoes: gone from the outbox for good.
    qint64 seq = 0;
    for (const QJsonArray &write : raw.frames(u"write"_s)) {
        QJsonObject payload = write.at(4).toObject();
        raw.push(u"event"_s, QJsonObject{{u"store_seq"_s, ++seq}, {u"op"_s, payload.value(u"op"_s)},
                                          {u"path"_s, payload.value(u"path"_s)}, {u"value"_s, payload.value(u"value"_s)},
                                          {u"client_op_id"_s, payload.value(u"client_op_id"_s)}});
    }
    QTRY_COMPARE(store->pendingWrites(), 0);
    client.reset();
    raw.received.clear();
    auto again = cachedClient(raw.url(), u"t"_s, dir.path());
    QVERIFY(openLoaded(again.get()));
    QCOMPARE(again->store(StoreName)->pendingWrites(), 0);
    QTRY_COMPARE(again->store(StoreName)->status(), Status::Connected);
    QTest::qWait(30);
    QCOMPARE(raw.count(u"write"_s), 0);
}

void tst_StoreCache::outboxReachesServerOnceAfterRestart()
{
    QTemporaryDir dir;
    Dust::TestServer server(serverWithoutClient({StoreName}));
    {
        // Queued against a server that never answers, then the app quits.
        RawServer silent;
        QVERIFY(silent.listen());
        auto client = cachedClient(silent.url(), server.token(), dir.path());
        client->open();
        for (int i = 0; i < 4; ++i)
            client->store(StoreName)->increment(u"n"_s, 1);
        QTRY_COMPARE(silent.count(u"write"_s), 4);
    }
    auto client = cachedClient(server.url(), server.token(), dir.path());
    Dust::Store *store = client->store(StoreName);
    QVERIFY(openLoaded(client.get()));
    QCOMPARE(store->get(u"n"_s), QJsonValue(4));
    QVERIFY(server.waitSynced(store));
    QCOMPARE(server.server()->writesReceived(StoreName), 4);
    QCOMPARE(store->get(u"n"_s), QJsonValue(4));
}

void tst_StoreCache::snapshotPersists()
{
    QTemporaryDir dir;
    RawServer raw;
    QVERIFY(raw.listen());
    {
        auto client = cachedClient(raw.url(), u"t"_s, dir.path());
        client->open();
        QTRY_COMPARE(client->store(StoreName)->status(), Status::Connected);
        raw.push(u"event"_s, eventPayload(1, u"set"_s, u"old"_s, 1));
        raw.push(u"snapshot"_s, QJsonObject{
            {u"snapshot_seq"_s, 50},
            {u"entries"_s, QJsonObject{{u"new"_s, QJsonObject{{u"value"_s, QJsonObject{{u"_scalar"_s, 2}}},
                                                              {u"type"_s, u"integer"_s}}}}}});
        QTRY_COMPARE(client->store(StoreName)->lastStoreSeq(), 50);
    }
    raw.answerJoins = false;
    auto client = cachedClient(raw.url(), u"t"_s, dir.path());
    QVERIFY(openLoaded(client.get()));
    Dust::Store *store = client->store(StoreName);
    QCOMPARE(store->lastStoreSeq(), 50);
    QVERIFY(!store->get(u"old"_s));
    QCOMPARE(store->get(u"new"_s), QJsonValue(2));
}

void tst_StoreCache::walJournal()
{
    QTemporaryDir dir;
    RawServer raw;
    QVERIFY(raw.listen());
    {
        auto client = cachedClient(raw.url(), u"t"_s, dir.path());
        client->open();
        QTRY_COMPARE(client->store(StoreName)->status(), Status::Connected);
    }
    const QString file = dir.filePath(u"test~1mystore.sqlite"_s);
    QVERIFY(QFile::exists(file));
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"check"_s);
        db.setDatabaseName(file);
        QVERIFY(db.open());
        QSqlQuery q(db);
        QVERIFY(q.exec(u"PRAGMA journal_mode"_s));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toString(), u"wal"_s);
    }
    QSqlDatabase::removeDatabase(u"check"_s);
}

void tst_StoreCache::syncedAtInMemory()
{
    RawServer raw;
    QVERIFY(raw.listen());
    auto client = Dust::createTestClient(raw.url(), u"t"_s, {StoreName});
    Dust::Store *store = client->store(StoreName);
    client->open();
    QTRY_COMPARE(store->status(), Status::Connected);
    const QDateTime before = QDateTime::currentDateTime();
    raw.push(u"event"_s, eventPayload(1, u"set"_s, u"post"_s, QJsonObject{{u"title"_s, u"Hi"_s}}));
    raw.push(u"event"_s, eventPayload(2, u"increment"_s, u"views"_s, 3));
    QTRY_COMPARE(store->lastStoreSeq(), 2);
    const QDateTime after = QDateTime::currentDateTime();
    for (const QString &path : {u"post/title"_s, u"views"_s}) {
        const QDateTime synced = store->entry(path)->syncedAt;
        QVERIFY2(synced.isValid(), qPrintable(path));
        QVERIFY(synced >= before.addMSecs(-1) && synced <= after);
    }
    // An assembled subtree has no sync time of its own, nor has a local
    // write the server has not confirmed.
    QVERIFY(store->entry(u"post"_s)->syncedAt.isNull());
    store->set(u"draft"_s, true);
    QCOMPARE(store->get(u"draft"_s), QJsonValue(true));
    QVERIFY(store->entry(u"draft"_s)->syncedAt.isNull());
    // Its confirmation stamps it.
    QTRY_COMPARE(raw.count(u"write"_s), 1);
    const QJsonArray write = raw.frames(u"write"_s).first();
    raw.push(u"event"_s, {{u"store_seq"_s, 3}, {u"op"_s, u"set"_s}, {u"path"_s, u"draft"_s}, {u"value"_s, true},
                          {u"device_id"_s, client->deviceId()},
                          {u"client_op_id"_s, write.at(4).toObject().value(u"client_op_id")}});
    QTRY_VERIFY(store->entry(u"draft"_s)->syncedAt.isValid());
    QVERIFY(store->entry(u"draft"_s)->syncedAt >= store->entry(u"views"_s)->syncedAt);
}

void tst_StoreCache::syncedAtPersists()
{
    QTemporaryDir dir;
    RawServer raw;
    QVERIFY(raw.listen());
    QDateTime synced;
    {
        auto client = cachedClient(raw.url(), u"t"_s, dir.path());
        client->open();
        QTRY_COMPARE(client->store(StoreName)->status(), Status::Connected);
        raw.push(u"event"_s, eventPayload(4, u"set"_s, u"title"_s, u"Hi"_s));
        QTRY_COMPARE(client->store(StoreName)->lastStoreSeq(), 4);
        synced = client->store(StoreName)->entry(u"title"_s)->syncedAt;
        QVERIFY(synced.isValid());
    }
    raw.answerJoins = false;
    auto client = cachedClient(raw.url(), u"t"_s, dir.path());
    QVERIFY(openLoaded(client.get()));
    // The time it arrived, not the time it was loaded again.
    QCOMPARE(client->store(StoreName)->entry(u"title"_s)->syncedAt, synced);
}

void tst_StoreCache::migratesVersionOneCache()
{
    // A cache file as DustQt wrote it before synced_at existed.
    QTemporaryDir dir;
    const QString file = dir.filePath(u"test~1mystore.sqlite"_s);
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"v1"_s);
        db.setDatabaseName(file);
        QVERIFY(db.open());
        QSqlQuery q(db);
        for (const QString &sql : {
                 u"CREATE TABLE meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL)"_s,
                 u"CREATE TABLE leaves (path TEXT PRIMARY KEY, value TEXT NOT NULL, type TEXT NOT NULL, "
                 "seq INTEGER NOT NULL) WITHOUT ROWID"_s,
                 u"CREATE TABLE outbox (position INTEGER PRIMARY KEY AUTOINCREMENT, client_op_id TEXT NOT NULL "
                 "UNIQUE, op TEXT NOT NULL, path TEXT NOT NULL, value TEXT NOT NULL, event TEXT NOT NULL, "
                 "payload TEXT NOT NULL)"_s,
                 u"INSERT INTO meta VALUES ('schema', 1), ('last_seq', 6)"_s,
                 u"INSERT INTO leaves VALUES ('post/title', '[\"Kept\"]', 'string', 5)"_s}) {
            QVERIFY2(q.exec(sql), qPrintable(q.lastError().text()));
        }
    }
    QSqlDatabase::removeDatabase(u"v1"_s);

    RawServer raw;
    QVERIFY(raw.listen());
    {
        auto client = cachedClient(raw.url(), u"t"_s, dir.path());
        QSignalSpy errors(client.get(), &Client::errorOccurred);
        QVERIFY(openLoaded(client.get()));
        Dust::Store *store = client->store(StoreName);
        QCOMPARE(store->lastStoreSeq(), 6);
        QCOMPARE(store->get(u"post/title"_s), QJsonValue(u"Kept"_s));
        QCOMPARE(store->entry(u"post/title"_s)->revision, 5);
        QVERIFY(store->entry(u"post/title"_s)->syncedAt.isNull());
        QVERIFY(errors.isEmpty());
        QTRY_COMPARE(store->status(), Status::Connected);
        raw.push(u"event"_s, eventPayload(7, u"set"_s, u"post/body"_s, u"New"_s));
        QTRY_COMPARE(store->lastStoreSeq(), 7);
    }
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"v2"_s);
        db.setDatabaseName(file);
        QVERIFY(db.open());
        QSqlQuery q(db);
        QVERIFY(q.exec(u"SELECT value FROM meta WHERE key = 'schema'"_s) && q.next());
        QCOMPARE(q.value(0).toInt(), 2);
        QVERIFY(q.exec(u"SELECT path, synced_at FROM leaves ORDER BY path"_s));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toString(), u"post/body"_s);
        QVERIFY(q.value(1).toLongLong() > 0);
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toString(), u"post/title"_s);
        QVERIFY(q.value(1).isNull());
    }
    QSqlDatabase::removeDatabase(u"v2"_s);
}

void tst_StoreCache::unusableCacheFallsBackToMemory_data()
{
    QTest::addColumn<bool>("garbageFile");
    QTest::newRow("directory is a file") << false;
    QTest::newRow("database is garbage") << true;
}

void tst_StoreCache::unusableCacheFallsBackToMemory()
{
    QFETCH(bool, garbageFile);
    QTemporaryDir dir;
    QString cacheDir = dir.filePath(u"cache"_s);
    if (garbageFile) {
        QVERIFY(QDir().mkpath(cacheDir));
        QFile file(QDir(cacheDir).filePath(u"test~1mystore.sqlite"_s));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QByteArray(4096, 'x'));
    } else {
        QFile file(cacheDir);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("not a directory");
    }
    RawServer raw;
    QVERIFY(raw.listen());
    auto client = cachedClient(raw.url(), u"t"_s, cacheDir);
    QSignalSpy errors(client.get(), &Client::errorOccurred);
    // Reported while it loads; the load itself succeeds, in memory.
    QVERIFY(openLoaded(client.get()));
    QTRY_VERIFY(!errors.isEmpty());
    QCOMPARE(errors.last().first().value<Dust::Error>().kind(), Dust::Error::Kind::Storage);
    // Still a working client, on a memory cache.
    Dust::Store *store = client->store(StoreName);
    QTRY_COMPARE(store->status(), Status::Connected);
    store->set(u"a"_s, 1);
    QCOMPARE(store->get(u"a"_s), QJsonValue(1));
    QTRY_COMPARE(raw.count(u"write"_s), 1);
}

QTEST_GUILESS_MAIN(tst_StoreCache)
#include "tst_storecache.moc"
