// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#ifndef DUSTOP_H
#define DUSTOP_H

#include <dustglobal.h>

#include <QtCore/qobjectdefs.h>
#include <QtCore/qstring.h>

#include <optional>

namespace Dust {

/*!
    The write operations of the Dust protocol (§3.1), with their wire names.

    \code
    Dust::Op::name(Dust::Op::Kind::Increment);          // u"increment"
    Dust::Op::fromName(u"put_file");                      // Dust::Op::Kind::PutFile
    Dust::Op::fromName(u"explode");                       // std::nullopt
    \endcode
*/
class DUST_CORE_EXPORT Op
{
    Q_GADGET
public:
    enum class Kind : quint8 {
        Set,
        Delete,
        Merge,
        Increment,
        Add,
        Remove,
        PutFile,
        Lease,
        Renew,
        Release,
    };
    Q_ENUM(Kind)

    static QString name(Kind kind);
    static std::optional<Kind> fromName(QStringView name);
};

} // namespace Dust

#endif // DUSTOP_H
