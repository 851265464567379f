# dialects: sqlite
# CLI conveniences (issue 16): did-you-mean for commands and options, usage errors as JSON under
# --json, shell completion and the man page generated from the option definitions, --help with
# examples, exit codes and environment, `show` with the SQL, runs that change nothing say so.
$ retort upgrad head
! FAILED: The following arguments were not expected: head upgrad
! Did you mean 'upgrade'?
! Run 'retort --help' for usage.
[exit 2]

$ retort --json upgrad
{
  "error": {
    "kind": "usage",
    "message": "The following argument was not expected: upgrad"
  }
}
! FAILED: The following argument was not expected: upgrad
! Did you mean 'upgrade'?
! Run 'retort --help' for usage.
[exit 2]

$ retort upgrade --sqll head
! FAILED: The following argument was not expected: --sqll
! Did you mean '--sql'?
! Run 'retort --help' for usage.
[exit 2]

$ retort schema dumpp
! FAILED: A subcommand is required
! Did you mean 'dump'?
! Run 'retort --help' for usage.
[exit 2]

$ retort --help | tail -12
  retort upgrade head                    apply every pending migration
  retort downgrade -1                    undo exactly one
  retort upgrade --sql base:head         print the SQL instead of running it
  retort revision --autogenerate -m "x"  write the SQL from the difference to the schema files
  retort graph | dot -Tsvg > graph.svg   a picture of the revision graph

Exit codes: 0 success; 1 error (a bad file or graph, a failed migration, a database error);
2 bad usage; 3 `check` found differences.

Environment: RETORT_CONFIG (the config file when -c is not given), DATABASE_URL (read by the
generated retort.toml), EDITOR (for `edit`).
Shell completion: retort completion bash|zsh|fish. Documentation: `man retort`, README.md, docs/.

# Completion scripts: bash's completes a command and an option.
$ retort completion bash > completion.bash; bash -n completion.bash && echo ok; bash -c '. ./completion.bash; COMP_WORDS=(retort upg); COMP_CWORD=1; _retort; echo "${COMPREPLY[@]}"; COMP_WORDS=(retort upgrade --s); COMP_CWORD=2; _retort; echo "${COMPREPLY[@]}"'
ok
upgrade
--sql

$ retort completion zsh > completion.zsh; zsh -n completion.zsh && zsh -c 'autoload -U compinit && compinit -u -D; . ./completion.zsh; COMP_WORDS=(retort upgrade --s); COMP_CWORD=2; emulate sh -c _retort; printf "%s\\n" "${COMPREPLY[@]}"' | grep -x -e --sql -e --plan
--sql
--plan

$ retort completion fish > completion.fish; fish -n completion.fish && fish -c 'source completion.fish; complete -C "retort upg"; complete -C "retort upgrade --s"; complete -C "retort stam"'
upgrade	Upgrade to a later version.
--sql	Print the SQL instead of running it
stamp	'stamp' the revision table with the given revision; don't run any migrations.

$ retort completion tcsh
! FAILED: No completion for shell 'tcsh'; known: bash, zsh, fish
[exit 2]

# The man page: roff, one section per command.
$ retort man | grep -e '^\.SH' -e '^\.SS upgrade'
.SH NAME
.SH SYNOPSIS
.SH DESCRIPTION
.SH GLOBAL OPTIONS
.SH COMMANDS
.SS upgrade revision
.SH EXAMPLES
.SH EXIT STATUS
.SH ENVIRONMENT
.SH SEE ALSO

$ retort init migrations >/dev/null; printf -- '-- users\n--\n-- Revision ID: aaa111\n-- Revises:\n\n-- migrate:upgrade\nCREATE TABLE users (id INTEGER PRIMARY KEY);\n\n-- migrate:downgrade\nDROP TABLE users;\n' > migrations/versions/aaa111_users.sql; retort show aaa111 | sed 's/Create Date: .*/Create Date: <date>/'
Rev: aaa111 (head)
Parent: <base>
Path: $TMP/migrations/versions/aaa111_users.sql

    users

    Revision ID: aaa111
    Revises:

-- migrate:upgrade
CREATE TABLE users (id INTEGER PRIMARY KEY);

-- migrate:downgrade
DROP TABLE users;

$ retort -q upgrade head; retort upgrade head; retort downgrade base; retort downgrade base
! INFO  [retort] Nothing to do: the database is already at aaa111
! INFO  [retort] Running downgrade aaa111 -> , users
! INFO  [retort] Finished downgrade aaa111 -> , users (<time>)
! INFO  [retort] Nothing to do: the database is already at base

# Autogenerate against a database behind head names where it is.
$ sed -i 's/^# schema = /schema = /' retort.toml; echo 'CREATE TABLE users (id INTEGER PRIMARY KEY);' > schema.sql; retort revision --autogenerate -m x
! FAILED: Target database is not up to date: it is at base, the head is aaa111; run 'retort upgrade heads' first
[exit 1]

# check against a database behind head says so.
$ retort check
Differences between $DATABASE_URL and the desired schema:
  + table users
hint: the database is at base, not at head (aaa111): run 'retort upgrade heads' and check again, or 'retort check --migrations' to check the files alone
[exit 3]

# Progress: a line when a step starts, its duration when it ends; -v adds each statement.
$ retort -q upgrade head; retort -q downgrade base; retort upgrade head -v 2>&1 | sed -E 's/\([0-9.]+ m?s\)/(<time>)/'
INFO  [retort] Running upgrade  -> aaa111, users
INFO  [retort]   aaa111 line 7: CREATE TABLE users (id INTEGER PRIMARY KEY) (<time>)
INFO  [retort] Finished upgrade  -> aaa111, users (<time>)

# --log-format json: one event per line on stderr, for log pipelines.
$ retort --log-format json downgrade base 2>&1 | grep -o -e '"event":"[a-z_]*"' -e '"kind":"[a-z]*"' -e '"revision":"[a-z0-9]*"'
"event":"step_started"
"kind":"downgrade"
"revision":"aaa111"
"event":"statement"
"revision":"aaa111"
"event":"step_finished"
"kind":"downgrade"
"revision":"aaa111"

$ retort --log-format xml current
! FAILED: --log-format: xml not in {text,json}
! Run 'retort --help' for usage.
[exit 2]

