#!/usr/bin/env bash
# Installs the build into a temporary prefix and links the embedding example against it twice:
# through find_package(retort) and through pkg-config; both binaries then migrate a database. The
# device example, its migrations compiled in by the installed retort_add_migrations(), runs from
# an empty directory; a broken migration then fails its build, naming the file.
#   check.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
build=$1
src=$(cd "$2" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cmake --install "$build" --prefix "$work/prefix" >/dev/null

cp -r "$src/examples/device" "$work/device"
cmake -S "$src/tests/install/consumer" -B "$work/consumer" -G Ninja -DCMAKE_PREFIX_PATH="$work/prefix" \
  -DEMBED_SOURCE="$src/examples/embed.cpp" -DDEVICE_SOURCE="$work/device" >/dev/null
cmake --build "$work/consumer" >/dev/null
mkdir "$work/empty"
(cd "$work/empty" && "$work/consumer/device/device" app.db && "$work/consumer/device/device" --memory \
  && "$work/consumer/device/device" app.db down)
printf -- '-- broken\n--\n-- Revision ID: r3\n-- Revises: nowhere\n\n-- migrate:upgrade\nSELECT 1;\n' \
  > "$work/device/migrations/versions/r3_broken.sql"
if cmake --build "$work/consumer" > "$work/broken.log" 2>&1; then
  echo "a broken migration did not fail the build" >&2
  exit 1
fi
grep -q "FAILED: Revision nowhere referenced from r3 (.*/r3_broken.sql) is not present" "$work/broken.log" \
  || { cat "$work/broken.log" >&2; exit 1; }

pc_dir=$(dirname "$(find "$work/prefix" -name retort.pc)")
lib_dir=$(dirname "$(find "$work/prefix" -name 'libretort.so')")
# shellcheck disable=SC2046 # pkg-config's output is meant to be split into words
c++ -o "$work/embed_pc" "$src/examples/embed.cpp" $(PKG_CONFIG_PATH="$pc_dir" pkg-config --cflags --libs retort)

# The static library, with the dependencies retort-static.pc names, gives a program that needs no
# libretort.so; a pkg-config build in a non-system prefix finds libretort.so through an rpath.
# shellcheck disable=SC2046
c++ -o "$work/embed_static" "$src/examples/embed.cpp" $(PKG_CONFIG_PATH="$pc_dir" pkg-config --cflags --libs retort-static)
# shellcheck disable=SC2046
c++ -o "$work/embed_rpath" "$src/examples/embed.cpp" $(PKG_CONFIG_PATH="$pc_dir" pkg-config --cflags --libs retort) \
  -Wl,-rpath,"$(PKG_CONFIG_PATH="$pc_dir" pkg-config --variable=libdir retort)"
if ldd "$work/embed_static" | grep -q libretort; then echo "embed_static needs libretort.so" >&2; exit 1; fi
# Installed binaries are stripped (debug information stays in the build tree).
for bin in "$work/prefix/bin/retort" "$lib_dir/libretort.so"; do
  if readelf -S "$bin" | grep -q '\.debug_info'; then echo "$bin is not stripped" >&2; exit 1; fi
done

mkdir -p "$work/migrations/versions"
printf -- '-- first\n--\n-- Revision ID: r1\n-- Revises:\n\n-- migrate:upgrade\nCREATE TABLE t (id INTEGER PRIMARY KEY);\n\n-- migrate:downgrade\nDROP TABLE t;\n' \
  > "$work/migrations/versions/r1_first.sql"
"$work/consumer/embed" "$work/migrations" "$work/a.db"
LD_LIBRARY_PATH="$lib_dir" "$work/embed_pc" "$work/migrations" "$work/b.db"
LD_LIBRARY_PATH="$lib_dir" "$work/embed_pc" "$work/migrations" "$work/b.db"
"$work/embed_static" "$work/migrations" "$work/c.db"
"$work/embed_rpath" "$work/migrations" "$work/d.db"
"$work/prefix/bin/retort" --version
