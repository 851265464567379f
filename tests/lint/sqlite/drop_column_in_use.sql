-- drop-column-in-use: an index, a view, a trigger
--
-- Revision ID: case
-- Revises: setup

-- migrate:upgrade
-- expect: drop-column-in-use, drop-column
ALTER TABLE users DROP COLUMN email;
-- expect: drop-column-in-use, drop-column
ALTER TABLE users DROP COLUMN name;
-- expect: drop-column-in-use, drop-column
ALTER TABLE orders DROP COLUMN note;
-- lint:ignore drop-column
ALTER TABLE users DROP COLUMN legacy;
