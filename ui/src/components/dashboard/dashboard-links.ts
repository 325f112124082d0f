// Where each dashboard figure leads: the report behind it with its filters, or the page it names.

import type { PaymentMode } from "../../ipc";
import { routeToHash, type Route } from "../../router.svelte";

function report(name: string, filters: Record<string, string>): Route {
  return { name: "reports", report: name, filters };
}

/** The first and last day of the month "YYYY-MM". */
export function monthRange(month: string): { from: string; to: string } {
  const [y, m] = month.split("-").map(Number);
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, "0")}` };
}

export const links = {
  todayPayments: (today: string, mode?: PaymentMode) =>
    routeToHash(report("payments", mode ? { from: today, to: today, mode } : { from: today, to: today })),
  todayProcessing: (today: string) => routeToHash(report("payments", { from: today, to: today, status: "processing" })),
  dueToday: (today: string) => routeToHash(report("outstanding", { as_of: today })),
  /** The missed report of the latest month with an overdue installment (this month when none). */
  overdue: (today: string, months: readonly string[] = []) => routeToHash(report("missed", { month: months[months.length - 1] ?? today.slice(0, 7) })),
  missedMonth: (month: string) => routeToHash(report("missed", { month })),
  maturing: (today: string) => routeToHash(report("maturity", monthRange(today.slice(0, 7)))),
  active: (today: string) => routeToHash(report("outstanding", { as_of: today })),
  month: (month: string) => routeToHash(report("payments", monthRange(month))),
  enrollment: (no: string) => routeToHash({ name: "enrollment", no }),
  rate: () => routeToHash({ name: "rate" }),
  outbox: () => "#/outbox",
};
