// The fake backend's scheme engine for dated payments (the plan simulator): a small model of
// crates/domain's engine — payments poured into the calendar, statuses (paid, paid late, late,
// missed…), late fees, the state, the maturity bonus with its reductions, gifts and the closure quote.
// Simplified: no interval, occasion or weight-band rewards, and grams bonuses are not reduced.

import type { BenefitView, EvaluationView, GiftView, InstallmentStatus, InstallmentView, PlanView } from "./bindings";
import type { GiftGiven } from "./fake-state";
import { type Calendar, type CalendarFacts, type Slot, addDays, addMonths, averageInstallment, bonusAmount, calendar, daysBetween, parseBonus } from "./fake-plan";
import { bonusInPlainWords } from "./fake-rules";
import { closureQuote, NO_BENEFIT } from "./fake-closure";
import type { FullRules } from "../plan-rules";
import { averageRate, compareMoney, fromMilligrams, fromPaise, percentOf, sumMoney, toMilligrams, toPaise } from "../money";
import { formatDate } from "../format";

export type DatedPayment = { on: string; amount: string; grams: string };
export type EngineFacts = CalendarFacts & { payments: readonly DatedPayment[]; giftsGiven: readonly GiftGiven[] };
export type EngineTerms = PlanView & { rules: FullRules };

const LATE: readonly InstallmentStatus[] = ["paid_late", "late", "missed"];

/** "4", "4 and 7", "2, 4 and 7". */
function list(numbers: readonly number[]): string {
  return numbers.length < 2 ? numbers.join("") : `${numbers.slice(0, -1).join(", ")} and ${numbers[numbers.length - 1]}`;
}

/** The installment whose month `day` falls in (the first before it starts, none after the last). */
function currentSlot(slots: readonly Slot[], day: string): number | null {
  if (slots.length > 0 && day < slots[0].due_date) return 0;
  const i = slots.findIndex((s) => s.due_date <= day && day < s.window_ends);
  return i < 0 ? null : i;
}

function statusOf(slot: Slot, paid: bigint, completed: string | null, on: string): InstallmentStatus {
  if (completed !== null) return completed <= slot.grace_ends ? "paid" : "paid_late";
  if (on >= slot.window_ends) return "missed";
  if (on > slot.grace_ends) return "late";
  if (paid > 0n) return "partly_paid";
  if (on < slot.due_date) return "upcoming";
  return on === slot.due_date ? "due" : "in_grace";
}

/** Each payment fills its own month first, then every installment in order, as the Rust allocation. */
export function allocate(cal: Calendar, payments: readonly DatedPayment[], on: string): InstallmentView[] {
  const expected = cal.slots.map((s) => toPaise(s.amount) ?? 0n);
  const paid = cal.slots.map(() => 0n);
  const completed: (string | null)[] = cal.slots.map(() => null);
  const received = payments.filter((p) => p.on <= on).sort((a, b) => a.on.localeCompare(b.on));
  for (const payment of received) {
    let left = toPaise(payment.amount) ?? 0n;
    const fill = (i: number) => {
      const room = expected[i] - paid[i] < left ? expected[i] - paid[i] : left;
      if (room > 0n) [paid[i], left] = [paid[i] + room, left - room];
    };
    const current = currentSlot(cal.slots, payment.on);
    if (current !== null) fill(current);
    cal.slots.forEach((_, i) => fill(i));
    if (paid.length > 0) paid[paid.length - 1] += left;
    cal.slots.forEach((_, i) => {
      if (completed[i] === null && paid[i] >= expected[i] && paid[i] > 0n) completed[i] = payment.on;
    });
  }
  return cal.slots.map((slot, i) => ({
    number: slot.number,
    due_date: slot.due_date,
    grace_ends: slot.grace_ends,
    amount: slot.amount,
    paid: fromPaise(paid[i]),
    completed_on: completed[i],
    status: statusOf(slot, paid[i], completed[i], on),
  }));
}

/** Installments not fully paid by the time the next one fell due (now, or before it was made up). */
function missedOf(cal: Calendar, lines: readonly InstallmentView[], on: string): number[] {
  return lines.filter((l, i) => (l.completed_on ?? on) >= cal.slots[i].window_ends).map((l) => l.number);
}

function lateFees(rules: FullRules, lines: readonly InstallmentView[], on: string): string {
  const fee = rules.lateness.late_fee;
  if (!fee) return "0.00";
  const late = lines.filter((l) => LATE.includes(l.status));
  if (fee.kind === "fixed") return sumMoney(late.map(() => fee.amount));
  // A share of the installment for every month (or part) it is late.
  const feeFor = (l: InstallmentView) => {
    const months = Math.ceil(Math.max(1, daysBetween(l.grace_ends, l.completed_on ?? on)) / 30);
    return fromPaise((toPaise(percentOf(l.amount, fee.percent)) ?? 0n) * BigInt(months));
  };
  return sumMoney(late.map(feeFor));
}

function stateOn(rules: FullRules, facts: EngineFacts, missed: number, on: string, maturity: string, redeemBy: string | null): string {
  const limit = rules.lateness.default_after_missed;
  if (limit !== null && missed >= limit) return "defaulted";
  if (on >= maturity) return redeemBy !== null && on > redeemBy ? "redemption_overdue" : "matured";
  if ((facts.pauses ?? []).some((p) => p.from <= on && on < addMonths(p.from, p.months))) return "paused";
  return "active";
}

type Bonuses = { atMaturity: BenefitView; soFar: BenefitView; explanation: string[] };

function bonuses(terms: EngineTerms, cal: Calendar, lines: readonly InstallmentView[], state: string, on: string, maturity: string): Bonuses {
  const rule = parseBonus(cal.bonus);
  const installment = averageInstallment(cal);
  const months = Math.max(rule.kind === "sliding" ? rule.fromMonth : 0, cal.count);
  const full = bonusAmount(rule, installment, cal.totalPayable, months);
  const grams = rule.kind === "grams" ? rule.grams : "0.000";
  const late = lines.filter((l) => LATE.includes(l.status)).map((l) => l.number);
  const explanation: string[] = [];
  let money = full;
  if (state === "defaulted") {
    money = "0.00";
    explanation.push(`No maturity bonus: installments were missed, and the plan ends its bonus after ${terms.rules.lateness.default_after_missed}.`);
  } else if (terms.rules.lateness.pro_rata_bonus && late.length > 0) {
    const onTime = BigInt(cal.count - Math.min(late.length, cal.count));
    money = fromPaise(((toPaise(full) ?? 0n) * onTime) / BigInt(Math.max(cal.count, 1)));
    explanation.push(`Bonus reduced by ${late.length}/${cal.count} because installment${late.length === 1 ? "" : "s"} ${list(late)} ${late.length === 1 ? "was" : "were"} not paid within the grace period.`);
  }
  const label = `Maturity bonus: ${bonusInPlainWords(rule, installment, cal.totalPayable)}`;
  const waiver = rule.kind === "making" && state !== "defaulted" ? `${rule.share}% off making charges up to ${rule.cap}%` : null;
  const has = compareMoney(money, "0") > 0 || grams !== "0.000";
  const atMaturity: BenefitView = { money, grams, waiver, lines: has ? [{ label, money, grams }] : [] };
  const fullyPaid = lines.every((l) => l.status === "paid" || l.status === "paid_late");
  return { atMaturity, soFar: on >= maturity && fullyPaid ? atMaturity : NO_BENEFIT, explanation };
}

/** Gifts whose milestone the paid installments have reached, and whether each was given. */
export function giftsEarned(rules: FullRules, paidCount: number, given: readonly GiftGiven[]): GiftView[] {
  return rules.gifts
    .filter((g) => g.after_installments <= paidCount)
    .map((g) => ({ item: g.item, value: g.value, after_installments: g.after_installments, given: given.some((x) => x.item === g.item) }));
}

function explain(terms: EngineTerms, cal: Calendar, lines: readonly InstallmentView[], missed: number[], maturity: string): string[] {
  const out: string[] = [];
  const late = lines.filter((l) => LATE.includes(l.status)).map((l) => l.number);
  const s = (n: number) => (n === 1 ? "" : "s");
  if (late.length > 0) out.push(`Installment${s(late.length)} ${list(late)} ${late.length === 1 ? "was" : "were"} not paid within the ${terms.grace_days}-day grace period.`);
  const unpaid = lines.filter((l) => l.status === "missed").length;
  if (terms.rules.lateness.extend_maturity && missed.length > 0) {
    out.push(`Maturity moved by ${missed.length} month${s(missed.length)} for the missed installment${s(missed.length)}: now ${formatDate(maturity)}.`);
  } else if (unpaid > 0) {
    out.push(`${unpaid} installment${s(unpaid)} still unpaid after the next one fell due.`);
  }
  if (cal.pauseMonths > 0) out.push(`Paused for ${cal.pauseMonths} month${s(cal.pauseMonths)} in all; maturity moved accordingly.`);
  return out;
}

/** What is still unpaid of an installment (never negative). */
function shortfall(l: InstallmentView): string {
  const left = (toPaise(l.amount) ?? 0n) - (toPaise(l.paid) ?? 0n);
  return fromPaise(left > 0n ? left : 0n);
}

/** The engine's answer for an enrollment under `terms` with `facts`, as of the day `on`. */
export function evaluate(terms: EngineTerms, facts: EngineFacts, on: string): EvaluationView {
  const cal = calendar(terms, facts);
  const lines = allocate(cal, facts.payments, on);
  const missed = missedOf(cal, lines, on);
  const maturity = addMonths(facts.start, cal.count + cal.pauseMonths + (terms.rules.lateness.extend_maturity ? missed.length : 0));
  const redeemBy = terms.rules.redemption_window_days === null ? null : addDays(maturity, terms.rules.redemption_window_days);
  const state = stateOn(terms.rules, facts, missed.length, on, maturity, redeemBy);
  const { atMaturity, soFar, explanation } = bonuses(terms, cal, lines, state, on, maturity);
  const received = facts.payments.filter((p) => p.on <= on);
  const totalPaid = sumMoney(received.map((p) => p.amount));
  const totalGrams = fromMilligrams(received.reduce((n, p) => n + (toMilligrams(p.grams) ?? 0n), 0n));
  const paidCount = lines.filter((l) => l.status === "paid" || l.status === "paid_late").length;
  const remaining = (toPaise(cal.totalPayable) ?? 0n) - (toPaise(totalPaid) ?? 0n);
  const ev: Omit<EvaluationView, "closure"> = {
    on,
    state,
    schedule: lines,
    total_paid: totalPaid,
    total_payable: cal.totalPayable,
    remaining: fromPaise(remaining > 0n ? remaining : 0n),
    outstanding: sumMoney(lines.filter((l) => l.due_date <= on).map(shortfall)),
    late_fees: lateFees(terms.rules, lines, on),
    paid_installments: paidCount,
    late_installments: lines.filter((l) => LATE.includes(l.status)).map((l) => l.number),
    missed_installments: missed,
    total_grams: totalGrams,
    average_rate: terms.kind === "weight" ? averageRate(totalPaid, totalGrams) : null,
    bonus_so_far: soFar,
    bonus_at_maturity: atMaturity,
    maturity_date: maturity,
    redeem_by: redeemBy,
    gifts: giftsEarned(terms.rules, paidCount, facts.giftsGiven),
    explanation: [...explain(terms, cal, lines, missed, maturity), ...explanation],
  };
  return { ...ev, closure: closureQuote({ rules: terms.rules, cal, start: facts.start, ev, giftsGiven: facts.giftsGiven }) };
}
