# dialects: postgresql
# One history for SQLite in development and PostgreSQL in production (issue 13, first part):
# `init -t multidialect` declares both dialects, and `revision --autogenerate` fills each dialect's
# sections from its own comparison — the URL's dialect against its database, the other from the
# migrations replayed into a scratch database of its own (SQLite in memory, PostgreSQL dev_url).
$ retort init -t multidialect migrations >/dev/null; grep '^dialects' retort.toml; printf '[retort.postgresql]\ndev_url = "${DATABASE_URL}"\n' >> retort.toml; sed -i '0,/^# schema = /s/^# schema = .*/schema = ["schema.sql"]/' retort.toml
dialects = ["sqlite", "postgresql"]

$ printf 'CREATE TABLE account (id INTEGER PRIMARY KEY, email TEXT NOT NULL);\n' > schema.sql; retort --url sqlite:///dev.db revision --autogenerate -m "accounts" --rev-id r1 >/dev/null; retort --url sqlite:///dev.db -q upgrade head; retort -q upgrade head; retort --url sqlite:///dev.db check; retort check
No differences
No differences
! INFO  [retort] [sqlite] Detected + table account
! INFO  [retort] [postgresql] Detected + table account

# A change SQLite makes with a table rebuild: its PRAGMAs stay in the SQLite section, PostgreSQL
# gets its own ALTER TABLE.
$ sqlite3 dev.db "INSERT INTO account (email) VALUES ('ada@example.com')"; dbq "INSERT INTO account (id, email) VALUES (1, 'ada@example.com')"; printf 'CREATE TABLE account (id INTEGER PRIMARY KEY, email TEXT NOT NULL, active BOOLEAN NOT NULL DEFAULT TRUE, CHECK (length(email) > 3));\n' > schema.sql; retort --url sqlite:///dev.db -q revision --autogenerate -m "active accounts" --rev-id r2; sed -n '/dialect:postgresql/,$p' migrations/versions/r2_active_accounts.sql | grep -c -i pragma; sed -n '/dialect:sqlite/,/dialect:postgresql/p' migrations/versions/r2_active_accounts.sql | grep -c -i 'pragma foreign_key_check'
0
2

$ retort --url sqlite:///dev.db -q upgrade head; retort -q upgrade head; retort --url sqlite:///dev.db check; retort check; sqlite3 dev.db "SELECT email, active FROM account"; dbq "SELECT email, active FROM account"
No differences
No differences
ada@example.com|1
ada@example.com|t

# The same history grown from the PostgreSQL side: PostgreSQL against its database, SQLite replayed
# in memory.
$ printf 'CREATE TABLE account (id INTEGER PRIMARY KEY, email TEXT NOT NULL, active BOOLEAN NOT NULL DEFAULT TRUE, CHECK (length(email) > 3));\nCREATE INDEX account_email ON account (email);\n' > schema.sql; retort -q revision --autogenerate -m "email index" --rev-id r3; retort -q upgrade head; retort --url sqlite:///dev.db -q upgrade head; retort check; retort --url sqlite:///dev.db check
No differences
No differences

$ retort -q downgrade base; retort --url sqlite:///dev.db -q downgrade base; dbq "SELECT count(*) FROM pg_tables WHERE tablename = 'account'"; sqlite3 dev.db "SELECT count(*) FROM sqlite_master WHERE name = 'account'"
0
0

# Without a PostgreSQL database to replay into, autogenerate from SQLite refuses, naming dev_url,
# and writes nothing.
$ sed -i '/^\[retort.postgresql\]/,$d' retort.toml; retort --url sqlite:///dev.db -q upgrade head; retort --url sqlite:///dev.db -q revision --autogenerate -m "more" --rev-id r4; ls migrations/versions | grep -c r4
0
! FAILED: dialects declares postgresql, and autogenerate replays the migrations into a postgresql database to render its sections: set dev_url under [retort.postgresql] in the config
!   file: $TMP/retort.toml
[exit 1]

# A template with one section for every dialect cannot hold two dialects' SQL.
$ printf -- '-- {{message}}\n--\n-- Revision ID: {{rev}}\n-- Revises: {{revises}}\n\n-- migrate:upgrade\n{{upgrade}}\n-- migrate:downgrade\n{{downgrade}}\n' > migrations/script.sql.tmpl; printf '[retort.postgresql]\ndev_url = "${DATABASE_URL}"\n' >> retort.toml; retort --url sqlite:///dev.db -q revision --autogenerate -m "more" --rev-id r4; ls migrations/versions | grep -c r4
0
! FAILED: The revision template has a section for every dialect, and the project declares several (postgresql, sqlite): each needs its own `-- migrate:upgrade dialect:<name>` section (the multidialect template of `retort init -t multidialect` has them)
!   file: $TMP/migrations/script.sql.tmpl:7
[exit 1]
