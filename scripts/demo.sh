#!/usr/bin/env bash
# Creates a demo project with a branch and a merge, upgrades an SQLite file to head and shows it.
set -euo pipefail
retort="$1"
dir="$2"
rm -rf "$dir"
mkdir -p "$dir"
cd "$dir"
run() { echo "\$ retort $(printf "%q " "$@")"; "$retort" "$@"; echo; }

run init migrations
run revision -m "create users" --rev-id aaa111
cat > migrations/versions/aaa111_create_users.sql <<'SQL'
-- create users
--
-- Revision ID: aaa111
-- Revises:
-- Create Date: 2026-11-22 10:00:00.000000

-- migrate:upgrade
CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
INSERT INTO users (name) VALUES ('ada'), ('grace');

-- migrate:downgrade
DROP TABLE users;
SQL
run revision -m "add email column" --rev-id bbb222
cat > migrations/versions/bbb222_add_email_column.sql <<'SQL'
-- add email column
--
-- Revision ID: bbb222
-- Revises: aaa111
-- Create Date: 2026-11-22 10:01:00.000000

-- migrate:upgrade
ALTER TABLE users ADD COLUMN email VARCHAR(255);

-- migrate:downgrade
ALTER TABLE users DROP COLUMN email;
SQL
run revision -m "create orders" --rev-id ccc333 --head aaa111 --splice
cat > migrations/versions/ccc333_create_orders.sql <<'SQL'
-- create orders
--
-- Revision ID: ccc333
-- Revises: aaa111
-- Create Date: 2026-11-22 10:02:00.000000

-- migrate:upgrade
CREATE TABLE orders (id INTEGER PRIMARY KEY, user_id INTEGER NOT NULL REFERENCES users (id), total NUMERIC);
CREATE INDEX ix_orders_user ON orders (user_id);

-- migrate:downgrade
DROP TABLE orders;
SQL
run heads
run merge -m "merge users and orders" --rev-id ddd444 heads
run upgrade head
run history
run current
echo "Tables in app.db:"
sqlite3 app.db ".tables"
