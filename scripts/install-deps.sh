#!/usr/bin/env bash
# Installs what retort needs from Debian's packages, skipping what is already there; with
# arguments, those packages instead (the benchmarks' and the fuzzers' own).
set -euo pipefail
packages=(g++ cmake ninja-build pkg-config libsqlite3-dev libcli11-dev libfmt-dev libtomlplusplus-dev
          nlohmann-json3-dev libgtest-dev libgmock-dev sqlite3 tzdata
          libpq-dev libpg-query-dev libprotobuf-c-dev postgresql-15 postgresql-client-15
          libmariadb-dev mariadb-server-core mariadb-client
          python3-alembic graphviz zsh fish)
if [ $# -gt 0 ]; then packages=("$@"); fi
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
echo "Installing: ${missing[*]}"
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
