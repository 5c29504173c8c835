// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#include "dustserverlogging_p.h"

#include <QtCore/qstring.h>

using namespace Qt::StringLiterals;

namespace Dust {
Q_LOGGING_CATEGORY(lcServer, "dust.server")

namespace {

bool needsEscape(char16_t c)
{
    return c < 0x20 || (c >= 0x7f && c < 0xa0) || c == 0x2028 || c == 0x2029 || (c >= 0x202a && c <= 0x202e)
        || (c >= 0x2066 && c <= 0x2069);
}

} // namespace

QString logSafe(QStringView text)
{
    QString safe;
    safe.reserve(text.size());
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        if (u == u'\\')
            safe += u"\\\\"_s;
        else if (u == u'\n')
            safe += u"\\n"_s;
        else if (u == u'\r')
            safe += u"\\r"_s;
        else if (u == u'\t')
            safe += u"\\t"_s;
        else if (needsEscape(u))
            safe += (u < 0x100 ? u"\\x%1"_s : u"\\u%1"_s).arg(uint(u), u < 0x100 ? 2 : 4, 16, QChar(u'0'));
        else
            safe += c;
    }
    return safe;
}

} // namespace Dust
