#!/usr/bin/env bash
# A throwaway PostgreSQL 15 cluster for the test suite, from Debian's binaries.
#   pg-test-server.sh start STATE_DIR   initdb + pg_ctl start; writes STATE_DIR/url
#   pg-test-server.sh stop STATE_DIR    pg_ctl stop and remove the cluster
# The server listens only on a Unix socket in a private directory (no TCP port to collide with),
# with fsync off. As root it runs as the `postgres` user, as PostgreSQL requires.
set -euo pipefail
action="$1"
state="$2"
bindir="${PG_BINDIR:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}"
if [ -z "$bindir" ] || [ ! -x "$bindir/initdb" ]; then
  echo "pg-test-server: no PostgreSQL server binaries (install postgresql-15)" >&2
  exit 1
fi

as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "$action" in
  start)
    mkdir -p "$state"
    if [ -f "$state/cluster" ] && as_owner "$bindir/pg_ctl" -D "$(cat "$state/cluster")/data" status >/dev/null 2>&1; then
      exit 0  # already running
    fi
    cluster=$(mktemp -d /tmp/retort-pg.XXXXXX)
    chmod 755 "$cluster"
    if [ "$(id -u)" -eq 0 ]; then chown postgres:postgres "$cluster"; fi
    user=$(if [ "$(id -u)" -eq 0 ]; then echo postgres; else id -un; fi)
    as_owner "$bindir/initdb" -D "$cluster/data" -U "$user" -A trust -E UTF8 --no-locale >"$cluster/initdb.log" 2>&1 || {
      cat "$cluster/initdb.log" >&2
      exit 1
    }
    as_owner mkdir -p "$cluster/sock"
    as_owner "$bindir/pg_ctl" -D "$cluster/data" -l "$cluster/server.log" -w -t 60 start \
      -o "-c listen_addresses='' -c unix_socket_directories='$cluster/sock' -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
      >/dev/null || {
      cat "$cluster/server.log" >&2
      exit 1
    }
    echo "$cluster" > "$state/cluster"
    echo "postgresql://$user@/postgres?host=$cluster/sock" > "$state/url"
    echo "$cluster/sock" > "$state/socket"
    echo "$user" > "$state/user"
    ;;
  stop)
    if [ -f "$state/cluster" ]; then
      cluster=$(cat "$state/cluster")
      as_owner "$bindir/pg_ctl" -D "$cluster/data" -m immediate -w stop >/dev/null 2>&1 || true
      rm -rf "$cluster"
      rm -f "$state/cluster" "$state/url" "$state/socket" "$state/user"
    fi
    ;;
  *)
    echo "usage: $0 start|stop STATE_DIR" >&2
    exit 2
    ;;
esac
