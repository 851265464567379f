-- drop-table: a table of the history; a table of this file is not
--
-- Revision ID: case
-- Revises: setup

-- migrate:upgrade
-- expect: drop-table
DROP TABLE tags;
CREATE TABLE scratch (id INTEGER PRIMARY KEY);
DROP TABLE scratch;
-- expect: drop-table
DROP TABLE IF EXISTS orders;
