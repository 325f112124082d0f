// The reports the app offers, the filters each one reads (only those are shown on its form) and the
// formats it exports to. The backend validates every filter again and names a bad one's field.

import type { ReportFilter, ReportFormat, ReportName } from "../../ipc";

export type FilterKey = keyof ReportFilter;

export const REPORTS: readonly { name: ReportName; filters: readonly FilterKey[]; formats: readonly ReportFormat[] }[] = [
  { name: "payments", filters: ["from", "to", "mode", "status", "staff", "plan_code", "branch"], formats: ["csv", "xlsx", "pdf", "json"] },
  { name: "missed", filters: ["month", "plan_code"], formats: ["csv", "xlsx", "pdf", "json"] },
  { name: "outstanding", filters: ["as_of", "plan_code"], formats: ["csv", "xlsx", "pdf", "json"] },
  { name: "maturity", filters: ["from", "to", "plan_code"], formats: ["csv", "xlsx", "pdf", "json"] },
  { name: "plan-collection", filters: ["from", "to", "plan_code"], formats: ["csv", "xlsx", "pdf", "json"] },
  { name: "staff-collection", filters: ["from", "to", "staff", "plan_code"], formats: ["csv", "xlsx", "pdf", "json"] },
  { name: "closures", filters: ["from", "to", "mode", "staff", "plan_code"], formats: ["csv", "xlsx", "pdf", "json"] },
  { name: "year-end", filters: ["financial_year", "plan_code"], formats: ["csv", "xlsx", "pdf", "json"] },
  { name: "tally", filters: ["from", "to", "mode", "plan_code"], formats: ["xml"] },
];

export function reportNamed(name: string | null): (typeof REPORTS)[number] | null {
  return REPORTS.find((r) => r.name === name) ?? null;
}

export const EMPTY_FILTER: ReportFilter = {
  from: null, to: null, month: null, as_of: null, financial_year: null, mode: null, status: null, staff: null, plan_code: null, branch: null,
};

/** The request for `name` from the route's query: only the report's own filters, blanks left out. */
export function filterFor(name: ReportName, values: Record<string, string>): ReportFilter {
  const report = reportNamed(name);
  const filter: ReportFilter = { ...EMPTY_FILTER };
  for (const key of report?.filters ?? []) {
    const value = values[key]?.trim();
    if (value) filter[key] = value;
  }
  return filter;
}

/** The file name the save dialog proposes: payments-2026-12-10.csv. */
export function exportFileName(name: ReportName, format: ReportFormat, today: string): string {
  return `${name}-${today}.${format}`;
}
