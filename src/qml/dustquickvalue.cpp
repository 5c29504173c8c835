// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#include "dustquickvalue.h"
#include "dustquickcall_p.h"
#include "dustquickclient.h"
#include "dustquickerror_p.h"

#include <dustclient.h>
#include <duststore.h>

#include <QtCore/qjsonvalue.h>
#include <QtCore/qpointer.h>


using namespace Qt::StringLiterals;

namespace Dust {

class QuickValuePrivate
{
public:
    explicit QuickValuePrivate(QuickValue *q) : q(q) { }

    void rebind();
    void unbind();
    Result<Store *> resolve() const;
    QStringList patterns() const;
    void refresh();
    void setError(const Error &error);
    void fail(const Error &error);
    Store *writable();
    void write(const QFuture<Result<qint64>> &future);
    void grantLease(const QString &operation, const QFuture<Result<LeaseGrant>> &future, const QJSValue &callback);
    void setLeaseToken(std::optional<qint64> token);

    QuickValue *const q;
    bool complete = true;
    QPointer<QuickClient> client;
    QString store;
    QString path;
    std::optional<Path> parsedPath;
    QPointer<Store> target;
    QList<SubscriptionId> subscriptions;
    std::optional<Entry> entry;
    std::optional<qint64> leaseToken;
    Error error;
};

Result<Store *> QuickValuePrivate::resolve() const
{
    if (!client || !client->client())
        return Error(Error::Kind::InvalidParams, u"missing_client"_s);
    const Result<Path> parsed = Path::parse(path);
    if (!parsed)
        return parsed.error();
    const QStringList stores = client->stores();
    const QString name = store.isEmpty() && stores.size() == 1 ? stores.constFirst() : store;
    Store *found = client->client()->store(name);
    if (!found)
        return Error(Error::Kind::InvalidParams, u"missing_store"_s, {{u"store"_s, name}});
    return found;
}

void QuickValuePrivate::unbind()
{
    if (target) {
        for (const SubscriptionId id : std::as_const(subscriptions))
            target->off(id);
        QObject::disconnect(target, nullptr, q, nullptr);
    }
    subscriptions.clear();
    target = nullptr;
    parsedPath.reset();
    setLeaseToken(std::nullopt);
}

// The writes that may change what the path reads: on the path, on each
// path above it (a subtree replaced or deleted) and below it (a field of a
// map). Segments that look like wildcards are escaped.
QStringList QuickValuePrivate::patterns() const
{
    QStringList out;
    QString rendered;
    for (const QString &segment : parsedPath->segments()) {
        const bool wildcard = segment == u"*" || segment == u"**";
        rendered += (rendered.isEmpty() ? QString() : u"/"_s)
                + (wildcard ? u"\\"_s + segment : Path::escapeSegment(segment));
        out.append(rendered);
    }
    out.append(rendered + u"/**"_s);
    return out;
}

void QuickValuePrivate::rebind()
{
    if (!complete)
        return;
    unbind();
    const Result<Store *> resolved = resolve();
    if (!resolved) {
        Quick::warnDeclaration(q, resolved.error());
        setError(resolved.error());
        refresh();
        return;
    }
    target = *resolved;
    parsedPath = *Path::parse(path);
    // Committed events, own echoes included: they bring the revision of
    // this element's writes and its leases. Own writes show before that
    // through write(), which reads the local copy at once.
    SubscribeOptions options;
    options.mode = SubscribeOptions::Mode::Committed;
    options.onResync = [self = QPointer<QuickValue>(q)] {
        QMetaObject::invokeMethod(self, [self] { if (self) self->d->refresh(); }, Qt::QueuedConnection);
    };
    Error failed;
    for (const QString &pattern : patterns()) {
        const Result<SubscriptionId> made = target->on(pattern, q, [this](const StoreEvent &) { refresh(); }, options);
        if (made)
            subscriptions.append(*made);
        else
            failed = made.error();
    }
    QObject::connect(target, &Store::catchUpCompleted, q, [this] { refresh(); });
    QObject::connect(target, &Store::statusChanged, q, [this] { refresh(); });
    setError(failed);
    refresh();
}

void QuickValuePrivate::refresh()
{
    const std::optional<Entry> now = target && parsedPath ? target->entry(*parsedPath) : std::nullopt;
    if (now == entry)
        return;
    const bool valueChanged = !now || !entry || now->value != entry->value;
    entry = now;
    if (valueChanged)
        emit q->valueChanged();
    emit q->entryChanged();
}

void QuickValuePrivate::setError(const Error &newError)
{
    if (newError == error)
        return;
    error = newError;
    emit q->errorChanged();
}

void QuickValuePrivate::fail(const Error &failure)
{
    setError(failure);
    emit q->errorOccurred(failure);
}

// The store to write to, or nullptr after reporting why there is none:
// nothing is written for a declaration that cannot work.
Store *QuickValuePrivate::writable()
{
    const Result<Store *> resolved = resolve();
    if (!resolved) {
        fail(resolved.error());
        return nullptr;
    }
    return target ? target.get() : nullptr;
}

// The local copy already shows the write (read-your-writes); a refusal
// restores it, and the value follows.
void QuickValuePrivate::write(const QFuture<Result<qint64>> &future)
{
    refresh();
    Dust::whenFinished(q, future, [this](const Result<qint64> &written) {
        if (written)
            setError({});
        else
            fail(written.error());
        refresh();
    });
}

void QuickValuePrivate::setLeaseToken(std::optional<qint64> token)
{
    const bool was = leaseToken.has_value();
    leaseToken = token;
    if (was != leaseToken.has_value())
        emit q->leasedChanged();
}

void QuickValuePrivate::grantLease(const QString &operation, const QFuture<Result<LeaseGrant>> &future,
                                   const QJSValue &callback)
{
    Dust::whenFinished(q, future, [this, operation, callback](const Result<LeaseGrant> &grant) {
        QVariantMap result{{u"operation"_s, operation}, {u"ok"_s, grant.hasValue()}};
        if (grant) {
            setLeaseToken(grant->token);
            result.insert(u"token"_s, grant->token);
            result.insert(u"expiresAt"_s, grant->expiresAt);
            result.insert(u"holder"_s, grant->holder);
            setError({});
        } else {
            setLeaseToken(std::nullopt);
            fail(grant.error());
        }
        result.insert(u"error"_s, Quick::errorToVariant(grant.error()));
        Quick::callBack(q, callback, result);
    });
}

QuickValue::QuickValue(QObject *parent)
    : QObject(parent), d(std::make_unique<QuickValuePrivate>(this))
{
}

QuickValue::~QuickValue()
{
    d->unbind();
}

QuickClient *QuickValue::client() const
{
    return d->client;
}

void QuickValue::setClient(QuickClient *client)
{
    if (d->client == client)
        return;
    if (d->client)
        disconnect(d->client, nullptr, this, nullptr);
    d->client = client;
    if (client)
        connect(client, &QuickClient::storesChanged, this, [this] { d->rebind(); });
    emit clientChanged();
    d->rebind();
}

QString QuickValue::store() const
{
    return d->store;
}

void QuickValue::setStore(const QString &store)
{
    if (d->store == store)
        return;
    d->store = store;
    emit storeChanged();
    d->rebind();
}

QString QuickValue::path() const
{
    return d->path;
}

void QuickValue::setPath(const QString &path)
{
    if (d->path == path)
        return;
    d->path = path;
    emit pathChanged();
    d->rebind();
}

QVariant QuickValue::value() const
{
    return d->entry ? d->entry->value.toVariant() : QVariant();
}

void QuickValue::setValue(const QVariant &value)
{
    const QVariant plain = Quick::plainVariant(value);
    if (!plain.isValid())
        return clear();
    const QJsonValue json = QJsonValue::fromVariant(plain);
    if (d->entry && d->entry->value == json)
        return;
    if (Store *store = d->writable())
        d->write(store->set(*d->parsedPath, json));
}

QString QuickValue::entryType() const
{
    return d->entry ? Entry::typeName(d->entry->type) : QString();
}

double QuickValue::revision() const
{
    return d->entry ? double(d->entry->revision) : 0;
}

bool QuickValue::exists() const
{
    return d->entry.has_value();
}

bool QuickValue::isLeased() const
{
    return d->leaseToken.has_value();
}

Error QuickValue::error() const
{
    return d->error;
}

void QuickValue::increment(double delta)
{
    if (Store *store = d->writable())
        d->write(store->increment(*d->parsedPath, delta));
}

void QuickValue::add(const QJSValue &member)
{
    if (Store *store = d->writable())
        d->write(store->addMember(*d->parsedPath, QJsonValue::fromVariant(Quick::plainVariant(member.toVariant()))));
}

void QuickValue::remove(const QJSValue &member)
{
    if (Store *store = d->writable())
        d->write(store->removeMember(*d->parsedPath, QJsonValue::fromVariant(Quick::plainVariant(member.toVariant()))));
}

void QuickValue::clear()
{
    if (Store *store = d->writable())
        d->write(store->remove(*d->parsedPath));
}

void QuickValue::lease(int ttlMs, const QString &holder, const QJSValue &callback)
{
    if (Store *store = d->writable())
        d->grantLease(u"lease"_s, store->lease(*d->parsedPath, ttlMs, holder), callback);
}

void QuickValue::renew(int ttlMs, const QJSValue &callback)
{
    Store *store = d->writable();
    if (!store)
        return;
    if (!d->leaseToken)
        return d->fail(Error(Error::Kind::Rejected, u"not_held"_s));
    d->grantLease(u"renew"_s, store->renew(*d->parsedPath, *d->leaseToken, ttlMs), callback);
}

void QuickValue::release(const QJSValue &callback)
{
    Store *store = d->writable();
    if (!store)
        return;
    if (!d->leaseToken)
        return d->fail(Error(Error::Kind::Rejected, u"not_held"_s));
    Dust::whenFinished(this, store->release(*d->parsedPath, *d->leaseToken),
                        [this, callback](const Result<bool> &released) {
        d->setLeaseToken(std::nullopt);
        if (!released)
            d->fail(released.error());
        Quick::callBack(this, callback,
                        QVariantMap{{u"operation"_s, u"release"_s},
                                    {u"ok"_s, released.hasValue()},
                                    {u"released"_s, released.valueOr(false)},
                                    {u"error"_s, Quick::errorToVariant(released.error())}});
    });
}

void QuickValue::classBegin()
{
    d->complete = false;
}

void QuickValue::componentComplete()
{
    d->complete = true;
    d->rebind();
}

} // namespace Dust
