// The fake backend's reports: the payments, missed and outstanding reports from the fake's own data
// (same columns as crates/app/src/report), the others as an empty table with their title; exports are
// kept beside the state so tests can see what was written where.

import type { CellKind, ReportExport, ReportFilter, ReportFormat, ReportName, ReportRow, ReportSection, ReportTable } from "./bindings";
import { enrollmentDetail } from "./fake-enrollments";
import { FieldProblem, isoDate } from "./fake-kyc";
import { subtractMoney, sumMoney } from "../money";
import { type Commands, type FakeState, Refusal, requireShop, run, timestamp } from "./fake-state";

export type FakeExport = { name: ReportName; filter: ReportFilter; format: ReportFormat; path: string };
const written = new WeakMap<FakeState, FakeExport[]>();

/** What the fake wrote, in order (tests). */
export function fakeExports(s: FakeState): FakeExport[] {
  if (!written.has(s)) written.set(s, []);
  return written.get(s)!;
}

const TITLES: Record<ReportName, string> = {
  payments: "Payments", missed: "Missed payments", outstanding: "Outstanding dues", maturity: "Maturity due",
  "plan-collection": "Plan-wise collection", "staff-collection": "Staff-wise collection", closures: "Closures and refunds",
  "year-end": "Year-end summary", tally: "Tally export",
};

type Col = [key: string, label: string, kind: CellKind];
const section = (title: string, cols: Col[], rows: ReportRow[], totals: ReportSection["totals"]): ReportSection => ({
  title, columns: cols.map(([key, label, kind]) => ({ key, label, kind })), rows, totals,
});
const row = (cells: string[], links: Partial<ReportRow> = {}): ReportRow => ({
  cells, enrollment_no: null, customer_code: null, payment_id: null, flagged: false, ...links,
});

function checked(filter: ReportFilter): ReportFilter {
  for (const key of ["from", "to", "as_of"] as const) if (filter[key]) isoDate(key, filter[key]!);
  if (filter.month && !/^\d{4}-(0[1-9]|1[0-2])$/.test(filter.month)) throw new FieldProblem("month", "enter a month as YYYY-MM");
  if (filter.from && filter.to && filter.from > filter.to) throw new FieldProblem("to", "must be on or after from");
  return filter;
}

function paymentsSection(s: FakeState, f: ReportFilter): ReportSection {
  const rows = s.payments
    .filter((p) => (!f.from || p.received_on >= f.from) && (!f.to || p.received_on <= f.to))
    .filter((p) => (!f.mode || p.mode === f.mode) && (!f.status || p.status === f.status) && (!f.staff || p.received_by === f.staff))
    .map((p) => {
      const e = s.enrollments.get(p.enrollment_no)!;
      const c = s.customers.get(e.customer)!;
      if (f.plan_code && e.plan !== f.plan_code) return null;
      return row(
        [p.received_on, p.receipt_no, c.code, c.name, p.enrollment_no, e.plan, p.amount, p.mode, p.status, p.reference ?? "", p.rate_per_gram ?? "", p.grams ?? "", p.received_by],
        { enrollment_no: p.enrollment_no, customer_code: c.code, payment_id: p.id, flagged: p.status === "processing" },
      );
    })
    .filter((r): r is ReportRow => r !== null);
  const cols: Col[] = [["date", "Date", "date"], ["receipt_no", "Receipt", "text"], ["customer_code", "Customer", "text"], ["customer_name", "Name", "text"],
    ["enrollment_no", "Enrollment", "text"], ["plan_code", "Plan", "text"], ["amount", "Amount", "money"], ["mode", "Mode", "text"], ["status", "Status", "text"],
    ["reference", "Reference", "text"], ["rate_per_gram", "Rate/g", "money"], ["grams", "Grams", "grams"], ["staff", "Staff", "text"]];
  const confirmed = rows.filter((r) => r.cells[8] === "confirmed").map((r) => r.cells[6]);
  return section("Payments", cols, rows, [{ label: "Confirmed", value: sumMoney(confirmed), kind: "money" }, { label: "Payments", value: String(rows.length), kind: "count" }]);
}

function duesSection(s: FakeState, f: ReportFilter, name: "missed" | "outstanding"): ReportSection {
  const rows: ReportRow[] = [];
  const on = s.clock.today();
  for (const e of s.enrollments.values()) {
    if (e.status !== "active" || (f.plan_code && e.plan !== f.plan_code)) continue;
    const d = enrollmentDetail(s, e.no);
    const c = s.customers.get(e.customer)!;
    const late = (l: (typeof d.evaluation.schedule)[number]) => l.status === "late" || l.status === "missed";
    const month = f.month ?? on.slice(0, 7);
    const lines = d.evaluation.schedule.filter((l) => (name === "missed" ? late(l) && l.due_date.slice(0, 7) <= month : l.due_date <= (f.as_of ?? on)));
    const owed = sumMoney(lines.map((l) => subtractMoney(l.amount, l.paid)));
    if (owed === "0.00") continue;
    rows.push(row([e.no, c.code, c.name, c.phone, e.plan, owed], { enrollment_no: e.no, customer_code: c.code, flagged: name === "missed" }));
  }
  const cols: Col[] = [["enrollment_no", "Enrollment", "text"], ["customer_code", "Customer", "text"], ["customer_name", "Name", "text"], ["phone", "Phone", "phone"], ["plan_code", "Plan", "text"], ["amount", "Amount", "money"]];
  return section(TITLES[name], cols, rows, [{ label: "Total", value: sumMoney(rows.map((r) => r.cells[5])), kind: "money" }]);
}

export function fakeReport(s: FakeState, name: ReportName, filter: ReportFilter): ReportTable {
  requireShop(s);
  const f = checked(filter);
  const sections =
    name === "payments" ? [paymentsSection(s, f)]
    : name === "missed" || name === "outstanding" ? [duesSection(s, f, name)]
    : [section(TITLES[name], [["item", "Item", "text"]], [], [])];
  return { name, title: TITLES[name], subtitle: "", sections, generated_at: timestamp(s.clock.now()) };
}

export function reportCommands(s: FakeState): Pick<Commands, "report" | "exportReport"> {
  return {
    report: (name: ReportName, filter: ReportFilter) => run(() => fakeReport(s, name, filter)),
    exportReport: (name: ReportName, filter: ReportFilter, format: ReportFormat, path: string) =>
      run((): ReportExport => {
        if ((name === "tally") !== (format === "xml")) throw new FieldProblem("format", name === "tally" ? "the Tally export is XML only" : "xml is only for the tally report");
        if (format === "pdf") throw new Refusal("invalid_input", "format: PDF export of reports is not available yet", "format");
        if (!path.startsWith("/") && !/^[A-Za-z]:\\/.test(path)) throw new FieldProblem("path", "must be a full path to a file");
        const table = fakeReport(s, name, filter);
        const full = path.toLowerCase().endsWith(`.${format}`) ? path : `${path}.${format}`;
        fakeExports(s).push({ name, filter, format, path: full });
        const rows = table.sections.reduce((n, sec) => n + sec.rows.length, 0);
        return { path: full, rows, bytes: JSON.stringify(table).length };
      }),
  };
}
