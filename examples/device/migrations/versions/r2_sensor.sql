-- sensor per reading
--
-- Revision ID: r2
-- Revises: r1

-- migrate:upgrade
ALTER TABLE reading ADD COLUMN sensor TEXT NOT NULL DEFAULT 'main';
CREATE INDEX reading_sensor ON reading (sensor, taken_at);

-- migrate:downgrade
DROP INDEX reading_sensor;
ALTER TABLE reading DROP COLUMN sensor;
