// The fake backend's plans: checking a plan's terms and rules, and creating, editing and retiring plans.

import type { PlanInput, PlanView } from "./bindings";
import * as kyc from "./fake-kyc";
import { FieldProblem } from "./fake-kyc";
import { canonicalBonus, describeBonus, parseBonus } from "./fake-plan";
import { checkRules, describeRules, tenureWarning } from "./fake-rules";
import { compareMoney, sumMoney } from "../money";
import { type Commands, type FakeState, Refusal, requireShop, run } from "./fake-state";

export const PURITIES = ["24K", "22K", "18K", "999", "916", "750"];

function planCode(s: FakeState, input: PlanInput, name: string, existingCode: string | null): string {
  if (existingCode) return existingCode;
  const code = kyc.optionalText(input.code)?.toUpperCase() ?? null;
  if (code === null) {
    const base = name.toUpperCase().replace(/[^A-Z0-9]/g, "").slice(0, 12) || "PLAN";
    let generated = base;
    for (let n = 2; s.plans.has(generated); n++) generated = `${base}${n}`;
    return generated;
  }
  if (!/^[A-Z0-9-]{2,16}$/.test(code)) throw new FieldProblem("code", "use 2 to 16 letters, digits or dashes");
  if (s.plans.has(code)) throw new Refusal("conflict", `plan code ${code} is already used`, "code");
  return code;
}

function amounts(input: PlanInput): { installment: string | null; min: string | null; max: string | null } {
  if (input.kind !== "flexible") return { installment: kyc.positiveMoney("installment", input.installment), min: null, max: null };
  const min = kyc.positiveMoney("min_amount", input.min_amount);
  const max = kyc.positiveMoney("max_amount", input.max_amount);
  if (compareMoney(max, min) < 0) throw new FieldProblem("max_amount", "must not be less than the minimum");
  return { installment: null, min, max };
}

function calendarTerms(input: PlanInput): void {
  if (!Number.isInteger(input.installments) || input.installments < 1 || input.installments > 120) {
    throw new FieldProblem("installments", "must be a whole number from 1 to 120");
  }
  if (input.due_day !== null && (!Number.isInteger(input.due_day) || input.due_day < 1 || input.due_day > 28)) {
    throw new FieldProblem("due_day", "must be a day from 1 to 28, or empty for the enrollment day");
  }
  if (!Number.isInteger(input.grace_days) || input.grace_days < 0 || input.grace_days > 31) {
    throw new FieldProblem("grace_days", "must be from 0 to 31 days");
  }
}

function purityOf(input: PlanInput): string | null {
  if (input.kind !== "weight") return null;
  const purity = kyc.optionalText(input.purity)?.toUpperCase() ?? null;
  if (purity === null || !PURITIES.includes(purity)) throw new FieldProblem("purity", `choose one of ${PURITIES.join(", ")}`);
  return purity;
}

/** A plan's terms checked as the Rust PlanInput::terms does; `existingCode` skips the code checks (edits, simulations). */
export function checkPlan(s: FakeState, input: PlanInput, existingCode: string | null): PlanView {
  const name = kyc.requiredText("name", input.name);
  if (!["amount", "weight", "flexible"].includes(input.kind)) throw new FieldProblem("kind", "choose amount, weight or flexible");
  const code = planCode(s, input, name, existingCode);
  calendarTerms(input);
  const { installment, min, max } = amounts(input);
  const purity = purityOf(input);
  const bonus = parseBonus(input.bonus);
  const rules = checkRules(input.rules, input.installments);
  const total = installment === null ? null : sumMoney(Array(input.installments).fill(installment));
  const terms = { kind: input.kind, installment, min_amount: min, installments: input.installments, grace_days: input.grace_days, bonus: canonicalBonus(bonus) };
  const warning = tenureWarning(input.installments, rules);
  return {
    ...terms,
    code,
    name,
    max_amount: max,
    due_day: input.due_day,
    purity,
    bonus_text: describeBonus(bonus, installment),
    terms: input.terms.trim(),
    active: true,
    total_payable: total ?? "0.00",
    enrolled: 0,
    rules,
    rules_text: describeRules(terms, rules),
    warnings: warning ? [warning] : [],
  };
}

function withEnrolled(s: FakeState, p: PlanView): PlanView {
  return { ...p, enrolled: [...s.enrollments.values()].filter((e) => e.plan === p.code).length };
}

export function activePlan(s: FakeState, code: string): PlanView {
  const plan = s.plans.get(code.trim().toUpperCase());
  if (!plan) throw new Refusal("not_found", `plan ${code} was not found`, "plan_code");
  if (!plan.active) throw new Refusal("plan_closed", `plan ${plan.code} is retired and takes no new enrollments`, "plan_code");
  return plan;
}

function existing(s: FakeState, code: string): PlanView {
  const current = s.plans.get(code);
  if (!current) throw new Refusal("not_found", `plan ${code} was not found`, "code");
  return current;
}

export function planCommands(s: FakeState): Pick<Commands, "listPlans" | "createPlan" | "editPlan" | "retirePlan"> {
  const store = (plan: PlanView) => {
    s.plans.set(plan.code, plan);
    return withEnrolled(s, plan);
  };
  return {
    listPlans: (includeRetired: boolean) =>
      run(() => {
        requireShop(s);
        return [...s.plans.values()].filter((p) => includeRetired || p.active).map((p) => withEnrolled(s, p));
      }),
    createPlan: (input: PlanInput) =>
      run(() => {
        requireShop(s);
        return store(checkPlan(s, input, null));
      }),
    editPlan: (code: string, input: PlanInput) =>
      run(() => {
        requireShop(s);
        const current = existing(s, code);
        return store({ ...checkPlan(s, input, current.code), active: current.active });
      }),
    retirePlan: (code: string) =>
      run(() => {
        requireShop(s);
        return store({ ...existing(s, code), active: false });
      }),
  };
}
