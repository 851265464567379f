# dialects: sqlite postgresql mysql
# The README's quick tour, step by step, on an SQLite file.
$ retort init migrations
Creating directory $TMP/migrations ...  done
Creating directory $TMP/migrations/versions ...  done
Generating $TMP/migrations/script.sql.tmpl ...  done
Generating $TMP/migrations/README ...  done
Generating $TMP/retort.toml ...  done
Please edit configuration/connection settings in '$TMP/retort.toml' before proceeding.

$ retort list-templates
Available templates:

generic - Generic single-database configuration.
multidialect - One migration set for SQLite and PostgreSQL, a section per dialect.

Templates are used via the 'init' command, e.g.:

  retort init --template generic ./scripts

$ retort revision -m "create users" --rev-id aaa111
Generating $TMP/migrations/versions/aaa111_create_users.sql ...  done

$ cat > migrations/versions/aaa111_create_users.sql <<'EOF'
> -- create users
> --
> -- Revision ID: aaa111
> -- Revises:
> -- Create Date: 2026-11-22 10:00:00.000000
>
> -- migrate:upgrade
> CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
> INSERT INTO users (id, name) VALUES (1, 'ada');
>
> -- migrate:downgrade
> DROP TABLE users;
> EOF

$ retort revision -m "add email column" --rev-id bbb222
Generating $TMP/migrations/versions/bbb222_add_email_column.sql ...  done

$ cat > migrations/versions/bbb222_add_email_column.sql <<'EOF'
> -- add email column
> --
> -- Revision ID: bbb222
> -- Revises: aaa111
> -- Create Date: 2026-11-22 10:01:00.000000
>
> -- migrate:upgrade
> ALTER TABLE users ADD COLUMN email VARCHAR(255);
>
> -- migrate:downgrade
> ALTER TABLE users DROP COLUMN email;
> EOF

$ retort upgrade head
! INFO  [retort] Running upgrade  -> aaa111, create users
! INFO  [retort] Finished upgrade  -> aaa111, create users (<time>)
! INFO  [retort] Running upgrade aaa111 -> bbb222, add email column
! INFO  [retort] Finished upgrade aaa111 -> bbb222, add email column (<time>)

$ retort current
bbb222 (head)

$ retort downgrade -1
! INFO  [retort] Running downgrade bbb222 -> aaa111, add email column
! INFO  [retort] Finished downgrade bbb222 -> aaa111, add email column (<time>)

$ retort current
aaa111

$ retort upgrade +1
! INFO  [retort] Running upgrade aaa111 -> bbb222, add email column
! INFO  [retort] Finished upgrade aaa111 -> bbb222, add email column (<time>)

$ retort history
aaa111 -> bbb222 (head), add email column
<base> -> aaa111, create users

# A branch from aaa111, then a merge.
$ retort revision -m "should fail"  --head aaa111
! FAILED: Revision aaa111 is not a head revision; please specify --splice to create a new branch from this revision
[exit 1]

$ retort revision -m "create orders" --rev-id ccc333 --head aaa111 --splice
Generating $TMP/migrations/versions/ccc333_create_orders.sql ...  done

$ cat > migrations/versions/ccc333_create_orders.sql <<'EOF'
> -- create orders
> --
> -- Revision ID: ccc333
> -- Revises: aaa111
> -- Create Date: 2026-11-22 10:02:00.000000
>
> -- migrate:upgrade
> CREATE TABLE orders (id INTEGER PRIMARY KEY, user_id INTEGER REFERENCES users (id));
>
> -- migrate:downgrade
> DROP TABLE orders;
> EOF

$ retort revision -m "should fail"
! FAILED: Multiple heads are present; please specify the head revision on which the new revision should be based, or perform a merge.
[exit 1]

$ retort heads
bbb222 (head)
ccc333 (head)

$ retort branches
aaa111 (branchpoint)
       -> bbb222 (head)
       -> ccc333 (head)

$ retort upgrade head
! FAILED: Multiple head revisions are present for given argument 'head'; please specify a specific target revision, '<branchname>@head' to narrow to a specific head, or 'heads' for all heads (heads: bbb222, ccc333)
[exit 1]

$ retort upgrade heads
! INFO  [retort] Running upgrade aaa111 -> ccc333, create orders
! INFO  [retort] Finished upgrade aaa111 -> ccc333, create orders (<time>)

$ retort current
bbb222 (head)
ccc333 (head)

$ retort history -i
aaa111 -> bbb222 (head) (current), add email column
aaa111 -> ccc333 (head) (current), create orders
<base> -> aaa111 (branchpoint), create users

$ retort merge -m "merge users and orders" --rev-id ddd444 heads
Generating $TMP/migrations/versions/ddd444_merge_users_and_orders.sql ...  done

$ retort heads
ddd444 (head)

$ retort history
bbb222, ccc333 -> ddd444 (head) (mergepoint), merge users and orders
aaa111 -> bbb222, add email column
aaa111 -> ccc333, create orders
<base> -> aaa111 (branchpoint), create users

$ retort show ddd444
Rev: ddd444 (head) (mergepoint)
Merges: bbb222, ccc333
Path: $TMP/migrations/versions/ddd444_merge_users_and_orders.sql

    merge users and orders

    Revision ID: ddd444
    Revises: bbb222, ccc333
    Create Date: <date>

-- migrate:upgrade

-- migrate:downgrade

$ retort upgrade head
! INFO  [retort] Running upgrade bbb222, ccc333 -> ddd444, merge users and orders
! INFO  [retort] Finished upgrade bbb222, ccc333 -> ddd444, merge users and orders (<time>)

$ retort current
ddd444 (head) (mergepoint)

$ retort branches -v
Rev: aaa111 (branchpoint)
Parent: <base>
Branches into: bbb222, ccc333
Path: $TMP/migrations/versions/aaa111_create_users.sql

    create users

    Revision ID: aaa111
    Revises:
    Create Date: <date>

       -> bbb222, add email column
       -> ccc333, create orders

$ retort history -v -r ccc333:ddd444
Rev: ddd444 (head) (mergepoint)
Merges: bbb222, ccc333
Path: $TMP/migrations/versions/ddd444_merge_users_and_orders.sql

    merge users and orders

    Revision ID: ddd444
    Revises: bbb222, ccc333
    Create Date: <date>

Rev: ccc333
Parent: aaa111
Path: $TMP/migrations/versions/ccc333_create_orders.sql

    create orders

    Revision ID: ccc333
    Revises: aaa111
    Create Date: <date>

# -1 from a merge point undoes the merge (Alembic: "Ambiguous walk").
$ retort downgrade -1
! INFO  [retort] Running downgrade ddd444 -> bbb222, ccc333, merge users and orders
! INFO  [retort] Finished downgrade ddd444 -> bbb222, ccc333, merge users and orders (<time>)

$ retort current
bbb222
ccc333

$ retort upgrade head
! INFO  [retort] Running upgrade bbb222, ccc333 -> ddd444, merge users and orders
! INFO  [retort] Finished upgrade bbb222, ccc333 -> ddd444, merge users and orders (<time>)

$ retort downgrade ccc333
! INFO  [retort] Running downgrade ddd444 -> bbb222, ccc333, merge users and orders
! INFO  [retort] Finished downgrade ddd444 -> bbb222, ccc333, merge users and orders (<time>)

$ retort current
bbb222
ccc333

$ retort downgrade base
! INFO  [retort] Running downgrade bbb222 -> aaa111, add email column
! INFO  [retort] Finished downgrade bbb222 -> aaa111, add email column (<time>)
! INFO  [retort] Running downgrade ccc333 -> aaa111, create orders
! INFO  [retort] Finished downgrade ccc333 -> aaa111, create orders (<time>)
! INFO  [retort] Running downgrade aaa111 -> , create users
! INFO  [retort] Finished downgrade aaa111 -> , create users (<time>)

$ retort current

$ dbq tables
retort_history
retort_version

# stamp adopts a database without running SQL.
$ retort stamp head
! INFO  [retort] Running stamp_revision  -> ddd444 (<time>)

$ retort current
ddd444 (head) (mergepoint)

$ retort stamp bbb222
! FAILED: stamp bbb222 would forget that ccc333 is applied (merged into a revision above bbb222); stamp those revisions too (retort stamp bbb222 ccc333) or use --purge
!   revision: bbb222
[exit 1]

$ retort stamp --purge bbb222
! INFO  [retort] Running stamp_revision ddd444 -> bbb222 (<time>)

$ retort current
bbb222

$ retort stamp base
! INFO  [retort] Running stamp_revision bbb222 ->  (<time>)

$ retort current

# Offline SQL.
$ retort upgrade --sql aaa111:head
[sqlite] -- retort runs migrations with foreign-key enforcement off (a table rebuild must not cascade)
[sqlite] PRAGMA foreign_keys = OFF;
[sqlite] 
[sqlite] BEGIN;
[sqlite] 
[sqlite] -- Running upgrade aaa111 -> ccc333
[sqlite] 
[sqlite] CREATE TABLE orders (id INTEGER PRIMARY KEY, user_id INTEGER REFERENCES users (id));
[sqlite] 
[sqlite] UPDATE retort_version SET version_num='ccc333' WHERE retort_version.version_num = 'aaa111';
[sqlite] 
[sqlite] CREATE TABLE IF NOT EXISTS retort_history (
[sqlite]     id INTEGER PRIMARY KEY,
[sqlite]     revision VARCHAR(255) NOT NULL,
[sqlite]     direction VARCHAR(16) NOT NULL,
[sqlite]     checksum VARCHAR(64),
[sqlite]     started_at VARCHAR(32) NOT NULL,
[sqlite]     finished_at VARCHAR(32),
[sqlite]     duration_ms BIGINT,
[sqlite]     statements_run INTEGER,
[sqlite]     statements_total INTEGER,
[sqlite]     host VARCHAR(255),
[sqlite]     os_user VARCHAR(255),
[sqlite]     retort_version VARCHAR(64),
[sqlite]     outcome VARCHAR(16) NOT NULL
[sqlite] );
[sqlite] 
[sqlite] INSERT INTO retort_history (revision, direction, checksum, started_at, finished_at, duration_ms, statements_run, statements_total, host, os_user, retort_version, outcome) VALUES ('ccc333', 'upgrade', 'v1:ce89e83e15355ef5', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), NULL, 1, 1, NULL, NULL, '0.1.0', 'applied');
[sqlite] 
[sqlite] -- Running upgrade aaa111 -> bbb222
[sqlite] 
[sqlite] ALTER TABLE users ADD COLUMN email VARCHAR(255);
[sqlite] 
[sqlite] INSERT INTO retort_version (version_num) VALUES ('bbb222');
[sqlite] 
[sqlite] INSERT INTO retort_history (revision, direction, checksum, started_at, finished_at, duration_ms, statements_run, statements_total, host, os_user, retort_version, outcome) VALUES ('bbb222', 'upgrade', 'v1:e68135c37e209574', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), NULL, 1, 1, NULL, NULL, '0.1.0', 'applied');
[sqlite] 
[sqlite] -- Running upgrade bbb222, ccc333 -> ddd444
[sqlite] 
[sqlite] DELETE FROM retort_version WHERE retort_version.version_num = 'bbb222';
[sqlite] 
[sqlite] UPDATE retort_version SET version_num='ddd444' WHERE retort_version.version_num = 'ccc333';
[sqlite] 
[sqlite] INSERT INTO retort_history (revision, direction, checksum, started_at, finished_at, duration_ms, statements_run, statements_total, host, os_user, retort_version, outcome) VALUES ('ddd444', 'upgrade', 'v1:21083302ffc5a1be', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), NULL, 0, 0, NULL, NULL, '0.1.0', 'applied');
[sqlite] 
[sqlite] COMMIT;
[sqlite] 
[sqlite] PRAGMA foreign_keys = ON;
[sqlite] 
[sqlite] ! INFO  [retort] Running upgrade aaa111 -> ccc333, create orders
[sqlite] ! INFO  [retort] Running upgrade aaa111 -> bbb222, add email column
[sqlite] ! INFO  [retort] Running upgrade bbb222, ccc333 -> ddd444, merge users and orders
[postgresql] BEGIN;
[postgresql] 
[postgresql] -- Running upgrade aaa111 -> ccc333
[postgresql] 
[postgresql] CREATE TABLE orders (id INTEGER PRIMARY KEY, user_id INTEGER REFERENCES users (id));
[postgresql] 
[postgresql] UPDATE retort_version SET version_num='ccc333' WHERE retort_version.version_num = 'aaa111';
[postgresql] 
[postgresql] CREATE TABLE IF NOT EXISTS retort_history (
[postgresql]     id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
[postgresql]     revision VARCHAR(255) NOT NULL,
[postgresql]     direction VARCHAR(16) NOT NULL,
[postgresql]     checksum VARCHAR(64),
[postgresql]     started_at VARCHAR(32) NOT NULL,
[postgresql]     finished_at VARCHAR(32),
[postgresql]     duration_ms BIGINT,
[postgresql]     statements_run INTEGER,
[postgresql]     statements_total INTEGER,
[postgresql]     host VARCHAR(255),
[postgresql]     os_user VARCHAR(255),
[postgresql]     retort_version VARCHAR(64),
[postgresql]     outcome VARCHAR(16) NOT NULL
[postgresql] );
[postgresql] 
[postgresql] INSERT INTO retort_history (revision, direction, checksum, started_at, finished_at, duration_ms, statements_run, statements_total, host, os_user, retort_version, outcome) VALUES ('ccc333', 'upgrade', 'v1:ce89e83e15355ef5', to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), NULL, 1, 1, NULL, NULL, '0.1.0', 'applied');
[postgresql] 
[postgresql] -- Running upgrade aaa111 -> bbb222
[postgresql] 
[postgresql] ALTER TABLE users ADD COLUMN email VARCHAR(255);
[postgresql] 
[postgresql] INSERT INTO retort_version (version_num) VALUES ('bbb222');
[postgresql] 
[postgresql] INSERT INTO retort_history (revision, direction, checksum, started_at, finished_at, duration_ms, statements_run, statements_total, host, os_user, retort_version, outcome) VALUES ('bbb222', 'upgrade', 'v1:e68135c37e209574', to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), NULL, 1, 1, NULL, NULL, '0.1.0', 'applied');
[postgresql] 
[postgresql] -- Running upgrade bbb222, ccc333 -> ddd444
[postgresql] 
[postgresql] DELETE FROM retort_version WHERE retort_version.version_num = 'bbb222';
[postgresql] 
[postgresql] UPDATE retort_version SET version_num='ddd444' WHERE retort_version.version_num = 'ccc333';
[postgresql] 
[postgresql] INSERT INTO retort_history (revision, direction, checksum, started_at, finished_at, duration_ms, statements_run, statements_total, host, os_user, retort_version, outcome) VALUES ('ddd444', 'upgrade', 'v1:21083302ffc5a1be', to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), NULL, 0, 0, NULL, NULL, '0.1.0', 'applied');
[postgresql] 
[postgresql] COMMIT;
[postgresql] 
[postgresql] ! INFO  [retort] Running upgrade aaa111 -> ccc333, create orders
[postgresql] ! INFO  [retort] Running upgrade aaa111 -> bbb222, add email column
[postgresql] ! INFO  [retort] Running upgrade bbb222, ccc333 -> ddd444, merge users and orders
[mysql] -- Running upgrade aaa111 -> ccc333
[mysql] 
[mysql] CREATE TABLE orders (id INTEGER PRIMARY KEY, user_id INTEGER REFERENCES users (id));
[mysql] 
[mysql] UPDATE retort_version SET version_num='ccc333' WHERE retort_version.version_num = 'aaa111';
[mysql] 
[mysql] CREATE TABLE IF NOT EXISTS retort_history (
[mysql]     id BIGINT AUTO_INCREMENT PRIMARY KEY,
[mysql]     revision VARCHAR(255) NOT NULL,
[mysql]     direction VARCHAR(16) NOT NULL,
[mysql]     checksum VARCHAR(64),
[mysql]     started_at VARCHAR(32) NOT NULL,
[mysql]     finished_at VARCHAR(32),
[mysql]     duration_ms BIGINT,
[mysql]     statements_run INTEGER,
[mysql]     statements_total INTEGER,
[mysql]     host VARCHAR(255),
[mysql]     os_user VARCHAR(255),
[mysql]     retort_version VARCHAR(64),
[mysql]     outcome VARCHAR(16) NOT NULL
[mysql] );
[mysql] 
[mysql] INSERT INTO retort_history (revision, direction, checksum, started_at, finished_at, duration_ms, statements_run, statements_total, host, os_user, retort_version, outcome) VALUES ('ccc333', 'upgrade', 'v1:ce89e83e15355ef5', CONCAT(SUBSTRING(DATE_FORMAT(UTC_TIMESTAMP(3), '%Y-%m-%dT%H:%i:%s.%f'), 1, 23), 'Z'), CONCAT(SUBSTRING(DATE_FORMAT(UTC_TIMESTAMP(3), '%Y-%m-%dT%H:%i:%s.%f'), 1, 23), 'Z'), NULL, 1, 1, NULL, NULL, '0.1.0', 'applied');
[mysql] 
[mysql] -- Running upgrade aaa111 -> bbb222
[mysql] 
[mysql] ALTER TABLE users ADD COLUMN email VARCHAR(255);
[mysql] 
[mysql] INSERT INTO retort_version (version_num) VALUES ('bbb222');
[mysql] 
[mysql] INSERT INTO retort_history (revision, direction, checksum, started_at, finished_at, duration_ms, statements_run, statements_total, host, os_user, retort_version, outcome) VALUES ('bbb222', 'upgrade', 'v1:e68135c37e209574', CONCAT(SUBSTRING(DATE_FORMAT(UTC_TIMESTAMP(3), '%Y-%m-%dT%H:%i:%s.%f'), 1, 23), 'Z'), CONCAT(SUBSTRING(DATE_FORMAT(UTC_TIMESTAMP(3), '%Y-%m-%dT%H:%i:%s.%f'), 1, 23), 'Z'), NULL, 1, 1, NULL, NULL, '0.1.0', 'applied');
[mysql] 
[mysql] -- Running upgrade bbb222, ccc333 -> ddd444
[mysql] 
[mysql] DELETE FROM retort_version WHERE retort_version.version_num = 'bbb222';
[mysql] 
[mysql] UPDATE retort_version SET version_num='ddd444' WHERE retort_version.version_num = 'ccc333';
[mysql] 
[mysql] INSERT INTO retort_history (revision, direction, checksum, started_at, finished_at, duration_ms, statements_run, statements_total, host, os_user, retort_version, outcome) VALUES ('ddd444', 'upgrade', 'v1:21083302ffc5a1be', CONCAT(SUBSTRING(DATE_FORMAT(UTC_TIMESTAMP(3), '%Y-%m-%dT%H:%i:%s.%f'), 1, 23), 'Z'), CONCAT(SUBSTRING(DATE_FORMAT(UTC_TIMESTAMP(3), '%Y-%m-%dT%H:%i:%s.%f'), 1, 23), 'Z'), NULL, 0, 0, NULL, NULL, '0.1.0', 'applied');
[mysql] 
[mysql] ! INFO  [retort] Running upgrade aaa111 -> ccc333, create orders
[mysql] ! INFO  [retort] Running upgrade aaa111 -> bbb222, add email column
[mysql] ! INFO  [retort] Running upgrade bbb222, ccc333 -> ddd444, merge users and orders

$ retort downgrade --sql head
! FAILED: downgrade with --sql requires <fromrev>:<torev>
[exit 2]

$ retort upgrade --plan heads
Would run upgrade  -> aaa111, create users
Would run upgrade aaa111 -> ccc333, create orders
Would run upgrade aaa111 -> bbb222, add email column
Would run upgrade bbb222, ccc333 -> ddd444, merge users and orders

