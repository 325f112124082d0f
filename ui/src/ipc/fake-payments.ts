// The fake backend's payments: the checks (amount, mode, what is left, advances, s.269ST, the day's
// gold rate), idempotent ids, look-alike warnings, and the counter's register-enroll-pay in one step.

import type { CounterEnrollInput, PaymentInput, PaymentMode, PaymentOutcome, PaymentView, PlanView } from "./bindings";
import * as kyc from "./fake-kyc";
import { FieldProblem } from "./fake-kyc";
import { schedule } from "./fake-plan";
import { checkCompliance } from "./fake-rates";
import { activePlan } from "./fake-plans";
import { checkCustomer, checkFamily, storeCustomer } from "./fake-customers";
import { calendarOf, createEnrollment, enrollmentView, paymentsOf, termsWithTier } from "./fake-enrollments";
import { compareMoney, gramsFor, subtractMoney, sumMoney } from "../money";
import { formatInr } from "../format";
import { actorLogin, type Commands, type Enrollment, type FakeState, Refusal, requireShop, run, timestamp } from "./fake-state";

const PAYMENT_MODES: readonly PaymentMode[] = ["cash", "upi", "card", "bank", "cheque"];
const DUPLICATE_WINDOW_MS = 10 * 60 * 1000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

type PaymentCheck = { amount: string; mode: PaymentMode; reference: string | null; date: string; installment: number; rate: string | null; grams: string | null };

/** Cash this enrollment's customer paid on `day` (not failed), for s.269ST. */
function cashOnDay(s: FakeState, e: Enrollment, day: string): string[] {
  const own = (p: PaymentView) => s.enrollments.get(p.enrollment_no)?.customer === e.customer;
  return s.payments.filter((p) => p.mode === "cash" && p.received_on === day && p.status !== "failed" && own(p)).map((p) => p.amount);
}

function checkMode(mode: PaymentMode, reference: string | null): string | null {
  if (!PAYMENT_MODES.includes(mode)) throw new FieldProblem("mode", "choose cash, UPI, card, bank or cheque");
  const ref = kyc.optionalText(reference);
  if ((mode === "cheque" || mode === "bank") && ref === null) {
    throw new FieldProblem("reference", mode === "cheque" ? "enter the cheque number" : "enter the bank transaction reference");
  }
  return ref;
}

/** The installment the amount pays into, after checking it fits what is left (and what is due, without advances). */
function checkAmount(s: FakeState, terms: PlanView, e: Enrollment | null, amount: string, day: string): number {
  const own = e ? paymentsOf(s, e.no) : [];
  const rows = schedule(terms, e?.start ?? day, own, s.clock.today(), e ?? {});
  const open = rows.find((r) => r.status !== "paid");
  if (!open) throw new Refusal("plan_closed", `enrollment ${e?.no} is fully paid and accepts no payments`, "enrollment_no");
  if (terms.kind === "flexible") {
    if (compareMoney(amount, terms.min_amount ?? "0") < 0 || compareMoney(amount, terms.max_amount ?? "0") > 0) {
      throw new FieldProblem("amount", `must be between ${formatInr(terms.min_amount)} and ${formatInr(terms.max_amount)}`);
    }
    return open.number;
  }
  const total = e ? calendarOf(e).totalPayable : (terms.total_payable ?? "0");
  const remaining = subtractMoney(total, sumMoney(own.map((p) => p.amount)));
  if (compareMoney(amount, remaining) > 0) throw new FieldProblem("amount", `is more than the ${formatInr(remaining)} still to pay`);
  if (e && terms.rules.advance_payments === false) {
    const dueNow = rows.filter((r) => r.due_date <= day || r.number === 1);
    const payableNow = sumMoney(dueNow.map((r) => subtractMoney(r.amount, r.paid)));
    if (compareMoney(amount, payableNow) > 0) throw new FieldProblem("amount", `this plan takes no advance payments: at most ${formatInr(payableNow)} is due now`);
  }
  return open.number;
}

function checkPayment(
  s: FakeState, terms: PlanView, e: Enrollment | null, amountText: string, mode: PaymentMode, reference: string | null, date: string | null, newPayerPan = false,
): PaymentCheck {
  const amount = kyc.positiveMoney("amount", amountText);
  const ref = checkMode(mode, reference);
  const day = date ? kyc.isoDate("date", date) : s.clock.today();
  if (day > s.clock.today()) throw new FieldProblem("date", "a payment cannot be dated in the future");
  const installment = checkAmount(s, terms, e, amount, day);
  const payer = e ? s.customers.get(e.customer) : undefined;
  const panOrForm60 = payer ? Boolean(payer.pan || payer.form60_declared_on) : newPayerPan;
  checkCompliance(requireShop(s), mode, amount, e ? cashOnDay(s, e, day) : [], panOrForm60);
  if (terms.kind !== "weight") return { amount, mode, reference: ref, date: day, installment, rate: null, grams: null };
  const found = s.rates.find((r) => r.date === day && r.purity === terms.purity);
  if (!found) throw new Refusal("no_gold_rate", `no ${terms.purity} gold rate is set for ${day}; enter the day's rate first`, "date");
  return { amount, mode, reference: ref, date: day, installment, rate: found.per_gram, grams: gramsFor(amount, found.per_gram) };
}

function storePayment(s: FakeState, id: string, enrollmentNo: string, check: PaymentCheck): PaymentView {
  const shop = requireShop(s);
  s.sequences.receipt += 1;
  const at = s.clock.now();
  const payment: PaymentView = {
    id,
    receipt_no: `${shop.branch_code}-R${String(s.sequences.receipt).padStart(6, "0")}`,
    enrollment_no: enrollmentNo,
    installment_no: check.installment,
    amount: check.amount,
    mode: check.mode,
    status: check.mode === "cheque" ? "processing" : "confirmed",
    reference: check.reference,
    received_at: timestamp(at),
    received_on: check.date,
    received_by: actorLogin(s),
    rate_per_gram: check.rate,
    grams: check.grams,
  };
  s.payments.push(payment);
  s.receivedAtMs.set(id, at.getTime());
  return payment;
}

function checkPaymentId(s: FakeState, id: string, field: string) {
  if (!UUID.test(id)) throw new FieldProblem(field, "the payment id must be a UUIDv7");
  const taken = s.payments.find((p) => p.id === id);
  if (taken) throw new Refusal("conflict", `payment id ${id} was already used for a different payment (receipt ${taken.receipt_no})`, field);
}

function counterEnroll(s: FakeState, input: CounterEnrollInput) {
  requireShop(s);
  // Check everything first so that a refusal writes nothing, as the real transaction does.
  const fields = checkCustomer(s, input.customer);
  const family = checkFamily(s, input.customer);
  const plan = activePlan(s, input.plan_code);
  const terms = termsWithTier(plan, input.installments);
  checkPaymentId(s, input.payment_id, "payment_id");
  const check = checkPayment(s, terms, null, input.amount, input.mode, input.reference, null, fields.pan !== null);
  const customer = storeCustomer(s, fields, family);
  const e = createEnrollment(s, customer, plan, null, input.installments);
  const payment = storePayment(s, input.payment_id, e.no, check);
  return { customer, enrollment: enrollmentView(s, e), payment };
}

function lookAlike(s: FakeState, e: Enrollment, amount: string): PaymentView | undefined {
  const since = s.clock.now().getTime() - DUPLICATE_WINDOW_MS;
  return [...s.payments].reverse().find((p) => p.enrollment_no === e.no && compareMoney(p.amount, amount) === 0 && (s.receivedAtMs.get(p.id) ?? 0) >= since);
}

function recordPayment(s: FakeState, input: PaymentInput): PaymentOutcome {
  requireShop(s);
  const e = s.enrollments.get(input.enrollment_no.trim());
  if (!e) throw new Refusal("not_found", `enrollment ${input.enrollment_no} was not found`, "enrollment_no");
  const previous = s.payments.find((p) => p.id === input.id);
  if (previous) {
    const same = previous.enrollment_no === e.no && compareMoney(previous.amount, input.amount) === 0 && previous.mode === input.mode;
    if (same) return { payment: previous, replayed: true };
    throw new Refusal("conflict", `payment id ${input.id} was already used for a different payment (receipt ${previous.receipt_no})`, "id");
  }
  if (!UUID.test(input.id)) throw new FieldProblem("id", "the payment id must be a UUIDv7");
  const view = enrollmentView(s, e);
  if (view.status !== "active") throw new Refusal("plan_closed", `enrollment ${e.no} is ${view.status} and accepts no payments`, "enrollment_no");
  const check = checkPayment(s, e.terms, e, input.amount, input.mode, input.reference, input.date);
  const twin = input.confirm_duplicate ? undefined : lookAlike(s, e, check.amount);
  if (twin) {
    throw new Refusal(
      "possible_duplicate",
      `${formatInr(check.amount)} was already received on ${e.no} a few minutes ago (receipt ${twin.receipt_no}); confirm to record it again`,
      "amount",
    );
  }
  return { payment: storePayment(s, input.id, e.no, check), replayed: false };
}

export function paymentCommands(s: FakeState): Pick<Commands, "counterEnroll" | "recordPayment"> {
  return {
    counterEnroll: (input: CounterEnrollInput) => run(() => counterEnroll(s, input)),
    recordPayment: (input: PaymentInput) => run(() => recordPayment(s, input)),
  };
}
