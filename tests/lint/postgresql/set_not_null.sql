-- set-not-null: without, then with a validated check
--
-- Revision ID: case
-- Revises: setup

-- migrate:upgrade
SET lock_timeout = '5s';
-- expect: set-not-null
ALTER TABLE users ALTER COLUMN name SET NOT NULL;
ALTER TABLE orders ADD CONSTRAINT ck_note CHECK (note IS NOT NULL) NOT VALID;
ALTER TABLE orders VALIDATE CONSTRAINT ck_note;
ALTER TABLE orders ALTER COLUMN note SET NOT NULL;
ALTER TABLE orders DROP CONSTRAINT ck_note;
