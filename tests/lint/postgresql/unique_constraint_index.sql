-- unique-constraint-index
--
-- Revision ID: case
-- Revises: setup

-- migrate:upgrade
SET lock_timeout = '5s';
-- expect: unique-constraint-index
ALTER TABLE users ADD CONSTRAINT uq_users_email UNIQUE (email);
-- expect: unique-constraint-index
ALTER TABLE users ADD COLUMN handle text UNIQUE;
ALTER TABLE users ADD CONSTRAINT uq_users_name UNIQUE USING INDEX ix_users_name;
