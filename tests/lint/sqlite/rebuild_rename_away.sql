-- rebuild-referenced-table: renaming a referenced table away repoints orders at users_old
--
-- Revision ID: case
-- Revises: setup

-- migrate:upgrade
-- expect: rebuild-referenced-table
ALTER TABLE users RENAME TO users_old;
CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL);
INSERT INTO users (id, email) SELECT id, email FROM users_old;
DROP TABLE users_old;
