# Backups before a run (issue 14, item 5), SQLite: an online copy beside the database before the
# first step, none when nothing is pending, a retention count, and `retort restore`.
$ retort init migrations >/dev/null; printf 'backup = true\nbackup_keep = 2\n' >> retort.toml; printf -- '-- items\n--\n-- Revision ID: r1\n-- Revises:\n\n-- migrate:upgrade\nCREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT);\n-- migrate:downgrade\nDROP TABLE items;\n' > migrations/versions/r1_items.sql; retort upgrade head 2>&1 | sed -E 's/[0-9]{8}T[0-9.]+Z/<time>/; s/\([0-9.]+ ms\)/(<time>)/'; ls | sed -E 's/[0-9]{8}T[0-9.]+Z/<time>/'
INFO  [retort] Backed up app.db to app.db.<time>.base.bak (at base)
INFO  [retort] Running upgrade  -> r1, items
INFO  [retort] Finished upgrade  -> r1, items (<time>)
app.db
app.db.<time>.base.bak
app.db.retort-lock
migrations
retort.toml

# Nothing pending: no backup.
$ retort -q upgrade head; ls *.bak | wc -l
1

# A migration that loses rows outside a transaction and then fails: restore brings them back.
$ dbq "INSERT INTO items (name) VALUES ('ada'), ('grace'), ('alan')"; printf -- '-- prune\n--\n-- Revision ID: r2\n-- Revises: r1\n\n-- migrate:upgrade transaction:false\nDELETE FROM items;\nSELECT * FROM no_such_table;\n' > migrations/versions/r2_prune.sql; retort -q upgrade head 2>/dev/null; echo "exit $?"; dbq "SELECT count(*) FROM items"; ls *.bak | sed -E 's/[0-9]{8}T[0-9.]+Z/<time>/'
exit 1
0
app.db.<time>.base.bak
app.db.<time>.r1.bak

$ retort restore 2>&1 | sed -E 's/[0-9]{8}T[0-9.]+Z/<time>/'; dbq "SELECT name FROM items ORDER BY id"; retort current
INFO  [retort] Restored app.db from app.db.<time>.r1.bak: the database is at r1
ada
grace
alan
r1

# backup_keep = 2: the oldest goes. A named file can be restored; a missing one is an error.
$ sed -i 's/^SELECT \* FROM no_such_table;/SELECT 1;/' migrations/versions/r2_prune.sql; retort -q upgrade head; ls *.bak | sed -E 's/[0-9]{8}T[0-9.]+Z/<time>/'; retort restore "$(ls *.r1.bak | head -1)" 2>&1 | sed -E 's/[0-9]{8}T[0-9.]+Z/<time>/'; dbq "SELECT count(*) FROM items"
app.db.<time>.r1.bak
app.db.<time>.r1.bak
INFO  [retort] Restored app.db from app.db.<time>.r1.bak: the database is at r1
3

$ retort restore nope.bak
! FAILED: No such backup file: nope.bak
!   file: nope.bak
[exit 1]

$ rm *.bak; retort restore
! FAILED: No backup of app.db found (files named app.db.<time>.<revision>.bak beside it); name one
[exit 2]

# --backup for one run without backup = true in the config.
$ sed -i '/^backup/d' retort.toml; retort -q downgrade base; ls *.bak 2>/dev/null | wc -l; retort -q upgrade head --backup; ls *.bak | wc -l
0
1

