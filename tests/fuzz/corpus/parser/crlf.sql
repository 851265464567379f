-- bom
--
-- Revision ID: x
-- Revises:

-- migrate:upgrade
SELECT 1;
