// A plan's rules (PlanRules) with every default filled in, as the Rust domain reads them: each
// field of PlanRules, LatenessPolicy and ClosurePolicy has a default meaning "the plain scheme",
// so `{}` is a valid rule set. Shared by the plan form and the browser fake backend.

import type { ClosurePolicy, LatenessPolicy, PlanRules } from "./ipc/bindings";

export type FullLateness = Required<LatenessPolicy>;
export type FullClosure = Required<ClosurePolicy>;
export type FullRules = Required<Omit<PlanRules, "lateness" | "closure">> & { lateness: FullLateness; closure: FullClosure };

export function defaultRules(): FullRules {
  return {
    tiers: [],
    interval_reward: null,
    occasion_bonus: null,
    weight_bands: [],
    gifts: [],
    lateness: { extend_maturity: false, pro_rata_bonus: false, late_fee: null, default_after_missed: null },
    advance_payments: true,
    max_pause_months: 0,
    changes_allowed: false,
    payment_step: null,
    closure: { earliest_installments: 0, earliest_days: 0, deductions: [], settlement: "cash_or_jewellery", benefit: "none", benefit_from_installments: 0 },
    redemption_window_days: null,
    show_gold_to_customer: true,
  };
}

/** The rules with every missing field set to its default (a deep copy: the input is not shared). */
export function fullRules(rules: PlanRules | null | undefined): FullRules {
  const base = defaultRules();
  // A JSON copy: the rules may be a Svelte state proxy, which structuredClone refuses.
  const given: PlanRules = JSON.parse(JSON.stringify(rules ?? {}));
  return {
    ...base,
    ...given,
    lateness: { ...base.lateness, ...(given.lateness ?? {}) },
    closure: { ...base.closure, ...(given.closure ?? {}) },
  } as FullRules;
}

/** The tier lengths of a plan, shortest first ([] when it has none). */
export function tierLengths(rules: PlanRules | null | undefined): number[] {
  return (rules?.tiers ?? []).map((t) => t.installments);
}
