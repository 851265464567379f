-- lock-timeout: once per file, at the first ACCESS EXCLUSIVE lock
--
-- Revision ID: case
-- Revises: setup

-- migrate:upgrade
CREATE TABLE invoices (id bigint PRIMARY KEY);
ALTER TABLE invoices ADD COLUMN memo text;
-- expect: lock-timeout
ALTER TABLE orders ADD COLUMN memo text;
ALTER TABLE users ADD COLUMN memo text;
