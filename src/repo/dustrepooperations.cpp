// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#include "dustrepooperations_p.h"
#include "dustrecordmapper_p.h"
#include "dustrepo.h"
#include "dustschema_p.h"

#include <QtCore/qpointer.h>

using namespace Qt::StringLiterals;

namespace Dust {

namespace {

using TransportPtr = RepoTransportSelector::TransportPtr;

// Runs writes one after another, stopping at the first failure (no
// rollback, dust-ecto §2.2); the result is the last store_seq.
void writeFrom(TransportPtr transport, std::shared_ptr<const QList<RecordWrite>> writes, qsizetype index,
               qint64 lastSeq, AsyncResult<qint64>::Ptr result)
{
    if (index == writes->size()) {
        result->finish(lastSeq);
        return;
    }
    const RecordWrite &w = writes->at(index);
    auto step = w.remove ? transport->remove(w.path, w.ifMatch) : transport->put(w.path, w.value, w.ifMatch);
    step->then([transport, writes, index, result](const Result<qint64> &seq) {
        if (!seq)
            result->finish(seq.error());
        else
            writeFrom(transport, writes, index + 1, *seq, result);
    });
}

AsyncResult<qint64>::Ptr writeAll(const TransportPtr &transport, QList<RecordWrite> writes)
{
    auto result = AsyncResult<qint64>::create();
    writeFrom(transport, std::make_shared<const QList<RecordWrite>>(std::move(writes)), 0, 0, result);
    return result;
}

// The record as written, once every write of it succeeded.
AsyncResult<QVariantMap>::Ptr writeRecord(const TransportPtr &transport, const QList<RecordWrite> &writes,
                                          const QVariantMap &written)
{
    auto result = AsyncResult<QVariantMap>::create();
    writeAll(transport, writes)->then([result, written](const Result<qint64> &seq) {
        result->finish(seq ? Result<QVariantMap>(written) : Result<QVariantMap>(seq.error()));
    });
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

// Deletes every record, then the bare prefix: over HTTP as one atomic batch.
AsyncResult<qint64>::Ptr removeAll(const TransportPtr &transport, const QList<RecordWrite> &writes)
{
    if (transport->kind() != Repo::Transport::Http)
        return writeAll(transport, writes);
    QList<BatchOp> ops;
    for (const RecordWrite &w : writes)
        ops.append(BatchOp::remove(w.path));
    auto result = AsyncResult<qint64>::create();
    transport->batchWrite(ops)->then([result](const Result<BatchResult> &r) {
        result->finish(r ? Result<qint64>(r->storeSeq) : Result<qint64>(r.error()));
    });
    return result;
}

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

Result<TransportPtr> RepoOperations::transportFor(const Schema &schema) const
{
    if (!schema.isValid())
        return RecordMapper::invalidSchema();
    return m_transports->pick();
}

Result<RepoOperations::Target> RepoOperations::targetOf(const Schema &schema, const QString &slug) const
{
    if (!schema.isValid())
        return RecordMapper::invalidSchema();
    const Result<Path> path = schema.recordPath(slug);
    if (!path)
        return path.error();
    const Result<TransportPtr> transport = m_transports->pick();
    if (!transport)
        return transport.error();
    return Target{*path, *transport};
}

AsyncResult<QVariantMap>::Ptr RepoOperations::insert(const Schema &schema, const QVariantMap &record) const
{
    using R = AsyncResult<QVariantMap>;
    if (!schema.isValid())
        return R::ready(RecordMapper::invalidSchema());
    QVariantMap written;
    const Result<QList<RecordWrite>> writes =
            RecordMapper::recordWrites(schema, record, std::nullopt, std::nullopt, &written);
    if (!writes)
        return R::ready(writes.error());
    const Result<TransportPtr> transport = m_transports->pick();
    if (!transport)
        return R::ready(transport.error());
    return writeRecord(*transport, *writes, written);
}

AsyncResult<QVariantMap>::Ptr RepoOperations::update(const Changeset &changeset, std::optional<qint64> ifMatch) const
{
    using R = AsyncResult<QVariantMap>;
    const Schema schema = changeset.schema();
    if (!schema.isValid())
        return R::ready(RecordMapper::invalidSchema());
    if (!changeset.isValid())
        return R::ready(changeset.toError());
    QVariantMap written;
    QStringList changed = changeset.changedFields();
    changed.removeAll(schema.slugField());
    const Result<QList<RecordWrite>> writes =
            RecordMapper::recordWrites(schema, changeset.apply(), changed, ifMatch, &written);
    if (!writes)
        return R::ready(writes.error());
    if (changed.isEmpty())
        return R::ready(written);
    const Result<TransportPtr> transport = m_transports->pick();
    if (!transport)
        return R::ready(transport.error());
    return writeRecord(*transport, *writes, written);
}

AsyncResult<qint64>::Ptr RepoOperations::remove(const Schema &schema, const QString &slug,
                                                std::optional<qint64> ifMatch) const
{
    const Result<Target> target = targetOf(schema, slug);
    if (!target)
        return AsyncResult<qint64>::ready(target.error());
    return target->transport->remove(target->path, ifMatch);
}

AsyncResult<std::optional<QVariantMap>>::Ptr RepoOperations::get(const Schema &schema, const QString &slug) const
{
    using R = AsyncResult<std::optional<QVariantMap>>;
    const Result<Target> target = targetOf(schema, slug);
    if (!target)
        return R::ready(target.error());
    auto result = R::create();
    target->transport->get(target->path)->then([result, schema, slug](const Result<std::optional<Entry>> &entry) {
        if (!entry)
            result->finish(entry.error());
        else if (!*entry)
            result->finish(std::optional<QVariantMap>());
        else
            result->finish(schema.load(slug, (*entry)->value));
    });
    return result;
}

AsyncResult<bool>::Ptr RepoOperations::exists(const Schema &schema, const QString &slug) const
{
    const Result<Target> target = targetOf(schema, slug);
    if (!target)
        return AsyncResult<bool>::ready(target.error());
    return target->transport->exists(target->path);
}

AsyncResult<QList<QVariantMap>>::Ptr RepoOperations::all(const Schema &schema) const
{
    using R = AsyncResult<QList<QVariantMap>>;
    const Result<TransportPtr> transport = transportFor(schema);
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

AsyncResult<qsizetype>::Ptr RepoOperations::stream(const Schema &schema, QObject *context,
                                                   std::function<void(const QList<QVariantMap> &)> onRecords,
                                                   int pageSize) const
{
    using R = AsyncResult<qsizetype>;
    if (!schema.isValid())
        return R::ready(RecordMapper::invalidSchema());
    if (!onRecords || pageSize <= 0 || pageSize > PageRequest::MaxLimit)
        return R::ready(Error(Error::Kind::InvalidParams, u"invalid_params"_s));
    const Result<TransportPtr> transport = m_transports->pick();
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

AsyncResult<qint64>::Ptr RepoOperations::deleteAll(const Schema &schema) const
{
    using R = AsyncResult<qint64>;
    const Result<TransportPtr> picked = transportFor(schema);
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
        removeAll(transport, RecordMapper::deleteAllWrites(schema, *page))->then([result](const Result<qint64> &seq) {
            result->finish(seq);
        });
    });
    return result;
}

AsyncResult<BatchResult>::Ptr RepoOperations::batchWrite(const QList<RecordOp> &ops) const
{
    using R = AsyncResult<BatchResult>;
    const Result<QList<BatchOp>> wire = RecordMapper::batchOps(ops);
    if (!wire)
        return R::ready(wire.error());
    const Result<TransportPtr> transport = m_transports->pick();
    if (!transport)
        return R::ready(transport.error());
    return (*transport)->batchWrite(*wire);
}

} // namespace Dust
