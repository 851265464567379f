-- set-not-null: PostgreSQL 11 scans even with the check
--
-- Revision ID: case
-- Revises: setup

-- migrate:upgrade
-- server-version: 11
SET lock_timeout = '5s';
ALTER TABLE orders ADD CONSTRAINT ck_note CHECK (note IS NOT NULL) NOT VALID;
ALTER TABLE orders VALIDATE CONSTRAINT ck_note;
-- expect: set-not-null
ALTER TABLE orders ALTER COLUMN note SET NOT NULL;
