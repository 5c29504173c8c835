// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#ifndef DUSTBATCHOP_H
#define DUSTBATCHOP_H

#include <dustop.h>
#include <dustpath.h>

#include <QtCore/qjsonvalue.h>

#include <optional>

namespace Dust {

/// One write of an atomic batch: a set (with its value) or a delete.
///
/// \code
/// const QList<Dust::BatchOp> ops{
///     Dust::BatchOp::set(*Dust::Path::parse(u"posts/hello/title"), u"Hi"_s),
///     Dust::BatchOp::remove(*Dust::Path::parse(u"drafts/hello"), 7),   // only at revision 7
/// };
/// transport->batchWrite(ops);
/// \endcode
struct BatchOp
{
    Op::Kind op = Op::Kind::Set;
    Path path;
    QJsonValue value;
    std::optional<qint64> ifMatch;

    static BatchOp set(const Path &path, const QJsonValue &value, std::optional<qint64> ifMatch = {})
    {
        return BatchOp{Op::Kind::Set, path, value, ifMatch};
    }
    static BatchOp remove(const Path &path, std::optional<qint64> ifMatch = {})
    {
        return BatchOp{Op::Kind::Delete, path, QJsonValue(), ifMatch};
    }

    friend bool operator==(const BatchOp &a, const BatchOp &b)
    {
        return a.op == b.op && a.path == b.path && a.value == b.value && a.ifMatch == b.ifMatch;
    }
};

} // namespace Dust

#endif // DUSTBATCHOP_H
