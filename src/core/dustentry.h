// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#ifndef DUSTENTRY_H
#define DUSTENTRY_H

#include <dustop.h>
#include <dustpath.h>

#include <QtCore/qdatetime.h>
#include <QtCore/qjsonvalue.h>
#include <QtCore/qobjectdefs.h>

#include <optional>

namespace Dust {

/*!
    One value read from a store: its path, value, type and revision (the
    store_seq of the write that last changed it; for an assembled subtree the
    highest revision below it), and when this client last received it from
    the server (`syncedAt`, local time; null for an assembled subtree and for
    a local write the server has not confirmed yet). Both the memory and the
    SQLite cache keep `syncedAt`.

    \code
    if (std::optional<Dust::Entry> e = client->entry(u"acme/site"_s, u"posts/hello"_s))
        qDebug() << e->value << Dust::Entry::typeName(e->type) << e->revision << e->syncedAt;
    \endcode
*/
class DUST_CORE_EXPORT Entry
{
    Q_GADGET
    Q_PROPERTY(QString path READ pathString CONSTANT)
    Q_PROPERTY(QJsonValue value MEMBER value CONSTANT)
    Q_PROPERTY(Type type MEMBER type CONSTANT)
    Q_PROPERTY(qint64 revision MEMBER revision CONSTANT)
    Q_PROPERTY(QDateTime syncedAt MEMBER syncedAt CONSTANT)

public:
    /// Leaf types of protocol §5.1, plus Map for an assembled subtree. A JSON
    /// array written by `set` is typed Set, like the result of add/remove.
    enum class Type : quint8 {
        Null,
        String,
        Integer,
        Float,
        Boolean,
        Counter,
        Set,
        File,
        Lease,
        Decimal,
        DateTime,
        Map,
    };
    Q_ENUM(Type)

    Path path;
    QJsonValue value;
    Type type = Type::Null;
    qint64 revision = 0;
    QDateTime syncedAt = {};

    QString pathString() const { return path.toString(); }
    /// `syncedAt` for a leaf's Unix time in ms (0: a null QDateTime).
    static QDateTime syncTime(qint64 msecsSinceEpoch);

    /// The wire name ("string", "counter", ...) and back.
    static QString typeName(Type type);
    static std::optional<Type> typeFromName(QStringView name);
    /// The type a value gets when it is written by `set`.
    static Type typeOf(const QJsonValue &value);
    /// True for objects that stay one leaf: file references, leases, and
    /// `_typed` decimals and datetimes. Any other object is a plain map.
    static bool isTypedValue(const QJsonValue &value);
    static bool isPlainMap(const QJsonValue &value) { return value.isObject() && !isTypedValue(value); }

    /// The stored entry; when it arrived (syncedAt) is not part of it.
    friend bool operator==(const Entry &a, const Entry &b)
    {
        return a.path == b.path && a.value == b.value && a.type == b.type && a.revision == b.revision;
    }
};

} // namespace Dust

Q_DECLARE_METATYPE(Dust::Entry)

#endif // DUSTENTRY_H
