// Which enrollments a bulk export covers, as the backend's ledger filter picks them: the running ones
// (active or matured) unless another status — or every enrollment — is chosen, of one plan or all.
// The export screen shows the count before the export starts.

import type { EnrollmentStatus, EnrollmentView, LedgerFilter } from "../../ipc";

export type StatusChoice = "running" | "all" | EnrollmentStatus;

export const STATUS_CHOICES: readonly StatusChoice[] = ["running", "active", "matured", "closed", "cancelled", "all"];

export function ledgerFilter(status: StatusChoice, planCode: string): LedgerFilter {
  const plan_code = planCode || null;
  if (status === "running") return { all: false, status: null, plan_code };
  if (status === "all") return { all: true, status: null, plan_code };
  return { all: false, status, plan_code };
}

export function exportMatches(enrollments: EnrollmentView[], filter: LedgerFilter): EnrollmentView[] {
  return enrollments
    .filter((e) => !filter.plan_code || e.plan_code === filter.plan_code)
    .filter((e) => (filter.status ? e.status === filter.status : filter.all || e.status === "active" || e.status === "matured"));
}
