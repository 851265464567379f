# dialects: sqlite postgresql
# A migration whose third statement fails leaves no trace: the whole run is one transaction.
$ retort init migrations >/dev/null

$ retort revision -m "good one" --rev-id r1 >/dev/null

$ cat > migrations/versions/r1_good_one.sql <<'EOF'
> -- good one
> --
> -- Revision ID: r1
> -- Revises:
>
> -- migrate:upgrade
> CREATE TABLE one (x INTEGER);
>
> -- migrate:downgrade
> DROP TABLE one;
> EOF

$ retort revision -m "bad third statement" --rev-id r2 >/dev/null

$ cat > migrations/versions/r2_bad_third_statement.sql <<'EOF'
> -- bad third statement
> --
> -- Revision ID: r2
> -- Revises: r1
>
> -- migrate:upgrade
> CREATE TABLE two (x INTEGER);
> INSERT INTO two VALUES (1);
> INSERT INTO missing_table VALUES (2);
> CREATE TABLE never (x INTEGER);
>
> -- migrate:downgrade
> DROP TABLE two;
> EOF

$ retort upgrade head
[sqlite] ! INFO  [retort] Running upgrade  -> r1, good one
[sqlite] ! INFO  [retort] Finished upgrade  -> r1, good one (<time>)
[sqlite] ! INFO  [retort] Running upgrade r1 -> r2, bad third statement
[sqlite] ! INFO  [retort] Rolled back upgrade  -> r1, good one
[sqlite] ! FAILED: upgrade r2 failed: Statement failed: no such table: missing_table. Nothing was changed: the database is still at base.
[sqlite] !   revision: r2
[sqlite] !   file: $TMP/migrations/versions/r2_bad_third_statement.sql:9
[sqlite] !   statement: INSERT INTO missing_table VALUES (2)
[sqlite] !   code: SQLITE_ERROR
[sqlite] !   dialect: sqlite
[sqlite] [exit 1]
[postgresql] ! INFO  [retort] Running upgrade  -> r1, good one
[postgresql] ! INFO  [retort] Finished upgrade  -> r1, good one (<time>)
[postgresql] ! INFO  [retort] Running upgrade r1 -> r2, bad third statement
[postgresql] ! INFO  [retort] Rolled back upgrade  -> r1, good one
[postgresql] ! FAILED: upgrade r2 failed: Statement failed: relation "missing_table" does not exist. Nothing was changed: the database is still at base.
[postgresql] !   revision: r2
[postgresql] !   file: $TMP/migrations/versions/r2_bad_third_statement.sql:9
[postgresql] !   statement: INSERT INTO missing_table VALUES (2)
[postgresql] !   code: 42P01
[postgresql] !   dialect: postgresql
[postgresql] [exit 1]

$ dbq tables

$ retort current

# Per step: the run stops at the last good revision, never half a migration.
$ printf '[retort]\nscript_location = "migrations"\nurl = "${DATABASE_URL}"\ntransaction_per_migration = true\n' > retort.toml

$ retort upgrade head
[sqlite] ! INFO  [retort] Running upgrade  -> r1, good one
[sqlite] ! INFO  [retort] Finished upgrade  -> r1, good one (<time>)
[sqlite] ! INFO  [retort] Running upgrade r1 -> r2, bad third statement
[sqlite] ! FAILED: upgrade r2 failed: Statement failed: no such table: missing_table. The database is at r1 (the last completed step).
[sqlite] !   revision: r2
[sqlite] !   file: $TMP/migrations/versions/r2_bad_third_statement.sql:9
[sqlite] !   statement: INSERT INTO missing_table VALUES (2)
[sqlite] !   code: SQLITE_ERROR
[sqlite] !   dialect: sqlite
[sqlite] [exit 1]
[postgresql] ! INFO  [retort] Running upgrade  -> r1, good one
[postgresql] ! INFO  [retort] Finished upgrade  -> r1, good one (<time>)
[postgresql] ! INFO  [retort] Running upgrade r1 -> r2, bad third statement
[postgresql] ! FAILED: upgrade r2 failed: Statement failed: relation "missing_table" does not exist. The database is at r1 (the last completed step).
[postgresql] !   revision: r2
[postgresql] !   file: $TMP/migrations/versions/r2_bad_third_statement.sql:9
[postgresql] !   statement: INSERT INTO missing_table VALUES (2)
[postgresql] !   code: 42P01
[postgresql] !   dialect: postgresql
[postgresql] [exit 1]

$ retort current
r1

$ dbq tables
one
retort_history
retort_version

# A statement that ends retort's transaction is refused before it runs.
$ cat > migrations/versions/r2_bad_third_statement.sql <<'EOF'
> -- commits by itself
> --
> -- Revision ID: r2
> -- Revises: r1
>
> -- migrate:upgrade
> CREATE TABLE two (x INTEGER);
> COMMIT;
> EOF

$ retort upgrade head
[sqlite] ! INFO  [retort] Running upgrade r1 -> r2, commits by itself
[sqlite] ! FAILED: upgrade r2 failed: Statement would end retort's transaction; remove BEGIN/COMMIT from the migration, or put it in a 'transaction:false' section. Nothing was changed: the database is still at r1.
[sqlite] !   revision: r2
[sqlite] !   file: $TMP/migrations/versions/r2_bad_third_statement.sql:8
[sqlite] !   statement: COMMIT
[sqlite] !   dialect: sqlite
[sqlite] [exit 1]
[postgresql] ! INFO  [retort] Running upgrade r1 -> r2, commits by itself
[postgresql] ! FAILED: upgrade r2 failed: Statement would end retort's transaction; remove BEGIN/COMMIT from the migration, or put it in a 'transaction:false' section. Nothing was changed: the database is still at r1.
[postgresql] !   revision: r2
[postgresql] !   file: $TMP/migrations/versions/r2_bad_third_statement.sql:8
[postgresql] !   statement: COMMIT
[postgresql] !   dialect: postgresql
[postgresql] [exit 1]

$ retort current
r1

# A downgrade through an irreversible migration stops before it starts.
$ cat > migrations/versions/r2_bad_third_statement.sql <<'EOF'
> -- no way back
> --
> -- Revision ID: r2
> -- Revises: r1
>
> -- migrate:upgrade
> CREATE TABLE two (x INTEGER);
> EOF

$ retort upgrade head
! INFO  [retort] Running upgrade r1 -> r2, no way back
! INFO  [retort] Finished upgrade r1 -> r2, no way back (<time>)

$ retort downgrade base
[sqlite] ! FAILED: Revision r2 (no way back) is irreversible: it has no '-- migrate:downgrade' section for sqlite; nothing was run
[sqlite] !   revision: r2
[sqlite] !   file: $TMP/migrations/versions/r2_bad_third_statement.sql
[sqlite] [exit 1]
[postgresql] ! FAILED: Revision r2 (no way back) is irreversible: it has no '-- migrate:downgrade' section for postgresql; nothing was run
[postgresql] !   revision: r2
[postgresql] !   file: $TMP/migrations/versions/r2_bad_third_statement.sql
[postgresql] [exit 1]

$ retort current
r2 (head)

