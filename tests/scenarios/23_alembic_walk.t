# dialects: sqlite postgresql
# Issue 15: the revision graph as Alembic 1.8.1 walks it. A history converted from Alembic (files
# named so that they sort as Alembic listed them): one base, two branches that each add a column to
# the same table, later a merge. Independent branches run in Alembic's order (its topological walk
# over the files in file-name order), so the table gets its columns in the order Alembic gave them.
$ retort init migrations >/dev/null; printf -- '-- accounts\n--\n-- Revision ID: base01\n-- Revises: \n\n-- migrate:upgrade\nCREATE TABLE accounts (id INTEGER PRIMARY KEY);\n-- migrate:downgrade\nDROP TABLE accounts;\n' > migrations/versions/1_base01_accounts.sql; printf -- '-- phone\n--\n-- Revision ID: p1\n-- Revises: base01\n-- Branch Labels: phones\n\n-- migrate:upgrade\nALTER TABLE accounts ADD COLUMN phone TEXT;\n-- migrate:downgrade\nALTER TABLE accounts DROP COLUMN phone;\n' > migrations/versions/2_p1_phone.sql; printf -- '-- email\n--\n-- Revision ID: e1\n-- Revises: base01\n\n-- migrate:upgrade\nALTER TABLE accounts ADD COLUMN email TEXT;\n-- migrate:downgrade\nALTER TABLE accounts DROP COLUMN email;\n' > migrations/versions/3_e1_email.sql; retort upgrade heads 2>&1 | sed -E 's/ \([0-9.]+ m?s\)//'
INFO  [retort] Running upgrade  -> base01, accounts
INFO  [retort] Finished upgrade  -> base01, accounts
INFO  [retort] Running upgrade base01 -> e1, email
INFO  [retort] Finished upgrade base01 -> e1, email
INFO  [retort] Running upgrade base01 -> p1, phone
INFO  [retort] Finished upgrade base01 -> p1, phone

$ dbq columns accounts
id
email
phone

# Several current heads: +1 is ambiguous, as in Alembic; a branch label picks the line.
$ retort upgrade +1
! FAILED: Ambiguous upgrade from multiple current revisions (e1, p1); name a target or use '<branch>@+1'
[exit 1]

# A branch-scoped downgrade undoes that branch's revisions only.
$ retort downgrade phones@base01; retort current
e1 (head)
! INFO  [retort] Running downgrade p1 -> base01, phone
! INFO  [retort] Finished downgrade p1 -> base01, phone (<time>)

# label@+N from a revision off that branch: up from where the branch starts.
$ retort upgrade phones@+1; retort current
p1 (phones) (head)
e1 (head)
! INFO  [retort] Running upgrade base01 -> p1, phone
! INFO  [retort] Finished upgrade base01 -> p1, phone (<time>)

# With the merge, Alembic's walk runs the merge's first parent's line last: phone, then email.
$ retort -q downgrade base; printf -- '-- merge\n--\n-- Revision ID: m1\n-- Revises: e1, p1\n\n-- migrate:upgrade\n\n-- migrate:downgrade\n\n' > migrations/versions/4_m1_merge.sql; retort upgrade head 2>&1 | sed -E 's/ \([0-9.]+ m?s\)//'; dbq columns accounts
INFO  [retort] Running upgrade  -> base01, accounts
INFO  [retort] Finished upgrade  -> base01, accounts
INFO  [retort] Running upgrade base01 -> p1, phone
INFO  [retort] Finished upgrade base01 -> p1, phone
INFO  [retort] Running upgrade base01 -> e1, email
INFO  [retort] Finished upgrade base01 -> e1, email
INFO  [retort] Running upgrade e1, p1 -> m1, merge
INFO  [retort] Finished upgrade e1, p1 -> m1, merge
id
phone
email

$ retort history
e1, p1 -> m1 (phones) (head) (mergepoint), merge
base01 -> e1, email
base01 -> p1 (phones), phone
<base> -> base01 (branchpoint), accounts

# label@base:heads lists that branch from its base, with what it stands on.
$ retort history -r phones@base:heads
e1, p1 -> m1 (phones) (head) (mergepoint), merge
base01 -> e1, email
base01 -> p1 (phones), phone
<base> -> base01 (branchpoint), accounts

# A relative identifier anchored on a revision; one step below the merge is ambiguous.
$ retort downgrade m1-1
! FAILED: Ambiguous walk from m1: it merges e1, p1; name one of them instead
[exit 1]

# A range from a revision lists what descends from it.
$ retort history -r e1:
e1, p1 -> m1 (phones) (head) (mergepoint), merge
base01 -> e1, email

# A partial id matches only ids longer than three characters (Alembic's rule).
$ retort show e
! FAILED: Can't locate revision identified by 'e'; a partial id matches only ids longer than three characters (as in Alembic), and e1 is not
[exit 1]

