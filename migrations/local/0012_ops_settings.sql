-- Operations settings (issue #8): where the desktop app looks for updates, and how much it logs.
-- One row. No endpoint means the app never checks for updates on its own.
CREATE TABLE ops_settings (
    id              INTEGER PRIMARY KEY CHECK (id = 1),
    update_endpoint TEXT,
    log_level       TEXT    NOT NULL DEFAULT 'info'
) STRICT;
INSERT INTO ops_settings (id) VALUES (1);
