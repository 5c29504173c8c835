// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#ifndef DUSTLEAF_H
#define DUSTLEAF_H

#include <dustentry.h>

#include <QtCore/qjsonvalue.h>

namespace Dust {

/// One stored leaf: a value, its type and its revision.
///
/// \code
/// std::optional<Dust::Leaf> title = model.leaf(*Dust::Path::parse(u"posts/hello/title"));
/// if (title)
///     qDebug() << title->value << "written at store_seq" << title->seq;
/// \endcode
struct Leaf
{
    QJsonValue value;
    Entry::Type type = Entry::Type::Null;
    qint64 seq = 0;
    /// In a client's copy: when the leaf last came from the server (Unix
    /// time in ms, local clock); 0 for a local write not confirmed yet, and
    /// on the server.
    qint64 syncedAt = 0;

    /// The stored value; when it arrived (syncedAt) is not part of it.
    friend bool operator==(const Leaf &a, const Leaf &b)
    {
        return a.value == b.value && a.type == b.type && a.seq == b.seq;
    }
};

} // namespace Dust

#endif // DUSTLEAF_H
