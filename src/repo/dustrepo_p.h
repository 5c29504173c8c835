// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#ifndef DUSTREPO_P_H
#define DUSTREPO_P_H

#include <dustprivateapi_p.h>

//
//  W A R N I N G
//  -------------
//
// This file is not part of the DustQt API. It may change without notice.
//

#include "dustrepo.h"
#include "dustrepooperations_p.h"
#include "dustreposubscriptions_p.h"
#include "dustrepotransportselector_p.h"

#include <memory>

namespace Dust {

// A Repo is its four parts: transport selection (with the settings), the
// asynchronous operations and the subscriptions that use it, and the
// lifetime object bridges watch.
class RepoPrivate
{
public:
    static RepoPrivate *get(const Repo *repo) { return repo->d.get(); }

    // Destroyed first thing in ~Repo: bridges end their subscriptions then.
    std::unique_ptr<QObject> lifetime = std::make_unique<QObject>();
    RepoTransportSelector transports;
    RepoOperations operations{&transports};
    RepoSubscriptions subscriptions{&transports};
};

namespace Internal {
// Whether `repo` ever built its HttpTransport: tests check that a Repo over
// the WebSocket never does.
DUST_CORE_EXPORT bool hasHttpTransport(const Repo *repo);
} // namespace Internal

} // namespace Dust

#endif // DUSTREPO_P_H
