-- add-not-null-column
--
-- Revision ID: case
-- Revises: setup

-- migrate:upgrade
SET lock_timeout = '5s';
-- expect: add-not-null-column
ALTER TABLE users ADD COLUMN age integer NOT NULL;
ALTER TABLE users ADD COLUMN rank integer NOT NULL DEFAULT 0;
CREATE TABLE invoices (id bigint PRIMARY KEY);
ALTER TABLE invoices ADD COLUMN code text NOT NULL;
