-- Staff, audit and closure (issue #4).

-- Failed logins are rate-limited per staff member; after repeated failures the login locks.
ALTER TABLE staff ADD COLUMN failed_logins INTEGER NOT NULL DEFAULT 0;
ALTER TABLE staff ADD COLUMN locked_until TEXT;

-- The owner's recovery code, as an argon2id hash; shown once at setup, re-generable by the owner.
ALTER TABLE shop ADD COLUMN recovery_hash TEXT;
-- The app locks after this many idle minutes.
ALTER TABLE shop ADD COLUMN idle_lock_minutes INTEGER NOT NULL DEFAULT 5 CHECK (idle_lock_minutes BETWEEN 1 AND 240);
-- One-time codes: lifetime, and the providers that send them. Keys live in the OS keyring, never here.
ALTER TABLE shop ADD COLUMN otp_expiry_minutes INTEGER NOT NULL DEFAULT 10 CHECK (otp_expiry_minutes BETWEEN 1 AND 60);
ALTER TABLE shop ADD COLUMN otp_primary TEXT NOT NULL DEFAULT 'console' CHECK (otp_primary IN ('console', 'msg91', 'whatsapp'));
ALTER TABLE shop ADD COLUMN otp_fallback TEXT CHECK (otp_fallback IN ('console', 'msg91', 'whatsapp'));
ALTER TABLE shop ADD COLUMN msg91_template_id TEXT;
ALTER TABLE shop ADD COLUMN msg91_base_url TEXT NOT NULL DEFAULT 'https://control.msg91.com';
ALTER TABLE shop ADD COLUMN whatsapp_phone_number_id TEXT;
ALTER TABLE shop ADD COLUMN whatsapp_template TEXT;
ALTER TABLE shop ADD COLUMN whatsapp_language TEXT NOT NULL DEFAULT 'en';
ALTER TABLE shop ADD COLUMN whatsapp_base_url TEXT NOT NULL DEFAULT 'https://graph.facebook.com/v21.0';

-- Every change: who, when, what, before/after, which device. Each entry carries the hash of
-- the one before it, so an edited or removed row breaks the chain at that point.
CREATE TABLE audit_log (
    id             INTEGER PRIMARY KEY,
    at             TEXT    NOT NULL,
    actor          TEXT    NOT NULL,
    device         TEXT    NOT NULL,
    action         TEXT    NOT NULL,
    customer_code  TEXT,
    enrollment_no  TEXT,
    detail         TEXT    NOT NULL,
    before_json    TEXT,
    after_json     TEXT,
    prev_hash      TEXT    NOT NULL,
    hash           TEXT    NOT NULL UNIQUE
) STRICT;
CREATE INDEX audit_log_actor ON audit_log (actor, id);
CREATE INDEX audit_log_customer ON audit_log (customer_code, id);
CREATE INDEX audit_log_enrollment ON audit_log (enrollment_no, id);
CREATE TRIGGER audit_log_append_only_update BEFORE UPDATE ON audit_log BEGIN
    SELECT RAISE (ABORT, 'the audit log is append-only');
END;
CREATE TRIGGER audit_log_append_only_delete BEFORE DELETE ON audit_log BEGIN
    SELECT RAISE (ABORT, 'the audit log is append-only');
END;

-- A one-time code for closing an enrollment. Only a salted SHA-256 of the code is kept.
-- 'awaiting' = no provider could send it yet (no network): the closure waits for a code.
CREATE TABLE otp_codes (
    id             TEXT    PRIMARY KEY,
    enrollment_id  INTEGER NOT NULL REFERENCES enrollments (id),
    phone          TEXT    NOT NULL,
    salt           TEXT    NOT NULL,
    code_hash      TEXT    NOT NULL,
    state          TEXT    NOT NULL CHECK (state IN ('sent', 'awaiting', 'used', 'spent')),
    provider       TEXT,
    provider_ref   TEXT,
    wrong_tries    INTEGER NOT NULL DEFAULT 0,
    created_at     TEXT    NOT NULL,
    sent_at        TEXT,
    created_by     TEXT    NOT NULL
) STRICT;
CREATE INDEX otp_codes_enrollment ON otp_codes (enrollment_id, created_at);

-- A closed enrollment. UNIQUE(enrollment_id): two closures of one enrollment cannot both succeed.
CREATE TABLE closures (
    id                    TEXT    PRIMARY KEY,
    enrollment_id         INTEGER NOT NULL UNIQUE REFERENCES enrollments (id),
    kind                  TEXT    NOT NULL CHECK (kind IN ('maturity', 'premature')),
    settlement            TEXT    NOT NULL CHECK (settlement IN ('cash', 'jewellery')),
    paid_paise            INTEGER NOT NULL,
    bonus_paise           INTEGER NOT NULL,
    deductions_paise      INTEGER NOT NULL,
    value_paise           INTEGER NOT NULL,
    grams_mg              INTEGER NOT NULL,
    invoice_no            TEXT,
    invoice_value_paise   INTEGER,
    quote_json            TEXT    NOT NULL,
    verified_by           TEXT    NOT NULL CHECK (verified_by IN ('otp', 'override')),
    otp_id                TEXT    REFERENCES otp_codes (id),
    override_reason       TEXT,
    closed_on             TEXT    NOT NULL,
    closed_at             TEXT    NOT NULL,
    closed_by             TEXT    NOT NULL,
    CHECK ((verified_by = 'otp') = (otp_id IS NOT NULL)),
    CHECK ((verified_by = 'override') = (override_reason IS NOT NULL))
) STRICT;
CREATE TRIGGER closures_append_only_update BEFORE UPDATE ON closures BEGIN
    SELECT RAISE (ABORT, 'closures are append-only');
END;
CREATE TRIGGER closures_append_only_delete BEFORE DELETE ON closures BEGIN
    SELECT RAISE (ABORT, 'closures are append-only');
END;

-- Money handed back on a cash settlement, linked to its closure.
CREATE TABLE payouts (
    id             TEXT    PRIMARY KEY,
    enrollment_id  INTEGER NOT NULL REFERENCES enrollments (id),
    closure_id     TEXT    NOT NULL REFERENCES closures (id),
    amount_paise   INTEGER NOT NULL CHECK (amount_paise >= 0),
    mode           TEXT    NOT NULL,
    paid_at        TEXT    NOT NULL,
    paid_by        TEXT    NOT NULL
) STRICT;
CREATE TRIGGER payouts_append_only_update BEFORE UPDATE ON payouts BEGIN
    SELECT RAISE (ABORT, 'payouts are append-only');
END;
CREATE TRIGGER payouts_append_only_delete BEFORE DELETE ON payouts BEGIN
    SELECT RAISE (ABORT, 'payouts are append-only');
END;

-- Messages waiting to go to customers (sent by issue #6's outbox worker).
CREATE TABLE outbox (
    id           TEXT    PRIMARY KEY,
    channel      TEXT    NOT NULL CHECK (channel IN ('sms', 'whatsapp')),
    to_phone     TEXT    NOT NULL,
    template     TEXT    NOT NULL,
    body         TEXT    NOT NULL,
    created_at   TEXT    NOT NULL,
    state        TEXT    NOT NULL DEFAULT 'pending'
) STRICT;
