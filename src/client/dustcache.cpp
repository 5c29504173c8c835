// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#include "dustcache_p.h"

namespace Dust::Internal {

Cache::~Cache() = default;

} // namespace Dust::Internal
