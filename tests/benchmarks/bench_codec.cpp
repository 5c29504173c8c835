// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

// Phoenix frame serializers: JSON (vsn 2.0.0, the baseline) against
// MessagePack (vsn 3.0.0), for the frames a Dust connection carries most:
// a live event, a client write and a reply, each with a nested value. Per
// frame: encode+decode round trips per CPU second (median of several runs) and
// bytes on the wire. Run from the release preset:
//   ./run build release && build/release/tests/benchmarks/bench_codec

#include <dustjsonframecodec.h>
#include <dustmsgpackframecodec.h>

#include <QtCore/qjsonarray.h>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <vector>

using namespace Qt::StringLiterals;
using namespace Dust;

namespace {

const QString Topic = u"store:acme/site"_s;

QJsonObject post()
{
    return {{u"title"_s, u"Grüße aus Köln: a post with a realistic title"_s},
            {u"body"_s, u"Dust stores are server-ordered key-value maps spoken over Phoenix channels."_s},
            {u"tags"_s, QJsonArray{u"qt"_s, u"dust"_s, u"sync"_s}},
            {u"rating"_s, 4.5},
            {u"views"_s, 1234567},
            {u"draft"_s, false},
            {u"author"_s, QJsonObject{{u"name"_s, u"Ada"_s}, {u"id"_s, qint64(1) << 40},
                                      {u"joined"_s, u"2026-06-27T12:00:00Z"_s}}}};
}

struct Case
{
    const char *name;
    Frame frame;
};

std::vector<Case> cases()
{
    const QJsonObject event{{u"store_seq"_s, 184467}, {u"op"_s, u"set"_s}, {u"path"_s, u"posts/hello"_s},
                            {u"path_segments"_s, QJsonArray{u"posts"_s, u"hello"_s}},
                            {u"value"_s, post()}, {u"device_id"_s, u"dev_Q2hkZmVyZ2Fz"_s},
                            {u"client_op_id"_s, u"op_1a2b3c4d5e6f"_s}};
    const QJsonObject write{{u"op"_s, u"set"_s}, {u"path"_s, u"posts/hello"_s}, {u"value"_s, post()},
                            {u"client_op_id"_s, u"op_1a2b3c4d5e6f"_s}};
    const QJsonObject counter{{u"op"_s, u"increment"_s}, {u"path"_s, u"stats/visits"_s}, {u"value"_s, 1},
                              {u"client_op_id"_s, u"op_1a2b3c4d5e70"_s}};
    const QJsonObject replyValue{{u"store_seq"_s, 184467},
                                 {u"entries"_s, QJsonArray{post(), post()}}};
    return {
        {"event (broadcast, nested value)", Frame{std::nullopt, std::nullopt, Topic, u"event"_s, event}},
        {"write (push, nested value)", Frame{u"1"_s, u"42"_s, Topic, u"write"_s, write}},
        {"write (increment)", Frame{u"1"_s, u"43"_s, Topic, u"write"_s, counter}},
        {"reply (ok, nested value)", Frame{u"1"_s, u"42"_s, Topic, u"write"_s, {}}.reply(u"ok"_s, replyValue)},
        {"heartbeat", Frame{std::nullopt, u"7"_s, u"phoenix"_s, u"heartbeat"_s, {}}},
    };
}

// CPU time of this thread: the machine may be busy with other work, and
// wall-clock time would measure that too.
double threadCpuNs()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1e9 + double(ts.tv_nsec);
}

// Encode+decode round trips per CPU second: the median of `runs` batches.
double roundTripsPerSecond(const FrameCodec &codec, const Frame &frame)
{
    constexpr int runs = 7;
    constexpr int batch = 5000;
    std::vector<double> rates;
    qsizetype sink = 0;
    for (int run = 0; run < runs; ++run) {
        const double start = threadCpuNs();
        for (int i = 0; i < batch; ++i) {
            const QByteArray bytes = codec.encode(frame);
            const Result<Frame> back = codec.decode(bytes);
            if (!back)
                qFatal("decode failed: %s", qPrintable(back.error().toString()));
            sink += bytes.size() + back->payload.size();
        }
        rates.push_back(batch * 1e9 / (threadCpuNs() - start));
    }
    if (sink == 0)
        qFatal("nothing decoded");
    std::sort(rates.begin(), rates.end());
    return rates[rates.size() / 2];
}

} // namespace

int main()
{
    const JsonFrameCodec json;
    const MsgPackFrameCodec msgpack;
#ifdef QT_DEBUG
    const char *build = "debug";
#else
    const char *build = "release";
#endif
    std::printf("Phoenix frame codecs (%s build): JSON vsn 2.0.0 (baseline) vs MessagePack vsn 3.0.0\n"
                "round trips = encode + decode of one frame per CPU second, median of 7 runs of 5000\n\n", build);
    std::printf("| %-32s | %12s | %12s | %7s | %10s | %10s | %7s |\n", "frame", "JSON rt/s", "MsgPack rt/s",
                "speed", "JSON bytes", "MsgPack B", "size");
    std::printf("|%s|%s|%s|%s|%s|%s|%s|\n", QByteArray(34, '-').constData(), QByteArray(14, '-').constData(),
                QByteArray(14, '-').constData(), QByteArray(9, '-').constData(), QByteArray(12, '-').constData(),
                QByteArray(12, '-').constData(), QByteArray(9, '-').constData());
    for (const Case &c : cases()) {
        // Both codecs must carry the frame unchanged, or the numbers mean nothing.
        if (*json.decode(json.encode(c.frame)) != c.frame || *msgpack.decode(msgpack.encode(c.frame)) != c.frame)
            qFatal("%s does not round-trip", c.name);
        const double jsonRate = roundTripsPerSecond(json, c.frame);
        const double packRate = roundTripsPerSecond(msgpack, c.frame);
        const qsizetype jsonBytes = json.encode(c.frame).size();
        const qsizetype packBytes = msgpack.encode(c.frame).size();
        std::printf("| %-32s | %12.0f | %12.0f | %6.2fx | %10lld | %10lld | %6.0f%% |\n", c.name, jsonRate,
                    packRate, packRate / jsonRate, static_cast<long long>(jsonBytes),
                    static_cast<long long>(packBytes), 100.0 * double(packBytes) / double(jsonBytes));
    }
    std::printf("\nspeed = MessagePack round trips / JSON round trips; size = MessagePack bytes / JSON bytes.\n");
    return 0;
}
