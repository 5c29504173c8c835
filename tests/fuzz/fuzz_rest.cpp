// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

// fuzz_rest: the server's REST request handling (RestApi::respond, what
// RestApi::handle answers for every HTTP request QtHttpServer parsed): the
// routing of the path, the headers (Authorization, If-Match,
// If-None-Match), the query and the JSON body, down to the store's writer.
// Each input gets a fresh in-memory ServerEngine, so no state leaks from one
// input to the next.
//
// Input: requests separated by a NUL byte (HTTP text and JSON carry none), at
// most 12. A request is text lines:
//   METHOD TARGET            e.g. "PUT /api/stores/acme/app/entries/a/b?x=1"
//   Name: value              headers, up to an empty line
//   body                     the rest
// Tokens: "full-token" (every scope, every store) and "read-token"
// (entries:read and files:read, store acme/app only).
//
// Properties:
// - nothing crashes, asserts or trips ASan/UBSan;
// - the status is one RestApi documents (200, 304, 400, 401, 403, 404, 405,
//   409, 412, 500, 503);
// - a JSON answer is a JSON object, an error answer carries a string
//   "error", a 401 carries WWW-Authenticate: Bearer, a 405 an Allow header;
// - a 200 write answer's store_seq is the store's head, and a GET that
//   answers 200 carries the ETag of its revision.

#include "fuzzcheck.h"

#include <dustrestapi_p.h>
#include <dustserverengine_p.h>

#include <QtCore/qcoreapplication.h>
#include <QtCore/qjsondocument.h>

#include <cstdint>

using namespace Qt::StringLiterals;
using Method = QHttpServerRequest::Method;
using Status = Dust::RestApi::Status;

namespace {

constexpr int MaxRequests = 12;

void quietMessages(QtMsgType type, const QMessageLogContext &, const QString &message)
{
    if (type == QtCriticalMsg || type == QtFatalMsg)
        std::fprintf(stderr, "%s\n", message.toUtf8().constData());
}

Method methodFromName(const QByteArray &name)
{
    static const QList<std::pair<QByteArray, Method>> methods{
            {"GET", Method::Get},         {"PUT", Method::Put},       {"DELETE", Method::Delete},
            {"POST", Method::Post},       {"HEAD", Method::Head},     {"OPTIONS", Method::Options},
            {"PATCH", Method::Patch},     {"CONNECT", Method::Connect}, {"TRACE", Method::Trace}};
    for (const auto &[known, method] : methods) {
        if (known == name)
            return method;
    }
    return Method::Unknown;
}

Dust::RestRequest parseRequest(const QByteArray &text)
{
    qsizetype lineEnd = text.indexOf('\n');
    const QByteArray requestLine = (lineEnd < 0 ? text : text.left(lineEnd)).trimmed();
    const qsizetype space = requestLine.indexOf(' ');
    const QByteArray method = space < 0 ? requestLine : requestLine.left(space);
    const QByteArray target = space < 0 ? QByteArray("/") : requestLine.mid(space + 1).trimmed();
    // What QtHttpServer gives RestApi: the target resolved against the host.
    const QUrl url = QUrl(u"http://127.0.0.1"_s).resolved(QUrl::fromEncoded(target));

    QList<std::pair<QByteArray, QByteArray>> headers;
    QByteArray body;
    while (lineEnd >= 0) {
        const qsizetype start = lineEnd + 1;
        lineEnd = text.indexOf('\n', start);
        const QByteArray line = text.mid(start, lineEnd < 0 ? -1 : lineEnd - start);
        if (line.isEmpty() || line == "\r") {
            body = lineEnd < 0 ? QByteArray() : text.mid(lineEnd + 1);
            break;
        }
        const qsizetype colon = line.indexOf(':');
        if (colon > 0)
            headers.append({line.left(colon).trimmed().toLower(), line.mid(colon + 1).trimmed()});
    }
    return Dust::RestRequest(methodFromName(method), url, headers, body);
}

QByteArray header(const Dust::RestApi::Response &response, const QByteArray &name)
{
    for (const auto &[key, value] : response.headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

void checkResponse(const Dust::RestRequest &request, const Dust::RestApi::Response &response,
                   const Dust::ServerEngine &engine)
{
    const int status = int(response.status);
    static const QList<int> documented{200, 304, 400, 401, 403, 404, 405, 409, 412, 500, 503};
    FUZZ_CHECK(documented.contains(status), status, request.method(), request.url());
    if (status == 304) {
        FUZZ_CHECK(response.body.isEmpty(), response.body);
        return;
    }
    if (response.contentType != "application/json")
        return;   // a file download
    QJsonParseError parsed;
    const QJsonDocument body = QJsonDocument::fromJson(response.body, &parsed);
    FUZZ_CHECK(parsed.error == QJsonParseError::NoError && body.isObject(), status, response.body);
    const QJsonObject object = body.object();
    if (status >= 400)
        FUZZ_CHECK(object.value(u"error").isString(), status, response.body);
    if (status == 401)
        FUZZ_CHECK(header(response, "WWW-Authenticate") == "Bearer", response.headers);
    if (status == 405)
        FUZZ_CHECK(!header(response, "Allow").isEmpty(), response.headers);
    if (status != 200)
        return;
    if (object.contains(u"store_seq")) {
        // A write: the answer is the store's head, and its ETag the revision.
        const QStringList pieces = request.url().path(QUrl::FullyEncoded).split(u'/');
        FUZZ_CHECK(pieces.size() >= 6, request.url());
        const Dust::ServerStore *store = engine.findStore(QUrl::fromPercentEncoding(pieces.at(3).toLatin1())
                                                          + u'/'
                                                          + QUrl::fromPercentEncoding(pieces.at(4).toLatin1()));
        FUZZ_CHECK(store, "a write answered 200 without a store", request.url());
        FUZZ_CHECK(object.value(u"store_seq").toInteger() == store->head(), response.body, store->head());
    } else if (object.contains(u"revision") && (request.method() == Method::Get
                                                 || request.method() == Method::Head)) {
        FUZZ_CHECK(header(response, "ETag")
                           == '"' + QByteArray::number(object.value(u"revision").toInteger()) + '"',
                   response.headers, response.body);
    }
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    qInstallMessageHandler(quietMessages);
    static QCoreApplication app(*argc, *argv);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    Dust::ServerOptions options;
    options.inMemory = true;
    options.address = QHostAddress::LocalHost;
    options.port = 0;
    options.idleTimeoutMs = 0;
    Dust::TokenGrant full;
    full.token = u"full-token"_s;
    full.scopes = Dust::TokenGrant::allScopes();
    Dust::TokenGrant read;
    read.token = u"read-token"_s;
    read.scopes = {u"entries:read"_s, u"files:read"_s};
    read.allStores = false;
    read.stores = {u"acme/app"_s};
    options.tokens = {full, read};
    Dust::ServerShared shared;
    Dust::ServerEngine engine(options, &shared);
    const auto started = engine.start();
    FUZZ_CHECK(started.hasValue(), started.error());
    Dust::RestApi api(&engine);

    const QByteArray input(reinterpret_cast<const char *>(data), qsizetype(size));
    const QList<QByteArray> texts = input.split('\0');
    for (qsizetype i = 0; i < texts.size() && i < MaxRequests; ++i) {
        const Dust::RestRequest request = parseRequest(texts.at(i));
        const Dust::RestApi::Response response = api.respond(request);
        checkResponse(request, response, engine);
    }
    return 0;
}
