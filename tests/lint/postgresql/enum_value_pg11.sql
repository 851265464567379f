-- enum-value-in-transaction: PostgreSQL 11 refuses ADD VALUE in a transaction
--
-- Revision ID: case
-- Revises: setup

-- migrate:upgrade
-- server-version: 11.22
-- expect: enum-value-in-transaction
ALTER TYPE mood ADD VALUE IF NOT EXISTS 'happy';
