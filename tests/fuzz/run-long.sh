#!/usr/bin/env bash
# The long fuzzing run: every target for a fixed number of executions, then a
# table of figures (executions, coverage, crashes).
#
# Usage: tests/fuzz/run-long.sh [runs] [build-dir]
#   runs       executions per target (default 10000000)
#   build-dir  a build tree of the fuzz or fuzz-ubsan preset (default
#              build/fuzz; build/fuzz and build/fuzz-ubsan are configured and
#              built when missing or stale)
# Environment:
#   DUST_FUZZ_TARGETS  space-separated target names to run (default: all)
#   DUST_FUZZ_JOBS     how many targets run at once (default 1)
#   DUST_FUZZ_FORK     worker processes per target (libFuzzer -fork=N), for one
#                      slow target on N cores; `runs` counts the executions of
#                      all its workers. cov and ft are then the fork mode's
#                      own counts, not comparable with a single process's
#   DUST_FUZZ_ARGS     extra libFuzzer flags for every target
#   DUST_FUZZ_REPLAY   another fuzz build tree (build/fuzz): after its long run,
#                      each target's corpus is run once more by that build's
#                      fuzzer. A long run in fuzz-ubsan (no ASan, about 2.7 times
#                      the executions) replayed in fuzz (ASan) checks every
#                      input it kept for memory errors too
#   DUST_FUZZ_SECONDS  the smoke run (`./run fuzz`): each target fuzzes this
#                      many seconds instead of `runs` executions, from its
#                      committed seeds only, in <build-dir>/tests/fuzz/smoke
#   ASAN_OPTIONS       default malloc_context_size=0: recording a stack for
#                      every allocation made ASan's stack depot the biggest
#                      cost. Rerun a crash artifact without it for a full report.
#
# A long run starts from a target's committed seeds plus what earlier long runs
# kept in <build-dir>/tests/fuzz/long/<target>/corpus. Its log and crash artifacts go
# next to that directory. Exits non-zero when any target crashed.
#
# On a shared machine run it at low priority: nice -n 19 tests/fuzz/run-long.sh
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
runs="${1:-10000000}"
build="${2:-$root/build/fuzz}"
jobs="${DUST_FUZZ_JOBS:-1}"
smoke_seconds="${DUST_FUZZ_SECONDS:-}"
mode=long
[ -n "$smoke_seconds" ] && mode=smoke
export ASAN_OPTIONS="${ASAN_OPTIONS:-malloc_context_size=0}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"

replay="${DUST_FUZZ_REPLAY:-}"

cd "$root"
# Configures (when it is one of the fuzz presets' trees) and builds a tree.
prepare() {
    local dir="$1" preset
    preset="$(basename "$dir")"
    if [ ! -f "$dir/CMakeCache.txt" ]; then
        if [ "$dir" != "$root/build/$preset" ] || { [ "$preset" != fuzz ] && [ "$preset" != fuzz-ubsan ]; }; then
            echo "run-long: $dir is not a configured build tree" >&2
            exit 2
        fi
        cmake --preset "$preset"
    fi
    cmake --build "$dir" --target dust_fuzzers --parallel "${DUST_JOBS:-2}"
    if [ ! -f "$dir/tests/fuzz/fuzzers.tsv" ]; then
        echo "run-long: $dir/tests/fuzz/fuzzers.tsv is missing; configure $dir with -DDUST_FUZZ=ON" >&2
        exit 2
    fi
}
prepare "$build"
[ -n "$replay" ] && prepare "$replay"
list="$build/tests/fuzz/fuzzers.tsv"

# Failure artifacts in a directory. Slow units (slow-unit-*) do not count: on
# a busy machine any input can take seconds.
failures() {
    find "$1" -type f \( -name 'crash-*' -o -name 'leak-*' -o -name 'timeout-*' -o -name 'oom-*' \) \
        | wc -l
}

# Runs one target and writes its table row to <work>/result.
run_target() {
    local name="$1" exe="$2" seeds="$3" dict="$4" extra="$5"
    local work="$build/tests/fuzz/$mode/$name"
    # A smoke run tests the committed seeds, not what an earlier run found.
    [ "$mode" = smoke ] && rm -rf "$work"
    mkdir -p "$work/corpus" "$work/artifacts"
    rm -f "$work/result"
    local before
    before=$(failures "$work/artifacts")
    local args=(-print_final_stats=1 -artifact_prefix="$work/artifacts/")
    if [ "$mode" = smoke ]; then
        args+=(-max_total_time="$smoke_seconds")
    else
        args+=(-runs="$runs")
        [ "${DUST_FUZZ_FORK:-1}" -gt 1 ] && args+=(-fork="$DUST_FUZZ_FORK")
    fi
    [ -n "$dict" ] && args+=(-dict="$dict")
    # shellcheck disable=SC2206 # both are lists of flags
    args+=($extra ${DUST_FUZZ_ARGS:-})

    if [ "$mode" = smoke ]; then
        echo "run-long: $name: $smoke_seconds seconds (log: $work/log.txt)"
    else
        echo "run-long: $name: $runs executions (log: $work/log.txt)"
    fi
    local start=$SECONDS rc=0
    "$exe" "${args[@]}" "$work/corpus" "$seeds" > "$work/log.txt" 2>&1 || rc=$?
    local seconds=$((SECONDS - start))

    local executions status cov ft corp crashes
    executions=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/log.txt" | tail -n 1)
    # A forking run prints no final stats; its status lines start "#<executions>:".
    [ -n "$executions" ] || executions=$(sed -n 's/^#\([0-9]*\): cov: .*/\1/p' "$work/log.txt" | tail -n 1)
    status=$(grep -E '^#[0-9]+.*cov: ' "$work/log.txt" | tail -n 1 || true)
    cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<< "$status")
    ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<< "$status")
    corp=$(sed -n 's/.* corp: \([0-9]*\).*/\1/p' <<< "$status")
    crashes=$(( $(failures "$work/artifacts") - before ))
    if [ "$rc" -ne 0 ] && [ "$crashes" -eq 0 ]; then
        crashes=1 # died without an artifact; the log says why
    fi
    local replayed=-
    if [ -n "$replay" ] && [ "$mode" = long ]; then
        replay_corpus "$name" "$work" "$seeds" "$extra"
        replayed="$REPLAYED"
        crashes=$((crashes + REPLAY_FAILURES))
    fi
    echo "run-long: $name: executions=${executions:-?} cov=${cov:-?} ft=${ft:-?} crashes=$crashes replayed=$replayed (${seconds}s)"
    echo "| $name | ${executions:-?} | ${cov:-?} | ${ft:-?} | ${corp:-?} | $replayed | $crashes | $seconds |" \
        > "$work/result"
}

# Runs every input of a long run's corpus and the seeds once with the replay
# build's fuzzer. Sets REPLAYED (the inputs run) and REPLAY_FAILURES.
replay_corpus() {
    local name="$1" work="$2" seeds="$3" extra="$4" exe rc=0
    exe="$(grep -P "^$name\t" "$replay/tests/fuzz/fuzzers.tsv" | cut -f2)"
    mkdir -p "$work/replay-artifacts"
    local before
    before=$(failures "$work/replay-artifacts")
    # shellcheck disable=SC2086 # a list of flags
    "$exe" -runs=0 -print_final_stats=1 -artifact_prefix="$work/replay-artifacts/" $extra \
        "$work/corpus" "$seeds" > "$work/replay-log.txt" 2>&1 || rc=$?
    REPLAYED=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/replay-log.txt" | tail -n 1)
    REPLAYED="${REPLAYED:-?}"
    REPLAY_FAILURES=$(( $(failures "$work/replay-artifacts") - before ))
    if [ "$rc" -ne 0 ] && [ "$REPLAY_FAILURES" -eq 0 ]; then
        REPLAY_FAILURES=1
    fi
}

wanted=" ${DUST_FUZZ_TARGETS:-} "
names=()
while IFS= read -r line; do
    # cut, not read: read would merge the tabs around an empty field.
    name=$(cut -f1 <<< "$line")
    [ -n "$name" ] || continue
    if [ -n "${DUST_FUZZ_TARGETS:-}" ] && [[ "$wanted" != *" $name "* ]]; then
        continue
    fi
    while [ "$(jobs -rp | wc -l)" -ge "$jobs" ]; do
        wait -n || true
    done
    names+=("$name")
    run_target "$name" "$(cut -f2 <<< "$line")" "$(cut -f3 <<< "$line")" \
        "$(cut -f4 <<< "$line")" "$(cut -f5 <<< "$line")" &
done < "$list"
wait

echo
echo "| target | executions | cov | ft | corpus | replayed | crashes | seconds |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|"
failed=0
failing=()
for name in "${names[@]}"; do
    result="$build/tests/fuzz/$mode/$name/result"
    if [ -f "$result" ]; then
        cat "$result"
        if ! grep -q '| 0 | [0-9]* |$' "$result"; then
            failed=1
            failing+=("$name")
        fi
    else
        echo "| $name | (no result) | | | | | ? | |"
        failed=1
    fi
done
# The end of a failing target's log says what broke and where its input is.
for name in "${failing[@]}"; do
    echo
    echo "run-long: $name failed; the end of $build/tests/fuzz/$mode/$name/log.txt:"
    tail -n 40 "$build/tests/fuzz/$mode/$name/log.txt"
    replay_log="$build/tests/fuzz/$mode/$name/replay-log.txt"
    if [ -f "$replay_log" ]; then
        echo
        echo "run-long: the end of its replay in $replay, $replay_log:"
        tail -n 40 "$replay_log"
    fi
done
exit "$failed"
