-- unknown-rule: an ignore comment naming no rule
--
-- Revision ID: case
-- Revises: setup

-- migrate:upgrade
-- lint:ignore alter-table-copy
ALTER TABLE users MODIFY COLUMN name VARCHAR(300) NOT NULL;
-- expect: unknown-rule
-- lint:ignore alter-tabel-copy
CREATE INDEX ix_name ON users (name);

-- migrate:downgrade
DROP INDEX ix_name ON users;
