-- rebuild-referenced-table: orders references users; no foreign_key_check after the rebuild
--
-- Revision ID: case
-- Revises: setup

-- migrate:upgrade
DROP VIEW user_names;
CREATE TABLE users_new (id INTEGER PRIMARY KEY, email TEXT NOT NULL, name TEXT);
INSERT INTO users_new (id, email, name) SELECT id, email, name FROM users WHERE email <> '';
-- expect: rebuild-referenced-table
DROP TABLE users;
ALTER TABLE users_new RENAME TO users;
CREATE INDEX ix_users_email ON users (email);
