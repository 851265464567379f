# transaction:false sections run outside the transaction: VACUUM works, and a failure in one says so.
$ retort init migrations >/dev/null

$ retort revision -m "create" --rev-id r1 >/dev/null

$ cat > migrations/versions/r1_create.sql <<'EOF'
> -- create
> --
> -- Revision ID: r1
> -- Revises:
>
> -- migrate:upgrade
> CREATE TABLE t (x INTEGER);
>
> -- migrate:downgrade
> DROP TABLE t;
> EOF

$ retort revision -m "vacuum" --rev-id r2 >/dev/null

$ cat > migrations/versions/r2_vacuum.sql <<'EOF'
> -- vacuum
> --
> -- Revision ID: r2
> -- Revises: r1
>
> -- migrate:upgrade transaction:false
> PRAGMA journal_mode = WAL;
> VACUUM;
>
> -- migrate:downgrade transaction:false
> PRAGMA journal_mode = DELETE;
> EOF

$ retort upgrade head
! INFO  [retort] Running upgrade  -> r1, create
! INFO  [retort] Finished upgrade  -> r1, create (<time>)
! INFO  [retort] Running upgrade r1 -> r2, vacuum
! INFO  [retort] Finished upgrade r1 -> r2, vacuum (<time>)

$ sqlite3 app.db "PRAGMA journal_mode"
wal

$ retort upgrade --sql head
-- retort runs migrations with foreign-key enforcement off (a table rebuild must not cascade)
PRAGMA foreign_keys = OFF;

BEGIN;

CREATE TABLE IF NOT EXISTS retort_version (
    version_num VARCHAR(255) NOT NULL,
    CONSTRAINT retort_version_pkc PRIMARY KEY (version_num)
);

-- Running upgrade  -> r1

CREATE TABLE t (x INTEGER);

INSERT INTO retort_version (version_num) VALUES ('r1');

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

INSERT INTO retort_history (revision, direction, checksum, started_at, finished_at, duration_ms, statements_run, statements_total, host, os_user, retort_version, outcome) VALUES ('r1', 'upgrade', 'v1:0758122cef519d22', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), NULL, 1, 1, NULL, NULL, '0.1.0', 'applied');

COMMIT;

-- Running upgrade r1 -> r2

-- transaction:false: the statements below run outside a transaction

PRAGMA journal_mode = WAL;

VACUUM;

BEGIN;

UPDATE retort_version SET version_num='r2' WHERE retort_version.version_num = 'r1';

INSERT INTO retort_history (revision, direction, checksum, started_at, finished_at, duration_ms, statements_run, statements_total, host, os_user, retort_version, outcome) VALUES ('r2', 'upgrade', 'v1:33129f0068e27bbb', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), NULL, 2, 2, NULL, NULL, '0.1.0', 'applied');

COMMIT;

PRAGMA foreign_keys = ON;

! INFO  [retort] Running upgrade  -> r1, create
! INFO  [retort] Running upgrade r1 -> r2, vacuum

$ retort downgrade base
! INFO  [retort] Running downgrade r2 -> r1, vacuum
! INFO  [retort] Finished downgrade r2 -> r1, vacuum (<time>)
! INFO  [retort] Running downgrade r1 -> , create
! INFO  [retort] Finished downgrade r1 -> , create (<time>)

$ retort revision -m "half" --rev-id r3 >/dev/null

$ cat > migrations/versions/r3_half.sql <<'EOF'
> -- half
> --
> -- Revision ID: r3
> -- Revises: r2
>
> -- migrate:upgrade transaction:false
> CREATE TABLE first_part (x INTEGER);
> CREATE TABLE t (x INTEGER);
>
> -- migrate:downgrade
> DROP TABLE first_part;
> EOF

$ retort upgrade head
! INFO  [retort] Running upgrade  -> r1, create
! INFO  [retort] Finished upgrade  -> r1, create (<time>)
! INFO  [retort] Running upgrade r1 -> r2, vacuum
! INFO  [retort] Finished upgrade r1 -> r2, vacuum (<time>)
! INFO  [retort] Running upgrade r2 -> r3, half
! FAILED: upgrade r3 failed: Statement failed: table t already exists. The section is marked transaction:false, so the statements before the failing one stay applied; the version table still says r2.
!   revision: r3
!   file: $TMP/migrations/versions/r3_half.sql:8
!   statement: CREATE TABLE t (x INTEGER)
!   code: SQLITE_ERROR
!   dialect: sqlite
[exit 1]

$ retort current
r2

$ sqlite3 app.db "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
first_part
retort_history
retort_version
t

# Several blocks in one direction run in file order, each in its own transaction mode (SPEC §3);
# a failure says which blocks are committed.
$ retort revision -m "blocks" --rev-id r4 >/dev/null

$ cat > migrations/versions/r4_blocks.sql <<'EOF'
> -- blocks
> --
> -- Revision ID: r4
> -- Revises: r2
>
> -- migrate:upgrade
> CREATE TABLE a (x INTEGER);
>
> -- migrate:upgrade transaction:false
> CREATE TABLE b (x INTEGER);
>
> -- migrate:upgrade
> CREATE TABLE c (x INTEGER);
> INSERT INTO missing VALUES (1);
>
> -- migrate:downgrade
> DROP TABLE c;
>
> -- migrate:downgrade
> DROP TABLE b;
> DROP TABLE a;
> EOF

$ rm migrations/versions/r3_half.sql

$ retort upgrade --sql r2:r4
-- retort runs migrations with foreign-key enforcement off (a table rebuild must not cascade)
PRAGMA foreign_keys = OFF;

BEGIN;

-- Running upgrade r2 -> r4

CREATE TABLE a (x INTEGER);

COMMIT;

-- transaction:false: the statements below run outside a transaction

CREATE TABLE b (x INTEGER);

BEGIN;

CREATE TABLE c (x INTEGER);

INSERT INTO missing VALUES (1);

UPDATE retort_version SET version_num='r4' WHERE retort_version.version_num = 'r2';

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

INSERT INTO retort_history (revision, direction, checksum, started_at, finished_at, duration_ms, statements_run, statements_total, host, os_user, retort_version, outcome) VALUES ('r4', 'upgrade', 'v1:acd32673eb07abe6', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), NULL, 4, 4, NULL, NULL, '0.1.0', 'applied');

COMMIT;

PRAGMA foreign_keys = ON;

! INFO  [retort] Running upgrade r2 -> r4, blocks

$ retort upgrade head
! INFO  [retort] Running upgrade r2 -> r4, blocks
! FAILED: upgrade r4 failed: Statement failed: no such table: missing. Blocks 1-2 of this migration are committed and stay applied; the failing block was rolled back; the version table still says r2.
!   revision: r4
!   file: $TMP/migrations/versions/r4_blocks.sql:14
!   statement: INSERT INTO missing VALUES (1)
!   code: SQLITE_ERROR
!   dialect: sqlite
[exit 1]

$ sqlite3 app.db "SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('a', 'b', 'c') ORDER BY name"
a
b

$ retort current
r2

# upgrade --resume goes on after the blocks that stayed (a, b): the rolled-back block runs again, fixed, and a and b are not created twice.
$ sqlite3 app.db "SELECT revision, outcome, statements_run FROM retort_history WHERE revision = 'r4'"; sed -i 's/INSERT INTO missing/INSERT INTO c/' migrations/versions/r4_blocks.sql; retort -q upgrade --resume head; echo "exit $?"; retort current; sqlite3 app.db "SELECT count(*) FROM c"; sqlite3 app.db "SELECT revision, outcome, statements_run FROM retort_history WHERE revision = 'r4' ORDER BY id"
r4|failed|2
exit 0
r4 (head)
1
r4|failed|2
r4|applied|4

