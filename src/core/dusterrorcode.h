// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#ifndef DUSTERRORCODE_H
#define DUSTERRORCODE_H

#include <dusterror.h>

#include <QtCore/qstringlist.h>

#include <initializer_list>

namespace Dust {

/*!
    One error code a layer of DustQt can emit: its stable name, the kind it
    belongs to and a sentence for users, marked for translation in the
    context "Dust::Error". Each layer declares its codes as constants next to
    its code (Dust::CoreErrors, Dust::ClientErrors, Dust::SchemaErrors,
    Dust::ServerErrors, Dust::TestErrors) and registers them with
    registerErrorCodes() when its library loads; Error::message() and
    Error::fromReply() look codes up there.

    \code
    if (result.error().code() == Dust::ClientErrors::InvalidUrl.name)
        askForAnotherUrl();
    return Dust::ClientErrors::InvalidUrl.error({{u"url"_s, url.toString()}});
    \endcode
*/
struct ErrorCode
{
    constexpr ErrorCode(const char *name, Error::Kind kind, const char *text)
        : name(name), kind(kind), text(text)
    {
    }

    /// An Error with this code, its kind and \a detail.
    Error error(const QJsonObject &detail = {}) const { return Error(kind, QString(name), detail); }

    QLatin1StringView name;
    Error::Kind kind;
    const char *text;
};

/// Makes \a codes known to Error::message() and Error::fromReply(). A name
/// registered twice must mean the same kind and sentence.
DUST_CORE_EXPORT void registerErrorCodes(std::initializer_list<ErrorCode> codes);
/// Every registered code name, sorted.
DUST_CORE_EXPORT QStringList knownErrorCodes();
/// The untranslated sentence of a registered \a code (context "Dust::Error"),
/// or nullptr when no layer declares it.
DUST_CORE_EXPORT const char *errorCodeText(const QString &code);

} // namespace Dust

#endif // DUSTERRORCODE_H
