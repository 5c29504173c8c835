#!/usr/bin/python3
# Writes ../msgpack_vectors.json with Debian's python3-msgpack, an
# implementation independent of the libmsgpack-cxx one DustQt uses.
# Run: /usr/bin/python3 tests/auto/core/data/tools/make_msgpack_vectors.py
import json
import os
import struct

import msgpack


def canonical(value):
    # QJsonObject iterates its keys sorted; so does DustQt's encoder.
    if isinstance(value, dict):
        return {k: canonical(value[k]) for k in sorted(value)}
    if isinstance(value, list):
        return [canonical(v) for v in value]
    return value


def pack(value):
    return msgpack.packb(canonical(value), use_bin_type=True).hex()


TOPIC = "store:acme/site"
nested = {"title": "Grüße aus Köln", "tags": ["a", "b"], "rating": 4.5, "draft": False,
          "author": {"name": "Ada", "id": 1099511627776, "offset": -40}, "cover": None}
event = {"store_seq": 42, "op": "set", "path": "posts/hello", "path_segments": ["posts", "hello"],
         "value": nested, "device_id": "dev_phone", "client_op_id": "op_17"}

roundtrip = [
    ("join", ["1", "1", TOPIC, "phx_join", {"last_store_seq": 0}]),
    ("heartbeat", [None, "2", "phoenix", "heartbeat", {}]),
    ("heartbeat reply", [None, "2", "phoenix", "phx_reply", {"status": "ok", "response": {}}]),
    ("write set nested value", ["1", "3", TOPIC, "write",
                                {"op": "set", "path": "posts/hello", "value": nested, "client_op_id": "op_17"}]),
    ("write increment", ["1", "4", TOPIC, "write",
                         {"op": "increment", "path": "stats/visits", "value": 1, "client_op_id": "op_18"}]),
    ("reply ok store_seq", ["1", "3", TOPIC, "phx_reply", {"status": "ok", "response": {"store_seq": 42}}]),
    ("reply error conflict", ["1", "5", TOPIC, "phx_reply",
                              {"status": "error", "response": {"reason": "conflict", "path": "posts/hello"}}]),
    ("live event broadcast", [None, None, TOPIC, "event", event]),
    ("catch-up event", ["1", None, TOPIC, "event", event]),
    ("catch_up_complete", ["1", None, TOPIC, "catch_up_complete", {"through_seq": 42}]),
    ("integers of every width", [None, None, TOPIC, "event",
                                 {"v": [0, 127, 128, 255, 256, 65535, 65536, 4294967295, 4294967296,
                                        -1, -32, -33, -128, -129, -32768, -32769, -2147483648,
                                        -2147483649]}]),
    ("float64", [None, None, TOPIC, "event", {"v": [0.5, -2.25, 1e300, 3.141592653589793]}]),
    ("str8 str16", [None, None, TOPIC, "event", {"s8": "x" * 40, "s16": "y" * 300}]),
    ("array16 map16", [None, None, TOPIC, "event",
                       {"a": list(range(20)), "m": {"k%02d" % i: i for i in range(20)}}]),
    ("unicode keys and values", [None, None, TOPIC, "event", {"ключ": "значение", "emoji": "\U0001F600"}]),
]

# Other encoders (Msgpax, @msgpack/msgpack with forceFloat32, hand-written
# peers) pick other widths for the same value: all must decode.
frame_head = msgpack.packb([None, None, TOPIC, "event"], use_bin_type=True).hex()
head = "95" + frame_head[2:]  # array of 5 instead of 4
decode_only = [
    ("float32 1.5", head + "81a176" + "ca" + struct.pack(">f", 1.5).hex(),
     [None, None, TOPIC, "event", {"v": 1.5}]),
    ("float64 integral reads as integer", head + "81a176" + "cb" + struct.pack(">d", 7.0).hex(),
     [None, None, TOPIC, "event", {"v": 7}]),
    ("uint8 small value", head + "81a176" + "cc05", [None, None, TOPIC, "event", {"v": 5}]),
    ("uint64 small value", head + "81a176" + "cf0000000000000005", [None, None, TOPIC, "event", {"v": 5}]),
    ("int64 negative", head + "81a176" + "d3" + struct.pack(">q", -5).hex(),
     [None, None, TOPIC, "event", {"v": -5}]),
    ("str8 short string", head + "81a176" + "d903616263", [None, None, TOPIC, "event", {"v": "abc"}]),
    ("map16 and array16 headers", "dc0005c0c0" + "af" + TOPIC.encode().hex() + "a56576656e74"
     + "de0001a176" + "dd00000002c3c2", [None, None, TOPIC, "event", {"v": [True, False]}]),
]

invalid = [
    ("empty", "", "invalid_msgpack"),
    ("truncated", pack(roundtrip[0][1])[:-4], "invalid_msgpack"),
    ("trailing byte", pack(roundtrip[0][1]) + "01", "invalid_msgpack"),
    ("reserved 0xc1", "c1", "invalid_msgpack"),
    ("array32 claims 4G elements", "ddffffffff", "invalid_msgpack"),
    ("str32 claims 4G bytes", "dbffffffff", "invalid_msgpack"),
    ("integer map key", head + "810102", "invalid_msgpack"),
    ("bin payload", head + "81a176" + "c4027879", "invalid_msgpack"),
    ("ext value", head + "81a176" + "d40100", "invalid_msgpack"),
    ("invalid utf-8 string", head + "81a176" + "a2c328", "invalid_utf8"),
    ("float NaN", head + "81a176" + "cb7ff8000000000000", "non_finite_number"),
    ("float32 infinity", head + "81a176" + "ca7f800000", "non_finite_number"),
    ("not an array", "81a176c0", "not_an_array"),
    ("four elements", frame_head, "wrong_arity"),
    ("integer ref", "95c001" + frame_head[6:] + "80", "invalid_ref"),
    ("empty topic", "95c0c0a0a56576656e7480", "invalid_topic"),
    ("payload is an array", head + "90", "payload_not_object"),
]

vectors = []
for name, frame in roundtrip:
    vectors.append({"name": name, "kind": "roundtrip", "frame": canonical(frame), "msgpack": pack(frame)})
for name, data, frame in decode_only:
    vectors.append({"name": name, "kind": "decode", "frame": canonical(frame), "msgpack": data})
for name, data, code in invalid:
    vectors.append({"name": name, "kind": "invalid", "msgpack": data, "error": code})

# Sanity: the independent decoder reads back what it wrote.
for v in vectors:
    if v["kind"] == "roundtrip":
        assert msgpack.unpackb(bytes.fromhex(v["msgpack"]), raw=False) == v["frame"], v["name"]

out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "msgpack_vectors.json")
with open(out, "w", encoding="utf-8") as f:
    f.write("[\n" + ",\n".join("  " + json.dumps(v, ensure_ascii=False) for v in vectors) + "\n]\n")
