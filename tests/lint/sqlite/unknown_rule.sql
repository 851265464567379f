-- unknown-rule: a misspelt ignore silences nothing
--
-- Revision ID: case
-- Revises: setup

-- migrate:upgrade
-- expect: unknown-rule
-- lint:ignore drop-tabel
SELECT 1;
