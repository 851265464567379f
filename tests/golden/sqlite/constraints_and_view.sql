-- upgrade
-- Rebuilds table users (SQLite's ALTER TABLE cannot make this change)
CREATE TABLE _retort_new_users (
    id INTEGER NOT NULL,
    name TEXT NOT NULL,
    email VARCHAR(100),
    CONSTRAINT users_pkey PRIMARY KEY (id),
    CONSTRAINT users_email_key UNIQUE (email),
    CONSTRAINT ck_name CHECK (length(name) > 0)
);
INSERT INTO _retort_new_users (id, name, email) SELECT id, name, email FROM users;
DROP TABLE users;
PRAGMA legacy_alter_table = ON;
ALTER TABLE _retort_new_users RENAME TO users;
PRAGMA legacy_alter_table = OFF;
CREATE VIEW named_users AS SELECT id, name FROM users;
-- Fails the migration if the rebuild left a dangling reference
PRAGMA foreign_key_check;
-- downgrade
DROP VIEW named_users;
CREATE TABLE _retort_new_users (
    id INTEGER NOT NULL,
    name TEXT NOT NULL,
    email VARCHAR(100),
    CONSTRAINT users_pkey PRIMARY KEY (id)
);
INSERT INTO _retort_new_users (id, name, email) SELECT id, name, email FROM users;
DROP TABLE users;
PRAGMA legacy_alter_table = ON;
ALTER TABLE _retort_new_users RENAME TO users;
PRAGMA legacy_alter_table = OFF;
PRAGMA foreign_key_check;
