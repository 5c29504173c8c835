// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#ifndef DUSTCLIENTLOGGING_P_H
#define DUSTCLIENTLOGGING_P_H

#include <dustprivateapi_p.h>

#include <QtCore/qloggingcategory.h>

namespace Dust::Internal {
Q_DECLARE_LOGGING_CATEGORY(lcClient)
} // namespace Dust::Internal

#endif // DUSTCLIENTLOGGING_P_H
