// The fake backend's one-time code settings and provider keys. Keys never come back, only whether
// one is set; the browser has no OS keyring, so the fake keeps just the flags.

import type { OtpProvider, OtpSettings, OtpSettingsView } from "./bindings";
import * as kyc from "./fake-kyc";
import { FieldProblem } from "./fake-kyc";
import { recordAudit } from "./fake-audit";
import { actorLogin, type Commands, type FakeState, requireShop, run } from "./fake-state";

export const PROVIDERS: readonly OtpProvider[] = ["console", "msg91", "whatsapp"];

export function otpView(s: FakeState): OtpSettingsView {
  requireShop(s);
  return { settings: { ...s.otp }, msg91_key_set: s.keys.msg91, whatsapp_key_set: s.keys.whatsapp, keyring_problem: null };
}

function provider(field: string, value: OtpProvider): OtpProvider {
  if (!PROVIDERS.includes(value)) throw new FieldProblem(field, "choose console, msg91 or whatsapp");
  return value;
}

function minutes(field: string, value: number, max: number): number {
  if (!Number.isInteger(value) || value < 1 || value > max) throw new FieldProblem(field, `must be 1 to ${max} minutes`);
  return value;
}

function url(field: string, value: string): string {
  const v = value.trim();
  if (!/^https?:\/\//.test(v)) throw new FieldProblem(field, "must be an http(s) address");
  return v;
}

function update(s: FakeState, input: OtpSettings): OtpSettingsView {
  requireShop(s);
  const next: OtpSettings = {
    primary: provider("primary", input.primary),
    fallback: input.fallback === null ? null : provider("fallback", input.fallback),
    expiry_minutes: minutes("expiry_minutes", input.expiry_minutes, 60),
    idle_lock_minutes: minutes("idle_lock_minutes", input.idle_lock_minutes, 240),
    msg91_template_id: kyc.optionalText(input.msg91_template_id),
    msg91_base_url: url("msg91_base_url", input.msg91_base_url),
    whatsapp_phone_number_id: kyc.optionalText(input.whatsapp_phone_number_id),
    whatsapp_template: kyc.optionalText(input.whatsapp_template),
    whatsapp_language: input.whatsapp_language.trim() || "en",
    whatsapp_base_url: url("whatsapp_base_url", input.whatsapp_base_url),
  };
  recordAudit(s, actorLogin(s), "settings.otp", "one-time code settings changed", { before: s.otp, after: next });
  s.otp = next;
  return otpView(s);
}

function setKey(s: FakeState, p: OtpProvider, key: string): OtpSettingsView {
  provider("provider", p);
  if (p === "console") throw new FieldProblem("provider", "the console provider has no key");
  if (!key.trim()) throw new FieldProblem("key", "is required");
  s.keys[p] = true;
  recordAudit(s, actorLogin(s), "settings.key", `${p} key stored in the OS keyring`);
  return otpView(s);
}

function removeKey(s: FakeState, p: OtpProvider): OtpSettingsView {
  provider("provider", p);
  if (p !== "console") s.keys[p] = false;
  recordAudit(s, actorLogin(s), "settings.key", `${p} key removed from the OS keyring`);
  return otpView(s);
}

export function otpCommands(s: FakeState): Pick<Commands, "otpSettings" | "updateOtpSettings" | "setProviderKey" | "removeProviderKey"> {
  return {
    otpSettings: () => run(() => otpView(s)),
    updateOtpSettings: (input: OtpSettings) => run(() => update(s, input)),
    setProviderKey: (p: OtpProvider, key: string) => run(() => setKey(s, p, key)),
    removeProviderKey: (p: OtpProvider) => run(() => removeKey(s, p)),
  };
}
