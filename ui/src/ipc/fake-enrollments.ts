// The fake backend's enrollments: enrolling (with a picked tier), the enrollment's view and detail.

import type { CustomerView, EnrollInput, EnrollmentDetail, EnrollmentStatus, EnrollmentView, PaymentView, PlanView } from "./bindings";
import * as kyc from "./fake-kyc";
import { addMonths, averageInstallment, bonusAmount, calendar, type Calendar, describeBonus, maturityDate, parseBonus, schedule, tierOf } from "./fake-plan";
import { describeRules } from "./fake-rules";
import { fakeEvaluation } from "./fake-evaluation";
import { activePlan } from "./fake-plans";
import { customerOrRefuse } from "./fake-customers";
import { fullRules } from "../plan-rules";
import { averageRate, fromMilligrams, subtractMoney, sumMoney, toMilligrams } from "../money";
import { type Commands, type Enrollment, type FakeState, Refusal, requireShop, run } from "./fake-state";

export function paymentsOf(s: FakeState, no: string): PaymentView[] {
  return s.payments.filter((p) => p.enrollment_no === no && p.status !== "failed" && p.status !== "refunded");
}

export function enrollmentOrRefuse(s: FakeState, no: string): Enrollment {
  const e = s.enrollments.get(no.trim());
  if (!e) throw new Refusal("not_found", `enrollment ${no} was not found`, "enrollment_no");
  return e;
}

/** The enrollment's calendar: its terms after the tier picked, pauses and changes. */
export function calendarOf(e: Enrollment): Calendar {
  return calendar(e.terms, { start: e.start, pauses: e.pauses, changes: e.changes });
}

function paused(e: Enrollment, today: string): boolean {
  return e.pauses.some((p) => p.from <= today && today < addMonths(p.from, p.months));
}

export function enrollmentView(s: FakeState, e: Enrollment): EnrollmentView {
  const plan = s.plans.get(e.plan)!;
  const terms = e.terms;
  const customer = s.customers.get(e.customer)!;
  const own = paymentsOf(s, e.no);
  const today = s.clock.today();
  const cal = calendarOf(e);
  const rows = schedule(terms, e.start, own, today, e);
  const totalPaid = sumMoney(own.map((p) => p.amount));
  const dueSoFar = rows.filter((r) => r.due_date <= today);
  const outstanding = sumMoney(dueSoFar.map((r) => subtractMoney(r.amount, r.paid)));
  const next = rows.find((r) => r.status !== "paid") ?? null;
  const overdueCount = rows.filter((r) => r.status === "late" || r.status === "missed" || (r.status === "partly_paid" && r.due_date < today)).length;
  const grams = terms.kind === "weight" ? fromMilligrams(own.reduce((n, p) => n + (toMilligrams(p.grams ?? "0") ?? 0n), 0n)) : null;
  const status: EnrollmentStatus = e.status === "active" && rows.every((r) => r.status === "paid") ? "matured" : e.status;
  const current = terms.kind === "flexible" ? null : (rows.find((r) => r.due_date >= today)?.amount ?? rows[rows.length - 1]?.amount ?? terms.installment);
  return {
    enrollment_no: e.no,
    customer_code: customer.code,
    customer_name: customer.name,
    plan_code: plan.code,
    plan_name: plan.name,
    kind: terms.kind,
    start_date: e.start,
    maturity_date: maturityDate({ installments: cal.count }, e.start, cal.pauseMonths),
    status,
    installment: current,
    installments: cal.count,
    total_paid: totalPaid,
    total_grams: grams,
    outstanding,
    next_due_date: next?.due_date ?? null,
    next_due_amount: next ? subtractMoney(next.amount, next.paid) : null,
    overdue: overdueCount > 0,
    overdue_count: overdueCount,
    paid_installments: rows.filter((r) => r.status === "paid").length,
    state: status === "matured" ? "matured" : paused(e, today) ? "paused" : "active",
    bonus_at_maturity: bonusAmount(parseBonus(cal.bonus), averageInstallment(cal), terms.kind === "flexible" ? totalPaid : cal.totalPayable, cal.count),
  };
}

/** The plan's terms as this enrollment keeps them: with the tier the customer picked, if the plan has tiers. */
export function termsWithTier(plan: PlanView, installments: number | null): PlanView {
  if (installments === null || (plan.rules.tiers ?? []).length === 0) return structuredClone(plan);
  const tier = tierOf(plan, installments);
  if (!tier) {
    const lengths = (plan.rules.tiers ?? []).map((t) => t.installments).join(", ");
    throw new kyc.FieldProblem("installments", `must be one of the plan's options: ${lengths}`);
  }
  const bonus = parseBonus(tier.bonus);
  return { ...structuredClone(plan), installments: tier.installments, bonus: tier.bonus, bonus_text: describeBonus(bonus, plan.installment) };
}

export function createEnrollment(s: FakeState, customer: CustomerView, plan: PlanView, date: string | null, installments: number | null): Enrollment {
  const shop = requireShop(s);
  const terms = termsWithTier(plan, installments);
  s.sequences.enrollment += 1;
  const e: Enrollment = {
    no: `${shop.branch_code}-E${String(s.sequences.enrollment).padStart(5, "0")}`,
    customer: customer.code,
    plan: plan.code,
    start: date ? kyc.isoDate("date", date) : s.clock.today(),
    status: "active",
    terms,
    pauses: [],
    changes: [],
    gifts: [],
  };
  s.enrollments.set(e.no, e);
  return e;
}

export function enrollmentDetail(s: FakeState, no: string): EnrollmentDetail {
  requireShop(s);
  const e = enrollmentOrRefuse(s, no);
  const view = enrollmentView(s, e);
  const cal = calendarOf(e);
  const rules = fullRules(e.terms.rules);
  const terms = { ...e.terms, installments: cal.count, bonus: cal.bonus };
  return {
    enrollment: view,
    evaluation: fakeEvaluation({
      today: s.clock.today(),
      schedule: schedule(e.terms, e.start, paymentsOf(s, e.no), s.clock.today(), e),
      view,
      bonus: view.bonus_at_maturity,
      bonusText: cal.bonus === e.terms.bonus ? e.terms.bonus_text : describeBonus(parseBonus(cal.bonus), averageInstallment(cal)),
      averageRate: e.terms.kind === "weight" && view.total_grams ? averageRate(view.total_paid, view.total_grams) : null,
      cal,
      rules,
      giftsGiven: e.gifts,
      changed: e.changes.some((c) => c.installment !== null),
    }),
    payments: s.payments.filter((p) => p.enrollment_no === e.no).reverse(),
    rules_text: describeRules(terms, rules),
    terms: e.terms.terms,
    show_gold_to_customer: rules.show_gold_to_customer,
    closure: s.closures.get(e.no) ?? null,
  };
}

export function enrollmentCommands(s: FakeState): Pick<Commands, "enroll" | "enrollmentDetail" | "listEnrollments"> {
  return {
    enroll: (input: EnrollInput) =>
      run(() => {
        const customer = customerOrRefuse(s, input.customer_code);
        const plan = activePlan(s, input.plan_code);
        return enrollmentView(s, createEnrollment(s, customer, plan, input.date, input.installments));
      }),
    enrollmentDetail: (enrollmentNo: string) => run(() => enrollmentDetail(s, enrollmentNo)),
    listEnrollments: (overdueOnly: boolean) =>
      run(() => {
        requireShop(s);
        return [...s.enrollments.values()].map((e) => enrollmentView(s, e)).filter((e) => !overdueOnly || e.overdue).reverse();
      }),
  };
}
