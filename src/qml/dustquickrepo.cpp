// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#include "dustquickrepo.h"
#include "dustquickcall_p.h"
#include "dustquickclient.h"
#include "dustquickerror_p.h"
#include "dustquickschema.h"

#include <dustchangeset.h>
#include <dustclient.h>
#include <dusthttptransport.h>
#include <dustrecordop.h>
#include <dustrepo.h>

#include <optional>

using namespace Qt::StringLiterals;

namespace Dust {

class QuickRepoPrivate
{
public:
    explicit QuickRepoPrivate(QuickRepo *q) : q(q) { }

    void rebuild();
    // Sets a connection setting; a change is announced with `changed` and
    // rebuilds the Repo with it.
    template<typename T>
    void configure(T &setting, const T &value, void (QuickRepo::*changed)());
    void refreshStatus();
    void watchClient();

    // The schema and repo an operation runs with, or why it cannot run.
    Result<Schema> callSchema() const;
    Error callError() const;

    // Runs `onDone(result)` in this thread once `future` is finished,
    // unless the QuickRepo is gone by then.
    template<typename T, typename F>
    void watch(const QFuture<T> &future, F onDone);

    // A call of insert() or update(): the record given from QML and the
    // schema it is written with.
    struct RecordCall
    {
        Schema schema;
        QVariantMap record;
    };
    // Starts a record call; nothing when it cannot run, its Error then
    // already on the way to `callback`.
    std::optional<RecordCall> beginRecordCall(const QJSValue &record, const QJSValue &callback,
                                              QVariantMap &result);
    // Delivers a record write's outcome: the record as written, or its Error.
    void watchRecordWrite(const QFuture<Result<QVariantMap>> &future, const QJSValue &callback,
                          QVariantMap result);
    // Hands an operation's outcome to its callback and to finished().
    void deliver(const QJSValue &callback, QVariantMap result, const Error &error);
    // The same, later in this thread, for outcomes known at once.
    void deliverLater(const QJSValue &callback, const QVariantMap &result, const Error &error);
    void begin();
    void end();
    // The record ops of batchWrite()'s `ops`, or the Error of the first bad one.
    Result<QList<RecordOp>> batchOps(const Schema &schema, const QVariantList &ops) const;
    void batchAfterReads(const Schema &schema, QVariantList ops, qsizetype from, const QJSValue &callback,
                         QVariantMap result);

    QuickRepo *const q;
    bool complete = true;
    QPointer<QuickClient> client;
    QString store;
    QUrl baseUrl{u"https://dustlayer.io"_s};
    QString token;
    QPointer<QuickSchema> schema;
    std::unique_ptr<Repo> repo;
    QuickRepo::Transport transport = QuickRepo::Transport::None;
    Error error;
    int running = 0;
};

QString QuickRepo::effectiveStore() const
{
    if (d->store.isEmpty() && d->client && d->client->stores().size() == 1)
        return d->client->stores().constFirst();
    return d->store;
}

void QuickRepoPrivate::rebuild()
{
    if (!complete)
        return;
    const std::unique_ptr<Repo> old = std::move(repo);
    const QString storeName = q->effectiveStore();
    repo = client ? std::make_unique<Repo>(client->client(), storeName)
                  : std::make_unique<Repo>(baseUrl, token, storeName);
    repo->setBaseUrl(baseUrl);
    repo->setToken(token);
    emit q->repoChanged();
    refreshStatus();
}

void QuickRepoPrivate::refreshStatus()
{
    QuickRepo::Transport newTransport = QuickRepo::Transport::None;
    Error newError;
    if (repo) {
        const Result<Repo::Transport> picked = repo->transport();
        if (!picked)
            newError = picked.error();
        else if (*picked == Repo::Transport::WebSocket)
            newTransport = QuickRepo::Transport::WebSocket;
        else
            newTransport = QuickRepo::Transport::Http;
    }
    if (newTransport != transport) {
        transport = newTransport;
        emit q->transportChanged();
    }
    if (newError != error) {
        error = newError;
        if (!error.isNull())
            Quick::warnDeclaration(q, error);
        emit q->errorChanged();
    }
}

void QuickRepoPrivate::watchClient()
{
    if (!client)
        return;
    // The client's store list decides the transport (and the store, when
    // none is named).
    QObject::connect(client, &QuickClient::storesChanged, q, [this] { rebuild(); });
    // The Repo follows the Dust::Client with a QPointer; there is nothing
    // to rebuild for a client that is going away with its application.
    QObject::connect(client, &QObject::destroyed, q, [this] { emit q->clientChanged(); });
}

Result<Schema> QuickRepoPrivate::callSchema() const
{
    if (!schema)
        return Error(Error::Kind::InvalidSchema, u"missing_schema"_s);
    if (!schema->isValid())
        return schema->error().isNull() ? Error(Error::Kind::InvalidSchema, u"schema_invalid"_s)
                                              : schema->error();
    return schema->schema();
}

Error QuickRepoPrivate::callError() const
{
    if (!q->repo())
        return Error(Error::Kind::Unavailable, u"repo_not_ready"_s);
    const Result<Schema> s = callSchema();
    return s.error();
}

template<typename T, typename F>
void QuickRepoPrivate::watch(const QFuture<T> &future, F onDone)
{
    Dust::whenFinished(q, future, std::move(onDone));
}

void QuickRepoPrivate::begin()
{
    if (running++ == 0)
        emit q->busyChanged();
}

void QuickRepoPrivate::end()
{
    if (--running == 0)
        emit q->busyChanged();
}

std::optional<QuickRepoPrivate::RecordCall>
QuickRepoPrivate::beginRecordCall(const QJSValue &record, const QJSValue &callback, QVariantMap &result)
{
    begin();
    const QVariant plain = Quick::plainVariant(record.toVariant());
    Error refused = plain.typeId() == QMetaType::QVariantMap
            ? callError()
            : Error(Error::Kind::InvalidParams, u"invalid_record"_s);
    if (!refused.isNull()) {
        deliverLater(callback, result, refused);
        return std::nullopt;
    }
    RecordCall call{*callSchema(), plain.toMap()};
    result.insert(u"slug"_s, call.record.value(call.schema.slugField()));
    return call;
}

void QuickRepoPrivate::watchRecordWrite(const QFuture<Result<QVariantMap>> &future, const QJSValue &callback,
                                        QVariantMap result)
{
    watch(future, [this, callback, result](const Result<QVariantMap> &written) mutable {
        if (written)
            result.insert(u"record"_s, *written);
        deliver(callback, result, written.error());
    });
}

void QuickRepoPrivate::deliver(const QJSValue &callback, QVariantMap result, const Error &error)
{
    result.insert(u"ok"_s, error.isNull());
    result.insert(u"error"_s, Quick::errorToVariant(error));
    end();
    Quick::callBack(q, callback, result);
    emit q->finished(result);
    if (!error.isNull())
        emit q->errorOccurred(error);
}

void QuickRepoPrivate::deliverLater(const QJSValue &callback, const QVariantMap &result, const Error &error)
{
    QMetaObject::invokeMethod(q, [this, callback, result, error] { deliver(callback, result, error); },
                              Qt::QueuedConnection);
}

QuickRepo::QuickRepo(QObject *parent)
    : QObject(parent), d(std::make_unique<QuickRepoPrivate>(this))
{
}

QuickRepo::~QuickRepo() = default;

QuickClient *QuickRepo::client() const
{
    return d->client;
}

void QuickRepo::setClient(QuickClient *client)
{
    if (d->client == client)
        return;
    if (d->client)
        disconnect(d->client, nullptr, this, nullptr);
    d->client = client;
    d->watchClient();
    emit clientChanged();
    d->rebuild();
}

template<typename T>
void QuickRepoPrivate::configure(T &setting, const T &value, void (QuickRepo::*changed)())
{
    if (setting == value)
        return;
    setting = value;
    emit (q->*changed)();
    rebuild();
}

QString QuickRepo::store() const
{
    return d->store;
}

void QuickRepo::setStore(const QString &store)
{
    d->configure(d->store, store, &QuickRepo::storeChanged);
}

QUrl QuickRepo::baseUrl() const
{
    return d->baseUrl;
}

void QuickRepo::setBaseUrl(const QUrl &url)
{
    d->configure(d->baseUrl, url, &QuickRepo::baseUrlChanged);
}

QString QuickRepo::token() const
{
    return d->token;
}

void QuickRepo::setToken(const QString &token)
{
    d->configure(d->token, token, &QuickRepo::tokenChanged);
}

QuickSchema *QuickRepo::schema() const
{
    return d->schema;
}

void QuickRepo::setSchema(QuickSchema *schema)
{
    if (d->schema == schema)
        return;
    d->schema = schema;
    emit schemaChanged();
}

QuickRepo::Transport QuickRepo::transport() const
{
    return d->transport;
}

Error QuickRepo::error() const
{
    return d->error;
}

bool QuickRepo::isBusy() const
{
    return d->running > 0;
}

void QuickRepo::insert(const QJSValue &record, const QJSValue &callback)
{
    QVariantMap result{{u"operation"_s, u"insert"_s}};
    const std::optional<QuickRepoPrivate::RecordCall> call = d->beginRecordCall(record, callback, result);
    if (!call)
        return;
    Changeset changeset(call->schema);
    changeset.change(call->record).validateRequired().validateSlug();
    d->watchRecordWrite(d->repo->insert(changeset), callback, result);
}

void QuickRepo::update(const QJSValue &record, const QJSValue &callback)
{
    QVariantMap result{{u"operation"_s, u"update"_s}};
    std::optional<QuickRepoPrivate::RecordCall> call = d->beginRecordCall(record, callback, result);
    if (!call)
        return;
    const Schema schema = call->schema;
    QVariantMap changes = std::move(call->record);
    const Result<QString> slug = schema.slugOfRecord(changes);
    if (!slug)
        return d->deliverLater(callback, result, slug.error());
    changes.remove(schema.slugField());
    // Read the stored record first, so only what differs is written.
    d->watch(d->repo->get(schema, *slug), [this, callback, result, schema, changes,
                                            slug = *slug](const Result<std::optional<QVariantMap>> &current) mutable {
        if (!current || !*current || !d->repo) {
            const Error e = !current ? current.error()
                    : !d->repo       ? Error(Error::Kind::Unavailable, u"repo_not_ready"_s)
                                     : Error(Error::Kind::NotFound, u"record_not_found"_s,
                                             {{u"schema"_s, schema.name()}, {u"slug"_s, slug}});
            return d->deliver(callback, result, e);
        }
        Changeset changeset(schema, **current);
        changeset.change(changes).validateRequired();
        if (!changeset.isValid())
            return d->deliver(callback, result, changeset.toError());
        d->watchRecordWrite(d->repo->update(changeset), callback, result);
    });
}

void QuickRepo::remove(const QJSValue &slugOrRecord, const QJSValue &callback)
{
    d->begin();
    QVariantMap result{{u"operation"_s, u"remove"_s}};
    if (const Error e = d->callError(); !e.isNull())
        return d->deliverLater(callback, result, e);
    const Schema schema = *d->callSchema();
    const QVariant plain = Quick::plainVariant(slugOrRecord.toVariant());
    const QVariant slugValue = plain.typeId() == QMetaType::QVariantMap ? plain.toMap().value(schema.slugField())
                                                                          : plain;
    result.insert(u"slug"_s, slugValue);
    const Result<QString> slug = schema.slugOfRecord({{schema.slugField(), slugValue}});
    if (!slug)
        return d->deliverLater(callback, result, slug.error());
    d->watch(d->repo->remove(schema, *slug), [this, callback, result](const Result<qint64> &seq) mutable {
        if (seq)
            result.insert(u"storeSeq"_s, *seq);
        d->deliver(callback, result, seq.error());
    });
}

void QuickRepo::get(const QString &slug, const QJSValue &callback)
{
    d->begin();
    QVariantMap result{{u"operation"_s, u"get"_s}, {u"slug"_s, slug}};
    if (const Error e = d->callError(); !e.isNull())
        return d->deliverLater(callback, result, e);
    d->watch(d->repo->get(*d->callSchema(), slug),
             [this, callback, result](const Result<std::optional<QVariantMap>> &record) mutable {
        if (record)
            result.insert(u"record"_s, *record ? QVariant(**record) : QVariant::fromValue(nullptr));
        d->deliver(callback, result, record.error());
    });
}

void QuickRepo::exists(const QString &slug, const QJSValue &callback)
{
    d->begin();
    QVariantMap result{{u"operation"_s, u"exists"_s}, {u"slug"_s, slug}};
    if (const Error e = d->callError(); !e.isNull())
        return d->deliverLater(callback, result, e);
    d->watch(d->repo->exists(*d->callSchema(), slug), [this, callback, result](const Result<bool> &found) mutable {
        if (found)
            result.insert(u"exists"_s, *found);
        d->deliver(callback, result, found.error());
    });
}

void QuickRepo::all(const QJSValue &callback)
{
    d->begin();
    QVariantMap result{{u"operation"_s, u"all"_s}};
    if (const Error e = d->callError(); !e.isNull())
        return d->deliverLater(callback, result, e);
    d->watch(d->repo->all(*d->callSchema()),
             [this, callback, result](const Result<QList<QVariantMap>> &records) mutable {
        if (records) {
            QVariantList list;
            list.reserve(records->size());
            for (const QVariantMap &record : *records)
                list.append(record);
            result.insert(u"records"_s, list);
        }
        d->deliver(callback, result, records.error());
    });
}

void QuickRepo::deleteAll(const QJSValue &callback)
{
    d->begin();
    QVariantMap result{{u"operation"_s, u"deleteAll"_s}};
    if (const Error e = d->callError(); !e.isNull())
        return d->deliverLater(callback, result, e);
    d->watch(d->repo->deleteAll(*d->callSchema()), [this, callback, result](const Result<qint64> &seq) mutable {
        if (seq)
            result.insert(u"storeSeq"_s, *seq);
        d->deliver(callback, result, seq.error());
    });
}

Result<QList<RecordOp>> QuickRepoPrivate::batchOps(const Schema &schema, const QVariantList &ops) const
{
    QList<RecordOp> out;
    for (qsizetype i = 0; i < ops.size(); ++i) {
        const QVariantMap op = ops.at(i).toMap();
        const QString kind = op.value(u"op"_s).toString();
        const QVariantMap record = op.value(u"record"_s).toMap();
        const bool hasCurrent = op.contains(u"current"_s);
        if (kind == u"insert" || (kind == u"update" && hasCurrent)) {
            Changeset changeset(schema, op.value(u"current"_s).toMap());
            changeset.change(record).validateRequired().validateSlug();
            if (!changeset.isValid())
                return changeset.toError();
            out.append(kind == u"insert" ? RecordOp::insert(changeset) : RecordOp::update(changeset));
        } else if (kind == u"remove" && schema.slugOfRecord({{schema.slugField(), op.value(u"slug"_s)}})) {
            out.append(RecordOp::remove(schema, op.value(u"slug"_s).toString()));
        } else {
            return Error(Error::Kind::InvalidParams, u"unrecognized_batch_op"_s, {{u"index"_s, i}});
        }
    }
    return out;
}

// A batch update writes whole records: the stored record of each update op
// is read first (one after the other), and the op's fields change it.
void QuickRepoPrivate::batchAfterReads(const Schema &schema, QVariantList ops, qsizetype from,
                                       const QJSValue &callback, QVariantMap result)
{
    for (qsizetype i = from; i < ops.size(); ++i) {
        QVariantMap op = ops.at(i).toMap();
        const Result<QString> slug = schema.slugOfRecord(op.value(u"record"_s).toMap());
        if (op.value(u"op"_s).toString() != u"update" || !slug)
            continue;
        watch(repo->get(schema, *slug), [=, this](const Result<std::optional<QVariantMap>> &current) mutable {
            if (!current || !*current) {
                const Error e = !current ? current.error()
                                         : Error(Error::Kind::NotFound, u"record_not_found"_s,
                                                 {{u"schema"_s, schema.name()}, {u"slug"_s, *slug}});
                return deliver(callback, result, e);
            }
            op.insert(u"current"_s, **current);
            ops[i] = op;
            batchAfterReads(schema, ops, i + 1, callback, result);
        });
        return;
    }
    const Result<QList<RecordOp>> recordOps = batchOps(schema, ops);
    if (!recordOps)
        return deliverLater(callback, result, recordOps.error());
    result.insert(u"count"_s, recordOps->size());
    watch(repo->batchWrite(*recordOps), [this, callback, result](const Result<BatchResult> &written) mutable {
        if (written)
            result.insert(u"storeSeq"_s, written->storeSeq);
        deliver(callback, result, written.error());
    });
}

void QuickRepo::batchWrite(const QJSValue &ops, const QJSValue &callback)
{
    d->begin();
    QVariantMap result{{u"operation"_s, u"batchWrite"_s}};
    if (const Error e = d->callError(); !e.isNull())
        return d->deliverLater(callback, result, e);
    const QVariant plain = Quick::plainVariant(ops.toVariant());
    if (plain.typeId() != QMetaType::QVariantList)
        return d->deliverLater(callback, result, Error(Error::Kind::InvalidParams, u"unrecognized_batch_op"_s));
    d->batchAfterReads(*d->callSchema(), plain.toList(), 0, callback, result);
}

Repo *QuickRepo::repo() const
{
    // Made in C++ and never configured: the repo still exists, with the defaults.
    if (!d->repo && d->complete)
        d->rebuild();
    return d->repo.get();
}

void QuickRepo::classBegin()
{
    d->complete = false;
}

void QuickRepo::componentComplete()
{
    d->complete = true;
    d->rebuild();
}

} // namespace Dust
