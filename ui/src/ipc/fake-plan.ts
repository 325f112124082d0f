// Plan terms for the in-browser fake backend: bonus rules, the calendar of due dates (after pauses
// and mid-term changes), and the installment schedule with its statuses.

import type { InstallmentStatus, InstallmentView, PlanView, Tier } from "./bindings";
import { FieldProblem } from "./fake-kyc";
import { BonusProblem, type BonusRule, canonicalBonus, readBonus } from "../bonus-rule";
import { compareMoney, fromPaise, multiplyMoney, parseScaled, percentOf, subtractMoney, sumMoney, toPaise } from "../money";
import { formatInr } from "../format";

export type Bonus = BonusRule;
export { canonicalBonus };

export function parseBonus(text: string, field = "bonus"): Bonus {
  try {
    return readBonus(text);
  } catch (e) {
    if (e instanceof BonusProblem) throw new FieldProblem(field, e.message);
    throw e;
  }
}

/** A sliding reward's percentage after `months` whole months (0 before it starts), as a decimal string. */
function slidingPercent(bonus: Extract<Bonus, { kind: "sliding" }>, months: number): string {
  if (months < bonus.fromMonth) return "0";
  if (months >= bonus.toMonth) return bonus.to;
  const [from, to] = [parseScaled(bonus.from, 2) ?? 0n, parseScaled(bonus.to, 2) ?? 0n];
  const step = (to - from) / BigInt(bonus.toMonth - bonus.fromMonth);
  return fromPaise(from + step * BigInt(months - bonus.fromMonth));
}

/**
 * The bonus in money at maturity, for one (average) installment and the total paid, redeemed after
 * `months` months. Grams and making-charge waivers are worth ₹0 here, as in the Rust engine.
 */
export function bonusAmount(bonus: Bonus, installment: string | null, totalPaid: string, months = 0): string {
  const one = installment ?? "0";
  switch (bonus.kind) {
    case "none":
    case "grams":
    case "making":
      return "0.00";
    case "installments":
      return multiplyMoney(one, bonus.count);
    case "percent_installment":
      return percentOf(one, bonus.percent);
    case "percent_total":
      return percentOf(totalPaid, bonus.percent);
    case "fixed":
      return bonus.amount;
    case "sliding":
      return percentOf(one, slidingPercent(bonus, Math.max(months, bonus.fromMonth)));
  }
}

export function describeBonus(bonus: Bonus, installment: string | null): string {
  const one = installment ?? "0";
  switch (bonus.kind) {
    case "none":
      return "No bonus";
    case "installments":
      return bonus.count === 1
        ? `One installment free at maturity (${formatInr(multiplyMoney(one, 1))})`
        : `${bonus.count} installments free at maturity (${formatInr(multiplyMoney(one, bonus.count))})`;
    case "percent_installment":
      return `${bonus.percent}% of one installment at maturity (${formatInr(percentOf(one, bonus.percent))})`;
    case "percent_total":
      return `${bonus.percent}% of the total paid, added at maturity`;
    case "fixed":
      return `A fixed ${formatInr(bonus.amount)} at maturity`;
    case "grams":
      return `${bonus.grams} g of gold at maturity`;
    case "making":
      return `${bonus.share}% off the making charge, on a making charge of up to ${bonus.cap}% of the item's value`;
    case "sliding":
      return `${bonus.from}% of one installment (${formatInr(percentOf(one, bonus.from))}) after ${bonus.fromMonth} months, rising to ${bonus.to}% (${formatInr(percentOf(one, bonus.to))}) after ${bonus.toMonth} months`;
  }
}

// ---- calendar on ISO dates ----

function daysInMonth(year: number, month1: number): number {
  return new Date(Date.UTC(year, month1, 0)).getUTCDate();
}

/** The date `months` months after `iso`, on `day` (default: the same day), clamped to the month's end. */
export function addMonths(iso: string, months: number, day?: number): string {
  const [y, m, d] = iso.split("-").map(Number);
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month1 = (index % 12) + 1;
  const dd = Math.min(day ?? d, daysInMonth(year, month1));
  return `${String(year).padStart(4, "0")}-${String(month1).padStart(2, "0")}-${String(dd).padStart(2, "0")}`;
}

export function addDays(iso: string, days: number): string {
  const t = Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

type Terms = Pick<PlanView, "kind" | "installment" | "min_amount" | "installments" | "due_day" | "grace_days" | "bonus" | "rules">;

/** What happened to an enrollment that moves its calendar: pauses and changes of amount or tier. */
export type CalendarFacts = {
  start: string;
  pauses?: readonly { from: string; months: number }[];
  changes?: readonly { on: string; installment: string | null; installments: number | null }[];
};

export type Slot = { number: number; due_date: string; grace_ends: string; window_ends: string; amount: string };

export type Calendar = { slots: Slot[]; count: number; bonus: string; pauseMonths: number; totalPayable: string };

/** The tier of exactly `installments`, if the plan has tiers. */
export function tierOf(terms: Pick<PlanView, "rules">, installments: number): Tier | undefined {
  return (terms.rules.tiers ?? []).find((t) => t.installments === installments);
}

function dueDates(terms: Terms, facts: CalendarFacts, count: number): string[] {
  const pauses = [...(facts.pauses ?? [])].sort((a, b) => a.from.localeCompare(b.from));
  let [shift, applied] = [0, 0];
  const dates = [facts.start];
  for (let n = 2; n <= count; n++) {
    for (;;) {
      const due = addMonths(facts.start, n - 1 + shift, terms.due_day ?? undefined);
      const pause = pauses[applied];
      if (pause && pause.from <= due) {
        shift += pause.months;
        applied += 1;
      } else {
        dates.push(due);
        break;
      }
    }
  }
  return dates;
}

const last = <T>(items: readonly T[]): T | undefined => items[items.length - 1];

/**
 * Installment 1 is due on the enrollment day, installment k on the due day of the (k − 1)th month
 * after, moved on by every pause that began before it. A change of amount applies to installments due
 * on or after it; a change of tier sets the count and the bonus.
 */
export function calendar(terms: Terms, facts: CalendarFacts): Calendar {
  const changes = facts.changes ?? [];
  const count = last(changes.filter((c) => c.installments !== null))?.installments ?? terms.installments;
  const dates = dueDates(terms, facts, count);
  const expected = terms.kind === "flexible" ? (terms.min_amount ?? "0.00") : (terms.installment ?? "0.00");
  const slots = dates.map((due_date, i) => ({
    number: i + 1,
    due_date,
    grace_ends: addDays(due_date, terms.grace_days),
    window_ends: dates[i + 1] ?? addMonths(due_date, 1),
    amount: last(changes.filter((c) => c.on <= due_date && c.installment !== null))?.installment ?? expected,
  }));
  return {
    slots,
    count,
    bonus: tierOf(terms, count)?.bonus ?? terms.bonus,
    pauseMonths: (facts.pauses ?? []).reduce((n, p) => n + p.months, 0),
    totalPayable: sumMoney(slots.map((s) => s.amount)),
  };
}

/** One installment for bonus purposes: the average over the plan (so an upgrade gets a prorated bonus). */
export function averageInstallment(cal: Calendar): string {
  return fromPaise((toPaise(cal.totalPayable) ?? 0n) / BigInt(Math.max(cal.count, 1)));
}

/** Enrollment + installments + paused (and extra) months, on the same day of the month. */
export function maturityDate(plan: Pick<PlanView, "installments">, start: string, extraMonths = 0): string {
  return addMonths(start, plan.installments + extraMonths);
}

function unpaidStatus(due: string, graceDays: number, today: string): InstallmentStatus {
  if (due > today) return "upcoming";
  if (due === today) return "due";
  return today <= addDays(due, graceDays) ? "in_grace" : "late";
}

/**
 * The schedule with payments applied. Amount and weight plans pour the total paid into installments in
 * order; flexible plans count each payment as one installment of whatever it was.
 */
export function schedule(
  plan: PlanView,
  start: string,
  payments: readonly { amount: string; installment_no: number }[],
  today: string,
  facts: Omit<CalendarFacts, "start"> = {},
): InstallmentView[] {
  const { slots } = calendar(plan, { ...facts, start });
  if (plan.kind === "flexible") {
    return slots.map(({ number, due_date, grace_ends, amount: minimum }) => {
      const own = payments.filter((p) => p.installment_no === number);
      const paid = fromPaise(own.reduce((s, p) => s + (toPaise(p.amount) ?? 0n), 0n));
      const amount = own.length ? paid : minimum;
      const status: InstallmentStatus = own.length ? "paid" : unpaidStatus(due_date, plan.grace_days, today);
      return { number, due_date, grace_ends, amount, paid, completed_on: null, status };
    });
  }
  let pool = fromPaise(payments.reduce((s, p) => s + (toPaise(p.amount) ?? 0n), 0n));
  return slots.map(({ number, due_date, grace_ends, amount: each }) => {
    const paid = compareMoney(pool, each) >= 0 ? each : compareMoney(pool, "0") > 0 ? pool : "0.00";
    pool = subtractMoney(pool, paid);
    const status: InstallmentStatus =
      compareMoney(paid, each) >= 0 ? "paid" : compareMoney(paid, "0") > 0 ? "partly_paid" : unpaidStatus(due_date, plan.grace_days, today);
    return { number, due_date, grace_ends, amount: each, paid, completed_on: null, status };
  });
}
