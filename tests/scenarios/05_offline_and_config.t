# Offline SQL starts from base and creates the version table; a range gives the start.
$ retort init migrations >/dev/null

$ retort revision -m "create users" --rev-id aaa111 >/dev/null

$ cat > migrations/versions/aaa111_create_users.sql <<'EOF'
> -- create users
> --
> -- Revision ID: aaa111
> -- Revises:
>
> -- migrate:upgrade
> CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT);
> CREATE TRIGGER users_name AFTER INSERT ON users BEGIN
>   UPDATE users SET name = trim(name) WHERE id = new.id;
> END;
>
> -- migrate:downgrade
> DROP TABLE users;
> EOF

$ retort revision -m "rename" --rev-id bbb222 >/dev/null

$ retort upgrade --sql head
-- retort runs migrations with foreign-key enforcement off (a table rebuild must not cascade)
PRAGMA foreign_keys = OFF;

BEGIN;

CREATE TABLE IF NOT EXISTS retort_version (
    version_num VARCHAR(255) NOT NULL,
    CONSTRAINT retort_version_pkc PRIMARY KEY (version_num)
);

-- Running upgrade  -> aaa111

CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT);

CREATE TRIGGER users_name AFTER INSERT ON users BEGIN
  UPDATE users SET name = trim(name) WHERE id = new.id;
END;

INSERT INTO retort_version (version_num) VALUES ('aaa111');

CREATE TABLE IF NOT EXISTS retort_history (
    id INTEGER PRIMARY KEY,
    revision VARCHAR(255) NOT NULL,
    direction VARCHAR(16) NOT NULL,
    checksum VARCHAR(64),
    started_at VARCHAR(32) NOT NULL,
    finished_at VARCHAR(32),
    duration_ms BIGINT,
    statements_run INTEGER,
    statements_total INTEGER,
    host VARCHAR(255),
    os_user VARCHAR(255),
    retort_version VARCHAR(64),
    outcome VARCHAR(16) NOT NULL
);

INSERT INTO retort_history (revision, direction, checksum, started_at, finished_at, duration_ms, statements_run, statements_total, host, os_user, retort_version, outcome) VALUES ('aaa111', 'upgrade', 'v1:c677b3b7c8bb981f', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), NULL, 2, 2, NULL, NULL, '0.1.0', 'applied');

-- Running upgrade aaa111 -> bbb222

UPDATE retort_version SET version_num='bbb222' WHERE retort_version.version_num = 'aaa111';

INSERT INTO retort_history (revision, direction, checksum, started_at, finished_at, duration_ms, statements_run, statements_total, host, os_user, retort_version, outcome) VALUES ('bbb222', 'upgrade', 'v1:21083302ffc5a1be', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), NULL, 0, 0, NULL, NULL, '0.1.0', 'applied');

COMMIT;

PRAGMA foreign_keys = ON;

! INFO  [retort] Running upgrade  -> aaa111, create users
! INFO  [retort] Running upgrade aaa111 -> bbb222, rename

$ retort downgrade --sql bbb222:base
-- retort runs migrations with foreign-key enforcement off (a table rebuild must not cascade)
PRAGMA foreign_keys = OFF;

BEGIN;

-- Running downgrade bbb222 -> aaa111

UPDATE retort_version SET version_num='aaa111' WHERE retort_version.version_num = 'bbb222';

CREATE TABLE IF NOT EXISTS retort_history (
    id INTEGER PRIMARY KEY,
    revision VARCHAR(255) NOT NULL,
    direction VARCHAR(16) NOT NULL,
    checksum VARCHAR(64),
    started_at VARCHAR(32) NOT NULL,
    finished_at VARCHAR(32),
    duration_ms BIGINT,
    statements_run INTEGER,
    statements_total INTEGER,
    host VARCHAR(255),
    os_user VARCHAR(255),
    retort_version VARCHAR(64),
    outcome VARCHAR(16) NOT NULL
);

INSERT INTO retort_history (revision, direction, checksum, started_at, finished_at, duration_ms, statements_run, statements_total, host, os_user, retort_version, outcome) VALUES ('bbb222', 'downgrade', 'v1:21083302ffc5a1be', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), NULL, 0, 0, NULL, NULL, '0.1.0', 'applied');

-- Running downgrade aaa111 -> 

DROP TABLE users;

DELETE FROM retort_version WHERE retort_version.version_num = 'aaa111';

INSERT INTO retort_history (revision, direction, checksum, started_at, finished_at, duration_ms, statements_run, statements_total, host, os_user, retort_version, outcome) VALUES ('aaa111', 'downgrade', 'v1:c677b3b7c8bb981f', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), NULL, 1, 1, NULL, NULL, '0.1.0', 'applied');

COMMIT;

PRAGMA foreign_keys = ON;

! INFO  [retort] Running downgrade bbb222 -> aaa111, rename
! INFO  [retort] Running downgrade aaa111 -> , create users

$ retort stamp --sql aaa111:bbb222
-- retort runs migrations with foreign-key enforcement off (a table rebuild must not cascade)
PRAGMA foreign_keys = OFF;

BEGIN;

-- Running stamp aaa111 -> bbb222

UPDATE retort_version SET version_num='bbb222' WHERE retort_version.version_num = 'aaa111';

CREATE TABLE IF NOT EXISTS retort_history (
    id INTEGER PRIMARY KEY,
    revision VARCHAR(255) NOT NULL,
    direction VARCHAR(16) NOT NULL,
    checksum VARCHAR(64),
    started_at VARCHAR(32) NOT NULL,
    finished_at VARCHAR(32),
    duration_ms BIGINT,
    statements_run INTEGER,
    statements_total INTEGER,
    host VARCHAR(255),
    os_user VARCHAR(255),
    retort_version VARCHAR(64),
    outcome VARCHAR(16) NOT NULL
);

INSERT INTO retort_history (revision, direction, checksum, started_at, finished_at, duration_ms, statements_run, statements_total, host, os_user, retort_version, outcome) VALUES ('bbb222', 'stamp', NULL, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), NULL, 0, 0, NULL, NULL, '0.1.0', 'stamped');

COMMIT;

PRAGMA foreign_keys = ON;

! INFO  [retort] Running stamp_revision aaa111 -> bbb222

$ retort stamp --sql --purge head
! FAILED: Can't use --purge with --sql mode
[exit 2]

$ retort ensure-version --sql
CREATE TABLE IF NOT EXISTS retort_version (
    version_num VARCHAR(255) NOT NULL,
    CONSTRAINT retort_version_pkc PRIMARY KEY (version_num)
);

$ retort upgrade aaa111:bbb222
! FAILED: Range revision not allowed; ranges are for --sql (start:end)
[exit 2]

$ retort -q upgrade head

$ retort current -v
Current revision(s) for $DATABASE_URL:
Rev: bbb222 (head) (current)
Parent: aaa111
Path: $TMP/migrations/versions/bbb222_rename.sql

    rename

    Revision ID: bbb222
    Revises: aaa111
    Create Date: <date>

# Configuration: -c, RETORT_CONFIG, -n, --url and ${VAR} expansion; passwords are masked.
$ mkdir conf && printf '[retort]\nscript_location = "../migrations"\nurl = "${DB:-sqlite:///other.db}"\n\n[second]\nscript_location = "../migrations"\nurl = "sqlite:///second.db"\nversion_table = "alembic_version"\n' > conf/r.toml

$ retort -c conf/r.toml current -v
Current revision(s) for sqlite:///other.db:

$ DB=sqlite:///third.db retort -c conf/r.toml upgrade head
! INFO  [retort] Running upgrade  -> aaa111, create users
! INFO  [retort] Finished upgrade  -> aaa111, create users (<time>)
! INFO  [retort] Running upgrade aaa111 -> bbb222, rename
! INFO  [retort] Finished upgrade aaa111 -> bbb222, rename (<time>)

$ RETORT_CONFIG=conf/r.toml retort -n second upgrade aaa111
! INFO  [retort] Running upgrade  -> aaa111, create users
! INFO  [retort] Finished upgrade  -> aaa111, create users (<time>)

$ sqlite3 second.db "SELECT version_num FROM alembic_version"
aaa111

$ retort -c conf/r.toml -n nosuch current
! FAILED: No config file 'conf/r.toml' found, or file has no '[nosuch]' section
!   file: $TMP/conf/r.toml
[exit 1]

$ retort --url 'postgresql://ada:s3cret@/db?host=/nonexistent' current -v
! FAILED: Cannot connect to postgresql://ada:***@/db?host=/nonexistent: connection to server on socket "/nonexistent/.s.PGSQL.5432" failed: No such file or directory
! 	Is the server running locally and accepting connections on that socket?
!   dialect: postgresql
[exit 1]

$ retort --url 'mssql://ada:s3cret@localhost/db' current
! FAILED: No dialect for database URL 'mssql://ada:***@localhost/db'; known: sqlite, postgresql, mysql
[exit 1]

$ retort --url 'mysql://ada:s3cret@/db?unix_socket=/nonexistent/mysqld.sock' current
! FAILED: Cannot connect to mysql://ada:***@/db?unix_socket=/nonexistent/mysqld.sock: Can't connect to local server through socket '/nonexistent/mysqld.sock' (2)
!   dialect: mysql
[exit 1]

$ retort -c missing.toml current
! FAILED: No config file 'missing.toml' found; run 'retort init migrations' or pass -c FILE
[exit 1]

$ printf '[retort]\nurl = "${NOT_SET}"\n' > bad.toml && retort -c bad.toml current
! FAILED: Environment variable NOT_SET is not set (used in 'url'); set it or write ${NOT_SET:-default}
!   file: $TMP/bad.toml:2
[exit 1]

$ printf '[retort]\nur = "sqlite:///x.db"\n' > bad.toml && retort -c bad.toml current
! FAILED: Unknown key 'ur' in [retort] (did you mean 'url'?); known keys: script_location, url, version_table, version_table_schema, history_table, on_checksum_mismatch, backup, backup_keep, backup_command, ignore_portability, version_locations, recursive_version_locations, file_template, truncate_slug_length, timezone, transaction_per_migration, schema, include_schemas, dev_url, migrator_wait, lock_timeout, statement_timeout, dialects, sqlite, postgresql, mysql, mariadb
!   file: $TMP/bad.toml:2
[exit 1]

