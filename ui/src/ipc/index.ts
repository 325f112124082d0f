// The ONLY module that talks to the backend. Components call `ipc.someCommand(...)`, which resolves to the
// data or throws an `IpcFailure`. Inside the Tauri window the generated bindings are used; in a plain
// browser (npm run dev, component tests) an in-memory fake backend stands in.

import { commands, type IpcError } from "./bindings";
import type { Result } from "./result";
export type { Result } from "./result";
import { createFakeBackend, type Commands } from "./fake";

export type * from "./bindings";
export { uuidv7 } from "./uuid";

/** A refused or failed command: `code` is stable ("invalid_input", "not_found", ...), `field` names the input. */
export class IpcFailure extends Error {
  readonly code: string;
  readonly field: string | null;

  constructor(error: IpcError) {
    super(error.message);
    this.name = "IpcFailure";
    this.code = error.code;
    this.field = error.field;
  }

  /** The message without a leading "field: " — for showing right under that field. */
  get detail(): string {
    const prefix = this.field ? `${this.field}: ` : "";
    return prefix && this.message.startsWith(prefix) ? this.message.slice(prefix.length) : this.message;
  }
}

let fake: Commands | null = null;

type LoggedOutListener = (failure: IpcFailure) => void;
const loggedOutListeners = new Set<LoggedOutListener>();
let lastCommandMs = Date.now();

/**
 * Calls `listener` whenever a command fails with `logged_out` (nobody logged in, or the idle lock
 * passed), so the app can show the login screen. Returns the unsubscribe function.
 */
export function onLoggedOut(listener: LoggedOutListener): () => void {
  loggedOutListeners.add(listener);
  return () => loggedOutListeners.delete(listener);
}

/** Milliseconds since the last command was sent (the backend's idle lock counts the same way). */
export function msSinceLastCommand(now: number = Date.now()): number {
  return now - lastCommandMs;
}

/** The backend in use: Tauri's when running inside the app window, otherwise the fake. */
export function backend(): Commands {
  if (typeof window !== "undefined" && "__TAURI_INTERNALS__" in window) return commands;
  fake ??= createFakeBackend();
  return fake;
}

/** Replaces the fake backend (tests start each case from a clean one). */
export function useFakeBackend(next: Commands): void {
  fake = next;
}

/** Unwraps a command's Result into its data, or throws IpcFailure. */
export async function unwrap<T>(pending: Promise<Result<T, IpcError>>): Promise<T> {
  let result: Result<T, IpcError>;
  lastCommandMs = Date.now();
  try {
    result = await pending;
  } catch (e) {
    // The bindings rethrow Error rejections (a missing command, a crashed shell): still an IpcFailure.
    const message = e instanceof Error ? e.message : String(e);
    throw new IpcFailure({ code: "ipc", message, field: null });
  }
  if (result.status === "ok") return result.data;
  const failure = new IpcFailure(asIpcError(result.error));
  if (failure.code === "logged_out") for (const listener of loggedOutListeners) listener(failure);
  throw failure;
}

/** Tauri rejects arguments it cannot read (e.g. a plan's rules JSON) with a plain string, not an IpcError. */
function asIpcError(error: unknown): IpcError {
  if (error !== null && typeof error === "object" && "message" in error) return error as IpcError;
  return { code: "ipc", message: String(error), field: null };
}

type Unwrapped<C> = {
  [K in keyof C]: C[K] extends (...args: infer A) => Promise<Result<infer T, IpcError>> ? (...args: A) => Promise<T> : never;
};

function unwrapped(): Unwrapped<Commands> {
  const names = Object.keys(commands) as (keyof Commands)[];
  const api = {} as Record<keyof Commands, (...args: unknown[]) => Promise<unknown>>;
  for (const name of names) {
    api[name] = (...args: unknown[]) => unwrap((backend()[name] as (...a: unknown[]) => Promise<Result<unknown, IpcError>>)(...args));
  }
  return api as unknown as Unwrapped<Commands>;
}

/**
 * One async function per command: appStatus, setupShop, updateSettings, setShopLogo, addCustomer, editCustomer,
 * searchCustomers, customerProfile, listPlans, createPlan, editPlan, retirePlan, enroll, counterEnroll,
 * recordPayment, enrollmentDetail, listEnrollments, setGoldRate, goldRates, importGoldRates, fetchGoldRates,
 * recordForm60, simulatePlan, pauseEnrollment, changeQuote, changeEnrollment, giveGift, addFestival, login, logout,
 * currentUser, listStaff, addStaff, setStaffActive, resetPin, resetOwnerPin, regenerateRecoveryCode, auditLog,
 * verifyAudit, closureQuote, requestClosureOtp, confirmClosure, overrideClosure, otpSettings, updateOtpSettings,
 * setProviderKey, removeProviderKey, saveDocument, printDocument, presetSaveDir, exportLedgers, cancelExport.
 * All but appStatus, setupShop, login, logout, currentUser, resetOwnerPin and presetSaveDir need a logged-in
 * session; a `logged_out` failure also reaches the onLoggedOut listeners. The save, folder and logo-file
 * dialogs, and the export's progress channel, are in ./files.
 */
export const ipc = unwrapped();
