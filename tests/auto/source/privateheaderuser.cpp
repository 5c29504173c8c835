// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

// An application that reaches for a private header: this must not build
// (see tst_privateheaderguard in CMakeLists.txt).
#include <dustthreading_p.h>
