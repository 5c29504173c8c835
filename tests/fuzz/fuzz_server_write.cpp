// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

// fuzz_server_write: the server's channel handler (ChannelSession) fed
// WebSocket messages on a socket that joined a store: the real decode ->
// handle -> write/put_file/status/leave/join path of dust-devserver, with the
// store's writer (WriteOp::fromWritePayload/fromPutFilePayload, the
// ValueModel, the SQLite op log) behind it. Each input gets a fresh in-memory
// ServerEngine, so no state leaks from one input to the next.
//
// Input: one flags byte, then messages separated by the byte 0xC1 (which
// neither JSON text nor a MessagePack type byte contains), at most 24.
//   flags bit 0  the socket speaks MessagePack (vsn 3.0.0); a message that
//                starts with '[' still arrives as a text frame (JSON), like
//                a client may send; otherwise every message is a text frame
//   flags bit 1  the token has only entries:read (writes are refused)
//   flags bit 2  do not join store:acme/site before the first message
// The harness joins with a JSON text frame so that the fuzzer starts inside a
// joined channel.
//
// Properties, checked after every message (the ops it added) and at the end
// (the whole log):
// - nothing crashes, asserts or trips ASan/UBSan (one bad frame never drops
//   the connection: the session keeps handling the next messages);
// - every store's op log is store_seq 1..head without a gap, each op from
//   this device, and no leaf is newer than the head;
// - a refused write commits nothing: with a read-only token the head stays 0.
//
// The socket is never connected, so replies go nowhere; what a reply says is
// covered by tests/auto/server. Lease TTLs below 60 s are raised to 60 s so
// that no lease expires while an input runs (expiry depends on the clock).

#include "fuzzcheck.h"

#include <dustchannelsession_p.h>
#include <dustframecodec.h>
#include <dustjsonframecodec.h>
#include <dustserverengine_p.h>

#include <QtCore/qcoreapplication.h>
#include <QtCore/qjsonarray.h>
#include <QtWebSockets/qwebsocket.h>

#include <cstdint>
#include <memory>

using namespace Qt::StringLiterals;

namespace {

constexpr int MaxMessages = 24;
constexpr char Separator = char(0xC1);
constexpr qint64 MinTtlMs = 60000;

void quietMessages(QtMsgType type, const QMessageLogContext &, const QString &message)
{
    if (type == QtCriticalMsg || type == QtFatalMsg)
        std::fprintf(stderr, "%s\n", message.toUtf8().constData());
}

Dust::TokenGrant grant(const QString &token, bool write)
{
    Dust::TokenGrant grant;
    grant.token = token;
    grant.scopes = write ? QStringList{u"entries:read"_s, u"entries:write"_s, u"files:read"_s,
                                       u"files:write"_s}
                         : QStringList{u"entries:read"_s};
    grant.allStores = true;
    return grant;
}

// Raises short lease TTLs in a decoded frame so that expiry never depends on
// how long an input takes.
QByteArray withoutShortTtl(const QByteArray &message, const Dust::FrameCodec &codec)
{
    Dust::Result<Dust::Frame> frame = codec.decode(message);
    if (!frame)
        return message;
    const QJsonValue ttl = frame->payload.value(u"ttl_ms");
    if (!ttl.isDouble() || ttl.toDouble() <= 0 || ttl.toDouble() >= double(MinTtlMs))
        return message;
    frame->payload.insert(u"ttl_ms"_s, MinTtlMs);
    return codec.encode(*frame);
}

// Checks the ops each store committed since the last check (`checked` holds
// the head each store had then); with an empty `checked`, the whole log.
// Re-reading every log after every message made the checks quadratic in the
// number of messages.
void checkStores(const Dust::ServerEngine &engine, const QString &deviceId, bool mayWrite,
                 QHash<const Dust::ServerStore *, qint64> &checked)
{
    const QList<Dust::ServerStore *> stores = engine.stores();
    for (const Dust::ServerStore *store : stores) {
        const qint64 from = checked.value(store);
        FUZZ_CHECK(store->head() >= from, store->name(), "head went back from", from, "to", store->head());
        // One more than expected: readOps() reserves room for `limit` ops.
        const Dust::Result<QList<Dust::OpRecord>> ops = store->readOps(from, int(store->head() - from) + 1);
        FUZZ_CHECK(ops.hasValue(), store->name(), ops.error());
        FUZZ_CHECK(from + ops->size() == store->head(), store->name(), "head", store->head(), "ops after",
                   from, ops->size());
        for (qsizetype i = 0; i < ops->size(); ++i) {
            const Dust::OpRecord &op = ops->at(i);
            FUZZ_CHECK(op.seq == from + i + 1, store->name(), "op", from + i, "has store_seq", op.seq);
            FUZZ_CHECK(op.deviceId == deviceId, store->name(), op.seq, op.deviceId);
        }
        FUZZ_CHECK(store->model().maxSeq() <= store->head(), store->name(), store->model().maxSeq(),
                   store->head());
        FUZZ_CHECK(mayWrite || store->head() == 0, "a read-only token wrote", store->name(), store->head());
        checked.insert(store, store->head());
    }
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    qInstallMessageHandler(quietMessages);
    static QCoreApplication app(*argc, *argv);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    if (size == 0)
        return 0;
    const quint8 flags = data[0];
    const bool msgpack = flags & 1;
    const bool mayWrite = !(flags & 2);
    const bool join = !(flags & 4);

    Dust::ServerOptions options;
    options.inMemory = true;
    options.address = QHostAddress::LocalHost;
    options.port = 0;
    options.idleTimeoutMs = 0;
    const Dust::TokenGrant token = grant(u"fuzz-token"_s, mayWrite);
    options.tokens = {token};
    Dust::ServerShared shared;
    Dust::ServerEngine engine(options, &shared);
    const auto started = engine.start();
    FUZZ_CHECK(started.hasValue(), started.error());

    const QString deviceId = u"fuzz-device"_s;
    auto *socket = new QWebSocket;
    Dust::FrameLimits limits;
    limits.maxBytes = options.maxFrameBytes;
    auto session = std::make_unique<Dust::ChannelSession>(
            &engine, socket, token, deviceId,
            Dust::FrameCodec::create(msgpack ? u"3.0.0"_s : u"2.0.0"_s, limits));
    const auto flush = [&engine] {
        const QList<Dust::ServerStore *> stores = engine.stores();
        for (Dust::ServerStore *store : stores)
            store->flush();
    };

    if (join)
        Q_EMIT socket->textMessageReceived(
                uR"(["1","1","store:acme/site","phx_join",{"last_store_seq":0}])"_s);
    flush();

    const Dust::JsonFrameCodec json(limits);
    const std::unique_ptr<Dust::FrameCodec> binary = Dust::FrameCodec::create(u"3.0.0"_s, limits);
    const QByteArray input(reinterpret_cast<const char *>(data) + 1, qsizetype(size - 1));
    const QList<QByteArray> messages = input.split(Separator);
    QHash<const Dust::ServerStore *, qint64> checked;
    for (qsizetype i = 0; i < messages.size() && i < MaxMessages; ++i) {
        const QByteArray &message = messages.at(i);
        if (msgpack && !message.startsWith('[')) {
            Q_EMIT socket->binaryMessageReceived(withoutShortTtl(message, *binary));
        } else {
            Q_EMIT socket->textMessageReceived(
                    QString::fromUtf8(withoutShortTtl(message, json)));
        }
        flush();
        checkStores(engine, deviceId, mayWrite, checked);
    }
    // The whole log once more: nothing rewrote what an earlier check saw.
    checked.clear();
    checkStores(engine, deviceId, mayWrite, checked);

    // The engine answers what is queued when it stops; the session must
    // outlive that (the answers go to it), and go before the engine.
    engine.stop();
    session.reset();
    return 0;
}
