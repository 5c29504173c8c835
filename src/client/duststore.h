// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#ifndef DUSTSTORE_H
#define DUSTSTORE_H

#include <dustclient.h>
#include <dustentry.h>
#include <dustresult.h>
#include <dustserverstatus.h>
#include <duststoreevent.h>
#include <dustvaluemodel.h>
#include <dustwriteoptions.h>

#include <QtCore/qfuture.h>
#include <QtCore/qjsonobject.h>
#include <QtCore/qobject.h>
#include <QtCore/qvariantmap.h>

#include <chrono>
#include <functional>
#include <memory>
#include <optional>

namespace Dust {

class StorePrivate;

/// The local copy of one Dust store, kept in sync by its Client.
///
/// Every method is thread-safe. Writes are checked in the calling thread (a
/// bad path or value gives an already finished future holding the Error),
/// applied to the local copy before the call returns (read-your-writes),
/// queued in order and sent by the sync thread. Each write's future finishes
/// once: with the store_seq on the server's reply or on the echo of the
/// write, whichever comes first, or with an Error when the server rejects it
/// (the local copy is then restored exactly) or when the write timeout
/// passes. Writes made while disconnected are sent once after the rejoin.
///
/// Futures finish on the client's sync thread (those of calls refused at
/// once finish before the call returns). A program without an event loop
/// may block on QFuture::waitForFinished() and read the result with
/// Dust::takeResult(); QFuture::then(context, ...) and Dust::whenFinished()
/// need an event loop in the context's thread.
///
/// Until Client::open() has loaded the store's cache (Client::cacheLoaded()),
/// the local copy holds only the writes made through this Store since, and
/// lastStoreSeq() is 0; the cache's content and its queued writes join them
/// when it is loaded (a subscription then gets onResync).
///
/// Reads never touch the network and may be called from any thread,
/// including from inside a subscription callback.
///
/// \code
/// Dust::Store *site = client->store(u"acme/site"_s);
/// site->increment(u"stats/visits"_s).then(this, [](Dust::Result<qint64> r) {
///     if (!r)
///         qWarning() << r.error();
/// });
/// site->get(u"stats/visits"_s);          // already counts the increment
/// auto id = site->on(u"posts/*"_s, this, [](const Dust::StoreEvent &e) {
///     qDebug() << e.path << e.value;     // runs on this object's thread
/// });
/// site->off(*id);
/// \endcode
class DUST_CORE_EXPORT Store : public QObject
{
    Q_OBJECT
    Q_PROPERTY(QString name READ name CONSTANT)
    Q_PROPERTY(Dust::Client::Status status READ status NOTIFY statusChanged)
    Q_PROPERTY(Dust::Error error READ error NOTIFY errorOccurred)
    Q_PROPERTY(qint64 lastStoreSeq READ lastStoreSeq NOTIFY lastStoreSeqChanged)
    Q_PROPERTY(qint64 catchUpApplied READ catchUpApplied NOTIFY catchUpProgressChanged)
    Q_PROPERTY(qint64 catchUpTotal READ catchUpTotal NOTIFY catchUpProgressChanged)
    Q_PROPERTY(QVariantMap permissions READ permissions NOTIFY capabilitiesChanged)
    Q_PROPERTY(QStringList scopes READ scopes NOTIFY capabilitiesChanged)
    Q_PROPERTY(QVariantMap storeAccess READ storeAccess NOTIFY capabilitiesChanged)
    Q_PROPERTY(qint64 pendingWrites READ pendingWrites NOTIFY pendingWritesChanged)

public:
    ~Store() override;

    QString name() const;
    Client::Status status() const;
    /// The last error reported for the store as a whole (also emitted as
    /// errorOccurred()): a refused join, a message from the server it could
    /// not use. Errors of single operations finish their futures instead.
    /// Null until the first.
    Error error() const;
    /// The highest store_seq applied to the local copy; the next join asks
    /// the server for everything after it.
    qint64 lastStoreSeq() const;
    /// Progress of the catch-up after the last join: of the catchUpTotal()
    /// events between lastStoreSeq() at the join and the server's store_seq
    /// in its reply, catchUpApplied() are applied. Both are 0 before the
    /// first join; once the catch-up is complete they are equal.
    ///
    /// \code
    /// connect(site, &Dust::Store::catchUpProgressChanged, bar, [bar](qint64 applied, qint64 total) {
    ///     bar->setRange(0, int(total));
    ///     bar->setValue(int(applied));
    /// });
    /// \endcode
    qint64 catchUpApplied() const;
    qint64 catchUpTotal() const;
    /// From the join reply: {"read": bool, "write": bool}, the token's scopes
    /// and {"mode": "all"|"selected", "store_ids": [...]}.
    QVariantMap permissions() const;
    QStringList scopes() const;
    QVariantMap storeAccess() const;
    /// Writes not yet confirmed by the server (including ones only acked,
    /// whose echo has not arrived yet), and writes restored from a
    /// persistent cache once it is loaded. pendingWritesChanged() says when
    /// it changes.
    qsizetype pendingWrites() const;
    /*!
        A future that finishes once the cache is loaded and no write is
        pending: every write made so far, and every write restored from a
        persistent cache (which has no future of its own), has committed or
        been refused. It finishes at once, in the calling thread, when that
        holds already; otherwise on the client's sync thread. It says nothing
        about each write's outcome (their own futures and errorOccurred()
        do). When writes keep coming, it waits for a moment with none
        pending. It finishes with Error "closed" (kind Cancelled) when
        close() comes first or the Client is destroyed.

        Like every future of a Store, it can be waited for with
        QFuture::waitForFinished() from any thread, without an event loop:
        the sync thread finishes it.

        \code
        client->open();   // writes queued offline last time are restored
        site->whenDrained().waitForFinished();
        qInfo() << "everything written has reached the server";
        \endcode
    */
    QFuture<Result<void>> whenDrained() const;

    /// Writes. The future holds the write's store_seq.
    QFuture<Result<qint64>> set(const QString &path, const QJsonValue &value,
                                const WriteOptions &options = {});
    QFuture<Result<qint64>> set(const Path &path, const QJsonValue &value,
                                const WriteOptions &options = {});
    /// Removes the value and everything below it (op "delete").
    QFuture<Result<qint64>> remove(const QString &path, const WriteOptions &options = {});
    QFuture<Result<qint64>> remove(const Path &path, const WriteOptions &options = {});
    QFuture<Result<qint64>> merge(const QString &path, const QJsonObject &value,
                                  const WriteOptions &options = {});
    QFuture<Result<qint64>> merge(const Path &path, const QJsonObject &value,
                                  const WriteOptions &options = {});
    QFuture<Result<qint64>> increment(const QString &path, double delta = 1,
                                      const WriteOptions &options = {});
    QFuture<Result<qint64>> increment(const Path &path, double delta = 1,
                                      const WriteOptions &options = {});
    /// Set members (ops "add" and "remove"); only a fence applies to them.
    QFuture<Result<qint64>> addMember(const QString &path, const QJsonValue &member,
                                      const WriteOptions &options = {});
    QFuture<Result<qint64>> addMember(const Path &path, const QJsonValue &member,
                                      const WriteOptions &options = {});
    QFuture<Result<qint64>> removeMember(const QString &path, const QJsonValue &member,
                                         const WriteOptions &options = {});
    QFuture<Result<qint64>> removeMember(const Path &path, const QJsonValue &member,
                                         const WriteOptions &options = {});
    /// Leases need a joined store: otherwise they finish at once with Error
    /// "not_connected" and nothing is sent. They change nothing locally
    /// until the server's event arrives.
    QFuture<Result<LeaseGrant>> lease(const QString &path, int ttlMs = 30000,
                                      const QString &holder = {});
    QFuture<Result<LeaseGrant>> lease(const Path &path, int ttlMs = 30000,
                                      const QString &holder = {});
    QFuture<Result<LeaseGrant>> renew(const QString &path, qint64 token, int ttlMs = 30000);
    QFuture<Result<LeaseGrant>> renew(const Path &path, qint64 token, int ttlMs = 30000);
    /// false when nothing was released (the lease had expired or moved on).
    QFuture<Result<bool>> release(const QString &path, qint64 token);
    QFuture<Result<bool>> release(const Path &path, qint64 token);
    /// Uploads the whole file in one frame; the local copy holds the file
    /// reference (hash computed locally) until the server's arrives.
    QFuture<Result<qint64>> putFile(const QString &path, const QByteArray &content,
                                    const QString &filename, const QString &contentType = {});
    QFuture<Result<qint64>> putFile(const Path &path, const QByteArray &content,
                                    const QString &filename, const QString &contentType = {});

    /// Rolls `path` and everything below it back to how it was just after
    /// store_seq `toSeq` (0: before the first write), on the server: it
    /// writes the differences as ordinary sets and deletes by the device
    /// `system:rollback`, which every client (this one included) receives as
    /// events. Needs a joined store and a token with `entries:write`
    /// (otherwise "not_connected" or "missing_scope"). A negative `toSeq`, or
    /// one after the server's head, fails with "invalid_to_seq" and changes
    /// nothing.
    ///
    /// \code
    /// const qint64 before = site->lastStoreSeq();
    /// site->set(u"posts/hello/title"_s, u"Oops"_s);
    /// site->rollback(u"posts/hello"_s, before).then(this, [](Dust::Result<Dust::RollbackResult> r) {
    ///     if (!r)
    ///         qWarning() << r.error();
    /// });
    /// \endcode
    QFuture<Result<RollbackResult>> rollback(const QString &path, qint64 toSeq);
    QFuture<Result<RollbackResult>> rollback(const Path &path, qint64 toSeq);
    /// Rolls the whole store back to store_seq `toSeq`; see rollback().
    QFuture<Result<RollbackResult>> rollbackStore(qint64 toSeq);
    /// Asks the server for its view of the store: its head store_seq, entry
    /// count, op count and file bytes, and the whole `status` reply. Needs a
    /// joined store ("not_connected" otherwise); changes nothing.
    QFuture<Result<ServerStatus>> serverStatus();

    /// Runs `work` once across every client of the store that asks for the
    /// same `key` at the same time: the caller that takes the lease on
    /// `_dust:sf/<key>/lock` (for `ttl`) runs it, stores its result as a
    /// JSON-encoded string at `_dust:sf/<key>/result` and releases the
    /// lease; every other caller waits and finishes with that result. When
    /// the holder dies, its lease runs out after `ttl` and a waiter takes
    /// over. A holder whose work fails finishes with that error and the
    /// waiters try again. Needs a joined store and `entries:write`. `key` must
    /// be a valid path ("invalid path" errors otherwise), `ttl` positive
    /// ("invalid_ttl"). `work` is called on this call's thread, which needs an
    /// event loop.
    ///
    /// \code
    /// site->singleFlight(u"reports/daily"_s, std::chrono::seconds(30), [] {
    ///     return QtConcurrent::run([] { return Dust::Result<QJsonValue>(buildReport()); });
    /// }).then(this, [](const Dust::Result<QJsonValue> &report) {
    ///     if (report)
    ///         show(*report);   // the same report in every client
    /// });
    /// \endcode
    QFuture<Result<QJsonValue>> singleFlight(const QString &key, std::chrono::milliseconds ttl,
                                             std::function<QFuture<Result<QJsonValue>>()> work);

    /// Reads of the local copy, own unconfirmed writes included.
    std::optional<QJsonValue> get(const QString &path) const;
    std::optional<QJsonValue> get(const Path &path) const;
    std::optional<Entry> entry(const QString &path) const;
    std::optional<Entry> entry(const Path &path) const;
    /// The exact leaves that exist, in the order asked (no subtree assembly).
    QList<Entry> getMany(const QStringList &paths) const;
    Result<Page> enumerate(const QString &pattern, const PageRequest &request = {}) const;
    /// Leaves with from <= path < to.
    Result<Page> range(const QString &from, const QString &to,
                       const PageRequest &request = {}) const;
    /// The number of leaves matching `pattern`, not of records: an object
    /// written at `posts/hello` with two fields counts as two under `**`.
    Result<qsizetype> count(const QString &pattern) const;
    /// Every entry matching `pattern`, in path order, with lastStoreSeq() as
    /// it was at the same instant: no committed write lands in between. Join
    /// it with a subscription made before it by skipping events whose
    /// storeSeq is at or below the snapshot's.
    Result<EntrySnapshot> snapshot(const QString &pattern) const;

    /// Subscriptions, matched on the path of each write. This form calls
    /// `callback` on the client's sync thread: keep it short and hand work
    /// off; the engine never waits for it.
    Result<SubscriptionId> on(const QString &pattern,
                              std::function<void(const StoreEvent &)> callback,
                              const SubscribeOptions &options = {});
    /// Calls `callback` on the thread `receiver` lives in (at the time of
    /// this call); the subscription ends when `receiver` is destroyed.
    Result<SubscriptionId> on(const QString &pattern, QObject *receiver,
                              std::function<void(const StoreEvent &)> callback,
                              const SubscribeOptions &options = {});
    /// Idempotent. No callback starts after it returns; a callback running on
    /// another thread is waited for (so it must not wait for this thread),
    /// one running on this thread (off() from inside it) just finishes.
    ///
    /// Client::close() does not end a subscription: it ends the connection,
    /// so no server event arrives, but the store's own writes after close()
    /// still reach its callbacks (as Source::Local events), and so do events
    /// queued before it. Only off(), the receiver's destruction or the
    /// Client's destruction end one.
    void off(SubscriptionId id);

signals:
    void statusChanged(Dust::Client::Status status);
    void lastStoreSeqChanged(qint64 seq);
    void capabilitiesChanged();
    void errorOccurred(const Dust::Error &error);
    /// The server finished replaying what was missed since the join.
    void catchUpCompleted(qint64 throughSeq);
    /// At a join, then at most every 100 ms while the catch-up runs, and
    /// once more when it is complete (applied == total).
    void catchUpProgressChanged(qint64 applied, qint64 total);
    /// pendingWrites() changed: a write was made, committed or refused, or
    /// writes were restored from the cache. Emitted on the store's thread
    /// with the count as it is then; several changes between two turns of
    /// its event loop are reported once.
    void pendingWritesChanged(qint64 count);

private:
    friend class Client;
    friend class ClientPrivate;
    explicit Store(const QString &name, QObject *parent = nullptr);

    Q_DISABLE_COPY_MOVE(Store)
    std::unique_ptr<StorePrivate> d;
};

} // namespace Dust

#endif // DUSTSTORE_H
