# dialects: sqlite postgresql
# lint (issue 16): the migrations' SQL checked for what locks or rewrites big tables, fails on a
# table with rows, or breaks running code, with file:line, why and the safe alternative; exit 1
# on errors; `-- lint:ignore <rule>` on the line before silences one; --json. What it says is
# true: the migration it flags fails on a table with rows, as it said.
$ retort init migrations >/dev/null; printf -- '-- users\n--\n-- Revision ID: aaa111\n-- Revises: \n\n-- migrate:upgrade\nCREATE TABLE users (id INTEGER PRIMARY KEY, email VARCHAR(255) NOT NULL, nickname TEXT);\n-- migrate:downgrade\nDROP TABLE users;\n' > migrations/versions/aaa111_users.sql; printf -- '-- age\n--\n-- Revision ID: bbb222\n-- Revises: aaa111\n\n-- migrate:upgrade\nALTER TABLE users ADD COLUMN age INTEGER NOT NULL;\nCREATE INDEX ix_users_age ON users (age);\n-- lint:ignore drop-column\nALTER TABLE users DROP COLUMN nickname;\n-- migrate:downgrade\nDROP INDEX ix_users_age;\nALTER TABLE users DROP COLUMN age;\n' > migrations/versions/bbb222_age.sql; retort lint
[sqlite] migrations/versions/bbb222_age.sql:7: error [add-not-null-column]: column users.age is added NOT NULL without a default
[sqlite]     ALTER TABLE users ADD COLUMN age INTEGER NOT NULL
[sqlite]     why: Adding a NOT NULL column without a default fails on a table that has rows, though it passes on an empty development database.
[sqlite]     instead: Add it with a DEFAULT; or add it nullable, backfill it, then make it NOT NULL (on PostgreSQL through a NOT VALID check: see set-not-null).
[sqlite] 1 error, 0 warnings in 2 revisions (sqlite)
[sqlite] [exit 1]
[postgresql] migrations/versions/bbb222_age.sql:7: error [add-not-null-column]: column users.age is added NOT NULL without a default
[postgresql]     ALTER TABLE users ADD COLUMN age INTEGER NOT NULL
[postgresql]     why: Adding a NOT NULL column without a default fails on a table that has rows, though it passes on an empty development database.
[postgresql]     instead: Add it with a DEFAULT; or add it nullable, backfill it, then make it NOT NULL (on PostgreSQL through a NOT VALID check: see set-not-null).
[postgresql] migrations/versions/bbb222_age.sql:7: warning [lock-timeout]: ALTER TABLE on users takes an ACCESS EXCLUSIVE lock and no lock_timeout is set
[postgresql]     ALTER TABLE users ADD COLUMN age INTEGER NOT NULL
[postgresql]     why: The migration takes ACCESS EXCLUSIVE locks with no lock_timeout: while it waits behind a long query, every other query on the table queues behind it and the application stalls.
[postgresql]     instead: SET lock_timeout = '5s' at the top of the migration (or lock_timeout in the config), and run the migration again if it times out.
[postgresql] migrations/versions/bbb222_age.sql:8: error [index-not-concurrent]: CREATE INDEX ix_users_age on existing table users without CONCURRENTLY
[postgresql]     CREATE INDEX ix_users_age ON users (age)
[postgresql]     why: CREATE INDEX without CONCURRENTLY holds a SHARE lock on the table until the index is built: inserts, updates and deletes wait, for minutes on a big table. DROP INDEX without it takes an ACCESS EXCLUSIVE lock, which blocks reads too while it waits for running queries.
[postgresql]     instead: CREATE (or DROP) INDEX CONCURRENTLY, in a block of its own: -- migrate:upgrade transaction:false (CONCURRENTLY cannot run in a transaction).
[postgresql] 2 errors, 1 warning in 2 revisions (postgresql, server version unknown)
[postgresql] [exit 1]

$ retort lint aaa111
[sqlite] No findings in 1 revision (sqlite)
[postgresql] No findings in 1 revision (postgresql, server version unknown)

# A migration file by its path, as JSON.
$ retort --json lint migrations/versions/bbb222_age.sql | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["errors"], d["warnings"], d["revisions"], [(f["rule"], f["line"], f["revision"]) for f in d["findings"]])'
[sqlite] 1 0 1 [('add-not-null-column', 7, 'bbb222')]
[postgresql] 2 1 1 [('add-not-null-column', 7, 'bbb222'), ('lock-timeout', 7, 'bbb222'), ('index-not-concurrent', 8, 'bbb222')]

# What lint said is true: with a row in users the migration fails, and the database stays at aaa111.
$ retort -q upgrade aaa111; dbq "INSERT INTO users (id, email) VALUES (1, 'ada@example.org')"; retort -q upgrade head 2>&1 | grep -o 'Cannot add a NOT NULL column[^.]*\|column "age" [^.]* contains null values' | head -1; retort current
[sqlite] Cannot add a NOT NULL column with default value NULL
[sqlite] aaa111
[postgresql] column "age" of relation "users" contains null values
[postgresql] aaa111

# Silenced on the line before, the rule is quiet; a misspelt rule name is reported.
$ sed -i 's/^ALTER TABLE users ADD COLUMN age/-- lint:ignore add-not-null-column, index-not-concurent\n&/' migrations/versions/bbb222_age.sql; retort lint bbb222 | grep -v '^    '
[sqlite] migrations/versions/bbb222_age.sql:7: warning [unknown-rule]: no rule is called 'index-not-concurent'
[sqlite] 0 errors, 1 warning in 1 revision (sqlite)
[postgresql] migrations/versions/bbb222_age.sql:7: warning [unknown-rule]: no rule is called 'index-not-concurent'
[postgresql] migrations/versions/bbb222_age.sql:8: warning [lock-timeout]: ALTER TABLE on users takes an ACCESS EXCLUSIVE lock and no lock_timeout is set
[postgresql] migrations/versions/bbb222_age.sql:9: error [index-not-concurrent]: CREATE INDEX ix_users_age on existing table users without CONCURRENTLY
[postgresql] 1 error, 2 warnings in 1 revision (postgresql, server version unknown)

# The config's lock_timeout bounds the lock waits, so that warning goes; the summary names the server version.
$ printf 'lock_timeout = "5s"\n' >> retort.toml; retort lint bbb222 --server-version 10 | grep -v '^    '
[sqlite] migrations/versions/bbb222_age.sql:7: warning [unknown-rule]: no rule is called 'index-not-concurent'
[sqlite] 0 errors, 1 warning in 1 revision (sqlite)
[postgresql] migrations/versions/bbb222_age.sql:7: warning [unknown-rule]: no rule is called 'index-not-concurent'
[postgresql] migrations/versions/bbb222_age.sql:9: error [index-not-concurrent]: CREATE INDEX ix_users_age on existing table users without CONCURRENTLY
[postgresql] 1 error, 1 warning in 1 revision (postgresql, server version 10)

$ retort lint --list-rules | grep -c '^    why'
21

# revision --autogenerate lints the file it writes and prints the findings as warnings.
$ dbq "DELETE FROM users"; retort -q upgrade head; sed -i 's/^# schema = /schema = /' retort.toml; printf 'CREATE TABLE users (id INTEGER PRIMARY KEY, age INTEGER NOT NULL);\nCREATE INDEX ix_users_age ON users (age);\n' > schema.sql; retort revision --autogenerate -m "drop email" --rev-id ccc333 2>&1 | grep -o 'lint: .*\]: drops column users.email'
lint: $TMP/migrations/versions/ccc333_drop_email.sql:9: error [drop-column]: drops column users.email


# Generated against tables the earlier migrations never create (a database that predates retort),
# every statement fails alike on SQLite's replay: ten are shown, then how many more.
$ retort -q upgrade head; for i in $(seq 1 12); do dbq "CREATE TABLE t$i (id INTEGER PRIMARY KEY)"; printf 'CREATE TABLE t%s (id INTEGER PRIMARY KEY, note TEXT);\n' $i >> schema.sql; done; retort revision --autogenerate -m adopted --rev-id ddd444 > out.txt 2>&1; grep -c 'lint: .*statement-fails.*no such table' out.txt; grep -o 'lint: [0-9]* more findings.*' out.txt
[sqlite] 10
[sqlite] lint: 2 more findings; `retort lint ddd444` lists them all
[postgresql] 0
[postgresql] [exit 1]
