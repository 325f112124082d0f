-- Kanak local store: the foundation schema.
-- Money is INTEGER paise and weight INTEGER milligrams (sqlx's SQLite driver has no decimal type).
-- Payments and their status events are append-only: triggers refuse UPDATE and DELETE.

CREATE TABLE shop (
    id            INTEGER PRIMARY KEY CHECK (id = 1),
    shop_name     TEXT    NOT NULL,
    address       TEXT    NOT NULL,
    gstin         TEXT,
    branch_code   TEXT    NOT NULL,
    counter_code  TEXT    NOT NULL DEFAULT '1',
    code_pattern  TEXT    NOT NULL,
    language      TEXT    NOT NULL DEFAULT 'en' CHECK (language IN ('en', 'hi')),
    created_at    TEXT    NOT NULL
) STRICT;

CREATE TABLE staff (
    id          INTEGER PRIMARY KEY,
    name        TEXT    NOT NULL,
    login       TEXT    NOT NULL UNIQUE,
    pin_hash    TEXT    NOT NULL,
    role        TEXT    NOT NULL CHECK (role IN ('owner', 'manager', 'cashier')),
    active      INTEGER NOT NULL DEFAULT 1,
    created_at  TEXT    NOT NULL
) STRICT;

-- Counters for human-readable numbers (customer codes, enrollment and receipt numbers).
CREATE TABLE sequences (
    name        TEXT    PRIMARY KEY,
    next_value  INTEGER NOT NULL
) STRICT;

CREATE TABLE customers (
    id             INTEGER PRIMARY KEY,
    code           TEXT    NOT NULL UNIQUE,
    name           TEXT    NOT NULL,
    phone          TEXT    NOT NULL,
    pan            TEXT,
    aadhaar_last4  TEXT    CHECK (aadhaar_last4 IS NULL OR length(aadhaar_last4) = 4),
    dob            TEXT,
    address        TEXT,
    pin_code       TEXT,
    email          TEXT,
    family_of      INTEGER REFERENCES customers (id),
    relation       TEXT,
    created_at     TEXT    NOT NULL,
    created_by     TEXT    NOT NULL,
    updated_at     TEXT    NOT NULL
) STRICT;
CREATE INDEX customers_phone ON customers (phone);
CREATE INDEX customers_family ON customers (family_of);

-- Trigram full-text index: name prefixes, phone fragments and codes in one instant lookup.
CREATE VIRTUAL TABLE customers_fts USING fts5 (
    name, phone, code,
    content = 'customers', content_rowid = 'id', tokenize = 'trigram'
);
CREATE TRIGGER customers_fts_insert AFTER INSERT ON customers BEGIN
    INSERT INTO customers_fts (rowid, name, phone, code) VALUES (new.id, new.name, new.phone, new.code);
END;
CREATE TRIGGER customers_fts_update AFTER UPDATE ON customers BEGIN
    INSERT INTO customers_fts (customers_fts, rowid, name, phone, code)
        VALUES ('delete', old.id, old.name, old.phone, old.code);
    INSERT INTO customers_fts (rowid, name, phone, code) VALUES (new.id, new.name, new.phone, new.code);
END;
CREATE TRIGGER customers_fts_delete AFTER DELETE ON customers BEGIN
    INSERT INTO customers_fts (customers_fts, rowid, name, phone, code)
        VALUES ('delete', old.id, old.name, old.phone, old.code);
END;

CREATE TABLE plans (
    id          INTEGER PRIMARY KEY,
    code        TEXT    NOT NULL UNIQUE,
    name        TEXT    NOT NULL,
    terms_json  TEXT    NOT NULL,
    active      INTEGER NOT NULL DEFAULT 1,
    created_at  TEXT    NOT NULL,
    created_by  TEXT    NOT NULL,
    updated_at  TEXT    NOT NULL
) STRICT;

-- terms_json is the plan's terms copied at enrollment: later plan edits never change it.
CREATE TABLE enrollments (
    id             INTEGER PRIMARY KEY,
    enrollment_no  TEXT    NOT NULL UNIQUE,
    customer_id    INTEGER NOT NULL REFERENCES customers (id),
    plan_id        INTEGER NOT NULL REFERENCES plans (id),
    plan_code      TEXT    NOT NULL,
    plan_name      TEXT    NOT NULL,
    terms_json     TEXT    NOT NULL,
    start_date     TEXT    NOT NULL,
    maturity_date  TEXT    NOT NULL,
    status         TEXT    NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'closed', 'cancelled')),
    created_at     TEXT    NOT NULL,
    created_by     TEXT    NOT NULL
) STRICT;
CREATE INDEX enrollments_customer ON enrollments (customer_id);
CREATE INDEX enrollments_status ON enrollments (status);

-- id is the client-generated UUIDv7: the idempotency key. request_fingerprint detects
-- the same id re-sent with a different payload.
CREATE TABLE payments (
    id                   TEXT    PRIMARY KEY,
    receipt_no           TEXT    NOT NULL UNIQUE,
    enrollment_id        INTEGER NOT NULL REFERENCES enrollments (id),
    installment_no       INTEGER NOT NULL CHECK (installment_no >= 1),
    amount_paise         INTEGER NOT NULL CHECK (amount_paise > 0),
    mode                 TEXT    NOT NULL CHECK (mode IN ('cash', 'upi', 'card', 'bank', 'cheque')),
    reference            TEXT,
    received_on          TEXT    NOT NULL,
    received_at          TEXT    NOT NULL,
    received_by          TEXT    NOT NULL,
    purity               TEXT,
    rate_per_gram_paise  INTEGER CHECK (rate_per_gram_paise IS NULL OR rate_per_gram_paise > 0),
    grams_mg             INTEGER CHECK (grams_mg IS NULL OR grams_mg >= 0),
    request_fingerprint  TEXT    NOT NULL
) STRICT;
CREATE INDEX payments_enrollment ON payments (enrollment_id, received_at);
CREATE INDEX payments_received_on ON payments (received_on);

-- A payment's status history. The current status is the latest event.
CREATE TABLE payment_status_events (
    id          INTEGER PRIMARY KEY,
    payment_id  TEXT    NOT NULL REFERENCES payments (id),
    status      TEXT    NOT NULL CHECK (status IN ('processing', 'confirmed', 'failed', 'refunded')),
    reason      TEXT,
    at          TEXT    NOT NULL,
    by_staff    TEXT    NOT NULL
) STRICT;
CREATE INDEX payment_status_events_payment ON payment_status_events (payment_id, id);

CREATE TRIGGER payments_are_append_only_update BEFORE UPDATE ON payments BEGIN
    SELECT RAISE (ABORT, 'payments are append-only');
END;
CREATE TRIGGER payments_are_append_only_delete BEFORE DELETE ON payments BEGIN
    SELECT RAISE (ABORT, 'payments are append-only');
END;
CREATE TRIGGER payment_status_events_append_only_update BEFORE UPDATE ON payment_status_events BEGIN
    SELECT RAISE (ABORT, 'payment status events are append-only');
END;
CREATE TRIGGER payment_status_events_append_only_delete BEFORE DELETE ON payment_status_events BEGIN
    SELECT RAISE (ABORT, 'payment status events are append-only');
END;

-- Rate history: a later entry for the same day and purity supersedes the earlier one.
CREATE TABLE gold_rates (
    id              INTEGER PRIMARY KEY,
    rate_date       TEXT    NOT NULL,
    purity          TEXT    NOT NULL,
    per_gram_paise  INTEGER NOT NULL CHECK (per_gram_paise > 0),
    entered_by      TEXT    NOT NULL,
    entered_at      TEXT    NOT NULL
) STRICT;
CREATE INDEX gold_rates_day ON gold_rates (rate_date, purity, id);
