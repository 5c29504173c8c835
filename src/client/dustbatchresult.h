// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#ifndef DUSTBATCHRESULT_H
#define DUSTBATCHRESULT_H

#include <dustglobal.h>

#include <QtCore/qjsonarray.h>

namespace Dust {

/// What a committed batch returns: the store_seq of its last op, and one raw
/// `{"path", "revision", "store_seq"}` object per op, in order.
///
/// \code
/// transport->batchWrite(ops).then(this, [](const Dust::Result<Dust::BatchResult> &result) {
///     if (result)
///         qDebug() << "committed through" << result->storeSeq << result->ops;
/// });
/// \endcode
struct BatchResult
{
    qint64 storeSeq = 0;
    QJsonArray ops;
};

} // namespace Dust

#endif // DUSTBATCHRESULT_H
