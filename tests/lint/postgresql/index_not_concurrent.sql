-- index-not-concurrent
--
-- Revision ID: case
-- Revises: setup

-- migrate:upgrade
SET lock_timeout = '5s';
-- expect: index-not-concurrent
CREATE INDEX ix_orders_user ON orders (user_id);
-- expect: index-not-concurrent
CREATE UNIQUE INDEX ix_users_email ON public.users (lower(email));
CREATE TABLE invoices (id bigint PRIMARY KEY, order_id bigint);
CREATE INDEX ix_invoices_order ON invoices (order_id);
-- expect: index-not-concurrent
DROP INDEX ix_orders_old;
DROP INDEX ix_invoices_order;
-- migrate:upgrade transaction:false
DROP INDEX CONCURRENTLY ix_orders_older;
