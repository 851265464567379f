#!/usr/bin/env bash
# Builds the libFuzzer harnesses of tests/fuzz with clang (ASan + UBSan) in build-fuzz/ and runs
# each for a fixed time (FUZZ_SECONDS, default 20) from its seed corpus in tests/fuzz/corpus/.
# New inputs go to a scratch copy, so the repository's corpus only grows by hand. A crash, a leak,
# a sanitizer report or a timeout fails the script, leaving the input that did it in build-fuzz/.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/install-deps.sh clang libclang-rt-14-dev
seconds="${FUZZ_SECONDS:-20}"
CC=clang CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DRETORT_TESTS=OFF \
  -DRETORT_FUZZ=ON >/dev/null
harnesses=(parser config url identifiers sqlite_split postgres_split mysql_split sqlite_runner lint schema_cache)
cmake --build build-fuzz -j "${JOBS:-2}" --target "${harnesses[@]/#/fuzz_}" >&2
for h in "${harnesses[@]}"; do
  work="build-fuzz/corpus-$h"
  rm -rf "$work" && mkdir -p "$work" && cp tests/fuzz/corpus/"$h"/* "$work"/ 2>/dev/null || true
  echo "fuzz_$h: ${seconds}s" >&2
  (cd build-fuzz && ./tests/fuzz/fuzz_"$h" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
     -max_len=4096 -print_final_stats=0 "corpus-$h" 2> "fuzz_$h.log") \
    || { tail -40 "build-fuzz/fuzz_$h.log" >&2; echo "fuzz_$h failed: see build-fuzz/fuzz_$h.log" >&2; exit 1; }
done
echo "fuzzers: all ran ${seconds}s each without a finding" >&2
