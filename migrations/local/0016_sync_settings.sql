-- Auto-sync on the desktop (issue #7): whether the app syncs in the background while it is
-- enrolled, and how often. A setting of this installation, like the hub it is enrolled with.
ALTER TABLE sync_state ADD COLUMN auto_sync INTEGER NOT NULL DEFAULT 1 CHECK (auto_sync IN (0, 1));
ALTER TABLE sync_state ADD COLUMN auto_sync_seconds INTEGER NOT NULL DEFAULT 120
    CHECK (auto_sync_seconds BETWEEN 15 AND 86400);
