// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#include "dusthttptransport.h"
#include "dusthttptransport_p.h"

#include "dustclienterrors.h"

#include <dustcoreerrors.h>

#include <QtCore/qiodevice.h>
#include <QtCore/qjsondocument.h>
#include <QtCore/qjsonobject.h>
#include <QtCore/qloggingcategory.h>
#include <QtCore/qmetaobject.h>
#include <QtCore/qthread.h>
#include <QtCore/qtimer.h>
#include <QtNetwork/qnetworkaccessmanager.h>
#include <QtNetwork/qnetworkrequest.h>

#include <cstring>

using namespace Qt::StringLiterals;

namespace Dust {

Q_LOGGING_CATEGORY(lcHttp, "dust.client.http", QtInfoMsg)

namespace {

// Characters left as they are in a path segment besides the unreserved set
// (which QUrl::toPercentEncoding keeps anyway, '~' included): the RFC 3986
// sub-delimiters plus ':' and '@', as the Elixir client sends them.
const QByteArray segmentSafe = QByteArrayLiteral("!$&'()*,;=:@");
// In a query value '&', '=', '+' and '#' must be encoded; '/', '*' and the
// like are kept readable.
const QByteArray querySafe = QByteArrayLiteral("/*:@!$'(),");

// A request body QNetworkAccessManager can send once but not again: when a
// connection drops before any answer, QNAM silently resends requests it can
// rewind, which would apply a write twice. With this body it reports
// ContentReSendError instead, and the caller decides.
// (Not a QBuffer: QNAM reads those directly and can always rewind them.)
class OneShotBody : public QIODevice
{
public:
    explicit OneShotBody(const QByteArray &data) : m_data(data) { open(QIODevice::ReadOnly); }
    bool isSequential() const override { return true; }
    bool reset() override { return false; }
    qint64 bytesAvailable() const override { return m_data.size() - m_pos + QIODevice::bytesAvailable(); }
    bool atEnd() const override { return m_pos == m_data.size() && QIODevice::atEnd(); }

protected:
    qint64 readData(char *out, qint64 max) override
    {
        const qint64 n = std::min(max, m_data.size() - m_pos);
        memcpy(out, m_data.constData() + m_pos, size_t(n));
        m_pos += n;
        return n;
    }
    qint64 writeData(const char *, qint64) override { return -1; }

private:
    QByteArray m_data;
    qint64 m_pos = 0;
};

const char *methodName(HttpMethod m)
{
    switch (m) {
    case HttpMethod::Get: return "GET";
    case HttpMethod::Head: return "HEAD";
    case HttpMethod::Put: return "PUT";
    case HttpMethod::Post: return "POST";
    case HttpMethod::Delete: return "DELETE";
    }
    return "";
}

QByteArray jsonBytes(const QJsonValue &value)
{
    // QJsonDocument only writes objects and arrays; wrap scalars in an array
    // and cut the brackets off.
    if (value.isObject())
        return QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact);
    if (value.isArray())
        return QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact);
    const QJsonValue v = value.isUndefined() ? QJsonValue(QJsonValue::Null) : value;
    const QByteArray wrapped = QJsonDocument(QJsonArray{v}).toJson(QJsonDocument::Compact);
    return wrapped.mid(1, wrapped.size() - 2);
}

// An empty body is null; a body that is not JSON stays the raw text.
QJsonValue decodeBody(const QByteArray &body)
{
    if (body.trimmed().isEmpty())
        return QJsonValue(QJsonValue::Null);
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &error);
    if (error.error == QJsonParseError::NoError)
        return doc.isObject() ? QJsonValue(doc.object()) : QJsonValue(doc.array());
    const QJsonDocument wrapped = QJsonDocument::fromJson('[' + body + ']', &error);
    if (error.error == QJsonParseError::NoError && wrapped.array().size() == 1)
        return wrapped.array().at(0);
    return QJsonValue(QString::fromUtf8(body));
}

QString bodyCode(const HttpResponse &r)
{
    return r.body.toObject().value(u"error").toString();
}

QJsonObject statusDetail(const HttpResponse &r)
{
    return {{u"status"_s, r.status}, {u"body"_s, r.body}};
}

// The status -> Error mapping of dust-ecto §4.3, for anything the operation
// does not handle itself. Every 2xx is success (std::nullopt).
std::optional<Error> failure(const HttpResponse &r)
{
    using K = Error::Kind;
    if (r.cancelled)
        return Error(K::Cancelled, u"closed"_s);
    if (r.timedOut != HttpPhase::None) {
        const bool connect = r.timedOut == HttpPhase::Connect;
        return Error(K::Timeout, u"timeout"_s,
                     {{u"phase"_s, connect ? u"connect"_s : u"receive"_s}, {u"timeout_ms"_s, r.timeoutMs}},
                     connect || r.idempotent);
    }
    if (r.status == 0) {
        const char *name = QMetaEnum::fromType<QNetworkReply::NetworkError>().valueToKey(int(r.error));
        // A write that went out and got no answer may have been applied.
        return Error(K::Network, u"network"_s,
                     {{u"error"_s, QString::fromLatin1(name ? name : "UnknownNetworkError")},
                      {u"message"_s, r.errorString}},
                     r.idempotent || !r.sent);
    }
    if (r.status >= 200 && r.status < 300)
        return std::nullopt;
    const QString code = bodyCode(r);
    if (r.status == 401 || r.status == 403) {
        const bool useBodyCode = !code.isEmpty()
                && Error::fromReply({{u"reason"_s, code}}).kind() == K::Unauthorized;
        return Error(K::Unauthorized,
                     useBodyCode ? code : (r.status == 401 ? u"unauthorized"_s : u"forbidden"_s),
                     statusDetail(r));
    }
    if (r.status == 404) {
        // A JSON error is the server speaking about the store or the entry;
        // any other 404 means the route itself does not exist there.
        if (!code.isEmpty())
            return Error(K::NotFound, code, statusDetail(r));
        QJsonObject detail = statusDetail(r);
        detail.insert(u"hint"_s, u"server doesn't expose this route — likely a deploy lag"_s);
        return Error(K::NotImplemented, u"not_implemented"_s, detail);
    }
    if (r.status == 429) {
        const QJsonValue retryAfter = r.retryAfter.isNull() ? QJsonValue(QJsonValue::Null)
                                                            : QJsonValue(QString::fromLatin1(r.retryAfter));
        return Error(K::RateLimited, u"rate_limited"_s, {{u"retry_after"_s, retryAfter}, {u"body"_s, r.body}},
                     true);
    }
    if (r.status >= 400 && r.status < 500)
        return Error(K::InvalidParams, code.isEmpty() ? u"invalid_params"_s : code, statusDetail(r), false);
    if (r.status >= 500)
        return Error(K::Http, u"http"_s, statusDetail(r), true);
    return Error(K::Http, u"unexpected_status"_s, statusDetail(r), false);
}

Error unexpectedReply(const HttpResponse &r)
{
    return CoreErrors::UnexpectedReply.error(statusDetail(r));
}

Result<Entry> entryFromJson(const QJsonValue &item)
{
    const QJsonObject o = item.toObject();
    const Result<Path> path = Path::fromJsonString(o.value(u"path"));
    if (!item.isObject() || !path)
        return CoreErrors::UnexpectedReply.error({{u"item"_s, item}});
    Entry e;
    e.path = *path;
    e.value = o.value(u"value");
    if (e.value.isUndefined())
        e.value = QJsonValue(QJsonValue::Null);
    e.type = Entry::typeFromName(o.value(u"type").toString()).value_or(Entry::typeOf(e.value));
    e.revision = o.value(u"revision").toInteger();
    return e;
}

// A write's answer: its store_seq, or a Conflict for 412 (with the current
// revision, and for batches the failing op's index and path).
Result<qint64> storeSeqOf(const HttpResponse &r, bool batch)
{
    if (r.status == 412 && r.timedOut == HttpPhase::None) {
        const QJsonObject body = r.body.toObject();
        QJsonObject detail{{u"current_revision"_s, body.value(u"current_revision")}};
        if (batch) {
            detail.insert(u"op_index"_s, body.value(u"op_index"));
            detail.insert(u"path"_s, body.value(u"path"));
        }
        for (auto it = detail.begin(); it != detail.end(); ++it) {
            if (it.value().isUndefined())
                *it = QJsonValue(QJsonValue::Null);
        }
        return CoreErrors::Conflict.error(detail);
    }
    if (std::optional<Error> e = failure(r))
        return *e;
    return r.body.toObject().value(u"store_seq").toInteger();
}

} // namespace

// ---- HttpTransportPrivate ---------------------------------------------------

Result<HttpConfig> HttpTransportPrivate::config() const
{
    std::lock_guard lock(mutex);
    if (token.isEmpty())
        return ClientErrors::MissingToken.error();
    const qsizetype slash = store.indexOf(u'/');
    if (slash <= 0 || slash == store.size() - 1 || store.indexOf(u'/', slash + 1) >= 0)
        return CoreErrors::InvalidStoreName.error({{u"store"_s, store}});
    if (!baseUrl.isValid() || baseUrl.scheme().isEmpty() || baseUrl.host().isEmpty())
        return ClientErrors::InvalidBaseUrl.error({{u"url"_s, baseUrl.toString()}});
    return HttpConfig{baseUrl, token, store.left(slash), store.mid(slash + 1), receiveTimeout, connectTimeout, ssl};
}

QByteArray HttpTransportPrivate::encodeSegment(const QString &segment)
{
    return QUrl::toPercentEncoding(segment, segmentSafe);
}

QUrl HttpTransportPrivate::url(const HttpConfig &c, const QByteArray &tail, const QByteArray &query)
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

QByteArray HttpTransportPrivate::pathTail(const Path &path)
{
    QByteArray tail;
    for (const QString &segment : path.segments())
        tail += '/' + encodeSegment(Path::escapeSegment(segment));
    return tail;
}

Result<QUrl> HttpTransportPrivate::entryUrl(const Result<HttpConfig> &config, const Path &path)
{
    if (!config)
        return config.error();
    if (path.isEmpty())
        return CoreErrors::EmptyPath.error();
    return url(*config, pathTail(path));
}

template<typename T>
typename AsyncResult<T>::Ptr HttpTransportPrivate::start(const Result<HttpConfig> &config, const Result<QUrl> &url,
                                                         HttpRequest request, Interpret<T> interpret)
{
    if (!config)
        return AsyncResult<T>::ready(config.error());
    if (!url)
        return AsyncResult<T>::ready(url.error());
    auto result = AsyncResult<T>::create();
    request.url = *url;
    run(*config, std::move(request), [result, interpret](const HttpResponse &r) { result->finish(interpret(r)); });
    return result;
}

void HttpTransportPrivate::run(const HttpConfig &config, HttpRequest request,
                               std::function<void(const HttpResponse &)> done)
{
    if (QThread::currentThread() == q->thread()) {
        send(config, request, std::move(done));
        return;
    }
    Threading::post(q, [this, config, request, done = std::move(done)]() mutable {
        send(config, request, std::move(done));
    });
}

namespace {

// Sends `request` through `nam`; a write goes out exactly once.
QNetworkReply *issue(QNetworkAccessManager *nam, const HttpConfig &config, const HttpRequest &request)
{
    QNetworkRequest nr(request.url);
    nr.setRawHeader("Authorization", "Bearer " + config.token.toUtf8());
    nr.setRawHeader("Accept", "application/json");
    if (request.hasBody)
        nr.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    if (request.ifMatch)
        nr.setRawHeader("If-Match", QByteArray::number(*request.ifMatch));
    if (request.ifNoneMatch)
        nr.setRawHeader("If-None-Match", "*");
    if (config.ssl)
        nr.setSslConfiguration(*config.ssl);
    // A redirected write would be a silent second attempt: report it instead.
    nr.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);

    if (request.method == HttpMethod::Get)
        return nam->get(nr);
    if (request.method == HttpMethod::Head)
        return nam->head(nr);
    // Writes go out exactly once (see OneShotBody); a DELETE gets an empty
    // one-shot body for the same reason.
    nr.setAttribute(QNetworkRequest::DoNotBufferUploadDataAttribute, true);
    nr.setHeader(QNetworkRequest::ContentLengthHeader, request.body.size());
    auto *body = new OneShotBody(request.body);
    QNetworkReply *reply = nam->sendCustomRequest(nr, methodName(request.method), body);
    body->setParent(reply);
    return reply;
}

} // namespace

void HttpTransportPrivate::send(const HttpConfig &config, const HttpRequest &request,
                                std::function<void(const HttpResponse &)> done)
{
    if (!nam)
        nam = new QNetworkAccessManager(q);
    QNetworkReply *reply = issue(nam, config, request);
    const bool idempotent = request.method == HttpMethod::Get || request.method == HttpMethod::Head;
    inFlight.insert(reply);
    qCDebug(lcHttp) << methodName(request.method) << request.url.toString(QUrl::FullyEncoded);

    struct State
    {
        HttpPhase phase = HttpPhase::Connect;
        HttpPhase timedOut = HttpPhase::None;
        int timeoutMs = 0;
        bool sent = false;
    };
    auto state = std::make_shared<State>();
    auto *timer = new QTimer(reply);
    timer->setSingleShot(true);
    auto arm = [timer, state, config](HttpPhase phase) {
        state->phase = phase;
        const int ms = phase == HttpPhase::Connect ? config.connectTimeout : config.receiveTimeout;
        state->timeoutMs = ms;
        if (ms > 0)
            timer->start(ms);
        else
            timer->stop();
    };
    arm(HttpPhase::Connect);
    QObject::connect(timer, &QTimer::timeout, reply, [reply, state] {
        state->timedOut = state->phase;
        reply->abort();
    });
    // Once the request is out, the receive timeout runs, restarted by any
    // progress of the answer.
    auto progressed = [arm] { arm(HttpPhase::Receive); };
    QObject::connect(reply, &QNetworkReply::requestSent, timer, [state, arm] {
        state->sent = true;
        arm(HttpPhase::Receive);
    });
    QObject::connect(reply, &QNetworkReply::metaDataChanged, timer, progressed);
    QObject::connect(reply, &QIODevice::readyRead, timer, progressed);

    QObject::connect(reply, &QNetworkReply::finished, q,
                     [this, reply, state, timer, idempotent, done = std::move(done)] {
        timer->stop();
        inFlight.remove(reply);
        HttpResponse r;
        r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        r.body = decodeBody(reply->isOpen() ? reply->readAll() : QByteArray());
        r.retryAfter = reply->rawHeader("Retry-After");
        r.error = reply->error();
        r.errorString = reply->errorString();
        r.timedOut = state->timedOut;
        r.timeoutMs = state->timeoutMs;
        r.cancelled = destroying && state->timedOut == HttpPhase::None;
        r.idempotent = idempotent;
        r.sent = state->sent;
        if (r.timedOut != HttpPhase::None)
            r.status = 0;
        reply->deleteLater();
        qCDebug(lcHttp) << "status" << r.status << r.error;
        done(r);
    });
}

AsyncResult<Page>::Ptr HttpTransportPrivate::list(const QString &pattern, const PageRequest &request)
{
    const Result<HttpConfig> c = config();
    Result<QUrl> u = CoreErrors::InvalidParams.error();
    if (c) {
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
        u = url(*c, {}, query);
    }
    return start<Page>(c, u, {}, [](const HttpResponse &response) -> Result<Page> {
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

AsyncResult<Entry>::Ptr HttpTransportPrivate::get(const Path &path)
{
    const Result<HttpConfig> c = config();
    return start<Entry>(c, entryUrl(c, path), {}, [](const HttpResponse &response) -> Result<Entry> {
        if (std::optional<Error> e = failure(response))
            return *e;
        Result<Entry> entry = entryFromJson(response.body);
        if (!entry)
            return unexpectedReply(response);
        return entry;
    });
}

AsyncResult<bool>::Ptr HttpTransportPrivate::exists(const Path &path)
{
    const Result<HttpConfig> c = config();
    const Result<QUrl> u = entryUrl(c, path);
    if (!u)
        return AsyncResult<bool>::ready(u.error());
    HttpRequest request;
    request.method = HttpMethod::Head;
    request.url = *u;
    auto result = AsyncResult<bool>::create();
    run(*c, request, [this, result, path](const HttpResponse &response) {
        if (response.status == 405 && response.timedOut == HttpPhase::None && !response.cancelled) {
            // Older servers have no HEAD route: look for anything below.
            PageRequest keys;
            keys.limit = 1;
            keys.select = PageRequest::Select::Keys;
            list(path.toString() + u"/**"_s, keys)->then([result](const Result<Page> &page) {
                result->finish(page ? Result<bool>(!page->keys.isEmpty() || !page->entries.isEmpty())
                                    : Result<bool>(page.error()));
            });
            return;
        }
        if (response.status == 404 && response.timedOut == HttpPhase::None && !response.cancelled) {
            result->finish(false);
            return;
        }
        if (std::optional<Error> e = failure(response)) {
            result->finish(*e);
            return;
        }
        result->finish(true);
    });
    return result;
}

AsyncResult<qint64>::Ptr HttpTransportPrivate::put(const Path &path, const QJsonValue &value,
                                                   std::optional<qint64> ifMatch, bool ifAbsent)
{
    const Result<HttpConfig> c = config();
    HttpRequest request;
    request.method = HttpMethod::Put;
    request.body = jsonBytes(value);
    request.hasBody = true;
    request.ifMatch = ifMatch;
    request.ifNoneMatch = ifAbsent;
    return start<qint64>(c, entryUrl(c, path), request,
                         [](const HttpResponse &response) { return storeSeqOf(response, false); });
}

AsyncResult<qint64>::Ptr HttpTransportPrivate::remove(const Path &path, std::optional<qint64> ifMatch)
{
    const Result<HttpConfig> c = config();
    HttpRequest request;
    request.method = HttpMethod::Delete;
    request.ifMatch = ifMatch;
    return start<qint64>(c, entryUrl(c, path), request,
                         [](const HttpResponse &response) { return storeSeqOf(response, false); });
}

AsyncResult<BatchResult>::Ptr HttpTransportPrivate::batchWrite(const QList<BatchOp> &ops)
{
    QJsonArray wire;
    for (qsizetype i = 0; i < ops.size(); ++i) {
        const BatchOp &op = ops.at(i);
        if ((op.op != Op::Kind::Set && op.op != Op::Kind::Delete) || op.path.isEmpty()) {
            return AsyncResult<BatchResult>::ready(Error(Error::Kind::InvalidParams, u"unrecognized_batch_op"_s,
                                                         {{u"op_index"_s, int(i)}, {u"op"_s, Op::name(op.op)}}));
        }
        QJsonObject o{{u"op"_s, Op::name(op.op)}, {u"path"_s, op.path.toString()}};
        if (op.op == Op::Kind::Set)
            o.insert(u"value"_s, op.value.isUndefined() ? QJsonValue(QJsonValue::Null) : op.value);
        if (op.ifMatch)
            o.insert(u"if_match"_s, *op.ifMatch);
        wire.append(o);
    }
    const Result<HttpConfig> c = config();
    HttpRequest request;
    request.method = HttpMethod::Post;
    request.body = QJsonDocument(QJsonObject{{u"ops"_s, wire}}).toJson(QJsonDocument::Compact);
    request.hasBody = true;
    const Result<QUrl> u = c ? Result<QUrl>(url(*c, "/batch_write")) : Result<QUrl>(c.error());
    return start<BatchResult>(c, u, request, [](const HttpResponse &response) -> Result<BatchResult> {
        const Result<qint64> seq = storeSeqOf(response, true);
        if (!seq)
            return seq.error();
        return BatchResult{*seq, response.body.toObject().value(u"ops").toArray()};
    });
}

// ---- HttpTransport ----------------------------------------------------------

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
    // Finish every request still in flight (Cancelled) while the private
    // data still exists.
    d->destroying = true;
    const QSet<QNetworkReply *> replies = d->inFlight;
    for (QNetworkReply *reply : replies)
        reply->abort();
    delete d->nam;
    d->nam = nullptr;
}

namespace {

template<typename T>
bool assign(std::mutex &mutex, T &member, const T &value)
{
    std::lock_guard lock(mutex);
    if (member == value)
        return false;
    member = value;
    return true;
}

template<typename T>
T read(std::mutex &mutex, const T &member)
{
    std::lock_guard lock(mutex);
    return member;
}

} // namespace

QUrl HttpTransport::baseUrl() const { return read(d->mutex, d->baseUrl); }
QString HttpTransport::token() const { return read(d->mutex, d->token); }
QString HttpTransport::storeName() const { return read(d->mutex, d->store); }
int HttpTransport::receiveTimeout() const { return read(d->mutex, d->receiveTimeout); }
int HttpTransport::connectTimeout() const { return read(d->mutex, d->connectTimeout); }

void HttpTransport::setBaseUrl(const QUrl &url)
{
    if (assign(d->mutex, d->baseUrl, url))
        emit baseUrlChanged();
}

void HttpTransport::setToken(const QString &token)
{
    if (assign(d->mutex, d->token, token))
        emit tokenChanged();
}

void HttpTransport::setStoreName(const QString &store)
{
    if (assign(d->mutex, d->store, store))
        emit storeNameChanged();
}

void HttpTransport::setReceiveTimeout(int ms)
{
    if (assign(d->mutex, d->receiveTimeout, ms))
        emit receiveTimeoutChanged();
}

void HttpTransport::setConnectTimeout(int ms)
{
    if (assign(d->mutex, d->connectTimeout, ms))
        emit connectTimeoutChanged();
}

QSslConfiguration HttpTransport::sslConfiguration() const
{
    std::lock_guard lock(d->mutex);
    return d->ssl.value_or(QSslConfiguration::defaultConfiguration());
}

void HttpTransport::setSslConfiguration(const QSslConfiguration &configuration)
{
    {
        std::lock_guard lock(d->mutex);
        d->ssl = configuration;
    }
    // QNetworkAccessManager keeps connections per host and port, with the
    // TLS configuration they were opened with: without this, requests would
    // go on using (or failing with) the old one. Posted, so it runs before
    // any request made after this call.
    const auto forget = [this] {
        if (d->nam)
            d->nam->clearConnectionCache();
    };
    if (QThread::currentThread() == thread())
        forget();
    else
        Threading::post(this, forget);
}

Result<QUrl> HttpTransport::entryUrl(const Path &path) const
{
    return HttpTransportPrivate::entryUrl(d->config(), path);
}

QFuture<Result<Page>> HttpTransport::list(const QString &pattern, const PageRequest &request)
{
    return d->list(pattern, request)->future();
}

QFuture<Result<Entry>> HttpTransport::get(const Path &path)
{
    return d->get(path)->future();
}

QFuture<Result<bool>> HttpTransport::exists(const Path &path)
{
    return d->exists(path)->future();
}

QFuture<Result<qint64>> HttpTransport::put(const Path &path, const QJsonValue &value, std::optional<qint64> ifMatch)
{
    return d->put(path, value, ifMatch, false)->future();
}

QFuture<Result<qint64>> HttpTransport::putIfAbsent(const Path &path, const QJsonValue &value)
{
    return d->put(path, value, std::nullopt, true)->future();
}

QFuture<Result<qint64>> HttpTransport::remove(const Path &path, std::optional<qint64> ifMatch)
{
    return d->remove(path, ifMatch)->future();
}

QFuture<Result<BatchResult>> HttpTransport::batchWrite(const QList<BatchOp> &ops)
{
    return d->batchWrite(ops)->future();
}

Result<quint64> HttpTransport::subscribe(const QString &pattern) const
{
    Q_UNUSED(pattern);
    return Error(Error::Kind::NotSupported, u"not_supported"_s,
                 {{u"message"_s, tr("the HTTP transport has no realtime; use a Dust::Client")}});
}

} // namespace Dust
