// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

// The Repo test suite (dustlayer_ecto's repo_test, transport_test and
// repo_subscribe_test, dust-ecto §8), run against a real in-process server
// once over HTTP and once over the WebSocket: every test runs for both rows
// of initTestCase_data(), and the few that only make sense for one
// transport say so.

#include "testrecords.h"
#include "../shared/testwait.h"

#include <dustclient.h>
#include <dusthttptransport.h>
#include <dustrecordfeed_p.h>
#include <dustrepo.h>
#include <dustrepo_p.h>
#include <duststore.h>
#include <dusttest.h>
#include <dustthreading_p.h>

#include <QtCore/qjsonarray.h>
#include <QtCore/qregularexpression.h>
#include <QtCore/qscopeguard.h>
#include <QtCore/qthread.h>
#include <QtTest/qtest.h>

#include <atomic>
#include <memory>
#include <mutex>
#include <thread>

using namespace Qt::StringLiterals;
using namespace Dust;

namespace {

const QString storeName = u"acme/links"_s;

Schema linkSchema()
{
    return *Schema::fromGadget<Link>(u"Link"_s, {u"links"_s}, Schema::Options().setRequired({u"slug"_s, u"url"_s}));
}

QVariantMap link(const QString &slug, const QString &title, const QString &url)
{
    return {{u"slug"_s, slug}, {u"title"_s, title}, {u"url"_s, url}};
}

QStringList slugsOf(const QList<QVariantMap> &records)
{
    QStringList out;
    for (const QVariantMap &r : records)
        out.append(r.value(u"slug"_s).toString());
    return out;
}

} // namespace

class tst_Repo : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase_data();
    void init();
    void cleanup();

    // transport_test
    void transportSelection();
    void transportErrors();
    void reposShareOneWorkerThread();
    void webSocketRepoBuildsNoHttpTransport();

    // repo_test: reads
    void allGroupsBySlug();
    void allSkipsRecordMissingRequiredField();
    void allWalksPages();
    void allDottedPrefix();
    void nestedMapRoundTrip();
    void getHitAndMiss();
    void getAppliesRequiredGuard();
    void existsTrueAndFalse();
    void slugsRoundTrip_data();
    void slugsRoundTrip();
    void typedGadgets();
    void streamAcrossPages();
    void streamAbortsOnError();
    // repo_test: writes
    void flatInsertWritesEveryFieldButSlug();
    void oneFieldSchemaIsOneWrite();
    void nothingToWrite();
    void missingSlug();
    void invalidChangesetWritesNothing();
    void invalidFieldValueWritesNothing();
    void mapInsertIsOneWrite();
    void flatUpdateWritesOnlyChanges();
    void updateWithoutChangesWritesNothing();
    void mapUpdateIfMatch();
    void flatUpdateIfMatchIsAnError();
    void deleteIfMatch();
    void deleteForms();
    void deleteAll();
    void batchWrite();
    void batchWriteValidation();
    void missingStoreIsNotFound();
    // repo_subscribe_test
    void subscribeOverHttpNotSupported();
    void subscribeUpsertOnFieldWrite();
    void subscribeDeleteOfRecord();
    void subscribeFieldDeleteKeepsRecord();
    void subscribeSkipsIncompleteRecord();
    void subscribeDottedPrefix();
    void subscribeOwnWrites();
    void subscribeOtherClientsInStoreOrder();
    void subscribeOnSyncThread();
    void unsubscribeStopsEvents();
    void deleteAllEmitsDeletes();
    void recordFeedDecodesWhereEventsLeaveTheEngine();
    void recordFeedOverflowAsksForResync();
    void snapshotWithStoreSeq();

private:
    bool isWebSocket() const;
    // WebSocket: waits until the local copy holds everything the server has.
    bool synced(Store *store = nullptr);
    QStringList serverKeys(const QString &pattern);
    std::optional<Entry> serverEntry(const QString &path);
    qint64 seq() const { return m_server->storeSeq(); }
    void serverWrite(Op::Kind op, const QString &path, const QJsonValue &value = {});
    // A second client on the same store, over the WebSocket.
    struct Peer
    {
        std::unique_ptr<Client> client;
        std::unique_ptr<Repo> repo;
    };
    Peer webSocketPeer();
    Store *store() const { return m_webSocket ? m_server->store() : nullptr; }

    std::unique_ptr<TestServer> m_server;
    bool m_webSocket = false;
    std::unique_ptr<Repo> m_repo;
    std::unique_ptr<HttpTransport> m_observer;
    Schema m_links;
    Schema m_mapLinks;
};

void tst_Repo::initTestCase_data()
{
    QTest::addColumn<QString>("transport");
    QTest::newRow("http") << u"http"_s;
    QTest::newRow("websocket") << u"websocket"_s;
}

bool tst_Repo::isWebSocket() const
{
    QFETCH_GLOBAL(QString, transport);
    return transport == u"websocket";
}

void tst_Repo::init()
{
    // Over the WebSocket the fixture's client is joined before the test
    // starts; over HTTP it stays closed.
    m_webSocket = isWebSocket();
    TestServerOptions options;
    options.stores = {storeName};
    options.openClient = m_webSocket;
    m_server = std::make_unique<TestServer>(options);
    DUST_VERIFY(*m_server);
    m_observer = std::make_unique<HttpTransport>(m_server->httpUrl(), m_server->token(), storeName);
    m_links = linkSchema();
    m_mapLinks = *Schema::fromGadget<Link>(u"MapLink"_s, {u"map_links"_s}, Schema::Options().setMode(Schema::Mode::Map));
    if (m_webSocket)
        m_repo = std::make_unique<Repo>(m_server->client(), storeName);
    else
        m_repo = std::make_unique<Repo>(m_server->httpUrl(), m_server->token(), storeName);
}

void tst_Repo::cleanup()
{
    m_repo.reset();
    m_observer.reset();
    m_server.reset();
}

bool tst_Repo::synced(Store *s)
{
    if (!s)
        s = store();
    if (!s)
        return true;
    return m_server->waitSynced(s).hasValue();
}

QStringList tst_Repo::serverKeys(const QString &pattern)
{
    PageRequest request;
    request.limit = PageRequest::MaxLimit;
    request.select = PageRequest::Select::Keys;
    auto f = m_observer->list(pattern, request);
    if (!waitFinished(f) || !f.result())
        return {u"<list failed>"_s};
    return f.result()->keys;
}

std::optional<Entry> tst_Repo::serverEntry(const QString &path)
{
    auto f = m_observer->get(*Path::parse(path));
    if (!waitFinished(f) || !f.result())
        return std::nullopt;
    return *f.result();
}

void tst_Repo::serverWrite(Op::Kind op, const QString &path, const QJsonValue &value)
{
    DUST_VERIFY(m_server->writeAs(u"dev_other"_s, op, path, value));
}

tst_Repo::Peer tst_Repo::webSocketPeer()
{
    Peer peer;
    peer.client = m_server->createClient();
    peer.repo = std::make_unique<Repo>(peer.client.get(), storeName);
    if (const Result<void> joined = m_server->connectClient(peer.client.get()); !joined)
        qWarning("the peer did not connect: %s", qPrintable(joined.error().toString()));
    return peer;
}

// ---- transport_test -----------------------------------------------------------

void tst_Repo::transportSelection()
{
    QCOMPARE(m_repo->transport().valueOr(Repo::Transport(-1)),
             isWebSocket() ? Repo::Transport::WebSocket : Repo::Transport::Http);
    if (!isWebSocket())
        return;
    // A Store handle is used as it is.
    Repo direct(store());
    QCOMPARE(direct.transport().valueOr(Repo::Transport::Http), Repo::Transport::WebSocket);
    QCOMPARE(direct.storeName(), storeName);
    // A Client without the store: HTTP, with a warning (once a minute).
    Repo degraded(m_server->client(), u"acme/other"_s);
    degraded.setToken(m_server->token());
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"has no store .*acme/other.*HTTP"_s));
    QCOMPARE(degraded.transport().valueOr(Repo::Transport::WebSocket), Repo::Transport::Http);
    QCOMPARE(degraded.transport().valueOr(Repo::Transport::WebSocket), Repo::Transport::Http);
    // The Client gets the store: the next call moves to the WebSocket.
    degraded.setStoreName(storeName);
    QCOMPARE(degraded.transport().valueOr(Repo::Transport::Http), Repo::Transport::WebSocket);
}

void tst_Repo::transportErrors()
{
    if (isWebSocket())
        QSKIP("HTTP configuration");
    Repo repo;
    QCOMPARE(repo.baseUrl(), QUrl(u"https://dustlayer.io"_s));
    QCOMPARE(repo.transport().error().code(), u"missing_store"_s);
    repo.setStoreName(storeName);
    const Error noToken = repo.transport().error();
    QCOMPARE(noToken.code(), u"missing_token"_s);
    QCOMPARE(noToken.kind(), Error::Kind::InvalidParams);
    QVERIFY(noToken.message().contains(u"token"_s));
    DUST_AWAIT(all, repo.all(m_links));
    QCOMPARE(all.error().code(), u"missing_token"_s);
    repo.setToken(u"t"_s);
    QCOMPARE(repo.transport().valueOr(Repo::Transport::WebSocket), Repo::Transport::Http);
}

namespace {

// The thread a Repo's HTTP work runs on: where stream() hands over records
// without a context.
QThread *workerOf(Repo *repo, const Schema &schema)
{
    std::atomic<QThread *> worker = nullptr;
    const auto streamed = await(repo->stream(schema, nullptr, [&worker](const QList<QVariantMap> &) {
        worker = QThread::currentThread();
    }));
    return streamed.valueOr(0) > 0 ? worker.load() : nullptr;
}

} // namespace

void tst_Repo::reposShareOneWorkerThread()
{
    if (isWebSocket())
        QSKIP("HTTP work runs on the worker");
    DUST_AWAIT(inserted, m_repo->insert(m_links, link(u"foo"_s, u"Foo"_s, u"https://foo"_s)));
    QVERIFY(inserted.hasValue());
    // Only the two Repos below hold the worker.
    m_repo.reset();
    auto first = std::make_unique<Repo>(m_server->httpUrl(), m_server->token(), storeName);
    auto second = std::make_unique<Repo>(m_server->httpUrl(), m_server->token(), storeName);
    const QPointer<QThread> worker = workerOf(first.get(), m_links);
    QVERIFY(worker);
    QVERIFY(worker != QThread::currentThread());
    QCOMPARE(workerOf(second.get(), m_links), worker.data());

    first.reset();
    QVERIFY(worker);
    QVERIFY(worker->isRunning());
    // The worker is joined and deleted with the last Repo.
    second.reset();
    QVERIFY(!worker);
    // The next Repo starts a worker again.
    Repo third(m_server->httpUrl(), m_server->token(), storeName);
    QVERIFY(workerOf(&third, m_links));
}

void tst_Repo::webSocketRepoBuildsNoHttpTransport()
{
    if (!isWebSocket())
        QSKIP("WebSocket only");
    m_repo->setToken(m_server->token());
    m_repo->setBaseUrl(m_server->httpUrl());
    m_repo->setReceiveTimeout(1000);
    DUST_AWAIT(inserted, m_repo->insert(m_links, link(u"foo"_s, u"Foo"_s, u"https://foo"_s)));
    QVERIFY(inserted.hasValue());
    DUST_AWAIT(all, m_repo->all(m_links));
    QCOMPARE(slugsOf(all.valueOr({})), QStringList{u"foo"_s});
    const Result<SubscriptionId> id = m_repo->subscribe(m_links, [](const RecordEvent &) { });
    QVERIFY(id.hasValue());
    m_repo->unsubscribe(*id);
    QVERIFY(!Internal::hasHttpTransport(m_repo.get()));
    // The same Repo builds one the first time HTTP is picked.
    m_repo->setClient(nullptr);
    QCOMPARE(m_repo->transport().valueOr(Repo::Transport::WebSocket), Repo::Transport::Http);
    QVERIFY(Internal::hasHttpTransport(m_repo.get()));
}

// ---- repo_test: reads ---------------------------------------------------------------

void tst_Repo::allGroupsBySlug()
{
    for (const QVariantMap &r : {link(u"zed"_s, u"Zed"_s, u"https://zed"_s), link(u"foo"_s, u"Foo"_s, u"https://foo"_s),
                                 link(u"bar"_s, u"Bar"_s, u"https://bar"_s)}) {
        DUST_AWAIT(inserted, m_repo->insert(m_links, r));
        QVERIFY2(inserted.hasValue(), qPrintable(inserted.error().toString()));
    }
    QVERIFY(synced());
    DUST_AWAIT(all, m_repo->all(m_links));
    QVERIFY2(all.hasValue(), qPrintable(all.error().toString()));
    QCOMPARE(slugsOf(*all), (QStringList{u"bar"_s, u"foo"_s, u"zed"_s}));
    QCOMPARE(all->at(1).value(u"title"_s).toString(), u"Foo"_s);
    QCOMPARE(all->at(1).value(u"url"_s).toString(), u"https://foo"_s);
}

void tst_Repo::allSkipsRecordMissingRequiredField()
{
    serverWrite(Op::Kind::Set, u"links/foo"_s, QJsonObject{{u"title"_s, u"Foo"_s}, {u"url"_s, u"https://foo"_s}});
    serverWrite(Op::Kind::Set, u"links/nourl"_s, QJsonObject{{u"title"_s, u"No URL"_s}, {u"mystery"_s, 1}});
    QVERIFY(synced());
    QTest::ignoreMessage(QtWarningMsg, "skipping Link slug=nourl missing=[url] unrecognized=[mystery]");
    DUST_AWAIT(all, m_repo->all(m_links));
    QCOMPARE(slugsOf(all.valueOr({})), QStringList{u"foo"_s});
}

void tst_Repo::allWalksPages()
{
    // 80 records of 3 leaves: 240 leaves, two pages of 200.
    for (int i = 0; i < 80; ++i) {
        const QString slug = u"s%1"_s.arg(i, 3, 10, QChar(u'0'));
        serverWrite(Op::Kind::Set, u"links/"_s + slug,
                    QJsonObject{{u"title"_s, slug}, {u"url"_s, u"u"_s}, {u"note"_s, u"n"_s}});
    }
    QVERIFY(synced());
    DUST_AWAIT(all, m_repo->all(m_links));
    QVERIFY2(all.hasValue(), qPrintable(all.error().toString()));
    QCOMPARE(all->size(), 80);
    QCOMPARE(all->first().value(u"slug"_s).toString(), u"s000"_s);
    QCOMPARE(all->last().value(u"note"_s).toString(), u"n"_s);
}

void tst_Repo::allDottedPrefix()
{
    const Schema reading = *Schema::fromGadget<Link>(u"ReadingLink"_s, {u"reading"_s, u"links"_s});
    DUST_AWAIT(inserted, m_repo->insert(reading, link(u"foo"_s, u"Foo"_s, u"u"_s)));
    QVERIFY(inserted.hasValue());
    QVERIFY(synced());
    QCOMPARE(serverKeys(u"**"_s), (QStringList{u"reading/links/foo/added_at"_s, u"reading/links/foo/note"_s,
                                               u"reading/links/foo/title"_s, u"reading/links/foo/url"_s}));
    DUST_AWAIT(all, m_repo->all(reading));
    QCOMPARE(slugsOf(all.valueOr({})), QStringList{u"foo"_s});
    DUST_AWAIT(plain, m_repo->all(m_links));
    QVERIFY(plain.valueOr({{}}).isEmpty());
}

void tst_Repo::nestedMapRoundTrip()
{
    const Schema things = *Schema::fromGadget<Thing>(u"Thing"_s, {u"things"_s});
    const QVariantMap meta{{u"a"_s, 1}, {u"b"_s, QVariantMap{{u"c"_s, u"deep"_s}, {u"d"_s, true}}}};
    DUST_AWAIT(inserted, m_repo->insert(things, {{u"slug"_s, u"foo"_s}, {u"meta"_s, meta}}));
    QVERIFY2(inserted.hasValue(), qPrintable(inserted.error().toString()));
    QVERIFY(synced());
    // The server flattened it into leaves...
    QVERIFY(serverKeys(u"things/foo/meta/**"_s).contains(u"things/foo/meta/b/c"_s));
    // ...and reads rebuild the nesting.
    DUST_AWAIT(got, m_repo->get(things, u"foo"_s));
    QVERIFY(got.hasValue() && got->has_value());
    QCOMPARE((*got)->value(u"meta"_s).toMap(), meta);
    DUST_AWAIT(all, m_repo->all(things));
    QCOMPARE(all->first().value(u"meta"_s).toMap(), meta);
}

void tst_Repo::getHitAndMiss()
{
    DUST_AWAIT(inserted, m_repo->insert(m_links, link(u"foo"_s, u"Foo"_s, u"https://foo"_s)));
    QVERIFY(inserted.hasValue());
    DUST_AWAIT(hit, m_repo->get(m_links, u"foo"_s));
    QVERIFY2(hit.hasValue(), qPrintable(hit.error().toString()));
    QVERIFY(hit->has_value());
    QCOMPARE((*hit)->value(u"title"_s).toString(), u"Foo"_s);
    QCOMPARE((*hit)->value(u"slug"_s).toString(), u"foo"_s);
    // Not found is its own result, not an Error.
    DUST_AWAIT(miss, m_repo->get(m_links, u"nope"_s));
    QVERIFY(miss.hasValue());
    QVERIFY(!miss->has_value());
    DUST_AWAIT(empty, m_repo->get(m_links, QString()));
    QCOMPARE(empty.error().code(), u"missing_slug"_s);
}

void tst_Repo::getAppliesRequiredGuard()
{
    serverWrite(Op::Kind::Set, u"links/foo/title"_s, u"no url"_s);
    QVERIFY(synced());
    QTest::ignoreMessage(QtWarningMsg, "skipping Link slug=foo missing=[url] unrecognized=[]");
    DUST_AWAIT(got, m_repo->get(m_links, u"foo"_s));
    QVERIFY(got.hasValue());
    QVERIFY(!got->has_value());
    // exists() does not apply the guard.
    DUST_AWAIT(exists, m_repo->exists(m_links, u"foo"_s));
    QCOMPARE(exists.valueOr(false), true);
}

void tst_Repo::existsTrueAndFalse()
{
    DUST_AWAIT(inserted, m_repo->insert(m_links, link(u"foo"_s, {}, u"u"_s)));
    QVERIFY(inserted.hasValue());
    DUST_AWAIT(yes, m_repo->exists(m_links, u"foo"_s));
    QCOMPARE(yes.valueOr(false), true);
    DUST_AWAIT(no, m_repo->exists(m_links, u"bar"_s));
    QVERIFY(no.hasValue());
    QCOMPARE(*no, false);
}

void tst_Repo::slugsRoundTrip_data()
{
    QTest::addColumn<QString>("slug");
    QTest::newRow("dot") << u"example.com"_s;
    QTest::newRow("slash") << u"a/b"_s;
    QTest::newRow("tilde") << u"x~0~1"_s;
    QTest::newRow("spaces") << u"hello world "_s;
    QTest::newRow("plus and percent") << u"c++ 100%"_s;
    QTest::newRow("unicode") << u"café — 漢字 🚀"_s;
    QTest::newRow("everything") << u"a/b~c.d e+f?g#h&i=j"_s;
}

void tst_Repo::slugsRoundTrip()
{
    QFETCH(QString, slug);
    for (const Schema &schema : {m_links, m_mapLinks}) {
        DUST_AWAIT(inserted, m_repo->insert(schema, link(slug, u"T"_s, u"https://u"_s)));
        QVERIFY2(inserted.hasValue(), qPrintable(inserted.error().toString()));
        QVERIFY(synced());
        DUST_AWAIT(got, m_repo->get(schema, slug));
        QVERIFY2(got.hasValue() && got->has_value(), qPrintable(schema.name()));
        QCOMPARE((*got)->value(u"slug"_s).toString(), slug);
        DUST_AWAIT(all, m_repo->all(schema));
        QCOMPARE(slugsOf(all.valueOr({})), QStringList{slug});
        DUST_AWAIT(exists, m_repo->exists(schema, slug));
        QCOMPARE(exists.valueOr(false), true);
        DUST_AWAIT(removed, m_repo->remove(schema, slug));
        QVERIFY(removed.hasValue());
        QVERIFY(synced());
        DUST_AWAIT(gone, m_repo->exists(schema, slug));
        QCOMPARE(gone.valueOr(true), false);
    }
}

void tst_Repo::typedGadgets()
{
    Link foo{u"foo"_s, u"Foo"_s, u"https://foo"_s, {}, QDateTime(QDate(2026, 1, 2), QTime(3, 4, 5), Qt::UTC)};
    DUST_AWAIT(inserted, m_repo->insert(m_links, foo));
    QVERIFY2(inserted.hasValue(), qPrintable(inserted.error().toString()));
    QCOMPARE(*inserted, foo);
    Link renamed = foo;
    renamed.title = u"Renamed"_s;
    const qint64 before = seq();
    DUST_AWAIT(updated, m_repo->update(m_links, foo, renamed));
    QCOMPARE(updated.valueOr(Link()), renamed);
    QVERIFY(synced());
    QCOMPARE(seq(), before + 1);
    DUST_AWAIT(got, m_repo->getAs<Link>(m_links, u"foo"_s));
    QVERIFY(got.hasValue() && got->has_value());
    QCOMPARE(**got, renamed);
    DUST_AWAIT(missing, m_repo->getAs<Link>(m_links, u"bar"_s));
    QVERIFY(missing.hasValue() && !missing->has_value());
    DUST_AWAIT(all, m_repo->allAs<Link>(m_links));
    QCOMPARE(all.valueOr({}), QList<Link>{renamed});
}

void tst_Repo::streamAcrossPages()
{
    for (int i = 0; i < 7; ++i)
        serverWrite(Op::Kind::Set, u"links/r%1"_s.arg(i), QJsonObject{{u"title"_s, u"t"_s}, {u"url"_s, u"u"_s}});
    // A title that is not a string: that record is dropped, the stream goes on.
    serverWrite(Op::Kind::Set, u"links/r3/title"_s, 3);
    QVERIFY(synced());
    QStringList seen;
    int batches = 0;
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"skipping Link slug=r3 failed to load"_s));
    // Pages of 3 leaves, records of 2: records straddle page boundaries.
    DUST_AWAIT(count, m_repo->stream(m_links, this, [&](const QList<QVariantMap> &records) {
        QCOMPARE(QThread::currentThread(), thread());
        ++batches;
        seen += slugsOf(records);
    }, 3));
    QVERIFY2(count.hasValue(), qPrintable(count.error().toString()));
    QCOMPARE(seen, (QStringList{u"r0"_s, u"r1"_s, u"r2"_s, u"r4"_s, u"r5"_s, u"r6"_s}));
    QCOMPARE(*count, 6);
    QVERIFY(batches >= 4);
}

void tst_Repo::streamAbortsOnError()
{
    if (isWebSocket())
        QSKIP("The local copy cannot fail between pages; the HTTP row stops the server mid-stream");
    for (int i = 0; i < 6; ++i)
        serverWrite(Op::Kind::Set, u"links/r%1"_s.arg(i), QJsonObject{{u"url"_s, u"u"_s}});
    QStringList seen;
    DUST_AWAIT(count, m_repo->stream(m_links, this, [&](const QList<QVariantMap> &records) {
        seen += slugsOf(records);
        m_server->stop();
    }, 2));
    QVERIFY(!count.hasValue());
    QCOMPARE(count.error().kind(), Error::Kind::Network);
    QVERIFY(!seen.isEmpty());
    QVERIFY(seen.size() < 6);
}

// ---- repo_test: writes --------------------------------------------------------------

void tst_Repo::flatInsertWritesEveryFieldButSlug()
{
    const qint64 before = seq();
    DUST_AWAIT(inserted, m_repo->insert(m_links, {{u"slug"_s, u"foo"_s}, {u"title"_s, u"Foo"_s},
                                                  {u"url"_s, u"https://foo"_s}}));
    QVERIFY2(inserted.hasValue(), qPrintable(inserted.error().toString()));
    QVERIFY(synced());
    // Exactly four writes: title, url, note, added_at; nulls included, never the slug.
    QCOMPARE(seq(), before + 4);
    QCOMPARE(serverKeys(u"links/**"_s), (QStringList{u"links/foo/added_at"_s, u"links/foo/note"_s,
                                                     u"links/foo/title"_s, u"links/foo/url"_s}));
    QCOMPARE(serverEntry(u"links/foo/note"_s)->value, QJsonValue(QJsonValue::Null));
    QCOMPARE(inserted->value(u"slug"_s).toString(), u"foo"_s);
    QVERIFY(!inserted->value(u"note"_s).isValid());
}

void tst_Repo::oneFieldSchemaIsOneWrite()
{
    const Schema notes = *Schema::fromGadget<Note>(u"Note"_s, {u"notes"_s});
    const qint64 before = seq();
    DUST_AWAIT(inserted, m_repo->insert(notes, {{u"slug"_s, u"n1"_s}, {u"text"_s, u"hello"_s}}));
    QVERIFY(inserted.hasValue());
    QVERIFY(synced());
    QCOMPARE(seq(), before + 1);
    QCOMPARE(serverEntry(u"notes/n1/text"_s)->value, QJsonValue(u"hello"_s));
}

void tst_Repo::nothingToWrite()
{
    const Schema onlySlug = *Schema::fromGadget<OnlySlug>(u"OnlySlug"_s, {u"only"_s});
    DUST_AWAIT(flat, m_repo->insert(onlySlug, {{u"slug"_s, u"x"_s}}));
    QCOMPARE(flat.error().kind(), Error::Kind::NothingToWrite);
    QCOMPARE(flat.error().code(), u"nothing_to_write"_s);
    const Schema onlySlugMap = *Schema::fromGadget<OnlySlug>(u"OnlySlug"_s, {u"only"_s},
                                                             Schema::Options().setMode(Schema::Mode::Map));
    DUST_AWAIT(map, m_repo->insert(onlySlugMap, {{u"slug"_s, u"x"_s}}));
    QCOMPARE(map.error().kind(), Error::Kind::NothingToWrite);
    QCOMPARE(seq(), 0);
}

void tst_Repo::missingSlug()
{
    for (const QVariant &slug : {QVariant(), QVariant(u""_s)}) {
        DUST_AWAIT(inserted, m_repo->insert(m_links, {{u"slug"_s, slug}, {u"url"_s, u"u"_s}}));
        QCOMPARE(inserted.error().kind(), Error::Kind::InvalidParams);
        QVERIFY(inserted.error().code() == u"missing_slug" || inserted.error().code() == u"empty_slug");
        DUST_AWAIT(removed, m_repo->remove(m_links, QVariantMap{{u"slug"_s, slug}}));
        QCOMPARE(removed.error().kind(), Error::Kind::InvalidParams);
    }
    DUST_AWAIT(removed, m_repo->remove(m_links, QString()));
    QCOMPARE(removed.error().code(), u"missing_slug"_s);
    QCOMPARE(removed.error().detail().value(u"message").toString(), u"missing slug"_s);
    QCOMPARE(seq(), 0);
}

void tst_Repo::invalidChangesetWritesNothing()
{
    Changeset cs(m_links);
    cs.change(link(u"foo"_s, u"Foo"_s, QString())).validateRequired();
    QVERIFY(!cs.isValid());
    DUST_AWAIT(inserted, m_repo->insert(cs));
    QCOMPARE(inserted.error().code(), u"invalid_changeset"_s);
    QCOMPARE(inserted.error().detail().value(u"errors").toObject().value(u"url").toArray().first().toString(),
             u"can't be blank"_s);
    DUST_AWAIT(updated, m_repo->update(cs));
    QCOMPARE(updated.error().code(), u"invalid_changeset"_s);
    QCOMPARE(seq(), 0);
}

void tst_Repo::invalidFieldValueWritesNothing()
{
    QVariantMap bad = link(u"foo"_s, u"Foo"_s, u"u"_s);
    bad.insert(u"added_at"_s, u"not a date"_s);
    DUST_AWAIT(inserted, m_repo->insert(m_links, bad));
    QCOMPARE(inserted.error().code(), u"invalid_field"_s);
    QCOMPARE(inserted.error().detail().value(u"field").toString(), u"added_at"_s);
    QCOMPARE(seq(), 0);
}

void tst_Repo::mapInsertIsOneWrite()
{
    DUST_AWAIT(inserted, m_repo->insert(m_mapLinks, link(u"foo"_s, u"Foo"_s, u"https://foo"_s)));
    QVERIFY2(inserted.hasValue(), qPrintable(inserted.error().toString()));
    QVERIFY(synced());
    QCOMPARE(seq(), 1);
    const std::optional<Entry> record = serverEntry(u"map_links/foo"_s);
    QVERIFY(record);
    QCOMPARE(record->type, Entry::Type::Map);
    QVERIFY(!record->value.toObject().contains(u"slug"));
    QCOMPARE(record->value.toObject().value(u"title").toString(), u"Foo"_s);
    // One write: every leaf of the record has the same revision.
    QCOMPARE(serverEntry(u"map_links/foo/title"_s)->revision, 1);
    QCOMPARE(serverEntry(u"map_links/foo/url"_s)->revision, 1);
}

void tst_Repo::flatUpdateWritesOnlyChanges()
{
    DUST_AWAIT(inserted, m_repo->insert(m_links, link(u"foo"_s, u"Foo"_s, u"https://foo"_s)));
    QVERIFY(inserted.hasValue());
    QVERIFY(synced());
    const qint64 before = seq();
    Changeset cs(m_links, *inserted);
    cs.change(u"title"_s, u"New"_s).change(u"note"_s, u"a note"_s);
    DUST_AWAIT(updated, m_repo->update(cs));
    QVERIFY2(updated.hasValue(), qPrintable(updated.error().toString()));
    QCOMPARE(updated->value(u"title"_s).toString(), u"New"_s);
    QVERIFY(synced());
    QCOMPARE(seq(), before + 2);
    QCOMPARE(serverEntry(u"links/foo/title"_s)->revision, before + 1);
    QCOMPARE(serverEntry(u"links/foo/note"_s)->revision, before + 2);
    QVERIFY(serverEntry(u"links/foo/url"_s)->revision <= before);
}

void tst_Repo::updateWithoutChangesWritesNothing()
{
    DUST_AWAIT(inserted, m_repo->insert(m_links, link(u"foo"_s, u"Foo"_s, u"https://foo"_s)));
    QVERIFY(inserted.hasValue());
    QVERIFY(synced());
    const qint64 before = seq();
    Changeset cs(m_links, *inserted);
    cs.change(u"title"_s, u"Foo"_s);
    DUST_AWAIT(updated, m_repo->update(cs));
    QVERIFY(updated.hasValue());
    QCOMPARE(updated->value(u"title"_s).toString(), u"Foo"_s);
    DUST_AWAIT(mapUpdated, m_repo->update(Changeset(m_mapLinks, link(u"bar"_s, u"B"_s, u"u"_s)), 7));
    QVERIFY(mapUpdated.hasValue());
    QCOMPARE(seq(), before);
}

void tst_Repo::mapUpdateIfMatch()
{
    DUST_AWAIT(inserted, m_repo->insert(m_mapLinks, link(u"foo"_s, u"Foo"_s, u"https://foo"_s)));
    QVERIFY(inserted.hasValue());
    QVERIFY(synced());
    const qint64 revision = serverEntry(u"map_links/foo"_s)->revision;
    Changeset cs(m_mapLinks, *inserted);
    cs.change(u"title"_s, u"Stale"_s);
    DUST_AWAIT(stale, m_repo->update(cs, revision + 5));
    QVERIFY(!stale.hasValue());
    if (isWebSocket()) {
        // The channel compares if_match with one leaf (protocol §3.5), and a
        // map record is many: the server refuses, nothing is ignored.
        QCOMPARE(stale.error().code(), u"if_match_multi_leaf"_s);
    } else {
        QCOMPARE(stale.error().kind(), Error::Kind::Conflict);
        QCOMPARE(stale.error().detail().value(u"current_revision").toInteger(), revision);
        cs = Changeset(m_mapLinks, *inserted);
        cs.change(u"title"_s, u"Fresh"_s);
        DUST_AWAIT(fresh, m_repo->update(cs, revision));
        QVERIFY2(fresh.hasValue(), qPrintable(fresh.error().toString()));
    }
    QVERIFY(synced());
    DUST_AWAIT(got, m_repo->get(m_mapLinks, u"foo"_s));
    QCOMPARE((*got)->value(u"title"_s).toString(), isWebSocket() ? u"Foo"_s : u"Fresh"_s);
}

void tst_Repo::flatUpdateIfMatchIsAnError()
{
    Changeset cs(m_links, link(u"foo"_s, u"Foo"_s, u"u"_s));
    cs.change(u"title"_s, u"New"_s);
    DUST_AWAIT(updated, m_repo->update(cs, 1));
    QCOMPARE(updated.error().kind(), Error::Kind::InvalidParams);
    QCOMPARE(updated.error().code(), u"if_match_flat"_s);
    QCOMPARE(seq(), 0);
}

void tst_Repo::deleteIfMatch()
{
    DUST_AWAIT(inserted, m_repo->insert(m_mapLinks, link(u"foo"_s, u"Foo"_s, u"https://foo"_s)));
    QVERIFY(inserted.hasValue());
    QVERIFY(synced());
    const qint64 revision = serverEntry(u"map_links/foo"_s)->revision;
    DUST_AWAIT(stale, m_repo->remove(m_mapLinks, u"foo"_s, revision + 1));
    // Checked on both transports: never silently ignored.
    QCOMPARE(stale.error().kind(), Error::Kind::Conflict);
    QVERIFY(serverEntry(u"map_links/foo"_s));
    if (!isWebSocket()) {
        QCOMPARE(stale.error().detail().value(u"current_revision").toInteger(), revision);
        DUST_AWAIT(removed, m_repo->remove(m_mapLinks, u"foo"_s, revision));
        QVERIFY2(removed.hasValue(), qPrintable(removed.error().toString()));
        QVERIFY(!serverEntry(u"map_links/foo"_s));
    }
}

void tst_Repo::deleteForms()
{
    for (const QString &slug : {u"a"_s, u"b"_s, u"c"_s}) {
        DUST_AWAIT(inserted, m_repo->insert(m_links, link(slug, slug, u"u"_s)));
        QVERIFY(inserted.hasValue());
    }
    QVERIFY(synced());
    DUST_AWAIT(bySlug, m_repo->remove(m_links, u"a"_s));
    QVERIFY(bySlug.hasValue());
    QVERIFY(*bySlug > 0);
    DUST_AWAIT(byRecord, m_repo->remove(m_links, link(u"b"_s, {}, {})));
    QVERIFY(byRecord.hasValue());
    QVERIFY(synced());
    QCOMPARE(serverKeys(u"links/**"_s).filter(u"links/c/"_s).size(), 4);
    QCOMPARE(serverKeys(u"links/**"_s).size(), 4);
    // A delete of something absent still succeeds (and says nothing about it).
    DUST_AWAIT(absent, m_repo->remove(m_links, u"nope"_s));
    QVERIFY(absent.hasValue());
}

void tst_Repo::deleteAll()
{
    // (A set on the bare prefix replaces everything below it, so it comes first.)
    serverWrite(Op::Kind::Set, u"links"_s, u"a leaf at the bare prefix"_s);
    QVERIFY(synced());
    for (const QString &slug : {u"a"_s, u"b"_s}) {
        DUST_AWAIT(inserted, m_repo->insert(m_links, link(slug, slug, u"u"_s)));
        QVERIFY(inserted.hasValue());
    }
    DUST_AWAIT(other, m_repo->insert(m_mapLinks, link(u"keep"_s, u"k"_s, u"u"_s)));
    QVERIFY(other.hasValue());
    QVERIFY(synced());
    QVERIFY(serverEntry(u"links"_s));
    DUST_AWAIT(removed, m_repo->deleteAll(m_links));
    QVERIFY2(removed.hasValue(), qPrintable(removed.error().toString()));
    QVERIFY(synced());
    QCOMPARE(*removed, seq());
    QVERIFY(serverKeys(u"links/**"_s).isEmpty());
    QVERIFY(!serverEntry(u"links"_s));
    QCOMPARE(serverKeys(u"map_links/**"_s).size(), 4);   // untouched: keep's four fields
    DUST_AWAIT(all, m_repo->all(m_links));
    QVERIFY(all.valueOr({{}}).isEmpty());
}

void tst_Repo::batchWrite()
{
    DUST_AWAIT(seeded, m_repo->insert(m_mapLinks, link(u"bar"_s, u"Bar"_s, u"u"_s)));
    QVERIFY(seeded.hasValue());
    QVERIFY(synced());
    const qint64 before = seq();
    const QList<RecordOp> ops{RecordOp::insert(m_mapLinks, link(u"foo"_s, u"Foo"_s, u"https://foo"_s)),
                              RecordOp::remove(m_mapLinks, u"bar"_s),
                              RecordOp::insert(m_links, link(u"flat"_s, u"Flat"_s, u"u"_s))};
    DUST_AWAIT(result, m_repo->batchWrite(ops));
    if (isWebSocket()) {
        QCOMPARE(result.error().kind(), Error::Kind::NotSupported);
        QCOMPARE(seq(), before);
        return;
    }
    QVERIFY2(result.hasValue(), qPrintable(result.error().toString()));
    // map insert: one set; delete: one; flat insert: one set per non-slug field.
    QCOMPARE(result->ops.size(), 6);
    QCOMPARE(result->storeSeq, seq());
    QCOMPARE(seq(), before + 6);
    QCOMPARE(result->ops.at(0).toObject().value(u"path").toString(), u"map_links/foo"_s);
    QCOMPARE(result->ops.at(1).toObject().value(u"path").toString(), u"map_links/bar"_s);
    QVERIFY(!serverEntry(u"map_links/bar"_s));
    QCOMPARE(serverKeys(u"links/flat/**"_s).size(), 4);

    // A map if_match travels in the op; a stale one fails the whole batch.
    const qint64 revision = serverEntry(u"map_links/foo"_s)->revision;
    Changeset cs(m_mapLinks, link(u"foo"_s, u"Foo"_s, u"https://foo"_s));
    cs.change(u"title"_s, u"Again"_s);
    DUST_AWAIT(conflict, m_repo->batchWrite({RecordOp::remove(m_links, u"flat"_s),
                                             RecordOp::update(cs, revision + 3)}));
    QCOMPARE(conflict.error().kind(), Error::Kind::Conflict);
    QCOMPARE(conflict.error().detail().value(u"op_index").toInt(), 1);
    QCOMPARE(conflict.error().detail().value(u"current_revision").toInteger(), revision);
    QCOMPARE(serverKeys(u"links/flat/**"_s).size(), 4);
    DUST_AWAIT(ok, m_repo->batchWrite({RecordOp::update(cs, revision)}));
    QVERIFY2(ok.hasValue(), qPrintable(ok.error().toString()));
    QCOMPARE(serverEntry(u"map_links/foo/title"_s)->value, QJsonValue(u"Again"_s));
}

void tst_Repo::batchWriteValidation()
{
    Changeset flat(m_links, link(u"f"_s, u"F"_s, u"u"_s));
    flat.change(u"title"_s, u"G"_s);
    DUST_AWAIT(flatIfMatch, m_repo->batchWrite({RecordOp::update(flat, 3)}));
    QCOMPARE(flatIfMatch.error().code(), u"if_match_flat"_s);

    Changeset invalid(m_links);
    invalid.change(link(u"x"_s, u"X"_s, QString())).validateRequired();
    DUST_AWAIT(shortCircuit, m_repo->batchWrite({RecordOp::insert(m_links, link(u"ok"_s, u"Ok"_s, u"u"_s)),
                                                 RecordOp::insert(invalid)}));
    QCOMPARE(shortCircuit.error().code(), u"invalid_changeset"_s);

    DUST_AWAIT(unknown, m_repo->batchWrite({RecordOp()}));
    QCOMPARE(unknown.error().kind(), Error::Kind::InvalidParams);
    QCOMPARE(unknown.error().code(), u"unrecognized_batch_op"_s);

    DUST_AWAIT(noSlug, m_repo->batchWrite({RecordOp::remove(m_links, QString())}));
    QCOMPARE(noSlug.error().code(), u"missing_slug"_s);
    QCOMPARE(seq(), 0);
}

void tst_Repo::missingStoreIsNotFound()
{
    if (isWebSocket())
        QSKIP("A Client only has the stores it was given; the HTTP row asks the server");
    Repo other(m_server->httpUrl(), m_server->token(), u"acme/nope"_s);
    DUST_AWAIT(all, other.all(m_links));
    QCOMPARE(all.error().kind(), Error::Kind::NotFound);
    QCOMPARE(all.error().code(), u"not_found"_s);
}

// ---- repo_subscribe_test ---------------------------------------------------------------

void tst_Repo::subscribeOverHttpNotSupported()
{
    if (isWebSocket())
        QSKIP("HTTP only");
    const Result<SubscriptionId> sub = m_repo->subscribe(m_links, this, [](const RecordEvent &) {});
    QCOMPARE(sub.error().kind(), Error::Kind::NotSupported);
    RecordFeed feed(m_repo.get(), m_links, 10, [] {});
    QCOMPARE(feed.subscribe().error().kind(), Error::Kind::NotSupported);
    QCOMPARE(feed.snapshot().error().kind(), Error::Kind::NotSupported);
    QCOMPARE(RepoBridge::snapshot(m_repo.get(), m_links).error().kind(), Error::Kind::NotSupported);
    m_repo->unsubscribe(42);
}

void tst_Repo::subscribeUpsertOnFieldWrite()
{
    if (!isWebSocket())
        QSKIP("WebSocket only");
    serverWrite(Op::Kind::Set, u"links/foo"_s, QJsonObject{{u"title"_s, u"Foo"_s}, {u"url"_s, u"https://foo"_s}});
    QVERIFY(synced());
    QList<RecordEvent> events;
    const Result<SubscriptionId> sub = m_repo->subscribe(m_links, this, [&](const RecordEvent &e) { events.append(e); });
    QVERIFY(sub.hasValue());
    serverWrite(Op::Kind::Set, u"links/foo/title"_s, u"New"_s);
    QTRY_COMPARE(events.size(), 1);
    QCOMPARE(events.first().kind, RecordEvent::Kind::Upserted);
    QCOMPARE(events.first().slug, u"foo"_s);
    QCOMPARE(events.first().record.value(u"title"_s).toString(), u"New"_s);
    QCOMPARE(events.first().record.value(u"url"_s).toString(), u"https://foo"_s);
    QCOMPARE(events.first().storeSeq, seq());
    QCOMPARE(m_links.toGadget<Link>(events.first().record).title, u"New"_s);
}

void tst_Repo::subscribeDeleteOfRecord()
{
    if (!isWebSocket())
        QSKIP("WebSocket only");
    serverWrite(Op::Kind::Set, u"links/foo"_s, QJsonObject{{u"url"_s, u"u"_s}});
    QVERIFY(synced());
    QList<RecordEvent> events;
    QVERIFY(m_repo->subscribe(m_links, this, [&](const RecordEvent &e) { events.append(e); }).hasValue());
    serverWrite(Op::Kind::Delete, u"links/foo"_s);
    QTRY_COMPARE(events.size(), 1);
    QCOMPARE(events.first().kind, RecordEvent::Kind::Deleted);
    QCOMPARE(events.first().slug, u"foo"_s);
    QVERIFY(events.first().record.isEmpty());
}

void tst_Repo::subscribeFieldDeleteKeepsRecord()
{
    if (!isWebSocket())
        QSKIP("WebSocket only");
    serverWrite(Op::Kind::Set, u"links/foo"_s,
                QJsonObject{{u"title"_s, u"T"_s}, {u"url"_s, u"u"_s}, {u"note"_s, u"n"_s}});
    QVERIFY(synced());
    QList<RecordEvent> events;
    QVERIFY(m_repo->subscribe(m_links, this, [&](const RecordEvent &e) { events.append(e); }).hasValue());
    serverWrite(Op::Kind::Delete, u"links/foo/note"_s);
    QTRY_COMPARE(events.size(), 1);
    // Not deleted: the record is still complete without the note.
    QCOMPARE(events.first().kind, RecordEvent::Kind::Upserted);
    QVERIFY(!events.first().record.value(u"note"_s).isValid());
    // Deleting a required field makes the record unreadable: deleted.
    QTest::ignoreMessage(QtWarningMsg, "skipping Link slug=foo missing=[url] unrecognized=[]");
    serverWrite(Op::Kind::Delete, u"links/foo/url"_s);
    QTRY_COMPARE(events.size(), 2);
    QCOMPARE(events.last().kind, RecordEvent::Kind::Deleted);
}

void tst_Repo::subscribeSkipsIncompleteRecord()
{
    if (!isWebSocket())
        QSKIP("WebSocket only");
    QList<RecordEvent> events;
    QVERIFY(m_repo->subscribe(m_links, this, [&](const RecordEvent &e) { events.append(e); }).hasValue());
    QTest::ignoreMessage(QtWarningMsg, "skipping Link slug=foo missing=[url] unrecognized=[]");
    serverWrite(Op::Kind::Set, u"links/foo/title"_s, u"no url yet"_s);
    // Paths no record holds give nothing either.
    serverWrite(Op::Kind::Set, u"other/x/url"_s, u"u"_s);
    serverWrite(Op::Kind::Set, u"links/sentinel/url"_s, u"u"_s);
    QTRY_COMPARE(events.size(), 1);
    QCOMPARE(events.first().slug, u"sentinel"_s);
}

void tst_Repo::subscribeDottedPrefix()
{
    if (!isWebSocket())
        QSKIP("WebSocket only");
    const Schema reading = *Schema::fromGadget<Link>(u"ReadingLink"_s, {u"reading"_s, u"links"_s});
    QList<RecordEvent> events;
    QVERIFY(m_repo->subscribe(reading, this, [&](const RecordEvent &e) { events.append(e); }).hasValue());
    serverWrite(Op::Kind::Set, u"links/foo/url"_s, u"not under reading"_s);
    serverWrite(Op::Kind::Set, u"reading/links/foo/url"_s, u"u"_s);
    QTRY_COMPARE(events.size(), 1);
    QCOMPARE(events.first().slug, u"foo"_s);
}

void tst_Repo::subscribeOwnWrites()
{
    if (!isWebSocket())
        QSKIP("WebSocket only");
    QList<RecordEvent> events;
    QVERIFY(m_repo->subscribe(m_mapLinks, this, [&](const RecordEvent &e) { events.append(e); }).hasValue());
    DUST_AWAIT(inserted, m_repo->insert(m_mapLinks, link(u"mine"_s, u"Mine"_s, u"u"_s)));
    QVERIFY(inserted.hasValue());
    QTRY_COMPARE(events.size(), 1);
    QCOMPARE(events.first().kind, RecordEvent::Kind::Upserted);
    QCOMPARE(events.first().slug, u"mine"_s);
    QVERIFY(events.first().storeSeq > 0);   // committed, not optimistic
}

void tst_Repo::subscribeOtherClientsInStoreOrder()
{
    // The subscriber is always a WebSocket client; the writer is another
    // client: over HTTP in the http row, over its own WebSocket otherwise.
    Peer subscriber = webSocketPeer();
    Peer writerPeer = isWebSocket() ? webSocketPeer() : Peer();
    Repo *writer = isWebSocket() ? writerPeer.repo.get() : m_repo.get();
    QList<RecordEvent> events;
    QVERIFY(subscriber.repo->subscribe(m_mapLinks, this, [&](const RecordEvent &e) { events.append(e); }).hasValue());

    // A record is re-read when its event is delivered, so each step is
    // awaited before the next one is written.
    DUST_AWAIT(inserted, writer->insert(m_mapLinks, link(u"foo"_s, u"Foo"_s, u"https://foo"_s)));
    QVERIFY(inserted.hasValue());
    QTRY_COMPARE(events.size(), 1);
    Changeset cs(m_mapLinks, *inserted);
    cs.change(u"title"_s, u"Updated"_s);
    DUST_AWAIT(updated, writer->update(cs));
    QVERIFY(updated.hasValue());
    QTRY_COMPARE(events.size(), 2);
    DUST_AWAIT(second, writer->insert(m_mapLinks, link(u"bar"_s, u"Bar"_s, u"https://bar"_s)));
    QVERIFY(second.hasValue());
    QTRY_COMPARE(events.size(), 3);
    DUST_AWAIT(removed, writer->remove(m_mapLinks, u"foo"_s));
    QVERIFY(removed.hasValue());
    QTRY_COMPARE(events.size(), 4);

    for (qsizetype i = 1; i < events.size(); ++i)
        QVERIFY(events.at(i).storeSeq > events.at(i - 1).storeSeq);
    QCOMPARE(events.at(0).kind, RecordEvent::Kind::Upserted);
    QCOMPARE(events.at(0).record.value(u"title"_s).toString(), u"Foo"_s);
    QCOMPARE(events.at(1).record.value(u"title"_s).toString(), u"Updated"_s);
    QCOMPARE(events.at(2).slug, u"bar"_s);
    QCOMPARE(events.at(3).kind, RecordEvent::Kind::Deleted);
    QCOMPARE(events.at(3).slug, u"foo"_s);
    QCOMPARE(events.at(3).storeSeq, *removed);

    // A flat record written by someone else arrives field by field; once
    // complete, the subscriber sees it whole.
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"skipping Link slug=flat missing=\\[url\\]"_s));
    QList<RecordEvent> flatEvents;
    QVERIFY(subscriber.repo->subscribe(m_links, this, [&](const RecordEvent &e) { flatEvents.append(e); }).hasValue());
    serverWrite(Op::Kind::Set, u"links/flat/title"_s, u"Flat"_s);
    QVERIFY(synced(subscriber.client->store(storeName)));
    QTRY_VERIFY(flatEvents.isEmpty());
    serverWrite(Op::Kind::Set, u"links/flat/url"_s, u"https://flat"_s);
    QTRY_COMPARE(flatEvents.size(), 1);
    QCOMPARE(flatEvents.first().record.value(u"title"_s).toString(), u"Flat"_s);
}

void tst_Repo::subscribeOnSyncThread()
{
    if (!isWebSocket())
        QSKIP("WebSocket only");
    std::mutex mutex;
    QList<RecordEvent> events;
    QThread *deliveredOn = nullptr;
    QVERIFY(m_repo->subscribe(m_links, [&](const RecordEvent &e) {
        std::lock_guard lock(mutex);
        events.append(e);
        deliveredOn = QThread::currentThread();
    }).hasValue());
    serverWrite(Op::Kind::Set, u"links/foo/url"_s, u"u"_s);
    QVERIFY(QTest::qWaitFor([&] {
        std::lock_guard lock(mutex);
        return events.size() == 1;
    }, 10000));
    std::lock_guard lock(mutex);
    QVERIFY(deliveredOn != thread());
    QCOMPARE(events.first().slug, u"foo"_s);
}

void tst_Repo::unsubscribeStopsEvents()
{
    if (!isWebSocket())
        QSKIP("WebSocket only");
    QList<RecordEvent> events;
    const Result<SubscriptionId> sub = m_repo->subscribe(m_links, this, [&](const RecordEvent &e) { events.append(e); });
    QVERIFY(sub.hasValue());
    serverWrite(Op::Kind::Set, u"links/a/url"_s, u"u"_s);
    QTRY_COMPARE(events.size(), 1);
    m_repo->unsubscribe(*sub);
    m_repo->unsubscribe(*sub);
    // A second subscription sees the next write; the first one does not.
    QList<RecordEvent> later;
    QVERIFY(m_repo->subscribe(m_links, this, [&](const RecordEvent &e) { later.append(e); }).hasValue());
    serverWrite(Op::Kind::Set, u"links/b/url"_s, u"u"_s);
    QTRY_COMPARE(later.size(), 1);
    QCOMPARE(later.first().slug, u"b"_s);
    QCOMPARE(events.size(), 1);
}

void tst_Repo::deleteAllEmitsDeletes()
{
    // Over HTTP the subscriber is another client: the server broadcasts REST
    // writes to WebSocket subscribers.
    Peer peer = isWebSocket() ? Peer() : webSocketPeer();
    Repo *subscriberRepo = isWebSocket() ? m_repo.get() : peer.repo.get();
    for (const QString &slug : {u"a"_s, u"b/c"_s, u"d"_s}) {
        DUST_AWAIT(inserted, m_repo->insert(m_mapLinks, link(slug, slug, u"u"_s)));
        QVERIFY(inserted.hasValue());
    }
    QVERIFY(synced(isWebSocket() ? store() : peer.client->store(storeName)));
    QList<RecordEvent> events;
    QVERIFY(subscriberRepo->subscribe(m_mapLinks, this, [&](const RecordEvent &e) { events.append(e); }).hasValue());
    DUST_AWAIT(removed, m_repo->deleteAll(m_mapLinks));
    QVERIFY2(removed.hasValue(), qPrintable(removed.error().toString()));
    QTRY_COMPARE(events.size(), 3);
    QStringList deleted;
    for (const RecordEvent &e : std::as_const(events)) {
        QCOMPARE(e.kind, RecordEvent::Kind::Deleted);
        deleted.append(e.slug);
    }
    QCOMPARE(deleted, (QStringList{u"a"_s, u"b/c"_s, u"d"_s}));
}

// The wake-up a feed posts, counted, and the batches taken after it.
struct FeedConsumer
{
    FeedConsumer(Repo *repo, const Schema &schema, qsizetype limit = 1000)
        : feed(std::make_shared<RecordFeed>(repo, schema, limit, [this] { wakes.fetch_add(1); }))
    {
    }
    ~FeedConsumer() { feed->close(); }
    // Takes what the feed holds once it woke the consumer.
    bool takeWhen(const std::function<bool(const QList<RecordEvent> &)> &done)
    {
        return QTest::qWaitFor([&] {
            if (wakes.load() > taken) {
                ++taken;
                RecordFeed::Batch batch = feed->take();
                events.append(batch.events);
                overflowed = overflowed || batch.overflowed;
            }
            return done(events);
        }, 10000);
    }

    std::shared_ptr<RecordFeed> feed;
    std::atomic<int> wakes = 0;
    int taken = 0;
    QList<RecordEvent> events;
    bool overflowed = false;
};

void tst_Repo::recordFeedDecodesWhereEventsLeaveTheEngine()
{
    if (!isWebSocket())
        QSKIP("WebSocket only");
    serverWrite(Op::Kind::Set, u"links/foo/url"_s, u"u"_s);
    QVERIFY(synced());
    FeedConsumer consumer(m_repo.get(), m_links);
    QVERIFY(consumer.feed->subscribe().hasValue());
    QCOMPARE(m_repo->subscriptionCount(), 1);
    // A field write is the whole record, read from the local copy as the
    // engine's batch left it; whole sets are decoded from their own value,
    // so each is the record as that write left it although later writes,
    // its delete included, landed before the take.
    serverWrite(Op::Kind::Set, u"links/foo/title"_s, u"T"_s);
    serverWrite(Op::Kind::Set, u"elsewhere/x"_s, 1);
    serverWrite(Op::Kind::Set, u"links/bar"_s, QJsonObject{{u"title"_s, u"one"_s}, {u"url"_s, u"b"_s}});
    serverWrite(Op::Kind::Set, u"links/bar"_s, QJsonObject{{u"title"_s, u"two"_s}, {u"url"_s, u"b"_s}});
    serverWrite(Op::Kind::Delete, u"links/bar"_s);
    QVERIFY(consumer.takeWhen([](const QList<RecordEvent> &events) { return events.size() == 4; }));
    const QList<RecordEvent> &events = consumer.events;
    QCOMPARE(events.at(0).kind, RecordEvent::Kind::Upserted);
    QCOMPARE(events.at(0).slug, u"foo"_s);
    QCOMPARE(events.at(0).record.value(u"title"_s), QVariant(u"T"_s));
    QCOMPARE(events.at(0).record.value(u"url"_s), QVariant(u"u"_s));
    QCOMPARE(events.at(0).storeSeq, 2);
    QCOMPARE(events.at(1).record.value(u"title"_s), QVariant(u"one"_s));
    QCOMPARE(events.at(1).storeSeq, 4);
    QCOMPARE(events.at(2).record.value(u"title"_s), QVariant(u"two"_s));
    QCOMPARE(events.at(3).kind, RecordEvent::Kind::Deleted);
    QCOMPARE(events.at(3).slug, u"bar"_s);
    QCOMPARE(events.at(3).storeSeq, 6);
    QVERIFY(!consumer.overflowed);

    consumer.feed->close();
    QCOMPARE(m_repo->subscriptionCount(), 0);
    QVERIFY(consumer.feed->take().events.isEmpty());

    // Rejections, other stores and uncommitted events give nothing.
    StoreEvent event;
    event.store = store()->name();
    event.path = *Path::parse(u"links/bar"_s);
    event.value = QJsonObject{{u"url"_s, u"b"_s}};
    event.committed = true;
    QVERIFY(RecordFeed::decode(store(), m_links, event));
    StoreEvent foreign = event;
    foreign.store = u"acme/other"_s;
    QVERIFY(!RecordFeed::decode(store(), m_links, foreign));
    StoreEvent optimistic = event;
    optimistic.committed = false;
    QVERIFY(!RecordFeed::decode(store(), m_links, optimistic));
    StoreEvent refused = event;
    refused.error = Error(Error::Kind::Unauthorized, u"forbidden"_s);
    QVERIFY(!RecordFeed::decode(store(), m_links, refused));
}

// A consumer that does not take keeps the feed at its bound: the events
// are dropped and the next take asks for a resync, whose snapshot holds
// every write.
void tst_Repo::recordFeedOverflowAsksForResync()
{
    if (!isWebSocket())
        QSKIP("WebSocket only");
    FeedConsumer consumer(m_repo.get(), m_links, 5);
    QVERIFY(consumer.feed->subscribe().hasValue());
    // A later sync-thread subscription marks, on the sync thread, when the
    // feed has handed over each event's turn.
    const auto handedOver = std::make_shared<std::atomic<qint64>>(0);
    SubscribeOptions committed;
    committed.mode = SubscribeOptions::Mode::Committed;
    const Result<SubscriptionId> marker = store()->on(m_links.pattern(), [handedOver](const StoreEvent &e) {
        Threading::postToCurrentThread([handedOver, seq = e.storeSeq] { handedOver->store(seq); });
    }, committed);
    QVERIFY(marker.hasValue());
    for (int i = 0; i < 20; ++i)
        serverWrite(Op::Kind::Set, u"links/r%1"_s.arg(i, 2, 10, QChar(u'0')), QJsonObject{{u"url"_s, u"u"_s}});
    QVERIFY(synced());
    QTRY_COMPARE(handedOver->load(), seq());
    store()->off(*marker);
    QCOMPARE(consumer.wakes.load(), 1);
    const RecordFeed::Batch batch = consumer.feed->take();
    QVERIFY(batch.overflowed);
    QVERIFY(batch.events.isEmpty());
    const Result<RecordSnapshot> snapshot = consumer.feed->snapshot();
    QVERIFY(snapshot.hasValue());
    QCOMPARE(snapshot->records.size(), 20);
    QCOMPARE(snapshot->storeSeq, seq());
}

void tst_Repo::snapshotWithStoreSeq()
{
    if (!isWebSocket())
        QSKIP("WebSocket only");
    for (int i = 0; i < 30; ++i)
        serverWrite(Op::Kind::Set, u"links/r%1"_s.arg(i, 2, 10, QChar(u'0')), QJsonObject{{u"url"_s, u"u"_s}});
    QVERIFY(synced());
    const Result<RecordSnapshot> snapshot = RepoBridge::snapshot(m_repo.get(), m_links);
    QVERIFY2(snapshot.hasValue(), qPrintable(snapshot.error().toString()));
    QCOMPARE(snapshot->records.size(), 30);
    QCOMPARE(snapshot->storeSeq, seq());
    QCOMPARE(snapshot->records.first().value(u"slug"_s).toString(), u"r00"_s);

    // Joining a snapshot with live events while another client writes:
    // every record shows up exactly once, in the snapshot or as an event
    // after the snapshot's store_seq.
    FeedConsumer consumer(m_repo.get(), m_mapLinks);
    QVERIFY(consumer.feed->subscribe().hasValue());
    Peer writer = webSocketPeer();
    QList<QFuture<Result<QVariantMap>>> writes;
    for (int i = 0; i < 40; ++i)
        writes.append(writer.repo->insert(m_mapLinks, link(u"w%1"_s.arg(i, 2, 10, QChar(u'0')), {}, u"u"_s)));
    const Result<RecordSnapshot> joined = RepoBridge::snapshot(m_repo.get(), m_mapLinks);
    QVERIFY2(joined.hasValue(), qPrintable(joined.error().toString()));
    for (const auto &w : std::as_const(writes)) {
        QVERIFY(waitFinished(w));
        QVERIFY(w.result().hasValue());
    }
    // The store's sequence moves before its subscribers are called, so
    // wait for the feed to have handed over the last write.
    const qint64 head = seq();
    QVERIFY(consumer.takeWhen([head](const QList<RecordEvent> &events) {
        return !events.isEmpty() && events.constLast().storeSeq >= head;
    }));
    QStringList seen;
    for (const QVariantMap &r : joined->records)
        seen.append(r.value(u"slug"_s).toString());
    for (const RecordEvent &e : std::as_const(consumer.events)) {
        if (e.storeSeq > joined->storeSeq)
            seen.append(e.slug);
    }
    QCOMPARE(seen.size(), 40);
    QCOMPARE(QSet<QString>(seen.cbegin(), seen.cend()).size(), 40);
}

QTEST_MAIN(tst_Repo)
#include "tst_repo.moc"
