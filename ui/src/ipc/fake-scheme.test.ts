import { beforeEach, describe, expect, it } from "vitest";
import type { CustomerInput, IpcError, PlanInput, PlanRules, SimulateInput } from "./bindings";
import type { Result } from "./result";
import { createFakeBackend, type Commands, type FakeClock } from "./fake";
import { uuidv7 } from "./uuid";

let today = "2026-04-10";
const clock: FakeClock = { today: () => today, now: () => new Date(`${today}T11:00:00+05:30`) };

async function ok<T>(pending: Promise<Result<T, IpcError>>): Promise<T> {
  const r = await pending;
  if (r.status === "error") throw new Error(`expected ok, got ${JSON.stringify(r.error)}`);
  return r.data;
}

async function refused<T>(pending: Promise<Result<T, IpcError>>): Promise<IpcError> {
  const r = await pending;
  if (r.status === "ok") throw new Error(`expected a refusal, got ${JSON.stringify(r.data)}`);
  return r.error;
}

const person = (name: string, phone: string): CustomerInput => ({
  name, phone, pan: null, aadhaar: null, dob: null, address: null, pin_code: null, email: null, family_of: null, relation: null,
});

const plan = (rules: PlanRules | null = null, extra: Partial<PlanInput> = {}): PlanInput => ({
  code: "SWARNA11", name: "Swarna 11", kind: "amount", installment: "5000", min_amount: null, max_amount: null,
  installments: 11, due_day: null, grace_days: 7, purity: null, bonus: "1 installment", terms: "", rules, ...extra,
});

const TIERS: PlanRules = {
  tiers: [
    { installments: 6, bonus: "30% of installment" },
    { installments: 11, bonus: "75% of installment" },
    { installments: 18, bonus: "150% of installment" },
  ],
};

const sim = (p: PlanInput, pattern: string, extra: Partial<SimulateInput> = {}) =>
  fake.simulatePlan({ plan_code: null, plan: p, pattern, start: "2026-04-10", installments: null, rate: null, ...extra });

let fake: Commands;

beforeEach(async () => {
  today = "2026-04-10";
  fake = createFakeBackend(clock);
  await ok(fake.setupShop({ shop_name: "Lakshmi Jewellers", address: "Jaipur", gstin: null, branch_code: "MAIN", owner_name: "Ravi Soni", owner_pin: "4321" }));
});

/** Enrolls a new customer in a saved plan on `start` and pays `paid` installments on their due days. */
async function enrolled(code: string, start: string, paid: number, installments: number | null = null): Promise<string> {
  const c = await ok(fake.addCustomer(person("Asha Verma", "9876543210")));
  const e = await ok(fake.enroll({ customer_code: c.code, plan_code: code, date: start, installments }));
  const detail = await ok(fake.enrollmentDetail(e.enrollment_no));
  for (const row of detail.evaluation.schedule.slice(0, paid)) {
    await ok(fake.recordPayment({ id: uuidv7(), enrollment_no: e.enrollment_no, amount: row.amount, mode: "upi", reference: "UPI1", date: row.due_date, confirm_duplicate: true }));
  }
  return e.enrollment_no;
}

describe("the plan simulator", () => {
  it("a_plan_paid_on_time_matures_with_its_full_bonus", async () => {
    const s = await ok(sim(plan(), "on time"));
    expect(s.payments).toHaveLength(11);
    expect(s.evaluation.schedule.every((l) => l.status === "paid")).toBe(true);
    expect(s.evaluation).toMatchObject({ state: "matured", total_paid: "55000.00", maturity_date: "2027-03-10", bonus_at_maturity: { money: "5000.00" } });
    expect(s.evaluation.closure).toMatchObject({ kind: "maturity", jewellery_value: "60000.00" });
    expect(s.rules_text[0]).toBe("Bonus at maturity: one installment (₹5,000.00).");
    expect(s.warnings).toEqual([]);
  });

  it("late_installments_cut_a_pro_rata_bonus_and_a_skipped_one_is_missed", async () => {
    const s = await ok(sim(plan({ lateness: { pro_rata_bonus: true } }), "late 3 7, skip 5"));
    const statuses = s.evaluation.schedule.map((l) => l.status);
    expect([statuses[2], statuses[4], statuses[6], statuses[5]]).toEqual(["paid_late", "missed", "paid_late", "paid"]);
    expect(s.evaluation.missed_installments).toEqual([5]);
    expect(s.evaluation.bonus_at_maturity.money).toBe("3636.36");
    expect(s.evaluation.explanation).toContain("Installments 3, 5 and 7 were not paid within the 7-day grace period.");
    expect(s.rules_text).toContain("An installment paid after the grace period reduces the bonus pro rata.");
  });

  it("closing_early_quotes_the_refund_with_the_plans_deductions_settlement_and_kept_benefit", async () => {
    const rules: PlanRules = { closure: { earliest_installments: 3, deductions: [{ kind: "percent_of_paid", percent: "2" }], settlement: "jewellery_only", benefit: "pro_rata" } };
    const s = await ok(sim(plan(rules), "close 6"));
    expect(s.evaluation.on).toBe("2026-10-10");
    expect(s.evaluation.closure).toMatchObject({
      kind: "premature", allowed: true, paid: "30000.00", cash_refund: null, jewellery_value: "32727.27",
      deductions: [{ label: "2% of the amount paid", amount: "600.00" }],
    });
    const early = await ok(sim(plan(rules), "close 2"));
    expect(early.evaluation.closure).toMatchObject({ allowed: false, refused_reason: "a premature closure needs at least 3 installments paid" });
  });

  it("a_tier_pick_sets_the_length_and_bonus_and_a_long_tier_is_warned", async () => {
    const s = await ok(sim(plan(TIERS, { bonus: "75% of installment" }), "on time", { installments: 6 }));
    expect(s.evaluation.schedule).toHaveLength(6);
    expect(s.evaluation.bonus_at_maturity.money).toBe("1500.00");
    expect(s.warnings[0]).toMatch(/^tenure of 18 months \(546 days\) exceeds 365 days/);
    expect(await refused(sim(plan(TIERS), "on time", { installments: 7 }))).toMatchObject({ code: "invalid_input", field: "installments" });
  });

  it("a_weight_plan_buys_gold_at_the_assumed_rate", async () => {
    const s = await ok(sim(plan(null, { kind: "weight", installment: "7000", purity: "22K", bonus: "none" }), "on time", { rate: "3500" }));
    expect(s.payments[0]).toMatchObject({ amount: "7000.00", grams: "2.000" });
    expect([s.evaluation.total_grams, s.evaluation.average_rate]).toEqual(["22.000", "3500.00"]);
  });

  it("an_unreadable_pattern_or_rule_is_refused_naming_its_field", async () => {
    expect(await refused(sim(plan(), "sometimes"))).toMatchObject({ field: "pattern" });
    expect(await refused(sim(plan(), "close 3 4"))).toMatchObject({ field: "pattern" });
    expect(await refused(sim(plan({ tiers: [{ installments: 6, bonus: "none" }] }), "on time"))).toMatchObject({ field: "rules.tiers" });
    expect(await refused(sim(plan({ max_pause_months: 13 }), "on time"))).toMatchObject({ field: "rules.max_pause_months" });
    expect(await refused(sim(plan({ tiers: [{ installments: 11, bonus: "a gift" }] }), "on time"))).toMatchObject({ field: "rules.tiers" });
    expect(await refused(fake.simulatePlan({ plan_code: null, plan: null, pattern: "", start: null, installments: null, rate: null }))).toMatchObject({ field: "plan_code" });
  });

  it("a_saved_plan_is_simulated_by_its_code", async () => {
    await ok(fake.createPlan(plan()));
    const s = await ok(fake.simulatePlan({ plan_code: "swarna11", plan: null, pattern: "skip 11", start: null, installments: null, rate: null }));
    expect(s.payments).toHaveLength(10);
    expect(await refused(fake.simulatePlan({ plan_code: "NOPE", plan: null, pattern: "", start: null, installments: null, rate: null }))).toMatchObject({ code: "not_found", field: "plan_code" });
  });
});

describe("plans with rules", () => {
  it("a_plan_keeps_its_rules_in_full_and_in_words", async () => {
    const p = await ok(fake.createPlan(plan({ max_pause_months: 2, lateness: { late_fee: { kind: "fixed", amount: "100" } } })));
    expect(p.rules).toMatchObject({ max_pause_months: 2, advance_payments: true, closure: { settlement: "cash_or_jewellery" } });
    expect(p.rules_text).toContain("May be paused for up to 2 months in all; maturity moves by the months paused.");
    expect(p.rules_text).toContain("Late fee: ₹100.00 per late installment.");
  });

  it("a_tier_pick_is_sent_with_the_enrollment", async () => {
    await ok(fake.createPlan(plan(TIERS, { bonus: "75% of installment" })));
    const c = await ok(fake.addCustomer(person("Asha Verma", "9876543210")));
    const e = await ok(fake.enroll({ customer_code: c.code, plan_code: "SWARNA11", date: null, installments: 18 }));
    expect(e).toMatchObject({ installments: 18, maturity_date: "2027-10-10", bonus_at_maturity: "7500.00" });
    const counter = await ok(fake.counterEnroll({ customer: person("Meera Iyer", "9988776655"), plan_code: "SWARNA11", installments: 6, payment_id: uuidv7(), amount: "5000", mode: "cash", reference: null }));
    expect(counter.enrollment).toMatchObject({ installments: 6, maturity_date: "2026-10-10" });
    expect(await refused(fake.enroll({ customer_code: c.code, plan_code: "SWARNA11", date: null, installments: 9 }))).toMatchObject({ field: "installments" });
  });
});

describe("mid-term events", () => {
  it("a_pause_moves_the_due_dates_and_maturity_within_the_plans_maximum", async () => {
    await ok(fake.createPlan(plan({ max_pause_months: 2 })));
    const no = await enrolled("SWARNA11", "2026-04-10", 1);
    const detail = await ok(fake.pauseEnrollment({ enrollment_no: no, from: "10-06-2026", months: 1, reason: "travel" }));
    expect(detail.enrollment.maturity_date).toBe("2027-04-10");
    expect(detail.evaluation.schedule[2].due_date).toBe("2026-07-10");
    expect(detail.evaluation.explanation).toContain("Paused for 1 month in all; maturity moved accordingly.");
    expect(await refused(fake.pauseEnrollment({ enrollment_no: no, from: "10-09-2026", months: 2, reason: null }))).toMatchObject({
      field: "months", message: "months: must be from 1 to 1 (the plan allows 2 in all; 1 used)",
    });
    expect(await refused(fake.pauseEnrollment({ enrollment_no: no, from: "01-04-2026", months: 1, reason: null }))).toMatchObject({ field: "from" });
    expect(await refused(fake.pauseEnrollment({ enrollment_no: no, from: "31-02-2026", months: 1, reason: null }))).toMatchObject({ field: "from" });
  });

  it("a_plan_without_pauses_refuses_one", async () => {
    await ok(fake.createPlan(plan()));
    const no = await enrolled("SWARNA11", "2026-04-10", 1);
    expect(await refused(fake.pauseEnrollment({ enrollment_no: no, from: "2026-05-10", months: 1, reason: null }))).toMatchObject({
      field: "months", message: "months: this plan does not allow pausing",
    });
  });

  it("an_upgrade_is_quoted_before_and_after_and_then_confirmed", async () => {
    await ok(fake.createPlan(plan({ changes_allowed: true })));
    const no = await enrolled("SWARNA11", "2026-01-10", 3);
    const quote = await ok(fake.changeQuote({ enrollment_no: no, installment: "7500", installments: null }));
    expect(quote.before).toMatchObject({ installments: 11, installment: "5000.00", total_payable: "55000.00", bonus_at_maturity: "5000.00" });
    expect(quote.after).toMatchObject({ installments: 11, installment: "7500.00", total_payable: "75000.00", bonus_at_maturity: "6818.18" });
    expect(quote.explanation[0]).toBe(
      "The ₹15,000.00 paid so far keeps counting: the 3 installments already due keep their amount; the rest are ₹7,500.00 each. Bonus at maturity ₹5,000.00 → ₹6,818.18.",
    );
    const detail = await ok(fake.changeEnrollment({ enrollment_no: no, installment: "7500", installments: null }));
    expect(detail.evaluation.schedule.map((l) => l.amount).slice(2, 4)).toEqual(["5000.00", "7500.00"]);
    expect(detail.enrollment.installment).toBe("7500.00");
    expect(await refused(fake.changeQuote({ enrollment_no: no, installment: null, installments: 2 }))).toMatchObject({ field: "installments" });
    expect(await refused(fake.changeQuote({ enrollment_no: no, installment: null, installments: null }))).toMatchObject({ field: "change" });
  });

  it("a_change_is_refused_when_the_plan_does_not_allow_it", async () => {
    await ok(fake.createPlan(plan()));
    const no = await enrolled("SWARNA11", "2026-04-10", 1);
    expect(await refused(fake.changeEnrollment({ enrollment_no: no, installment: "6000", installments: null }))).toMatchObject({
      code: "invalid_input", field: "change",
    });
  });

  it("a_tier_change_takes_the_new_tiers_bonus", async () => {
    await ok(fake.createPlan(plan({ ...TIERS, changes_allowed: true }, { bonus: "75% of installment" })));
    const no = await enrolled("SWARNA11", "2026-04-10", 1, 11);
    const quote = await ok(fake.changeQuote({ enrollment_no: no, installment: null, installments: 18 }));
    expect([quote.before.bonus_at_maturity, quote.after.bonus_at_maturity, quote.after.maturity_date]).toEqual(["3750.00", "7500.00", "2027-10-10"]);
    expect(await refused(fake.changeQuote({ enrollment_no: no, installment: null, installments: 12 }))).toMatchObject({ field: "installments" });
  });

  it("a_gift_is_given_once_it_is_earned_and_only_once", async () => {
    await ok(fake.createPlan(plan({ gifts: [{ after_installments: 2, item: "Silver coin", value: "500.00" }], closure: { deductions: [{ kind: "gifts_given" }] } })));
    const no = await enrolled("SWARNA11", "2026-03-10", 1);
    expect(await refused(fake.giveGift(no, "Silver coin"))).toMatchObject({ field: "item" });
    await ok(fake.recordPayment({ id: uuidv7(), enrollment_no: no, amount: "5000", mode: "upi", reference: "UPI2", date: null, confirm_duplicate: true }));
    const detail = await ok(fake.giveGift(no, "silver coin"));
    expect(detail.evaluation.gifts).toEqual([{ item: "Silver coin", value: "500.00", after_installments: 2, given: true }]);
    expect(detail.evaluation.closure.deductions).toContainEqual({ label: "Gifts given (Silver coin)", amount: "500.00" });
    expect(await refused(fake.giveGift(no, "Silver coin"))).toMatchObject({ code: "conflict", field: "item" });
  });

  it("a_festival_is_set_once_per_day_with_a_day_first_date", async () => {
    expect(await ok(fake.addFestival("Akshaya Tritiya", "19-04-2026"))).toBeNull();
    expect(await refused(fake.addFestival("Again", "2026-04-19"))).toMatchObject({ code: "conflict", field: "date" });
    expect(await refused(fake.addFestival("Dhanteras", "31-02-2026"))).toMatchObject({ field: "date" });
    expect(await refused(fake.addFestival("  ", "2026-10-18"))).toMatchObject({ field: "name" });
  });
});
