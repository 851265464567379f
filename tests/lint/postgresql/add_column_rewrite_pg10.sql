-- add-column-rewrite: before PostgreSQL 11 any default rewrites
--
-- Revision ID: case
-- Revises: setup

-- migrate:upgrade
-- server-version: 10.23
SET lock_timeout = '5s';
-- expect: add-column-rewrite
ALTER TABLE orders ADD COLUMN flag boolean DEFAULT false;
ALTER TABLE orders ADD COLUMN memo text DEFAULT NULL;
