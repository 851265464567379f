-- drop-table
--
-- Revision ID: case
-- Revises: setup

-- migrate:upgrade
SET lock_timeout = '5s';
-- expect: drop-table
DROP TABLE orders;
-- expect: drop-table, drop-table
DROP TABLE IF EXISTS public.users, old_stuff CASCADE;
CREATE TABLE scratch (id int);
DROP TABLE scratch;
