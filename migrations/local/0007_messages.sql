-- Customer messages (issue #6): the outbox grows from a thin queue into a durable one with
-- an idempotency key per event and trigger, retries with backoff, and a row per attempt.
-- Templates, trigger switches, quiet hours and per-customer opt-outs live beside it.

-- `template` (from 0004) keeps the trigger's name ('payment', 'closure', …); `trigger_kind`
-- says the same in the new column the code reads. The key is UNIQUE: one message per event
-- and trigger, so replaying an event or rescanning the calendar never queues it twice.
ALTER TABLE outbox ADD COLUMN trigger_kind TEXT NOT NULL DEFAULT 'closure';
ALTER TABLE outbox ADD COLUMN idempotency_key TEXT;
ALTER TABLE outbox ADD COLUMN customer_id INTEGER REFERENCES customers (id);
ALTER TABLE outbox ADD COLUMN enrollment_no TEXT;
-- The template's variables by name, e.g. {"customer_name":"Asha","amount":"5,000.00"}.
ALTER TABLE outbox ADD COLUMN params_json TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(params_json));
ALTER TABLE outbox ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE outbox ADD COLUMN next_attempt_at TEXT;
ALTER TABLE outbox ADD COLUMN last_error TEXT;
ALTER TABLE outbox ADD COLUMN sent_at TEXT;
ALTER TABLE outbox ADD COLUMN provider_ref TEXT;
-- Set while a worker holds the row ('sending'); a claim older than a few minutes is stale.
ALTER TABLE outbox ADD COLUMN claimed_at TEXT;
ALTER TABLE outbox ADD COLUMN updated_at TEXT;

-- Rows queued before this migration are closure messages; their enrollment number is in the
-- text ("… closure of plan MAIN-E00001 is done …") and their variables come from the closure.
UPDATE outbox SET
    idempotency_key = 'legacy:' || id,
    next_attempt_at = created_at,
    updated_at = created_at,
    enrollment_no = CASE WHEN instr(body, ' of plan ') > 0 AND instr(body, ' is done') > 0
        THEN substr(body, instr(body, ' of plan ') + 9, instr(body, ' is done') - instr(body, ' of plan ') - 9) END;
UPDATE outbox SET
    customer_id = (SELECT e.customer_id FROM enrollments e WHERE e.enrollment_no = outbox.enrollment_no),
    idempotency_key = coalesce((SELECT 'closed:' || e.enrollment_no FROM enrollments e WHERE e.enrollment_no = outbox.enrollment_no), idempotency_key),
    params_json = coalesce((
        SELECT json_object(
            'customer_name', c.name,
            'enrollment_no', e.enrollment_no,
            'plan_name', e.plan_name,
            'closure_kind', cl.kind,
            'value', (cl.value_paise / 100) || '.' || printf('%02d', cl.value_paise % 100),
            'settlement', cl.settlement)
        FROM enrollments e JOIN customers c ON c.id = e.customer_id JOIN closures cl ON cl.enrollment_id = e.id
        WHERE e.enrollment_no = outbox.enrollment_no), '{}');

CREATE UNIQUE INDEX outbox_idempotency ON outbox (idempotency_key);
CREATE INDEX outbox_due ON outbox (state, next_attempt_at);

-- Each try at the provider, kept even after the message is sent (append-only).
CREATE TABLE outbox_attempts (
    id            INTEGER PRIMARY KEY,
    outbox_id     TEXT    NOT NULL REFERENCES outbox (id),
    attempt_no    INTEGER NOT NULL CHECK (attempt_no >= 1),
    at            TEXT    NOT NULL,
    outcome       TEXT    NOT NULL CHECK (outcome IN ('sent', 'failed')),
    error         TEXT,
    provider_ref  TEXT
) STRICT;
CREATE TRIGGER outbox_attempts_append_only_update BEFORE UPDATE ON outbox_attempts BEGIN
    SELECT RAISE (ABORT, 'outbox attempts are append-only');
END;
CREATE TRIGGER outbox_attempts_append_only_delete BEFORE DELETE ON outbox_attempts BEGIN
    SELECT RAISE (ABORT, 'outbox attempts are append-only');
END;

-- The shop's message settings (one row). Quiet hours are India time (UTC+05:30): reminders go
-- only from quiet_start to quiet_end; confirmations (payment, closure) go at any hour.
CREATE TABLE message_settings (
    id                   INTEGER PRIMARY KEY CHECK (id = 1),
    preferred_channel    TEXT    NOT NULL DEFAULT 'sms' CHECK (preferred_channel IN ('sms', 'whatsapp')),
    -- Use the other channel when the customer opted out of the preferred one or it has no template.
    fallback             INTEGER NOT NULL DEFAULT 1 CHECK (fallback IN (0, 1)),
    due_days_before      INTEGER NOT NULL DEFAULT 3 CHECK (due_days_before BETWEEN 1 AND 30),
    quiet_start          TEXT    NOT NULL DEFAULT '09:00',
    quiet_end            TEXT    NOT NULL DEFAULT '21:00',
    -- NULL: MSG91 Flow is at the same base URL as the OTP settings' msg91_base_url.
    msg91_flow_base_url  TEXT
) STRICT;
INSERT INTO message_settings (id) VALUES (1);

-- Each trigger's on/off switch. Every trigger starts on: nothing goes out until a template
-- for it is registered, and what waits meanwhile is sent once one is.
CREATE TABLE message_triggers (
    trigger_kind  TEXT    PRIMARY KEY,
    enabled       INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1))
) STRICT;
INSERT INTO message_triggers (trigger_kind) VALUES
    ('payment'), ('due'), ('missed'), ('maturity'), ('closure'), ('occasion'), ('reminder');

-- The shop's registered templates, one per trigger and channel. `name` is the approved
-- WhatsApp template name, or the MSG91 Flow template id (its DLT template); `variables` the
-- ordered list of variable names: WhatsApp body parameters {{1}}…, MSG91 VAR1…VARn.
CREATE TABLE message_templates (
    trigger_kind  TEXT    NOT NULL,
    channel       TEXT    NOT NULL CHECK (channel IN ('sms', 'whatsapp')),
    name          TEXT    NOT NULL,
    language      TEXT    NOT NULL DEFAULT 'en',
    variables     TEXT    NOT NULL CHECK (json_valid(variables)),
    -- The template's approved text with {{1}}… placeholders, for the preview only.
    sample_text   TEXT,
    updated_at    TEXT    NOT NULL,
    updated_by    TEXT    NOT NULL,
    PRIMARY KEY (trigger_kind, channel)
) STRICT;

-- A customer who asked not to get messages on a channel. Opting back in deletes the row;
-- both changes are in the audit trail.
CREATE TABLE message_opt_outs (
    customer_id   INTEGER NOT NULL REFERENCES customers (id),
    channel       TEXT    NOT NULL CHECK (channel IN ('sms', 'whatsapp')),
    at            TEXT    NOT NULL,
    by_staff      TEXT    NOT NULL,
    PRIMARY KEY (customer_id, channel)
) STRICT;
