-- rename: a column and a table
--
-- Revision ID: case
-- Revises: setup

-- migrate:upgrade
-- expect: rename
ALTER TABLE orders RENAME COLUMN total TO amount;
-- expect: rename
ALTER TABLE tags RENAME TO labels;
CREATE TABLE draft (id INTEGER PRIMARY KEY);
ALTER TABLE draft RENAME TO final;
