# dialects: sqlite
# Fleets (issue 17): one command over many SQLite files. A broken file, one at a revision no file
# defines and one locked by another migrator fail, each reported exactly; every other target is
# migrated; the failed ones are written to a file that --targets takes for a retry. --canary and
# --fail-fast stop a rollout, leaving the targets not started untouched.
$ retort init migrations >/dev/null; printf 'migrator_wait = "1s"\n' >> retort.toml; printf -- '-- users\n--\n-- Revision ID: aaa111\n-- Revises: \n\n-- migrate:upgrade\nCREATE TABLE users (id INTEGER PRIMARY KEY);\n-- migrate:downgrade\nDROP TABLE users;\n' > migrations/versions/aaa111_users.sql; printf -- '-- email\n--\n-- Revision ID: bbb222\n-- Revises: aaa111\n\n-- migrate:upgrade\nALTER TABLE users ADD COLUMN email TEXT;\n-- migrate:downgrade\nALTER TABLE users DROP COLUMN email;\n' > migrations/versions/bbb222_email.sql; printf 'import json, os, re, sys\nd = json.load(sys.stdin)\nfor t in d["targets"]:\n    e = t["error"]\n    m = re.sub(r"process [0-9]+", "process N", e["message"].replace(os.getcwd(), "$TMP")) if e else ""\n    print(os.path.basename(t["target"]), t["state"], t["before"], t["after"], len(t["steps"]), e["kind"] + ": " + m if e else "")\nprint(d["done"], "done", d["failed"], "failed", d["skipped"], "skipped")\n' > show.py; mkdir devices; for d in a b c d e f; do touch devices/$d.db; done; retort -q --url sqlite:///devices/b.db upgrade aaa111; printf 'not a database, not a database, not a database, not a database, not a database, not a database' > devices/c.db; sqlite3 devices/d.db "CREATE TABLE retort_version (version_num VARCHAR(255) NOT NULL PRIMARY KEY); INSERT INTO retort_version VALUES ('zzz999')"; (flock devices/e.db.retort-lock sleep 4 &); sleep 0.2; retort --json fleet upgrade --targets-glob 'devices/*.db' -j 3 2>/dev/null | python3 show.py
a.db done [] ['bbb222'] 2 
b.db done ['aaa111'] ['bbb222'] 1 
c.db failed None None 0 database: sqlite:///$TMP/devices/c.db is not an SQLite database: file is not a database
  code: SQLITE_NOTADB
  dialect: sqlite
d.db failed None None 0 plan: The database is at revision 'zzz999', which no migration file defines; restore the file or fix the version table with 'retort stamp --purge'
  revision: zzz999
e.db failed [] [] 0 lock: Gave up after 1 s waiting for another migrator (process N) holding $TMP/devices/e.db.retort-lock; nothing was changed
  dialect: sqlite
f.db done [] ['bbb222'] 2 
3 done 3 failed 0 skipped

$ grep -v "^#" retort-fleet-failed.txt | sed "s|$PWD|\$TMP|"; retort --url sqlite:///devices/a.db current; sqlite3 devices/c.db .tables 2>&1 | head -1
sqlite:///$TMP/devices/c.db
sqlite:///$TMP/devices/d.db
sqlite:///$TMP/devices/e.db
bbb222 (head)
Error: file is not a database

# The lock is gone now: a retry from the file migrates that one, and names the two still broken.
$ sleep 4; retort --json fleet upgrade --targets retort-fleet-failed.txt 2>/dev/null | python3 show.py
c.db failed None None 0 database: sqlite:///$TMP/devices/c.db is not an SQLite database: file is not a database
  code: SQLITE_NOTADB
  dialect: sqlite
d.db failed None None 0 plan: The database is at revision 'zzz999', which no migration file defines; restore the file or fix the version table with 'retort stamp --purge'
  revision: zzz999
e.db done [] ['bbb222'] 2 
1 done 2 failed 0 skipped

# status over the same files lists what each has pending.
$ retort --url sqlite:///devices/f.db -q downgrade aaa111; retort --json fleet status --targets-glob 'devices/[abf].db' 2>/dev/null | python3 -c 'import json,sys; [print(t["target"][-4:], t["after"], t["pending"]) for t in json.load(sys.stdin)["targets"]]'
a.db ['aaa111', 'bbb222'] []
b.db ['aaa111', 'bbb222'] []
f.db ['aaa111'] ['bbb222']

# A canary that fails stops the rollout before any other target starts. A targets file takes
# comments, blank lines and ${VAR}.
$ for d in g h i; do touch devices/$d.db; done; printf 'sqlite:///devices/c.db\nsqlite:///devices/g.db\n# a comment\n\nsqlite:///devices/${DEVICE_H}\nsqlite:///devices/i.db\n' > canary.txt; DEVICE_H=h.db retort --json fleet upgrade --targets canary.txt --canary 1 -j 2 2>/dev/null | python3 show.py; retort --url sqlite:///devices/g.db current
c.db failed None None 0 database: sqlite:///devices/c.db is not an SQLite database: file is not a database
  code: SQLITE_NOTADB
  dialect: sqlite
g.db skipped None None 0 
h.db skipped None None 0 
i.db skipped None None 0 
0 done 1 failed 3 skipped

# --fail-fast: after the first failure no other target starts. In a log, one line per target
# finished; on stdout the report.
$ DEVICE_H=h.db retort fleet upgrade --targets canary.txt --fail-fast 2>&1 | sed -e 's/ *[0-9]* ms / N ms /' -e 's/in [0-9.]* s$/in N s/'
FAILED sqlite:///devices/c.db: sqlite:///devices/c.db is not an SQLite database: file is not a database
target                  before         after          steps     time  result
sqlite:///devices/c.db  ?              ?                  0 N ms  FAILED: sqlite:///devices/c.db is not an SQLite database: file is not a database
sqlite:///devices/g.db  -              -                  -        -  skipped
sqlite:///devices/h.db  -              -                  -        -  skipped
sqlite:///devices/i.db  -              -                  -        -  skipped
4 targets: 0 done, 1 failed, 3 skipped in N s
Failed and skipped targets written to retort-fleet-failed.txt: retry with --targets retort-fleet-failed.txt

# Without the canary every good target is migrated; the exit code still says one failed.
$ DEVICE_H=h.db retort fleet upgrade --targets canary.txt -j 2 > /dev/null 2>&1; echo "exit $?"; retort --url sqlite:///devices/i.db current
exit 1
bbb222 (head)

# A targets file with a variable that is not set fails before anything runs.
$ retort fleet upgrade --targets canary.txt
! FAILED: Environment variable DEVICE_H is not set (used in 'canary.txt'); set it or write ${DEVICE_H:-default}
!   file: canary.txt:5
[exit 1]

$ retort fleet upgrade
! FAILED: fleet needs one of --targets FILE, --targets-glob PATTERN or --targets-query URL SQL
[exit 2]

# Interrupted (SIGTERM, or Ctrl-C on a terminal) while the first target runs a long statement: that target is cancelled before its next statement and rolled back, no other target starts, the report and the failed-targets file are still written, and the exit code is 130.
$ mkdir slow && cd slow && retort init migrations >/dev/null && printf -- '-- slow\n--\n-- Revision ID: sss111\n-- Revises: \n\n-- migrate:upgrade\nCREATE TABLE t (id INTEGER PRIMARY KEY);\nWITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 3000000) SELECT count(*) FROM c;\nCREATE TABLE u (id INTEGER PRIMARY KEY);\n-- migrate:downgrade\nDROP TABLE u;\nDROP TABLE t;\n' > migrations/versions/sss111_slow.sql && mkdir db && touch db/1.db db/2.db db/3.db && { retort --json fleet upgrade --targets-glob 'db/*.db' > report.json 2> err.txt & pid=$!; while [ ! -e db/1.db.retort-lock ]; do sleep 0.02; done; kill -TERM $pid; wait $pid; echo "exit $?"; }; python3 ../show.py < report.json; grep Interrupted err.txt; sqlite3 db/1.db .tables; grep -vc "^#" retort-fleet-failed.txt
exit 130
1.db failed [] [] 0 cancelled: upgrade sss111 failed: Cancelled by the caller. Nothing was changed: the database is still at base.
  revision: sss111
  file: $TMP/migrations/versions/sss111_slow.sql
2.db skipped None None 0 
3.db skipped None None 0 
0 done 1 failed 2 skipped
Interrupted: the running targets are cancelled and roll back, no other target starts (interrupt again to quit at once)
3

# The retry from the failed-targets file migrates them all.
$ cd slow && retort --json fleet upgrade --targets retort-fleet-failed.txt 2>/dev/null | python3 ../show.py; sqlite3 db/1.db .tables
1.db done [] ['sss111'] 1 
2.db done [] ['sss111'] 1 
3.db done [] ['sss111'] 1 
3 done 0 failed 0 skipped
retort_history  retort_version  t               u             

