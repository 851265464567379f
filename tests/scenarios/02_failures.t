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
! INFO  [retort] Running upgrade  -> r1, good one (<time>)
! FAILED: upgrade r2 failed: Statement failed: no such table: missing_table. Nothing was changed: the database is still at base.
!   revision: r2
!   file: $TMP/migrations/versions/r2_bad_third_statement.sql:9
!   statement: INSERT INTO missing_table VALUES (2);
!   code: SQLITE_ERROR
!   dialect: sqlite
[exit 1]

$ sqlite3 app.db "SELECT name FROM sqlite_master ORDER BY name"

$ retort current

$ printf '[retort]\nscript_location = "migrations"\nurl = "sqlite:///app.db"\ntransaction_per_migration = true\n' > retort.toml

$ retort upgrade head
! INFO  [retort] Running upgrade  -> r1, good one (<time>)
! FAILED: upgrade r2 failed: Statement failed: no such table: missing_table. The database is at r1 (the last completed step).
!   revision: r2
!   file: $TMP/migrations/versions/r2_bad_third_statement.sql:9
!   statement: INSERT INTO missing_table VALUES (2);
!   code: SQLITE_ERROR
!   dialect: sqlite
[exit 1]

$ retort current
r1

$ sqlite3 app.db "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
one
retort_version

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
! FAILED: upgrade r2 failed: Statement would end retort's transaction; remove BEGIN/COMMIT from the migration, or put it in a 'transaction:false' section. Nothing was changed: the database is still at r1.
!   revision: r2
!   file: $TMP/migrations/versions/r2_bad_third_statement.sql:8
!   statement: COMMIT;
!   dialect: sqlite
[exit 1]

$ retort current
r1

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
! INFO  [retort] Running upgrade r1 -> r2, no way back (<time>)

$ retort downgrade base
! FAILED: Revision r2 (no way back) is irreversible: it has no '-- migrate:downgrade' section for sqlite; nothing was run
!   revision: r2
!   file: $TMP/migrations/versions/r2_bad_third_statement.sql
[exit 1]

$ retort current
r2 (head)

