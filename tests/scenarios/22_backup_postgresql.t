# dialects: postgresql
# Backups before a run (issue 14, item 5), PostgreSQL: backup_command runs before the first step
# (with RETORT_URL and RETORT_REVISION), and its failure stops the run.
$ retort init migrations >/dev/null; printf -- '-- items\n--\n-- Revision ID: r1\n-- Revises:\n\n-- migrate:upgrade\nCREATE TABLE items (id serial PRIMARY KEY, name text);\n-- migrate:downgrade\nDROP TABLE items;\n' > migrations/versions/r1_items.sql; printf 'backup = true\n' >> retort.toml; retort upgrade head; retort current
! FAILED: backup is on, and postgresql has no built-in backup: set backup_command (for example a pg_dump) in the config; nothing was run
!   file: $TMP/retort.toml

$ printf 'backup_command = "pg_dump --schema-only -d \\"$RETORT_URL\\" > dump-$RETORT_REVISION.sql"\n' >> retort.toml; retort upgrade head; head -3 dump-base.sql | grep -c 'PostgreSQL database dump'; retort current
1
r1 (head)
! INFO  [retort] Backed up with backup_command (database at base)
! INFO  [retort] Running upgrade  -> r1, items
! INFO  [retort] Finished upgrade  -> r1, items (<time>)

# Nothing pending: the command does not run.
$ rm dump-base.sql; retort -q upgrade head; ls dump-*.sql 2>/dev/null | wc -l
0

$ printf -- '-- more\n--\n-- Revision ID: r2\n-- Revises: r1\n\n-- migrate:upgrade\nALTER TABLE items ADD COLUMN note text;\n' > migrations/versions/r2_more.sql; sed -i 's/^backup_command = .*/backup_command = "exit 3"/' retort.toml; retort upgrade head; retort current
r1
! FAILED: backup_command failed (exit 3), so nothing was run; the database is still at r1
!   statement: exit 3

$ retort restore
! FAILED: restore puts back SQLite backups; on postgresql restore what backup_command made with its own tool (pg_restore for a pg_dump)
[exit 2]

