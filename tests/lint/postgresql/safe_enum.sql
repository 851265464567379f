-- enum labels added in a block of their own, then used
--
-- Revision ID: case
-- Revises: setup

-- migrate:upgrade
SET lock_timeout = '5s';
-- migrate:upgrade transaction:false
ALTER TYPE mood ADD VALUE 'happy';
-- migrate:upgrade
UPDATE orders SET feeling = 'happy' WHERE total > 100;
