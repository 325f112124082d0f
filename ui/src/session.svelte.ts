// Who is logged in at this counter. The backend decides (every command checks the session); this
// store mirrors it for the header, the login screen and which screens the sidebar offers. A command
// failing with `logged_out` (nobody logged in, or the idle lock passed) brings the login screen back;
// the route is kept, so after logging in the staff member returns to where they were.

import { ipc, msSinceLastCommand, onLoggedOut, type CurrentUser, type IpcFailure } from "./ipc";
import { allows, type Permission } from "./permissions";
import { navigate, router, type Route } from "./router.svelte";

/** Why the login screen is showing, besides nobody having logged in yet. */
export type LoginReason = "locked" | "idle" | "logged_out" | "switch" | null;

export const session = $state<{ user: CurrentUser | null; checked: boolean; reason: LoginReason; lastLogin: string; idleMinutes: number }>({
  user: null,
  checked: false,
  reason: null,
  lastLogin: "",
  idleMinutes: 5,
});

function endSession(reason: LoginReason): void {
  if (session.user) session.lastLogin = session.user.login;
  session.user = null;
  session.checked = true;
  session.reason = reason;
}

// A command refused as logged out while someone was logged in: the session ended behind the screen.
onLoggedOut((failure: IpcFailure) => {
  if (session.user) endSession(/idle/.test(failure.message) ? "idle" : "logged_out");
});

/** Asks the backend who is logged in (after start-up or setup). */
export async function loadSession(): Promise<void> {
  try {
    session.user = await ipc.currentUser();
  } catch {
    session.user = null;
  }
  session.checked = true;
  if (session.user) await loadIdleMinutes();
}

async function loadIdleMinutes(): Promise<void> {
  try {
    session.idleMinutes = (await ipc.otpSettings()).settings.idle_lock_minutes;
  } catch {
    // Keep the last known value; the backend's own lock still applies.
  }
}

/** Logs in; on success the shell comes back on the same route (or the dashboard, if the role cannot use it). */
export async function signIn(login: string, pin: string): Promise<CurrentUser> {
  const user = await ipc.login(login, pin);
  session.user = user;
  session.reason = null;
  session.lastLogin = user.login;
  if (!routeAllowed(router.route, user.role)) navigate({ name: "dashboard" });
  await loadIdleMinutes();
  return user;
}

/** "Switch user" (a blank login) or "Lock" (the same login, PIN again). Both end the backend session. */
export async function signOut(reason: "switch" | "lock"): Promise<void> {
  const login = session.user?.login ?? session.lastLogin;
  try {
    await ipc.logout();
  } finally {
    endSession(reason === "lock" ? "locked" : "switch");
    session.lastLogin = reason === "lock" ? login : "";
  }
}

/** Locks the screen when no command has run for the idle minutes (the backend has locked by then too). */
export function checkIdle(now: number = Date.now()): void {
  if (session.user && msSinceLastCommand(now) >= session.idleMinutes * 60_000) {
    const login = session.user.login;
    endSession("idle");
    session.lastLogin = login;
    ipc.logout().catch(() => {});
  }
}

export function can(permission: Permission): boolean {
  return allows(session.user?.role, permission);
}

/** The permission a screen needs (none: any logged-in user). */
export function routePermission(route: Route): Permission | null {
  switch (route.name) {
    case "counter":
      return "enroll";
    case "customers":
    case "customer":
    case "customer-new":
    case "customer-edit":
      return "customers";
    case "payments":
      return "take_payment";
    case "plans":
    case "import":
      return "plans";
    case "rate":
      return "set_rate";
    case "settings":
    case "backups":
      return "settings";
    case "staff":
      return "staff";
    case "audit":
      return "audit";
    case "export":
    case "outbox":
    case "reports":
      return "reports";
    default:
      return null;
  }
}

export function routeAllowed(route: Route, role: CurrentUser["role"] | null | undefined): boolean {
  const needed = routePermission(route);
  return needed === null || allows(role, needed);
}
