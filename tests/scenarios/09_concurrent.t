# dialects: sqlite postgresql mysql
# Eight migrators start `upgrade head` at once on one SQLite file with 50 migrations: all exit 0,
# every migration runs exactly once, in both transaction modes, and the ledger has exactly one row
# per step.
$ retort init migrations >/dev/null

$ prev=""; for i in $(seq -w 1 50); do printf -- "-- m$i\n--\n-- Revision ID: r$i\n-- Revises: $prev\n\n-- migrate:upgrade\nCREATE TABLE IF NOT EXISTS log (n TEXT);\nINSERT INTO log VALUES ('r$i');\n" > migrations/versions/r$i.sql; prev=r$i; done

$ for p in 1 2 3 4 5 6 7 8; do (retort -q upgrade head; echo "exit $?") > out$p 2>&1 & done; wait; cat out*
exit 0
exit 0
exit 0
exit 0
exit 0
exit 0
exit 0
exit 0

$ dbq "SELECT count(*), count(DISTINCT n) FROM log"; dbq "SELECT version_num FROM retort_version"; dbq "SELECT count(*), count(DISTINCT revision) FROM retort_history"
50|50
r50
50|50

$ dbq "DROP TABLE log"; dbq "DROP TABLE retort_version"; dbq "DROP TABLE retort_history"; printf '[retort]\nscript_location = "migrations"\nurl = "${DATABASE_URL}"\ntransaction_per_migration = true\n' > retort.toml

$ for p in 1 2 3 4 5 6 7 8; do (retort -q upgrade head; echo "exit $?") > out$p 2>&1 & done; wait; cat out*
exit 0
exit 0
exit 0
exit 0
exit 0
exit 0
exit 0
exit 0

$ dbq "SELECT count(*), count(DISTINCT n) FROM log"; dbq "SELECT version_num FROM retort_version"; dbq "SELECT count(*), count(DISTINCT revision) FROM retort_history"
50|50
r50
50|50

