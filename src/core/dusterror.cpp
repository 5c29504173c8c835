// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#include "dusterror.h"
#include "dusterrorcode.h"

#include <QtCore/qdebug.h>
#include <QtCore/qhash.h>
#include <QtCore/qjsondocument.h>
#include <QtCore/qstringlist.h>

#include <cstring>
#include <mutex>
#include <optional>

using namespace Qt::StringLiterals;

namespace Dust {

namespace {

struct CodeInfo
{
    Error::Kind kind;
    const char *text;
};

// The codes every layer registered. Layers register while their library
// loads; an application may load the QML plugin while other threads already
// read messages, hence the lock (a std::mutex: ThreadSanitizer sees it).
struct CodeRegistry
{
    std::mutex mutex;
    QHash<QString, CodeInfo> codes;
};

CodeRegistry &registry()
{
    static CodeRegistry instance;
    return instance;
}

std::optional<CodeInfo> lookUp(const QString &code)
{
    CodeRegistry &r = registry();
    std::lock_guard lock(r.mutex);
    const auto it = r.codes.constFind(code);
    if (it == r.codes.cend())
        return std::nullopt;
    return *it;
}

const char *kindText(Error::Kind kind)
{
    using K = Error::Kind;
    switch (kind) {
    case K::None: return QT_TRANSLATE_NOOP("Dust::Error", "No error.");
    case K::Network: return QT_TRANSLATE_NOOP("Dust::Error", "A network error occurred.");
    case K::Http: return QT_TRANSLATE_NOOP("Dust::Error", "The server answered with an error.");
    case K::Conflict: return QT_TRANSLATE_NOOP("Dust::Error", "The value changed since it was read (revision conflict).");
    case K::NotSupported: return QT_TRANSLATE_NOOP("Dust::Error", "This operation is not supported here.");
    case K::NothingToWrite: return QT_TRANSLATE_NOOP("Dust::Error", "There is nothing to write.");
    case K::Timeout: return QT_TRANSLATE_NOOP("Dust::Error", "No answer arrived in time; the write may still be applied.");
    case K::Unauthorized: return QT_TRANSLATE_NOOP("Dust::Error", "Not authorized: the token or the store is not valid.");
    case K::InvalidParams: return QT_TRANSLATE_NOOP("Dust::Error", "The request has invalid parameters.");
    case K::RateLimited: return QT_TRANSLATE_NOOP("Dust::Error", "Too many requests; try again later.");
    case K::NotImplemented: return QT_TRANSLATE_NOOP("Dust::Error", "The server does not offer this route; it may be older than this client.");
    case K::InvalidPath: return QT_TRANSLATE_NOOP("Dust::Error", "The path is not valid.");
    case K::InvalidValue: return QT_TRANSLATE_NOOP("Dust::Error", "The value is not valid for this operation.");
    case K::Protocol: return QT_TRANSLATE_NOOP("Dust::Error", "The message does not follow the Dust protocol.");
    case K::Rejected: return QT_TRANSLATE_NOOP("Dust::Error", "The server rejected the write.");
    case K::NotFound: return QT_TRANSLATE_NOOP("Dust::Error", "Nothing was found at this path.");
    case K::Unavailable: return QT_TRANSLATE_NOOP("Dust::Error", "Not connected to the Dust server.");
    case K::Storage: return QT_TRANSLATE_NOOP("Dust::Error", "Local storage failed.");
    case K::StartFailed: return QT_TRANSLATE_NOOP("Dust::Error", "The live subscription could not be started.");
    case K::Cancelled: return QT_TRANSLATE_NOOP("Dust::Error", "The operation was cancelled.");
    case K::InvalidSchema: return QT_TRANSLATE_NOOP("Dust::Error", "The schema declaration is not valid.");
    }
    return "";
}

} // namespace

Error::Error(Kind kind, const QString &code, const QJsonObject &detail)
    : Error(kind, code, detail, defaultRetryable(kind))
{
}

Error::Error(Kind kind, const QString &code, const QJsonObject &detail, bool retryable)
    : m_kind(kind), m_code(code), m_detail(detail), m_retryable(retryable)
{
}

bool Error::defaultRetryable(Kind kind)
{
    switch (kind) {
    case Kind::Network:
    case Kind::Http:
    case Kind::RateLimited:
    case Kind::Unavailable:
        return true;
    default:
        return false;
    }
}

Error Error::fromReply(const QJsonObject &response)
{
    const QJsonValue reason = response.value(u"reason");
    if (!reason.isString())
        return Error(Kind::Protocol, u"unexpected_reply"_s, response);
    QJsonObject detail = response;
    detail.remove(u"reason");
    const QString code = reason.toString();
    const std::optional<CodeInfo> info = lookUp(code);
    return Error(info ? info->kind : Kind::Rejected, code, detail);
}

QString Error::kindName() const
{
    return QString::fromLatin1(QMetaEnum::fromType<Kind>().valueToKey(int(m_kind)));
}

QString Error::message() const
{
    const std::optional<CodeInfo> info = lookUp(m_code);
    QString text = QCoreApplication::translate("Dust::Error", info ? info->text : kindText(m_kind));
    // A server's own explanation, when it sent one, says more than ours.
    const QString serverMessage = m_detail.value(u"message").toString();
    if (!serverMessage.isEmpty())
        text += u' ' + tr("(%1)").arg(serverMessage);
    else if (!info && !m_code.isEmpty())
        text += u' ' + tr("(%1)").arg(m_code);
    return text;
}

QString Error::toString() const
{
    QString s = kindName() + u'/' + m_code + u": "_s + message();
    if (!m_detail.isEmpty())
        s += u' ' + QString::fromUtf8(QJsonDocument(m_detail).toJson(QJsonDocument::Compact));
    return s;
}

QDebug operator<<(QDebug debug, const Error &error)
{
    QDebugStateSaver saver(debug);
    debug.nospace() << "Dust::Error(" << error.toString() << ')';
    return debug;
}

void registerErrorCodes(std::initializer_list<ErrorCode> codes)
{
    CodeRegistry &r = registry();
    std::lock_guard lock(r.mutex);
    for (const ErrorCode &code : codes) {
        const QString name(code.name);
        const auto known = r.codes.constFind(name);
        Q_ASSERT_X(known == r.codes.cend()
                       || (known->kind == code.kind && std::strcmp(known->text, code.text) == 0),
                   "Dust::registerErrorCodes", "an error code is declared twice with different meanings");
        r.codes.insert(name, {code.kind, code.text});
    }
}

QStringList knownErrorCodes()
{
    CodeRegistry &r = registry();
    std::lock_guard lock(r.mutex);
    QStringList names = r.codes.keys();
    names.sort();
    return names;
}

const char *errorCodeText(const QString &code)
{
    const std::optional<CodeInfo> info = lookUp(code);
    return info ? info->text : nullptr;
}

} // namespace Dust
