-- lock-timeout: the config's lock_timeout bounds the wait
--
-- Revision ID: case
-- Revises: setup

-- migrate:upgrade
-- lock_timeout: 5s
ALTER TABLE orders ADD COLUMN memo text;
TRUNCATE orders;
