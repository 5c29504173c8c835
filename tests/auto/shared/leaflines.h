// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#ifndef LEAFLINES_H
#define LEAFLINES_H

// Leaves as comparable text lines: key, type, revision, sync time and the
// value's CBOR in hex, so integer and float, and every byte of a string,
// show. The event frame reader's test and fuzzer compare models with them.

#include <dustentry.h>
#include <dustvaluemodel.h>

#include <QtCore/qcborvalue.h>
#include <QtCore/qstringlist.h>

#include <optional>

namespace LeafLines {

inline QString line(const QByteArray &key, const std::optional<Dust::Leaf> &leaf)
{
    if (!leaf)
        return QString::fromUtf8(key) + QStringLiteral(" removed");
    return QStringLiteral("%1 %2 %3 %4 %5")
        .arg(QString::fromUtf8(key), Dust::Entry::typeName(leaf->type))
        .arg(leaf->seq)
        .arg(leaf->syncedAt)
        .arg(QString::fromLatin1(QCborValue::fromJsonValue(leaf->value).toCbor().toHex()));
}

// Every leaf of `model`, in key order.
inline QStringList of(const Dust::ValueModel &model)
{
    QStringList out;
    model.forEachLeaf([&](const QByteArray &key, const Dust::Leaf &leaf) { out.append(line(key, leaf)); });
    return out;
}

// The new state of each changed key, sorted.
inline QStringList of(const QList<Dust::LeafChange> &changes)
{
    QStringList out;
    for (const Dust::LeafChange &change : changes)
        out.append(line(change.key, change.leaf));
    out.sort();
    return out;
}

} // namespace LeafLines

#endif // LEAFLINES_H
