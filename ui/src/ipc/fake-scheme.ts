// The fake backend's scheme commands, as crates/app's simulation.rs and scheme.rs: the plan simulator,
// and the mid-term events on an enrollment (pauses, upgrades and downgrades, gifts handed over) plus
// the shop's festival days. Each is checked the way the Rust engine checks it before it is recorded.

import type { ChangeInput, ChangeQuoteView, PauseInput, PlanView, SimulateInput, SimulationView, SummaryView } from "./bindings";
import * as kyc from "./fake-kyc";
import { FieldProblem } from "./fake-kyc";
import { addMonths, schedule } from "./fake-plan";
import { describeRules, tenureWarning } from "./fake-rules";
import { giftsEarned } from "./fake-engine";
import { parsePattern, simulate } from "./fake-simulate";
import { checkPlan } from "./fake-plans";
import { calendarOf, enrollmentDetail, enrollmentOrRefuse, enrollmentView, paymentsOf, termsWithTier } from "./fake-enrollments";
import { fullRules } from "../plan-rules";
import { formatInr } from "../format";
import { type Commands, type Enrollment, type FakeState, type Pause, Refusal, requireShop, run, type TermsChange } from "./fake-state";

const NOMINAL_RATE = "7000.00";

function simulationTerms(s: FakeState, input: SimulateInput): PlanView {
  const code = kyc.optionalText(input.plan_code)?.toUpperCase() ?? null;
  let terms: PlanView;
  // As in Rust, a plan still being written needs its terms, not yet its name or code.
  if (input.plan) terms = checkPlan(s, { ...input.plan, name: input.plan.name.trim() || "Draft" }, "DRAFT");
  else if (code !== null) {
    const saved = s.plans.get(code);
    if (!saved) throw new Refusal("not_found", `plan ${code} was not found`, "plan_code");
    terms = saved;
  } else throw new FieldProblem("plan_code", "give a plan code or a plan");
  return termsWithTier(terms, input.installments);
}

function simulatePlan(s: FakeState, input: SimulateInput): SimulationView {
  const terms = simulationTerms(s, input);
  const start = kyc.optionalText(input.start) ? kyc.anyDate("start", input.start ?? "") : s.clock.today();
  const rate = kyc.optionalText(input.rate) ? kyc.positiveMoney("rate", input.rate) : NOMINAL_RATE;
  const pattern = parsePattern(input.pattern);
  const rules = fullRules(terms.rules);
  const { payments, evaluation } = simulate({ ...terms, rules }, start, pattern, rate);
  const warning = tenureWarning(terms.installments, rules);
  return { payments, evaluation, rules_text: describeRules(terms, rules), warnings: warning ? [warning] : [] };
}

const covers = (p: { from: string; months: number }, day: string) => p.from <= day && day < addMonths(p.from, p.months);

/** A pause must be allowed, start between enrollment and maturity, not overlap another, and keep within the plan's maximum. */
function checkPause(s: FakeState, e: Enrollment, pause: Pause): void {
  const max = fullRules(e.terms.rules).max_pause_months;
  if (max === 0) throw new FieldProblem("months", "this plan does not allow pausing");
  const used = e.pauses.reduce((n, p) => n + p.months, 0);
  if (!Number.isInteger(pause.months) || pause.months < 1 || used + pause.months > max) {
    throw new FieldProblem("months", `must be from 1 to ${Math.max(max - used, 0)} (the plan allows ${max} in all; ${used} used)`);
  }
  const maturity = enrollmentView(s, e).maturity_date;
  if (pause.from < e.start || pause.from >= maturity) throw new FieldProblem("from", "must be between the enrollment day and maturity");
  if (e.pauses.some((p) => covers(p, pause.from) || covers(pause, p.from))) throw new FieldProblem("from", "overlaps an earlier pause");
}

function changeOf(s: FakeState, input: ChangeInput): TermsChange {
  const installment = kyc.optionalText(input.installment) ? kyc.positiveMoney("installment", input.installment) : null;
  return { on: s.clock.today(), installment, installments: input.installments };
}

function summary(s: FakeState, e: Enrollment): SummaryView {
  const view = enrollmentView(s, e);
  const cal = calendarOf(e);
  const next = cal.slots.find((slot) => slot.due_date >= s.clock.today()) ?? cal.slots[cal.slots.length - 1];
  return {
    installments: cal.count,
    installment: next?.amount ?? "0.00",
    total_payable: cal.totalPayable,
    bonus_at_maturity: view.bonus_at_maturity,
    maturity_date: view.maturity_date,
  };
}

function checkNewLength(s: FakeState, e: Enrollment, n: number): void {
  const tiers = (e.terms.rules.tiers ?? []).map((t) => t.installments);
  if (tiers.length > 0 && !tiers.includes(n)) throw new FieldProblem("installments", `must be one of the plan's tiers: ${tiers.join(", ")}`);
  if (!Number.isInteger(n) || n > 60) throw new FieldProblem("installments", "must be a whole number from 1 to 60");
  const rows = schedule(e.terms, e.start, paymentsOf(s, e.no), s.clock.today(), e);
  const done = Math.max(rows.filter((r) => r.due_date <= s.clock.today()).length, rows.filter((r) => r.status === "paid").length);
  if (n < Math.max(done, 1)) throw new FieldProblem("installments", `cannot be fewer than the ${done} installments already due or paid`);
}

/** The before/after of a change of installment and/or tier, checked as crates/domain's quote_change. */
function quoteChange(s: FakeState, e: Enrollment, change: TermsChange): ChangeQuoteView {
  if (!fullRules(e.terms.rules).changes_allowed) throw new FieldProblem("change", "this plan does not allow changing the installment or tier");
  if (change.installment === null && change.installments === null) {
    throw new FieldProblem("change", "give a new installment amount or a new number of installments");
  }
  if (change.installment !== null && e.terms.kind === "flexible") {
    throw new FieldProblem("installment", "must be greater than zero, on an amount or weight plan");
  }
  if (change.installments !== null) checkNewLength(s, e, change.installments);
  const before = summary(s, e);
  const after = summary(s, { ...e, changes: [...e.changes, change] });
  const paid = enrollmentView(s, e).total_paid;
  const due = calendarOf(e).slots.filter((slot) => slot.due_date < change.on).length;
  const explanation = [
    `The ${formatInr(paid)} paid so far keeps counting: the ${due} installment${due === 1 ? "" : "s"} already due keep their amount; ` +
      `the rest are ${formatInr(after.installment)} each. Bonus at maturity ${formatInr(before.bonus_at_maturity)} → ${formatInr(after.bonus_at_maturity)}.`,
  ];
  return { before, after, explanation };
}

function giveGift(s: FakeState, no: string, item: string) {
  requireShop(s);
  const e = enrollmentOrRefuse(s, no);
  const earned = giftsEarned(fullRules(e.terms.rules), enrollmentView(s, e).paid_installments, e.gifts);
  const gift = earned.find((g) => g.item.toLowerCase() === item.trim().toLowerCase());
  if (!gift) throw new FieldProblem("item", "is not a gift this enrollment has earned yet");
  if (gift.given) throw new Refusal("conflict", `${gift.item} was already given`, "item");
  e.gifts.push({ item: gift.item, value: gift.value, on: s.clock.today() });
  return enrollmentDetail(s, e.no);
}

export function schemeCommands(
  s: FakeState,
): Pick<Commands, "simulatePlan" | "pauseEnrollment" | "changeQuote" | "changeEnrollment" | "giveGift" | "addFestival"> {
  return {
    simulatePlan: (input: SimulateInput) => run(() => simulatePlan(s, input)),
    pauseEnrollment: (input: PauseInput) =>
      run(() => {
        requireShop(s);
        const pause: Pause = { from: kyc.anyDate("from", input.from), months: input.months, reason: kyc.optionalText(input.reason) };
        const e = enrollmentOrRefuse(s, input.enrollment_no);
        checkPause(s, e, pause);
        e.pauses.push(pause);
        return enrollmentDetail(s, e.no);
      }),
    changeQuote: (input: ChangeInput) => run(() => quoteChange(s, enrollmentOrRefuse(s, input.enrollment_no), changeOf(s, input))),
    changeEnrollment: (input: ChangeInput) =>
      run(() => {
        requireShop(s);
        const e = enrollmentOrRefuse(s, input.enrollment_no);
        const change = changeOf(s, input);
        quoteChange(s, e, change);
        e.changes.push(change);
        return enrollmentDetail(s, e.no);
      }),
    giveGift: (enrollmentNo: string, item: string) => run(() => giveGift(s, enrollmentNo, item)),
    addFestival: (name: string, date: string) =>
      run((): null => {
        requireShop(s);
        const festival = { name: kyc.requiredText("name", name), date: kyc.anyDate("date", date) };
        if (s.festivals.some((f) => f.date === festival.date)) throw new Refusal("conflict", `a festival is already set on ${festival.date}`, "date");
        s.festivals.push(festival);
        return null;
      }),
  };
}
