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
! INFO  [retort] Running downgrade r1 -> , first

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
$ python3 -c 'import socket, time; s = socket.socket(socket.AF_UNIX); s.bind(".s.PGSQL.5999"); s.listen(5); time.sleep(1); c = s.accept(); time.sleep(30)' & pid=$!; sleep 0.5; DATABASE_URL="postgresql://u@/db?host=$PWD&port=5999&connect_timeout=1" retort current; echo "exit $?"; kill $pid
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
[exit 1]

