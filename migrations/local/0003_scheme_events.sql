-- What the scheme engine reads besides payments: pauses, mid-term changes, gifts handed
-- over, the customer's anniversary and the shop's festival days. Pauses, changes and
-- gifts are facts of an enrollment's history, so they are append-only like payments.

CREATE TABLE enrollment_pauses (
    id             INTEGER PRIMARY KEY,
    enrollment_id  INTEGER NOT NULL REFERENCES enrollments (id),
    from_date      TEXT    NOT NULL,
    months         INTEGER NOT NULL CHECK (months > 0),
    reason         TEXT,
    created_at     TEXT    NOT NULL,
    created_by     TEXT    NOT NULL
) STRICT;
CREATE INDEX enrollment_pauses_enrollment ON enrollment_pauses (enrollment_id);

CREATE TABLE enrollment_changes (
    id                 INTEGER PRIMARY KEY,
    enrollment_id      INTEGER NOT NULL REFERENCES enrollments (id),
    effective_on       TEXT    NOT NULL,
    installment_paise  INTEGER CHECK (installment_paise IS NULL OR installment_paise > 0),
    installments       INTEGER CHECK (installments IS NULL OR installments BETWEEN 1 AND 60),
    created_at         TEXT    NOT NULL,
    created_by         TEXT    NOT NULL
) STRICT;
CREATE INDEX enrollment_changes_enrollment ON enrollment_changes (enrollment_id);

CREATE TABLE gifts_given (
    id             INTEGER PRIMARY KEY,
    enrollment_id  INTEGER NOT NULL REFERENCES enrollments (id),
    item           TEXT    NOT NULL,
    value_paise    INTEGER NOT NULL CHECK (value_paise >= 0),
    given_on       TEXT    NOT NULL,
    created_at     TEXT    NOT NULL,
    created_by     TEXT    NOT NULL,
    UNIQUE (enrollment_id, item)
) STRICT;

CREATE TABLE festivals (
    id             INTEGER PRIMARY KEY,
    name           TEXT    NOT NULL,
    festival_date  TEXT    NOT NULL UNIQUE,
    created_at     TEXT    NOT NULL,
    created_by     TEXT    NOT NULL
) STRICT;

ALTER TABLE customers ADD COLUMN anniversary TEXT;

CREATE TRIGGER enrollment_pauses_append_only_update BEFORE UPDATE ON enrollment_pauses
BEGIN SELECT RAISE(ABORT, 'enrollment pauses are append-only'); END;
CREATE TRIGGER enrollment_pauses_append_only_delete BEFORE DELETE ON enrollment_pauses
BEGIN SELECT RAISE(ABORT, 'enrollment pauses are append-only'); END;
CREATE TRIGGER enrollment_changes_append_only_update BEFORE UPDATE ON enrollment_changes
BEGIN SELECT RAISE(ABORT, 'enrollment changes are append-only'); END;
CREATE TRIGGER enrollment_changes_append_only_delete BEFORE DELETE ON enrollment_changes
BEGIN SELECT RAISE(ABORT, 'enrollment changes are append-only'); END;
CREATE TRIGGER gifts_given_append_only_update BEFORE UPDATE ON gifts_given
BEGIN SELECT RAISE(ABORT, 'gifts given are append-only'); END;
CREATE TRIGGER gifts_given_append_only_delete BEFORE DELETE ON gifts_given
BEGIN SELECT RAISE(ABORT, 'gifts given are append-only'); END;
