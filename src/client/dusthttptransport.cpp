// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#include "dusthttptransport.h"
#include "dustpending_p.h"

#include <QtCore/qjsondocument.h>
#include <QtCore/qjsonobject.h>
#include <QtCore/qloggingcategory.h>
#include <QtCore/qmetaobject.h>
#include <QtCore/qmutex.h>
#include <QtCore/qpointer.h>
#include <QtCore/qset.h>
#include <QtCore/qthread.h>
#include <QtCore/qtimer.h>
#include <QtNetwork/qnetworkaccessmanager.h>
#include <QtNetwork/qnetworkreply.h>
#include <QtNetwork/qnetworkrequest.h>

using namespace Qt::StringLiterals;

namespace Dust {

Q_LOGGING_CATEGORY(lcHttp, "dust.client.http")

BatchOp BatchOp::set(const Path &path, const QJsonValue &value, std::optional<qint64> ifMatch)
{
    return BatchOp{Op::Kind::Set, path, value, ifMatch};
}

BatchOp BatchOp::remove(const Path &path, std::optional<qint64> ifMatch)
{
    return BatchOp{Op::Kind::Delete, path, QJsonValue(), ifMatch};
}

namespace {

// Characters left as they are in a path segment besides the unreserved set
// (which QUrl::toPercentEncoding keeps anyway, '~' included): the RFC 3986
// sub-delimiters plus ':' and '@', as the Elixir client sends them.
const QByteArray segmentSafe = QByteArrayLiteral("!$&'()*,;=:@");
// In a query value '&', '=', '+' and '#' must be encoded; '/', '*' and the
// like are kept readable.
const QByteArray querySafe = QByteArrayLiteral("/*:@!$'(),");

enum class Method { Get, Head, Put, Post, Delete };

const char *methodName(Method m)
{
    switch (m) {
    case Method::Get: return "GET";
    case Method::Head: return "HEAD";
    case Method::Put: return "PUT";
    case Method::Post: return "POST";
    case Method::Delete: return "DELETE";
    }
    return "";
}

enum class Phase { None, Connect, Receive };

struct Request
{
    Method method = Method::Get;
    QUrl url;
    QByteArray body;
    bool hasBody = false;
    std::optional<qint64> ifMatch;
    bool ifNoneMatch = false;
};

struct Response
{
    int status = 0;
    QJsonValue body;
    QByteArray retryAfter;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    QString errorString;
    Phase timedOut = Phase::None;
    int timeoutMs = 0;
    bool cancelled = false;
    bool idempotent = false;
};

struct Config
{
    QUrl base;
    QString token;
    QString org;
    QString name;
    int receiveTimeout = 0;
    int connectTimeout = 0;
};

QByteArray jsonBytes(const QJsonValue &value)
{
    // QJsonDocument only writes objects and arrays; wrap scalars in an array
    // and cut the brackets off.
    if (value.isObject())
        return QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact);
    if (value.isArray())
        return QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact);
    const QByteArray wrapped = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    return wrapped.mid(1, wrapped.size() - 2);
}

// An empty body is null; a body that is not JSON stays the raw text.
QJsonValue decodeBody(const QByteArray &body)
{
    if (body.trimmed().isEmpty())
        return QJsonValue(QJsonValue::Null);
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &error);
    if (error.error == QJsonParseError::NoError) {
        if (doc.isObject())
            return doc.object();
        return doc.array();
    }
    const QJsonDocument wrapped = QJsonDocument::fromJson('[' + body + ']', &error);
    if (error.error == QJsonParseError::NoError && wrapped.array().size() == 1)
        return wrapped.array().at(0);
    return QJsonValue(QString::fromUtf8(body));
}

QString bodyCode(const Response &r)
{
    return r.body.toObject().value(u"error").toString();
}

QJsonObject statusDetail(const Response &r)
{
    return {{u"status"_s, r.status}, {u"body"_s, r.body}};
}

// The status -> Error mapping of dust-ecto §4.3, for anything the operation
// does not handle itself. Every 2xx is success (std::nullopt).
std::optional<Error> failure(const Response &r)
{
    using K = Error::Kind;
    if (r.cancelled)
        return Error(K::Cancelled, u"closed"_s);
    if (r.timedOut != Phase::None) {
        const bool connect = r.timedOut == Phase::Connect;
        return Error(K::Timeout, u"timeout"_s,
                     {{u"phase"_s, connect ? u"connect"_s : u"receive"_s}, {u"timeout_ms"_s, r.timeoutMs}},
                     connect || r.idempotent);
    }
    if (r.status == 0) {
        const char *name = QMetaEnum::fromType<QNetworkReply::NetworkError>().valueToKey(int(r.error));
        return Error(K::Network, u"network"_s,
                     {{u"error"_s, QString::fromLatin1(name ? name : "UnknownNetworkError")},
                      {u"message"_s, r.errorString}},
                     true);
    }
    if (r.status >= 200 && r.status < 300)
        return std::nullopt;
    const QString code = bodyCode(r);
    if (r.status == 401 || r.status == 403) {
        const Error known = Error::fromReply({{u"reason"_s, code}});
        const bool useBodyCode = !code.isEmpty() && known.kind() == K::Unauthorized;
        return Error(K::Unauthorized,
                     useBodyCode ? code : (r.status == 401 ? u"unauthorized"_s : u"forbidden"_s),
                     statusDetail(r));
    }
    if (r.status == 404) {
        // A JSON error is the server speaking about the store or entry; any
        // other 404 means the route itself does not exist there.
        if (!code.isEmpty())
            return Error(K::NotFound, code, statusDetail(r));
        QJsonObject detail = statusDetail(r);
        detail.insert(u"hint"_s, u"server doesn't expose this route — likely a deploy lag"_s);
        return Error(K::NotImplemented, u"not_implemented"_s, detail);
    }
    if (r.status == 429) {
        return Error(K::RateLimited, u"rate_limited"_s,
                     {{u"retry_after"_s, r.retryAfter.isNull() ? QJsonValue(QJsonValue::Null)
                                                               : QJsonValue(QString::fromLatin1(r.retryAfter))},
                      {u"body"_s, r.body}},
                     true);
    }
    if (r.status >= 400 && r.status < 500)
        return Error(K::InvalidParams, code.isEmpty() ? u"invalid_params"_s : code, statusDetail(r), false);
    if (r.status >= 500)
        return Error(K::Http, u"http"_s, statusDetail(r), true);
    return Error(K::Http, u"unexpected_status"_s, statusDetail(r), false);
}

Error unexpectedReply(const Response &r)
{
    return Error(Error::Kind::Protocol, u"unexpected_reply"_s, statusDetail(r));
}

Result<Entry> entryFromJson(const QJsonValue &item)
{
    const QJsonObject o = item.toObject();
    Result<Path> path = Path::fromJsonString(o.value(u"path"));
    if (!item.isObject() || !path)
        return Error(Error::Kind::Protocol, u"unexpected_reply"_s, {{u"item"_s, item}});
    Entry e;
    e.path = *path;
    e.value = o.value(u"value");
    if (e.value.isUndefined())
        e.value = QJsonValue(QJsonValue::Null);
    e.type = Entry::typeFromName(o.value(u"type").toString()).value_or(Entry::typeOf(e.value));
    e.revision = o.value(u"revision").toInteger();
    return e;
}

Result<qint64> storeSeqOf(const Response &r, bool conflictDetail)
{
    if (r.status == 412) {
        QJsonObject detail;
        const QJsonObject body = r.body.toObject();
        detail.insert(u"current_revision"_s, body.value(u"current_revision"));
        if (conflictDetail) {
            detail.insert(u"op_index"_s, body.value(u"op_index"));
            detail.insert(u"path"_s, body.value(u"path"));
        }
        for (auto it = detail.begin(); it != detail.end(); ++it) {
            if (it.value().isUndefined())
                *it = QJsonValue(QJsonValue::Null);
        }
        return Error(Error::Kind::Conflict, u"conflict"_s, detail);
    }
    if (std::optional<Error> e = failure(r))
        return *e;
    return r.body.toObject().value(u"store_seq").toInteger();
}

} // namespace

class HttpTransportPrivate
{
public:
    explicit HttpTransportPrivate(HttpTransport *q) : q(q) { }

    Result<Config> config() const
    {
        QMutexLocker lock(&mutex);
        if (token.isEmpty())
            return Error(Error::Kind::InvalidParams, u"missing_token"_s);
        const qsizetype slash = store.indexOf(u'/');
        if (slash <= 0 || slash == store.size() - 1 || store.indexOf(u'/', slash + 1) >= 0)
            return Error(Error::Kind::InvalidParams, u"invalid_store_name"_s, {{u"store"_s, store}});
        if (!baseUrl.isValid() || baseUrl.scheme().isEmpty() || baseUrl.host().isEmpty())
            return Error(Error::Kind::InvalidParams, u"invalid_base_url"_s, {{u"url"_s, baseUrl.toString()}});
        return Config{baseUrl, token, store.left(slash), store.mid(slash + 1), receiveTimeout, connectTimeout};
    }

    static QByteArray encodeSegment(const QString &segment)
    {
        return QUrl::toPercentEncoding(segment, segmentSafe);
    }

    static QUrl url(const Config &c, const QByteArray &tail, const QByteArray &query = {})
    {
        QByteArray path = c.base.path(QUrl::FullyEncoded).toUtf8();
        while (path.endsWith('/'))
            path.chop(1);
        path += "/api/stores/" + encodeSegment(c.org) + '/' + encodeSegment(c.name) + "/entries" + tail;
        QUrl u = c.base;
        u.setPath(QString::fromLatin1(path), QUrl::StrictMode);
        u.setQuery(query.isEmpty() ? QString() : QString::fromLatin1(query), QUrl::StrictMode);
        u.setFragment(QString());
        return u;
    }

    static QByteArray pathTail(const Path &path)
    {
        QByteArray tail;
        for (const QString &segment : path.segments())
            tail += '/' + encodeSegment(Path::escapeSegment(segment));
        return tail;
    }

    template<typename T>
    using Interpret = std::function<Result<T>(const Response &)>;

    template<typename T>
    QFuture<Result<T>> start(const Result<Config> &config, Request request, Interpret<T> interpret)
    {
        auto pending = Pending<T>::create();
        QFuture<Result<T>> future = pending->future();
        if (!config) {
            pending->finish(config.error());
            return future;
        }
        run(*config, std::move(request), [pending, interpret](const Response &r) {
            pending->finish(interpret(r));
        });
        return future;
    }

    // Sends `request` from the transport's thread; `done` runs there, once.
    void run(const Config &config, Request request, std::function<void(const Response &)> done)
    {
        if (QThread::currentThread() == q->thread()) {
            send(config, request, std::move(done));
            return;
        }
        QMetaObject::invokeMethod(
                q, [this, config, request, done = std::move(done)]() mutable { send(config, request, std::move(done)); },
                Qt::QueuedConnection);
    }

    void send(const Config &config, const Request &request, std::function<void(const Response &)> done);

    HttpTransport *q;
    mutable QMutex mutex;
    QUrl baseUrl;
    QString token;
    QString store;
    int receiveTimeout = HttpTransport::DefaultReceiveTimeout;
    int connectTimeout = HttpTransport::DefaultConnectTimeout;

    // Used only in the transport's thread.
    QNetworkAccessManager *nam = nullptr;
    QSet<QNetworkReply *> inFlight;
    bool destroying = false;
};

void HttpTransportPrivate::send(const Config &config, const Request &request,
                                std::function<void(const Response &)> done)
{
    if (!nam)
        nam = new QNetworkAccessManager(q);

    QNetworkRequest nr(request.url);
    nr.setRawHeader("Authorization", "Bearer " + config.token.toUtf8());
    nr.setRawHeader("Accept", "application/json");
    if (request.hasBody)
        nr.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    if (request.ifMatch)
        nr.setRawHeader("If-Match", QByteArray::number(*request.ifMatch));
    if (request.ifNoneMatch)
        nr.setRawHeader("If-None-Match", "*");
    // A redirected write would be a silent second attempt: report it instead.
    nr.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);

    QNetworkReply *reply = nullptr;
    switch (request.method) {
    case Method::Get: reply = nam->get(nr); break;
    case Method::Head: reply = nam->head(nr); break;
    case Method::Put: reply = nam->put(nr, request.body); break;
    case Method::Post: reply = nam->post(nr, request.body); break;
    case Method::Delete: reply = nam->deleteResource(nr); break;
    }
    inFlight.insert(reply);
    qCDebug(lcHttp) << methodName(request.method) << request.url.toString(QUrl::FullyEncoded);

    struct State
    {
        Phase phase = Phase::Connect;
        Phase timedOut = Phase::None;
        int timeoutMs = 0;
    };
    auto state = std::make_shared<State>();
    auto *timer = new QTimer(reply);
    timer->setSingleShot(true);
    auto arm = [timer, state, config](Phase phase) {
        state->phase = phase;
        const int ms = phase == Phase::Connect ? config.connectTimeout : config.receiveTimeout;
        state->timeoutMs = ms;
        if (ms > 0)
            timer->start(ms);
        else
            timer->stop();
    };
    arm(Phase::Connect);
    QObject::connect(timer, &QTimer::timeout, reply, [reply, state] {
        state->timedOut = state->phase;
        reply->abort();
    });
    // Once the request is out, the receive timeout runs, restarted by any
    // progress of the answer.
    QObject::connect(reply, &QNetworkReply::requestSent, timer, [arm] { arm(Phase::Receive); });
    auto progressed = [arm] { arm(Phase::Receive); };
    QObject::connect(reply, &QNetworkReply::metaDataChanged, timer, progressed);
    QObject::connect(reply, &QIODevice::readyRead, timer, progressed);

    const bool idempotent = request.method == Method::Get || request.method == Method::Head;
    QObject::connect(reply, &QNetworkReply::finished, q,
                     [this, reply, state, timer, idempotent, done = std::move(done)] {
        timer->stop();
        inFlight.remove(reply);
        Response r;
        r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        r.body = decodeBody(reply->readAll());
        r.retryAfter = reply->rawHeader("Retry-After");
        r.error = reply->error();
        r.errorString = reply->errorString();
        r.timedOut = state->timedOut;
        r.timeoutMs = state->timeoutMs;
        r.cancelled = destroying && state->timedOut == Phase::None;
        r.idempotent = idempotent;
        if (r.timedOut != Phase::None)
            r.status = 0;
        reply->deleteLater();
        qCDebug(lcHttp) << "status" << r.status << r.error;
        done(r);
    });
}

HttpTransport::HttpTransport(QObject *parent) : QObject(parent), d(new HttpTransportPrivate(this))
{
}

HttpTransport::HttpTransport(const QUrl &baseUrl, const QString &token, const QString &store, QObject *parent)
    : HttpTransport(parent)
{
    d->baseUrl = baseUrl;
    d->token = token;
    d->store = store;
}

HttpTransport::~HttpTransport()
{
    // Finish every request still in flight (with Cancelled) while the
    // private data still exists.
    d->destroying = true;
    const QSet<QNetworkReply *> replies = d->inFlight;
    for (QNetworkReply *reply : replies)
        reply->abort();
    delete d->nam;
    d->nam = nullptr;
}

QUrl HttpTransport::baseUrl() const
{
    QMutexLocker lock(&d->mutex);
    return d->baseUrl;
}

void HttpTransport::setBaseUrl(const QUrl &url)
{
    {
        QMutexLocker lock(&d->mutex);
        if (d->baseUrl == url)
            return;
        d->baseUrl = url;
    }
    emit baseUrlChanged();
}

QString HttpTransport::token() const
{
    QMutexLocker lock(&d->mutex);
    return d->token;
}

void HttpTransport::setToken(const QString &token)
{
    {
        QMutexLocker lock(&d->mutex);
        if (d->token == token)
            return;
        d->token = token;
    }
    emit tokenChanged();
}

QString HttpTransport::store() const
{
    QMutexLocker lock(&d->mutex);
    return d->store;
}

void HttpTransport::setStore(const QString &store)
{
    {
        QMutexLocker lock(&d->mutex);
        if (d->store == store)
            return;
        d->store = store;
    }
    emit storeChanged();
}

int HttpTransport::receiveTimeout() const
{
    QMutexLocker lock(&d->mutex);
    return d->receiveTimeout;
}

void HttpTransport::setReceiveTimeout(int ms)
{
    {
        QMutexLocker lock(&d->mutex);
        if (d->receiveTimeout == ms)
            return;
        d->receiveTimeout = ms;
    }
    emit receiveTimeoutChanged();
}

int HttpTransport::connectTimeout() const
{
    QMutexLocker lock(&d->mutex);
    return d->connectTimeout;
}

void HttpTransport::setConnectTimeout(int ms)
{
    {
        QMutexLocker lock(&d->mutex);
        if (d->connectTimeout == ms)
            return;
        d->connectTimeout = ms;
    }
    emit connectTimeoutChanged();
}

Result<QUrl> HttpTransport::entryUrl(const Path &path) const
{
    const Result<Config> config = d->config();
    if (!config)
        return config.error();
    if (path.isEmpty())
        return Error(Error::Kind::InvalidPath, u"empty_path"_s);
    return HttpTransportPrivate::url(*config, HttpTransportPrivate::pathTail(path));
}

QFuture<Result<Page>> HttpTransport::list(const QString &pattern, const PageRequest &request)
{
    const Result<Config> config = d->config();
    Request r;
    if (config) {
        QByteArray query = "pattern=" + QUrl::toPercentEncoding(pattern, querySafe);
        query += "&limit=" + QByteArray::number(request.limit);
        switch (request.select) {
        case PageRequest::Select::Entries: query += "&select=entries"; break;
        case PageRequest::Select::Keys: query += "&select=keys"; break;
        case PageRequest::Select::Prefixes: query += "&select=prefixes"; break;
        }
        if (request.order == PageRequest::Order::Descending)
            query += "&order=desc";
        if (!request.after.isEmpty())
            query += "&after=" + QUrl::toPercentEncoding(request.after, querySafe);
        r.url = HttpTransportPrivate::url(*config, {}, query);
    }
    return d->start<Page>(config, r, [](const Response &response) -> Result<Page> {
        if (std::optional<Error> e = failure(response))
            return *e;
        const QJsonObject body = response.body.toObject();
        const QJsonValue items = body.value(u"items");
        if (!items.isArray())
            return unexpectedReply(response);
        Page page;
        for (const QJsonValue &item : items.toArray()) {
            if (item.isString()) {
                page.keys.append(item.toString());
                continue;
            }
            Result<Entry> entry = entryFromJson(item);
            if (!entry)
                return entry.error();
            page.entries.append(*entry);
        }
        page.nextCursor = body.value(u"next_cursor").toString();
        return page;
    });
}

QFuture<Result<Entry>> HttpTransport::get(const Path &path)
{
    Request r;
    const Result<QUrl> url = entryUrl(path);
    if (!url)
        return Pending<Entry>::ready(url.error());
    r.url = *url;
    return d->start<Entry>(d->config(), r, [](const Response &response) -> Result<Entry> {
        if (std::optional<Error> e = failure(response))
            return *e;
        Result<Entry> entry = entryFromJson(response.body);
        if (!entry)
            return unexpectedReply(response);
        return entry;
    });
}

QFuture<Result<bool>> HttpTransport::exists(const Path &path)
{
    const Result<QUrl> url = entryUrl(path);
    if (!url)
        return Pending<bool>::ready(url.error());
    Request r;
    r.method = Method::Head;
    r.url = *url;
    auto pending = Pending<bool>::create();
    QFuture<Result<bool>> future = pending->future();
    QPointer<HttpTransport> self(this);
    d->run(*d->config(), r, [self, pending, path](const Response &response) {
        if (response.status == 405 && self) {
            // Older servers have no HEAD route: look for anything below.
            PageRequest keys;
            keys.limit = 1;
            keys.select = PageRequest::Select::Keys;
            self->list(path.toString() + u"/**"_s, keys)
                    .then(QtFuture::Launch::Sync, [pending](const Result<Page> &page) {
                        pending->finish(page ? Result<bool>(!page->keys.isEmpty() || !page->entries.isEmpty())
                                             : Result<bool>(page.error()));
                    });
            return;
        }
        if (response.status == 404) {
            pending->finish(false);
            return;
        }
        if (std::optional<Error> e = failure(response)) {
            pending->finish(*e);
            return;
        }
        pending->finish(true);
    });
    return future;
}

QFuture<Result<qint64>> HttpTransport::put(const Path &path, const QJsonValue &value, std::optional<qint64> ifMatch)
{
    const Result<QUrl> url = entryUrl(path);
    if (!url)
        return Pending<qint64>::ready(url.error());
    Request r;
    r.method = Method::Put;
    r.url = *url;
    r.body = jsonBytes(value.isUndefined() ? QJsonValue(QJsonValue::Null) : value);
    r.hasBody = true;
    r.ifMatch = ifMatch;
    return d->start<qint64>(d->config(), r, [](const Response &response) { return storeSeqOf(response, false); });
}

QFuture<Result<qint64>> HttpTransport::putIfAbsent(const Path &path, const QJsonValue &value)
{
    const Result<QUrl> url = entryUrl(path);
    if (!url)
        return Pending<qint64>::ready(url.error());
    Request r;
    r.method = Method::Put;
    r.url = *url;
    r.body = jsonBytes(value.isUndefined() ? QJsonValue(QJsonValue::Null) : value);
    r.hasBody = true;
    r.ifNoneMatch = true;
    return d->start<qint64>(d->config(), r, [](const Response &response) { return storeSeqOf(response, false); });
}

QFuture<Result<qint64>> HttpTransport::remove(const Path &path, std::optional<qint64> ifMatch)
{
    const Result<QUrl> url = entryUrl(path);
    if (!url)
        return Pending<qint64>::ready(url.error());
    Request r;
    r.method = Method::Delete;
    r.url = *url;
    r.ifMatch = ifMatch;
    return d->start<qint64>(d->config(), r, [](const Response &response) { return storeSeqOf(response, false); });
}

QFuture<Result<BatchResult>> HttpTransport::batchWrite(const QList<BatchOp> &ops)
{
    const Result<Config> config = d->config();
    if (!config)
        return Pending<BatchResult>::ready(config.error());
    QJsonArray wire;
    for (qsizetype i = 0; i < ops.size(); ++i) {
        const BatchOp &op = ops.at(i);
        if ((op.op != Op::Kind::Set && op.op != Op::Kind::Delete) || op.path.isEmpty()) {
            return Pending<BatchResult>::ready(Error(Error::Kind::InvalidParams, u"unrecognized_batch_op"_s,
                                                     {{u"op_index"_s, int(i)}, {u"op"_s, Op::name(op.op)}}));
        }
        QJsonObject o{{u"op"_s, Op::name(op.op)}, {u"path"_s, op.path.toString()}};
        if (op.op == Op::Kind::Set)
            o.insert(u"value"_s, op.value.isUndefined() ? QJsonValue(QJsonValue::Null) : op.value);
        if (op.ifMatch)
            o.insert(u"if_match"_s, *op.ifMatch);
        wire.append(o);
    }
    Request r;
    r.method = Method::Post;
    r.url = HttpTransportPrivate::url(*config, "/batch_write");
    r.body = QJsonDocument(QJsonObject{{u"ops"_s, wire}}).toJson(QJsonDocument::Compact);
    r.hasBody = true;
    return d->start<BatchResult>(config, r, [](const Response &response) -> Result<BatchResult> {
        Result<qint64> seq = storeSeqOf(response, true);
        if (!seq)
            return seq.error();
        return BatchResult{*seq, response.body.toObject().value(u"ops").toArray()};
    });
}

Result<quint64> HttpTransport::subscribe(const QString &pattern) const
{
    Q_UNUSED(pattern);
    return Error(Error::Kind::NotSupported, u"not_supported"_s,
                 {{u"message"_s, tr("the HTTP transport has no realtime; use a Dust::Client")}});
}

} // namespace Dust
