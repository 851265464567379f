-- column-type-rewrite
--
-- Revision ID: case
-- Revises: setup

-- migrate:upgrade
SET lock_timeout = '5s';
-- expect: column-type-rewrite
ALTER TABLE orders ALTER COLUMN user_id TYPE integer;
-- expect: column-type-rewrite
ALTER TABLE orders ALTER COLUMN note TYPE text;
-- expect: column-type-rewrite
ALTER TABLE orders ALTER COLUMN note TYPE varchar(200);
-- expect: column-type-rewrite
ALTER TABLE orders ALTER COLUMN total TYPE bigint USING round(total)::bigint;
