// The fake backend's staff: logins with a PIN, the session and its idle lock, lockouts after wrong
// PINs, the owner's recovery code — a small model of crates/app's staff.rs and session.rs.

import type { CurrentUser, Role, StaffInput, StaffView } from "./bindings";
import * as kyc from "./fake-kyc";
import { FieldProblem } from "./fake-kyc";
import { recordAudit } from "./fake-audit";
import { type Commands, type FakeState, Refusal, requireShop, run, type StaffMember } from "./fake-state";

export const OWNER_LOGIN = "owner";
const SLOW_AFTER = 3;
const LOCK_AFTER = 5;
const SLOW_WAIT_MS = 30_000;
const LOCK_FOR_MS = 15 * 60_000;
const ROLES: readonly Role[] = ["owner", "manager", "cashier"];
const RECOVERY_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

/** A PIN (4–8 digits) or a password (8–64 characters), as LoginSecret::parse. */
export function loginSecret(field: string, value: string): string {
  const digits = /^\d+$/.test(value);
  const ok = digits ? value.length >= 4 && value.length <= 8 : value.length >= 8 && value.length <= 64;
  if (!ok) throw new FieldProblem(field, "must be a PIN of 4 to 8 digits or a password of 8 to 64 characters");
  return value;
}

function staffLogin(value: string): string {
  const login = value.trim().toLowerCase();
  if (!/^[a-z0-9._-]{3,32}$/.test(login)) throw new FieldProblem("login", "must be 3 to 32 letters, digits, '.', '-' or '_'");
  return login;
}

function randomBelow(bound: number): number {
  const buf = new Uint32Array(1);
  crypto.getRandomValues(buf);
  return buf[0] % bound;
}

export function newRecoveryCode(): string {
  const chars = Array.from({ length: 16 }, () => RECOVERY_ALPHABET[randomBelow(RECOVERY_ALPHABET.length)]);
  return [0, 4, 8, 12].map((i) => chars.slice(i, i + 4).join("")).join("-");
}

/** A recovery code as typed: case, spaces and dashes do not matter. */
const plainCode = (typed: string) => typed.replace(/[^0-9a-z]/gi, "").toUpperCase();

const wrongLogin = () => new Refusal("login_failed", "wrong login or PIN");

function view(s: FakeState, m: StaffMember): StaffView {
  return { name: m.name, login: m.login, role: m.role, active: m.active, locked: m.lockedUntilMs > s.clock.now().getTime() };
}

function member(s: FakeState, login: string): StaffMember {
  const m = s.staff.get(login.trim().toLowerCase());
  if (!m) throw new Refusal("not_found", `staff login ${login} was not found`, "login");
  return m;
}

/** Checks a login and PIN, counting wrong PINs (slow after 3, locked after 5). Used by login and the owner's override. */
export function checkLogin(s: FakeState, loginText: string, pin: string): CurrentUser {
  const login = loginText.trim().toLowerCase();
  const now = s.clock.now().getTime();
  const digits = /^\d+$/.test(pin);
  const wellFormed = digits ? pin.length >= 4 && pin.length <= 8 : pin.length >= 8 && pin.length <= 64;
  if (!wellFormed) throw wrongLogin();
  const m = s.staff.get(login);
  if (!m) {
    recordAudit(s, login, "login.failed", "unknown login");
    throw wrongLogin();
  }
  if (!m.active) throw new Refusal("login_failed", `the login ${login} is disabled; ask the owner`);
  if (m.lockedUntilMs > now) {
    const wait = Math.max(1, Math.floor((m.lockedUntilMs - now) / 1000));
    throw new Refusal("login_failed", `too many wrong PINs: try again in ${wait} s, or ask the owner to reset the PIN`);
  }
  if (m.pin !== pin) {
    m.failures += 1;
    let message = "wrong login or PIN";
    if (m.failures >= LOCK_AFTER) {
      m.lockedUntilMs = now + LOCK_FOR_MS;
      message = "too many wrong PINs: the login is locked for 15 minutes; the owner can reset it";
    } else if (m.failures >= SLOW_AFTER) {
      m.lockedUntilMs = now + SLOW_WAIT_MS;
      message = "wrong login or PIN; wait 30 s before trying again";
    }
    recordAudit(s, login, "login.failed", `wrong PIN (${m.failures} in a row)${m.failures >= LOCK_AFTER ? "; locked" : ""}`);
    throw new Refusal("login_failed", message);
  }
  m.failures = 0;
  m.lockedUntilMs = 0;
  recordAudit(s, login, "login", `${m.name} logged in`);
  return { login: m.login, role: m.role };
}

/** The logged-in user, or `logged_out` (nobody, or idle past the lock). A command counts as activity. */
export function sessionUser(s: FakeState): CurrentUser {
  const now = s.clock.now().getTime();
  if (!s.session) throw new Refusal("logged_out", "log in first");
  if (now - s.session.lastSeenMs >= s.otp.idle_lock_minutes * 60_000) {
    s.session = null;
    throw new Refusal("logged_out", "locked after being idle; log in again");
  }
  s.session.lastSeenMs = now;
  return s.session.user;
}

/** First-run setup's owner: stored, logged in, and the recovery code (shown once) returned. */
export function createOwner(s: FakeState, name: string, pin: string): string {
  s.staff.set(OWNER_LOGIN, { name, login: OWNER_LOGIN, role: "owner", pin, active: true, failures: 0, lockedUntilMs: 0 });
  s.session = { user: { login: OWNER_LOGIN, role: "owner" }, lastSeenMs: s.clock.now().getTime() };
  s.recoveryCode = newRecoveryCode();
  return s.recoveryCode;
}

function addStaff(s: FakeState, actor: string, input: StaffInput): StaffView {
  const name = kyc.requiredText("name", input.name);
  const login = staffLogin(input.login);
  if (!ROLES.includes(input.role)) throw new FieldProblem("role", "choose owner, manager or cashier");
  const pin = loginSecret("pin", input.pin);
  if (s.staff.has(login)) throw new Refusal("conflict", `the login ${login} is taken`, "login");
  const m: StaffMember = { name, login, role: input.role, pin, active: true, failures: 0, lockedUntilMs: 0 };
  s.staff.set(login, m);
  recordAudit(s, actor, "staff.add", `added ${name} (${login}) as ${input.role}`);
  return view(s, m);
}

function setActive(s: FakeState, actor: string, login: string, active: boolean): StaffView {
  const key = login.trim().toLowerCase();
  if (key === OWNER_LOGIN && !active) throw new Refusal("conflict", "the owner's login cannot be disabled", "login");
  const m = member(s, key);
  m.active = active;
  recordAudit(s, actor, active ? "staff.enable" : "staff.disable", `${key} ${active ? "enabled" : "disabled"}`);
  return view(s, m);
}

function resetPin(s: FakeState, actor: string, login: string, pin: string): StaffView {
  const next = loginSecret("pin", pin);
  const m = member(s, login);
  Object.assign(m, { pin: next, failures: 0, lockedUntilMs: 0 });
  recordAudit(s, actor, "staff.reset_pin", `PIN of ${m.login} reset`);
  return view(s, m);
}

function resetOwnerPin(s: FakeState, recoveryCode: string, pin: string): string {
  const next = loginSecret("pin", pin);
  requireShop(s);
  if (!s.recoveryCode || plainCode(recoveryCode) !== plainCode(s.recoveryCode)) {
    recordAudit(s, OWNER_LOGIN, "owner.recovery_failed", "wrong recovery code");
    throw new Refusal("login_failed", "recovery_code: does not match");
  }
  Object.assign(member(s, OWNER_LOGIN), { pin: next, failures: 0, lockedUntilMs: 0 });
  s.recoveryCode = newRecoveryCode();
  recordAudit(s, OWNER_LOGIN, "owner.recovered", "owner PIN reset with the recovery code");
  return s.recoveryCode;
}

type StaffCommands = "login" | "logout" | "currentUser" | "listStaff" | "addStaff" | "setStaffActive" | "resetPin" | "resetOwnerPin" | "regenerateRecoveryCode";

export function staffCommands(s: FakeState): Pick<Commands, StaffCommands> {
  const actor = () => s.session?.user.login ?? OWNER_LOGIN;
  return {
    login: (login: string, pin: string) =>
      run(() => {
        requireShop(s);
        const user = checkLogin(s, login, pin);
        s.session = { user, lastSeenMs: s.clock.now().getTime() };
        return user;
      }),
    logout: () =>
      run(() => {
        s.session = null;
        return null;
      }),
    currentUser: () =>
      run(() => {
        try {
          return sessionUser(s);
        } catch {
          return null;
        }
      }),
    listStaff: () => run(() => [...s.staff.values()].map((m) => view(s, m))),
    addStaff: (input: StaffInput) => run(() => addStaff(s, actor(), input)),
    setStaffActive: (login: string, active: boolean) => run(() => setActive(s, actor(), login, active)),
    resetPin: (login: string, pin: string) => run(() => resetPin(s, actor(), login, pin)),
    resetOwnerPin: (recoveryCode: string, pin: string) => run(() => resetOwnerPin(s, recoveryCode, pin)),
    regenerateRecoveryCode: () =>
      run(() => {
        s.recoveryCode = newRecoveryCode();
        recordAudit(s, actor(), "owner.recovery_code", "recovery code re-generated");
        return s.recoveryCode;
      }),
  };
}
