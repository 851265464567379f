-- statements that must stay silent
--
-- Revision ID: case
-- Revises: setup

-- migrate:upgrade
CREATE INDEX ix_users_email ON users (email);
ALTER TABLE users ADD COLUMN nickname VARCHAR(20), ALGORITHM=INSTANT;
ALTER TABLE users MODIFY COLUMN name VARCHAR(100) NOT NULL, LOCK=NONE;
CREATE TABLE notes (id INT PRIMARY KEY, body TEXT);
ALTER TABLE notes MODIFY COLUMN body MEDIUMTEXT;

-- migrate:upgrade
INSERT INTO notes VALUES (1, 'x');

-- migrate:downgrade
DROP TABLE notes;
