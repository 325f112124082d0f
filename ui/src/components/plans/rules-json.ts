// The Advanced (JSON) box of the plan form: the full PlanRules as JSON, and reading it back with a
// problem that names where it is ("closure.settlement must be text", "line 3: Unexpected token…").

import type { PlanRules } from "../../ipc";
import type { MessageKey } from "../../i18n";
import { bonusProblem } from "../../bonus-rule";
import { type FullRules, fullRules } from "../../plan-rules";

export type JsonProblem = { key: MessageKey; params: Record<string, string | number> };
export type JsonRead = { rules: FullRules; problem: null } | { rules: null; problem: JsonProblem };

type Shape = "array" | "boolean" | "count" | "count?" | "object" | "object?" | "text" | "text?";

const TOP: Record<string, Shape> = {
  tiers: "array",
  interval_reward: "object?",
  occasion_bonus: "object?",
  weight_bands: "array",
  gifts: "array",
  lateness: "object",
  advance_payments: "boolean",
  max_pause_months: "count",
  changes_allowed: "boolean",
  payment_step: "text?",
  closure: "object",
  redemption_window_days: "count?",
  show_gold_to_customer: "boolean",
};
const LATENESS: Record<string, Shape> = { extend_maturity: "boolean", pro_rata_bonus: "boolean", late_fee: "object?", default_after_missed: "count?" };
const CLOSURE: Record<string, Shape> = {
  earliest_installments: "count",
  earliest_days: "count",
  deductions: "array",
  settlement: "text",
  benefit: "text",
  benefit_from_installments: "count",
};
const TIER: Record<string, Shape> = { installments: "count", bonus: "text" };

export function rulesJson(rules: PlanRules): string {
  return JSON.stringify(fullRules(rules), null, 2);
}

class Problem extends Error {
  constructor(readonly problem: JsonProblem) {
    super(problem.key);
  }
}

function fits(value: unknown, shape: Shape): boolean {
  if (value === null) return shape.endsWith("?");
  switch (shape.replace("?", "")) {
    case "array":
      return Array.isArray(value);
    case "boolean":
      return typeof value === "boolean";
    case "count":
      return typeof value === "number" && Number.isInteger(value) && value >= 0;
    case "object":
      return typeof value === "object" && !Array.isArray(value);
    default:
      return typeof value === "string";
  }
}

const EXPECTED: Record<string, MessageKey> = {
  array: "rules.json.expectList",
  boolean: "rules.json.expectBoolean",
  count: "rules.json.expectCount",
  object: "rules.json.expectObject",
  text: "rules.json.expectText",
};

function checkObject(value: unknown, shapes: Record<string, Shape>, path: string): void {
  if (!fits(value, "object")) throw new Problem(path ? { key: "rules.json.expectObject", params: { path } } : { key: "rules.json.notObject", params: {} });
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
    const at = path ? `${path}.${key}` : key;
    const shape = shapes[key];
    if (!shape) throw new Problem({ key: "rules.json.unknown", params: { path: at, known: Object.keys(shapes).join(", ") } });
    if (!fits(item, shape)) throw new Problem({ key: EXPECTED[shape.replace("?", "")], params: { path: at } });
  }
}

function checkTiers(tiers: unknown[]): void {
  tiers.forEach((tier, i) => {
    const path = `tiers[${i}]`;
    checkObject(tier, TIER, path);
    const t = tier as Record<string, unknown>;
    if (typeof t.installments !== "number") throw new Problem({ key: "rules.json.expectCount", params: { path: `${path}.installments` } });
    const detail = bonusProblem(typeof t.bonus === "string" ? t.bonus : "");
    if (typeof t.bonus !== "string" || detail !== null) throw new Problem({ key: "rules.json.bonus", params: { path: `${path}.bonus`, detail: detail ?? "" } });
  });
}

const ONE_OF: [string, (v: PlanRules) => unknown, string[]][] = [
  ["closure.settlement", (v) => v.closure?.settlement, ["cash_or_jewellery", "jewellery_only", "cash_only"]],
  ["closure.benefit", (v) => v.closure?.benefit, ["none", "lower_tier", "pro_rata"]],
  ["lateness.late_fee.kind", (v) => v.lateness?.late_fee?.kind, ["fixed", "percent_per_month"]],
];
const DEDUCTIONS = ["percent_of_paid", "percent_of_first_installment", "gateway", "gst", "gifts_given"];

/** The named choices (settlement, benefit, late fee and deduction kinds) must be one the engine knows. */
function checkChoices(v: PlanRules): void {
  const choices = ONE_OF.map(([path, read, values]): [string, unknown, string[]] => [path, read(v), values]);
  (v.closure?.deductions ?? []).forEach((d, i) => choices.push([`closure.deductions[${i}].kind`, (d as { kind?: unknown })?.kind, DEDUCTIONS]));
  for (const [path, value, values] of choices) {
    if (value !== undefined && !values.includes(value as string)) {
      throw new Problem({ key: "rules.json.oneOf", params: { path, values: values.map((x) => `"${x}"`).join(", ") } });
    }
  }
}

/** "Unexpected token } in JSON at position 42" → the line it is on, for a textarea. */
function syntaxProblem(text: string, error: unknown): JsonProblem {
  const message = error instanceof Error ? error.message : String(error);
  const position = /position (\d+)/.exec(message);
  const line = position ? text.slice(0, Number(position[1])).split("\n").length : /line (\d+)/.exec(message)?.[1];
  return line ? { key: "rules.json.syntaxAt", params: { line, detail: message } } : { key: "rules.json.syntax", params: { detail: message } };
}

/** Reads the box: JSON, then the shape of PlanRules (unknown names and wrong kinds of value are named). */
export function parseRulesJson(text: string): JsonRead {
  let value: unknown;
  try {
    value = text.trim() === "" ? {} : JSON.parse(text);
  } catch (e) {
    return { rules: null, problem: syntaxProblem(text, e) };
  }
  try {
    checkObject(value, TOP, "");
    const v = value as PlanRules;
    if (v.lateness) checkObject(v.lateness, LATENESS, "lateness");
    if (v.closure) checkObject(v.closure, CLOSURE, "closure");
    checkTiers(v.tiers ?? []);
    checkChoices(v);
    return { rules: fullRules(v), problem: null };
  } catch (e) {
    if (e instanceof Problem) return { rules: null, problem: e.problem };
    throw e;
  }
}
