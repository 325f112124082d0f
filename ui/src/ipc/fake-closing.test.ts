import { beforeEach, describe, expect, it } from "vitest";
import type { CloseInput, IpcError, PlanRules } from "./bindings";
import type { Result } from "./result";
import { createFakeBackend, type Commands, type FakeClock } from "./fake";
import { uuidv7 } from "./uuid";

let now = new Date("2026-04-10T11:00:00+05:30");
const clock: FakeClock = { today: () => "2026-04-10", now: () => now };
const later = (ms: number) => (now = new Date(now.getTime() + ms));

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

let fake: Commands;

beforeEach(async () => {
  now = new Date("2026-04-10T11:00:00+05:30");
  fake = createFakeBackend(clock);
  await ok(fake.setupShop({ shop_name: "Lakshmi Jewellers", address: "Jaipur", gstin: null, branch_code: "MAIN", owner_name: "Ravi Soni", owner_pin: "4321" }));
});

/** A plan closable from its first installment, enrolled at the counter with that installment paid. */
async function enrolled(rules: PlanRules = { closure: { earliest_installments: 1, deductions: [{ kind: "percent_of_paid", percent: "2" }] } }): Promise<string> {
  await ok(fake.createPlan({ code: "SWARNA11", name: "Swarna 11", kind: "amount", installment: "5000", min_amount: null, max_amount: null, installments: 11, due_day: null, grace_days: 7, purity: null, bonus: "1 installment", terms: "", rules }));
  const r = await ok(
    fake.counterEnroll({
      customer: { name: "Asha Verma", phone: "9876543210", pan: null, aadhaar: null, dob: null, address: null, pin_code: null, email: null, family_of: null, relation: null },
      plan_code: "SWARNA11",
      installments: null,
      payment_id: uuidv7(),
      amount: "5000",
      mode: "cash",
      reference: null,
    }),
  );
  return r.enrollment.enrollment_no;
}

const cash = (no: string): CloseInput => ({ enrollment_no: no, settlement: "cash", invoice_no: null, invoice_value: null });

describe("closing with a one-time code", () => {
  it("a_console_code_closes_a_plan_prematurely_and_payments_stop", async () => {
    const no = await enrolled();
    const quote = await ok(fake.closureQuote(no));
    expect(quote).toMatchObject({ kind: "premature", allowed: true, cash_refund: "4900.00", jewellery_value: "5000.00" });
    expect(quote.deductions).toEqual([{ label: "2% of the amount paid", amount: "100.00" }]);
    const sent = await ok(fake.requestClosureOtp(no));
    expect(sent).toMatchObject({ state: "sent", to: "******3210", provider: "console" });
    expect(sent.message).toContain("TEST MODE");
    expect(sent.test_code).toMatch(/^\d{6}$/);
    const wrong = sent.test_code === "000000" ? "111111" : "000000";
    expect(await refused(fake.confirmClosure(cash(no), wrong))).toEqual({ code: "otp_rejected", message: "wrong code; 4 tries left", field: null });
    const closure = await ok(fake.confirmClosure(cash(no), sent.test_code!));
    expect(closure).toMatchObject({ kind: "premature", settlement: "cash", value: "4900.00", deductions: "100.00", verified_by: "otp", closed_by: "owner", closed_on: "10-04-2026" });
    const detail = await ok(fake.enrollmentDetail(no));
    expect(detail.closure).toEqual(closure);
    expect(detail.enrollment.status).toBe("cancelled");
    expect((await refused(fake.recordPayment({ id: uuidv7(), enrollment_no: no, amount: "5000", mode: "cash", reference: null, date: null, confirm_duplicate: true }))).code).toBe("plan_closed");
    expect((await refused(fake.requestClosureOtp(no))).code).toBe("plan_closed");
  });

  it("a_second_code_within_30_s_is_refused_and_five_wrong_codes_spend_it", async () => {
    const no = await enrolled();
    const first = await ok(fake.requestClosureOtp(no));
    later(10_000);
    expect(await refused(fake.requestClosureOtp(no))).toMatchObject({ code: "otp_rejected", message: "a code was just sent; wait 20 s before sending another" });
    const wrong = first.test_code === "000000" ? "111111" : "000000";
    for (const left of [4, 3, 2, 1]) expect((await refused(fake.confirmClosure(cash(no), wrong))).message).toBe(`wrong code; ${left} tries left`);
    expect((await refused(fake.confirmClosure(cash(no), wrong))).message).toBe("too many wrong codes; send a new one");
    expect((await refused(fake.confirmClosure(cash(no), first.test_code!))).message).toBe("too many wrong codes; send a new one");
    later(30_000);
    const second = await ok(fake.requestClosureOtp(no));
    await ok(fake.confirmClosure(cash(no), second.test_code!));
  });

  it("an_expired_code_needs_a_new_one_and_a_closure_needs_a_code_sent_first", async () => {
    const no = await enrolled();
    expect((await refused(fake.confirmClosure(cash(no), "123456"))).message).toBe("no code was sent for this closure yet; send one first");
    const sent = await ok(fake.requestClosureOtp(no));
    later(4 * 60_000);
    await ok(fake.listPlans(false));
    later(4 * 60_000);
    await ok(fake.listPlans(false));
    later(3 * 60_000);
    expect((await refused(fake.confirmClosure(cash(no), sent.test_code!))).message).toBe("the code has expired; send a new one");
  });

  it("msg91_without_a_key_leaves_the_closure_awaiting_and_the_console_fallback_sends", async () => {
    const no = await enrolled();
    const settings = (await ok(fake.otpSettings())).settings;
    await ok(fake.updateOtpSettings({ ...settings, primary: "msg91" }));
    const awaiting = await ok(fake.requestClosureOtp(no));
    expect(awaiting).toMatchObject({ state: "awaiting", provider: null, test_code: null });
    expect(awaiting.message).toContain("msg91: no API key is set");
    expect((await refused(fake.confirmClosure(cash(no), "123456"))).message).toBe("no code was sent for this closure yet; send one first");
    await ok(fake.updateOtpSettings({ ...settings, primary: "msg91", fallback: "console" }));
    expect(await ok(fake.requestClosureOtp(no))).toMatchObject({ state: "sent", provider: "console" });
  });

  it("a_settlement_the_plan_does_not_allow_is_refused_and_nothing_closes", async () => {
    const no = await enrolled({ closure: { earliest_installments: 1, settlement: "jewellery_only" } });
    const sent = await ok(fake.requestClosureOtp(no));
    expect(await refused(fake.confirmClosure(cash(no), sent.test_code!))).toMatchObject({ field: "settlement", message: "settlement: this plan's closure settles only as jewellery" });
    const closure = await ok(fake.confirmClosure({ enrollment_no: no, settlement: "jewellery", invoice_no: "INV-7", invoice_value: "12000" }, sent.test_code!));
    expect(closure).toMatchObject({ value: "5000.00", invoice_no: "INV-7", invoice_value: "12000.00", balance: "7000.00" });
  });

  it("a_plan_closable_only_later_is_refused_with_the_reason", async () => {
    const no = await enrolled({ closure: { earliest_installments: 3 } });
    expect(await ok(fake.closureQuote(no))).toMatchObject({ allowed: false, refused_reason: "a premature closure needs at least 3 installments paid" });
    const sent = await ok(fake.requestClosureOtp(no));
    expect(await refused(fake.confirmClosure(cash(no), sent.test_code!))).toMatchObject({ field: "enrollment_no" });
  });
});

describe("the owner's override", () => {
  it("the_owner_overrides_with_their_pin_and_a_reason_even_at_a_managers_counter", async () => {
    const no = await enrolled();
    await ok(fake.addStaff({ name: "Kiran", login: "kiran", role: "manager", pin: "1111" }));
    await ok(fake.login("kiran", "1111"));
    expect((await refused(fake.overrideClosure(cash(no), "no network in the market today", "kiran", "1111"))).message).toBe("kiran (manager) may not override a one-time code");
    expect((await refused(fake.overrideClosure(cash(no), "no network in the market today", "owner", "9999"))).code).toBe("login_failed");
    expect(await refused(fake.overrideClosure(cash(no), "no signal", "owner", "4321"))).toMatchObject({ field: "reason" });
    const closure = await ok(fake.overrideClosure(cash(no), "no network in the market today", "owner", "4321"));
    expect(closure).toMatchObject({ verified_by: "override", override_reason: "no network in the market today", closed_by: "owner" });
    const trail = await ok(fake.auditLog({ staff: null, customer_code: null, enrollment_no: no, from: null, to: null, limit: null }));
    expect(trail[0]).toMatchObject({ action: "closure.override", actor: "owner" });
    expect(trail[0].detail).toContain("OVERRIDE: no network in the market today");
  });
});

describe("one-time code settings", () => {
  it("settings_are_checked_and_keys_are_only_flags", async () => {
    const view = await ok(fake.otpSettings());
    expect(view).toMatchObject({ settings: { primary: "console", fallback: null, expiry_minutes: 10, idle_lock_minutes: 5 }, msg91_key_set: false, keyring_problem: null });
    expect(await refused(fake.updateOtpSettings({ ...view.settings, idle_lock_minutes: 0 }))).toMatchObject({ field: "idle_lock_minutes", message: "idle_lock_minutes: must be 1 to 240 minutes" });
    expect(await refused(fake.updateOtpSettings({ ...view.settings, msg91_base_url: "ftp://x" }))).toMatchObject({ field: "msg91_base_url" });
    expect(await refused(fake.setProviderKey("console", "x"))).toMatchObject({ field: "provider" });
    expect(await refused(fake.setProviderKey("msg91", "  "))).toMatchObject({ field: "key" });
    expect((await ok(fake.setProviderKey("msg91", "secret-key"))).msg91_key_set).toBe(true);
    expect(JSON.stringify(await ok(fake.otpSettings()))).not.toContain("secret-key");
    expect((await ok(fake.removeProviderKey("msg91"))).msg91_key_set).toBe(false);
  });
});
