// The fake backend's audit trail: one entry per change (newest first when read), filtered like the
// real audit_log. The real trail is a SHA-256 hash chain; here each entry carries a simple hash of the
// one before it so verifyAudit has something honest to check.

import type { AuditEntryView, AuditFilter, AuditVerification, CounterEnrollResult, CustomerView, EnrollmentDetail, EnrollmentView, PaymentOutcome, PlanView } from "./bindings";
import * as kyc from "./fake-kyc";
import { type Commands, type FakeState, run, timestamp } from "./fake-state";

export const FAKE_DEVICE = "this-browser";

export type AuditRefs = { customer?: string | null; enrollment?: string | null; before?: unknown; after?: unknown };

const hashes = new WeakMap<AuditEntryView, string>();

/** FNV-1a over the entry's fields and the previous hash: enough to notice an edit in a test double. */
function chainHash(prev: string, e: AuditEntryView): string {
  const text = JSON.stringify([prev, e.at, e.actor, e.device, e.action, e.customer_code, e.enrollment_no, e.detail, e.before, e.after]);
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, "0");
}

export function recordAudit(s: FakeState, actor: string, action: string, detail: string, refs: AuditRefs = {}): void {
  const entry: AuditEntryView = {
    id: s.audit.length + 1,
    at: timestamp(s.clock.now()),
    actor,
    device: FAKE_DEVICE,
    action,
    customer_code: refs.customer ?? null,
    enrollment_no: refs.enrollment ?? null,
    detail,
    before: refs.before === undefined ? null : JSON.stringify(refs.before),
    after: refs.after === undefined ? null : JSON.stringify(refs.after),
  };
  const prev = s.audit.length ? (hashes.get(s.audit[s.audit.length - 1]) ?? "") : "genesis";
  hashes.set(entry, chainHash(prev, entry));
  s.audit.push(entry);
}

type Change = { action: string; detail: string; refs?: AuditRefs };
type Describe = (args: never[], data: never) => Change | null;

const enrollmentRefs = (e: EnrollmentView): AuditRefs => ({ customer: e.customer_code, enrollment: e.enrollment_no });
const detailRefs = (d: EnrollmentDetail): AuditRefs => enrollmentRefs(d.enrollment);

/** The changes the guard records after a command succeeds (staff, closure and settings commands record their own). */
const CHANGES: Partial<Record<keyof Commands, Describe>> = {
  updateSettings: () => ({ action: "settings", detail: "shop settings changed" }),
  addCustomer: (_a: never[], c: CustomerView) => ({ action: "customer.add", detail: `added ${c.name}`, refs: { customer: c.code } }),
  editCustomer: (_a: never[], c: CustomerView) => ({ action: "customer.edit", detail: `edited ${c.name}`, refs: { customer: c.code } }),
  recordForm60: (_a: never[], c: CustomerView) => ({ action: "customer.form60", detail: "Form 60 recorded", refs: { customer: c.code } }),
  createPlan: (_a: never[], p: PlanView) => ({ action: "plan.create", detail: `plan ${p.code} created` }),
  editPlan: (_a: never[], p: PlanView) => ({ action: "plan.edit", detail: `plan ${p.code} edited` }),
  retirePlan: (_a: never[], p: PlanView) => ({ action: "plan.retire", detail: `plan ${p.code} retired` }),
  enroll: (_a: never[], e: EnrollmentView) => ({ action: "enrollment.add", detail: `enrolled in ${e.plan_code}`, refs: enrollmentRefs(e) }),
  counterEnroll: (_a: never[], r: CounterEnrollResult) => ({
    action: "counter.enroll",
    detail: `registered ${r.customer.name}, enrolled in ${r.enrollment.plan_code}, receipt ${r.payment.receipt_no}`,
    refs: enrollmentRefs(r.enrollment),
  }),
  recordPayment: (_a: never[], o: PaymentOutcome) =>
    o.replayed ? null : { action: "payment", detail: `receipt ${o.payment.receipt_no}, ${o.payment.amount} by ${o.payment.mode}`, refs: { enrollment: o.payment.enrollment_no } },
  setGoldRate: () => ({ action: "rate.set", detail: "gold rate set" }),
  importGoldRates: () => ({ action: "rate.import", detail: "gold rates imported" }),
  fetchGoldRates: () => ({ action: "rate.fetch", detail: "gold rates fetched" }),
  pauseEnrollment: (_a: never[], d: EnrollmentDetail) => ({ action: "enrollment.pause", detail: "enrollment paused", refs: detailRefs(d) }),
  changeEnrollment: (_a: never[], d: EnrollmentDetail) => ({ action: "enrollment.change", detail: "enrollment terms changed", refs: detailRefs(d) }),
  giveGift: (_a: never[], d: EnrollmentDetail) => ({ action: "gift", detail: "gift handed over", refs: detailRefs(d) }),
  addFestival: (a: never[]) => ({ action: "festival.add", detail: `festival ${String(a[0])} added` }),
};

/** Records the change a successful command made, if it is one the trail keeps. */
export function auditChange(s: FakeState, name: keyof Commands, args: unknown[], data: unknown): void {
  const describe = CHANGES[name] as ((args: unknown[], data: unknown) => Change | null) | undefined;
  const change = describe?.(args, data);
  if (change && s.session) recordAudit(s, s.session.user.login, change.action, change.detail, change.refs);
}

function auditLog(s: FakeState, filter: AuditFilter): AuditEntryView[] {
  const text = (v: string | null) => kyc.optionalText(v);
  const from = text(filter.from) ? kyc.anyDate("from", filter.from!) : null;
  const to = text(filter.to) ? kyc.anyDate("to", filter.to!) : null;
  const staff = text(filter.staff)?.toLowerCase() ?? null;
  const customer = text(filter.customer_code);
  const enrollment = text(filter.enrollment_no);
  const limit = Math.min(filter.limit ?? 500, 5000);
  return s.audit
    .filter((e) => (staff === null || e.actor === staff) && (customer === null || e.customer_code === customer) && (enrollment === null || e.enrollment_no === enrollment))
    .filter((e) => (from === null || e.at.slice(0, 10) >= from) && (to === null || e.at.slice(0, 10) <= to))
    .reverse()
    .slice(0, limit);
}

function verifyAudit(s: FakeState): AuditVerification {
  let prev = "genesis";
  for (const [i, e] of s.audit.entries()) {
    const hash = chainHash(prev, e);
    if (hashes.get(e) !== hash) {
      return { entries: i, intact: false, first_broken: e.id, problem: "was changed after it was written" };
    }
    prev = hash;
  }
  return { entries: s.audit.length, intact: true, first_broken: null, problem: null };
}

export function auditCommands(s: FakeState): Pick<Commands, "auditLog" | "verifyAudit"> {
  return {
    auditLog: (filter: AuditFilter) => run(() => auditLog(s, filter)),
    verifyAudit: () => run(() => verifyAudit(s)),
  };
}
