-- constraint-not-valid
--
-- Revision ID: case
-- Revises: setup

-- migrate:upgrade
SET lock_timeout = '5s';
-- expect: constraint-not-valid
ALTER TABLE orders ADD CONSTRAINT fk_orders_user FOREIGN KEY (user_id) REFERENCES users (id);
-- expect: constraint-not-valid
ALTER TABLE orders ADD CONSTRAINT ck_total CHECK (total >= 0);
ALTER TABLE orders ADD CONSTRAINT fk_orders_user2 FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;
ALTER TABLE orders VALIDATE CONSTRAINT fk_orders_user2;
