// A plan's rules in the fake backend: the checks the Rust domain makes (PlanRules::check and what its
// JSON reading refuses), the rules in plain words (rules::describe), and the tenure warning.

import type { PlanRules, PlanView } from "./bindings";
import { FieldProblem } from "./fake-kyc";
import { addMonths, daysBetween, parseBonus } from "./fake-plan";
import { BonusProblem, type BonusRule, readPercent } from "../bonus-rule";
import { type FullRules, fullRules } from "../plan-rules";
import { multiplyMoney, percentOf, toPaise } from "../money";
import { formatInr } from "../format";

function whole(field: string, value: unknown, min: number, max: number, problem: string): void {
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) throw new FieldProblem(field, problem);
}

function percent(field: string, value: unknown): void {
  try {
    readPercent(String(value ?? ""));
  } catch (e) {
    if (e instanceof BonusProblem) throw new FieldProblem(field, e.message);
    throw e;
  }
}

function checkTiers(rules: FullRules, installments: number): void {
  if (rules.tiers.length === 0) return;
  rules.tiers.forEach((t) => whole("rules.tiers", t.installments, 1, 60, "each tier must have 1 to 60 installments"));
  if (rules.tiers.some((t, i) => i > 0 && rules.tiers[i - 1].installments >= t.installments)) {
    throw new FieldProblem("rules.tiers", "must be listed from shortest to longest, each length once");
  }
  if (!rules.tiers.some((t) => t.installments === installments)) {
    throw new FieldProblem("rules.tiers", "must include the plan's own number of installments");
  }
  for (const t of rules.tiers) parseBonus(t.bonus, "rules.tiers");
}

function checkLateness(rules: FullRules): void {
  const { late_fee, default_after_missed } = rules.lateness;
  if (default_after_missed !== null) whole("rules.lateness.default_after_missed", default_after_missed, 1, 60, "must be 1 to 60 installments");
  if (late_fee?.kind === "fixed" && !((toPaise(late_fee.amount ?? "") ?? 0n) > 0n)) throw new FieldProblem("rules.lateness.late_fee", "must be greater than zero");
  else if (late_fee?.kind === "percent_per_month") percent("rules.lateness.late_fee", late_fee.percent);
  else if (late_fee && late_fee.kind !== "fixed") throw new FieldProblem("rules.lateness.late_fee", 'kind must be "fixed" or "percent_per_month"');
}

function checkClosure(rules: FullRules): void {
  const c = rules.closure;
  whole("rules.closure", c.earliest_installments, 0, 60, "installment counts must be at most 60");
  whole("rules.closure", c.benefit_from_installments, 0, 60, "installment counts must be at most 60");
  whole("rules.closure.earliest_days", c.earliest_days, 0, 3650, "can be at most 3650 days");
  if (!["cash_or_jewellery", "jewellery_only", "cash_only"].includes(c.settlement)) {
    throw new FieldProblem("rules.closure.settlement", 'must be "cash_or_jewellery", "jewellery_only" or "cash_only"');
  }
  if (!["none", "lower_tier", "pro_rata"].includes(c.benefit)) throw new FieldProblem("rules.closure.benefit", 'must be "none", "lower_tier" or "pro_rata"');
  for (const d of c.deductions) {
    if (d.kind === "gifts_given") continue;
    if (!["percent_of_paid", "percent_of_first_installment", "gateway", "gst"].includes(d.kind)) {
      throw new FieldProblem("rules.closure.deductions", `unknown deduction "${d.kind}"`);
    }
    percent("rules.closure.deductions", d.percent);
    if (d.kind === "percent_of_first_installment") whole("rules.closure.deductions", d.fewer_than, 1, 60, '"fewer than" must be at least 1 installment');
  }
}

/** The rules with defaults filled in, or a FieldProblem naming the first rule that does not hold. */
export function checkRules(given: PlanRules | null, installments: number): FullRules {
  const rules = fullRules(given);
  checkTiers(rules, installments);
  for (const g of rules.gifts) {
    if (!g.item?.trim()) throw new FieldProblem("rules.gifts", "each gift needs a name");
    whole("rules.gifts", g.after_installments, 1, 60, "a gift needs a milestone of at least 1 installment");
    if ((toPaise(g.value ?? "") ?? -1n) < 0n) throw new FieldProblem("rules.gifts", "a gift's value must be an amount like 250");
  }
  checkLateness(rules);
  checkClosure(rules);
  whole("rules.max_pause_months", rules.max_pause_months, 0, 12, "can be at most 12 months");
  if (rules.payment_step !== null && !((toPaise(rules.payment_step) ?? 0n) > 0n)) throw new FieldProblem("rules.payment_step", "must be greater than zero");
  if (rules.redemption_window_days !== null) whole("rules.redemption_window_days", rules.redemption_window_days, 0, 3650, "can be at most 3650 days");
  return rules;
}

/** The Rust domain's tenure warning: a plan (or tier) running past 365 days. */
export function tenureWarning(installments: number, rules: PlanRules): string | null {
  const longest = Math.max(installments, ...(rules.tiers ?? []).map((t) => t.installments));
  const days = daysBetween("2025-01-01", addMonths("2025-01-01", longest));
  if (days <= 365) return null;
  return `tenure of ${longest} months (${days} days) exceeds 365 days: installments held longer than a year may be treated as deposits rather than advances against jewellery`;
}

/** A bonus for the customer, as the Rust BonusRule::describe words it. */
export function bonusInPlainWords(bonus: BonusRule, installment: string, total: string): string {
  switch (bonus.kind) {
    case "none":
      return "no bonus at maturity";
    case "installments":
      return bonus.count === 1 ? `one installment (${formatInr(installment)})` : `${bonus.count} installments (${formatInr(multiplyMoney(installment, bonus.count))})`;
    case "percent_installment":
      return `${bonus.percent}% of one installment (${formatInr(percentOf(installment, bonus.percent))})`;
    case "percent_total":
      return `${bonus.percent}% of the total paid (${formatInr(percentOf(total, bonus.percent))} when every installment is paid)`;
    case "fixed":
      return `a fixed ${formatInr(bonus.amount)}`;
    case "grams":
      return `${bonus.grams} g of gold`;
    case "making":
      return `${bonus.share}% off the making charge, on a making charge of up to ${bonus.cap}% of the item's value`;
    case "sliding":
      return `${bonus.from}% of one installment (${formatInr(percentOf(installment, bonus.from))}) after ${bonus.fromMonth} months, rising to ${bonus.to}% (${formatInr(percentOf(installment, bonus.to))}) after ${bonus.toMonth} months`;
  }
}

type Described = Pick<PlanView, "kind" | "installment" | "min_amount" | "installments" | "grace_days" | "bonus">;

function lateness(terms: Described, rules: FullRules): string[] {
  const out = [`Each installment is due monthly with ${terms.grace_days} days' grace.`];
  const { pro_rata_bonus, extend_maturity, late_fee, default_after_missed } = rules.lateness;
  if (pro_rata_bonus) out.push("An installment paid after the grace period reduces the bonus pro rata.");
  if (extend_maturity) out.push("Each missed installment moves maturity by one month.");
  if (late_fee?.kind === "fixed") out.push(`Late fee: ${formatInr(late_fee.amount)} per late installment.`);
  if (late_fee?.kind === "percent_per_month") out.push(`Late fee: ${late_fee.percent}% of the installment per month late.`);
  if (default_after_missed !== null) out.push(`After ${default_after_missed} missed installments the plan is defaulted and loses its bonus.`);
  return out;
}

function closure(rules: FullRules): string[] {
  const c = rules.closure;
  const out: string[] = [];
  if (c.earliest_installments > 0 || c.earliest_days > 0) out.push(`May close early after ${c.earliest_installments} installments and ${c.earliest_days} days.`);
  const deductions = c.deductions.map((d) => {
    if (d.kind === "percent_of_paid") return `${d.percent}% of the amount paid`;
    if (d.kind === "percent_of_first_installment") return `${d.percent}% of the first installment if fewer than ${d.fewer_than} are paid`;
    if (d.kind === "gateway") return `${d.percent}% payment-gateway charges`;
    if (d.kind === "gst") return `${d.percent}% GST`;
    return "the value of gifts given";
  });
  if (deductions.length > 0) out.push(`An early refund deducts ${deductions.join(", ")}.`);
  out.push(
    c.settlement === "jewellery_only"
      ? "An early closure is settled in jewellery only."
      : c.settlement === "cash_only"
        ? "An early closure is refunded in cash."
        : "An early closure may be taken in cash or jewellery.",
  );
  if (c.benefit === "lower_tier") out.push("Closed early, the plan earns the benefit of the longest option completed.");
  if (c.benefit === "pro_rata") out.push("Closed early, the plan keeps a pro-rata share of the bonus.");
  if (c.benefit_from_installments > 0) out.push(`No benefit with fewer than ${c.benefit_from_installments} installments paid.`);
  return out;
}

/** One sentence per rule, in the order a customer asks (as crates/domain's rules::describe). */
export function describeRules(terms: Described, rules: FullRules): string[] {
  const installment = (terms.kind === "flexible" ? terms.min_amount : terms.installment) ?? "0.00";
  const total = multiplyMoney(installment, terms.installments);
  const out = [`Bonus at maturity: ${bonusInPlainWords(parseBonus(terms.bonus), installment, total)}.`];
  for (const tier of rules.tiers) {
    out.push(`${tier.installments}-month option: ${bonusInPlainWords(parseBonus(tier.bonus), installment, multiplyMoney(installment, tier.installments))}.`);
  }
  if (rules.interval_reward) out.push(`Every ${rules.interval_reward.every} installments paid on time earn ${rules.interval_reward.reward}.`);
  const occasion = rules.occasion_bonus;
  if (occasion) {
    const when = [
      occasion.birthday_month ? "in the customer's birthday month" : "",
      occasion.anniversary_month ? "in their anniversary month" : "",
      occasion.festivals ? "on the shop's festival days" : "",
    ].filter(Boolean);
    out.push(`Payments made ${when.join(", ")} earn ${occasion.reward}.`);
  }
  for (const band of rules.weight_bands) out.push(`Gold bought on days ${band.from_day}–${band.to_day} earns ${band.percent}% extra grams.`);
  for (const gift of rules.gifts) out.push(`Gift after ${gift.after_installments} installments: ${gift.item} (worth ${formatInr(gift.value)}).`);
  out.push(...lateness(terms, rules));
  out.push(rules.advance_payments ? "Installments may be paid in advance." : "No advance payments: one installment per month.");
  if (rules.max_pause_months > 0) out.push(`May be paused for up to ${rules.max_pause_months} months in all; maturity moves by the months paused.`);
  if (rules.changes_allowed) out.push("The installment or tier may be changed mid-term; installments already due keep their amount.");
  if (rules.payment_step) out.push(`Each payment is a multiple of ${formatInr(rules.payment_step)}.`);
  out.push(...closure(rules));
  if (rules.redemption_window_days !== null) out.push(`Must be redeemed within ${rules.redemption_window_days} days after maturity.`);
  if (!rules.show_gold_to_customer) out.push("Accumulated grams and rates are not shown on the customer's documents.");
  return out;
}
