import { describe, expect, it } from "vitest";
import type { PlanRules } from "../../ipc";
import { fullRules } from "../../plan-rules";
import { formFromRules, rulesFromForm, type RulesForm } from "./rules-form";
import { parseRulesJson, rulesJson } from "./rules-json";

const blank = (): RulesForm => formFromRules(null);

const SENCO: PlanRules = {
  tiers: [
    { installments: 6, bonus: "30% of installment" },
    { installments: 11, bonus: "75% of installment" },
  ],
  interval_reward: { every: 3, reward: "1%" },
  gifts: [{ after_installments: 6, item: "Silver coin", value: "500.00" }],
  lateness: { pro_rata_bonus: true, late_fee: { kind: "percent_per_month", percent: "2" }, default_after_missed: 3 },
  advance_payments: false,
  max_pause_months: 2,
  changes_allowed: true,
  closure: { earliest_installments: 3, deductions: [{ kind: "percent_of_paid", percent: "2" }, { kind: "gst", percent: "3" }], settlement: "jewellery_only", benefit: "lower_tier" },
  redemption_window_days: 90,
  show_gold_to_customer: false,
};

describe("the rules form", () => {
  it("a_blank_form_is_the_plain_scheme", () => {
    expect(rulesFromForm(blank(), null)).toEqual({ rules: fullRules(null), problem: null });
    expect(blank()).toMatchObject({ tiers: [], lateFeeKind: "none", maxPauseMonths: "", advancePayments: true, settlement: "cash_or_jewellery", showGoldToCustomer: true });
  });

  it("a_plans_rules_survive_the_round_trip_through_the_form", () => {
    const form = formFromRules(SENCO);
    expect(form).toMatchObject({ lateFeeKind: "percent_per_month", lateFeeValue: "2", defaultAfterMissed: "3", maxPauseMonths: "2", deductionPercent: "2", redemptionWindowDays: "90" });
    expect(rulesFromForm(form, SENCO)).toEqual({ rules: fullRules(SENCO), problem: null });
  });

  it("rules_the_form_has_no_field_for_are_kept_from_the_base", () => {
    const form = { ...formFromRules(SENCO), deductionPercent: "", maxPauseMonths: "0" };
    const { rules } = rulesFromForm(form, SENCO);
    expect(rules?.interval_reward).toEqual({ every: 3, reward: "1%" });
    expect(rules?.gifts).toHaveLength(1);
    expect(rules?.closure.deductions).toEqual([{ kind: "gst", percent: "3" }]);
    expect(rules?.max_pause_months).toBe(0);
  });

  it("tiers_are_sorted_and_blank_rows_ignored", () => {
    const form = { ...blank(), tiers: [{ installments: "18", bonus: "150% of installment" }, { installments: "", bonus: "" }, { installments: " 6 ", bonus: "30%  of installment" }] };
    expect(rulesFromForm(form, null).rules?.tiers).toEqual([
      { installments: 6, bonus: "30% of installment" },
      { installments: 18, bonus: "150% of installment" },
    ]);
  });

  it("a_bad_tier_names_its_row_and_the_tiers_field", () => {
    const bad = (installments: string, bonus: string) => rulesFromForm({ ...blank(), tiers: [{ installments: "6", bonus: "none" }, { installments, bonus }] }, null).problem;
    expect(bad("61", "none")).toMatchObject({ field: "rules.tiers", key: "rules.problem.tierLength", params: { row: 2 } });
    expect(bad("11", "a gold coin")).toMatchObject({ field: "rules.tiers", key: "rules.problem.tierBonus", params: { row: 2 } });
    expect(bad("6", "1 installment")).toMatchObject({ key: "rules.problem.tierTwice", params: { count: 6 } });
  });

  it("a_late_fee_is_fixed_rupees_or_a_percent_per_month", () => {
    expect(rulesFromForm({ ...blank(), lateFeeKind: "fixed", lateFeeValue: "₹1,00" }, null).rules?.lateness.late_fee).toEqual({ kind: "fixed", amount: "100.00" });
    expect(rulesFromForm({ ...blank(), lateFeeKind: "percent_per_month", lateFeeValue: "1.5%" }, null).rules?.lateness.late_fee).toEqual({ kind: "percent_per_month", percent: "1.5" });
    expect(rulesFromForm({ ...blank(), lateFeeKind: "fixed", lateFeeValue: "0" }, null).problem).toMatchObject({ field: "rules.lateness.late_fee", key: "rules.problem.amount" });
    expect(rulesFromForm({ ...blank(), lateFeeKind: "percent_per_month", lateFeeValue: "a lot" }, null).problem).toMatchObject({ key: "rules.problem.percent" });
  });

  it("numbers_out_of_range_are_named_by_their_rule", () => {
    expect(rulesFromForm({ ...blank(), maxPauseMonths: "13" }, null).problem).toMatchObject({ field: "rules.max_pause_months", params: { min: 0, max: 12 } });
    expect(rulesFromForm({ ...blank(), defaultAfterMissed: "0" }, null).problem).toMatchObject({ field: "rules.lateness.default_after_missed" });
    expect(rulesFromForm({ ...blank(), redemptionWindowDays: "-1" }, null).problem).toMatchObject({ field: "rules.redemption_window_days" });
    expect(rulesFromForm({ ...blank(), earliestInstallments: "3.5" }, null).problem).toMatchObject({ field: "rules.closure.earliest_installments" });
  });
});

describe("the advanced JSON box", () => {
  it("shows_every_rule_and_reads_it_back", () => {
    const text = rulesJson(SENCO);
    expect(text).toContain('"max_pause_months": 2');
    expect(parseRulesJson(text)).toEqual({ rules: fullRules(SENCO), problem: null });
    expect(parseRulesJson("")).toEqual({ rules: fullRules(null), problem: null });
  });

  it("a_syntax_error_names_its_line", () => {
    const { problem } = parseRulesJson('{\n  "max_pause_months": 2,\n}');
    expect(problem?.key).toMatch(/^rules\.json\.syntax/);
    if (problem?.key === "rules.json.syntaxAt") expect(problem.params.line).toBe(3);
  });

  it("an_unknown_rule_or_wrong_value_is_named_by_its_path", () => {
    expect(parseRulesJson('{"max_pause": 2}').problem).toMatchObject({ key: "rules.json.unknown", params: { path: "max_pause" } });
    expect(parseRulesJson('{"closure": {"settlement": 1}}').problem).toMatchObject({ key: "rules.json.expectText", params: { path: "closure.settlement" } });
    expect(parseRulesJson('{"max_pause_months": "2"}').problem).toMatchObject({ key: "rules.json.expectCount", params: { path: "max_pause_months" } });
    expect(parseRulesJson('{"tiers": [{"installments": 6, "bonus": "lots"}]}').problem).toMatchObject({ key: "rules.json.bonus", params: { path: "tiers[0].bonus" } });
    expect(parseRulesJson("[]").problem).toMatchObject({ key: "rules.json.notObject" });
    expect(parseRulesJson('{"closure": {"settlement": "gold"}}').problem).toMatchObject({ key: "rules.json.oneOf", params: { path: "closure.settlement" } });
    expect(parseRulesJson('{"closure": {"deductions": [{"kind": "tax", "percent": "3"}]}}').problem).toMatchObject({ params: { path: "closure.deductions[0].kind" } });
  });
});
