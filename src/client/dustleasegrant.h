// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#ifndef DUSTLEASEGRANT_H
#define DUSTLEASEGRANT_H

#include <dustglobal.h>

#include <QtCore/qmetatype.h>
#include <QtCore/qstring.h>

namespace Dust {

/*!
    A lease granted (or renewed) by the server (protocol §5.5). `token` is the
    store_seq of the acquiring write and fences later writes.

    \code
    store->lease(u"locks/job"_s, 10000, u"worker-1"_s).then([](Dust::Result<Dust::LeaseGrant> r) {
        if (r)
            qDebug() << "holding until" << r->expiresAt << "token" << r->token;
    });
    \endcode
*/
struct LeaseGrant
{
    qint64 storeSeq = 0;
    qint64 token = 0;
    qint64 expiresAt = 0; ///< Unix time in milliseconds
    QString holder;

    friend bool operator==(const LeaseGrant &a, const LeaseGrant &b)
    {
        return a.storeSeq == b.storeSeq && a.token == b.token && a.expiresAt == b.expiresAt
            && a.holder == b.holder;
    }
};

} // namespace Dust

Q_DECLARE_METATYPE(Dust::LeaseGrant)

#endif // DUSTLEASEGRANT_H
