-- Printed documents (issue #5).

-- Print the payment's receipt as soon as it is recorded (the desktop app's counter screen).
ALTER TABLE shop ADD COLUMN print_receipt_after_payment INTEGER NOT NULL DEFAULT 0
    CHECK (print_receipt_after_payment IN (0, 1));
