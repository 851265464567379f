-- add-column-rewrite: defaults computed per row
--
-- Revision ID: case
-- Revises: setup

-- migrate:upgrade
SET lock_timeout = '5s';
-- expect: add-column-rewrite
ALTER TABLE orders ADD COLUMN token uuid DEFAULT gen_random_uuid();
-- expect: add-column-rewrite
ALTER TABLE orders ADD COLUMN seq bigserial;
-- expect: add-column-rewrite
ALTER TABLE orders ADD COLUMN n bigint GENERATED ALWAYS AS IDENTITY;
-- expect: add-column-rewrite
ALTER TABLE orders ADD COLUMN doubled numeric GENERATED ALWAYS AS (total * 2) STORED;
ALTER TABLE orders ADD COLUMN created_at timestamptz NOT NULL DEFAULT now();
ALTER TABLE orders ADD COLUMN flag boolean DEFAULT false;
