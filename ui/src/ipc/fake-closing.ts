// The fake backend's closures: the quote, a one-time code to the customer's mobile (the console
// provider shows it under TEST MODE; MSG91 and WhatsApp cannot be reached from the browser, so a
// closure waits for a code), closing with the code, and the owner's override with a reason.

import type { CloseInput, ClosureView, OtpProvider, OtpRequestView } from "./bindings";
import * as kyc from "./fake-kyc";
import { FieldProblem } from "./fake-kyc";
import { recordAudit } from "./fake-audit";
import { checkLogin } from "./fake-staff";
import { enrollmentDetail, enrollmentOrRefuse } from "./fake-enrollments";
import { subtractMoney, sumMoney } from "../money";
import { formatDate, formatInr } from "../format";
import { allows } from "../permissions";
import { actorLogin, type Commands, type Enrollment, type FakeState, type OtpCode, Refusal, run } from "./fake-state";

const MAX_WRONG_TRIES = 5;
const RESEND_AFTER_MS = 30_000;

function refuseClosed(e: Enrollment): void {
  if (e.status === "closed" || e.status === "cancelled") {
    throw new Refusal("plan_closed", `enrollment ${e.no} is ${e.status} and accepts no payments`, "enrollment_no");
  }
}

/** The mobile a code goes to: the customer's, or their main contact's for a family member. */
function otpPhone(s: FakeState, e: Enrollment): string {
  const customer = s.customers.get(e.customer)!;
  const main = customer.family_of ? s.customers.get(customer.family_of) : undefined;
  return (main ?? customer).phone;
}

const mask = (phone: string) => `******${phone.slice(-4)}`;

function newCode(): string {
  const buf = new Uint32Array(1);
  crypto.getRandomValues(buf);
  return String(buf[0] % 1_000_000).padStart(6, "0");
}

/** Why a provider could not send from here, or null when it "sent" (the console provider only). */
function cannotSend(s: FakeState, p: OtpProvider): string | null {
  if (p === "console") return null;
  if (!s.keys[p]) return `${p}: no API key is set`;
  return `${p}: the provider cannot be reached from this browser`;
}

function requestCode(s: FakeState, no: string): OtpRequestView {
  const e = enrollmentOrRefuse(s, no);
  refuseClosed(e);
  const now = s.clock.now().getTime();
  const last = s.codes.get(e.no);
  if (last?.sentAtMs != null && now < last.sentAtMs + RESEND_AFTER_MS) {
    const wait = Math.ceil((last.sentAtMs + RESEND_AFTER_MS - now) / 1000);
    throw new Refusal("otp_rejected", `a code was just sent; wait ${wait} s before sending another`);
  }
  const to = mask(otpPhone(s, e));
  const code: OtpCode = { code: newCode(), sentAtMs: null, wrongTries: 0, state: "awaiting" };
  s.codes.set(e.no, code);
  const providers = [s.otp.primary, ...(s.otp.fallback && s.otp.fallback !== s.otp.primary ? [s.otp.fallback] : [])];
  const reasons: string[] = [];
  for (const p of providers) {
    const reason = cannotSend(s, p);
    if (reason) {
      reasons.push(reason);
      continue;
    }
    Object.assign(code, { state: "sent", sentAtMs: now });
    recordAudit(s, actorLogin(s), "otp.sent", `closure code sent to ${to} via ${p}`, { enrollment: e.no });
    return { enrollment_no: e.no, state: "sent", to, provider: p, test_code: code.code, message: "TEST MODE: the console provider shows the code here instead of sending it" };
  }
  const why = reasons.join("; ");
  recordAudit(s, actorLogin(s), "otp.awaiting", `closure code could not be sent (${why}); closure awaiting a code`, { enrollment: e.no });
  return {
    enrollment_no: e.no,
    state: "awaiting",
    to,
    provider: null,
    test_code: null,
    message: `no provider could send the code (${why}). The closure is saved as awaiting a code: send again when the network is back, or ask the owner to override`,
  };
}

/** The closure the quote gives for the chosen settlement; refuses what the plan does not allow. */
function closureFor(s: FakeState, e: Enrollment, input: CloseInput, by: string, reason: string | null): ClosureView {
  const quote = enrollmentDetail(s, e.no).evaluation.closure;
  if (!quote.allowed) throw new FieldProblem("enrollment_no", quote.refused_reason ?? "the plan does not allow closing yet");
  if (input.settlement !== "cash" && input.settlement !== "jewellery") throw new FieldProblem("settlement", "choose cash or jewellery");
  const value = input.settlement === "cash" ? quote.cash_refund : quote.jewellery_value;
  if (value === null) {
    throw new FieldProblem("settlement", `this plan's closure settles only as ${input.settlement === "cash" ? "jewellery" : "a cash refund"}`);
  }
  const invoiceValue = kyc.optionalText(input.invoice_value) ? kyc.positiveMoney("invoice_value", input.invoice_value) : null;
  return {
    enrollment_no: e.no,
    kind: quote.kind,
    settlement: input.settlement,
    paid: quote.paid,
    bonus: input.settlement === "jewellery" ? quote.benefit.money : "0.00",
    deductions: sumMoney(quote.deductions.map((d) => d.amount)),
    deduction_lines: quote.deductions,
    // A benefit is kept only against jewellery, as the real closure stores it.
    bonus_lines: input.settlement === "jewellery" ? quote.benefit.lines : [],
    value,
    grams: quote.grams,
    invoice_no: kyc.optionalText(input.invoice_no),
    invoice_value: invoiceValue,
    balance: invoiceValue ? subtractMoney(invoiceValue, value) : null,
    verified_by: reason === null ? "otp" : "override",
    override_reason: reason,
    closed_on: formatDate(s.clock.today()),
    closed_by: by,
    explanation: quote.explanation,
  };
}

function store(s: FakeState, e: Enrollment, closure: ClosureView): ClosureView {
  s.closures.set(e.no, closure);
  e.status = closure.kind === "maturity" ? "closed" : "cancelled";
  let detail = `${closure.kind} closure, ${closure.settlement} ${formatInr(closure.value)}, verified by ${closure.verified_by}`;
  if (closure.override_reason) detail += ` — OVERRIDE: ${closure.override_reason}`;
  recordAudit(s, closure.closed_by, closure.override_reason ? "closure.override" : "closure", detail, { enrollment: e.no, customer: e.customer });
  return closure;
}

function spentReason(s: FakeState, code: OtpCode): string | null {
  if (code.state === "used") return "the code was already used; send a new one";
  if (code.wrongTries >= MAX_WRONG_TRIES || code.state === "spent") return "too many wrong codes; send a new one";
  if (s.clock.now().getTime() >= (code.sentAtMs ?? 0) + s.otp.expiry_minutes * 60_000) return "the code has expired; send a new one";
  return null;
}

function confirm(s: FakeState, input: CloseInput, otp: string): ClosureView {
  const e = enrollmentOrRefuse(s, input.enrollment_no);
  refuseClosed(e);
  const code = s.codes.get(e.no);
  if (!code || code.sentAtMs === null) throw new Refusal("otp_rejected", "no code was sent for this closure yet; send one first");
  const spent = spentReason(s, code);
  if (spent) throw new Refusal("otp_rejected", spent);
  const actor = actorLogin(s);
  if (otp.trim() !== code.code) {
    code.wrongTries += 1;
    const left = MAX_WRONG_TRIES - code.wrongTries;
    recordAudit(s, actor, "otp.wrong", "wrong closure code", { enrollment: e.no });
    if (left <= 0) {
      code.state = "spent";
      throw new Refusal("otp_rejected", "too many wrong codes; send a new one");
    }
    throw new Refusal("otp_rejected", `wrong code; ${left} tries left`);
  }
  const closure = closureFor(s, e, input, actor, null);
  code.state = "used";
  recordAudit(s, actor, "otp.verified", "closure code verified", { enrollment: e.no });
  return store(s, e, closure);
}

function override(s: FakeState, input: CloseInput, reason: string, ownerLogin: string, ownerPin: string): ClosureView {
  const owner = checkLogin(s, ownerLogin, ownerPin);
  if (!allows(owner.role, "override")) throw new Refusal("forbidden", `${owner.login} (${owner.role}) may not override a one-time code`);
  const why = reason.trim();
  if ([...why].length < 10) throw new FieldProblem("reason", "must say why the code was not used (at least 10 characters)");
  const e = enrollmentOrRefuse(s, input.enrollment_no);
  refuseClosed(e);
  return store(s, e, closureFor(s, e, input, owner.login, why));
}

export function closingCommands(s: FakeState): Pick<Commands, "closureQuote" | "requestClosureOtp" | "confirmClosure" | "overrideClosure"> {
  return {
    closureQuote: (enrollmentNo: string) => run(() => enrollmentDetail(s, enrollmentNo).evaluation.closure),
    requestClosureOtp: (enrollmentNo: string) => run(() => requestCode(s, enrollmentNo)),
    confirmClosure: (input: CloseInput, otp: string) => run(() => confirm(s, input, otp)),
    overrideClosure: (input: CloseInput, reason: string, ownerLogin: string, ownerPin: string) => run(() => override(s, input, reason, ownerLogin, ownerPin)),
  };
}

