// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

// fuzz_eventframe: EventFrame, the reader of plain `event` frames, against
// the codec's decoding it stands in for. Every input goes to both.
// Properties:
// - reading never crashes;
// - a frame the reader takes, the codec decodes too, with the same topic,
//   join_ref, store_seq and op, and an event the engine applies;
// - applied to the same model, the reader's leaves and the decoded event's
//   are the same: keys, types (integer or float), values, revisions, and
//   the same changes reported. A frame the reader leaves goes to the codec,
//   so it has nothing more to check.

#include "fuzzcheck.h"
#include "leaflines.h"

#include <dusteventframe_p.h>
#include <dustjsonframecodec.h>
#include <dustvaluemodel.h>

#include <QtCore/qcborvalue.h>

#include <cstdint>

using Dust::LeafChange;
using Dust::Op;
using Dust::ValueModel;

namespace {

constexpr qint64 SyncedAt = 1700000000000;

// A model with leaves where short paths would write, so sets remove some.
ValueModel prefilled()
{
    ValueModel model;
    for (const char *path : {"p", "p/a", "p/a/b", "a", "a/b", "t"})
        model.set(*Dust::Path::parse(QString::fromLatin1(path)), 1, 1, 1);
    return model;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArray text(reinterpret_cast<const char *>(data), qsizetype(size));
    const std::optional<Dust::EventFrame> event = Dust::EventFrame::read(text);
    if (!event)
        return 0;
    const Dust::Result<Dust::Frame> frame = Dust::JsonFrameCodec().decode(text);
    FUZZ_CHECK(frame.hasValue(), "read, but the codec refuses it:", frame.error(), text);
    FUZZ_CHECK(frame->event == QStringLiteral("event") && frame->topic == event->topic()
                   && frame->joinRef == event->joinRef(),
               "the frame's head differs", text);
    const QJsonObject payload = frame->payload;
    const QJsonValue segments = payload.value(QStringLiteral("path_segments"));
    const Dust::Result<Dust::Path> path = segments.isArray()
        ? Dust::Path::fromJsonSegments(segments)
        : Dust::Path::fromJsonString(payload.value(QStringLiteral("path")));
    const QJsonValue seq = payload.value(QStringLiteral("store_seq"));
    const std::optional<Op::Kind> op = Op::fromName(payload.value(QStringLiteral("op")).toString());
    FUZZ_CHECK(path.hasValue() && path->key() == event->key().toByteArray(), "the path differs", text);
    FUZZ_CHECK(QCborValue::fromJsonValue(seq).isInteger() && seq.toInteger() == event->storeSeq(),
               "store_seq differs", text);
    FUZZ_CHECK(op == event->op(), "the op differs", text);

    // What the engine does with the decoded event (SyncEngine::applyCommitted).
    const QJsonValue value = payload.value(QStringLiteral("value"));
    ValueModel decoded = prefilled();
    QList<LeafChange> decodedChanges;
    if (*op == Op::Kind::Set) {
        FUZZ_CHECK(ValueModel::validate(*op, value).hasValue(), "read, but the engine refuses it", text);
        decodedChanges = decoded.set(*path, value, event->storeSeq(), SyncedAt);
    } else {
        const bool counter = *op == Op::Kind::Increment;
        FUZZ_CHECK(counter ? value.isDouble() : value.isArray(), "read, but the engine refuses it", text);
        decodedChanges = {{path->key(), Dust::Leaf{value, counter ? Dust::Entry::Type::Counter : Dust::Entry::Type::Set,
                                                   event->storeSeq(), SyncedAt}}};
        decoded.applyChanges(decodedChanges);
    }
    ValueModel read = prefilled();
    QList<LeafChange> readChanges;
    event->applyTo(read, SyncedAt, &readChanges);
    FUZZ_CHECK(LeafLines::of(read) == LeafLines::of(decoded), "the leaves differ", text, LeafLines::of(read), LeafLines::of(decoded));
    FUZZ_CHECK(LeafLines::of(readChanges) == LeafLines::of(decodedChanges), "the changes differ", text, LeafLines::of(readChanges),
               LeafLines::of(decodedChanges));
    return 0;
}
