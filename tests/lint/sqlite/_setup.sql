-- The schema every SQLite case starts from
--
-- Revision ID: setup
-- Revises:

-- migrate:upgrade
CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL, name TEXT, nickname TEXT, legacy TEXT);
CREATE TABLE orders (id INTEGER PRIMARY KEY, user_id INTEGER NOT NULL REFERENCES users (id), total INTEGER, note TEXT);
CREATE TABLE tags (id INTEGER PRIMARY KEY, label TEXT);
CREATE INDEX ix_users_email ON users (email);
CREATE VIEW user_names AS SELECT id, name FROM users;
CREATE TRIGGER orders_note AFTER UPDATE ON orders BEGIN UPDATE tags SET label = NEW.note WHERE id = NEW.id; END;
