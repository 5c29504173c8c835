// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#include "dusthttpguard_p.h"

#include "dustserverlogging_p.h"

#include <dustjsonframecodec.h>

#include <QtCore/qjsonobject.h>
#include <QtCore/qregularexpression.h>
#include <QtNetwork/qtcpsocket.h>

using namespace Qt::StringLiterals;

namespace Dust {

namespace {

constexpr int LingerMs = 1000;

// QtHttpServer skips these before a request line; so does the guard, to
// find the same request.
bool isLeadingSpace(char c)
{
    return c == '\r' || c == '\n' || c == ' ' || c == '\t' || c == '\v';
}

// Just past the empty line that ends the header block QtHttpServer reads
// from `lineEnd` (the request line's '\n') on, or -1 while it is incomplete.
qsizetype headerBlockEnd(const QByteArray &bytes, qsizetype lineEnd)
{
    const qsizetype lf = bytes.indexOf("\n\n", lineEnd);
    const qsizetype crlf = bytes.indexOf("\n\r\n", lineEnd);
    if (lf < 0)
        return crlf < 0 ? -1 : crlf + 3;
    return crlf < 0 || lf < crlf ? lf + 2 : crlf + 3;
}

bool isToken(QByteArrayView name)
{
    static const QByteArrayView extra("!#$%&'*+-.^_`|~");
    return !name.isEmpty() && std::all_of(name.begin(), name.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || extra.contains(c);
    });
}

bool hasControl(QByteArrayView value)
{
    return std::any_of(value.begin(), value.end(), [](char c) {
        return (uchar(c) < 0x20 && c != '\t') || uchar(c) == 0x7f;
    });
}

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 401: return "Unauthorized";
    case 408: return "Request Timeout";
    case 413: return "Content Too Large";
    case 414: return "URI Too Long";
    case 431: return "Request Header Fields Too Large";
    default: return "Bad Request";
    }
}

} // namespace

HttpGuard::HttpGuard(QTcpSocket *socket, QObject *httpServer, const Limits &limits, const Authorizer &authorizer)
    : QObject(socket), m_socket(socket), m_httpServer(httpServer), m_limits(limits), m_authorizer(authorizer)
{
    m_headerTimer.setSingleShot(true);
    connect(&m_headerTimer, &QTimer::timeout, this, &HttpGuard::headerTimedOut);
    awaitHeaders();
}

void HttpGuard::attach(QTcpSocket *socket, QObject *httpServer, const Limits &limits, const Authorizer &authorizer)
{
    auto *guard = new HttpGuard(socket, httpServer, limits, authorizer);
    // Connected before QtHttpServer connects its own slot, so it runs first.
    connect(socket, &QIODevice::readyRead, guard, &HttpGuard::inspect);
    if (socket->bytesAvailable() > 0)
        QMetaObject::invokeMethod(socket, &QIODevice::readyRead, Qt::QueuedConnection);
}

void HttpGuard::requestParsed(QTcpSocket *socket, bool upgrade)
{
    HttpGuard *guard = socket->findChild<HttpGuard *>(QString(), Qt::FindDirectChildrenOnly);
    if (!guard)
        return;
    if (upgrade)
        delete guard;
    else
        guard->awaitHeaders();
}

void HttpGuard::awaitHeaders()
{
    m_state = State::AwaitingHeaders;
    m_chunked = false;
    m_bodyBytes = 0;
    if (m_limits.headerTimeoutMs > 0)
        m_headerTimer.start(m_limits.headerTimeoutMs);
}

void HttpGuard::inspect()
{
    if (m_state == State::Rejected) {
        m_socket->readAll();
        return;
    }
    if (m_state == State::PassingRequest) {
        countBodyBytes();
        return;
    }
    // What a previous signal held back is available again; whatever is
    // read inside a transaction stays in the socket's buffer, out of
    // QtHttpServer's sight, until the rollback.
    if (m_socket->isTransactionStarted())
        m_socket->rollbackTransaction();
    const QByteArray bytes = m_socket->peek(m_limits.maxHeaderBytes + 1);
    qsizetype start = 0;
    while (start < bytes.size() && isLeadingSpace(bytes.at(start)))
        ++start;
    const qsizetype lineEnd = bytes.indexOf('\n', start);
    if ((lineEnd < 0 ? bytes.size() : lineEnd) - start > m_limits.maxRequestLineBytes)
        return reject(414, "uri_too_long", ServerText::tr("the request line is longer than %1 bytes")
                                               .arg(m_limits.maxRequestLineBytes));
    const qsizetype end = lineEnd < 0 ? -1 : headerBlockEnd(bytes, lineEnd);
    if (end < 0 && bytes.size() > m_limits.maxHeaderBytes)
        return reject(431, "headers_too_large", ServerText::tr("the header block is larger than %1 bytes")
                                                    .arg(m_limits.maxHeaderBytes));
    if (end < 0) {
        m_socket->startTransaction();
        m_socket->skip(m_socket->bytesAvailable());
        return;
    }
    const Verdict verdict = judge(bytes.sliced(start, end - start));
    if (verdict.status != 0)
        return reject(verdict.status, verdict.code, verdict.message);
    m_headerTimer.stop();
    m_state = State::PassingRequest;
    m_chunked = verdict.chunked;
    // QtHttpServer reads next, and reads what of the body is here already.
    m_bodyBytes = -end;
    countBodyBytes();
}

void HttpGuard::countBodyBytes()
{
    // QtHttpServer reads all it gets, so what is available is what came
    // since it last read. Only a chunked body has no length to check up
    // front.
    if (!m_chunked)
        return;
    m_bodyBytes += m_socket->bytesAvailable();
    if (m_bodyBytes > m_limits.maxBodyBytes)
        reject(413, "too_large", ServerText::tr("the body is larger than %1 bytes").arg(m_limits.maxBodyBytes));
}

void HttpGuard::headerTimedOut()
{
    if (m_state != State::AwaitingHeaders)
        return;
    // A held-back transaction means part of a request has come.
    if (m_socket->isTransactionStarted())
        return reject(408, "request_timeout", ServerText::tr("the header block did not arrive within %1 ms")
                                                  .arg(m_limits.headerTimeoutMs));
    m_state = State::Rejected;
    QObject::disconnect(m_socket, &QIODevice::readyRead, m_httpServer, nullptr);
    m_socket->disconnectFromHost();
}

HttpGuard::Verdict HttpGuard::judge(const QByteArray &block) const
{
    QList<QByteArray> lines = block.split('\n');
    for (QByteArray &line : lines) {
        if (line.endsWith('\r'))
            line.chop(1);
    }
    while (!lines.isEmpty() && lines.last().isEmpty())
        lines.removeLast();
    static const QRegularExpression requestLine(u"^[!#$%&'*+\\-.^_`|~0-9A-Za-z]+ [\\x21-\\x7e]+ HTTP/1\\.[01]$"_s);
    if (lines.isEmpty() || !requestLine.match(QString::fromLatin1(lines.first())).hasMatch())
        return {400, "malformed_request", ServerText::tr("the request line is not METHOD target HTTP/1.x")};
    const bool http10 = lines.first().endsWith("1.0");
    lines.removeFirst();
    return judgeFields(lines, http10);
}

HttpGuard::Verdict HttpGuard::judgeFields(const QList<QByteArray> &lines, bool http10) const
{
    if (lines.size() > m_limits.maxHeaderFields)
        return {431, "headers_too_large", ServerText::tr("the request has more than %1 header fields")
                                              .arg(m_limits.maxHeaderFields)};
    QList<QByteArray> lengths;
    QList<QByteArray> codings;
    QByteArray authorization;
    for (const QByteArray &line : lines) {
        const qsizetype colon = line.indexOf(':');
        const QByteArray value = line.mid(colon + 1).trimmed();
        if (line.startsWith(' ') || line.startsWith('\t') || colon < 0 || !isToken(line.left(colon))
            || hasControl(value)) {
            return {400, "malformed_request", ServerText::tr("a header field is malformed or folded")};
        }
        const QByteArray name = line.left(colon).toLower();
        if (name == "content-length")
            lengths.append(value);
        else if (name == "transfer-encoding")
            codings.append(value.toLower());
        else if (name == "authorization" && authorization.isNull())
            authorization = value;
    }
    static const QRegularExpression digits(u"^[0-9]{1,18}$"_s);
    const bool lengthsAgree = std::all_of(lengths.cbegin(), lengths.cend(), [&](const QByteArray &length) {
        return length == lengths.first() && digits.match(QString::fromLatin1(length)).hasMatch();
    });
    const bool chunked = !codings.isEmpty();
    if (!lengthsAgree || (chunked && (!lengths.isEmpty() || http10 || codings != QList<QByteArray>{"chunked"})))
        return {400, "ambiguous_framing", ServerText::tr("the body's length is ambiguous: one Content-Length, "
                                                         "or Transfer-Encoding: chunked alone")};
    const qint64 length = lengths.isEmpty() ? 0 : lengths.first().toLongLong();
    if ((chunked || length > 0) && !m_authorizer(authorization))
        return {401, "unauthorized", ServerText::tr("a request with a body needs a valid token")};
    if (length > m_limits.maxBodyBytes)
        return {413, "too_large", ServerText::tr("the body is larger than %1 bytes").arg(m_limits.maxBodyBytes)};
    return {0, {}, {}, chunked};
}

void HttpGuard::reject(int status, const QByteArray &code, const QString &message)
{
    m_state = State::Rejected;
    m_headerTimer.stop();
    // QtHttpServer reads nothing more from this connection.
    QObject::disconnect(m_socket, &QIODevice::readyRead, m_httpServer, nullptr);
    if (m_socket->isTransactionStarted())
        m_socket->commitTransaction();
    m_socket->readAll();
    const QByteArray body = JsonFrameCodec().encodeValue(
        QJsonObject{{u"error"_s, QString::fromLatin1(code)}, {u"message"_s, message}});
    QByteArray response = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status)
        + "\r\nContent-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size())
        + "\r\nConnection: close\r\n";
    if (status == 401)
        response += "WWW-Authenticate: Bearer\r\n";
    m_socket->write(response + "\r\n" + body);
    // A close with unread bytes resets the connection, and the client may
    // lose the answer with it: drain (and drop) what it still sends for a
    // moment first, a little at a time.
    m_socket->setReadBufferSize(64 * 1024);
    QTimer::singleShot(LingerMs, m_socket, [socket = m_socket] { socket->disconnectFromHost(); });
    qCInfo(lcServer).noquote() << "refused HTTP request from" << m_socket->peerAddress().toString() << "with"
                               << status << code;
}

} // namespace Dust
