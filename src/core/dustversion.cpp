// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#include "dustglobal.h"

#include <QtCore/qstring.h>

namespace Dust {

QString version()
{
    return QStringLiteral(DUSTQT_VERSION_STR);
}

} // namespace Dust
