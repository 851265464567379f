-- add users
--
-- Revision ID: a1
-- Revises: b2, c3
-- Branch Labels: core
-- Depends On: d4

-- migrate:upgrade transaction:false
CREATE TABLE u (x);
-- migrate:upgrade dialect:postgresql
SELECT 1;
-- migrate:downgrade
DROP TABLE u;
