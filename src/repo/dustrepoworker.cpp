// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#include "dustrepoworker_p.h"

#include <mutex>

using namespace Qt::StringLiterals;

namespace Dust {

std::shared_ptr<RepoWorker> RepoWorker::acquire()
{
    static std::mutex mutex;
    static std::weak_ptr<RepoWorker> shared;
    std::lock_guard lock(mutex);
    std::shared_ptr<RepoWorker> worker = shared.lock();
    if (!worker) {
        worker = std::make_shared<RepoWorker>();
        shared = worker;
    }
    return worker;
}

RepoWorker::RepoWorker() : m_thread(std::make_unique<WorkerThread>(u"dust-repo"_s))
{
    m_thread->start();
}

RepoWorker::~RepoWorker()
{
    if (QThread::currentThread() != m_thread.get()) {
        m_thread->stop();
        return;
    }
    // The last Repo went away in a callback on the worker itself, which
    // cannot join itself: the thread ends once that callback returns, and
    // its object is deleted from the thread that created it.
    WorkerThread *thread = m_thread.release();
    QObject::connect(thread, &QThread::finished, thread, &QObject::deleteLater);
    thread->quit();
}

} // namespace Dust
