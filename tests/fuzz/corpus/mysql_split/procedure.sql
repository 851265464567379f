-- procs
--
-- Revision ID: bbb222
-- Revises: aaa111

-- migrate:upgrade
CREATE PROCEDURE add_user(IN n VARCHAR(50))
BEGIN
  IF n IS NULL THEN
    SET n = 'anon';
  END IF;
  INSERT INTO users (name) VALUES (n);
END;
CALL add_user('b');
CREATE TRIGGER users_bi BEFORE INSERT ON users FOR EACH ROW SET NEW.name = UPPER(NEW.name);

-- migrate:downgrade
DROP TRIGGER users_bi;
DROP PROCEDURE add_user;
