-- setup
--
-- Revision ID: setup
-- Revises:

-- migrate:upgrade
CREATE TABLE users (id INT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(50) NOT NULL, email VARCHAR(100));
CREATE TABLE orders (id INT PRIMARY KEY, user_id INT, total DECIMAL(10,2));

-- migrate:downgrade
DROP TABLE orders;
DROP TABLE users;
