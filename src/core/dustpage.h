// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#ifndef DUSTPAGE_H
#define DUSTPAGE_H

#include <dustentry.h>

#include <QtCore/qlist.h>
#include <QtCore/qstring.h>
#include <QtCore/qstringlist.h>

namespace Dust {

/// One page of an entries listing (Store::enumerate(), HttpTransport::list(),
/// REST `GET .../entries`): how many, in which order, what to return and
/// after which cursor.
///
/// \code
/// Dust::PageRequest request;
/// request.limit = 100;
/// request.select = Dust::PageRequest::Select::Keys;
/// for (;;) {
///     const Dust::Result<Dust::Page> page = site->enumerate(u"posts/*"_s, request);
///     if (!page)
///         break;
///     handle(page->keys);
///     if (page->nextCursor.isEmpty())
///         break;
///     request.after = page->nextCursor;
/// }
/// \endcode
struct PageRequest
{
    enum class Order { Ascending, Descending };
    enum class Select { Entries, Keys, Prefixes };
    static constexpr int DefaultLimit = 50;
    static constexpr int MaxLimit = 1000;

    int limit = DefaultLimit;
    Order order = Order::Ascending;
    Select select = Select::Entries;
    QString after; ///< cursor: the last path (or prefix) of the previous page
};


/// One page of entries (or keys, or prefixes) and the cursor of the next;
/// see PageRequest for the paging loop.
///
/// \code
/// if (const Dust::Result<Dust::Page> page = site->enumerate(u"posts/*"_s)) {
///     for (const Dust::Entry &entry : page->entries)
///         qDebug() << entry.path << entry.value;
/// }
/// \endcode
struct Page
{
    QList<Entry> entries;  ///< Select::Entries
    QStringList keys;      ///< Select::Keys and Select::Prefixes
    QString nextCursor;    ///< empty on the last page
};

} // namespace Dust

#endif // DUSTPAGE_H
