// What the in-browser fake backend holds, and the plumbing its commands share: the clock, refusals
// and the Result wrapping that the generated bindings give the real commands.

import type {
  AuditEntryView, ClosureView, commands, CurrentUser, CustomerView, DocumentRequest, EnrollmentStatus, GoldRateView, IpcError, OtpSettings, PaymentView, PlanView, Role,
  ShopView,
} from "./bindings";
import type { Result } from "./result";
import { FieldProblem } from "./fake-kyc";
import { todayIso } from "../format";

export type Commands = typeof commands;

export type FakeClock = { today: () => string; now: () => Date };

export const systemClock: FakeClock = { today: () => todayIso(), now: () => new Date() };

/** A refusal that is not about one input's format: not_found, conflict, plan_closed… */
export class Refusal extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly field: string | null = null,
  ) {
    super(message);
  }
}

export type Pause = { from: string; months: number; reason: string | null };
export type TermsChange = { on: string; installment: string | null; installments: number | null };
export type GiftGiven = { item: string; value: string; on: string };

/** An enrollment keeps a copy of its plan's terms (with the picked tier), as the real one does. */
export type Enrollment = {
  no: string;
  customer: string;
  plan: string;
  start: string;
  status: EnrollmentStatus;
  terms: PlanView;
  pauses: Pause[];
  changes: TermsChange[];
  gifts: GiftGiven[];
};

/** A staff login; the PIN is kept in the clear (it is a browser demo and test double, not a store). */
export type StaffMember = { name: string; login: string; role: Role; pin: string; active: boolean; failures: number; lockedUntilMs: number };

/** A closure code as sent: the fake keeps the code itself, the real one only its salted hash. */
export type OtpCode = { code: string; sentAtMs: number | null; wrongTries: number; state: "sent" | "awaiting" | "used" | "spent" };

export const DEFAULT_OTP_SETTINGS: OtpSettings = {
  primary: "console",
  fallback: null,
  expiry_minutes: 10,
  idle_lock_minutes: 5,
  msg91_template_id: null,
  msg91_base_url: "https://control.msg91.com",
  whatsapp_phone_number_id: null,
  whatsapp_template: null,
  whatsapp_language: "en",
  whatsapp_base_url: "https://graph.facebook.com/v21.0",
};

export type FakeState = {
  clock: FakeClock;
  shop: ShopView | null;
  customers: Map<string, CustomerView>;
  plans: Map<string, PlanView>;
  enrollments: Map<string, Enrollment>;
  payments: PaymentView[];
  rates: GoldRateView[];
  festivals: { name: string; date: string }[];
  sequences: { customer: number; enrollment: number; receipt: number };
  receivedAtMs: Map<string, number>;
  staff: Map<string, StaffMember>;
  /** Who is logged in, and when their last command ran (for the idle lock). */
  session: { user: CurrentUser; lastSeenMs: number } | null;
  recoveryCode: string | null;
  audit: AuditEntryView[];
  otp: OtpSettings;
  keys: { msg91: boolean; whatsapp: boolean };
  codes: Map<string, OtpCode>;
  closures: Map<string, ClosureView>;
  /** PDFs "saved" (path → what it holds) and "printed" (in order). */
  files: Map<string, DocumentRequest>;
  printed: DocumentRequest[];
  /** The bulk export running now, if any, and whether Cancel was pressed. */
  exportState: { running: boolean; cancelled: boolean };
  /** How long the fake takes per ledger in a bulk export, so progress can be seen (and cancelled). */
  exportPaceMs: number;
  /** Files on the pretend disk the shell may read (a logo the file picker points at), by full path. */
  disk: Map<string, Uint8Array>;
  /** The shop's logo as stored (the PNG's bytes), or null. */
  logo: Uint8Array | null;
};

export type FakeOptions = { exportPaceMs?: number };

export function emptyState(clock: FakeClock, options: FakeOptions = {}): FakeState {
  return {
    clock,
    shop: null,
    customers: new Map(),
    plans: new Map(),
    enrollments: new Map(),
    payments: [],
    rates: [],
    festivals: [],
    sequences: { customer: 0, enrollment: 0, receipt: 0 },
    receivedAtMs: new Map(),
    staff: new Map(),
    session: null,
    recoveryCode: null,
    audit: [],
    otp: { ...DEFAULT_OTP_SETTINGS },
    keys: { msg91: false, whatsapp: false },
    codes: new Map(),
    closures: new Map(),
    files: new Map(),
    printed: [],
    exportState: { running: false, cancelled: false },
    exportPaceMs: options.exportPaceMs ?? 150,
    disk: new Map(),
    logo: null,
  };
}

export function requireShop(s: FakeState): ShopView {
  if (!s.shop) throw new Refusal("not_set_up", "the shop is not set up yet; run first-run setup");
  return s.shop;
}

/** The login of whoever is acting (recorded on payments, rates, closures). */
export function actorLogin(s: FakeState): string {
  return s.session?.user.login ?? "owner";
}

/** An RFC3339 timestamp in local time with its offset, as the Rust side writes them. */
export function timestamp(at: Date): string {
  const pad = (n: number, w = 2) => String(Math.abs(n)).padStart(w, "0");
  const offset = -at.getTimezoneOffset();
  const sign = offset >= 0 ? "+" : "-";
  return (
    `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}T${pad(at.getHours())}:${pad(at.getMinutes())}:` +
    `${pad(at.getSeconds())}.${pad(at.getMilliseconds(), 3)}${sign}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`
  );
}

/** Runs a command's work like the real shell: a copy of the answer, or the refusal as an IpcError. */
export async function run<T>(work: () => T): Promise<Result<T, IpcError>> {
  await Promise.resolve();
  try {
    return { status: "ok", data: structuredClone(work()) };
  } catch (e) {
    if (e instanceof FieldProblem) return { status: "error", error: { code: "invalid_input", message: e.message, field: e.field } };
    if (e instanceof Refusal) return { status: "error", error: { code: e.code, message: e.message, field: e.field } };
    throw e;
  }
}
