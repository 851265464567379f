-- alter-table-copy: MySQL chooses the algorithm, and may copy the table
--
-- Revision ID: case
-- Revises: setup

-- migrate:upgrade
-- expect: alter-table-copy
ALTER TABLE users MODIFY COLUMN name VARCHAR(200) NOT NULL;
-- expect: alter-table-copy
ALTER TABLE `orders` CHANGE total amount DECIMAL(12,2);
-- expect: alter-table-copy
ALTER TABLE users CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
-- expect: alter-table-copy
ALTER TABLE orders DROP PRIMARY KEY, ADD PRIMARY KEY (id, user_id);
-- expect: alter-table-copy
ALTER TABLE app.users ENGINE = InnoDB;
ALTER TABLE users MODIFY COLUMN email VARCHAR(200), ALGORITHM=INPLACE, LOCK=NONE;
ALTER TABLE users ADD COLUMN age INT;
CREATE TABLE IF NOT EXISTS fresh (id INT PRIMARY KEY, code CHAR(2));
ALTER TABLE fresh MODIFY COLUMN code CHAR(3);

-- migrate:downgrade
DROP TABLE fresh;
