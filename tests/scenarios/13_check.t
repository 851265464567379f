# check compares the desired schema (schema files, loaded into a scratch database and reflected)
# with the live database, or with what the migrations produce; exit 3 on differences.
$ retort init migrations >/dev/null

$ printf '[retort]\nscript_location = "migrations"\nurl = "sqlite:///app.db"\nschema = ["schema.sql"]\n' > retort.toml

$ cat > schema.sql <<'EOF'
> CREATE TABLE users (id INTEGER PRIMARY KEY, full_name TEXT NOT NULL, email VARCHAR(200) UNIQUE,
>                     age INTEGER CONSTRAINT ck_age CHECK (age >= 0));
> CREATE TABLE orders (id INTEGER PRIMARY KEY,
>                      user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
>                      total NUMERIC DEFAULT 0);
> CREATE INDEX ix_orders_user ON orders (user_id) WHERE total > 0;
> CREATE INDEX ix_users_email ON users (lower(email));
> CREATE VIEW big_orders AS SELECT * FROM orders WHERE total > 100;
> EOF

$ cat > migrations/versions/r1.sql <<'EOF'
> -- users
> --
> -- Revision ID: r1
> -- Revises:
>
> -- migrate:upgrade
> CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL, email VARCHAR(100), age INTEGER);
> CREATE TABLE legacy (x INTEGER);
>
> -- migrate:downgrade
> DROP TABLE legacy;
> DROP TABLE users;
> EOF

$ retort check
Differences between $DATABASE_URL and the desired schema:
  + table users
  + table orders
  + index ix_orders_user on orders (user_id) WHERE total > 0
  + index ix_users_email on users ((lower(email)))
  + view big_orders
hint: the database is at base, not at head (r1): run 'retort upgrade heads' and check again, or 'retort check --migrations' to check the files alone
[exit 3]

$ retort -q upgrade head; retort check
Differences between $DATABASE_URL and the desired schema:
  + table orders
  - column users.name text NOT NULL
  ~ column users.email: varchar(100) -> varchar(200)
  + column users.full_name text NOT NULL
  + unique on users (email)
  + check ck_age on users (age >= 0)
  - table legacy
  + index ix_orders_user on orders (user_id) WHERE total > 0
  + index ix_users_email on users ((lower(email)))
  + view big_orders
hint: column users.name dropped and users.full_name added with the same type: a rename? (ALTER TABLE users RENAME COLUMN name TO full_name)
[exit 3]

$ retort check --migrations
Differences between the migrations and the desired schema:
  + table orders
  - column users.name text NOT NULL
  ~ column users.email: varchar(100) -> varchar(200)
  + column users.full_name text NOT NULL
  + unique on users (email)
  + check ck_age on users (age >= 0)
  - table legacy
  + index ix_orders_user on orders (user_id) WHERE total > 0
  + index ix_users_email on users ((lower(email)))
  + view big_orders
hint: column users.name dropped and users.full_name added with the same type: a rename? (ALTER TABLE users RENAME COLUMN name TO full_name)
[exit 3]

$ retort --json check --migrations | head -4
{
  "compared": "the migrations",
  "differences": [
    "+ table orders",

$ cat > migrations/versions/r2.sql <<'EOF'
> -- to the desired schema
> --
> -- Revision ID: r2
> -- Revises: r1
>
> -- migrate:upgrade
> DROP TABLE legacy;
> ALTER TABLE users RENAME COLUMN name TO full_name;
> CREATE TABLE users_new (id INTEGER PRIMARY KEY, full_name TEXT NOT NULL, email VARCHAR(200) UNIQUE,
>                         age INTEGER CONSTRAINT ck_age CHECK (age >= 0));
> INSERT INTO users_new SELECT id, full_name, email, age FROM users;
> DROP TABLE users;
> ALTER TABLE users_new RENAME TO users;
> CREATE TABLE orders (id INTEGER PRIMARY KEY, user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
>                      total NUMERIC DEFAULT 0);
> CREATE INDEX ix_orders_user ON orders(user_id) WHERE total>0;
> CREATE INDEX ix_users_email ON users(LOWER(email));
> CREATE VIEW big_orders AS SELECT * FROM orders WHERE total > 100;
> EOF

$ retort check --migrations
No differences

$ retort check
Differences between $DATABASE_URL and the desired schema:
  + table orders
  - column users.name text NOT NULL
  ~ column users.email: varchar(100) -> varchar(200)
  + column users.full_name text NOT NULL
  + unique on users (email)
  + check ck_age on users (age >= 0)
  - table legacy
  + index ix_orders_user on orders (user_id) WHERE total > 0
  + index ix_users_email on users ((lower(email)))
  + view big_orders
hint: column users.name dropped and users.full_name added with the same type: a rename? (ALTER TABLE users RENAME COLUMN name TO full_name)
hint: the database is at r1, not at head (r2): run 'retort upgrade heads' and check again, or 'retort check --migrations' to check the files alone
[exit 3]

$ retort -q upgrade head; retort check
No differences

# A desired schema that does not load is an error naming the file.
$ echo "CREATE TABLE broken (" > schema.sql; retort check
! FAILED: The desired schema does not load: Statement failed: incomplete input
!   file: $TMP/schema.sql:1
!   statement: CREATE TABLE broken (
!   code: SQLITE_ERROR
!   dialect: sqlite
[exit 1]

$ printf '[retort]\nscript_location = "migrations"\nurl = "sqlite:///app.db"\n' > retort.toml; retort check
! FAILED: No desired schema: set schema = ["schema.sql"] in the config
!   file: $TMP/retort.toml
[exit 1]

# revision --autogenerate writes both sections from the difference; after the upgrade, check finds
# nothing, and the downgrade brings the old schema back with the rows.
$ printf '[retort]\nscript_location = "migrations"\nurl = "sqlite:///app.db"\nschema = ["schema.sql"]\n' > retort.toml

$ cat > schema.sql <<'EOF'
> CREATE TABLE users (id INTEGER PRIMARY KEY, full_name TEXT NOT NULL, email VARCHAR(200) UNIQUE,
>                     age INTEGER CONSTRAINT ck_age CHECK (age >= 0), country TEXT DEFAULT 'NZ');
> CREATE TABLE orders (id INTEGER PRIMARY KEY,
>                      user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
>                      total NUMERIC NOT NULL DEFAULT 0);
> CREATE INDEX ix_orders_user ON orders (user_id) WHERE total > 0;
> CREATE INDEX ix_users_email ON users (lower(email));
> CREATE TABLE tags (id INTEGER PRIMARY KEY, label TEXT NOT NULL UNIQUE);
> EOF

$ dbq "INSERT INTO users (id, full_name, email, age) VALUES (1, 'ada', 'ada@example.org', 36)"

$ retort revision --autogenerate -m "grow" --rev-id r3
Generating $TMP/migrations/versions/r3_grow.sql ...  done
! INFO  [retort] Detected - view big_orders
! INFO  [retort] Detected + table tags
! INFO  [retort] Detected ~ column orders.total: numeric DEFAULT 0 -> numeric NOT NULL DEFAULT 0
! INFO  [retort] Detected + column users.country text DEFAULT 'NZ'

$ sed -n '/^-- migrate:upgrade/,$p' migrations/versions/r3_grow.sql
-- migrate:upgrade
DROP VIEW big_orders;
CREATE TABLE tags (
    id INTEGER NOT NULL,
    label TEXT NOT NULL,
    PRIMARY KEY (id),
    UNIQUE (label)
);
-- Rebuilds table orders (SQLite's ALTER TABLE cannot make this change)
CREATE TABLE _retort_new_orders (
    id INTEGER NOT NULL,
    user_id INTEGER NOT NULL,
    total NUMERIC NOT NULL DEFAULT 0,
    PRIMARY KEY (id),
    FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
);
INSERT INTO _retort_new_orders (id, user_id, total) SELECT id, user_id, total FROM orders;
DROP TABLE orders;
PRAGMA legacy_alter_table = ON;
ALTER TABLE _retort_new_orders RENAME TO orders;
PRAGMA legacy_alter_table = OFF;
CREATE INDEX ix_orders_user ON orders (user_id) WHERE total > 0;
ALTER TABLE users ADD COLUMN country TEXT DEFAULT 'NZ';
-- Fails the migration if the rebuild left a dangling reference
PRAGMA foreign_key_check;

-- migrate:downgrade
-- WARNING: drops column users.country and its data
ALTER TABLE users DROP COLUMN country;
-- Rebuilds table orders (SQLite's ALTER TABLE cannot make this change)
CREATE TABLE _retort_new_orders (
    id INTEGER NOT NULL,
    user_id INTEGER NOT NULL,
    total NUMERIC DEFAULT 0,
    PRIMARY KEY (id),
    FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
);
INSERT INTO _retort_new_orders (id, user_id, total) SELECT id, user_id, total FROM orders;
DROP TABLE orders;
PRAGMA legacy_alter_table = ON;
ALTER TABLE _retort_new_orders RENAME TO orders;
PRAGMA legacy_alter_table = OFF;
CREATE INDEX ix_orders_user ON orders (user_id) WHERE total > 0;
-- WARNING: drops table tags and its data
DROP TABLE tags;
CREATE VIEW big_orders AS SELECT * FROM orders WHERE total > 100;
-- Fails the migration if the rebuild left a dangling reference
PRAGMA foreign_key_check;

$ retort upgrade head; retort check
No differences
! INFO  [retort] Running upgrade r2 -> r3, grow
! INFO  [retort] Finished upgrade r2 -> r3, grow (<time>)

$ retort downgrade -1; retort check | head -2; dbq "SELECT id, full_name FROM users"
Differences between $DATABASE_URL and the desired schema:
  - view big_orders
1|ada
! INFO  [retort] Running downgrade r3 -> r2, grow
! INFO  [retort] Finished downgrade r3 -> r2, grow (<time>)

$ retort revision --autogenerate -m "not at head"
! FAILED: Target database is not up to date: it is at r2, the head is r3; run 'retort upgrade heads' first
[exit 1]

