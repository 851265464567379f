-- readings
--
-- Revision ID: r1
-- Revises:

-- migrate:upgrade
CREATE TABLE reading (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    taken_at TEXT NOT NULL,
    celsius REAL NOT NULL
);

-- migrate:downgrade
DROP TABLE reading;
