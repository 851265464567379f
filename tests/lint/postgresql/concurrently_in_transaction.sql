-- concurrently-in-transaction
--
-- Revision ID: case
-- Revises: setup

-- migrate:upgrade
-- expect: concurrently-in-transaction
CREATE INDEX CONCURRENTLY ix_orders_total ON orders (total);
-- expect: concurrently-in-transaction
DROP INDEX CONCURRENTLY ix_old;
-- expect: concurrently-in-transaction
REINDEX (CONCURRENTLY) INDEX ix_orders_total;
-- migrate:upgrade transaction:false
CREATE INDEX CONCURRENTLY ix_orders_note ON orders (note);
-- migrate:upgrade
-- expect: concurrently-in-transaction
VACUUM orders;
ANALYZE orders;
-- expect: concurrently-in-transaction
CREATE DATABASE reports;
