-- upgrade
-- Rebuilds table users (SQLite's ALTER TABLE cannot make this change)
-- WARNING: drops column(s) name and their data
CREATE TABLE _retort_new_users (
    id INTEGER NOT NULL,
    email VARCHAR(200) NOT NULL,
    active INTEGER NOT NULL DEFAULT 1,
    CONSTRAINT users_pkey PRIMARY KEY (id)
);
INSERT INTO _retort_new_users (id, email) SELECT id, email FROM users;
DROP TABLE users;
PRAGMA legacy_alter_table = ON;
ALTER TABLE _retort_new_users RENAME TO users;
PRAGMA legacy_alter_table = OFF;
-- Fails the migration if the rebuild left a dangling reference
PRAGMA foreign_key_check;
-- downgrade
CREATE TABLE _retort_new_users (
    id INTEGER NOT NULL,
    name TEXT NOT NULL,
    email VARCHAR(100),
    CONSTRAINT users_pkey PRIMARY KEY (id)
);
INSERT INTO _retort_new_users (id, email) SELECT id, email FROM users;
DROP TABLE users;
PRAGMA legacy_alter_table = ON;
ALTER TABLE _retort_new_users RENAME TO users;
PRAGMA legacy_alter_table = OFF;
PRAGMA foreign_key_check;
