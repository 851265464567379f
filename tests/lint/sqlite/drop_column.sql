-- drop-column and lint:ignore
--
-- Revision ID: case
-- Revises: setup

-- migrate:upgrade
-- expect: drop-column
ALTER TABLE users DROP legacy;
-- lint:ignore drop-column
ALTER TABLE users DROP COLUMN nickname;
-- lint:ignore rename, drop-table
DROP TABLE tags;
