-- drop-column
--
-- Revision ID: case
-- Revises: setup

-- migrate:upgrade
SET lock_timeout = '5s';
-- expect: drop-column
ALTER TABLE orders DROP COLUMN note;
-- lint:ignore drop-column
ALTER TABLE orders DROP COLUMN IF EXISTS total;
