#!/usr/bin/env bash
# Installs the build into a temporary prefix and links the embedding example against it twice:
# through find_package(retort) and through pkg-config; both binaries then migrate a database.
#   check.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
build=$1
src=$(cd "$2" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cmake --install "$build" --prefix "$work/prefix" >/dev/null

cmake -S "$src/tests/install/consumer" -B "$work/consumer" -G Ninja -DCMAKE_PREFIX_PATH="$work/prefix" \
  -DEMBED_SOURCE="$src/examples/embed.cpp" >/dev/null
cmake --build "$work/consumer" >/dev/null

pc_dir=$(dirname "$(find "$work/prefix" -name retort.pc)")
lib_dir=$(dirname "$(find "$work/prefix" -name 'libretort.so')")
# shellcheck disable=SC2046 # pkg-config's output is meant to be split into words
c++ -o "$work/embed_pc" "$src/examples/embed.cpp" $(PKG_CONFIG_PATH="$pc_dir" pkg-config --cflags --libs retort)

mkdir -p "$work/migrations/versions"
printf -- '-- first\n--\n-- Revision ID: r1\n-- Revises:\n\n-- migrate:upgrade\nCREATE TABLE t (id INTEGER PRIMARY KEY);\n\n-- migrate:downgrade\nDROP TABLE t;\n' \
  > "$work/migrations/versions/r1_first.sql"
"$work/consumer/embed" "$work/migrations" "$work/a.db"
LD_LIBRARY_PATH="$lib_dir" "$work/embed_pc" "$work/migrations" "$work/b.db"
LD_LIBRARY_PATH="$lib_dir" "$work/embed_pc" "$work/migrations" "$work/b.db"
"$work/prefix/bin/retort" --version
