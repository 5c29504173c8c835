// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#ifndef DUSTPRIVATEAPI_P_H
#define DUSTPRIVATEAPI_P_H

//
//  W A R N I N G
//  -------------
//
// This file is not part of the DustQt API. It may change without notice.
//

// Every private header includes this one first. Only DustQt's libraries
// and the targets that link DustQt::CorePrivate or DustQt::ServerPrivate
// (DustQt's own tests, fuzzers and benchmarks, as Qt's link
// Qt::CorePrivate) may include one; an application, a demo or a tool that
// does fails to build here rather than break on the next release.
#ifndef DUSTQT_PRIVATE_API
#  error "A private DustQt header (_p.h) is included outside DustQt: use the public headers."
#endif

#endif // DUSTPRIVATEAPI_P_H
