-- data-with-ddl: row changes that a block's DDL commits one by one
--
-- Revision ID: case
-- Revises: setup

-- migrate:upgrade
ALTER TABLE users ADD COLUMN status VARCHAR(10);
-- expect: data-with-ddl
UPDATE users SET status = 'active';
DELETE FROM orders WHERE user_id IS NULL;

-- migrate:upgrade
INSERT INTO orders (id, user_id, total) VALUES (1, 1, 0);
UPDATE orders SET total = 1;

-- migrate:downgrade
ALTER TABLE users DROP COLUMN status;
