// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#include "dustrepo.h"
#include "dustpending_p.h"
#include "dustrepotransport_p.h"
#include "dustschema_p.h"

#include <QtCore/qmetaobject.h>
#include <QtCore/qmutex.h>
#include <QtCore/qpointer.h>

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
               qint64 lastSeq, std::shared_ptr<Pending<qint64>> pending)
{
    if (index == writes->size()) {
        pending->finish(lastSeq);
        return;
    }
    const Write &w = writes->at(index);
    QFuture<Result<qint64>> f = w.remove ? transport->remove(w.path, w.ifMatch)
                                         : transport->put(w.path, w.value, w.ifMatch);
    f.then(QtFuture::Launch::Sync, [transport, writes, index, pending](const Result<qint64> &seq) {
        if (!seq)
            pending->finish(seq.error());
        else
            writeFrom(transport, writes, index + 1, *seq, pending);
    });
}

QFuture<Result<qint64>> writeAll(const TransportPtr &transport, QList<Write> writes)
{
    auto pending = Pending<qint64>::create();
    QFuture<Result<qint64>> future = pending->future();
    writeFrom(transport, std::make_shared<const QList<Write>>(std::move(writes)), 0, 0, pending);
    return future;
}

// Every leaf matching `pattern`, following next_cursor page after page.
void listFrom(TransportPtr transport, QString pattern, PageRequest request,
              std::shared_ptr<Page> gathered, std::shared_ptr<Pending<Page>> pending)
{
    transport->list(pattern, request)
            .then(QtFuture::Launch::Sync,
                  [transport, pattern, request, gathered, pending](const Result<Page> &page) mutable {
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

QFuture<Result<Page>> listAll(const TransportPtr &transport, const QString &pattern, const PageRequest &request)
{
    auto pending = Pending<Page>::create();
    QFuture<Result<Page>> future = pending->future();
    listFrom(transport, pattern, request, std::make_shared<Page>(), pending);
    return future;
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
                         {{u"message"_s, u"struct dumped to an empty body"_s}});
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
                     {{u"message"_s, u"no fields to write"_s}});
    }
    return writes;
}

} // namespace

// ---- RecordOp ---------------------------------------------------------------

RecordOp RecordOp::insert(const Schema &schema, const QVariantMap &record)
{
    RecordOp op;
    op.m_kind = Kind::Insert;
    op.m_changeset = Changeset(schema, record);
    return op;
}

RecordOp RecordOp::insert(const Changeset &changeset)
{
    RecordOp op;
    op.m_kind = Kind::Insert;
    op.m_changeset = changeset;
    op.m_validate = true;
    return op;
}

RecordOp RecordOp::update(const Changeset &changeset, std::optional<qint64> ifMatch)
{
    RecordOp op;
    op.m_kind = Kind::Update;
    op.m_changeset = changeset;
    op.m_validate = true;
    op.m_ifMatch = ifMatch;
    return op;
}

RecordOp RecordOp::remove(const Schema &schema, const QString &slug, std::optional<qint64> ifMatch)
{
    RecordOp op;
    op.m_kind = Kind::Delete;
    op.m_changeset = Changeset(schema);
    op.m_slug = slug;
    op.m_ifMatch = ifMatch;
    return op;
}

// ---- Repo -------------------------------------------------------------------

class RepoPrivate
{
public:
    explicit RepoPrivate(Repo *q) : q(q), http(new HttpTransport(q)) { }

    Result<TransportPtr> pick() const;

    Repo *q;
    mutable QMutex mutex;
    QString store;
    QString token;
    HttpTransport *http;
};

Result<TransportPtr> RepoPrivate::pick() const
{
    QMutexLocker lock(&mutex);
    if (store.isEmpty())
        return Error(Error::Kind::InvalidParams, u"missing_store"_s);
    if (token.isEmpty())
        return Error(Error::Kind::InvalidParams, u"missing_token"_s);
    return TransportPtr(std::make_shared<HttpRepoTransport>(http));
}

Repo::Repo(QObject *parent) : QObject(parent), d(new RepoPrivate(this))
{
    d->http->setBaseUrl(QUrl(u"https://dustlayer.io"_s));
}

Repo::Repo(const QUrl &baseUrl, const QString &token, const QString &store, QObject *parent)
    : Repo(parent)
{
    setBaseUrl(baseUrl);
    setToken(token);
    setStore(store);
}

Repo::~Repo()
{
    emit aboutToBeDestroyed();
    // The HTTP transport finishes its requests (Cancelled) while the Repo
    // is still whole.
    delete d->http;
    d->http = nullptr;
}

QString Repo::store() const
{
    QMutexLocker lock(&d->mutex);
    return d->store;
}

void Repo::setStore(const QString &store)
{
    {
        QMutexLocker lock(&d->mutex);
        if (d->store == store)
            return;
        d->store = store;
    }
    d->http->setStore(store);
    emit storeChanged();
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
    QMutexLocker lock(&d->mutex);
    return d->token;
}

void Repo::setToken(const QString &token)
{
    {
        QMutexLocker lock(&d->mutex);
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

Result<Repo::Transport> Repo::transport() const
{
    const Result<TransportPtr> t = d->pick();
    if (!t)
        return t.error();
    return (*t)->kind();
}

QFuture<Result<QVariantMap>> Repo::insert(const Schema &schema, const QVariantMap &record)
{
    if (!schema.isValid())
        return Pending<QVariantMap>::ready(invalidSchema());
    QVariantMap written;
    const Result<QList<Write>> writes = recordWrites(schema, record, std::nullopt, std::nullopt, &written);
    if (!writes)
        return Pending<QVariantMap>::ready(writes.error());
    const Result<TransportPtr> transport = d->pick();
    if (!transport)
        return Pending<QVariantMap>::ready(transport.error());
    return writeAll(*transport, *writes)
            .then(QtFuture::Launch::Sync, [written](const Result<qint64> &seq) -> Result<QVariantMap> {
                if (!seq)
                    return seq.error();
                return written;
            });
}

QFuture<Result<QVariantMap>> Repo::insert(const Changeset &changeset)
{
    if (!changeset.isValid())
        return Pending<QVariantMap>::ready(changeset.toError());
    return insert(changeset.schema(), changeset.apply());
}

QFuture<Result<QVariantMap>> Repo::update(const Changeset &changeset, std::optional<qint64> ifMatch)
{
    const Schema schema = changeset.schema();
    if (!schema.isValid())
        return Pending<QVariantMap>::ready(invalidSchema());
    if (!changeset.isValid())
        return Pending<QVariantMap>::ready(changeset.toError());
    QVariantMap written;
    QStringList changed = changeset.changedFields();
    changed.removeAll(schema.slugField());
    const Result<QList<Write>> writes = recordWrites(schema, changeset.apply(), changed, ifMatch, &written);
    if (!writes)
        return Pending<QVariantMap>::ready(writes.error());
    if (changed.isEmpty())
        return Pending<QVariantMap>::ready(written);
    const Result<TransportPtr> transport = d->pick();
    if (!transport)
        return Pending<QVariantMap>::ready(transport.error());
    return writeAll(*transport, *writes)
            .then(QtFuture::Launch::Sync, [written](const Result<qint64> &seq) -> Result<QVariantMap> {
                if (!seq)
                    return seq.error();
                return written;
            });
}

QFuture<Result<qint64>> Repo::remove(const Schema &schema, const QString &slug, std::optional<qint64> ifMatch)
{
    if (!schema.isValid())
        return Pending<qint64>::ready(invalidSchema());
    const Result<Path> path = schema.recordPath(slug);
    if (!path)
        return Pending<qint64>::ready(path.error());
    const Result<TransportPtr> transport = d->pick();
    if (!transport)
        return Pending<qint64>::ready(transport.error());
    return (*transport)->remove(*path, ifMatch);
}

QFuture<Result<qint64>> Repo::remove(const Schema &schema, const QVariantMap &record, std::optional<qint64> ifMatch)
{
    const Result<QString> slug = schema.slugOfRecord(record);
    if (!slug)
        return Pending<qint64>::ready(slug.error());
    return remove(schema, *slug, ifMatch);
}

QFuture<Result<std::optional<QVariantMap>>> Repo::get(const Schema &schema, const QString &slug)
{
    using R = Result<std::optional<QVariantMap>>;
    if (!schema.isValid())
        return Pending<std::optional<QVariantMap>>::ready(invalidSchema());
    const Result<Path> path = schema.recordPath(slug);
    if (!path)
        return Pending<std::optional<QVariantMap>>::ready(path.error());
    const Result<TransportPtr> transport = d->pick();
    if (!transport)
        return Pending<std::optional<QVariantMap>>::ready(transport.error());
    return (*transport)->get(*path).then(QtFuture::Launch::Sync,
                                         [schema, slug](const Result<std::optional<Entry>> &entry) -> R {
        if (!entry)
            return entry.error();
        if (!*entry)
            return std::optional<QVariantMap>();
        return schema.load(slug, (*entry)->value);
    });
}

QFuture<Result<bool>> Repo::exists(const Schema &schema, const QString &slug)
{
    if (!schema.isValid())
        return Pending<bool>::ready(invalidSchema());
    const Result<Path> path = schema.recordPath(slug);
    if (!path)
        return Pending<bool>::ready(path.error());
    const Result<TransportPtr> transport = d->pick();
    if (!transport)
        return Pending<bool>::ready(transport.error());
    return (*transport)->exists(*path);
}

QFuture<Result<QList<QVariantMap>>> Repo::all(const Schema &schema)
{
    if (!schema.isValid())
        return Pending<QList<QVariantMap>>::ready(invalidSchema());
    const Result<TransportPtr> transport = d->pick();
    if (!transport)
        return Pending<QList<QVariantMap>>::ready(transport.error());
    PageRequest request;
    request.limit = AllPageSize;
    request.select = PageRequest::Select::Entries;
    return listAll(*transport, schema.pattern(), request)
            .then(QtFuture::Launch::Sync, [schema](const Result<Page> &page) -> Result<QList<QVariantMap>> {
                if (!page)
                    return page.error();
                return schema.loadEntries(page->entries);
            });
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
    std::shared_ptr<Pending<qsizetype>> pending;
};

void streamPage(std::shared_ptr<StreamState> state);

// Runs `f` in the stream's context thread; when the context is gone the
// state is dropped and the stream ends Cancelled.
void inContext(const std::shared_ptr<StreamState> &state, std::function<void()> f)
{
    if (!state->hasContext) {
        f();
        return;
    }
    QObject *context = state->context.data();
    if (!context) {
        state->pending->finish(Error(Error::Kind::Cancelled, u"closed"_s));
        return;
    }
    QMetaObject::invokeMethod(context, std::move(f), Qt::AutoConnection);
}

void streamPage(std::shared_ptr<StreamState> state)
{
    state->transport->list(state->schema.pattern(), state->request)
            .then(QtFuture::Launch::Sync, [state](const Result<Page> &page) {
        if (!page) {
            state->pending->finish(page.error());
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
                state->pending->finish(state->delivered);
            else
                streamPage(state);
        });
    });
}

} // namespace

QFuture<Result<qsizetype>> Repo::stream(const Schema &schema, QObject *context,
                                        std::function<void(const QList<QVariantMap> &)> onRecords,
                                        int pageSize)
{
    if (!schema.isValid())
        return Pending<qsizetype>::ready(invalidSchema());
    if (!onRecords || pageSize <= 0 || pageSize > PageRequest::MaxLimit)
        return Pending<qsizetype>::ready(Error(Error::Kind::InvalidParams, u"invalid_params"_s));
    const Result<TransportPtr> transport = d->pick();
    if (!transport)
        return Pending<qsizetype>::ready(transport.error());
    auto state = std::make_shared<StreamState>(StreamState{*transport, schema, context, context != nullptr,
                                                           std::move(onRecords), {}, RecordGrouper(schema), 0,
                                                           Pending<qsizetype>::create()});
    state->request.limit = pageSize;
    state->request.select = PageRequest::Select::Entries;
    QFuture<Result<qsizetype>> future = state->pending->future();
    streamPage(state);
    return future;
}

QFuture<Result<qint64>> Repo::deleteAll(const Schema &schema)
{
    if (!schema.isValid())
        return Pending<qint64>::ready(invalidSchema());
    const Result<TransportPtr> picked = d->pick();
    if (!picked)
        return Pending<qint64>::ready(picked.error());
    const TransportPtr transport = *picked;
    PageRequest request;
    request.limit = PageRequest::MaxLimit;
    request.select = PageRequest::Select::Keys;
    auto pending = Pending<qint64>::create();
    QFuture<Result<qint64>> future = pending->future();
    listAll(transport, schema.pattern(), request)
            .then(QtFuture::Launch::Sync, [transport, schema, pending](const Result<Page> &page) {
        if (!page) {
            pending->finish(page.error());
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
            transport->batchWrite(ops).then(QtFuture::Launch::Sync, [pending](const Result<BatchResult> &r) {
                pending->finish(r ? Result<qint64>(r->storeSeq) : Result<qint64>(r.error()));
            });
            return;
        }
        writeAll(transport, writes).then(QtFuture::Launch::Sync, [pending](const Result<qint64> &seq) {
            pending->finish(seq);
        });
    });
    return future;
}

QFuture<Result<BatchResult>> Repo::batchWrite(const QList<RecordOp> &ops)
{
    QList<BatchOp> wire;
    for (qsizetype i = 0; i < ops.size(); ++i) {
        const RecordOp &op = ops.at(i);
        const Schema schema = op.m_changeset.schema();
        if (op.m_kind == RecordOp::Kind::Invalid || !schema.isValid()) {
            return Pending<BatchResult>::ready(
                    Error(Error::Kind::InvalidParams, u"unrecognized_batch_op"_s, {{u"op_index"_s, int(i)}}));
        }
        if (op.m_kind == RecordOp::Kind::Delete) {
            const Result<Path> path = schema.recordPath(op.m_slug);
            if (!path)
                return Pending<BatchResult>::ready(path.error());
            wire.append(BatchOp::remove(*path, op.m_ifMatch));
            continue;
        }
        if (op.m_validate && !op.m_changeset.isValid())
            return Pending<BatchResult>::ready(op.m_changeset.toError());
        const Result<QList<Write>> writes = recordWrites(schema, op.m_changeset.apply(), std::nullopt,
                                                         op.m_ifMatch, nullptr);
        if (!writes)
            return Pending<BatchResult>::ready(writes.error());
        for (const Write &w : *writes)
            wire.append(BatchOp::set(w.path, w.value, w.ifMatch));
    }
    const Result<TransportPtr> transport = d->pick();
    if (!transport)
        return Pending<BatchResult>::ready(transport.error());
    return (*transport)->batchWrite(wire);
}

} // namespace Dust
