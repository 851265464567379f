-- enum-value-in-transaction: the label is used in the transaction that added it
--
-- Revision ID: case
-- Revises: setup

-- migrate:upgrade
ALTER TYPE mood ADD VALUE 'happy';
-- expect: enum-value-in-transaction
UPDATE orders SET feeling = 'happy' WHERE total > 100;
