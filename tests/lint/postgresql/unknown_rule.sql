-- unknown-rule
--
-- Revision ID: case
-- Revises: setup

-- migrate:upgrade
-- expect: unknown-rule
-- lint:ignore index-not-concurent
SELECT 1;
