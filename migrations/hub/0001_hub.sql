-- The sync hub: devices, the one server-ordered log, what each device sent, and conflicts.

CREATE SEQUENCE counter_numbers;

CREATE TABLE devices (
    device_id        UUID PRIMARY KEY,
    branch           TEXT NOT NULL,
    name             TEXT NOT NULL,
    -- C1, C2…: the counter's own customer-code series, unique on this hub.
    counter_code     TEXT NOT NULL UNIQUE,
    -- SHA-256 hex of the one-time enrollment token; the token itself is shown once.
    token_hash       TEXT NOT NULL UNIQUE,
    token_expires_at TIMESTAMPTZ NOT NULL,
    -- SHA-256 hex of the credential the counter received at enrollment (NULL until then).
    credential_hash  TEXT UNIQUE,
    device_name      TEXT,
    created_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    enrolled_at      TIMESTAMPTZ,
    revoked_at       TIMESTAMPTZ,
    -- Every event of this device up to this local_seq is on the hub.
    high_water       BIGINT NOT NULL DEFAULT 0,
    -- The position the device last pulled after: the log head minus this is its lag.
    pull_cursor      BIGINT NOT NULL DEFAULT 0,
    last_push_at     TIMESTAMPTZ,
    last_pull_at     TIMESTAMPTZ
);

-- One row: the last position handed out. Every push locks it first, so pushes are
-- serialized and positions become visible strictly in order.
CREATE TABLE log_head (
    id   INT PRIMARY KEY CHECK (id = 1),
    head BIGINT NOT NULL
);
INSERT INTO log_head (id, head) VALUES (1, 0);

-- The one server-ordered log every counter pulls: the events the hub applied, and the
-- conflict events it wrote. Never updated or deleted.
CREATE TABLE log (
    position       BIGINT PRIMARY KEY,
    event_id       UUID NOT NULL UNIQUE,
    body           JSONB NOT NULL,
    appended_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Every event a device sent, applied or held, by its id: the idempotency check.
CREATE TABLE received (
    event_id    UUID PRIMARY KEY,
    device_id   UUID NOT NULL REFERENCES devices (device_id),
    local_seq   BIGINT NOT NULL,
    kind        TEXT NOT NULL,
    body        JSONB NOT NULL,
    status      TEXT NOT NULL CHECK (status IN ('applied', 'held')),
    position    BIGINT REFERENCES log (position),
    received_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- What the hub knows of each enrollment's lifecycle, from the events it applied.
CREATE TABLE enrollments (
    enrollment_id    UUID PRIMARY KEY,
    state            TEXT NOT NULL CHECK (state IN ('active', 'paused', 'closed')),
    closure_event_id UUID,
    updated_at       TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE conflicts (
    conflict_id   UUID PRIMARY KEY,
    kind          TEXT NOT NULL,
    enrollment_id UUID,
    -- The held event (its payout is held).
    event_id      UUID NOT NULL REFERENCES received (event_id),
    detail        TEXT NOT NULL,
    raised_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    resolved_at   TIMESTAMPTZ,
    resolution    TEXT
);

-- Events refused outright (a changed payload under a known id, a clock too far ahead, a
-- kind only the hub writes): kept whole for the owner to look at.
CREATE TABLE alerts (
    alert_id   BIGSERIAL PRIMARY KEY,
    device_id  UUID NOT NULL REFERENCES devices (device_id),
    event_id   UUID NOT NULL,
    reason     TEXT NOT NULL,
    message    TEXT NOT NULL,
    body       JSONB NOT NULL,
    raised_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
