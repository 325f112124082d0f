// The plan simulator of the fake backend, as crates/domain's engine/simulate.rs: a payment pattern
// such as "late 3 7, skip 5, close 6" run on a plan, answered by the fake engine.

import type { SimulatedPayment } from "./bindings";
import { FieldProblem } from "./fake-kyc";
import { addDays, addMonths, calendar } from "./fake-plan";
import { type DatedPayment, type EngineFacts, type EngineTerms, evaluate } from "./fake-engine";
import { gramsFor } from "../money";

export type Pattern = { late: number[]; skipped: number[]; closeAfter: number | null; pauses: [number, number][] };

const PATTERN_HELP = 'clauses separated by commas: "on time", "late 3 7", "skip 5", "close 6", "pause 4 2" (before installment 4, for 2 months)';

/** Reads clauses like "on time, late 3 7, skip 5, close 6": the first word says what, the numbers say which installments. */
export function parsePattern(text: string): Pattern {
  const pattern: Pattern = { late: [], skipped: [], closeAfter: null, pauses: [] };
  for (const clause of text.split(/[,;]/).map((c) => c.trim()).filter(Boolean)) {
    const lower = clause.toLowerCase();
    const numbers = (lower.match(/\d+/g) ?? []).map(Number);
    if (numbers.some((n) => n < 1 || n > 60)) throw new FieldProblem("pattern", "installment numbers must be from 1 to 60");
    const word = lower.split(/\s+/)[0];
    if (["on", "ontime", "all"].includes(word)) continue;
    if (word.startsWith("late")) pattern.late.push(...numbers);
    else if (word.startsWith("skip") || word.startsWith("miss")) pattern.skipped.push(...numbers);
    else if (word.startsWith("close")) {
      if (numbers.length !== 1) throw new FieldProblem("pattern", 'close needs one installment number, e.g. "close 6"');
      pattern.closeAfter = numbers[0];
    } else if (word.startsWith("pause")) {
      if (numbers.length !== 2) throw new FieldProblem("pattern", "pause needs two numbers: before which installment, and how many months");
      pattern.pauses.push([numbers[0], numbers[1]]);
    } else throw new FieldProblem("pattern", `cannot read "${clause}"; use ${PATTERN_HELP}`);
  }
  return pattern;
}

/** Runs `pattern` on a plan enrolled on `start`; weight plans buy gold at `rate` throughout. */
export function simulate(terms: EngineTerms, start: string, pattern: Pattern, rate: string) {
  const plain = calendar(terms, { start });
  const pauses = pattern.pauses.flatMap(([before, months]) => {
    const slot = plain.slots[before - 1];
    return slot ? [{ from: slot.due_date, months }] : [];
  });
  const facts: EngineFacts = { start, pauses, changes: [], payments: [], giftsGiven: [] };
  const cal = calendar(terms, facts);
  const last = Math.min(pattern.closeAfter ?? cal.count, cal.count);
  const payments: DatedPayment[] = cal.slots
    .slice(0, last)
    .filter((slot) => !pattern.skipped.includes(slot.number))
    .map((slot) => {
      const late = addDays(slot.grace_ends, 3) < addDays(slot.window_ends, -1) ? addDays(slot.grace_ends, 3) : addDays(slot.window_ends, -1);
      const on = pattern.late.includes(slot.number) ? late : slot.due_date;
      return { on, amount: slot.amount, grams: terms.kind === "weight" ? gramsFor(slot.amount, rate) : "0.000" };
    });
  const closing = pattern.closeAfter !== null && pattern.closeAfter < cal.count;
  const missedMonths = terms.rules.lateness.extend_maturity ? pattern.skipped.length : 0;
  const maturity = addMonths(start, cal.count + cal.pauseMonths + missedMonths);
  const lastPaid = payments.reduce((d, p) => (p.on > d ? p.on : d), start);
  const on = closing ? cal.slots[pattern.closeAfter as number].due_date : maturity > lastPaid ? maturity : lastPaid;
  const evaluation = evaluate(terms, { ...facts, payments }, on);
  const simulated: SimulatedPayment[] = payments.map((p) => ({ date: p.on, amount: p.amount, grams: p.grams }));
  return { payments: simulated, evaluation };
}
