-- upgrade
-- WARNING: drops column users.name and its data
ALTER TABLE users DROP COLUMN name;
ALTER TABLE users ALTER COLUMN email TYPE varchar(200) USING email::varchar(200);
ALTER TABLE users ALTER COLUMN email SET NOT NULL;
ALTER TABLE users ADD COLUMN active integer DEFAULT 1 NOT NULL;
-- downgrade
ALTER TABLE users DROP COLUMN active;
ALTER TABLE users ALTER COLUMN email TYPE varchar(100) USING email::varchar(100);
ALTER TABLE users ALTER COLUMN email DROP NOT NULL;
ALTER TABLE users ADD COLUMN name text NOT NULL;
