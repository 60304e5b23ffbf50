#!/usr/bin/env bash
# Builds the libFuzzer targets in build-fuzz (clang, ASan + UBSan) and runs each
# for FUZZ_SECONDS. Fails when any target finds a crash, a leak, a sanitizer
# report or a hang; prints every target's executions either way
# (docs/fuzzing.md).
#
#   FUZZ_SECONDS  seconds per target (default 60)
#   FUZZ_TARGETS  the targets to run (default: all of them)
#   FUZZ_BUILD    the build directory (default build-fuzz)
#   JOBS          parallel compile jobs (default 2)
#
# Each target starts from its committed seeds (fuzz/corpus/<target>) plus what
# earlier runs found (<build>/corpus/<target>, out of git); new inputs go only
# to the latter. Crashing inputs are written to <build>/artifacts/.
set -uo pipefail

cd "$(dirname "$0")/.."
seconds=${FUZZ_SECONDS:-60}
build=${FUZZ_BUILD:-build-fuzz}
jobs=${JOBS:-2}
targets=${FUZZ_TARGETS:-"grammar_fuzz command_fuzz form_fuzz http_endpoint_fuzz socket_frame_fuzz cvss_fuzz config_fuzz mail_fuzz"}

CC=clang CXX=clang++ cmake -S . -B "$build" -DSRCBOT_FUZZ=ON -DSRCBOT_TESTS=OFF \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null || exit 1
# shellcheck disable=SC2086
cmake --build "$build" -j "$jobs" --target $targets || exit 1

mkdir -p "$build/logs" "$build/artifacts"
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

failed=()
summary=()
for target in $targets; do
  work="$build/corpus/$target"
  log="$build/logs/$target.log"
  mkdir -p "$work"
  echo "fuzz: $target for ${seconds}s"
  "$build/fuzz/$target" "$work" "fuzz/corpus/$target" \
    -max_total_time="$seconds" -detect_leaks=1 -print_final_stats=1 -timeout=10 \
    -rss_limit_mb=2048 -artifact_prefix="$build/artifacts/$target-" >"$log" 2>&1
  status=$?
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  summary+=("$(printf '%-20s %12s executions' "$target" "${runs:-?}")")
  if [ "$status" -ne 0 ]; then
    failed+=("$target")
    echo "fuzz: $target FAILED (exit $status); the end of $log:"
    tail -n 40 "$log"
  fi
done

echo
echo "fuzz: executions in ${seconds}s per target ($(date -u +%Y-%m-%d))"
printf '  %s\n' "${summary[@]}"
if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz: FAILED: ${failed[*]} (inputs in $build/artifacts/)"
  exit 1
fi
echo "fuzz: no crash, leak or sanitizer report"
