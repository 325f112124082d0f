// The plan form's rules editor as plain fields (text the owner types, checkboxes, choices), and its
// conversion to and from the PlanRules the backend reads. Rules the form has no field for (rewards,
// gifts, other deductions…) are kept from `base`, which the Advanced (JSON) box edits.

import type { Deduction, PlanRules, PrematureBenefit, Settlement } from "../../ipc";
import type { MessageKey } from "../../i18n";
import { bonusProblem, BonusProblem, readPercent } from "../../bonus-rule";
import { type FullRules, fullRules } from "../../plan-rules";
import { fromPaise, toPaise } from "../../money";

export type TierRow = { installments: string; bonus: string };
export type LateFeeKind = "none" | "fixed" | "percent_per_month";

export type RulesForm = {
  tiers: TierRow[];
  proRataBonus: boolean;
  extendMaturity: boolean;
  lateFeeKind: LateFeeKind;
  lateFeeValue: string;
  defaultAfterMissed: string;
  advancePayments: boolean;
  maxPauseMonths: string;
  changesAllowed: boolean;
  earliestInstallments: string;
  settlement: Settlement;
  benefit: PrematureBenefit;
  deductionPercent: string;
  redemptionWindowDays: string;
  showGoldToCustomer: boolean;
};

/** Why the form's rules cannot be sent: the rule's field (as the backend names it) and a message to translate. */
export type RulesProblem = { field: string; key: MessageKey; params?: Record<string, string | number> };

export type Converted = { rules: FullRules; problem: null } | { rules: null; problem: RulesProblem };

const text = (n: number | null | undefined): string => (n === null || n === undefined || n === 0 ? "" : String(n));

export function formFromRules(given: PlanRules | null): RulesForm {
  const rules = fullRules(given);
  const fee = rules.lateness.late_fee;
  const paidShare = rules.closure.deductions.find((d) => d.kind === "percent_of_paid");
  return {
    tiers: rules.tiers.map((t) => ({ installments: String(t.installments), bonus: t.bonus })),
    proRataBonus: rules.lateness.pro_rata_bonus,
    extendMaturity: rules.lateness.extend_maturity,
    lateFeeKind: fee?.kind ?? "none",
    lateFeeValue: fee?.kind === "fixed" ? fee.amount : fee?.kind === "percent_per_month" ? fee.percent : "",
    defaultAfterMissed: text(rules.lateness.default_after_missed),
    advancePayments: rules.advance_payments,
    maxPauseMonths: text(rules.max_pause_months),
    changesAllowed: rules.changes_allowed,
    earliestInstallments: text(rules.closure.earliest_installments),
    settlement: rules.closure.settlement,
    benefit: rules.closure.benefit,
    deductionPercent: paidShare?.kind === "percent_of_paid" ? paidShare.percent : "",
    redemptionWindowDays: rules.redemption_window_days === null ? "" : String(rules.redemption_window_days),
    showGoldToCustomer: rules.show_gold_to_customer,
  };
}

class Problem extends Error {
  constructor(readonly problem: RulesProblem) {
    super(problem.key);
  }
}

/** A whole number from min to max; "" is `empty`. */
function whole(field: string, value: string, min: number, max: number, empty: number | null): number | null {
  const v = value.trim();
  if (v === "") return empty;
  const n = /^\d+$/.test(v) ? Number(v) : NaN;
  if (!(n >= min && n <= max)) throw new Problem({ field, key: "rules.problem.whole", params: { min, max } });
  return n;
}

function percent(field: string, value: string): string {
  try {
    return readPercent(value);
  } catch (e) {
    if (e instanceof BonusProblem) throw new Problem({ field, key: "rules.problem.percent" });
    throw e;
  }
}

function amount(field: string, value: string): string {
  const paise = /^[\d,]*(\.\d*)?$/.test(value.trim().replace(/^₹/, "")) ? toPaise(value.trim()) : null;
  if (paise === null || paise <= 0n) throw new Problem({ field, key: "rules.problem.amount" });
  return fromPaise(paise);
}

function tiers(rows: readonly TierRow[]): FullRules["tiers"] {
  const filled = rows.map((row, i) => ({ row, n: i + 1 })).filter(({ row }) => row.installments.trim() || row.bonus.trim());
  const out = filled.map(({ row, n }) => {
    const installments = /^\d+$/.test(row.installments.trim()) ? Number(row.installments.trim()) : 0;
    if (installments < 1 || installments > 60) throw new Problem({ field: "rules.tiers", key: "rules.problem.tierLength", params: { row: n } });
    const detail = bonusProblem(row.bonus);
    if (detail !== null) throw new Problem({ field: "rules.tiers", key: "rules.problem.tierBonus", params: { row: n, detail } });
    return { installments, bonus: row.bonus.trim().split(/\s+/).join(" ") || "none" };
  });
  out.sort((a, b) => a.installments - b.installments);
  const twice = out.find((t, i) => i > 0 && out[i - 1].installments === t.installments);
  if (twice) throw new Problem({ field: "rules.tiers", key: "rules.problem.tierTwice", params: { count: twice.installments } });
  return out;
}

function lateFee(form: RulesForm): FullRules["lateness"]["late_fee"] {
  const field = "rules.lateness.late_fee";
  if (form.lateFeeKind === "fixed") return { kind: "fixed", amount: amount(field, form.lateFeeValue) };
  if (form.lateFeeKind === "percent_per_month") return { kind: "percent_per_month", percent: percent(field, form.lateFeeValue) };
  return null;
}

function deductions(form: RulesForm, kept: readonly Deduction[]): Deduction[] {
  const others = kept.filter((d) => d.kind !== "percent_of_paid");
  if (!form.deductionPercent.trim()) return others;
  return [{ kind: "percent_of_paid", percent: percent("rules.closure.deductions", form.deductionPercent) }, ...others];
}

function convert(form: RulesForm, base: FullRules): FullRules {
  return {
    ...base,
    tiers: tiers(form.tiers),
    lateness: {
      pro_rata_bonus: form.proRataBonus,
      extend_maturity: form.extendMaturity,
      late_fee: lateFee(form),
      default_after_missed: whole("rules.lateness.default_after_missed", form.defaultAfterMissed, 1, 60, null),
    },
    advance_payments: form.advancePayments,
    max_pause_months: whole("rules.max_pause_months", form.maxPauseMonths, 0, 12, 0) ?? 0,
    changes_allowed: form.changesAllowed,
    closure: {
      ...base.closure,
      earliest_installments: whole("rules.closure.earliest_installments", form.earliestInstallments, 0, 60, 0) ?? 0,
      settlement: form.settlement,
      benefit: form.benefit,
      deductions: deductions(form, base.closure.deductions),
    },
    redemption_window_days: whole("rules.redemption_window_days", form.redemptionWindowDays, 0, 3650, null),
    show_gold_to_customer: form.showGoldToCustomer,
  };
}

/** The rules the form describes, on top of `base` (the rules it has no fields for), or the first problem. */
export function rulesFromForm(form: RulesForm, base: PlanRules | null): Converted {
  try {
    return { rules: convert(form, fullRules(base)), problem: null };
  } catch (e) {
    if (e instanceof Problem) return { rules: null, problem: e.problem };
    throw e;
  }
}

/** True when the rules are those of the plain scheme (nothing beyond the installments). */
export function isPlain(rules: PlanRules): boolean {
  return JSON.stringify(fullRules(rules)) === JSON.stringify(fullRules(null));
}
