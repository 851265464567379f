# dialects: sqlite postgresql
# `retort test` on a scratch database (SQLite in memory, PostgreSQL a temporary database, dropped after): one head,
# each revision up, down and up again with the schema compared, and the desired schema reached.
$ retort init migrations >/dev/null; printf -- '-- one\n--\n-- Revision ID: r1\n-- Revises:\n\n-- migrate:upgrade\nCREATE TABLE account (id INTEGER PRIMARY KEY, name TEXT NOT NULL);\n-- migrate:downgrade\nDROP TABLE account;\n' > migrations/versions/r1.sql; printf -- '-- two\n--\n-- Revision ID: r2\n-- Revises: r1\n\n-- migrate:upgrade\nCREATE TABLE note (id INTEGER PRIMARY KEY, body TEXT);\nCREATE INDEX account_name ON account (name);\n-- migrate:downgrade\nDROP TABLE note;\n' > migrations/versions/r2.sql

# The downgrade of r2 forgets the index: named, with what it must still do; exit 1.
$ retort test
ok    single head
FAIL  stairway (2 revision(s) walked)
skip  desired schema: none configured (schema = [...] in retort.toml)

stairway: the downgrade of r2 (two) does not undo its upgrade: after upgrade and downgrade the schema differs from the one before; what the downgrade must still do:
    - index account_name on account (name)
  revision: r2
  file: $TMP/migrations/versions/r2.sql
! INFO  [retort] stairway: r1 up, down and up again
[exit 1]

$ sed -i 's/^DROP TABLE note;/DROP INDEX account_name;\nDROP TABLE note;/' migrations/versions/r2.sql; printf 'CREATE TABLE account (id INTEGER PRIMARY KEY, name TEXT NOT NULL);\nCREATE INDEX account_name ON account (name);\nCREATE TABLE note (id INTEGER PRIMARY KEY, body TEXT);\n' > schema.sql; echo 'schema = ["schema.sql"]' >> retort.toml; retort -q test
ok    single head
ok    stairway: 2 revision(s) up, down and up again
ok    desired schema: the migrations produce it

# The configured database is never touched, and no scratch database is left.
$ retort current; case "$DIALECT" in sqlite) ls app.db 2>&1 | grep -c 'No such' ;; *) psql -X -qtA "$DATABASE_URL" -c "SELECT count(*) FROM pg_tables WHERE tablename IN ('account', 'note') UNION ALL SELECT count(*) FROM pg_database WHERE datname LIKE 'retort_scratch%' || current_database()" ;; esac
[sqlite] 1
[postgresql] 0
[postgresql] 0

# Two heads, and a desired schema the migrations do not reach.
$ printf -- '-- three\n--\n-- Revision ID: r3\n-- Revises: r1\n\n-- migrate:upgrade\nCREATE TABLE tag (id INTEGER PRIMARY KEY);\n-- migrate:downgrade\nDROP TABLE tag;\n' > migrations/versions/r3.sql; retort -q test --json | python3 -c 'import json, sys; d = json.load(sys.stdin); print(d["passed"], [(f["check"], f["differences"]) for f in d["findings"]])'
False [('single head', []), ('desired schema', ['- table tag'])]

# A desired schema is configured, but the stairway stops before head: it is not compared, and the
# line says why.
$ retort -q merge -m join heads --rev-id r4 >/dev/null; sed -i 's/^DROP TABLE tag;/SELECT 1;/' migrations/versions/r3.sql; retort -q test | head -3
ok    single head
FAIL  stairway (2 revision(s) walked)
skip  desired schema: not compared, the stairway did not reach head

