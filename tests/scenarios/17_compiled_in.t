# A program with its migrations compiled in (examples/device, built with retort_add_migrations):
# run from an empty directory, it needs no file but its database.
$ "$DEVICE_BIN" app.db; ls
migrated 2 step(s); now at r2
app.db
app.db.retort-lock

$ "$DEVICE_BIN" app.db; sqlite3 app.db "SELECT version_num FROM retort_version"
migrated 0 step(s); now at r2
r2

# The borrowed connection: an in-memory database migrated, used, checked and downgraded on the
# program's own sqlite3* handle.
$ "$DEVICE_BIN" --memory
in memory: at r2, 0 difference(s) from the compiled-in schema
in memory: back at base, 0 revision(s)

# A database the migrations cannot run on: the program refuses to start, naming the compiled-in
# file, and the database stays at a consistent revision.
$ sqlite3 bad.db "CREATE TABLE reading (x)"; "$DEVICE_BIN" bad.db; sqlite3 bad.db "SELECT count(*) FROM sqlite_master WHERE name = 'retort_version'"
0
! device: cannot start, migrating the database failed (migration): upgrade r1 failed: Statement failed: table reading already exists. Nothing was changed: the database is still at base.
!   revision: r1
!   file: migrations/versions/r1_readings.sql (compiled into this program as 'migrations'):7
!   statement: CREATE TABLE reading (
!         id INTEGER PRIMARY KEY AUTOINCREMENT,
!         taken_at TEXT NOT NULL,
!         celsius REAL NOT NULL
!     )
!   code: SQLITE_ERROR
!   dialect: sqlite

$ "$DEVICE_BIN" app.db down; sqlite3 app.db "SELECT count(*) FROM sqlite_master WHERE name = 'reading'"
downgraded 2 step(s); now at base
0

# The same source from the command line, for builds without CMake: `retort embed`.
$ retort init migrations >/dev/null; printf -- '-- one\n--\n-- Revision ID: r1\n-- Revises:\n\n-- migrate:upgrade\nCREATE TABLE "quo""te" (x TEXT DEFAULT '"'"'a\\b?'"'"');\n-- migrate:downgrade\nDROP TABLE "quo""te";\n' > migrations/versions/r1.sql; retort embed -o embedded.cpp; grep -c 'register_embedded(set)' embedded.cpp
1

# A broken file or graph is refused naming the file, so a build that compiles them in fails.
$ printf -- '-- two\n--\n-- Revision ID: r2\n-- Revises: nowhere\n\n-- migrate:upgrade\nSELECT 1;\n' > migrations/versions/r2.sql; retort embed -o embedded.cpp
! FAILED: Revision nowhere referenced from r2 ($TMP/migrations/versions/r2.sql) is not present
!   file: $TMP/migrations/versions/r2.sql
[exit 1]

