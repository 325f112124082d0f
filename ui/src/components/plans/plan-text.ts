// Plans in words, in the current language: "₹5,000.00 × 11", "One installment free at maturity".

import type { PlanInput, PlanView, Tier } from "../../ipc";
import { formatInr } from "../../format";
import { multiplyMoney, toPaise } from "../../money";
import { t } from "../../i18n";

/** The bonus rule ("none", "1 installment", "50% of installment", "5% of total") in words. */
export function bonusInWords(bonus: string, fallback = ""): string {
  const v = bonus.trim().toLowerCase();
  if (v === "" || v === "none") return t("bonus.none");
  let m = /^(\d+) installments?$/.exec(v);
  if (m) return m[1] === "1" ? t("bonus.oneInstallment") : t("bonus.installments", { count: m[1] });
  m = /^(\d+(?:\.\d+)?) ?% of (?:the |one )?installment$/.exec(v);
  if (m) return t("bonus.percentInstallment", { percent: m[1] });
  m = /^(\d+(?:\.\d+)?) ?% of (?:the )?total$/.exec(v);
  if (m) return t("bonus.percentTotal", { percent: m[1] });
  return fallback || bonus;
}

/** "₹5,000.00 × 11" or, for flexible plans, "₹1,000.00–₹10,000.00 × 12". */
export function planTerms(plan: Pick<PlanView, "kind" | "installment" | "min_amount" | "max_amount" | "installments">): string {
  if (plan.kind === "flexible") {
    return t("plans.range", { min: formatInr(plan.min_amount), max: formatInr(plan.max_amount), count: plan.installments });
  }
  return t("plans.perMonth", { amount: formatInr(plan.installment), count: plan.installments });
}

/** A plain-language preview of a plan being written, or the "fill in" prompt while it is incomplete. */
export function planSummary(input: PlanInput): string[] {
  const count = input.installments;
  const valid = (amount: string | null) => amount !== null && (toPaise(amount) ?? 0n) > 0n;
  if (!Number.isInteger(count) || count < 1) return [t("plans.summary.incomplete")];
  const lines: string[] = [];
  if (input.kind === "flexible") {
    if (!valid(input.min_amount) || !valid(input.max_amount)) return [t("plans.summary.incomplete")];
    lines.push(t("plans.summary.flexible", { min: formatInr(input.min_amount), max: formatInr(input.max_amount), count }));
  } else {
    if (!valid(input.installment)) return [t("plans.summary.incomplete")];
    const installment = formatInr(input.installment);
    lines.push(
      input.kind === "weight"
        ? t("plans.summary.weight", { installment, count, purity: input.purity ?? "22K" })
        : t("plans.summary.amount", { installment, count, total: formatInr(multiplyMoney(input.installment ?? "0", count)) }),
    );
  }
  lines.push(
    input.due_day !== null
      ? t("plans.summary.dueDay", { day: input.due_day, grace: input.grace_days })
      : t("plans.summary.dueEnrollment", { grace: input.grace_days }),
  );
  lines.push(bonusInWords(input.bonus));
  return lines;
}

/** A tier as a choice: "11 months — 75% of one installment". */
export function tierOption(tier: Tier): string {
  return t("rules.tierOption", { count: tier.installments, bonus: bonusInWords(tier.bonus) });
}

/** The tier a plan starts on: its own number of installments (a plan's tiers always include it). */
export function defaultTier(plan: Pick<PlanView, "installments" | "rules"> | null): string {
  return plan && (plan.rules.tiers ?? []).length > 0 ? String(plan.installments) : "";
}

/** The installments to send with an enrollment: the picked tier, or null for a plan without tiers. */
export function pickedInstallments(plan: Pick<PlanView, "rules"> | null, pick: string): number | null {
  return plan && (plan.rules.tiers ?? []).some((tier) => String(tier.installments) === pick) ? Number(pick) : null;
}

/** The plan as the customer will have it with the picked tier: its length, bonus and total. */
export function withTier(plan: PlanView, installments: number | null): PlanView {
  const tier = (plan.rules.tiers ?? []).find((x) => x.installments === installments);
  if (!tier) return plan;
  const total = plan.installment ? multiplyMoney(plan.installment, tier.installments) : plan.total_payable;
  return { ...plan, installments: tier.installments, bonus: tier.bonus, bonus_text: tier.bonus, total_payable: total };
}
