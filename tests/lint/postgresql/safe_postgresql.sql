-- What must stay silent: the safe way to do each of the above
--
-- Revision ID: case
-- Revises: setup

-- migrate:upgrade
SET lock_timeout = '5s';
CREATE TABLE invoices (id bigint PRIMARY KEY, order_id bigint NOT NULL REFERENCES orders (id), total numeric NOT NULL);
CREATE INDEX ix_invoices_order ON invoices (order_id);
ALTER TABLE orders ADD COLUMN memo text;
ALTER TABLE orders ADD COLUMN priority integer NOT NULL DEFAULT 0;
ALTER TABLE orders ADD COLUMN placed_at timestamptz DEFAULT now();
ALTER TABLE orders ADD CONSTRAINT fk_orders_user FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;
ALTER TABLE orders VALIDATE CONSTRAINT fk_orders_user;
ALTER TABLE orders ALTER COLUMN memo SET DEFAULT '';
UPDATE orders SET memo = '' WHERE memo IS NULL;
INSERT INTO users (email) VALUES ('drop table users');
COMMENT ON COLUMN orders.memo IS 'free text';
-- migrate:upgrade transaction:false
CREATE INDEX CONCURRENTLY ix_orders_user ON orders (user_id);
CREATE UNIQUE INDEX CONCURRENTLY ix_users_email ON users (email);
