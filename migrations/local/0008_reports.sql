-- Reports (issue #6): the Tally ledger names the export posts to, set in settings.
ALTER TABLE shop ADD COLUMN tally_advances_ledger TEXT NOT NULL DEFAULT 'Gold scheme advances';
ALTER TABLE shop ADD COLUMN tally_cash_ledger TEXT NOT NULL DEFAULT 'Cash';
ALTER TABLE shop ADD COLUMN tally_bank_ledger TEXT NOT NULL DEFAULT 'Bank';
ALTER TABLE shop ADD COLUMN tally_bonus_ledger TEXT NOT NULL DEFAULT 'Scheme bonus';
ALTER TABLE shop ADD COLUMN tally_sales_ledger TEXT NOT NULL DEFAULT 'Sales';
ALTER TABLE shop ADD COLUMN tally_charges_ledger TEXT NOT NULL DEFAULT 'Scheme closure charges';
