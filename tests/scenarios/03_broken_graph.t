# dialects: sqlite postgresql
# A broken graph exits 1 naming the files, and the database is not touched.
$ retort init migrations >/dev/null

$ printf -- '-- one\n--\n-- Revision ID: r1\n-- Revises:\n\n-- migrate:upgrade\nCREATE TABLE one (x INTEGER);\n' > migrations/versions/r1.sql

$ retort upgrade head 2>/dev/null

$ printf -- '-- two\n--\n-- Revision ID: r2\n-- Revises: r9\n\n-- migrate:upgrade\nCREATE TABLE two (x INTEGER);\n' > migrations/versions/r2.sql

$ retort upgrade head
! FAILED: Revision r9 referenced from r2 ($TMP/migrations/versions/r2.sql) is not present
!   file: $TMP/migrations/versions/r2.sql
[exit 1]

$ retort history
! FAILED: Revision r9 referenced from r2 ($TMP/migrations/versions/r2.sql) is not present
!   file: $TMP/migrations/versions/r2.sql
[exit 1]

$ dbq "SELECT version_num FROM retort_version"
r1

$ dbq tables
one
retort_history
retort_version

$ printf -- '-- two\n--\n-- Revision ID: r1\n-- Revises:\n\n-- migrate:upgrade\nSELECT 1;\n' > migrations/versions/r2.sql

$ retort heads
! FAILED: Revision r1 is present more than once: $TMP/migrations/versions/r1.sql and $TMP/migrations/versions/r2.sql
!   file: $TMP/migrations/versions/r2.sql
[exit 1]

$ printf -- '-- two\n--\n-- Revision ID: r2\n-- Revises: r3\n\n-- migrate:upgrade\nSELECT 1;\n' > migrations/versions/r2.sql

$ printf -- '-- three\n--\n-- Revision ID: r3\n-- Revises: r2\n\n-- migrate:upgrade\nSELECT 1;\n' > migrations/versions/r3.sql

$ retort heads
! FAILED: Cycle is detected in revisions (r2, r3); files: $TMP/migrations/versions/r2.sql, $TMP/migrations/versions/r3.sql
!   file: $TMP/migrations/versions/r2.sql
[exit 1]

$ rm migrations/versions/r3.sql

$ printf -- '-- two\n--\n-- Revision ID: r-2\n-- Revises: r1\n\n-- migrate:upgrade\nSELECT 1;\n' > migrations/versions/r2.sql

$ retort heads
! FAILED: Character(s) '-' not allowed in revision identifier 'r-2' ($TMP/migrations/versions/r2.sql); use letters, digits and '_'
!   file: $TMP/migrations/versions/r2.sql
[exit 1]

$ printf -- '-- two\n--\n-- Revison ID: r2\n-- Revises: r1\n\n-- migrate:upgrade\nSELECT 1;\n' > migrations/versions/r2.sql

$ retort heads
! FAILED: Unknown header key in 'Revison ID: r2' (did you mean 'Revision ID'?); known keys: Revision ID, Revises, Create Date, Branch Labels, Depends On
!   file: $TMP/migrations/versions/r2.sql:3
[exit 1]

$ printf -- '-- two\n--\n-- Revision ID: r2\n-- Revises: r1\n-- Branch Labels: lbl\n\n-- migrate:upgrade\nSELECT 1;\n' > migrations/versions/r2.sql

$ printf -- '-- three\n--\n-- Revision ID: r3\n-- Revises: r1\n-- Branch Labels: lbl\n\n-- migrate:upgrade\nSELECT 1;\n' > migrations/versions/r3.sql

$ retort heads
! FAILED: Branch name 'lbl' in revision r3 ($TMP/migrations/versions/r3.sql) already used by revision r2 ($TMP/migrations/versions/r2.sql)
!   file: $TMP/migrations/versions/r3.sql
[exit 1]

$ dbq "SELECT version_num FROM retort_version"
r1

