// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#include "dustserverlogging_p.h"

namespace Dust {
Q_LOGGING_CATEGORY(lcServer, "dust.server")
} // namespace Dust
