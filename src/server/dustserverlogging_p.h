// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#ifndef DUSTSERVERLOGGING_P_H
#define DUSTSERVERLOGGING_P_H

#include <dustprivateapi_p.h>

#include <QtCore/qcoreapplication.h>
#include <QtCore/qloggingcategory.h>

namespace Dust {
// Every log line of the server; tokens never appear in it.
Q_DECLARE_LOGGING_CATEGORY(lcServer)

// A client-supplied string as it may go into a log line: a backslash,
// control characters (C0, DEL, C1; newlines and ESC among them), and the
// line separators and bidirectional overrides come out as escapes, so no
// client can forge, colour, reorder or cut a line.
QString logSafe(QStringView text);

// The server's user-visible texts share one translation context.
struct ServerText
{
    Q_DECLARE_TR_FUNCTIONS(Dust::Server)
};
} // namespace Dust

#endif // DUSTSERVERLOGGING_P_H
