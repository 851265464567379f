-- non-constant-default: SQLite refuses it on a table with rows
--
-- Revision ID: case
-- Revises: setup

-- migrate:upgrade
-- expect: non-constant-default
ALTER TABLE users ADD COLUMN created_at TEXT DEFAULT CURRENT_TIMESTAMP;
-- expect: non-constant-default
ALTER TABLE orders
  ADD COLUMN placed_at TEXT NOT NULL DEFAULT (datetime('now'));
ALTER TABLE users ADD COLUMN status TEXT DEFAULT 'new';
ALTER TABLE users ADD COLUMN score INTEGER DEFAULT (-1);
