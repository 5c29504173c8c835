// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#ifndef DUSTQUICKFOREIGN_P_H
#define DUSTQUICKFOREIGN_P_H

//
//  W A R N I N G
//  -------------
//
// This file is not part of the DustQt API. It may change without notice.
//

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

} // namespace Dust

#endif // DUSTQUICKFOREIGN_P_H
