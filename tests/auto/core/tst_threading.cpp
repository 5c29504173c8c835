// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#include <dustthreading_p.h>

#include <QtCore/qcoreapplication.h>
#include <QtTest/qtest.h>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <memory>

using namespace Qt::StringLiterals;
using namespace Dust;

class tst_Threading : public QObject
{
    Q_OBJECT

private slots:
    void postRunsInOrderOnTheContextThread();
    void postCarriesDataAcrossThreads();
    void postSkipsDestroyedContext();
    void runBlockingWaitsForTheCall();
    void runBlockingOnOwnThreadCallsDirectly();
    void postBackToTheMainThread();
};

void tst_Threading::postRunsInOrderOnTheContextThread()
{
    WorkerThread thread(u"worker"_s);
    thread.start();
    QObject context;
    context.moveToThread(&thread);
    std::vector<int> seen;
    std::atomic<bool> wrongThread = false;
    for (int i = 0; i < 1000; ++i) {
        Threading::post(&context, [&, i] {
            wrongThread = wrongThread || QThread::currentThread() != &thread;
            seen.push_back(i);
        });
    }
    QThread *mainThread = QThread::currentThread();
    Threading::runBlocking(&context, [&] { context.moveToThread(mainThread); });
    thread.stop();
    QVERIFY(!wrongThread);
    QCOMPARE(int(seen.size()), 1000);
    QVERIFY(std::is_sorted(seen.begin(), seen.end()));
}

// Data written before post() and read in the call: under ThreadSanitizer this
// is only race-free because post() publishes it.
void tst_Threading::postCarriesDataAcrossThreads()
{
    WorkerThread thread(u"worker"_s);
    thread.start();
    auto *context = new QObject;
    context->moveToThread(&thread);
    long long sum = 0;
    for (int i = 0; i < 2000; ++i) {
        auto payload = std::make_shared<std::vector<int>>(std::vector<int>{i, i});
        Threading::post(context, [payload, &sum] { sum += (*payload)[0] + (*payload)[1]; });
    }
    Threading::runBlocking(context, [context] { delete context; });
    thread.stop();
    QCOMPARE(sum, 2LL * (1999LL * 2000LL / 2));
}

void tst_Threading::postSkipsDestroyedContext()
{
    WorkerThread thread(u"worker"_s);
    thread.start();
    auto *context = new QObject;
    auto *witness = new QObject;
    context->moveToThread(&thread);
    witness->moveToThread(&thread);
    // The worker holds in the first call until the second one is queued,
    // then deletes the context; the queued call must then be skipped.
    std::mutex mutex;
    std::condition_variable cv;
    bool queued = false;
    Threading::post(witness, [&, context] {
        std::unique_lock lock(mutex);
        cv.wait(lock, [&] { return queued; });
        delete context;
    });
    std::atomic<int> calls = 0;
    Threading::post(context, [&] { ++calls; });
    {
        std::lock_guard lock(mutex);
        queued = true;
    }
    cv.notify_all();
    Threading::runBlocking(witness, [witness] { delete witness; });
    thread.stop();
    QCOMPARE(calls.load(), 0);
}

void tst_Threading::runBlockingWaitsForTheCall()
{
    WorkerThread thread(u"worker"_s);
    thread.start();
    QObject context;
    context.moveToThread(&thread);
    QThread *ranOn = nullptr;
    QString written;
    Threading::runBlocking(&context, [&] {
        ranOn = QThread::currentThread();
        written = u"done"_s;
    });
    QCOMPARE(ranOn, &thread);
    QCOMPARE(written, u"done"_s);
    Threading::runBlocking(&context, [&] { context.moveToThread(qApp->thread()); });
    thread.stop();
}

void tst_Threading::runBlockingOnOwnThreadCallsDirectly()
{
    QObject context;
    bool ran = false;
    Threading::runBlocking(&context, [&] { ran = true; });
    QVERIFY(ran);
}

void tst_Threading::postBackToTheMainThread()
{
    WorkerThread thread(u"worker"_s);
    thread.start();
    QObject worker;
    worker.moveToThread(&thread);
    QString result;
    Threading::post(&worker, [this, &result] {
        const QString computed = u"from worker"_s;
        Threading::post(this, [computed, &result] { result = computed; });
    });
    QTRY_COMPARE(result, u"from worker"_s);
    Threading::runBlocking(&worker, [&] { worker.moveToThread(qApp->thread()); });
    thread.stop();
}

QTEST_GUILESS_MAIN(tst_Threading)
#include "tst_threading.moc"
