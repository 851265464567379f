#!/usr/bin/env bash
# A throwaway MariaDB server for the test suite, from Debian's mariadb-server-core.
#   mariadb-test-server.sh start STATE_DIR   mariadb-install-db + mariadbd; writes STATE_DIR/url
#   mariadb-test-server.sh stop STATE_DIR    stop it and remove its data directory
# The server listens only on a Unix socket in a private directory (no TCP port to collide with),
# with durability off. It runs as whoever starts it (root included: --user says so).
set -euo pipefail
action="$1"
state="$2"
server=$(command -v mariadbd || ls /usr/sbin/mariadbd 2>/dev/null || true)
if [ -z "$server" ]; then
  echo "mariadb-test-server: no MariaDB server (install mariadb-server-core)" >&2
  exit 1
fi

case "$action" in
  start)
    mkdir -p "$state"
    if [ -f "$state/dir" ] && [ -S "$(cat "$state/dir")/sock/mysqld.sock" ] &&
      mariadb-admin --socket="$(cat "$state/dir")/sock/mysqld.sock" -uroot ping >/dev/null 2>&1; then
      exit 0  # already running
    fi
    dir=$(mktemp -d /tmp/retort-mariadb.XXXXXX)
    chmod 755 "$dir"
    mkdir -p "$dir/data" "$dir/sock"
    user=$(id -un)  # root too: the server-core package alone creates no `mysql` user
    mariadb-install-db --no-defaults --user="$user" --datadir="$dir/data" --auth-root-authentication-method=normal \
      --skip-test-db >"$dir/install.log" 2>&1 || {
      cat "$dir/install.log" >&2
      exit 1
    }
    "$server" --no-defaults --user="$user" --datadir="$dir/data" --socket="$dir/sock/mysqld.sock" \
      --skip-networking --pid-file="$dir/mariadbd.pid" --log-error="$dir/server.log" \
      --innodb-flush-log-at-trx-commit=0 --sync-binlog=0 --innodb-doublewrite=0 --innodb-buffer-pool-size=64M \
      --max-connections=300 --character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci \
      >"$dir/stdout.log" 2>&1 </dev/null &
    for _ in $(seq 1 300); do
      if mariadb-admin --socket="$dir/sock/mysqld.sock" -uroot ping >/dev/null 2>&1; then break; fi
      sleep 0.1
    done
    if ! mariadb-admin --socket="$dir/sock/mysqld.sock" -uroot ping >/dev/null 2>&1; then
      cat "$dir/server.log" >&2
      exit 1
    fi
    echo "$dir" > "$state/dir"
    echo "mysql://root@/mysql?unix_socket=$dir/sock/mysqld.sock" > "$state/url"
    echo "$dir/sock/mysqld.sock" > "$state/socket"
    ;;
  stop)
    if [ -f "$state/dir" ]; then
      dir=$(cat "$state/dir")
      if [ -f "$dir/mariadbd.pid" ]; then
        pid=$(cat "$dir/mariadbd.pid")
        kill -KILL "$pid" 2>/dev/null || true
        while kill -0 "$pid" 2>/dev/null; do sleep 0.05; done
      fi
      rm -rf "$dir"
      rm -f "$state/dir" "$state/url" "$state/socket"
    fi
    ;;
  *)
    echo "usage: $0 start|stop STATE_DIR" >&2
    exit 2
    ;;
esac
