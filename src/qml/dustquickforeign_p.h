// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#ifndef DUSTQUICKFOREIGN_P_H
#define DUSTQUICKFOREIGN_P_H

#include <dustprivateapi_p.h>

//
//  W A R N I N G
//  -------------
//
// This file is not part of the DustQt API. It may change without notice.
//

#include <dustclient.h>
#include <dusterror.h>
#include <dustpubsub.h>

#include <QtQml/qqml.h>

namespace Dust {

// Describes Dust::PubSub (a `hub` property's type) to QML and qmllint;
// hubs are made in C++, so QML gets no name to create one.
struct QuickPubSubForeign
{
    Q_GADGET
    QML_FOREIGN(Dust::PubSub)
    QML_ANONYMOUS
};

// Describes Dust::Client to QML and qmllint: DustClient's `status` and
// `frameFormat` have its enum types (DustClient takes its enums from it).
struct QuickClientForeign
{
    Q_GADGET
    QML_FOREIGN(Dust::Client)
    QML_ANONYMOUS
};

// Describes Dust::Error, the type of every element's `error` and of the
// `error` of each result, to QML and qmllint.
struct QuickErrorForeign
{
    Q_GADGET
    QML_FOREIGN(Dust::Error)
    QML_ANONYMOUS
};

} // namespace Dust

#endif // DUSTQUICKFOREIGN_P_H
