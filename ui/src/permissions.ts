// What each staff role may do: the same table as crates/domain's Role::allows. The UI only hides
// what a role cannot use; the backend still refuses it (code "forbidden").

import type { Role } from "./ipc/bindings";

export type Permission =
  | "settings"
  | "staff"
  | "override"
  | "plans"
  | "close"
  | "refund"
  | "reports"
  | "audit"
  | "change_enrollment"
  | "customers"
  | "enroll"
  | "take_payment"
  | "set_rate";

const CASHIER: readonly Permission[] = ["customers", "enroll", "take_payment", "set_rate"];
const OWNER_ONLY: readonly Permission[] = ["settings", "staff", "override"];

export function allows(role: Role | null | undefined, permission: Permission): boolean {
  switch (role) {
    case "owner":
      return true;
    case "manager":
      return !OWNER_ONLY.includes(permission);
    case "cashier":
      return CASHIER.includes(permission);
    default:
      return false;
  }
}

/** The words of a refusal, as the backend writes them: "ravi (cashier) may not close plans". */
export const DESCRIBE: Record<Permission, string> = {
  settings: "change settings",
  staff: "manage staff",
  override: "override a one-time code",
  plans: "manage plans",
  close: "close plans",
  refund: "refund payments",
  reports: "see reports",
  audit: "see the audit trail",
  change_enrollment: "pause or change enrollments",
  customers: "manage customers",
  enroll: "enroll customers",
  take_payment: "take payments",
  set_rate: "set gold rates",
};
