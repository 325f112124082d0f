// An in-memory backend with the same commands as the Tauri bindings, so the UI runs in a plain browser
// (`npm run dev`) and in component tests. It is a faithful-enough model of the Rust use cases for the
// common cases — validation messages and fields, sequences, schedules, idempotent payments — not a copy.

import type {
  commands,
  AppStatus,
  CounterEnrollInput,
  CustomerEdit,
  CustomerInput,
  CustomerProfile,
  CustomerSummary,
  CustomerView,
  EnrollInput,
  EnrollmentDetail,
  EnrollmentStatus,
  EnrollmentView,
  GoldRateInput,
  GoldRateView,
  IpcError,
  PaymentInput,
  PaymentMode,
  PaymentOutcome,
  PaymentView,
  PlanInput,
  PlanView,
  RateImportView,
  SettingsInput,
  SetupInput,
  ShopView,
} from "./bindings";
import type { Result } from "./result";
import * as kyc from "./fake-kyc";
import { FieldProblem } from "./fake-kyc";
import { bonusAmount, canonicalBonus, describeBonus, maturityDate, parseBonus, schedule } from "./fake-plan";
import { fakeEvaluation } from "./fake-evaluation";
import { averageRate, compareMoney, fromMilligrams, gramsFor, subtractMoney, sumMoney, toMilligrams } from "../money";
import { codePatternProblem, DEFAULT_CODE_PATTERN, renderCodePattern } from "../code-pattern";
import { formatInr, todayIso } from "../format";
import { checkCompliance, DEFAULT_LIMIT, feedUrl, parseRateSheet, storeRates } from "./fake-rates";

export type Commands = typeof commands;

const PAYMENT_MODES: readonly PaymentMode[] = ["cash", "upi", "card", "bank", "cheque"];
const PURITIES = ["24K", "22K", "18K", "999", "916", "750"];
const DUPLICATE_WINDOW_MS = 10 * 60 * 1000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

class Refusal extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly field: string | null = null,
  ) {
    super(message);
  }
}

type Enrollment = { no: string; customer: string; plan: string; start: string; status: EnrollmentStatus };

export type FakeClock = { today: () => string; now: () => Date };

const systemClock: FakeClock = { today: () => todayIso(), now: () => new Date() };

/** An RFC3339 timestamp in local time with its offset, as the Rust side writes them. */
function timestamp(at: Date): string {
  const pad = (n: number, w = 2) => String(Math.abs(n)).padStart(w, "0");
  const offset = -at.getTimezoneOffset();
  const sign = offset >= 0 ? "+" : "-";
  return (
    `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}T${pad(at.getHours())}:${pad(at.getMinutes())}:` +
    `${pad(at.getSeconds())}.${pad(at.getMilliseconds(), 3)}${sign}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`
  );
}

export function createFakeBackend(clock: FakeClock = systemClock): Commands {
  let shop: ShopView | null = null;
  const customers = new Map<string, CustomerView>();
  const plans = new Map<string, PlanView>();
  const enrollments = new Map<string, Enrollment>();
  const payments: PaymentView[] = [];
  const rates: GoldRateView[] = [];
  const sequences = { customer: 0, enrollment: 0, receipt: 0 };
  const receivedAtMs = new Map<string, number>();

  function requireShop(): ShopView {
    if (!shop) throw new Refusal("not_set_up", "the shop is not set up yet; run first-run setup");
    return shop;
  }

  // ---- customers ----

  function checkCustomer(input: CustomerInput | CustomerEdit) {
    return {
      name: kyc.requiredText("name", input.name),
      phone: kyc.mobile(input.phone),
      pan: kyc.pan(input.pan),
      aadhaar_last4: kyc.aadhaarLast4(input.aadhaar),
      dob: kyc.dob(input.dob, clock.today()),
      address: kyc.optionalText(input.address),
      pin_code: kyc.pinCode(input.pin_code),
      email: kyc.email(input.email),
    };
  }

  function checkFamily(input: CustomerInput): { family_of: string | null; relation: string | null } {
    const familyOf = kyc.optionalText(input.family_of);
    if (familyOf === null) return { family_of: null, relation: null };
    const head = customers.get(familyOf);
    if (!head) throw new Refusal("not_found", `customer ${familyOf} was not found`, "family_of");
    if (head.family_of) throw new FieldProblem("family_of", `${familyOf} is itself a family member of ${head.family_of}; choose the main contact`);
    return { family_of: head.code, relation: kyc.optionalText(input.relation) ?? "family" };
  }

  function nextCustomerCode(s: ShopView): string {
    for (;;) {
      sequences.customer += 1;
      const code = renderCodePattern(s.code_pattern, { branch: s.branch_code, counter: "1", date: clock.today(), seq: sequences.customer });
      if (!customers.has(code)) return code;
    }
  }

  function summary(c: CustomerView): CustomerSummary {
    const active = [...enrollments.values()].filter((e) => e.customer === c.code && e.status === "active").length;
    return { code: c.code, name: c.name, phone: c.phone, family_of: c.family_of, active_enrollments: active };
  }

  function customerOrRefuse(code: string, field = "customer_code"): CustomerView {
    const c = customers.get(code.trim());
    if (!c) throw new Refusal("not_found", `customer ${code} was not found`, field);
    return c;
  }

  // ---- plans ----

  function checkPlan(input: PlanInput, existingCode: string | null): PlanView {
    const name = kyc.requiredText("name", input.name);
    if (!["amount", "weight", "flexible"].includes(input.kind)) throw new FieldProblem("kind", "choose amount, weight or flexible");
    let code = kyc.optionalText(input.code)?.toUpperCase() ?? null;
    if (existingCode) code = existingCode;
    else if (code === null) {
      const base = name.toUpperCase().replace(/[^A-Z0-9]/g, "").slice(0, 12) || "PLAN";
      code = base;
      for (let n = 2; plans.has(code); n++) code = `${base}${n}`;
    } else {
      if (!/^[A-Z0-9-]{2,16}$/.test(code)) throw new FieldProblem("code", "use 2 to 16 letters, digits or dashes");
      if (plans.has(code)) throw new Refusal("conflict", `plan code ${code} is already used`, "code");
    }
    if (!Number.isInteger(input.installments) || input.installments < 1 || input.installments > 120) {
      throw new FieldProblem("installments", "must be a whole number from 1 to 120");
    }
    let installment: string | null = null;
    let min: string | null = null;
    let max: string | null = null;
    if (input.kind === "flexible") {
      min = kyc.positiveMoney("min_amount", input.min_amount);
      max = kyc.positiveMoney("max_amount", input.max_amount);
      if (compareMoney(max, min) < 0) throw new FieldProblem("max_amount", "must not be less than the minimum");
    } else {
      installment = kyc.positiveMoney("installment", input.installment);
    }
    if (input.due_day !== null && (!Number.isInteger(input.due_day) || input.due_day < 1 || input.due_day > 28)) {
      throw new FieldProblem("due_day", "must be a day from 1 to 28, or empty for the enrollment day");
    }
    if (!Number.isInteger(input.grace_days) || input.grace_days < 0 || input.grace_days > 31) {
      throw new FieldProblem("grace_days", "must be from 0 to 31 days");
    }
    let purity: string | null = null;
    if (input.kind === "weight") {
      purity = kyc.optionalText(input.purity)?.toUpperCase() ?? null;
      if (purity === null || !PURITIES.includes(purity)) throw new FieldProblem("purity", `choose one of ${PURITIES.join(", ")}`);
    }
    const bonus = parseBonus(input.bonus);
    const total = installment === null ? null : sumMoney(Array(input.installments).fill(installment));
    return {
      code,
      name,
      kind: input.kind,
      installment,
      min_amount: min,
      max_amount: max,
      installments: input.installments,
      due_day: input.due_day,
      grace_days: input.grace_days,
      purity,
      bonus: canonicalBonus(bonus),
      bonus_text: describeBonus(bonus, installment),
      terms: input.terms.trim(),
      active: true,
      total_payable: total ?? "0.00",
      enrolled: 0,
      rules: input.rules ?? {},
      rules_text: [],
      warnings: input.installments > 12 ? [`tenure of ${input.installments} months exceeds 365 days`] : [],
    };
  }

  function withEnrolled(p: PlanView): PlanView {
    return { ...p, enrolled: [...enrollments.values()].filter((e) => e.plan === p.code).length };
  }

  function activePlan(code: string): PlanView {
    const plan = plans.get(code.trim().toUpperCase());
    if (!plan) throw new Refusal("not_found", `plan ${code} was not found`, "plan_code");
    if (!plan.active) throw new Refusal("plan_closed", `plan ${plan.code} is retired and takes no new enrollments`, "plan_code");
    return plan;
  }

  // ---- enrollments ----

  function paymentsOf(no: string): PaymentView[] {
    return payments.filter((p) => p.enrollment_no === no && p.status !== "failed" && p.status !== "refunded");
  }

  function enrollmentView(e: Enrollment): EnrollmentView {
    const plan = plans.get(e.plan)!;
    const customer = customers.get(e.customer)!;
    const own = paymentsOf(e.no);
    const today = clock.today();
    const rows = schedule(plan, e.start, own, today);
    const totalPaid = sumMoney(own.map((p) => p.amount));
    const dueSoFar = rows.filter((r) => r.due_date <= today);
    const outstanding = sumMoney(dueSoFar.map((r) => subtractMoney(r.amount, r.paid)));
    const next = rows.find((r) => r.status !== "paid") ?? null;
    const overdueCount = rows.filter((r) => r.status === "late" || r.status === "missed" || (r.status === "partly_paid" && r.due_date < today)).length;
    const grams = plan.kind === "weight" ? fromMilligrams(own.reduce((s, p) => s + (toMilligrams(p.grams ?? "0") ?? 0n), 0n)) : null;
    const status: EnrollmentStatus = e.status === "active" && rows.every((r) => r.status === "paid") ? "matured" : e.status;
    return {
      enrollment_no: e.no,
      customer_code: customer.code,
      customer_name: customer.name,
      plan_code: plan.code,
      plan_name: plan.name,
      kind: plan.kind,
      start_date: e.start,
      maturity_date: maturityDate(plan, e.start),
      status,
      installment: plan.installment,
      installments: plan.installments,
      total_paid: totalPaid,
      total_grams: grams,
      outstanding,
      next_due_date: next?.due_date ?? null,
      next_due_amount: next ? subtractMoney(next.amount, next.paid) : null,
      overdue: overdueCount > 0,
      overdue_count: overdueCount,
      paid_installments: rows.filter((r) => r.status === "paid").length,
      state: status === "matured" ? "matured" : "active",
      bonus_at_maturity: bonusAmount(parseBonus(plan.bonus), plan.installment, plan.total_payable ?? totalPaid),
    };
  }

  function createEnrollment(customer: CustomerView, plan: PlanView, date: string | null): Enrollment {
    const s = requireShop();
    sequences.enrollment += 1;
    const e: Enrollment = {
      no: `${s.branch_code}-E${String(sequences.enrollment).padStart(5, "0")}`,
      customer: customer.code,
      plan: plan.code,
      start: date ? kyc.isoDate("date", date) : clock.today(),
      status: "active",
    };
    enrollments.set(e.no, e);
    return e;
  }

  // ---- payments ----

  type PaymentCheck = { amount: string; mode: PaymentMode; reference: string | null; date: string; installment: number; rate: string | null; grams: string | null };

  /** Cash this enrollment's customer paid on `day` (not failed), for s.269ST. */
  function cashOnDay(e: Enrollment, day: string): string[] {
    const own = (p: PaymentView) => enrollments.get(p.enrollment_no)?.customer === e.customer;
    return payments.filter((p) => p.mode === "cash" && p.received_on === day && p.status !== "failed" && own(p)).map((p) => p.amount);
  }

  function checkPayment(
    plan: PlanView, e: Enrollment | null, amountText: string, mode: PaymentMode, reference: string | null, date: string | null, newPayerPan = false,
  ): PaymentCheck {
    const amount = kyc.positiveMoney("amount", amountText);
    if (!PAYMENT_MODES.includes(mode)) throw new FieldProblem("mode", "choose cash, UPI, card, bank or cheque");
    const ref = kyc.optionalText(reference);
    if ((mode === "cheque" || mode === "bank") && ref === null) {
      throw new FieldProblem("reference", mode === "cheque" ? "enter the cheque number" : "enter the bank transaction reference");
    }
    const day = date ? kyc.isoDate("date", date) : clock.today();
    if (day > clock.today()) throw new FieldProblem("date", "a payment cannot be dated in the future");
    const own = e ? paymentsOf(e.no) : [];
    const rows = schedule(plan, e?.start ?? day, own, clock.today());
    const open = rows.find((r) => r.status !== "paid");
    if (!open) throw new Refusal("plan_closed", `enrollment ${e?.no} is fully paid and accepts no payments`, "enrollment_no");
    if (plan.kind === "flexible") {
      if (compareMoney(amount, plan.min_amount ?? "0") < 0 || compareMoney(amount, plan.max_amount ?? "0") > 0) {
        throw new FieldProblem("amount", `must be between ${formatInr(plan.min_amount)} and ${formatInr(plan.max_amount)}`);
      }
    } else {
      const remaining = subtractMoney(plan.total_payable ?? "0", sumMoney(own.map((p) => p.amount)));
      if (compareMoney(amount, remaining) > 0) throw new FieldProblem("amount", `is more than the ${formatInr(remaining)} still to pay`);
    }
    const payer = e ? customers.get(e.customer) : undefined;
    const panOrForm60 = payer ? Boolean(payer.pan || payer.form60_declared_on) : newPayerPan;
    checkCompliance(requireShop(), mode, amount, e ? cashOnDay(e, day) : [], panOrForm60);
    let rate: string | null = null;
    let grams: string | null = null;
    if (plan.kind === "weight") {
      const found = rates.find((r) => r.date === day && r.purity === plan.purity);
      if (!found) throw new Refusal("no_gold_rate", `no ${plan.purity} gold rate is set for ${day}; enter the day's rate first`, "date");
      rate = found.per_gram;
      grams = gramsFor(amount, rate);
    }
    return { amount, mode, reference: ref, date: day, installment: open.number, rate, grams };
  }

  function storePayment(id: string, enrollmentNo: string, check: PaymentCheck): PaymentView {
    const s = requireShop();
    sequences.receipt += 1;
    const at = clock.now();
    const payment: PaymentView = {
      id,
      receipt_no: `${s.branch_code}-R${String(sequences.receipt).padStart(6, "0")}`,
      enrollment_no: enrollmentNo,
      installment_no: check.installment,
      amount: check.amount,
      mode: check.mode,
      status: check.mode === "cheque" ? "processing" : "confirmed",
      reference: check.reference,
      received_at: timestamp(at),
      received_on: check.date,
      received_by: "owner",
      rate_per_gram: check.rate,
      grams: check.grams,
    };
    payments.push(payment);
    receivedAtMs.set(id, at.getTime());
    return payment;
  }

  function checkPaymentId(id: string, field: string) {
    if (!UUID.test(id)) throw new FieldProblem(field, "the payment id must be a UUIDv7");
    const taken = payments.find((p) => p.id === id);
    if (taken) throw new Refusal("conflict", `payment id ${id} was already used for a different payment (receipt ${taken.receipt_no})`, field);
  }

  // ---- the commands ----

  async function run<T>(work: () => T): Promise<Result<T, IpcError>> {
    await Promise.resolve();
    try {
      return { status: "ok", data: structuredClone(work()) };
    } catch (e) {
      if (e instanceof FieldProblem) return { status: "error", error: { code: "invalid_input", message: e.message, field: e.field } };
      if (e instanceof Refusal) return { status: "error", error: { code: e.code, message: e.message, field: e.field } };
      throw e;
    }
  }

  const backend: Commands = {
    appStatus: () => run((): AppStatus => ({ setup_done: shop !== null, shop, today: clock.today() })),

    setupShop: (input: SetupInput) =>
      run(() => {
        if (shop) throw new Refusal("already_set_up", "the shop is already set up");
        const next: ShopView = {
          shop_name: kyc.requiredText("shop_name", input.shop_name),
          address: (input.address ?? "").trim(),
          gstin: kyc.gstin(input.gstin),
          branch_code: kyc.branchCode(input.branch_code),
          owner_name: kyc.requiredText("owner_name", input.owner_name),
          code_pattern: DEFAULT_CODE_PATTERN,
          language: "en",
          derive_rates: false,
          rate_feed_url: null,
          cash_limit_per_day: DEFAULT_LIMIT,
          pan_required_above: DEFAULT_LIMIT,
        };
        kyc.ownerPin(input.owner_pin);
        shop = next;
        return next;
      }),

    updateSettings: (input: SettingsInput) =>
      run(() => {
        const current = requireShop();
        const problem = codePatternProblem(input.code_pattern);
        if (problem) throw new FieldProblem("code_pattern", problem);
        if (input.language !== "en" && input.language !== "hi") throw new FieldProblem("language", "choose en or hi");
        shop = {
          ...current,
          shop_name: kyc.requiredText("shop_name", input.shop_name),
          address: input.address.trim(),
          gstin: kyc.gstin(input.gstin),
          code_pattern: input.code_pattern.trim(),
          language: input.language,
          derive_rates: input.derive_rates,
          rate_feed_url: feedUrl(input.rate_feed_url),
          cash_limit_per_day: kyc.positiveMoney("cash_limit_per_day", input.cash_limit_per_day),
          pan_required_above: kyc.positiveMoney("pan_required_above", input.pan_required_above),
        };
        return shop;
      }),

    addCustomer: (input: CustomerInput) =>
      run(() => {
        const s = requireShop();
        const fields = checkCustomer(input);
        const family = checkFamily(input);
        const customer: CustomerView = { code: nextCustomerCode(s), ...fields, ...family, created_at: timestamp(clock.now()), form60_declared_on: null };
        customers.set(customer.code, customer);
        return customer;
      }),

    editCustomer: (code: string, input: CustomerEdit) =>
      run(() => {
        requireShop();
        const current = customerOrRefuse(code, "code");
        const fields = checkCustomer(input);
        const newCode = kyc.optionalText(input.code) ?? current.code;
        if (newCode !== current.code) {
          if (!/^[A-Za-z0-9/_-]{2,24}$/.test(newCode)) throw new FieldProblem("code", "use letters, digits, - / and _");
          if (customers.has(newCode)) throw new Refusal("conflict", `code ${newCode} is already used by another customer`, "code");
        }
        // An edit without an Aadhaar number keeps the stored last four digits.
        const updated: CustomerView = { ...current, ...fields, aadhaar_last4: fields.aadhaar_last4 ?? current.aadhaar_last4, code: newCode };
        customers.delete(current.code);
        customers.set(newCode, updated);
        if (newCode !== current.code) {
          for (const c of customers.values()) if (c.family_of === current.code) c.family_of = newCode;
          for (const e of enrollments.values()) if (e.customer === current.code) e.customer = newCode;
        }
        return updated;
      }),

    searchCustomers: (query: string, limit: number) =>
      run(() => {
        requireShop();
        const q = query.trim().toLowerCase();
        const digits = q.replace(/\D/g, "");
        const all = [...customers.values()].reverse();
        const phoneLike = digits.length >= 3 && /^[\d\s+-]+$/.test(q);
        const found = q
          ? all.filter((c) => c.name.toLowerCase().includes(q) || (phoneLike && c.phone.includes(digits)) || c.code.toLowerCase().startsWith(q))
          : all;
        return found.slice(0, Math.max(0, limit)).map(summary);
      }),

    customerProfile: (code: string) =>
      run((): CustomerProfile => {
        requireShop();
        const customer = customerOrRefuse(code, "code");
        const family = [...customers.values()]
          .filter((c) => c.code !== customer.code && (c.family_of === customer.code || (customer.family_of !== null && (c.code === customer.family_of || c.family_of === customer.family_of))))
          .map(summary);
        const own = [...enrollments.values()].filter((e) => e.customer === customer.code).map(enrollmentView).reverse();
        const numbers = new Set(own.map((e) => e.enrollment_no));
        const paid = payments.filter((p) => numbers.has(p.enrollment_no)).reverse();
        return { customer, family, enrollments: own, payments: paid, outstanding: sumMoney(own.map((e) => e.outstanding)) };
      }),

    listPlans: (includeRetired: boolean) =>
      run(() => {
        requireShop();
        return [...plans.values()].filter((p) => includeRetired || p.active).map(withEnrolled);
      }),

    createPlan: (input: PlanInput) =>
      run(() => {
        requireShop();
        const plan = checkPlan(input, null);
        plans.set(plan.code, plan);
        return withEnrolled(plan);
      }),

    editPlan: (code: string, input: PlanInput) =>
      run(() => {
        requireShop();
        const current = plans.get(code);
        if (!current) throw new Refusal("not_found", `plan ${code} was not found`, "code");
        const plan = { ...checkPlan(input, current.code), active: current.active };
        plans.set(plan.code, plan);
        return withEnrolled(plan);
      }),

    retirePlan: (code: string) =>
      run(() => {
        requireShop();
        const current = plans.get(code);
        if (!current) throw new Refusal("not_found", `plan ${code} was not found`, "code");
        const plan = { ...current, active: false };
        plans.set(code, plan);
        return withEnrolled(plan);
      }),

    enroll: (input: EnrollInput) =>
      run(() => {
        const customer = customerOrRefuse(input.customer_code);
        const plan = activePlan(input.plan_code);
        return enrollmentView(createEnrollment(customer, plan, input.date));
      }),

    counterEnroll: (input: CounterEnrollInput) =>
      run(() => {
        const s = requireShop();
        // Check everything first so that a refusal writes nothing, as the real transaction does.
        const fields = checkCustomer(input.customer);
        const family = checkFamily(input.customer);
        const plan = activePlan(input.plan_code);
        checkPaymentId(input.payment_id, "payment_id");
        const check = checkPayment(plan, null, input.amount, input.mode, input.reference, null, fields.pan !== null);
        const customer: CustomerView = { code: nextCustomerCode(s), ...fields, ...family, created_at: timestamp(clock.now()), form60_declared_on: null };
        customers.set(customer.code, customer);
        const e = createEnrollment(customer, plan, null);
        const payment = storePayment(input.payment_id, e.no, check);
        return { customer, enrollment: enrollmentView(e), payment };
      }),

    recordPayment: (input: PaymentInput) =>
      run((): PaymentOutcome => {
        requireShop();
        const e = enrollments.get(input.enrollment_no.trim());
        if (!e) throw new Refusal("not_found", `enrollment ${input.enrollment_no} was not found`, "enrollment_no");
        const previous = payments.find((p) => p.id === input.id);
        if (previous) {
          const same = previous.enrollment_no === e.no && compareMoney(previous.amount, input.amount) === 0 && previous.mode === input.mode;
          if (same) return { payment: previous, replayed: true };
          throw new Refusal("conflict", `payment id ${input.id} was already used for a different payment (receipt ${previous.receipt_no})`, "id");
        }
        if (!UUID.test(input.id)) throw new FieldProblem("id", "the payment id must be a UUIDv7");
        const view = enrollmentView(e);
        if (view.status !== "active") {
          throw new Refusal("plan_closed", `enrollment ${e.no} is ${view.status} and accepts no payments`, "enrollment_no");
        }
        const check = checkPayment(plans.get(e.plan)!, e, input.amount, input.mode, input.reference, input.date);
        if (!input.confirm_duplicate) {
          const since = clock.now().getTime() - DUPLICATE_WINDOW_MS;
          const lookAlike = [...payments]
            .reverse()
            .find((p) => p.enrollment_no === e.no && compareMoney(p.amount, check.amount) === 0 && (receivedAtMs.get(p.id) ?? 0) >= since);
          if (lookAlike) {
            throw new Refusal(
              "possible_duplicate",
              `${formatInr(check.amount)} was already received on ${e.no} a few minutes ago (receipt ${lookAlike.receipt_no}); confirm to record it again`,
              "amount",
            );
          }
        }
        return { payment: storePayment(input.id, e.no, check), replayed: false };
      }),

    enrollmentDetail: (enrollmentNo: string) =>
      run((): EnrollmentDetail => {
        requireShop();
        const e = enrollments.get(enrollmentNo.trim());
        if (!e) throw new Refusal("not_found", `enrollment ${enrollmentNo} was not found`, "enrollment_no");
        const plan = plans.get(e.plan)!;
        const view = enrollmentView(e);
        const own = paymentsOf(e.no);
        const bonus = parseBonus(plan.bonus);
        return {
          enrollment: view,
          evaluation: fakeEvaluation({
            today: clock.today(),
            schedule: schedule(plan, e.start, own, clock.today()),
            view,
            bonus: bonusAmount(bonus, plan.installment, plan.kind === "flexible" ? view.total_paid : (plan.total_payable ?? view.total_paid)),
            bonusText: plan.bonus_text,
            averageRate: plan.kind === "weight" && view.total_grams ? averageRate(view.total_paid, view.total_grams) : null,
          }),
          payments: payments.filter((p) => p.enrollment_no === e.no).reverse(),
          rules_text: [plan.bonus_text],
          terms: plan.terms,
          show_gold_to_customer: true,
        };
      }),

    listEnrollments: (overdueOnly: boolean) =>
      run(() => {
        requireShop();
        return [...enrollments.values()].map(enrollmentView).filter((e) => !overdueOnly || e.overdue).reverse();
      }),

    setGoldRate: (input: GoldRateInput) =>
      run(() => {
        requireShop();
        const date = kyc.isoDate("date", input.date);
        if (date > clock.today()) throw new FieldProblem("date", "a rate cannot be set for a future day");
        const purity = input.purity.trim().toUpperCase();
        if (!PURITIES.includes(purity)) throw new FieldProblem("purity", `choose one of ${PURITIES.join(", ")}`);
        const perGram = kyc.positiveMoney("per_gram", input.per_gram);
        const [view] = storeRates(rates, requireShop(), [{ date, purity, per_gram: perGram }], "manual", timestamp(clock.now()));
        return view;
      }),

    importGoldRates: (csv: string) =>
      run((): RateImportView => {
        const s = requireShop();
        const sheet = parseRateSheet(csv, clock.today(), PURITIES);
        const stored = storeRates(rates, s, sheet, "csv", timestamp(clock.now()));
        return { source: "csv", imported: sheet.length, derived: stored.length - sheet.length, rates: stored };
      }),

    // The browser has no feed to read: say so the way the real backend reports an unreachable one.
    fetchGoldRates: () =>
      run((): RateImportView => {
        const url = requireShop().rate_feed_url;
        if (!url) throw new FieldProblem("rate_feed_url", "is not set; add the shop's rate feed address in settings");
        throw new Refusal("feed_unavailable", `the rate feed ${url} could not be reached (the browser demo has no network); nothing was imported`, "rate_feed_url");
      }),

    recordForm60: (code: string, date: string) =>
      run(() => {
        requireShop();
        const current = customerOrRefuse(code);
        const day = kyc.isoDate("date", date);
        if (day > clock.today()) throw new FieldProblem("date", "cannot be in the future");
        const updated: CustomerView = { ...current, form60_declared_on: day };
        customers.set(updated.code, updated);
        return updated;
      }),

    goldRates: (date: string | null) =>
      run(() => {
        requireShop();
        return date ? rates.filter((r) => r.date === date) : rates.slice(0, 30);
      }),
  };
  return backend;
}
