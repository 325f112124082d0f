-- Rates and compliance (issue #3): where each gold rate came from, the shop's rate and
-- compliance settings, and a customer's Form 60 declaration.

-- 'manual' at the counter, 'derived' from the day's 24K rate, or imported from a 'csv' file or the shop's 'feed'.
ALTER TABLE gold_rates ADD COLUMN source TEXT NOT NULL DEFAULT 'manual'
    CHECK (source IN ('manual', 'derived', 'csv', 'feed'));

-- When on, a 24K rate also stores the rates of the other karats (fineness ÷ 999 of it).
ALTER TABLE shop ADD COLUMN derive_rates INTEGER NOT NULL DEFAULT 0 CHECK (derive_rates IN (0, 1));
-- The only address `kanak rate fetch` ever contacts; NULL means no feed.
ALTER TABLE shop ADD COLUMN rate_feed_url TEXT;
-- Income-tax Act s.269ST: cash from one person in a day totalling this much or more is refused.
ALTER TABLE shop ADD COLUMN cash_limit_per_day_paise INTEGER NOT NULL DEFAULT 20000000
    CHECK (cash_limit_per_day_paise > 0);
-- A payment or redemption over this needs the customer's PAN or a Form 60 declaration.
ALTER TABLE shop ADD COLUMN pan_required_above_paise INTEGER NOT NULL DEFAULT 20000000
    CHECK (pan_required_above_paise > 0);

-- The day the customer signed a Form 60 (no PAN); NULL when none is on record.
ALTER TABLE customers ADD COLUMN form60_declared_on TEXT;

-- The day's cash from one customer is summed at every cash payment.
CREATE INDEX payments_day_mode ON payments (received_on, mode, enrollment_id);
