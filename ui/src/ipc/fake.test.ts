import { beforeEach, describe, expect, it } from "vitest";
import type { CustomerInput, IpcError, PlanInput } from "./bindings";
import type { Result } from "./result";
import { createFakeBackend, type Commands, type FakeClock } from "./fake";
import { uuidv7 } from "./uuid";

let now = new Date("2026-04-10T11:00:00+05:30");
let today = "2026-04-10";
const clock: FakeClock = { today: () => today, now: () => now };

async function ok<T>(pending: Promise<Result<T, IpcError>>): Promise<T> {
  const r = await pending;
  if (r.status === "error") throw new Error(`expected ok, got ${JSON.stringify(r.error)}`);
  return r.data;
}

async function refused<T>(pending: Promise<Result<T, IpcError>>): Promise<IpcError> {
  const r = await pending;
  if (r.status === "ok") throw new Error(`expected a refusal, got ${JSON.stringify(r.data)}`);
  return r.error;
}

const person = (name: string, phone: string, extra: Partial<CustomerInput> = {}): CustomerInput => ({
  name, phone, pan: null, aadhaar: null, dob: null, address: null, pin_code: null, email: null, family_of: null, relation: null, ...extra,
});

const plan = (extra: Partial<PlanInput> = {}): PlanInput => ({
  code: "SWARNA11", name: "Swarna 11", kind: "amount", installment: "5000", min_amount: null, max_amount: null,
  installments: 11, due_day: null, grace_days: 7, purity: null, bonus: "1 installment", terms: "", rules: null, ...extra,
});

let fake: Commands;

beforeEach(async () => {
  now = new Date("2026-04-10T11:00:00+05:30");
  today = "2026-04-10";
  fake = createFakeBackend(clock);
  await ok(fake.setupShop({ shop_name: "Lakshmi Jewellers", address: "Jaipur", gstin: null, branch_code: "main", owner_name: "Ravi Soni", owner_pin: "4321" }));
});

describe("setup", () => {
  it("happens once", async () => {
    const status = await ok(fake.appStatus());
    expect(status).toMatchObject({ setup_done: true, today: "2026-04-10", shop: { branch_code: "MAIN", code_pattern: "{BRANCH}-{SEQ:5}", language: "en" } });
    const again = await refused(fake.setupShop({ shop_name: "X", address: "", gstin: null, branch_code: "X1", owner_name: "Y", owner_pin: "1234" }));
    expect(again.code).toBe("already_set_up");
  });

  it("refuses a short PIN by field", async () => {
    const fresh = createFakeBackend(clock);
    const e = await refused(fresh.setupShop({ shop_name: "S", address: "", gstin: null, branch_code: "MAIN", owner_name: "O", owner_pin: "12" }));
    expect([e.code, e.field]).toEqual(["invalid_input", "owner_pin"]);
    expect((await ok(fresh.appStatus())).setup_done).toBe(false);
  });
});

describe("customers", () => {
  it("refuses bad KYC naming the field, with the field in the message", async () => {
    const cases: [Partial<CustomerInput>, string][] = [
      [{ phone: "12345" }, "phone"],
      [{ phone: "5876543210" }, "phone"],
      [{ pan: "ABCDE12345" }, "pan"],
      [{ aadhaar: "234123412347" }, "aadhaar"],
      [{ pin_code: "30200" }, "pin_code"],
      [{ email: "asha@" }, "email"],
      [{ name: "   " }, "name"],
      [{ dob: "2030-01-01" }, "dob"],
    ];
    for (const [change, field] of cases) {
      const e = await refused(fake.addCustomer({ ...person("Asha Verma", "9876543210"), ...change }));
      expect([e.code, e.field], JSON.stringify(change)).toEqual(["invalid_input", field]);
      expect(e.message.startsWith(`${field}:`)).toBe(true);
    }
    expect(await ok(fake.searchCustomers("", 10))).toEqual([]);
  });

  it("numbers customers by the shop's pattern, keeps only Aadhaar's last 4, and normalises phone and PAN", async () => {
    const asha = await ok(fake.addCustomer(person("Asha Verma", "+91 98765 43210", { aadhaar: "2341 2341 2346", pan: "abcde1234f" })));
    expect(asha).toMatchObject({ code: "MAIN-00001", phone: "9876543210", pan: "ABCDE1234F", aadhaar_last4: "2346" });
    expect(JSON.stringify(asha)).not.toContain("23412341");
    await ok(fake.updateSettings({ shop_name: "Lakshmi Jewellers", address: "Jaipur", gstin: null, code_pattern: "{BRANCH}/{YY}/{SEQ:4}", language: "hi", derive_rates: false, rate_feed_url: null, cash_limit_per_day: "200000", pan_required_above: "200000", print_receipt_after_payment: false }));
    expect((await ok(fake.addCustomer(person("Meera Iyer", "9876543212")))).code).toBe("MAIN/26/0002");
  });

  it("finds by name, phone fragment and code, including Hindi names", async () => {
    await ok(fake.addCustomer(person("Asha Verma", "9876543210")));
    await ok(fake.addCustomer(person("श्रीमती लक्ष्मी देवी", "9812345678")));
    const names = async (q: string) => (await ok(fake.searchCustomers(q, 10))).map((c) => c.name);
    expect(await names("ash")).toEqual(["Asha Verma"]);
    expect(await names("3210")).toEqual(["Asha Verma"]);
    expect(await names("MAIN-00002")).toEqual(["श्रीमती लक्ष्मी देवी"]);
    expect(await names("लक्ष्मी")).toEqual(["श्रीमती लक्ष्मी देवी"]);
    expect(await names("nobody")).toEqual([]);
  });

  it("links family one level deep and refuses a taken code on edit", async () => {
    const main = await ok(fake.addCustomer(person("Asha Verma", "9876543210")));
    const son = await ok(fake.addCustomer(person("Rohan Verma", "9876543219", { family_of: main.code, relation: "son" })));
    const profile = await ok(fake.customerProfile(main.code));
    expect(profile.family.map((f) => f.code)).toEqual([son.code]);
    const deeper = await refused(fake.addCustomer(person("Baby Verma", "9876543218", { family_of: son.code, relation: "daughter" })));
    expect(deeper.field).toBe("family_of");
    const clash = await refused(fake.editCustomer(main.code, { code: son.code, name: "Asha Verma", phone: "9876543210", pan: null, aadhaar: null, dob: null, address: null, pin_code: null, email: null }));
    expect([clash.code, clash.field]).toEqual(["conflict", "code"]);
  });
});

describe("plans", () => {
  it("creates a plan with a canonical bonus and a total, and generates a code from the name", async () => {
    const p = await ok(fake.createPlan(plan()));
    expect(p).toMatchObject({ code: "SWARNA11", installment: "5000.00", total_payable: "55000.00", bonus: "1 installment", active: true });
    const generated = await ok(fake.createPlan(plan({ code: null, name: "Dhan Varsha 12", bonus: "50% OF INSTALLMENT" })));
    expect([generated.code, generated.bonus]).toEqual(["DHANVARSHA12", "50% of installment"]);
  });

  it("refuses bad terms by field", async () => {
    expect((await refused(fake.createPlan(plan({ installment: "0" })))).field).toBe("installment");
    expect((await refused(fake.createPlan(plan({ installments: 0 })))).field).toBe("installments");
    expect((await refused(fake.createPlan(plan({ bonus: "a gift" })))).field).toBe("bonus");
    expect((await refused(fake.createPlan(plan({ kind: "weight", purity: null })))).field).toBe("purity");
    expect((await refused(fake.createPlan(plan({ kind: "flexible", min_amount: "5000", max_amount: "1000" })))).field).toBe("max_amount");
    await ok(fake.createPlan(plan()));
    expect(await refused(fake.createPlan(plan()))).toMatchObject({ code: "conflict", field: "code" });
  });

  it("takes no new enrollments once retired", async () => {
    await ok(fake.createPlan(plan()));
    const c = await ok(fake.addCustomer(person("Asha Verma", "9876543210")));
    await ok(fake.retirePlan("SWARNA11"));
    expect(await ok(fake.listPlans(false))).toEqual([]);
    expect((await ok(fake.listPlans(true)))[0].active).toBe(false);
    expect((await refused(fake.enroll({ customer_code: c.code, plan_code: "SWARNA11", date: null, installments: null }))).field).toBe("plan_code");
  });
});

describe("counter enrollment and payments", () => {
  beforeEach(async () => {
    await ok(fake.createPlan(plan()));
  });

  const counter = (extra: Partial<Parameters<Commands["counterEnroll"]>[0]> = {}) =>
    fake.counterEnroll({ customer: person("श्रीमती लक्ष्मी", "98123 45678"), plan_code: "SWARNA11", installments: null, payment_id: uuidv7(), amount: "5000.00", mode: "cash", reference: null, ...extra });

  it("registers, enrolls and takes the first installment in one step", async () => {
    const r = await ok(counter());
    expect(r.customer.code).toBe("MAIN-00001");
    expect(r.enrollment).toMatchObject({ enrollment_no: "MAIN-E00001", start_date: "2026-04-10", maturity_date: "2027-03-10", total_paid: "5000.00", paid_installments: 1, outstanding: "0.00", next_due_date: "2026-05-10", next_due_amount: "5000.00" });
    expect(r.payment).toMatchObject({ receipt_no: "MAIN-R000001", amount: "5000.00", installment_no: 1, status: "confirmed", received_on: "2026-04-10" });
    const profile = await ok(fake.customerProfile("MAIN-00001"));
    expect(profile.payments.map((p) => p.receipt_no)).toEqual(["MAIN-R000001"]);
  });

  it("writes nothing when any part is refused", async () => {
    expect((await refused(counter({ amount: "0" })))).toMatchObject({ code: "invalid_input", field: "amount" });
    expect((await refused(counter({ customer: person("Asha", "12345") })))).toMatchObject({ field: "phone" });
    expect((await refused(counter({ plan_code: "NOPE" })))).toMatchObject({ code: "not_found", field: "plan_code" });
    expect(await ok(fake.searchCustomers("", 10))).toEqual([]);
    expect((await ok(counter())).customer.code).toBe("MAIN-00001");
  });

  it("replays a payment id instead of charging twice, and flags a look-alike until confirmed", async () => {
    const first = await ok(counter());
    const no = first.enrollment.enrollment_no;
    now = new Date(now.getTime() + 60_000);
    const id = uuidv7();
    const input = { id, enrollment_no: no, amount: "5000", mode: "cash" as const, reference: null, date: null, confirm_duplicate: false };

    const warning = await refused(fake.recordPayment(input));
    expect(warning.code).toBe("possible_duplicate");
    expect(warning.message).toContain("MAIN-R000001");

    const confirmed = await ok(fake.recordPayment({ ...input, confirm_duplicate: true }));
    expect([confirmed.replayed, confirmed.payment.receipt_no, confirmed.payment.installment_no]).toEqual([false, "MAIN-R000002", 2]);

    const retried = await ok(fake.recordPayment({ ...input, confirm_duplicate: true }));
    expect([retried.replayed, retried.payment.receipt_no]).toEqual([true, "MAIN-R000002"]);
    expect((await ok(fake.enrollmentDetail(no))).payments).toHaveLength(2);

    const reused = await refused(fake.recordPayment({ ...input, amount: "100" }));
    expect([reused.code, reused.field]).toEqual(["conflict", "id"]);
  });

  it("refuses a zero amount, an unknown enrollment and an amount above what is left", async () => {
    const { enrollment } = await ok(counter());
    const pay = (extra: Record<string, unknown>) =>
      fake.recordPayment({ id: uuidv7(), enrollment_no: enrollment.enrollment_no, amount: "5000", mode: "cash", reference: null, date: null, confirm_duplicate: true, ...extra });
    expect(await refused(pay({ amount: "0" }))).toMatchObject({ code: "invalid_input", field: "amount", message: "amount: must be more than zero" });
    expect(await refused(pay({ enrollment_no: "MAIN-E09999" }))).toMatchObject({ code: "not_found", field: "enrollment_no" });
    expect(await refused(pay({ amount: "50001" }))).toMatchObject({ field: "amount" });
    expect(await refused(pay({ mode: "cheque" }))).toMatchObject({ field: "reference" });
  });

  it("marks unpaid installments overdue after the grace days and sums what is due", async () => {
    const { enrollment } = await ok(counter());
    today = "2026-05-15"; // 2nd installment due 10 May, grace 7 days → in grace
    let view = (await ok(fake.enrollmentDetail(enrollment.enrollment_no))).evaluation.schedule[1];
    expect(view.status).toBe("in_grace");
    today = "2026-06-20"; // May is past grace, June's is past grace too
    const detail = await ok(fake.enrollmentDetail(enrollment.enrollment_no));
    expect(detail.evaluation.schedule.slice(0, 4).map((r) => r.status)).toEqual(["paid", "late", "late", "upcoming"]);
    expect(detail.enrollment).toMatchObject({ overdue: true, overdue_count: 2, outstanding: "10000.00" });
    expect(detail.evaluation.bonus_at_maturity.money).toBe("5000.00");
    expect((await ok(fake.listEnrollments(true))).map((e) => e.enrollment_no)).toEqual([enrollment.enrollment_no]);
    view = detail.evaluation.schedule[0];
    expect(view.paid).toBe("5000.00");
  });

  it("turns weight-plan installments into grams at the day's rate, and needs that rate", async () => {
    await ok(fake.createPlan(plan({ code: "GRAM", name: "Gold Gram", kind: "weight", installment: "5500", purity: "22K", bonus: "none" })));
    const attempt = { customer: person("Asha Verma", "9876543210"), plan_code: "GRAM" };
    const e = await refused(counter({ ...attempt, amount: "5500" }));
    expect([e.code, e.field]).toEqual(["no_gold_rate", "date"]);
    await ok(fake.setGoldRate({ date: "2026-04-10", purity: "22K", per_gram: "5500" }));
    const r = await ok(counter({ ...attempt, amount: "5500" }));
    expect([r.payment.grams, r.payment.rate_per_gram, r.enrollment.total_grams]).toEqual(["1.000", "5500.00", "1.000"]);
    const detail = await ok(fake.enrollmentDetail(r.enrollment.enrollment_no));
    expect(detail.evaluation.average_rate).toBe("5500.00");
  });
});

describe("gold rates", () => {
  it("keeps one rate per day and purity, newest first, and refuses a future day", async () => {
    await ok(fake.setGoldRate({ date: "2026-04-09", purity: "22K", per_gram: "7000" }));
    await ok(fake.setGoldRate({ date: "2026-04-10", purity: "22K", per_gram: "7100" }));
    await ok(fake.setGoldRate({ date: "2026-04-10", purity: "22K", per_gram: "7190.50" }));
    const all = await ok(fake.goldRates(null));
    expect(all.map((r) => [r.date, r.per_gram])).toEqual([["2026-04-10", "7190.50"], ["2026-04-09", "7000.00"]]);
    expect((await ok(fake.goldRates("2026-04-09"))).map((r) => r.per_gram)).toEqual(["7000.00"]);
    expect((await refused(fake.setGoldRate({ date: "2026-04-11", purity: "22K", per_gram: "7000" }))).field).toBe("date");
    expect((await refused(fake.setGoldRate({ date: "2026-04-10", purity: "22K", per_gram: "0" }))).field).toBe("per_gram");
  });
});
