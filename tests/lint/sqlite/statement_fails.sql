-- statement-fails: what SQLite refuses on the schema the history builds
--
-- Revision ID: case
-- Revises: setup

-- migrate:upgrade
-- expect: statement-fails
ALTER TABLE users ADD COLUMN id2 INTEGER PRIMARY KEY;
-- expect: statement-fails
INSERT INTO no_such_table VALUES (1);
-- expect: statement-fails
CREATE INDEX ix_users_phone ON users (phone);
