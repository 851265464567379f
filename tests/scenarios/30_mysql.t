# dialects: mysql
# MySQL and MariaDB (issue 18): routine bodies and triggers, a migration whose DDL committed before
# a later statement failed (reported exactly, and no further run until it is settled), data-only
# migrations that still roll back whole, offline scripts the mariadb client runs, the migrator
# lock naming its holder, and URL mistakes.
$ retort init migrations >/dev/null; printf 'migrator_wait = "1s"\n' >> retort.toml; printf -- '-- users\n--\n-- Revision ID: aaa111\n-- Revises: \n\n-- migrate:upgrade\nCREATE TABLE users (id INT PRIMARY KEY AUTO_INCREMENT, name VARCHAR(50) NOT NULL);\nCREATE PROCEDURE add_user(IN n VARCHAR(50))\nBEGIN\n  IF n IS NULL THEN\n    SET n = '"'"'anon'"'"';\n  END IF;\n  INSERT INTO users (name) VALUES (n);\nEND;\nCREATE TRIGGER users_bi BEFORE INSERT ON users FOR EACH ROW SET NEW.name = UPPER(NEW.name);\nCALL add_user(NULL);\n\n-- migrate:downgrade\nDROP TABLE users;\nDROP PROCEDURE add_user;\n' > migrations/versions/aaa111_users.sql; retort -q upgrade head; dbq "CALL add_user('bob')"; dbq "SELECT id, name FROM users ORDER BY id"
1|ANON
2|BOB

# Two ALTERs commit, the third fails: the message says so, the version table still says aaa111, and the ledger row says 2 statements ran.
$ printf -- '-- email\n--\n-- Revision ID: bbb222\n-- Revises: aaa111\n\n-- migrate:upgrade\nALTER TABLE users ADD COLUMN email VARCHAR(100);\nCREATE INDEX users_email ON users (email);\nALTER TABLE users ADD COLUMN age INT CHECK (agee > 0);\nALTER TABLE users ADD COLUMN city VARCHAR(50);\n\n-- migrate:downgrade\nALTER TABLE users DROP COLUMN email;\n' > migrations/versions/bbb222_email.sql; retort upgrade head; retort current; dbq columns users; dbq "SELECT revision, direction, outcome, statements_run FROM retort_history ORDER BY id"
aaa111
id
name
email
aaa111|upgrade|applied|4
bbb222|upgrade|failed|2
! INFO  [retort] Running upgrade aaa111 -> bbb222, email
! FAILED: upgrade bbb222 failed: Statement failed: Unknown column 'agee' in 'CHECK' (error 1054). MySQL commits each DDL statement, so the 2 statements before the failing one stay applied; the version table still says aaa111. Before running again: fix what failed and run the rest with `retort upgrade --resume`, undo what ran by hand and run `retort resolve`, or finish the migration by hand and `retort stamp` its revision.
!   revision: bbb222
!   file: $TMP/migrations/versions/bbb222_email.sql:9
!   statement: ALTER TABLE users ADD COLUMN age INT CHECK (agee > 0)
!   code: 42S22
!   dialect: mysql

# Nothing runs until that is settled: upgrade and downgrade refuse, naming the two ways out.
$ { retort upgrade head 2>&1; echo "exit $?"; } | sed -E "s/at [0-9T:.-]+Z/at <time>/"; { retort downgrade base 2>&1; echo "exit $?"; } | sed -E "s/at [0-9T:.-]+Z/at <time>/"
FAILED: upgrade bbb222 failed at <time> after 2 statements had run and committed (MySQL commits each DDL statement), so the database may be half-way through it; nothing was run. Settle it one of three ways: fix what failed and run the rest with `retort upgrade --resume`; undo what ran and run `retort resolve` (the version table says aaa111); or finish the migration by hand and run `retort stamp bbb222`
  revision: bbb222
exit 1
FAILED: upgrade bbb222 failed at <time> after 2 statements had run and committed (MySQL commits each DDL statement), so the database may be half-way through it; nothing was run. Settle it one of three ways: fix what failed and run the rest with `retort upgrade --resume`; undo what ran and run `retort resolve` (the version table says aaa111); or finish the migration by hand and run `retort stamp bbb222`
  revision: bbb222
exit 1

# verify reports the half-run migration; lint says it has no MySQL rules yet.
$ { retort verify; echo "exit $?"; } | sed -E "s/at [0-9T:.-]+Z/at <time>/"; retort lint
unrecorded: bbb222: its upgrade failed at <time> after 2 statement(s) had run and committed (MySQL commits each DDL statement), which stay applied; the version table was not changed. Settle it with `retort upgrade --resume`, `retort resolve` or `retort stamp`
exit 1
No findings in 2 revisions (mysql)

# The user undoes what ran by hand and records it; then the fixed migration runs.
$ dbq "DROP INDEX users_email ON users"; dbq "ALTER TABLE users DROP COLUMN email"; retort resolve; retort resolve; echo "exit $?"; sed -i 's/agee/age/' migrations/versions/bbb222_email.sql; retort -q upgrade head; retort current; dbq columns users
Resolved bbb222 (2 statements had run): recorded that the database is back at its version table's revision
exit 2
bbb222 (head)
id
name
email
age
city
! FAILED: Nothing to resolve: no migration of this database stopped half-way

# A data-only migration still runs in one transaction: its failing second INSERT takes the first one back.
$ printf -- '-- seed\n--\n-- Revision ID: ccc333\n-- Revises: bbb222\n\n-- migrate:upgrade\nINSERT INTO users (name) VALUES ('"'"'carol'"'"');\nINSERT INTO users (name) VALUES (NULL);\n\n-- migrate:downgrade\nDELETE FROM users WHERE name = '"'"'CAROL'"'"';\n' > migrations/versions/ccc333_seed.sql; retort upgrade head; dbq "SELECT count(*) FROM users WHERE name = 'CAROL'"
0
! INFO  [retort] Running upgrade bbb222 -> ccc333, seed
! FAILED: upgrade ccc333 failed: Statement failed: Column 'name' cannot be null (error 1048). Nothing was changed: the database is still at bbb222.
!   revision: ccc333
!   file: $TMP/migrations/versions/ccc333_seed.sql:8
!   statement: INSERT INTO users (name) VALUES (NULL)
!   code: 23000
!   dialect: mysql

# Offline: routine bodies between DELIMITER lines, which the mariadb client runs into a fresh database.
$ rm migrations/versions/ccc333_seed.sql; retort upgrade --sql head 2>/dev/null > up.sql; sed -n '/DELIMITER/,/DELIMITER ;/p' up.sql; S=$(echo "$DATABASE_URL" | sed 's/.*unix_socket=//'); mariadb --socket="$S" -uroot -e "DROP DATABASE IF EXISTS scenario_30_offline; CREATE DATABASE scenario_30_offline"; mariadb --socket="$S" -uroot scenario_30_offline < up.sql && mariadb --socket="$S" -uroot -N scenario_30_offline -e "CALL add_user('dan'); SELECT name FROM users; SELECT version_num FROM retort_version"
DELIMITER $$
CREATE PROCEDURE add_user(IN n VARCHAR(50))
BEGIN
  IF n IS NULL THEN
    SET n = 'anon';
  END IF;
  INSERT INTO users (name) VALUES (n);
END
$$
DELIMITER ;
ANON
DAN
bbb222

# Another session holds the migrator lock past migrator_wait: the message names it.
$ S=$(echo "$DATABASE_URL" | sed 's/.*unix_socket=//'); (mariadb --socket="$S" -uroot -N -e "SELECT GET_LOCK('retort:scenario_30_mysql.retort_version', 0); SELECT SLEEP(60)" > /dev/null 2>&1 &); while [ "$(dbq "SELECT IS_USED_LOCK('retort:scenario_30_mysql.retort_version') IS NOT NULL")" != 1 ]; do sleep 0.05; done; retort downgrade aaa111 2>&1 | sed -E 's/connection [0-9]+/connection <id>/; s/for [0-9]+ s/for <n> s/'; for id in $(dbq "SELECT id FROM information_schema.processlist WHERE info LIKE 'SELECT SLEEP(60)%'"); do dbq "KILL $id"; done; retort current
INFO  [retort] Waiting for another migrator (connection <id>, user 'root'@'localhost', for <n> s) holding the lock on scenario_30_mysql.retort_version (up to 1 s)
FAILED: Gave up after 1 s waiting for another migrator (connection <id>, user 'root'@'localhost', for <n> s) holding the lock on scenario_30_mysql.retort_version; nothing was changed
  dialect: mysql
bbb222 (head)

# URL mistakes; ssl_mode=REQUIRED is met by a Unix socket, which MySQL counts as a secure transport.
$ retort --url "mysql://root@/x?unix_socket=/nonexistent/sock" current; retort --url "mysql://root@/x?sslmode=require" current; retort --url "mysql://root@/x?ssl_mode=sometimes" current; retort --url "$DATABASE_URL&ssl_mode=REQUIRED" current 2>&1 | sed 's|unix_socket=[^ :]*|unix_socket=<sock>|'; retort --url "mariadb+pymysql://root@/nope?unix_socket=$(echo "$DATABASE_URL" | sed 's/.*unix_socket=//')" current 2>&1 | sed 's|unix_socket=[^ :]*|unix_socket=<sock>|'
bbb222 (head)
FAILED: Cannot connect to mariadb+pymysql://root@/nope?unix_socket=<sock>: Unknown database 'nope'
  dialect: mysql
! FAILED: Cannot connect to mysql://root@/x?unix_socket=/nonexistent/sock: Can't connect to local server through socket '/nonexistent/sock' (2)
!   dialect: mysql
! FAILED: Unknown parameter 'sslmode' in MySQL URL mysql://root@/x?sslmode=require; known: charset, connect_timeout, ssl_ca, ssl_cert, ssl_key, ssl_mode, ssl_verify_cert, ssl_verify_identity, unix_socket
!   dialect: mysql
! FAILED: Unknown ssl_mode 'sometimes' in MySQL URL mysql://root@/x?ssl_mode=sometimes; known: DISABLED, PREFERRED, REQUIRED, VERIFY_CA, VERIFY_IDENTITY
!   dialect: mysql

# A mysqldump's LOCK TABLES ... UNLOCK TABLES runs as written: the ledger's progress is recorded where the lock allows, and the step completes.
$ printf -- '-- notes\n--\n-- Revision ID: ddd444\n-- Revises: bbb222\n\n-- migrate:upgrade\nCREATE TABLE notes (id INT);\nLOCK TABLES notes WRITE;\nINSERT INTO notes VALUES (1);\nUNLOCK TABLES;\n\n-- migrate:downgrade\nDROP TABLE notes;\n' > migrations/versions/ddd444_notes.sql; retort -q upgrade head; echo "exit $?"; retort current; dbq "SELECT count(*) FROM notes"; dbq "SELECT revision, outcome, statements_run FROM retort_history WHERE revision = 'ddd444'"
exit 0
ddd444 (head)
1
ddd444|applied|4

# The third way out: upgrade --resume goes on from the first statement that did not stay. Run again unfixed, it fails where it failed; fixed, it runs the rest once.
$ printf -- '-- tags\n--\n-- Revision ID: eee555\n-- Revises: ddd444\n\n-- migrate:upgrade\nCREATE TABLE tags (id INT PRIMARY KEY);\nALTER TABLE tags ADD COLUMN label VARCHAR(20) CHECK (lable <> '"'"''"'"');\nINSERT INTO tags VALUES (1, '"'"'x'"'"');\n\n-- migrate:downgrade\nDROP TABLE tags;\n' > migrations/versions/eee555_tags.sql; retort -q upgrade head 2>/dev/null; retort -q upgrade --resume head 2>&1 | grep FAILED; sed -i 's/lable/label/' migrations/versions/eee555_tags.sql; retort upgrade --resume head; echo "exit $?"; retort current; dbq "SELECT id, label FROM tags"; dbq "SELECT revision, direction, outcome, statements_run FROM retort_history WHERE revision = 'eee555' ORDER BY id"; retort upgrade --resume head; echo "exit $?"; retort upgrade --resume --sql head; echo "exit $?"
FAILED: upgrade eee555 failed: Statement failed: Unknown column 'lable' in 'CHECK' (error 1054). This run resumed after statement 1; the 1 statement that ran before stays applied. It changed nothing more; the version table still says ddd444. Fix the failing statement and resume again.
exit 0
eee555 (head)
1|x
eee555|upgrade|failed|1
eee555|upgrade|failed|1
eee555|upgrade|applied|3
exit 2
exit 2
! INFO  [retort] Running upgrade ddd444 -> eee555, tags
! INFO  [retort] Resuming eee555 after statement 1: the statements before it ran and stayed in the run that stopped
! INFO  [retort] Finished upgrade ddd444 -> eee555, tags (<time>)
! FAILED: Nothing to resume: no migration of this database stopped half-way
! FAILED: --resume runs the rest of a migration on the database: it cannot be combined with --sql or --plan

# lock_timeout is MySQL's lock_wait_timeout: a migration waiting for a table another session holds gives up after it, naming the statement, and leaves nothing half-done.
$ printf 'lock_timeout = "1s"\n' >> retort.toml; printf -- '-- wide\n--\n-- Revision ID: fff666\n-- Revises: eee555\n\n-- migrate:upgrade\nALTER TABLE tags ADD COLUMN note TEXT;\n\n-- migrate:downgrade\nALTER TABLE tags DROP COLUMN note;\n' > migrations/versions/fff666_wide.sql; S=$(echo "$DATABASE_URL" | sed 's/.*unix_socket=//'); DB=$(echo "$DATABASE_URL" | sed 's|.*@/||; s|?.*||'); (mariadb --socket="$S" -uroot "$DB" -N -e "START TRANSACTION; SELECT count(*) FROM tags; SELECT SLEEP(60)" > /dev/null 2>&1 &); while [ "$(dbq "SELECT count(*) FROM information_schema.processlist WHERE info LIKE 'SELECT SLEEP(60)%'")" != 1 ]; do sleep 0.05; done; retort -q upgrade head 2>&1 | head -1; for id in $(dbq "SELECT id FROM information_schema.processlist WHERE info LIKE 'SELECT SLEEP(60)%'"); do dbq "KILL $id"; done; retort current; dbq "SELECT outcome, statements_run FROM retort_history WHERE revision = 'fff666'"; retort -q upgrade head; retort current
FAILED: upgrade fff666 failed: Statement failed: Lock wait timeout exceeded; try restarting transaction (error 1205). Nothing was changed: the version table still says eee555.
eee555
failed|0
fff666 (head)

