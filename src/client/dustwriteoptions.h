// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#ifndef DUSTWRITEOPTIONS_H
#define DUSTWRITEOPTIONS_H

#include <dustglobal.h>
#include <dustleasegrant.h>

#include <QtCore/qmetatype.h>
#include <QtCore/qstring.h>

#include <optional>
#include <utility>

namespace Dust {

/*!
    Preconditions of a write (protocol §3.1). The server checks them and
    rejects the write with `conflict`, `exists` or `fenced`; the optimistic
    local copy is then rolled back.

    \code
    Dust::WriteOptions cas;
    cas.ifMatch = store->entry(u"posts/hello"_s)->revision;   // compare-and-set
    store->set(u"posts/hello"_s, u"new"_s, cas);

    Dust::WriteOptions fenced;
    fenced.fence = std::pair{u"locks/job"_s, grant.token};    // only while the lease holds
    \endcode
*/
struct WriteOptions
{
    /// The leaf's current revision must be this (set and delete only).
    std::optional<qint64> ifMatch;
    /// The path must not hold a value yet (set only).
    bool ifAbsent = false;
    /// Lease key and token that must still be held.
    std::optional<std::pair<QString, qint64>> fence;
};

/*!
    What a rollback (Store::rollback(), Store::rollbackStore()) wrote: the
    store_seq the store is at afterwards and how many writes it took. The
    writes are ordinary sets and deletes by the device `system:rollback`;
    none at all when nothing differed from the state asked for.

    \code
    store->rollback(u"posts/hello"_s, 41).then([](Dust::Result<Dust::RollbackResult> r) {
        if (r && r->opsWritten == 0)
            qDebug() << "posts/hello was already as it was at store_seq 41";
    });
    \endcode
*/
struct RollbackResult
{
    qint64 storeSeq = 0;
    qint64 opsWritten = 0;

    friend bool operator==(const RollbackResult &a, const RollbackResult &b)
    {
        return a.storeSeq == b.storeSeq && a.opsWritten == b.opsWritten;
    }
};

} // namespace Dust

Q_DECLARE_METATYPE(Dust::WriteOptions)
Q_DECLARE_METATYPE(Dust::RollbackResult)

#endif // DUSTWRITEOPTIONS_H
