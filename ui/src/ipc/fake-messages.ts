// The fake backend's customer messages: an outbox (list, summary, retry, cancel, a send pass that
// marks what is due as sent), the missed report's reminder, message settings and templates with the
// real validation (known variables, DLT variables at most 30 characters, every variable filled) and
// a customer's opt-outs. Kept beside the state, as fake-reports keeps its exports.

import type {
  MessageChannel, MessageOptOutView, MessageSettings, MessageSettingsView, MessageTemplateInput, MessageTemplateView, MessageTrigger,
  OutboxMessageView, OutboxState, OutboxSummary, PreviewParam, TemplatePreview,
} from "./bindings";
import { FieldProblem } from "./fake-kyc";
import { type Commands, type FakeState, Refusal, actorLogin, requireShop, run, timestamp } from "./fake-state";

export const DLT_VARIABLE_MAX = 30;

/** The variables each trigger can fill (as crates/app/src/message/trigger.rs). */
export const TRIGGER_VARIABLES: Record<MessageTrigger, string[]> = {
  payment: ["customer_name", "amount", "receipt_no", "enrollment_no", "date", "plan_name", "shop_name"],
  payment_gold: ["customer_name", "amount", "receipt_no", "enrollment_no", "grams", "rate", "date", "plan_name", "shop_name"],
  due: ["customer_name", "amount", "due_date", "installment_no", "enrollment_no", "plan_name", "shop_name"],
  missed: ["customer_name", "amount", "due_date", "installment_no", "enrollment_no", "plan_name", "shop_name"],
  reminder: ["customer_name", "amount", "due_date", "installment_no", "enrollment_no", "plan_name", "shop_name"],
  maturity: ["customer_name", "enrollment_no", "maturity_date", "plan_name", "shop_name"],
  closure: ["customer_name", "enrollment_no", "closure_kind", "value", "settlement", "plan_name", "shop_name"],
  occasion: ["customer_name", "occasion", "plan_name", "shop_name"],
};

const SAMPLE: Record<string, string> = {
  customer_name: "Asha Verma", amount: "5,000.00", receipt_no: "MAIN-R000123", enrollment_no: "MAIN-E00042", date: "01-12-2026",
  grams: "0.769", rate: "6,500.00", due_date: "05-12-2026", installment_no: "4", maturity_date: "01-12-2027", closure_kind: "maturity",
  value: "60,000.00", settlement: "jewellery", occasion: "Dhanteras", plan_name: "Swarna 11", shop_name: "Lakshmi Jewellers",
};

type Stored = OutboxMessageView & { params: Record<string, string> };
type MessageState = {
  outbox: Stored[];
  settings: MessageSettings;
  templates: MessageTemplateView[];
  optOuts: Map<string, Set<MessageChannel>>;
};

const states = new WeakMap<FakeState, MessageState>();

/** The fake's message state (tests seed the outbox through it). */
export function fakeMessages(s: FakeState): MessageState {
  let m = states.get(s);
  if (!m) {
    m = {
      outbox: [],
      settings: {
        preferred_channel: "sms", fallback: true, due_days_before: 3, quiet_start: "09:00", quiet_end: "21:00", msg91_flow_base_url: null,
        triggers: (["payment", "due", "missed", "maturity", "closure", "occasion", "reminder"] as MessageTrigger[]).map((trigger) => ({ trigger, enabled: true })),
      },
      templates: [],
      optOuts: new Map(),
    };
    states.set(s, m);
  }
  return m;
}

/** Puts a message in the fake's outbox (tests, the browser demo). */
export function seedOutboxMessage(s: FakeState, message: Partial<OutboxMessageView>): OutboxMessageView {
  const at = timestamp(s.clock.now());
  const stored: Stored = {
    id: `0193${String(fakeMessages(s).outbox.length + 1).padStart(4, "0")}-0000-7000-8000-000000000000`,
    trigger: "payment", channel: "sms", to_phone: "******3210", customer_name: "Asha Verma", enrollment_no: "MAIN-E00001", state: "pending",
    body: "Dear Asha Verma, we received 5,000.00 for MAIN-E00001, receipt MAIN-R000001. Thank you.", attempts: 0, next_attempt_at: at,
    last_error: null, created_at: at, sent_at: null, provider_ref: null, params: {}, ...message,
  };
  fakeMessages(s).outbox.unshift(stored);
  return view(stored);
}

function view(m: Stored): OutboxMessageView {
  const { params: _params, ...rest } = m;
  return rest;
}

function slot(channel: MessageChannel, i: number): string {
  return channel === "sms" ? `VAR${i + 1}` : `{{${i + 1}}}`;
}

/** The filled variables, or the problem as the Rust side words it. */
export function validateVariables(channel: MessageChannel, variables: string[], params: Record<string, string>): PreviewParam[] {
  return variables.map((variable, i) => {
    const at = slot(channel, i);
    const value = (params[variable] ?? "").trim();
    if (!value) throw new FieldProblem("variables", `${at} (${variable}) has no value for this message`);
    const length = [...value].length;
    if (channel === "sms" && length > DLT_VARIABLE_MAX) {
      throw new FieldProblem("variables", `${at} (${variable}) is ${length} characters; a DLT variable may have at most ${DLT_VARIABLE_MAX}`);
    }
    return { slot: at, variable, value };
  });
}

function sampleFor(s: FakeState, trigger: MessageTrigger): Record<string, string> {
  const allowed = TRIGGER_VARIABLES[trigger];
  const params = Object.fromEntries(Object.entries(SAMPLE).filter(([k]) => allowed.includes(k)));
  if (allowed.includes("shop_name") && s.shop) params.shop_name = s.shop.shop_name;
  return params;
}

function find(s: FakeState, id: string): Stored {
  const m = fakeMessages(s).outbox.find((x) => x.id === id.trim());
  if (!m) throw new Refusal("not_found", `message ${id} was not found`, "id");
  return m;
}

function move(s: FakeState, id: string, from: OutboxState[], to: OutboxState): OutboxMessageView {
  const m = find(s, id);
  if (!from.includes(m.state)) {
    throw new Refusal("conflict", `a ${m.state.replace("_", " ")} message cannot be ${to === "pending" ? "retried" : "cancelled"}`, "id");
  }
  m.state = to;
  m.next_attempt_at = timestamp(s.clock.now());
  if (to === "cancelled") m.last_error = `cancelled by ${actorLogin(s)}`;
  return view(m);
}

function checkSettings(input: MessageSettings): void {
  for (const field of ["quiet_start", "quiet_end"] as const) {
    if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(input[field].trim())) throw new FieldProblem(field, "must be a time like 09:00 (24-hour)");
  }
  if (input.quiet_start.trim() === input.quiet_end.trim()) throw new FieldProblem("quiet_end", "must differ from the start, or no reminder could ever be sent");
  if (!(input.due_days_before >= 1 && input.due_days_before <= 30)) throw new FieldProblem("due_days_before", "must be 1 to 30 days");
  const url = input.msg91_flow_base_url;
  if (url && !/^https?:\/\//.test(url)) throw new FieldProblem("msg91_flow_base_url", "must be an http(s) address");
}

function register(s: FakeState, input: MessageTemplateInput): MessageTemplateView {
  const name = input.name.trim();
  if (!name) throw new FieldProblem("name", "is required");
  if (input.channel === "sms" && !/^[A-Za-z0-9_-]+$/.test(name)) throw new FieldProblem("name", "must be the MSG91 Flow template id (letters and digits)");
  if (input.channel === "whatsapp" && !/^[a-z0-9_]+$/.test(name)) {
    throw new FieldProblem("name", "must be the WhatsApp template's name (lower-case letters, digits and _)");
  }
  const allowed = TRIGGER_VARIABLES[input.trigger];
  input.variables.forEach((v, i) => {
    if (!allowed.includes(v)) {
      throw new FieldProblem("variables", `${slot(input.channel, i)} "${v}" is not a variable of ${input.trigger} messages; use one of ${allowed.join(", ")}`);
    }
  });
  validateVariables(input.channel, input.variables, sampleFor(s, input.trigger));
  const m = fakeMessages(s);
  const stored: MessageTemplateView = {
    trigger: input.trigger, channel: input.channel, name, language: input.language?.trim() || "en", variables: [...input.variables],
    sample_text: input.sample_text?.trim() || null, allowed_variables: [...allowed], updated_at: timestamp(s.clock.now()), updated_by: actorLogin(s),
  };
  m.templates = [...m.templates.filter((t) => !(t.trigger === input.trigger && t.channel === input.channel)), stored];
  return stored;
}

function preview(s: FakeState, trigger: MessageTrigger, channel: MessageChannel, outboxId: string | null): TemplatePreview {
  const params = outboxId ? find(s, outboxId).params : sampleFor(s, trigger);
  const t = fakeMessages(s).templates.find((x) => x.trigger === trigger && x.channel === channel);
  if (!t) throw new FieldProblem("trigger", `no ${channel === "sms" ? "SMS" : "WhatsApp"} template is registered for ${trigger} messages`);
  const filled = validateVariables(channel, t.variables, params);
  let text = t.sample_text ?? filled.map((p) => p.value).join(" · ");
  t.variables.forEach((v, i) => (text = text.replaceAll(`{{${i + 1}}}`, params[v] ?? "")));
  return { trigger, channel, name: t.name, params: filled, text };
}

function optOutView(s: FakeState, code: string): MessageOptOutView {
  const key = code.trim().toUpperCase();
  if (!s.customers.has(key)) throw new Refusal("not_found", `customer ${key} was not found`, "customer_code");
  const set = fakeMessages(s).optOuts.get(key) ?? new Set();
  return { customer_code: key, sms_opted_out: set.has("sms"), whatsapp_opted_out: set.has("whatsapp") };
}

function summary(s: FakeState): OutboxSummary {
  const out = fakeMessages(s).outbox;
  const count = (states: OutboxState[]) => out.filter((m) => states.includes(m.state)).length;
  return { waiting: count(["pending", "sending"]), failed: count(["failed"]), given_up: count(["given_up"]) };
}

function settingsView(s: FakeState): MessageSettingsView {
  return {
    settings: structuredClone(fakeMessages(s).settings), msg91_key_set: s.keys.msg91, whatsapp_key_set: s.keys.whatsapp,
    whatsapp_phone_number_id_set: s.otp.whatsapp_phone_number_id !== null, keyring_problem: null,
    trigger_variables: (Object.keys(TRIGGER_VARIABLES) as MessageTrigger[]).map((trigger) => ({ trigger, variables: [...TRIGGER_VARIABLES[trigger]] })),
  };
}

function reminder(s: FakeState, enrollmentNo: string): OutboxMessageView {
  requireShop(s);
  const no = enrollmentNo.trim().toUpperCase();
  const e = s.enrollments.get(no);
  if (!e) throw new Refusal("not_found", `enrollment ${no} was not found`, "enrollment_no");
  const c = s.customers.get(e.customer)!;
  return seedOutboxMessage(s, {
    trigger: "reminder", enrollment_no: no, customer_name: c.name, to_phone: `******${c.phone.slice(-4)}`,
    body: `Dear ${c.name}, an installment for ${no} is not yet paid.`,
  });
}

export function messageCommands(s: FakeState): Pick<
  Commands,
  | "outboxSummary" | "listOutbox" | "retryMessage" | "cancelMessage" | "sendOutboxNow" | "sendMissedReminder" | "messageSettings"
  | "updateMessageSettings" | "messageTemplates" | "registerMessageTemplate" | "previewMessageTemplate" | "messageOptOuts" | "setMessageOptOut"
> {
  return {
    outboxSummary: () => run(() => summary(s)),
    listOutbox: (state) => run(() => fakeMessages(s).outbox.filter((m) => !state || m.state === state).map(view)),
    retryMessage: (id) => run(() => move(s, id, ["failed", "given_up"], "pending")),
    cancelMessage: (id) => run(() => move(s, id, ["pending", "failed", "given_up"], "cancelled")),
    sendOutboxNow: () =>
      run(() => {
        const due = fakeMessages(s).outbox.filter((m) => m.state === "pending");
        for (const m of due) Object.assign(m, { state: "sent", attempts: m.attempts + 1, sent_at: timestamp(s.clock.now()), last_error: null });
        return { queued: 0, sent: due.length, failed: 0, given_up: 0, held: 0 };
      }),
    sendMissedReminder: (no) => run(() => reminder(s, no)),
    messageSettings: () => run(() => settingsView(s)),
    updateMessageSettings: (input) =>
      run(() => {
        checkSettings(input);
        fakeMessages(s).settings = structuredClone({ ...input, msg91_flow_base_url: input.msg91_flow_base_url?.trim() || null });
        return settingsView(s);
      }),
    messageTemplates: () => run(() => [...fakeMessages(s).templates]),
    registerMessageTemplate: (input) => run(() => register(s, input)),
    previewMessageTemplate: (trigger, channel, outboxId) => run(() => preview(s, trigger, channel, outboxId)),
    messageOptOuts: (code) => run(() => optOutView(s, code)),
    setMessageOptOut: (code, channel, optedOut) =>
      run(() => {
        const current = optOutView(s, code);
        const m = fakeMessages(s);
        const set = m.optOuts.get(current.customer_code) ?? new Set<MessageChannel>();
        if (optedOut) set.add(channel);
        else set.delete(channel);
        m.optOuts.set(current.customer_code, set);
        return optOutView(s, code);
      }),
  };
}
