# kill -9 of an SQLite migrator mid-run: the database stays at its last revision (SQLite rolls the
# journal back), the lock file is released by the kernel, and a later run completes.
$ retort init migrations >/dev/null

$ printf -- '-- one\n--\n-- Revision ID: r1\n-- Revises:\n\n-- migrate:upgrade\nCREATE TABLE one (x INTEGER);\n\n-- migrate:downgrade\nDROP TABLE one;\n' > migrations/versions/r1.sql

$ retort -q upgrade head

$ printf -- '-- slow\n--\n-- Revision ID: r2\n-- Revises: r1\n\n-- migrate:upgrade\nCREATE TABLE two (x INTEGER);\nINSERT INTO two WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 300000000) SELECT count(*) FROM c;\n' > migrations/versions/r2.sql

$ retort -q upgrade head & pid=$!; while flock -n app.db.retort-lock true; do sleep 0.05; done; sleep 0.3; kill -9 $pid; wait $pid 2>/dev/null; echo "killed: $?"
killed: 137

$ retort current
r1

$ dbq tables
one
retort_history
retort_version

$ sed -i 's/300000000/10/' migrations/versions/r2.sql

$ retort upgrade head
! INFO  [retort] Running upgrade r1 -> r2, slow
! INFO  [retort] Finished upgrade r1 -> r2, slow (<time>)

$ dbq "SELECT * FROM two"
10

# Killed inside a transaction:false block: its statements stay, the version table does not move,
# and the ledger's `started` row makes it visible to verify and status.
$ printf -- '-- slow outside\n--\n-- Revision ID: r3\n-- Revises: r2\n\n-- migrate:upgrade transaction:false\nCREATE TABLE three (x INTEGER);\nINSERT INTO three WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 300000000) SELECT count(*) FROM c;\n' > migrations/versions/r3.sql; retort -q upgrade head & pid=$!; while [ "$(dbq "SELECT count(*) FROM retort_history WHERE outcome = 'started'" 2>/dev/null)" != 1 ]; do sleep 0.05; done; sleep 0.3; kill -9 $pid; wait $pid 2>/dev/null; echo "killed: $?"; retort current; dbq "SELECT revision, direction, outcome FROM retort_history ORDER BY id DESC LIMIT 1"
killed: 137
r2
r3|upgrade|started

$ retort verify | sed -E 's/started at [0-9T:.Z-]+/started at <when>/'
unrecorded: r3: its upgrade started at <when> and never finished: the process stopped inside a transaction:false block, whose statements stay applied, and the version table was not changed

