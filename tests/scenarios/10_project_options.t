# Templates, -x values, per-dialect sections, recursive version locations, edit, ensure-version.
$ retort init -t multidialect migrations >/dev/null

$ printf -- '-- {{message}} by {{x.author}}\n--\n-- Revision ID: {{rev}}\n-- Revises: {{revises}}\n\n-- migrate:upgrade dialect:sqlite\nCREATE TABLE t_sqlite (x);\n-- migrate:upgrade dialect:postgresql\nCREATE TABLE t_pg (x);\n-- migrate:downgrade\nDROP TABLE t_sqlite;\n' > migrations/script.sql.tmpl

$ retort -x author=ada revision -m "first" --rev-id r1 >/dev/null && head -1 migrations/versions/r1_first.sql
-- first by ada

$ retort upgrade head
! INFO  [retort] Running upgrade  -> r1, first by ada
! INFO  [retort] Finished upgrade  -> r1, first by ada (<time>)

$ sqlite3 app.db "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
retort_history
retort_version
t_sqlite

$ retort downgrade base
! INFO  [retort] Running downgrade r1 -> , first by ada
! INFO  [retort] Finished downgrade r1 -> , first by ada (<time>)

$ printf -- '-- {{nope}}\n' > migrations/script.sql.tmpl

$ retort revision -m "broken template"
! FAILED: Unknown template token '{{nope}}'; known: message, rev, revises, create_date, branch_labels, depends_on, upgrade, downgrade, x.<key>
!   file: $TMP/migrations/script.sql.tmpl:1
[exit 1]

$ ls migrations/versions
r1_first.sql

$ printf '[retort]\nscript_location = "migrations"\nurl = "sqlite:///app.db"\nrecursive_version_locations = true\nfile_template = "{year}/{rev}_{slug}"\n' > retort.toml

$ rm migrations/script.sql.tmpl

$ retort revision -m "In a Sub-Folder, with a long message that gets cut" --rev-id r2 | sed 's|versions/[0-9]\{4\}/|versions/YYYY/|'
Generating $TMP/migrations/versions/YYYY/r2_in_a_sub_folder_with_a_long_message_.sql ...  done

$ retort heads
r2 (head)

$ EDITOR=cat retort edit r2 | head -3
-- In a Sub-Folder, with a long message that gets cut
--
-- Revision ID: r2

$ retort edit nope
! FAILED: Can't locate revision identified by 'nope'
[exit 1]

$ retort ensure-version

$ sqlite3 app.db "SELECT name FROM sqlite_master WHERE type = 'table'"
retort_version
retort_history

$ retort upgrade head
! INFO  [retort] Running upgrade  -> r1, first by ada
! INFO  [retort] Finished upgrade  -> r1, first by ada (<time>)
! INFO  [retort] Running upgrade r1 -> r2, In a Sub-Folder, with a long message that gets cut
! INFO  [retort] Finished upgrade r1 -> r2, In a Sub-Folder, with a long message that gets cut (<time>)

$ retort history -r -1:current
r1 -> r2 (head), In a Sub-Folder, with a long message that gets cut
<base> -> r1, first by ada

$ retort history -r base:r1
<base> -> r1, first by ada

$ retort history -r r2:r1
! FAILED: Requested range r2:r1 does not refer to ancestor/descendant revisions along the same branch
[exit 1]

$ retort current --check-heads
r2 (head)

$ retort downgrade -1
! INFO  [retort] Running downgrade r2 -> r1, In a Sub-Folder, with a long message that gets cut
! INFO  [retort] Finished downgrade r2 -> r1, In a Sub-Folder, with a long message that gets cut (<time>)

$ retort current --check-heads
! FAILED: Database is not on all head revisions
[exit 1]

# A migrator waits for another process's write lock, says so, and gives up after migrator_wait.
$ printf 'migrator_wait = "200ms"\n' >> retort.toml

$ (printf 'BEGIN IMMEDIATE;\n.shell touch locked\n.shell sleep 3\nCOMMIT;\n' | sqlite3 app.db &) ; while [ ! -f locked ]; do sleep 0.05; done; retort upgrade head
! INFO  [retort] Waiting for another process's write lock on $DATABASE_URL (up to 200 ms)
! FAILED: Another process kept the write lock on $DATABASE_URL for longer than migrator_wait (200 ms); nothing was changed: database is locked
!   code: SQLITE_BUSY
!   dialect: sqlite
[exit 1]

$ sleep 3; retort upgrade head
! INFO  [retort] Running upgrade r1 -> r2, In a Sub-Folder, with a long message that gets cut
! INFO  [retort] Finished upgrade r1 -> r2, In a Sub-Folder, with a long message that gets cut (<time>)

# The migrator lock file: a second migrator waits for the first, says so, and gives up after migrator_wait.
$ (flock app.db.retort-lock -c 'touch flocked; sleep 3' &) ; while [ ! -f flocked ]; do sleep 0.05; done; retort downgrade -1 2>&1 | sed 's/process [0-9]*/process <pid>/'
INFO  [retort] Waiting for another migrator (process <pid>) holding app.db.retort-lock (up to 200 ms)
FAILED: Gave up after 200 ms waiting for another migrator (process <pid>) holding app.db.retort-lock; nothing was changed
  dialect: sqlite

$ sleep 3; retort downgrade -1
! INFO  [retort] Running downgrade r2 -> r1, In a Sub-Folder, with a long message that gets cut
! INFO  [retort] Finished downgrade r2 -> r1, In a Sub-Folder, with a long message that gets cut (<time>)

