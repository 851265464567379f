-- syntax-error: PostgreSQL's parser rejects it
--
-- Revision ID: case
-- Revises: setup

-- migrate:upgrade
-- expect: syntax-error
CREAT INDEX ix ON orders (user_id);
-- expect: syntax-error
SELECT FROM WHERE;
