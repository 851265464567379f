# dialects: sqlite postgresql
# The ledger (issue 14): one row per step beside the version table, checksums of what ran,
# `verify`, `rehash` and `status`, and the check `upgrade` runs first.
$ retort init migrations >/dev/null; printf -- '-- users\n--\n-- Revision ID: r1\n-- Revises:\n\n-- migrate:upgrade\nCREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT);\n-- migrate:downgrade\nDROP TABLE users;\n' > migrations/versions/r1_users.sql; printf -- '-- emails\n--\n-- Revision ID: r2\n-- Revises: r1\n\n-- migrate:upgrade\nALTER TABLE users ADD COLUMN email TEXT;\nUPDATE users SET email = name;\n-- migrate:downgrade\nALTER TABLE users DROP COLUMN email;\n' > migrations/versions/r2_emails.sql; retort verify; retort -q upgrade head; retort verify
No ledger in this database yet: the next upgrade starts one
Verified: every applied migration matches the SQL that ran

# One row per step, written in the step's transaction: when, how long, by whom, how many statements.
# The database numbers the rows (ids may have gaps on PostgreSQL, where a rolled-back insert uses one).
$ dbq "SELECT revision, direction, substr(checksum, 1, 3), statements_run, statements_total, outcome, length(started_at), started_at <= finished_at, duration_ms >= 0, host <> '' AND os_user <> '' AND retort_version <> '' FROM retort_history ORDER BY id"
[sqlite] r1|upgrade|v1:|1|1|applied|24|1|1|1
[sqlite] r2|upgrade|v1:|2|2|applied|24|1|1|1
[postgresql] r1|upgrade|v1:|1|1|applied|24|t|t|t
[postgresql] r2|upgrade|v1:|2|2|applied|24|t|t|t

$ retort status | sed -E 's/ {2,}/|/g; s/[0-9]{4}-[0-9-]+T[0-9:.]+Z/<when>/; s/\|[0-9]+ ms\|/|<ms>|/; s/\|[^|@]+@[^|]+\|/|<who>|/'
REVISION|STATE|APPLIED AT|DURATION|BY|CHECKSUM|MESSAGE
r1|applied|<when>|<ms>|<who>|ok|users
r2|applied|<when>|<ms>|<who>|ok|emails

# An editor's changes (CRLF line endings, trailing spaces, a comment line) are not edits.
$ sed -i 's/$/  \r/' migrations/versions/r1_users.sql; printf -- '-- reviewed\n' >> migrations/versions/r1_users.sql; retort verify
Verified: every applied migration matches the SQL that ran

# An edit of an applied migration: verify names it and exits 1, upgrade warns (or, with
# on_checksum_mismatch = "fail", refuses), rehash accepts it.
$ sed -i 's/SET email = name/SET email = lower(name)/' migrations/versions/r2_emails.sql; retort verify | sed -E 's/at [0-9T:.Z-]+ \(ran v1:[0-9a-f]+, the file is now v1:[0-9a-f]+\)/at <when> (<checksums>)/'; retort verify >/dev/null; echo "exit $?"
changed: r2 ($TMP/migrations/versions/r2_emails.sql): changed since it ran at <when> (<checksums>)
Accept a deliberate edit with `retort rehash <revision>`.
exit 1

$ retort status | grep -E '^r[12] ' | sed -E 's/ {2,}/|/g' | cut -d'|' -f1,2,6
r1|applied|ok
r2|applied|changed

$ retort upgrade head 2>&1 | sed -E 's/at [0-9T:.Z-]+ \(ran v1:[0-9a-f]+, the file is now v1:[0-9a-f]+\)/at <when> (<checksums>)/'
WARNING [retort] 1 applied migration(s) changed since they ran:
  r2 ($TMP/migrations/versions/r2_emails.sql): changed since it ran at <when> (<checksums>)
Accept a deliberate edit with `retort rehash <revision>`.
INFO  [retort] Nothing to do: the database is already at r2

$ printf 'on_checksum_mismatch = "fail"\n' >> retort.toml; retort upgrade head 2>&1 | sed -E 's/at [0-9T:.Z-]+ \(ran v1:[0-9a-f]+, the file is now v1:[0-9a-f]+\)/at <when> (<checksums>)/'; retort upgrade head 2>/dev/null; echo "exit $?"
FAILED: 1 applied migration(s) changed since they ran; nothing was run (on_checksum_mismatch = "fail"):
  r2 ($TMP/migrations/versions/r2_emails.sql): changed since it ran at <when> (<checksums>)
Accept a deliberate edit with `retort rehash <revision>`.
exit 1

$ retort rehash r2 | sed -E 's/v1:[0-9a-f]+/v1:<sum>/'; retort verify; retort -q upgrade head; dbq "SELECT revision, direction, outcome FROM retort_history ORDER BY id DESC LIMIT 1"
Rehashed r2: its file's SQL (v1:<sum>) is now what verify expects
Verified: every applied migration matches the SQL that ran
r2|rehash|rehashed

$ retort rehash r9; retort rehash r1 --json | grep -c '"direction": "rehash"'
1
! FAILED: Can't locate revision identified by 'r9'

# Downgrades are recorded; a run that is rolled back leaves no row.
$ retort -q downgrade base; printf -- '-- broken\n--\n-- Revision ID: r3\n-- Revises: r2\n\n-- migrate:upgrade\nCREATE TABLE three (x INTEGER);\nSELECT * FROM no_such_table;\n' > migrations/versions/r3_broken.sql; retort -q upgrade head 2>/dev/null; retort current; dbq tables; dbq "SELECT revision, direction, outcome FROM retort_history ORDER BY id"
retort_history
retort_version
r1|upgrade|applied
r2|upgrade|applied
r2|rehash|rehashed
r1|rehash|rehashed
r2|downgrade|applied
r1|downgrade|applied

# One transaction per migration: r1 and r2 commit with their rows, r3 leaves none.
$ sed -i 's/^transaction_per_migration = false/transaction_per_migration = true/' retort.toml; retort -q upgrade head 2>/dev/null; retort current; dbq "SELECT revision, direction, outcome FROM retort_history ORDER BY id" | tail -2
r2
r1|upgrade|applied
r2|upgrade|applied

# A transaction:false block that fails leaves its statements applied: the ledger row it committed
# first says how far it got, and verify reports it until a later run completes.
$ printf -- '-- broken\n--\n-- Revision ID: r3\n-- Revises: r2\n\n-- migrate:upgrade transaction:false\nCREATE TABLE three (x INTEGER);\nSELECT * FROM no_such_table;\n-- migrate:downgrade\nDROP TABLE three;\n' > migrations/versions/r3_broken.sql; retort -q upgrade head 2>/dev/null; dbq "SELECT revision, outcome, statements_run, finished_at IS NOT NULL FROM retort_history WHERE outcome = 'failed'"; retort verify | sed -E 's/at [0-9T:.Z-]+ after/at <when> after/'; retort verify >/dev/null; echo "exit $?"
[sqlite] r3|failed|1|1
[sqlite] unrecorded: r3: its upgrade failed at <when> after 1 statement(s), some in a transaction:false block, which stay applied; the version table was not changed
[sqlite] exit 1
[postgresql] r3|failed|1|t
[postgresql] unrecorded: r3: its upgrade failed at <when> after 1 statement(s), some in a transaction:false block, which stay applied; the version table was not changed
[postgresql] exit 1

$ sed -i 's/^SELECT \* FROM no_such_table;/SELECT 1;/; s/^CREATE TABLE three/CREATE TABLE IF NOT EXISTS three/' migrations/versions/r3_broken.sql; retort -q upgrade head; retort verify; dbq "SELECT revision, outcome, statements_run, statements_total FROM retort_history WHERE revision = 'r3' ORDER BY id"
Verified: every applied migration matches the SQL that ran
r3|failed|1|
r3|applied|2|2

# Offline scripts write the ledger too.
$ retort upgrade --sql r2:r3 2>/dev/null | grep -c 'INSERT INTO retort_history'
1

