// Who may run which command in the fake backend, as the Tauri shell and the use cases decide it:
// every command but a handful needs a logged-in session (else `logged_out`), and the role must
// allow what the command does (else `forbidden`). Successful changes go to the audit trail.

import type { IpcError } from "./bindings";
import type { Result } from "./result";
import { auditChange } from "./fake-audit";
import { sessionUser } from "./fake-staff";
import { type Commands, type FakeState, Refusal } from "./fake-state";
import { allows, DESCRIBE, type Permission } from "../permissions";

/** Commands that work without a session. */
export const OPEN_COMMANDS: readonly (keyof Commands)[] = ["appStatus", "setupShop", "login", "logout", "currentUser", "resetOwnerPin", "presetSaveDir", "startDemoShop", "vaultState", "unlockDatabase"];

/** The permission each command needs beyond a session (absent: any logged-in user). */
export const COMMAND_PERMISSIONS: Partial<Record<keyof Commands, Permission>> = {
  updateSettings: "settings",
  setShopLogo: "settings",
  addCustomer: "customers",
  editCustomer: "customers",
  recordForm60: "customers",
  createPlan: "plans",
  editPlan: "plans",
  retirePlan: "plans",
  addFestival: "plans",
  enroll: "enroll",
  counterEnroll: "enroll",
  giveGift: "enroll",
  recordPayment: "take_payment",
  setGoldRate: "set_rate",
  importGoldRates: "set_rate",
  fetchGoldRates: "set_rate",
  importSpreadsheet: "plans",
  pauseEnrollment: "change_enrollment",
  changeEnrollment: "change_enrollment",
  listStaff: "staff",
  addStaff: "staff",
  setStaffActive: "staff",
  resetPin: "staff",
  regenerateRecoveryCode: "staff",
  auditLog: "audit",
  verifyAudit: "audit",
  requestClosureOtp: "close",
  confirmClosure: "close",
  updateOtpSettings: "settings",
  setProviderKey: "settings",
  removeProviderKey: "settings",
  exportLedgers: "reports",
  cancelExport: "reports",
  report: "reports",
  exportReport: "reports",
  listOutbox: "reports",
  retryMessage: "reports",
  cancelMessage: "reports",
  sendOutboxNow: "reports",
  sendMissedReminder: "reports",
  updateMessageSettings: "settings",
  registerMessageTemplate: "settings",
  setMessageOptOut: "customers",
  createSupportBundle: "reports",
  updateOpsSettings: "settings",
  installUpdate: "settings",
  syncEnroll: "settings",
  updateSyncSettings: "settings",
  syncResolve: "close",
  backupOverview: "settings",
  updateBackupSettings: "settings",
  createBackup: "settings",
  verifyBackup: "settings",
  restoreBackup: "settings",
};

/** The refusal for running `name` now, or null when it may run. Counts as activity for the idle lock. */
export function accessRefusal(s: FakeState, name: keyof Commands): IpcError | null {
  if (OPEN_COMMANDS.includes(name)) return null;
  try {
    const user = sessionUser(s);
    const needed = COMMAND_PERMISSIONS[name];
    if (needed && !allows(user.role, needed)) throw new Refusal("forbidden", `${user.login} (${user.role}) may not ${DESCRIBE[needed]}`);
    return null;
  } catch (e) {
    if (e instanceof Refusal) return { code: e.code, message: e.message, field: e.field };
    throw e;
  }
}

type AnyCommand = (...args: unknown[]) => Promise<Result<unknown, IpcError>>;

/** Wraps every command with the session and permission checks, and audits the changes that succeed. */
export function guarded(s: FakeState, commands: Commands): Commands {
  const wrapped: Record<string, AnyCommand> = {};
  for (const [name, command] of Object.entries(commands) as [keyof Commands, AnyCommand][]) {
    wrapped[name] = async (...args: unknown[]) => {
      const refusal = accessRefusal(s, name);
      if (refusal) {
        await Promise.resolve();
        return { status: "error", error: refusal };
      }
      const result = await command(...args);
      if (result.status === "ok") auditChange(s, name, args, result.data);
      return result;
    };
  }
  return wrapped as unknown as Commands;
}
