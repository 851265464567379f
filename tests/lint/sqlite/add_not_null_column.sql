-- add-not-null-column: fails on a table with rows
--
-- Revision ID: case
-- Revises: setup

-- migrate:upgrade
-- expect: add-not-null-column
ALTER TABLE users ADD COLUMN age INTEGER NOT NULL;
ALTER TABLE users ADD COLUMN rank INTEGER NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN slug TEXT NOT NULL GENERATED ALWAYS AS (lower(name)) VIRTUAL;
CREATE TABLE fresh (id INTEGER PRIMARY KEY);
ALTER TABLE fresh ADD COLUMN code TEXT NOT NULL;
