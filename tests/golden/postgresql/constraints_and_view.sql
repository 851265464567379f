-- upgrade
ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email);
ALTER TABLE users ADD CONSTRAINT ck_name CHECK (length(name) > 0);
CREATE VIEW named_users AS SELECT id, name FROM users;
-- downgrade
DROP VIEW named_users;
ALTER TABLE users DROP CONSTRAINT ck_name;
ALTER TABLE users DROP CONSTRAINT users_email_key;
