# dialects: postgresql
# PostgreSQL specifics: transaction:false for CREATE INDEX CONCURRENTLY, dollar-quoted bodies,
# error lines inside a statement, lock_timeout, version_table_schema, offline SQL, waiting
# migrators, and a migrator killed mid-run.
$ retort init migrations >/dev/null

$ cat > migrations/versions/r1_base.sql <<'EOF'
> -- base
> --
> -- Revision ID: r1
> -- Revises:
>
> -- migrate:upgrade
> CREATE TABLE items (id bigint PRIMARY KEY, name text NOT NULL);
> INSERT INTO items SELECT g, 'item ' || g FROM generate_series(1, 1000) g;
> CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$
> BEGIN
>   NEW.name := trim(NEW.name); -- a ';' inside a body
>   RETURN NEW;
> END;
> $$;
> CREATE FUNCTION next_id(a bigint) RETURNS bigint LANGUAGE sql
> BEGIN ATOMIC
>   SELECT a + 1;
> END;
>
> -- migrate:downgrade
> DROP FUNCTION next_id(bigint);
> DROP FUNCTION touch();
> DROP TABLE items;
> EOF

$ cat > migrations/versions/r2_index.sql <<'EOF'
> -- index without transaction:false
> --
> -- Revision ID: r2
> -- Revises: r1
>
> -- migrate:upgrade
> CREATE INDEX CONCURRENTLY ix_items_name ON items (name);
>
> -- migrate:downgrade
> DROP INDEX ix_items_name;
> EOF

$ retort upgrade head
! INFO  [retort] Running upgrade  -> r1, base (<time>)
! FAILED: upgrade r2 failed: Statement failed: CREATE INDEX CONCURRENTLY cannot run inside a transaction block; put the statement in a block marked transaction:false (-- migrate:upgrade transaction:false, or -- migrate:downgrade transaction:false in a downgrade). Nothing was changed: the database is still at base.
!   revision: r2
!   file: $TMP/migrations/versions/r2_index.sql:7
!   statement: CREATE INDEX CONCURRENTLY ix_items_name ON items (name)
!   code: 25001
!   dialect: postgresql
[exit 1]

$ retort current

$ sed -i 's/^-- migrate:upgrade$/-- migrate:upgrade transaction:false/; s/^-- migrate:downgrade$/-- migrate:downgrade transaction:false/; s/DROP INDEX ix/DROP INDEX CONCURRENTLY ix/' migrations/versions/r2_index.sql

$ retort upgrade --sql r1:head
-- Running upgrade r1 -> r2

-- transaction:false: the statements below run outside a transaction

CREATE INDEX CONCURRENTLY ix_items_name ON items (name);

BEGIN;

UPDATE retort_version SET version_num='r2' WHERE retort_version.version_num = 'r1';

CREATE TABLE IF NOT EXISTS retort_history (
    id INTEGER NOT NULL,
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
    outcome VARCHAR(16) NOT NULL,
    CONSTRAINT retort_history_pkey PRIMARY KEY (id)
);

INSERT INTO retort_history (id, revision, direction, checksum, started_at, finished_at, duration_ms, statements_run, statements_total, host, os_user, retort_version, outcome) SELECT COALESCE(MAX(id), 0) + 1, 'r2', 'upgrade', 'v1:54e208bf780fb1c6', to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), NULL, 1, 1, NULL, NULL, '0.1.0', 'applied' FROM retort_history;

COMMIT;

! INFO  [retort] Running upgrade r1 -> r2, index without transaction:false

$ retort upgrade head
! INFO  [retort] Running upgrade  -> r1, base (<time>)
! INFO  [retort] Running upgrade r1 -> r2, index without transaction:false (<time>)

$ dbq "SELECT indexname FROM pg_indexes WHERE tablename = 'items' ORDER BY 1"; dbq "SELECT next_id(41)"
items_pkey
ix_items_name
42

$ retort downgrade -1
! INFO  [retort] Running downgrade r2 -> r1, index without transaction:false (<time>)

# A failing statement is reported with its own line inside the file.
$ cat > migrations/versions/r3_bad.sql <<'EOF'
> -- bad column
> --
> -- Revision ID: r3
> -- Revises: r2
>
> -- migrate:upgrade
> UPDATE items
>    SET name = 'x'
>  WHERE no_such_column = 1;
> EOF

$ retort upgrade head
! INFO  [retort] Running upgrade r1 -> r2, index without transaction:false (<time>)
! FAILED: upgrade r3 failed: Statement failed: column "no_such_column" does not exist. The database is at r2 (the last completed step).
!   revision: r3
!   file: $TMP/migrations/versions/r3_bad.sql:9
!   statement: UPDATE items
!        SET name = 'x'
!      WHERE no_such_column = 1
!   code: 42703
!   dialect: postgresql
[exit 1]

$ rm migrations/versions/r3_bad.sql

# lock_timeout applies to migration statements: a table locked by another session fails fast.
$ printf 'lock_timeout = "100ms"\n' >> retort.toml

$ cat > migrations/versions/r3_alter.sql <<'EOF'
> -- add a column
> --
> -- Revision ID: r3
> -- Revises: r2
>
> -- migrate:upgrade
> ALTER TABLE items ADD COLUMN price numeric;
>
> -- migrate:downgrade
> ALTER TABLE items DROP COLUMN price;
> EOF

$ (psql -X -q -d "$DATABASE_URL" -c "BEGIN" -c "LOCK TABLE items" -c "SELECT pg_sleep(3)" >/dev/null &); while [ "$(dbq "SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation WHERE c.relname = 'items' AND l.mode = 'AccessExclusiveLock' AND l.granted")" != 1 ]; do sleep 0.05; done; retort upgrade head
! FAILED: upgrade r3 failed: Statement failed: canceling statement due to lock timeout. Nothing was changed: the database is still at r2.
!   revision: r3
!   file: $TMP/migrations/versions/r3_alter.sql:7
!   statement: ALTER TABLE items ADD COLUMN price numeric
!   code: 55P03
!   dialect: postgresql
[exit 1]

$ sleep 3; retort upgrade head
! INFO  [retort] Running upgrade r2 -> r3, add a column (<time>)

# A second migrator waits while the first builds an index concurrently; both finish.
$ cat > migrations/versions/r4_slow.sql <<'EOF'
> -- slow concurrent index
> --
> -- Revision ID: r4
> -- Revises: r3
>
> -- migrate:upgrade transaction:false
> SELECT pg_sleep(1.5);
> CREATE INDEX CONCURRENTLY ix_items_price ON items (price);
>
> -- migrate:downgrade transaction:false
> DROP INDEX CONCURRENTLY ix_items_price;
> EOF

$ (retort -q upgrade head; echo "first: $?") > first.out 2>&1 & while [ "$(dbq "SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'SELECT pg_sleep(1.5)%'")" != 1 ]; do sleep 0.05; done; retort upgrade head 2>&1 | sed -E 's/pid [0-9]+/pid <pid>/; s/since [0-9: -]+/since <time>/'; echo "second: $?"; wait; cat first.out
INFO  [retort] Waiting for another migrator (pid <pid>, application 'retort (migrator lock)', since <time>) holding the lock on retort_version (up to 5 min)
second: 0
first: 0

$ dbq "SELECT indexname FROM pg_indexes WHERE tablename = 'items' ORDER BY 1"; retort current
items_pkey
ix_items_name
ix_items_price
r4 (head)

# A migrator killed mid-run leaves the database at its last revision; a later run completes
# once the dead session's lock is gone.
$ retort downgrade r3
! INFO  [retort] Running downgrade r4 -> r3, slow concurrent index (<time>)

$ sed -i 's/pg_sleep(1.5)/pg_sleep(2)/' migrations/versions/r4_slow.sql && sed -i 's/^-- migrate:upgrade transaction:false$/-- migrate:upgrade/; s/CREATE INDEX CONCURRENTLY/CREATE INDEX/' migrations/versions/r4_slow.sql

$ retort -q upgrade head & pid=$!; while [ "$(dbq "SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'SELECT pg_sleep(2)%'")" != 1 ]; do sleep 0.05; done; kill -9 $pid; wait $pid 2>/dev/null; echo "killed: $?"
killed: 137

$ retort current
r3

$ retort upgrade head 2>&1 | grep -v 'Waiting for another migrator'
INFO  [retort] Running upgrade r3 -> r4, slow concurrent index (<time>)

$ retort current
r4 (head)

# version_table_schema keeps the version table in its own schema.
$ dbq "CREATE SCHEMA meta"; printf 'version_table_schema = "meta"\n' >> retort.toml

$ retort stamp head
! INFO  [retort] Running stamp_revision  -> r4 (<time>)

$ dbq "SELECT version_num FROM meta.retort_version"
r4

# A failing transaction:false section says that its earlier statements stay applied.
$ cat > migrations/versions/r5_half.sql <<'EOF'
> -- half done
> --
> -- Revision ID: r5
> -- Revises: r4
>
> -- migrate:upgrade transaction:false
> CREATE INDEX CONCURRENTLY ix_items_id_name ON items (id, name);
> CREATE INDEX CONCURRENTLY ix_items_name ON items (name);
> EOF

$ retort upgrade head
! FAILED: upgrade r5 failed: Statement failed: relation "ix_items_name" already exists. The section is marked transaction:false, so the statements before the failing one stay applied; the version table still says r4.
!   revision: r5
!   file: $TMP/migrations/versions/r5_half.sql:8
!   statement: CREATE INDEX CONCURRENTLY ix_items_name ON items (name)
!   code: 42P07
!   dialect: postgresql
[exit 1]

$ retort current; dbq "SELECT count(*) FROM pg_indexes WHERE indexname = 'ix_items_id_name'"
r4
1

# statement_timeout applies to migration statements too.
$ rm migrations/versions/r5_half.sql; printf 'statement_timeout = "200ms"\n' >> retort.toml

$ printf -- '-- slow\n--\n-- Revision ID: r5\n-- Revises: r4\n\n-- migrate:upgrade\nSELECT pg_sleep(2);\n' > migrations/versions/r5_slow.sql

$ retort upgrade head
! FAILED: upgrade r5 failed: Statement failed: canceling statement due to statement timeout. Nothing was changed: the database is still at r4.
!   revision: r5
!   file: $TMP/migrations/versions/r5_slow.sql:7
!   statement: SELECT pg_sleep(2)
!   code: 57014
!   dialect: postgresql
[exit 1]

$ sed -i 's/"200ms"/"soon"/' retort.toml; retort upgrade head
! FAILED: Invalid statement_timeout 'soon' in the config: invalid value for parameter "statement_timeout": "soon"
!   statement: SET statement_timeout = 'soon'
!   dialect: postgresql
[exit 1]

# A label added and used in one transaction (55P04) points to transaction:false as 25001 does,
# and the server's hint, which ends with a period, is not followed by a second one.
$ sed -i '/statement_timeout/d' retort.toml; rm migrations/versions/r5_slow.sql; printf -- '-- label\n--\n-- Revision ID: r5\n-- Revises: r4\n\n-- migrate:upgrade\nCREATE TYPE mood AS ENUM ('"'"'ok'"'"');\n-- migrate:downgrade\nDROP TYPE mood;\n' > migrations/versions/r5_mood.sql; retort -q upgrade head; printf -- '-- use\n--\n-- Revision ID: r6\n-- Revises: r5\n\n-- migrate:upgrade\nALTER TYPE mood ADD VALUE '"'"'great'"'"';\nSELECT '"'"'great'"'"'::mood;\n-- migrate:downgrade\nSELECT 1;\n' > migrations/versions/r6_use.sql; retort upgrade head
! FAILED: upgrade r6 failed: Statement failed: unsafe use of new value "great" of enum type mood; hint: New enum values must be committed before they can be used; put the statement in a block marked transaction:false (-- migrate:upgrade transaction:false, or -- migrate:downgrade transaction:false in a downgrade). Nothing was changed: the database is still at r5.
!   revision: r6
!   file: $TMP/migrations/versions/r6_use.sql:8
!   statement: SELECT 'great'::mood
!   code: 55P04
!   dialect: postgresql
[exit 1]

