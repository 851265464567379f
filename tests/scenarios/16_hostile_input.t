# dialects: sqlite postgresql
# Input retort did not write (issue 11): it is refused with the file and line, or handled, never
# half-run.
$ retort init migrations >/dev/null

$ cat > migrations/versions/r1_first.sql <<'EOF'
> -- first
> --
> -- Revision ID: r1
> -- Revises:
>
> -- migrate:upgrade
> CREATE TABLE one (x INTEGER);
> INSERT INTO one VALUES (1) -- the last statement: a comment, and no semicolon
>
> -- migrate:downgrade
> DROP TABLE one
> EOF
# The offline script puts the last statement's ';' after its trailing comment, not inside it, so
# the database's own shell runs it as retort would.
$ retort upgrade --sql head > up.sql; case "$DIALECT" in sqlite) sqlite3 -bail app.db < up.sql ;; *) psql -X -q -v ON_ERROR_STOP=1 "$DATABASE_URL" -f up.sql ;; esac; retort current
r1 (head)
! INFO  [retort] Running upgrade  -> r1, first

$ retort downgrade --sql r1:base > down.sql; case "$DIALECT" in sqlite) sqlite3 -bail app.db < down.sql ;; *) psql -X -q -v ON_ERROR_STOP=1 "$DATABASE_URL" -f down.sql ;; esac; retort current
[sqlite] ! INFO  [retort] Running downgrade r1 -> , first
[postgresql] ! INFO  [retort] Running downgrade r1 -> , first
[postgresql] ! psql:down.sql:23: NOTICE:  relation "retort_history" already exists, skipping

# A NUL byte (a UTF-16 file, a corrupted copy) is an error naming the file and line, and nothing
# runs: the databases would stop reading at it and drop the statements after it.
$ printf -- '-- nul\n--\n-- Revision ID: r2\n-- Revises: r1\n\n-- migrate:upgrade\nCREATE TABLE two (x INTEGER);\nCREATE TABLE \000three (x INTEGER);\n-- migrate:downgrade\nDROP TABLE two;\n' > migrations/versions/r2_nul.sql

$ retort upgrade head
! FAILED: NUL byte in the file (is it UTF-16? migrations are UTF-8 text)
!   file: $TMP/migrations/versions/r2_nul.sql:8
[exit 1]

$ rm migrations/versions/r2_nul.sql; retort current

# The same in a desired schema file: refused with its line before anything loads.
$ printf 'CREATE TABLE one (x INTEGER);\nCREATE TABLE \000two (x INTEGER);\n' > schema.sql; echo 'schema = ["schema.sql"]' >> retort.toml; retort check
[sqlite] ! FAILED: The desired schema does not load: NUL byte in the SQL: the database would stop reading there and drop the statements after it; nothing was run
[sqlite] !   file: $TMP/schema.sql:2
[sqlite] !   dialect: sqlite
[sqlite] [exit 1]
[postgresql] ! FAILED: The desired schema does not load: NUL byte in the SQL: the database would stop reading there and drop the statements after it; nothing was run
[postgresql] !   file: $TMP/schema.sql:2
[postgresql] !   dialect: postgresql
[postgresql] [exit 1]

# Invalid UTF-8 in a migration's message: --json still prints a valid document (the bytes become
# U+FFFD) and the exit code of what happened.
$ printf -- '-- caf\351 \377 menu\n--\n-- Revision ID: r2\n-- Revises: r1\n\n-- migrate:upgrade\nSELECT 1;\n-- migrate:downgrade\nSELECT 1;\n' > migrations/versions/r2_latin1.sql; retort history --json | python3 -c 'import json, sys; d = json.load(sys.stdin); print(d["revisions"][0]["message"])'
caf� � menu

# A migration entry that is not a readable file is an error naming it, never skipped (skipping it
# would move head; reading a FIFO would wait forever).
$ ln -s nowhere.sql migrations/versions/r3_dangling.sql; retort heads; echo "exit $?"; rm migrations/versions/r3_dangling.sql
exit 1
! FAILED: Migration entry $TMP/migrations/versions/r3_dangling.sql is a symbolic link to nothing (dangling)
!   file: $TMP/migrations/versions/r3_dangling.sql

$ ln -s r4_loop.sql migrations/versions/r4_loop.sql; retort heads; echo "exit $?"; rm migrations/versions/r4_loop.sql
exit 1
! FAILED: Migration entry $TMP/migrations/versions/r4_loop.sql is a symbolic link loop
!   file: $TMP/migrations/versions/r4_loop.sql

$ mkfifo migrations/versions/r5_fifo.sql; retort heads; echo "exit $?"; rm migrations/versions/r5_fifo.sql
exit 1
! FAILED: Migration entry $TMP/migrations/versions/r5_fifo.sql is not a regular file (a FIFO, socket or device)
!   file: $TMP/migrations/versions/r5_fifo.sql

$ retort heads
r2 (head)

# A server that accepts the connection and never answers: the connection is bounded
# (connect_timeout, 10 s unless the URL or PGCONNECT_TIMEOUT says otherwise) and the message says
# what was waited for.
$ python3 -c 'import socket, time; s = socket.socket(socket.AF_UNIX); s.bind(".s.PGSQL.5999"); s.listen(5); time.sleep(1); c = s.accept(); time.sleep(30)' & pid=$!; while [ ! -S .s.PGSQL.5999 ]; do sleep 0.1; done; DATABASE_URL="postgresql://u@/db?host=$PWD&port=5999&connect_timeout=1" retort current; echo "exit $?"; kill $pid
exit 1
! FAILED: Cannot connect to postgresql://u@/db?host=$TMP&port=5999&connect_timeout=1: connection to server on socket "$TMP/.s.PGSQL.5999" failed: timeout expired (waited connect_timeout = 1 s for the server to accept the connection and answer; set ?connect_timeout=N in the URL to wait longer)
!   dialect: postgresql

# No stray lock files: not beside a path that is a directory (refused), nor for an in-memory
# database written in SQLite's URI form.
$ mkdir adir; DATABASE_URL=sqlite:///adir retort upgrade head; echo "exit $?"; DATABASE_URL='sqlite:///file:memdb1?mode=memory&cache=shared&uri=true' retort -q upgrade head; echo "exit $?"; ls | grep -c retort-lock
exit 1
exit 0
0
! FAILED: The SQLite database adir is a directory
!   file: adir
!   dialect: sqlite
! WARNING [retort] sqlite:///file:memdb1?mode=memory&cache=shared&uri=true is an in-memory database: it starts empty and vanishes when this command exits, with everything the command did to it
[exit 1]

# A transaction:false migration whose version row then cannot be written: the message says the
# block is applied, that the version table was not updated, and how to record it.
$ rm -f migrations/versions/r2_latin1.sql; retort -q upgrade head; printf -- '-- vacuum\n--\n-- Revision ID: r2\n-- Revises: r1\n\n-- migrate:upgrade transaction:false\nCREATE TABLE two (x INTEGER);\n-- migrate:downgrade\nDROP TABLE two;\n' > migrations/versions/r2_vacuum.sql; case "$DIALECT" in sqlite) sqlite3 app.db "CREATE TRIGGER no_r2 BEFORE UPDATE ON retort_version WHEN NEW.version_num = 'r2' BEGIN SELECT RAISE(ABORT, 'r2 is not welcome'); END" ;; *) psql -X -q "$DATABASE_URL" -c "ALTER TABLE retort_version ADD CONSTRAINT no_r2 CHECK (version_num <> 'r2')" ;; esac; retort upgrade head
[sqlite] ! INFO  [retort] Running upgrade r1 -> r2, vacuum
[sqlite] ! FAILED: upgrade r2 failed: Statement failed: r2 is not welcome. Block 1 of this migration is committed and stays applied; recording it in the version table failed, so the version table still says r1. Once the cause is fixed, record what is applied with `retort stamp r2` (upgrading again would run those blocks twice).
[sqlite] !   revision: r2
[sqlite] !   file: $TMP/migrations/versions/r2_vacuum.sql
[sqlite] !   statement: UPDATE retort_version SET version_num='r2' WHERE retort_version.version_num = 'r1'
[sqlite] !   code: SQLITE_CONSTRAINT
[sqlite] !   dialect: sqlite
[sqlite] [exit 1]
[postgresql] ! INFO  [retort] Running upgrade r1 -> r2, vacuum
[postgresql] ! FAILED: upgrade r2 failed: Statement failed: new row for relation "retort_version" violates check constraint "no_r2" (Failing row contains (r2).). Block 1 of this migration is committed and stays applied; recording it in the version table failed, so the version table still says r1. Once the cause is fixed, record what is applied with `retort stamp r2` (upgrading again would run those blocks twice).
[postgresql] !   revision: r2
[postgresql] !   file: $TMP/migrations/versions/r2_vacuum.sql
[postgresql] !   statement: UPDATE retort_version SET version_num='r2' WHERE retort_version.version_num = 'r1'
[postgresql] !   code: 23514
[postgresql] !   dialect: postgresql
[postgresql] [exit 1]

$ case "$DIALECT" in sqlite) sqlite3 app.db "DROP TRIGGER no_r2" ;; *) psql -X -q "$DATABASE_URL" -c "ALTER TABLE retort_version DROP CONSTRAINT no_r2" ;; esac; retort stamp r2; retort current
r2 (head)
! INFO  [retort] Running stamp_revision r1 -> r2 (<time>)

# Ids the version table's column cannot hold (an adopted Alembic table is VARCHAR(32)) are refused
# before anything runs, with the statement that widens it (PostgreSQL enforces the width).
$ printf -- '-- long\n--\n-- Revision ID: r3_a_descriptive_revision_id_longer_than_32\n-- Revises: r2\n\n-- migrate:upgrade\nCREATE TABLE three (x INTEGER);\n-- migrate:downgrade\nDROP TABLE three;\n' > migrations/versions/r3_long.sql; case "$DIALECT" in sqlite) true ;; *) psql -X -q "$DATABASE_URL" -c "ALTER TABLE retort_version ALTER COLUMN version_num TYPE varchar(32)" ;; esac; retort upgrade head; retort current
[sqlite] r3_a_descriptive_revision_id_longer_than_32 (head)
[sqlite] ! INFO  [retort] Running upgrade r2 -> r3_a_descriptive_revision_id_longer_than_32, long
[sqlite] ! INFO  [retort] Finished upgrade r2 -> r3_a_descriptive_revision_id_longer_than_32, long (<time>)
[postgresql] r2
[postgresql] ! FAILED: Revision id 'r3_a_descriptive_revision_id_longer_than_32' (43 characters) does not fit the version table's column retort_version.version_num, VARCHAR(32) (Alembic creates it so); nothing was run. Widen it first:
[postgresql] !   ALTER TABLE retort_version ALTER COLUMN version_num TYPE varchar(255);

# Messages that say what is wrong: -c naming a directory, a file that is not an SQLite database,
# a list setting with a non-string element, an empty version row, a version table that is a view.
$ mkdir cfgdir; retort -c cfgdir current; echo "not a database" > notdb.db; DATABASE_URL=sqlite:///notdb.db retort current
! FAILED: 'cfgdir' is a directory; -c takes the config file (retort.toml)
!   file: $TMP/cfgdir
! FAILED: sqlite:///notdb.db is not an SQLite database: file is not a database
!   code: SQLITE_NOTADB
!   dialect: sqlite
[exit 1]

$ sed 's|^script_location.*|&\nversion_locations = ["migrations/versions", 3]|' retort.toml > bad.toml; retort -c bad.toml heads
! FAILED: 'version_locations' must be a list of strings; element 2 is not a string
!   file: $TMP/bad.toml:4
[exit 1]

$ sqlite3 empty.db "CREATE TABLE retort_version (version_num VARCHAR(32)); INSERT INTO retort_version VALUES (NULL)"; DATABASE_URL=sqlite:///empty.db retort current
! FAILED: The version table holds an empty (NULL) row; fix it with 'retort stamp --purge <revision>'
[exit 1]

$ case "$DIALECT" in sqlite) sqlite3 app.db "DROP TABLE retort_version; CREATE VIEW retort_version AS SELECT 'r1' AS version_num" ;; *) psql -X -q "$DATABASE_URL" -c "DROP TABLE retort_version" -c "CREATE VIEW retort_version AS SELECT 'r1'::varchar AS version_num" ;; esac; retort upgrade head
[sqlite] ! FAILED: retort_version is a view, not a table: it cannot hold the version rows
[sqlite] !   dialect: sqlite
[sqlite] [exit 1]
[postgresql] ! FAILED: retort_version is a view, not a table: it cannot hold the version rows
[postgresql] !   dialect: postgresql
[postgresql] [exit 1]

$ case "$DIALECT" in sqlite) sqlite3 app.db "DROP VIEW retort_version" ;; *) psql -X -q "$DATABASE_URL" -c "DROP VIEW retort_version" ;; esac; retort -q stamp r2

# On SQLite a schema is an attached database: version_table_schema naming none is said so.
$ sed 's|^version_table = .*|&\nversion_table_schema = "aux"|' retort.toml > aux.toml; retort -c aux.toml upgrade head
[sqlite] ! FAILED: version_table_schema = 'aux' names no database attached to $DATABASE_URL (attached: main). On SQLite a schema is an attached database: leave version_table_schema unset to keep the version table in the database file itself
[sqlite] !   dialect: sqlite
[sqlite] [exit 1]
[postgresql] ! FAILED: Statement failed: schema "aux" does not exist
[postgresql] !   statement: CREATE TABLE IF NOT EXISTS aux.retort_version (
[postgresql] !         version_num VARCHAR(255) NOT NULL,
[postgresql] !         CONSTRAINT retort_version_pkc PRIMARY KEY (version_num)
[postgresql] !     )
[postgresql] !   code: 3F000
[postgresql] !   dialect: postgresql
[postgresql] [exit 1]

# Revision ids from the command line, a file or the database are quoted with their control bytes
# escaped (they must not drive the terminal) and cut when long.
$ retort upgrade "$(printf 'r9\033[2J\007')"
! FAILED: Can't locate revision identified by 'r9\x1b[2J\x07'
[exit 1]

$ python3 -c "print('-- long id\n--\n-- Revision ID: ' + 'x' * 1000000 + '\n-- Revises: r2\n\n-- migrate:upgrade\n-- migrate:downgrade')" > migrations/versions/r9_long.sql; retort heads; rm migrations/versions/r9_long.sql
! FAILED: Revision identifier 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx... (1000000 bytes in all)' is longer than 255 characters ($TMP/migrations/versions/r9_long.sql); use letters, digits and '_'
!   file: $TMP/migrations/versions/r9_long.sql

$ case "$DIALECT" in sqlite) sqlite3 app.db "UPDATE retort_version SET version_num = 'r2' || char(27) || '[2J'" ;; *) psql -X -q "$DATABASE_URL" -c "UPDATE retort_version SET version_num = 'r2' || chr(27) || '[2J'" ;; esac; retort current
! FAILED: The database is at revision 'r2\x1b[2J', which no migration file defines; restore the file or fix the version table with 'retort stamp --purge'
!   revision: r2\x1b[2J
[exit 1]

