// The rule fields a plan refusal may name (crates/domain's PlanRules::check, and the form's own reading),
// and which control shows each one.

/** Every rules.* field the plan form shows an error for. */
export const RULE_FIELDS = [
  "rules.tiers",
  "rules.lateness.late_fee",
  "rules.lateness.default_after_missed",
  "rules.max_pause_months",
  "rules.closure",
  "rules.closure.earliest_installments",
  "rules.closure.deductions",
  "rules.closure.settlement",
  "rules.closure.benefit",
  "rules.redemption_window_days",
  "rules.closure.earliest_days",
  "rules.gifts",
  "rules.payment_step",
  "rules.interval_reward",
  "rules.occasion_bonus",
  "rules.weight_bands",
];

/** Rules only the Advanced (JSON) box edits: their errors are shown under it. */
export const JSON_ONLY_FIELDS = RULE_FIELDS.slice(RULE_FIELDS.indexOf("rules.closure.earliest_days"));

/** The id of the control to focus for a field's error. */
export function ruleFieldId(field: string): string {
  if (field === "rules.tiers") return document.getElementById("plan-rules-tier-0-installments") ? "plan-rules-tier-0-installments" : "plan-rules-add-tier";
  if (field === "rules.closure") return "plan-rules-closure-earliest_installments";
  if (JSON_ONLY_FIELDS.includes(field)) return "plan-rules-json";
  return `plan-${field.replace(/\./g, "-")}`;
}
