-- rename
--
-- Revision ID: case
-- Revises: setup

-- migrate:upgrade
SET lock_timeout = '5s';
-- expect: rename
ALTER TABLE orders RENAME COLUMN note TO memo;
-- expect: rename
ALTER TABLE orders RENAME TO purchases;
CREATE TABLE draft (id int);
ALTER TABLE draft RENAME TO final;
ALTER TABLE final RENAME COLUMN id TO final_id;
