# A C++ program that embeds the library and migrates its own database on boot.
$ retort init migrations >/dev/null

$ printf -- '-- one\n--\n-- Revision ID: r1\n-- Revises:\n\n-- migrate:upgrade\nCREATE TABLE one (x);\n\n-- migrate:downgrade\nDROP TABLE one;\n' > migrations/versions/r1.sql

$ "$EMBED_BIN" migrations device.db
applied 1 migration(s); now at r1

$ "$EMBED_BIN" migrations device.db
applied 0 migration(s); now at r1

$ sqlite3 device.db "SELECT version_num FROM retort_version"
r1

$ printf -- '-- two\n--\n-- Revision ID: r2\n-- Revises: r1\n\n-- migrate:upgrade\nCREATE TABLE two (x);\nnot sql;\n' > migrations/versions/r2.sql

$ "$EMBED_BIN" migrations device.db
! migration failed: upgrade r2 failed: Statement failed: near "not": syntax error. Nothing was changed: the database is still at r1.
!   revision: r2
!   file: $TMP/migrations/versions/r2.sql:8
!   statement: not sql
!   code: SQLITE_ERROR
!   dialect: sqlite
[exit 1]

$ sqlite3 device.db "SELECT version_num FROM retort_version"
r1

