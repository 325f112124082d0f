-- Encryption at rest and backups (issue #8).

-- When the owner was shown this database's recovery key (NULL: not yet). It is shown once.
CREATE TABLE vault_state (
    id                    INTEGER PRIMARY KEY CHECK (id = 1),
    recovery_key_shown_at TEXT
) STRICT;
INSERT INTO vault_state (id) VALUES (1);

-- Where backups go and how many are kept. No folder: <data dir>/backups.
CREATE TABLE backup_settings (
    id           INTEGER PRIMARY KEY CHECK (id = 1),
    folder       TEXT,
    keep_daily   INTEGER NOT NULL DEFAULT 7  CHECK (keep_daily BETWEEN 1 AND 365),
    keep_monthly INTEGER NOT NULL DEFAULT 12 CHECK (keep_monthly BETWEEN 0 AND 120),
    schedule     TEXT    NOT NULL DEFAULT 'daily' CHECK (schedule IN ('daily', 'off'))
) STRICT;
INSERT INTO backup_settings (id) VALUES (1);

-- Each backup attempt, good or failed: the dashboard's "last good backup" reads this.
CREATE TABLE backup_runs (
    id          INTEGER PRIMARY KEY,
    started_at  TEXT    NOT NULL,
    file        TEXT,
    ok          INTEGER NOT NULL CHECK (ok IN (0, 1)),
    reason      TEXT    NOT NULL CHECK (reason IN ('manual', 'scheduled', 'close', 'upgrade')),
    error       TEXT
) STRICT;
