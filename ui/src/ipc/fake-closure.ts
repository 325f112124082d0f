// What closing an enrollment on a day gives the customer, in the fake backend: a small model of
// crates/domain's engine/closure.rs (maturity redemption, or a premature refund with its deductions,
// the settlement the plan allows, and the part of the bonus kept).

import type { BenefitView, ClosureQuoteView, DeductionView, EvaluationView } from "./bindings";
import type { GiftGiven } from "./fake-state";
import { type Calendar, averageInstallment, bonusAmount, parseBonus } from "./fake-plan";
import { bonusInPlainWords } from "./fake-rules";
import type { FullRules } from "../plan-rules";
import { compareMoney, fromPaise, percentOf, subtractMoney, sumMoney, toPaise } from "../money";
import { formatInr } from "../format";

export const NO_BENEFIT: BenefitView = { money: "0.00", grams: "0.000", waiver: null, lines: [] };

export type ClosureFacts = {
  rules: FullRules;
  cal: Calendar;
  start: string;
  ev: Omit<EvaluationView, "closure">;
  giftsGiven: readonly GiftGiven[];
};

const matured = (state: string) => state === "matured" || state === "redemption_overdue";

function maturity(ev: ClosureFacts["ev"]): ClosureQuoteView {
  const value = subtractMoney(sumMoney([ev.total_paid, ev.bonus_so_far.money]), ev.late_fees);
  const fees = compareMoney(ev.late_fees, "0") > 0;
  const explanation = [
    `Matured: ${formatInr(ev.total_paid)} paid + ${formatInr(ev.bonus_so_far.money)} bonus${fees ? ` − ${formatInr(ev.late_fees)} late fees` : ""} = ${formatInr(value)} against jewellery.`,
  ];
  if (ev.state === "redemption_overdue") explanation.push("The redemption window has passed; the shop may still honour it.");
  return {
    kind: "maturity",
    allowed: true,
    refused_reason: null,
    paid: ev.total_paid,
    grams: ev.total_grams,
    deductions: fees ? [{ label: "Late fees", amount: ev.late_fees }] : [],
    cash_refund: null,
    jewellery_value: value,
    benefit: ev.bonus_so_far,
    explanation,
  };
}

function deductions(x: ClosureFacts): DeductionView[] {
  const paid = x.ev.total_paid;
  const lines: DeductionView[] = [];
  for (const d of x.rules.closure.deductions) {
    if (d.kind === "percent_of_paid") lines.push({ label: `${d.percent}% of the amount paid`, amount: percentOf(paid, d.percent) });
    if (d.kind === "percent_of_first_installment" && x.ev.paid_installments < d.fewer_than) {
      lines.push({ label: `${d.percent}% of the first installment (fewer than ${d.fewer_than} paid)`, amount: percentOf(x.cal.slots[0]?.amount ?? "0", d.percent) });
    }
    if (d.kind === "gateway") lines.push({ label: `Payment gateway charges ${d.percent}%`, amount: percentOf(paid, d.percent) });
    if (d.kind === "gst") lines.push({ label: `GST ${d.percent}%`, amount: percentOf(paid, d.percent) });
    if (d.kind === "gifts_given") {
      lines.push({ label: `Gifts given (${x.giftsGiven.map((g) => g.item).join(", ")})`, amount: sumMoney(x.giftsGiven.map((g) => g.value)) });
    }
  }
  lines.push({ label: "Late fees", amount: x.ev.late_fees });
  return lines.filter((l) => compareMoney(l.amount, "0") > 0);
}

/** The benefit a premature closure keeps, against jewellery (none, the lower tier's, or pro rata). */
function keptBenefit(x: ClosureFacts): BenefitView {
  const { rules, ev, cal } = x;
  if (ev.state === "defaulted" || ev.paid_installments < Math.max(rules.closure.benefit_from_installments, 1)) return NO_BENEFIT;
  const installment = averageInstallment(cal);
  let label: string;
  let money: string;
  if (rules.closure.benefit === "lower_tier") {
    const tier = [...rules.tiers].reverse().find((t) => t.installments <= ev.paid_installments && t.installments < cal.count);
    if (!tier) return NO_BENEFIT;
    const bonus = parseBonus(tier.bonus);
    label = `the ${tier.installments}-month tier's benefit: ${bonusInPlainWords(bonus, installment, ev.total_paid)}`;
    money = bonusAmount(bonus, installment, ev.total_paid, tier.installments);
  } else if (rules.closure.benefit === "pro_rata") {
    const onTime = ev.schedule.filter((l) => l.status === "paid").length;
    const full = ev.bonus_at_maturity.lines[0]?.money ?? "0.00";
    money = fromPaise(((toPaise(full) ?? 0n) * BigInt(onTime)) / BigInt(Math.max(cal.count, 1)));
    label = `a pro-rata share of the bonus: ${onTime}/${cal.count} of ${formatInr(full)}`;
  } else {
    return NO_BENEFIT;
  }
  if (compareMoney(money, "0") <= 0) return NO_BENEFIT;
  return { money, grams: "0.000", waiver: null, lines: [{ label, money, grams: "0.000" }] };
}

function refusedReason(x: ClosureFacts): string | null {
  const { earliest_installments, earliest_days } = x.rules.closure;
  const days = Math.round((Date.parse(`${x.ev.on}T00:00:00Z`) - Date.parse(`${x.start}T00:00:00Z`)) / 86_400_000);
  if (x.ev.paid_installments < earliest_installments) return `a premature closure needs at least ${earliest_installments} installments paid`;
  if (days < earliest_days) return `a premature closure is allowed only ${earliest_days} days after enrollment`;
  return null;
}

function premature(x: ClosureFacts): ClosureQuoteView {
  const { ev, rules } = x;
  const reason = refusedReason(x);
  const lines = deductions(x);
  const deducted = sumMoney(lines.map((l) => l.amount));
  const left = subtractMoney(ev.total_paid, deducted);
  const refund = compareMoney(left, "0") > 0 ? left : "0.00";
  const benefit = keptBenefit(x);
  const jewellery = sumMoney([subtractMoney(ev.total_paid, ev.late_fees), benefit.money]);
  const explanation = [`Closing before maturity: ${formatInr(ev.total_paid)} paid − ${formatInr(deducted)} deductions = ${formatInr(refund)} refund.`];
  explanation.push(...benefit.lines.map((l) => `Kept against jewellery: ${l.label}.`));
  return {
    kind: "premature",
    allowed: reason === null,
    refused_reason: reason,
    paid: ev.total_paid,
    grams: ev.total_grams,
    deductions: lines,
    cash_refund: rules.closure.settlement === "jewellery_only" ? null : refund,
    jewellery_value: rules.closure.settlement === "cash_only" ? null : jewellery,
    benefit,
    explanation,
  };
}

export function closureQuote(x: ClosureFacts): ClosureQuoteView {
  return matured(x.ev.state) && x.ev.paid_installments === x.cal.count ? maturity(x.ev) : premature(x);
}
