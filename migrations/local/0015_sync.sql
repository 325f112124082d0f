-- Sync with the shop's hub (issue #7): the outbox of this counter's changes, where it stands
-- with the hub, the hybrid logical clock, per-field clocks for last-writer-wins records,
-- the sync identities of rows whose local key is an integer, events waiting for a parent,
-- and the review queue of conflicts a manager must resolve.

-- Every change this counter makes, written in the same transaction as the change.
-- device_id is NULL until the counter is enrolled with a hub (it is filled in then).
CREATE TABLE sync_outbox (
    local_seq       INTEGER PRIMARY KEY,
    device_id       TEXT,
    event_id        TEXT    NOT NULL UNIQUE,
    kind            TEXT    NOT NULL,
    entity_id       TEXT    NOT NULL,
    enrollment_id   TEXT,
    payload         TEXT    NOT NULL,
    hlc             TEXT    NOT NULL,
    schema_version  INTEGER NOT NULL,
    created_at      TEXT    NOT NULL,
    -- set only after the hub acknowledged this event (its high-water mark passed it)
    sent_at         TEXT
) STRICT;
CREATE INDEX sync_outbox_unsent ON sync_outbox (sent_at, local_seq);

-- One row: this counter's standing with the hub. The device credential is in the OS keyring.
CREATE TABLE sync_state (
    id             INTEGER PRIMARY KEY CHECK (id = 1),
    -- the HLC node name before enrollment; random so two unenrolled counters never tie
    node           TEXT    NOT NULL,
    hlc_last       TEXT,
    hub_url        TEXT,
    device_id      TEXT,
    counter_code   TEXT,
    branch         TEXT,
    push_high_water INTEGER NOT NULL DEFAULT 0,
    pull_cursor    INTEGER NOT NULL DEFAULT 0,
    last_sync_at   TEXT,
    last_attempt_at TEXT,
    last_error     TEXT,
    -- the latest peer clock refused as too far ahead, for the status screen
    clock_warning  TEXT
) STRICT;
INSERT INTO sync_state (id, node) VALUES (1, lower(hex(randomblob(6))));

-- The sync identity (a UUID) of a row whose local primary key is an integer.
CREATE TABLE sync_entities (
    tbl       TEXT    NOT NULL,
    local_id  INTEGER NOT NULL,
    uid       TEXT    NOT NULL,
    PRIMARY KEY (tbl, local_id),
    UNIQUE (tbl, uid)
) STRICT;

-- Last-writer-wins state: the HLC and value of each field of each mutable record.
CREATE TABLE sync_fields (
    tbl    TEXT NOT NULL,
    uid    TEXT NOT NULL,
    field  TEXT NOT NULL,
    value  TEXT NOT NULL,
    hlc    TEXT NOT NULL,
    PRIMARY KEY (tbl, uid, field)
) STRICT;

-- Every pulled event applied here (or deliberately skipped): a second delivery is a no-op.
CREATE TABLE sync_applied (
    event_id    TEXT PRIMARY KEY,
    position    INTEGER NOT NULL,
    applied_at  TEXT NOT NULL
) STRICT;

-- Pulled events that cannot be applied yet (their parent has not arrived, or the sender's
-- clock is too far ahead): retried on every sync, never dropped.
CREATE TABLE sync_pending (
    event_id   TEXT    PRIMARY KEY,
    position   INTEGER NOT NULL,
    event      TEXT    NOT NULL,
    reason     TEXT    NOT NULL,
    attempts   INTEGER NOT NULL DEFAULT 1,
    first_at   TEXT    NOT NULL
) STRICT;

-- Conflicts a manager must resolve: raised by the hub, found while applying (the same phone
-- on two customers), or an event of ours the hub rejected. Held payloads are kept here.
CREATE TABLE sync_conflicts (
    id             TEXT PRIMARY KEY,
    kind           TEXT NOT NULL,
    enrollment_id  TEXT,
    event_id       TEXT,
    detail         TEXT NOT NULL,
    held           TEXT,
    raised_at      TEXT NOT NULL,
    resolved_at    TEXT,
    resolution     TEXT
) STRICT;

-- A closure of ours that lost to another counter's closure of the same enrollment (the hub
-- kept the other): moved here with its payouts, so its payout is held, not paid twice.
CREATE TABLE sync_held (
    record_id  TEXT PRIMARY KEY,
    tbl        TEXT NOT NULL,
    enrollment_id TEXT,
    payload    TEXT NOT NULL,
    held_at    TEXT NOT NULL,
    superseded_by TEXT NOT NULL
) STRICT;
