// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#ifndef DUSTHTTPGUARD_P_H
#define DUSTHTTPGUARD_P_H

#include <dustprivateapi_p.h>

#include <QtCore/qbytearray.h>
#include <QtCore/qobject.h>
#include <QtCore/qtimer.h>

#include <functional>

QT_BEGIN_NAMESPACE
class QTcpSocket;
QT_END_NAMESPACE

namespace Dust {

/*
    Looks at each request's header block on one HTTP connection before
    QtHttpServer reads it, and answers what QtHttpServer 6.4 would misread
    or buffer: ambiguous framing (Content-Length with Transfer-Encoding,
    differing Content-Lengths, a coding other than chunked, obsolete line
    folding), a malformed request line, oversized request lines and header
    blocks, bodies without a valid token or over the size limit, and a
    header block that does not arrive in time. Such a request is answered
    (400, 401, 408, 413, 414 or 431) and the connection closed; QtHttpServer
    never sees its bytes, nor any that follow.

    It works without parsing the body: its readyRead slot runs before
    QtHttpServer's, holds the bytes back in a QIODevice transaction until the
    header block is complete and sound, and rolls the transaction back to
    let QtHttpServer read the request. ServerHttp reports the end of each
    request with requestParsed(), where the next header block begins.
*/
class HttpGuard : public QObject
{
    Q_OBJECT

public:
    struct Limits
    {
        qsizetype maxRequestLineBytes = 8 * 1024;
        qsizetype maxHeaderBytes = 64 * 1024;
        int maxHeaderFields = 100;
        qint64 maxBodyBytes = 8 * 1024 * 1024;
        int headerTimeoutMs = 30000;
    };
    // True when the Authorization header's value names a valid token.
    using Authorizer = std::function<bool(const QByteArray &authorization)>;

    // Guards `socket`, which QtHttpServer (`httpServer`) is about to read.
    static void attach(QTcpSocket *socket, QObject *httpServer, const Limits &limits, const Authorizer &authorizer);
    // QtHttpServer has read one whole request from `socket`; an upgraded
    // socket leaves HTTP and the guard.
    static void requestParsed(QTcpSocket *socket, bool upgrade);

private:
    enum class State { AwaitingHeaders, PassingRequest, Rejected };
    struct Verdict
    {
        int status = 0;              // 0: the header block is sound
        QByteArray code;
        QString message;
        bool chunked = false;
    };

    HttpGuard(QTcpSocket *socket, QObject *httpServer, const Limits &limits, const Authorizer &authorizer);

    void inspect();
    void awaitHeaders();
    void headerTimedOut();
    void countBodyBytes();
    Verdict judge(const QByteArray &block) const;
    Verdict judgeFields(const QList<QByteArray> &lines, bool http10) const;
    void reject(int status, const QByteArray &code, const QString &message);

    QTcpSocket *m_socket;
    QObject *m_httpServer;
    Limits m_limits;
    Authorizer m_authorizer;
    State m_state = State::AwaitingHeaders;
    bool m_chunked = false;
    qint64 m_bodyBytes = 0;
    QTimer m_headerTimer;
};

} // namespace Dust

#endif // DUSTHTTPGUARD_P_H
