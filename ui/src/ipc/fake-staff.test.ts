import { beforeEach, describe, expect, it } from "vitest";
import type { IpcError } from "./bindings";
import type { Result } from "./result";
import { createFakeBackend, type Commands, type FakeClock } from "./fake";

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
let recovery: string;

beforeEach(async () => {
  now = new Date("2026-04-10T11:00:00+05:30");
  fake = createFakeBackend(clock);
  recovery = (await ok(fake.setupShop({ shop_name: "Lakshmi Jewellers", address: "Jaipur", gstin: null, branch_code: "MAIN", owner_name: "Ravi Soni", owner_pin: "4321" }))).recovery_code;
});

const staff = (login: string, role: "manager" | "cashier", pin = "1111") => ok(fake.addStaff({ name: `${login} name`, login, role, pin }));

describe("sessions", () => {
  it("setup_logs_the_owner_in_and_answers_with_a_recovery_code", async () => {
    expect(recovery).toMatch(/^[A-HJ-NP-Z2-9]{4}(-[A-HJ-NP-Z2-9]{4}){3}$/);
    expect(await ok(fake.currentUser())).toEqual({ login: "owner", role: "owner" });
  });

  it("a_command_without_a_session_is_logged_out_but_app_status_still_answers", async () => {
    await ok(fake.logout());
    expect(await ok(fake.currentUser())).toBeNull();
    expect(await refused(fake.listPlans(false))).toMatchObject({ code: "logged_out", message: "log in first" });
    expect((await ok(fake.appStatus())).setup_done).toBe(true);
  });

  it("the_session_locks_after_the_idle_minutes_and_activity_keeps_it_open", async () => {
    later(4 * 60_000);
    await ok(fake.listPlans(false));
    later(4 * 60_000);
    await ok(fake.listPlans(false));
    later(5 * 60_000);
    expect(await refused(fake.listPlans(false))).toMatchObject({ code: "logged_out", message: "locked after being idle; log in again" });
    expect(await ok(fake.currentUser())).toBeNull();
    expect(await ok(fake.login("owner", "4321"))).toEqual({ login: "owner", role: "owner" });
  });

  it("wrong_pins_slow_down_then_lock_the_login_until_the_owner_resets_it", async () => {
    await staff("meena", "cashier");
    await ok(fake.logout());
    expect((await refused(fake.login("meena", "2222"))).message).toBe("wrong login or PIN");
    await refused(fake.login("meena", "2222"));
    expect((await refused(fake.login("meena", "2222"))).message).toBe("wrong login or PIN; wait 30 s before trying again");
    expect((await refused(fake.login("meena", "1111"))).message).toMatch(/^too many wrong PINs: try again in \d+ s/);
    later(31_000);
    await refused(fake.login("meena", "2222"));
    later(31_000);
    const locked = await refused(fake.login("meena", "2222"));
    expect(locked).toMatchObject({ code: "login_failed", message: "too many wrong PINs: the login is locked for 15 minutes; the owner can reset it" });
    await ok(fake.login("owner", "4321"));
    expect((await ok(fake.listStaff())).find((m) => m.login === "meena")?.locked).toBe(true);
    expect((await ok(fake.resetPin("meena", "5555"))).locked).toBe(false);
    expect(await ok(fake.login("meena", "5555"))).toEqual({ login: "meena", role: "cashier" });
  });
});

describe("roles", () => {
  it("a_cashier_works_the_counter_but_may_not_manage_plans_close_or_see_the_audit_trail", async () => {
    await staff("meena", "cashier");
    await ok(fake.login("meena", "1111"));
    await ok(fake.addCustomer({ name: "Asha Verma", phone: "9876543210", pan: null, aadhaar: null, dob: null, address: null, pin_code: null, email: null, family_of: null, relation: null }));
    expect(await refused(fake.createPlan({ code: "P", name: "P", kind: "amount", installment: "1000", min_amount: null, max_amount: null, installments: 11, due_day: null, grace_days: 7, purity: null, bonus: "none", terms: "", rules: null }))).toEqual({
      code: "forbidden",
      message: "meena (cashier) may not manage plans",
      field: null,
    });
    expect((await refused(fake.requestClosureOtp("MAIN-E00001"))).code).toBe("forbidden");
    expect((await refused(fake.auditLog({ staff: null, customer_code: null, enrollment_no: null, from: null, to: null, limit: null }))).code).toBe("forbidden");
  });

  it("a_manager_sees_the_audit_trail_but_may_not_manage_staff_or_settings", async () => {
    await staff("kiran", "manager");
    await ok(fake.login("kiran", "1111"));
    await ok(fake.verifyAudit());
    expect((await refused(fake.listStaff())).message).toBe("kiran (manager) may not manage staff");
    expect((await refused(fake.updateOtpSettings((await ok(fake.otpSettings())).settings))).code).toBe("forbidden");
  });
});

describe("staff accounts", () => {
  it("a_login_is_checked_taken_once_and_a_disabled_login_cannot_log_in", async () => {
    expect(await refused(fake.addStaff({ name: "A", login: "ab", role: "cashier", pin: "1111" }))).toMatchObject({ code: "invalid_input", field: "login" });
    expect(await refused(fake.addStaff({ name: "A", login: "meena", role: "cashier", pin: "12" }))).toMatchObject({ field: "pin" });
    expect(await staff("Meena", "cashier")).toEqual({ name: "Meena name", login: "meena", role: "cashier", active: true, locked: false });
    expect(await refused(fake.addStaff({ name: "B", login: "meena", role: "manager", pin: "1111" }))).toMatchObject({ code: "conflict", message: "the login meena is taken" });
    expect((await ok(fake.setStaffActive("meena", false))).active).toBe(false);
    expect(await refused(fake.setStaffActive("owner", false))).toMatchObject({ code: "conflict" });
    await ok(fake.logout());
    expect((await refused(fake.login("meena", "1111"))).message).toBe("the login meena is disabled; ask the owner");
  });

  it("the_recovery_code_resets_the_owner_pin_once_and_a_new_code_replaces_it", async () => {
    await ok(fake.logout());
    expect(await refused(fake.resetOwnerPin("AAAA-BBBB-CCCC-DDDD", "9999"))).toMatchObject({ code: "login_failed", message: "recovery_code: does not match" });
    const next = await ok(fake.resetOwnerPin(recovery.toLowerCase().replaceAll("-", " "), "9999"));
    expect(next).not.toBe(recovery);
    expect((await refused(fake.login("owner", "4321"))).code).toBe("login_failed");
    await ok(fake.login("owner", "9999"));
    await refused(fake.resetOwnerPin(recovery, "8888"));
    const regenerated = await ok(fake.regenerateRecoveryCode());
    await refused(fake.resetOwnerPin(next, "8888"));
    await ok(fake.resetOwnerPin(regenerated, "8888"));
  });
});

describe("the audit trail", () => {
  it("changes_are_recorded_newest_first_filtered_and_the_chain_verifies", async () => {
    await staff("meena", "cashier");
    await ok(fake.login("meena", "1111"));
    await ok(fake.addCustomer({ name: "Asha Verma", phone: "9876543210", pan: null, aadhaar: null, dob: null, address: null, pin_code: null, email: null, family_of: null, relation: null }));
    await ok(fake.login("owner", "4321"));
    const all = await ok(fake.auditLog({ staff: null, customer_code: null, enrollment_no: null, from: null, to: null, limit: null }));
    expect(all.map((e) => e.action)).toEqual(["login", "customer.add", "login", "staff.add", "shop.setup"]);
    const meena = await ok(fake.auditLog({ staff: "meena", customer_code: null, enrollment_no: null, from: "10-04-2026", to: "10-04-2026", limit: null }));
    expect(meena.map((e) => [e.action, e.customer_code])).toEqual([["customer.add", "MAIN-00001"], ["login", null]]);
    expect(await ok(fake.auditLog({ staff: null, customer_code: null, enrollment_no: null, from: "11-04-2026", to: null, limit: null }))).toEqual([]);
    expect(await refused(fake.auditLog({ staff: null, customer_code: null, enrollment_no: null, from: "31-02-2026", to: null, limit: null }))).toMatchObject({ field: "from" });
    expect(await ok(fake.verifyAudit())).toEqual({ entries: all.length, intact: true, first_broken: null, problem: null });
  });
});
