// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#ifndef DUSTERROR_H
#define DUSTERROR_H

#include <dustglobal.h>

#include <QtCore/qcoreapplication.h>
#include <QtCore/qjsonobject.h>
#include <QtCore/qmetaobject.h>
#include <QtCore/qstring.h>

namespace Dust {

/*!
    An error returned by any DustQt operation: a kind to branch on, a stable
    machine-readable code (the server's reason string where there is one), a
    detail object with extra fields, and whether retrying may help.

    Errors are values: they are returned in a Result, never thrown.

    \code
    const Dust::Result<Dust::Path> path = Dust::Path::parse(u"posts//hello");
    if (!path) {
        qWarning() << path.error().code();     // "empty_segment"
        qWarning() << path.error().message();  // translated, human readable
    }
    \endcode
*/
class DUST_CORE_EXPORT Error
{
    Q_GADGET
    Q_DECLARE_TR_FUNCTIONS(Dust::Error)
    Q_PROPERTY(Kind kind READ kind CONSTANT)
    Q_PROPERTY(QString kindName READ kindName CONSTANT)
    Q_PROPERTY(QString code READ code CONSTANT)
    Q_PROPERTY(QString message READ message CONSTANT)
    Q_PROPERTY(bool retryable READ isRetryable CONSTANT)
    Q_PROPERTY(QVariantMap detail READ detailMap CONSTANT)
    /// In QML, where an Error is a value and never null: `if (!error.isNull)`.
    Q_PROPERTY(bool isNull READ isNull CONSTANT)

public:
    /// The first ten are the kinds of dustlayer_ecto's error model; the rest
    /// are what the protocol core, client, server and bridge add.
    enum class Kind {
        None,
        Network,
        Http,
        Conflict,
        NotSupported,
        NothingToWrite,
        Timeout,
        Unauthorized,
        InvalidParams,
        RateLimited,
        NotImplemented,
        InvalidPath,
        InvalidValue,
        Protocol,
        Rejected,
        NotFound,
        Unavailable,
        Storage,
        StartFailed,
        Cancelled,
        InvalidSchema,
    };
    Q_ENUM(Kind)

    Error() = default;
    Error(Kind kind, const QString &code, const QJsonObject &detail = {});
    Error(Kind kind, const QString &code, const QJsonObject &detail, bool retryable);

    /// Builds an Error from the `response` object of a Phoenix error reply
    /// (`{"reason": ..., extra fields}`), mapping the reason to a kind.
    static Error fromReply(const QJsonObject &response);

    bool isNull() const { return m_kind == Kind::None; }
    Kind kind() const { return m_kind; }
    QString kindName() const;
    QString code() const { return m_code; }
    QJsonObject detail() const { return m_detail; }
    QVariantMap detailMap() const { return m_detail.toVariantMap(); }
    bool isRetryable() const { return m_retryable; }

    /// A translated, human readable sentence for users.
    QString message() const;
    /// "kind/code: message", for logs and test failure output.
    QString toString() const;

    static bool defaultRetryable(Kind kind);

    friend bool operator==(const Error &a, const Error &b)
    {
        return a.m_kind == b.m_kind && a.m_code == b.m_code && a.m_detail == b.m_detail
            && a.m_retryable == b.m_retryable;
    }
    friend bool operator!=(const Error &a, const Error &b) { return !(a == b); }

private:
    Kind m_kind = Kind::None;
    QString m_code;
    QJsonObject m_detail;
    bool m_retryable = false;
};

DUST_CORE_EXPORT QDebug operator<<(QDebug debug, const Error &error);

} // namespace Dust

Q_DECLARE_METATYPE(Dust::Error)

#endif // DUSTERROR_H
