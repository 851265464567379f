#!/usr/bin/env bash
# One command for the benchmark table: installs what it needs, builds a Release binary, starts a
# throwaway PostgreSQL cluster, runs bench/run.py and the micro-benchmarks, stops the cluster.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/install-deps.sh python3-alembic python3-psycopg2 libbenchmark-dev time
cmake -S . -B build-release -G Ninja -DCMAKE_BUILD_TYPE=Release -DRETORT_TESTS=OFF -DRETORT_BENCH=ON >/dev/null
cmake --build build-release -j 2 >&2
state=build-release/pg-bench
trap 'scripts/pg-test-server.sh stop "$state"' EXIT
scripts/pg-test-server.sh start "$state"
/usr/bin/python3 bench/run.py --retort build-release/cli/retort --pg-state "$state" "$@"
echo
build-release/bench/micro_bench --benchmark_min_time=0.2 2>/dev/null | sed -n '/^Benchmark/,$p'
