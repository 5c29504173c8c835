#!/usr/bin/env bash
# The long fuzzing run: every target for a fixed number of executions, then a
# table of figures (executions, coverage, crashes).
#
# Usage: tests/fuzz/run-long.sh [runs] [build-dir]
#   runs       executions per target (default 10000000)
#   build-dir  a build tree of the fuzz preset (default build/fuzz; configured
#              and built when missing or stale)
# Environment:
#   DUST_FUZZ_TARGETS  space-separated target names to run (default: all)
#   DUST_FUZZ_ARGS     extra libFuzzer flags for every target
#   ASAN_OPTIONS       default malloc_context_size=0: recording a stack for
#                      every allocation made ASan's stack depot the biggest
#                      cost. Rerun a crash artifact without it for a full report.
#
# A target starts from its committed seeds plus what earlier long runs kept in
# <build-dir>/tests/fuzz/long/<target>/corpus. Its log and crash artifacts go
# next to that directory. Exits non-zero when any target crashed.
#
# On a shared machine run it at low priority: nice -n 19 tests/fuzz/run-long.sh
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
runs="${1:-10000000}"
build="${2:-$root/build/fuzz}"
export ASAN_OPTIONS="${ASAN_OPTIONS:-malloc_context_size=0}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"

cd "$root"
if [ ! -f "$build/CMakeCache.txt" ]; then
    if [ "$build" != "$root/build/fuzz" ]; then
        echo "run-long: $build is not a configured build tree" >&2
        exit 2
    fi
    cmake --preset fuzz
fi
cmake --build "$build" --target dust_fuzzers --parallel "${DUST_JOBS:-2}"

list="$build/tests/fuzz/fuzzers.tsv"
if [ ! -f "$list" ]; then
    echo "run-long: $list is missing; configure $build with -DDUST_FUZZ=ON" >&2
    exit 2
fi

wanted=" ${DUST_FUZZ_TARGETS:-} "
rows=()
failed=0
while IFS=$'\t' read -r name exe seeds dict; do
    [ -n "$name" ] || continue
    if [ -n "${DUST_FUZZ_TARGETS:-}" ] && [[ "$wanted" != *" $name "* ]]; then
        continue
    fi
    work="$build/tests/fuzz/long/$name"
    mkdir -p "$work/corpus" "$work/artifacts"
    before=$(find "$work/artifacts" -type f | wc -l)
    args=(-runs="$runs" -print_final_stats=1 -artifact_prefix="$work/artifacts/")
    [ -n "$dict" ] && args+=(-dict="$dict")
    # shellcheck disable=SC2206 # DUST_FUZZ_ARGS is a list of flags
    args+=(${DUST_FUZZ_ARGS:-})

    echo "run-long: $name: $runs executions (log: $work/log.txt)"
    start=$SECONDS
    rc=0
    "$exe" "${args[@]}" "$work/corpus" "$seeds" > "$work/log.txt" 2>&1 || rc=$?
    seconds=$((SECONDS - start))

    executions=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/log.txt" | tail -n 1)
    status=$(grep -E '^#[0-9]+.*cov: ' "$work/log.txt" | tail -n 1 || true)
    cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<< "$status")
    ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<< "$status")
    corp=$(sed -n 's/.* corp: \([0-9]*\).*/\1/p' <<< "$status")
    crashes=$(( $(find "$work/artifacts" -type f | wc -l) - before ))
    if [ "$rc" -ne 0 ] && [ "$crashes" -eq 0 ]; then
        crashes=1 # died without an artifact; the log says why
    fi
    [ "$crashes" -eq 0 ] || failed=1
    rows+=("$name|${executions:-?}|${cov:-?}|${ft:-?}|${corp:-?}|$crashes|$seconds")
    echo "run-long: $name: executions=${executions:-?} cov=${cov:-?} ft=${ft:-?} crashes=$crashes (${seconds}s)"
done < "$list"

echo
echo "| target | executions | cov | ft | corpus | crashes | seconds |"
echo "|---|---:|---:|---:|---:|---:|---:|"
for row in "${rows[@]}"; do
    IFS='|' read -r name executions cov ft corp crashes seconds <<< "$row"
    echo "| $name | $executions | $cov | $ft | $corp | $crashes | $seconds |"
done
exit "$failed"
