// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#include "dustrepo.h"
#include "dustrecordfeed_p.h"
#include "dustrepotransport_p.h"
#include "dustschema_p.h"

#include <dustclient.h>
#include <duststore.h>

#include <QtCore/qhash.h>
#include <QtCore/qpointer.h>
#include <QtNetwork/qsslconfiguration.h>

#include <atomic>
#include <chrono>
#include <mutex>

using namespace Qt::StringLiterals;

namespace Dust {

namespace {

using TransportPtr = std::shared_ptr<RepoTransport>;

Error invalidSchema()
{
    return Error(Error::Kind::InvalidSchema, u"schema_invalid"_s);
}

Error ifMatchFlat(const Schema &schema)
{
    return Error(Error::Kind::InvalidParams, u"if_match_flat"_s, {{u"schema"_s, schema.name()}});
}

// One write of a record operation.
struct Write
{
    Path path;
    QJsonValue value;
    bool remove = false;
    std::optional<qint64> ifMatch;
};

// Runs writes one after another, stopping at the first failure (no
// rollback, dust-ecto §2.2); the result is the last store_seq.
void writeFrom(TransportPtr transport, std::shared_ptr<const QList<Write>> writes, qsizetype index,
               qint64 lastSeq, AsyncResult<qint64>::Ptr result)
{
    if (index == writes->size()) {
        result->finish(lastSeq);
        return;
    }
    const Write &w = writes->at(index);
    auto step = w.remove ? transport->remove(w.path, w.ifMatch) : transport->put(w.path, w.value, w.ifMatch);
    step->then([transport, writes, index, result](const Result<qint64> &seq) {
        if (!seq)
            result->finish(seq.error());
        else
            writeFrom(transport, writes, index + 1, *seq, result);
    });
}

AsyncResult<qint64>::Ptr writeAll(const TransportPtr &transport, QList<Write> writes)
{
    auto result = AsyncResult<qint64>::create();
    writeFrom(transport, std::make_shared<const QList<Write>>(std::move(writes)), 0, 0, result);
    return result;
}

// Every leaf matching `pattern`, following next_cursor page after page.
void listFrom(TransportPtr transport, QString pattern, PageRequest request,
              std::shared_ptr<Page> gathered, AsyncResult<Page>::Ptr pending)
{
    transport->list(pattern, request)->then([transport, pattern, request, gathered,
                                             pending](const Result<Page> &page) mutable {
        if (!page) {
            pending->finish(page.error());
            return;
        }
        gathered->entries += page->entries;
        gathered->keys += page->keys;
        if (page->nextCursor.isEmpty() || page->nextCursor == request.after) {
            pending->finish(*gathered);
            return;
        }
        request.after = page->nextCursor;
        listFrom(transport, pattern, request, gathered, pending);
    });
}

AsyncResult<Page>::Ptr listAll(const TransportPtr &transport, const QString &pattern, const PageRequest &request)
{
    auto result = AsyncResult<Page>::create();
    listFrom(transport, pattern, request, std::make_shared<Page>(), result);
    return result;
}

// The writes for a whole record: every non-slug field (flat) or the record
// object (map). `only` limits flat writes to those fields.
Result<QList<Write>> recordWrites(const Schema &schema, const QVariantMap &record,
                                  const std::optional<QStringList> &only, std::optional<qint64> ifMatch,
                                  QVariantMap *written)
{
    const Result<QString> slug = schema.slugOfRecord(record);
    if (!slug)
        return slug.error();
    if (ifMatch && schema.mode() == Schema::Mode::Flat)
        return ifMatchFlat(schema);
    const Result<QJsonObject> dumped = schema.dump(record);
    if (!dumped)
        return dumped.error();
    if (written) {
        const Result<QVariantMap> cast = schema.cast(*slug, *dumped);
        if (!cast)
            return cast.error();
        *written = *cast;
    }
    QList<Write> writes;
    if (schema.mode() == Schema::Mode::Map) {
        if (dumped->isEmpty()) {
            return Error(Error::Kind::NothingToWrite, u"nothing_to_write"_s,
                         {{u"message"_s, Repo::tr("struct dumped to an empty body")}});
        }
        writes.append(Write{*schema.recordPath(*slug), *dumped, false, ifMatch});
        return writes;
    }
    for (const Schema::Field &f : schema.fields()) {
        if (f.name == schema.slugField() || (only && !only->contains(f.name)))
            continue;
        writes.append(Write{*schema.fieldPath(*slug, f.name), dumped->value(f.name), false, {}});
    }
    if (writes.isEmpty() && !only) {
        return Error(Error::Kind::NothingToWrite, u"nothing_to_write"_s,
                     {{u"message"_s, Repo::tr("no fields to write")}});
    }
    return writes;
}

} // namespace

// ---- Repo -------------------------------------------------------------------

class RepoPrivate
{
public:
    explicit RepoPrivate(Repo *q);
    ~RepoPrivate();

    Result<TransportPtr> pick() const;
    // The Store the next call would use, if it is the WebSocket transport.
    Store *pickStore() const;

    AsyncResult<QVariantMap>::Ptr insert(const Schema &schema, const QVariantMap &record);
    AsyncResult<QVariantMap>::Ptr update(const Changeset &changeset, std::optional<qint64> ifMatch);
    AsyncResult<qint64>::Ptr remove(const Schema &schema, const QString &slug, std::optional<qint64> ifMatch);
    AsyncResult<std::optional<QVariantMap>>::Ptr get(const Schema &schema, const QString &slug);
    AsyncResult<bool>::Ptr exists(const Schema &schema, const QString &slug);
    AsyncResult<QList<QVariantMap>>::Ptr all(const Schema &schema);
    AsyncResult<qsizetype>::Ptr stream(const Schema &schema, QObject *context,
                                       std::function<void(const QList<QVariantMap> &)> onRecords,
                                       int pageSize);
    AsyncResult<qint64>::Ptr deleteAll(const Schema &schema);
    AsyncResult<BatchResult>::Ptr batchWrite(const QList<RecordOp> &ops);

    Result<SubscriptionId> subscribe(const Schema &schema, QObject *receiver,
                                     std::function<void(const StoreEvent &)> callback,
                                     std::function<void()> onResync,
                                     int maxQueueSize = SubscribeOptions().maxQueueSize);

    static RepoPrivate *get(const Repo *repo) { return repo->d.get(); }

    Repo *q;
    // Destroyed first thing in ~Repo: bridges end their subscriptions then.
    std::unique_ptr<QObject> lifetime = std::make_unique<QObject>();
    // The Repo's work runs here: the HTTP transport lives on it, and write
    // futures of the Store are watched from it.
    WorkerThread thread{u"dust-repo"_s};
    QObject *anchor = nullptr;
    HttpTransport *http = nullptr;

    mutable std::mutex mutex;
    QString store;
    QString token;
    QPointer<Client> client;
    QPointer<Store> storeHandle;
    // Repo subscription id -> the Store and its subscription id.
    QHash<SubscriptionId, std::pair<QPointer<Store>, SubscriptionId>> subscriptions;
    SubscriptionId nextSubscription = 1;
};

RepoPrivate::RepoPrivate(Repo *q) : q(q)
{
    thread.start();
    anchor = new QObject;
    anchor->moveToThread(&thread);
    http = new HttpTransport;
    http->setBaseUrl(QUrl(u"https://dustlayer.io"_s));
    http->moveToThread(&thread);
}

RepoPrivate::~RepoPrivate()
{
    // Requests still in flight finish Cancelled, on the thread they ran on.
    Threading::runBlocking(anchor, [this] {
        delete http;
        delete anchor;
    });
    thread.stop();
}

Store *RepoPrivate::pickStore() const
{
    std::lock_guard lock(mutex);
    if (storeHandle)
        return storeHandle;
    if (!client)
        return nullptr;
    if (Store *s = client->store(store))
        return s;
    // A Client without the store: HTTP, slowly and with no realtime. Say so,
    // but not on every call.
    static std::atomic<qint64> lastWarning{0};
    const qint64 now = std::chrono::duration_cast<std::chrono::seconds>(
                               std::chrono::steady_clock::now().time_since_epoch()).count();
    qint64 last = lastWarning.load();
    if ((last == 0 || now - last >= 60) && lastWarning.compare_exchange_strong(last, now)) {
        qCWarning(lcRepo).noquote() << "the Dust::Client has no store" << store
                                    << "- falling back to the HTTP transport (slow, no realtime)";
    }
    return nullptr;
}

Result<TransportPtr> RepoPrivate::pick() const
{
    if (Store *s = pickStore())
        return TransportPtr(std::make_shared<StoreRepoTransport>(s, anchor));
    std::lock_guard lock(mutex);
    if (store.isEmpty())
        return Error(Error::Kind::InvalidParams, u"missing_store"_s);
    if (token.isEmpty())
        return Error(Error::Kind::InvalidParams, u"missing_token"_s);
    return TransportPtr(std::make_shared<HttpRepoTransport>(http));
}

namespace {

// The record as written, once every write of it succeeded.
AsyncResult<QVariantMap>::Ptr writeRecord(const TransportPtr &transport, const QList<Write> &writes,
                                          const QVariantMap &written)
{
    auto result = AsyncResult<QVariantMap>::create();
    writeAll(transport, writes)->then([result, written](const Result<qint64> &seq) {
        result->finish(seq ? Result<QVariantMap>(written) : Result<QVariantMap>(seq.error()));
    });
    return result;
}

} // namespace

AsyncResult<QVariantMap>::Ptr RepoPrivate::insert(const Schema &schema, const QVariantMap &record)
{
    using R = AsyncResult<QVariantMap>;
    if (!schema.isValid())
        return R::ready(invalidSchema());
    QVariantMap written;
    const Result<QList<Write>> writes = recordWrites(schema, record, std::nullopt, std::nullopt, &written);
    if (!writes)
        return R::ready(writes.error());
    const Result<TransportPtr> transport = pick();
    if (!transport)
        return R::ready(transport.error());
    return writeRecord(*transport, *writes, written);
}

AsyncResult<QVariantMap>::Ptr RepoPrivate::update(const Changeset &changeset, std::optional<qint64> ifMatch)
{
    using R = AsyncResult<QVariantMap>;
    const Schema schema = changeset.schema();
    if (!schema.isValid())
        return R::ready(invalidSchema());
    if (!changeset.isValid())
        return R::ready(changeset.toError());
    QVariantMap written;
    QStringList changed = changeset.changedFields();
    changed.removeAll(schema.slugField());
    const Result<QList<Write>> writes = recordWrites(schema, changeset.apply(), changed, ifMatch, &written);
    if (!writes)
        return R::ready(writes.error());
    if (changed.isEmpty())
        return R::ready(written);
    const Result<TransportPtr> transport = pick();
    if (!transport)
        return R::ready(transport.error());
    return writeRecord(*transport, *writes, written);
}

AsyncResult<qint64>::Ptr RepoPrivate::remove(const Schema &schema, const QString &slug, std::optional<qint64> ifMatch)
{
    using R = AsyncResult<qint64>;
    if (!schema.isValid())
        return R::ready(invalidSchema());
    const Result<Path> path = schema.recordPath(slug);
    if (!path)
        return R::ready(path.error());
    const Result<TransportPtr> transport = pick();
    if (!transport)
        return R::ready(transport.error());
    return (*transport)->remove(*path, ifMatch);
}

AsyncResult<std::optional<QVariantMap>>::Ptr RepoPrivate::get(const Schema &schema, const QString &slug)
{
    using R = AsyncResult<std::optional<QVariantMap>>;
    if (!schema.isValid())
        return R::ready(invalidSchema());
    const Result<Path> path = schema.recordPath(slug);
    if (!path)
        return R::ready(path.error());
    const Result<TransportPtr> transport = pick();
    if (!transport)
        return R::ready(transport.error());
    auto result = R::create();
    (*transport)->get(*path)->then([result, schema, slug](const Result<std::optional<Entry>> &entry) {
        if (!entry)
            result->finish(entry.error());
        else if (!*entry)
            result->finish(std::optional<QVariantMap>());
        else
            result->finish(schema.load(slug, (*entry)->value));
    });
    return result;
}

AsyncResult<bool>::Ptr RepoPrivate::exists(const Schema &schema, const QString &slug)
{
    using R = AsyncResult<bool>;
    if (!schema.isValid())
        return R::ready(invalidSchema());
    const Result<Path> path = schema.recordPath(slug);
    if (!path)
        return R::ready(path.error());
    const Result<TransportPtr> transport = pick();
    if (!transport)
        return R::ready(transport.error());
    return (*transport)->exists(*path);
}

AsyncResult<QList<QVariantMap>>::Ptr RepoPrivate::all(const Schema &schema)
{
    using R = AsyncResult<QList<QVariantMap>>;
    if (!schema.isValid())
        return R::ready(invalidSchema());
    const Result<TransportPtr> transport = pick();
    if (!transport)
        return R::ready(transport.error());
    PageRequest request;
    request.limit = Repo::AllPageSize;
    request.select = PageRequest::Select::Entries;
    auto result = R::create();
    listAll(*transport, schema.pattern(), request)->then([result, schema](const Result<Page> &page) {
        if (!page)
            result->finish(page.error());
        else
            result->finish(schema.loadEntries(page->entries));
    });
    return result;
}

namespace {

struct StreamState
{
    TransportPtr transport;
    Schema schema;
    QPointer<QObject> context;
    bool hasContext = false;
    std::function<void(const QList<QVariantMap> &)> onRecords;
    PageRequest request;
    RecordGrouper grouper;
    qsizetype delivered = 0;
    AsyncResult<qsizetype>::Ptr result;
};

// Runs `f` in the stream's context thread. When the context is gone, the
// work is dropped with the state, and the stream ends Cancelled.
void inContext(const std::shared_ptr<StreamState> &state, std::function<void()> f)
{
    if (!state->hasContext) {
        f();
        return;
    }
    Threading::post(state->context.data(), std::move(f));
}

void streamPage(std::shared_ptr<StreamState> state)
{
    state->transport->list(state->schema.pattern(), state->request)->then([state](const Result<Page> &page) {
        if (!page) {
            state->result->finish(page.error());
            return;
        }
        const bool last = page->nextCursor.isEmpty() || page->nextCursor == state->request.after;
        QList<StoredRecord> closed;
        for (const Entry &e : page->entries) {
            if (std::optional<StoredRecord> r = state->grouper.add(e))
                closed.append(std::move(*r));
        }
        if (last) {
            if (std::optional<StoredRecord> r = state->grouper.finish())
                closed.append(std::move(*r));
        }
        state->request.after = page->nextCursor;
        inContext(state, [state, closed, last] {
            QList<QVariantMap> records;
            for (const StoredRecord &stored : closed) {
                if (std::optional<QVariantMap> r = state->schema.load(stored.slug, stored.fields))
                    records.append(std::move(*r));
            }
            if (!records.isEmpty()) {
                state->delivered += records.size();
                state->onRecords(records);
            }
            if (last)
                state->result->finish(state->delivered);
            else
                streamPage(state);
        });
    });
}

} // namespace

AsyncResult<qsizetype>::Ptr RepoPrivate::stream(const Schema &schema, QObject *context,
                                                std::function<void(const QList<QVariantMap> &)> onRecords,
                                                int pageSize)
{
    using R = AsyncResult<qsizetype>;
    if (!schema.isValid())
        return R::ready(invalidSchema());
    if (!onRecords || pageSize <= 0 || pageSize > PageRequest::MaxLimit)
        return R::ready(Error(Error::Kind::InvalidParams, u"invalid_params"_s));
    const Result<TransportPtr> transport = pick();
    if (!transport)
        return R::ready(transport.error());
    auto state = std::make_shared<StreamState>(StreamState{*transport, schema, context, context != nullptr,
                                                           std::move(onRecords), {}, RecordGrouper(schema), 0,
                                                           R::create()});
    state->request.limit = pageSize;
    state->request.select = PageRequest::Select::Entries;
    AsyncResult<qsizetype>::Ptr result = state->result;
    streamPage(state);
    return result;
}

AsyncResult<qint64>::Ptr RepoPrivate::deleteAll(const Schema &schema)
{
    using R = AsyncResult<qint64>;
    if (!schema.isValid())
        return R::ready(invalidSchema());
    const Result<TransportPtr> picked = pick();
    if (!picked)
        return R::ready(picked.error());
    const TransportPtr transport = *picked;
    PageRequest request;
    request.limit = PageRequest::MaxLimit;
    request.select = PageRequest::Select::Keys;
    auto result = R::create();
    listAll(transport, schema.pattern(), request)->then([transport, schema, result](const Result<Page> &page) {
        if (!page) {
            result->finish(page.error());
            return;
        }
        QStringList slugs;
        for (const QString &key : page->keys) {
            const Result<Path> path = Path::parse(key);
            const std::optional<QString> slug = path ? schema.slugOf(*path) : std::nullopt;
            if (slug && (slugs.isEmpty() || slugs.last() != *slug))
                slugs.append(*slug);
        }
        for (const Entry &e : page->entries) {
            const std::optional<QString> slug = schema.slugOf(e.path);
            if (slug && (slugs.isEmpty() || slugs.last() != *slug))
                slugs.append(*slug);
        }
        slugs.removeDuplicates();
        QList<Write> writes;
        for (const QString &slug : std::as_const(slugs))
            writes.append(Write{*schema.recordPath(slug), {}, true, {}});
        writes.append(Write{schema.prefixPath(), {}, true, {}});
        if (transport->kind() == Repo::Transport::Http) {
            QList<BatchOp> ops;
            for (const Write &w : std::as_const(writes))
                ops.append(BatchOp::remove(w.path));
            transport->batchWrite(ops)->then([result](const Result<BatchResult> &r) {
                result->finish(r ? Result<qint64>(r->storeSeq) : Result<qint64>(r.error()));
            });
            return;
        }
        writeAll(transport, writes)->then([result](const Result<qint64> &seq) { result->finish(seq); });
    });
    return result;
}

AsyncResult<BatchResult>::Ptr RepoPrivate::batchWrite(const QList<RecordOp> &ops)
{
    using R = AsyncResult<BatchResult>;
    QList<BatchOp> wire;
    for (qsizetype i = 0; i < ops.size(); ++i) {
        const RecordOp &op = ops.at(i);
        const Schema schema = op.m_changeset.schema();
        if (op.m_kind == RecordOp::Kind::Invalid || !schema.isValid()) {
            return R::ready(Error(Error::Kind::InvalidParams, u"unrecognized_batch_op"_s,
                                  {{u"op_index"_s, int(i)}}));
        }
        if (op.m_kind == RecordOp::Kind::Delete) {
            const Result<Path> path = schema.recordPath(op.m_slug);
            if (!path)
                return R::ready(path.error());
            wire.append(BatchOp::remove(*path, op.m_ifMatch));
            continue;
        }
        if (op.m_validate && !op.m_changeset.isValid())
            return R::ready(op.m_changeset.toError());
        const Result<QList<Write>> writes = recordWrites(schema, op.m_changeset.apply(), std::nullopt,
                                                         op.m_ifMatch, nullptr);
        if (!writes)
            return R::ready(writes.error());
        for (const Write &w : *writes)
            wire.append(BatchOp::set(w.path, w.value, w.ifMatch));
    }
    const Result<TransportPtr> transport = pick();
    if (!transport)
        return R::ready(transport.error());
    return (*transport)->batchWrite(wire);
}

Repo::Repo(QObject *parent) : QObject(parent), d(new RepoPrivate(this)) { }

Repo::Repo(Client *client, const QString &store, QObject *parent) : Repo(parent)
{
    setClient(client);
    setStoreName(store);
}

Repo::Repo(Store *store, QObject *parent) : Repo(parent)
{
    setStoreHandle(store);
    if (store)
        setStoreName(store->name());
}

Repo::Repo(const QUrl &baseUrl, const QString &token, const QString &store, QObject *parent)
    : Repo(parent)
{
    setBaseUrl(baseUrl);
    setToken(token);
    setStoreName(store);
}

Repo::~Repo()
{
    d->lifetime.reset();
    const QList<SubscriptionId> ids = [this] {
        std::lock_guard lock(d->mutex);
        return d->subscriptions.keys();
    }();
    for (SubscriptionId id : ids)
        unsubscribe(id);
}

Client *Repo::client() const
{
    std::lock_guard lock(d->mutex);
    return d->client;
}

void Repo::setClient(Client *client)
{
    std::lock_guard lock(d->mutex);
    d->client = client;
}

Store *Repo::storeHandle() const
{
    std::lock_guard lock(d->mutex);
    return d->storeHandle;
}

void Repo::setStoreHandle(Store *store)
{
    std::lock_guard lock(d->mutex);
    d->storeHandle = store;
}

QString Repo::storeName() const
{
    std::lock_guard lock(d->mutex);
    return d->store;
}

void Repo::setStoreName(const QString &store)
{
    {
        std::lock_guard lock(d->mutex);
        if (d->store == store)
            return;
        d->store = store;
    }
    d->http->setStore(store);
    emit storeNameChanged();
}

QUrl Repo::baseUrl() const
{
    return d->http->baseUrl();
}

void Repo::setBaseUrl(const QUrl &url)
{
    if (d->http->baseUrl() == url)
        return;
    d->http->setBaseUrl(url);
    emit baseUrlChanged();
}

QString Repo::token() const
{
    std::lock_guard lock(d->mutex);
    return d->token;
}

void Repo::setToken(const QString &token)
{
    {
        std::lock_guard lock(d->mutex);
        if (d->token == token)
            return;
        d->token = token;
    }
    d->http->setToken(token);
    emit tokenChanged();
}

int Repo::receiveTimeout() const
{
    return d->http->receiveTimeout();
}

void Repo::setReceiveTimeout(int ms)
{
    if (d->http->receiveTimeout() == ms)
        return;
    d->http->setReceiveTimeout(ms);
    emit receiveTimeoutChanged();
}

int Repo::connectTimeout() const
{
    return d->http->connectTimeout();
}

void Repo::setConnectTimeout(int ms)
{
    if (d->http->connectTimeout() == ms)
        return;
    d->http->setConnectTimeout(ms);
    emit connectTimeoutChanged();
}

QSslConfiguration Repo::sslConfiguration() const
{
    return d->http->sslConfiguration();
}

void Repo::setSslConfiguration(const QSslConfiguration &configuration)
{
    d->http->setSslConfiguration(configuration);
}

Result<Repo::Transport> Repo::transport() const
{
    const Result<TransportPtr> t = d->pick();
    if (!t)
        return t.error();
    return (*t)->kind();
}

QFuture<Result<QVariantMap>> Repo::insert(const Schema &schema, const QVariantMap &record)
{
    return d->insert(schema, record)->future();
}

QFuture<Result<QVariantMap>> Repo::insert(const Changeset &changeset)
{
    if (!changeset.isValid())
        return AsyncResult<QVariantMap>::readyFuture(changeset.toError());
    return d->insert(changeset.schema(), changeset.apply())->future();
}

QFuture<Result<QVariantMap>> Repo::update(const Changeset &changeset, std::optional<qint64> ifMatch)
{
    return d->update(changeset, ifMatch)->future();
}

QFuture<Result<qint64>> Repo::remove(const Schema &schema, const QString &slug, std::optional<qint64> ifMatch)
{
    return d->remove(schema, slug, ifMatch)->future();
}

QFuture<Result<qint64>> Repo::remove(const Schema &schema, const QVariantMap &record, std::optional<qint64> ifMatch)
{
    const Result<QString> slug = schema.slugOfRecord(record);
    if (!slug)
        return AsyncResult<qint64>::readyFuture(slug.error());
    return d->remove(schema, *slug, ifMatch)->future();
}

QFuture<Result<std::optional<QVariantMap>>> Repo::get(const Schema &schema, const QString &slug)
{
    return d->get(schema, slug)->future();
}

QFuture<Result<bool>> Repo::exists(const Schema &schema, const QString &slug)
{
    return d->exists(schema, slug)->future();
}

QFuture<Result<QList<QVariantMap>>> Repo::all(const Schema &schema)
{
    return d->all(schema)->future();
}

QFuture<Result<qsizetype>> Repo::stream(const Schema &schema, QObject *context,
                                        std::function<void(const QList<QVariantMap> &)> onRecords,
                                        int pageSize)
{
    return d->stream(schema, context, std::move(onRecords), pageSize)->future();
}

QFuture<Result<qint64>> Repo::deleteAll(const Schema &schema)
{
    return d->deleteAll(schema)->future();
}

QFuture<Result<BatchResult>> Repo::batchWrite(const QList<RecordOp> &ops)
{
    return d->batchWrite(ops)->future();
}

void Repo::insertWith(const Schema &schema, const QVariantMap &record, Done<QVariantMap> done)
{
    d->insert(schema, record)->then(std::move(done));
}

void Repo::updateWith(const Changeset &changeset, std::optional<qint64> ifMatch, Done<QVariantMap> done)
{
    d->update(changeset, ifMatch)->then(std::move(done));
}

void Repo::getWith(const Schema &schema, const QString &slug, Done<std::optional<QVariantMap>> done)
{
    d->get(schema, slug)->then(std::move(done));
}

void Repo::allWith(const Schema &schema, Done<QList<QVariantMap>> done)
{
    d->all(schema)->then(std::move(done));
}

void Repo::publish()
{
    Threading::publish();
}

// ---- Subscriptions ------------------------------------------------------------

namespace {

Error notSupportedOverHttp()
{
    return Error(Error::Kind::NotSupported, u"not_supported"_s,
                 {{u"message"_s, Repo::tr("realtime needs the WebSocket transport (a Dust::Client with this store)")}});
}

std::optional<RecordEvent> decodeWith(Store *store, const Schema &schema, const StoreEvent &event)
{
    return RecordFeed::decode(store, schema, event, RecordFeed::WholeRecord::FromStore);
}

} // namespace

Result<SubscriptionId> RepoPrivate::subscribe(const Schema &schema, QObject *receiver,
                                              std::function<void(const StoreEvent &)> callback,
                                              std::function<void()> onResync, int maxQueueSize)
{
    if (!schema.isValid())
        return invalidSchema();
    const Result<TransportPtr> transport = pick();
    if (!transport)
        return transport.error();
    if ((*transport)->kind() != Repo::Transport::WebSocket)
        return notSupportedOverHttp();
    Store *store = static_cast<StoreRepoTransport *>(transport->get())->store();
    SubscribeOptions options;
    options.mode = SubscribeOptions::Mode::Committed;
    options.onResync = std::move(onResync);
    options.maxQueueSize = maxQueueSize;
    const Result<SubscriptionId> id = receiver ? store->on(schema.pattern(), receiver, std::move(callback), options)
                                               : store->on(schema.pattern(), std::move(callback), options);
    if (!id)
        return id.error();
    std::lock_guard lock(mutex);
    const SubscriptionId own = nextSubscription++;
    subscriptions.insert(own, {QPointer<Store>(store), *id});
    return own;
}

Result<SubscriptionId> Repo::subscribe(const Schema &schema, std::function<void(const RecordEvent &)> callback,
                                       std::function<void()> onResync)
{
    Store *store = d->pickStore();
    return d->subscribe(schema, nullptr, [schema, store, callback = std::move(callback)](const StoreEvent &e) {
        if (const std::optional<RecordEvent> event = decodeWith(store, schema, e))
            callback(*event);
    }, std::move(onResync));
}

Result<SubscriptionId> Repo::subscribe(const Schema &schema, QObject *receiver,
                                       std::function<void(const RecordEvent &)> callback,
                                       std::function<void()> onResync)
{
    if (!receiver)
        return Error(Error::Kind::InvalidParams, u"missing_receiver"_s);
    Store *store = d->pickStore();
    return d->subscribe(schema, receiver, [schema, store, callback = std::move(callback)](const StoreEvent &e) {
        if (const std::optional<RecordEvent> event = decodeWith(store, schema, e))
            callback(*event);
    }, std::move(onResync));
}

int Repo::subscriptionCount() const
{
    std::lock_guard lock(d->mutex);
    return int(d->subscriptions.size());
}

void Repo::unsubscribe(SubscriptionId id)
{
    std::pair<QPointer<Store>, SubscriptionId> entry;
    {
        std::lock_guard lock(d->mutex);
        if (!d->subscriptions.contains(id))
            return;
        entry = d->subscriptions.take(id);
    }
    if (entry.first)
        entry.first->off(entry.second);
}

// ---- For bridges ----------------------------------------------------------------

namespace RepoBridge {

Result<SubscriptionId> subscribe(Repo *repo, const Schema &schema, std::function<void(const StoreEvent &)> callback,
                                 std::function<void()> onResync, int maxQueueSize)
{
    return RepoPrivate::get(repo)->subscribe(schema, nullptr, std::move(callback), std::move(onResync),
                                             maxQueueSize);
}

Result<RecordSnapshot> snapshot(const Repo *repo, const Schema &schema)
{
    if (!schema.isValid())
        return invalidSchema();
    const Result<TransportPtr> transport = RepoPrivate::get(repo)->pick();
    if (!transport)
        return transport.error();
    if ((*transport)->kind() != Repo::Transport::WebSocket)
        return notSupportedOverHttp();
    Store *store = static_cast<StoreRepoTransport *>(transport->get())->store();
    const Result<EntrySnapshot> entries = store->snapshot(schema.pattern());
    if (!entries)
        return entries.error();
    return RecordSnapshot{schema.loadEntries(entries->entries), entries->storeSeq};
}

Store *storeOf(const Repo *repo)
{
    return RepoPrivate::get(repo)->pickStore();
}

QObject *lifetimeOf(const Repo *repo)
{
    return RepoPrivate::get(repo)->lifetime.get();
}

} // namespace RepoBridge

} // namespace Dust
