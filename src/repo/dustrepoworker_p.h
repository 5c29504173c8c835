// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#ifndef DUSTREPOWORKER_P_H
#define DUSTREPOWORKER_P_H

#include <dustprivateapi_p.h>

//
//  W A R N I N G
//  -------------
//
// This file is not part of the DustQt API. It may change without notice.
//

#include <dustthreading_p.h>

#include <memory>

namespace Dust {

// The one thread every Repo runs its network work on: the HTTP transports
// live there, and write futures of Stores are watched from it. It starts
// with the first Repo and stops (joined) when the last one lets go.
class RepoWorker
{
public:
    // The running worker, started if no Repo holds one.
    static std::shared_ptr<RepoWorker> acquire();

    RepoWorker();
    ~RepoWorker();
    Q_DISABLE_COPY_MOVE(RepoWorker)

    QThread *thread() const { return m_thread.get(); }

private:
    std::unique_ptr<WorkerThread> m_thread;
};

} // namespace Dust

#endif // DUSTREPOWORKER_P_H
