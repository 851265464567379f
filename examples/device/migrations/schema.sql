CREATE TABLE reading (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    taken_at TEXT NOT NULL,
    celsius REAL NOT NULL,
    sensor TEXT NOT NULL DEFAULT 'main'
);
CREATE INDEX reading_sensor ON reading (sensor, taken_at);
