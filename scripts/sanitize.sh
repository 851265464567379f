#!/usr/bin/env bash
# Builds the whole project and test suite with ASan and UBSan (gcc) in build-asan/ and runs the
# suite there: every unit, PostgreSQL and scenario test, with the CLI the scenarios call also
# instrumented. Leaks count as failures. The install test is left out: it builds an outside
# program against the installed package, which would need the sanitizer runtime too.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DRETORT_SANITIZE=ON ${CMAKE_FLAGS:-} >/dev/null
cmake --build build-asan -j "${JOBS:-2}"
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:strict_string_checks=1:detect_stack_use_after_return=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
ctest --test-dir build-asan --output-on-failure -j "${JOBS:-2}" -E '^install/'
