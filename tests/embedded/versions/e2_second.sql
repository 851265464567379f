-- second
--
-- Revision ID: e2
-- Revises: e1

-- migrate:upgrade
CREATE TABLE two (id INTEGER PRIMARY KEY);

-- migrate:downgrade
DROP TABLE two;
