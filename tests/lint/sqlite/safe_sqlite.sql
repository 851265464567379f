-- What must stay silent: new tables, nullable and constant columns, data, a rebuild done as SQLite documents it
--
-- Revision ID: case
-- Revises: setup

-- migrate:upgrade
CREATE TABLE invoices (id INTEGER PRIMARY KEY, order_id INTEGER REFERENCES orders (id), total INTEGER NOT NULL);
CREATE INDEX ix_invoices_order ON invoices (order_id);
ALTER TABLE users ADD COLUMN phone TEXT;
ALTER TABLE users ADD COLUMN active INTEGER NOT NULL DEFAULT 1;
ALTER TABLE users ADD COLUMN ratio REAL DEFAULT -0.5;
UPDATE users SET phone = '' WHERE phone IS NULL;
INSERT INTO tags (label) VALUES ('drop table users');
DROP VIEW user_names;
CREATE TABLE _users_rebuild (id INTEGER PRIMARY KEY, email TEXT NOT NULL, name TEXT, phone TEXT, active INTEGER NOT NULL DEFAULT 1);
INSERT INTO _users_rebuild (id, email, name, phone, active) SELECT id, email, name, phone, active FROM users;
DROP TABLE users;
ALTER TABLE _users_rebuild RENAME TO users;
CREATE INDEX ix_users_email ON users (email);
CREATE VIEW user_names AS SELECT id, name FROM users;
PRAGMA foreign_key_check;
