// Plan terms for the in-browser fake backend: bonus rules, the installment schedule and its statuses.

import type { InstallmentStatus, InstallmentView, PlanView } from "./bindings";
import { FieldProblem } from "./fake-kyc";
import { compareMoney, fromPaise, multiplyMoney, percentOf, subtractMoney, toPaise } from "../money";
import { formatInr } from "../format";

export type Bonus =
  | { kind: "none" }
  | { kind: "installments"; count: number }
  | { kind: "percent_installment"; percent: string }
  | { kind: "percent_total"; percent: string };

export function parseBonus(text: string): Bonus {
  const v = text.trim().toLowerCase().replace(/\s+/g, " ");
  if (v === "" || v === "none" || v === "no bonus") return { kind: "none" };
  let m = /^(\d+) installments?$/.exec(v);
  if (m && Number(m[1]) > 0) return { kind: "installments", count: Number(m[1]) };
  m = /^(\d+(?:\.\d{1,2})?) ?% of (?:the |one )?installment$/.exec(v);
  if (m) return { kind: "percent_installment", percent: m[1] };
  m = /^(\d+(?:\.\d{1,2})?) ?% of (?:the )?total$/.exec(v);
  if (m) return { kind: "percent_total", percent: m[1] };
  throw new FieldProblem("bonus", 'write "none", "1 installment", "50% of installment" or "5% of total"');
}

export function canonicalBonus(bonus: Bonus): string {
  switch (bonus.kind) {
    case "none":
      return "none";
    case "installments":
      return `${bonus.count} installment${bonus.count === 1 ? "" : "s"}`;
    case "percent_installment":
      return `${bonus.percent}% of installment`;
    case "percent_total":
      return `${bonus.percent}% of total`;
  }
}

/** The shop's bonus at maturity for a plan, given what was paid in total. */
export function bonusAmount(bonus: Bonus, installment: string | null, totalPaid: string): string {
  switch (bonus.kind) {
    case "none":
      return "0.00";
    case "installments":
      return multiplyMoney(installment ?? "0", bonus.count);
    case "percent_installment":
      return percentOf(installment ?? "0", bonus.percent);
    case "percent_total":
      return percentOf(totalPaid, bonus.percent);
  }
}

export function describeBonus(bonus: Bonus, installment: string | null): string {
  switch (bonus.kind) {
    case "none":
      return "No bonus";
    case "installments":
      return bonus.count === 1
        ? `One installment free at maturity (${formatInr(multiplyMoney(installment ?? "0", 1))})`
        : `${bonus.count} installments free at maturity (${formatInr(multiplyMoney(installment ?? "0", bonus.count))})`;
    case "percent_installment":
      return `${bonus.percent}% of one installment at maturity (${formatInr(percentOf(installment ?? "0", bonus.percent))})`;
    case "percent_total":
      return `${bonus.percent}% of the total paid, added at maturity`;
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

/** Due dates: the first installment on the enrollment day, then monthly (on the plan's due day if set). */
export function dueDates(plan: Pick<PlanView, "installments" | "due_day">, start: string): string[] {
  const dates = [start];
  for (let i = 1; i < plan.installments; i++) dates.push(addMonths(start, i, plan.due_day ?? undefined));
  return dates;
}

export function maturityDate(plan: Pick<PlanView, "installments" | "due_day">, start: string): string {
  return addMonths(start, plan.installments, plan.due_day ?? undefined);
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
): InstallmentView[] {
  const dates = dueDates(plan, start);
  if (plan.kind === "flexible") {
    return dates.map((due_date, i) => {
      const own = payments.filter((p) => p.installment_no === i + 1);
      const paid = fromPaise(own.reduce((s, p) => s + (toPaise(p.amount) ?? 0n), 0n));
      const amount = own.length ? paid : (plan.min_amount ?? "0.00");
      const status: InstallmentStatus = own.length ? "paid" : unpaidStatus(due_date, plan.grace_days, today);
      return { number: i + 1, due_date, grace_ends: addDays(due_date, plan.grace_days), amount, paid, completed_on: null, status };
    });
  }
  const each = plan.installment ?? "0.00";
  let pool = fromPaise(payments.reduce((s, p) => s + (toPaise(p.amount) ?? 0n), 0n));
  return dates.map((due_date, i) => {
    const paid = compareMoney(pool, each) >= 0 ? each : compareMoney(pool, "0") > 0 ? pool : "0.00";
    pool = subtractMoney(pool, paid);
    const status: InstallmentStatus =
      compareMoney(paid, each) >= 0 ? "paid" : compareMoney(paid, "0") > 0 ? "partly_paid" : unpaidStatus(due_date, plan.grace_days, today);
    return { number: i + 1, due_date, grace_ends: addDays(due_date, plan.grace_days), amount: each, paid, completed_on: null, status };
  });
}
