-- upgrade
SET LOCAL check_function_bodies = off;
CREATE OR REPLACE FUNCTION touch()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$ BEGIN RETURN NEW; END $function$;
-- WARNING: parameters or result change: dropped and created again (fails while a view, default or trigger uses it)
DROP FUNCTION score(integer);
CREATE OR REPLACE FUNCTION score(x integer)
 RETURNS bigint
 LANGUAGE sql
AS $function$ SELECT x::bigint $function$;
CREATE TRIGGER users_touch BEFORE UPDATE ON users FOR EACH ROW EXECUTE FUNCTION touch();
-- downgrade
DROP TRIGGER users_touch ON users;
DROP FUNCTION score(integer);
SET LOCAL check_function_bodies = off;
CREATE OR REPLACE FUNCTION score(x integer)
 RETURNS integer
 LANGUAGE sql
AS $function$ SELECT x $function$;
DROP FUNCTION touch();
