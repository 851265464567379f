#!/usr/bin/env bash
# One command for the benchmark table: installs what it needs, builds a Release binary, starts a
# throwaway PostgreSQL cluster, runs bench/run.py and the micro-benchmarks, stops the cluster.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
need=()
for p in python3-alembic python3-psycopg2 libbenchmark-dev time; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || need+=("$p")
done
if [ ${#need[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
cmake -S . -B build-release -G Ninja -DCMAKE_BUILD_TYPE=Release -DRETORT_TESTS=OFF -DRETORT_BENCH=ON >/dev/null
cmake --build build-release -j 2 >&2
state=build-release/pg-bench
trap 'scripts/pg-test-server.sh stop "$state"' EXIT
scripts/pg-test-server.sh start "$state"
/usr/bin/python3 bench/run.py --retort build-release/cli/retort --pg-state "$state" "$@"
echo
build-release/bench/micro_bench --benchmark_min_time=0.2 2>/dev/null | sed -n '/^Benchmark/,$p'
