// The fake backend's spreadsheet import, after crates/app/src/import: the file is read from `s.disk`
// (where the browser stand-in of the file picker, or a test, put it), rows go through the fake's own
// commands (so the same validation messages), plans → customers → enrollments → payments, and the
// state is put back unless every row passed and this is not a dry run: all or nothing.

import type { ImportCount, ImportKind, ImportMapping, ImportProblem, ImportReport, IpcError } from "./bindings";
import type { Result } from "./result";
import { customerCommands } from "./fake-customers";
import { planCommands } from "./fake-plans";
import { enrollmentCommands } from "./fake-enrollments";
import { paymentCommands } from "./fake-payments";
import { recordAudit } from "./fake-audit";
import * as kyc from "./fake-kyc";
import { FieldProblem } from "./fake-kyc";
import { type Commands, type FakeState, actorLogin, requireShop, run } from "./fake-state";
import { FIELDS, KINDS, normaliseDate, previewOf, readWorkbook, sameHeader } from "./fake-sheet";

type Row = { kind: ImportKind; sheet: string; row: number; values: Record<string, string>; columns: Record<string, string> };

/** The sample customer sheet in docs/import, where the browser stand-in of the file picker finds it. */
export const FAKE_SHEET_PATH = "/home/kanak/Documents/customers.csv";
export const SAMPLE_CUSTOMERS_CSV =
  'Customer Name,Mobile,PAN,Pin code,Address\nAsha Verma,98765 43210,,302001,"12 Johari Bazaar, Jaipur"\n' +
  'Meena Joshi,+91 91234 56780,ABCPJ1234K,302002,"4 MI Road, Jaipur"\nFarhan Qureshi,09988776655,,,\n';

function readFile(s: FakeState, path: string): { name: string; bytes: Uint8Array } {
  const trimmed = path.trim();
  const bytes = s.disk.get(trimmed);
  if (!bytes) throw new FieldProblem("path", `cannot read ${trimmed}: No such file or directory (os error 2)`);
  return { name: trimmed.replace(/^.*[\\/]/, ""), bytes };
}

function records(sheets: ReturnType<typeof readWorkbook>, mapping: ImportMapping): { rows: Row[]; problems: ImportProblem[] } {
  const rows: Row[] = [];
  const problems: ImportProblem[] = [];
  for (const m of mapping.sheets) {
    const sheet = m.sheet ? (sheets.find((x) => sameHeader(x.name, m.sheet!)) ?? (sheets.length === 1 && mapping.sheets.length === 1 ? sheets[0] : undefined)) : sheets.length === 1 ? sheets[0] : undefined;
    if (!sheet) {
      problems.push({ sheet: m.sheet ?? "", row: 0, column: null, message: `no sheet named ${JSON.stringify(m.sheet ?? "")} in the file` });
      continue;
    }
    const headerRow = Math.max(1, m.header_row ?? 1);
    const header = sheet.rows[headerRow - 1] ?? [];
    const [required, optional] = FIELDS[m.kind];
    const at = (column: string | null, message: string) => problems.push({ sheet: sheet.name, row: headerRow, column, message });
    const indices: [string, number, string][] = [];
    for (const [field, column] of Object.entries(m.columns)) {
      if (column === undefined) continue;
      if (![...required, ...optional].includes(field)) at(null, `${field} is not a field of ${m.kind}`);
      else if (header.findIndex((h) => sameHeader(h, column)) < 0) at(column, "no such column in the header");
      else indices.push([field, header.findIndex((h) => sameHeader(h, column)), column]);
    }
    for (const field of required) if (!(field in m.columns)) at(null, `${field} is required for ${m.kind} but not mapped`);
    sheet.rows.forEach((cells, i) => {
      if (i < headerRow || cells.every((c) => c.trim() === "")) return;
      const row: Row = { kind: m.kind, sheet: sheet.name, row: i + 1, values: {}, columns: {} };
      for (const [field, index, column] of indices) {
        const cell = cells[index] ?? "";
        row.values[field] = field === "date" || field === "dob" ? normaliseDate(cell, mapping.date_format ?? null) : cell.trim();
        row.columns[field] = column;
      }
      rows.push(row);
    });
  }
  return { rows, problems };
}

const text = (r: Row, field: string): string => r.values[field]?.trim() ?? "";
const optional = (r: Row, field: string): string | null => text(r, field) || null;

/** A payment id from its row's content and which copy of identical rows it is: a UUIDv7 in shape. */
function rowPaymentId(r: Row, occurrence: number): string {
  const canonical = `${r.kind}|${Object.entries(r.values).sort().map(([k, v]) => `${k}=${v.toLowerCase()}`).join("|")}#${occurrence}`;
  const hex = [0x811c9dc5, 0x01000193, 0x2f1b3c4d, 0x5a6b7c8d].map((seed) => {
    let h = seed;
    for (const c of canonical) h = Math.imul(h ^ c.charCodeAt(0), 0x01000193) >>> 0;
    return h.toString(16).padStart(8, "0");
  }).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-7${hex.slice(13, 16)}-${"89ab"[parseInt(hex[16], 16) % 4]}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function customerOf(s: FakeState, r: Row): string {
  const phone = kyc.mobile(text(r, "phone"));
  const name = optional(r, "name")?.toLowerCase();
  const matching = [...s.customers.values()].filter((c) => c.phone === phone && (!name || c.name.toLowerCase() === name));
  if (matching.length === 1) return matching[0].code;
  throw new FieldProblem("phone", matching.length === 0 ? "belongs to no customer (add them to the customers sheet)" : "is shared by several customers; map the name column too");
}

type Applied = "created" | "unchanged";

async function applied<T>(pending: Promise<Result<T, IpcError>>): Promise<Applied> {
  const result = await pending;
  if (result.status === "error") throw result.error;
  return "created";
}

async function applyRow(s: FakeState, c: Commands, r: Row, occurrence: number): Promise<Applied> {
  switch (r.kind) {
    case "plans": {
      const code = text(r, "code").toUpperCase();
      if (s.plans.has(code)) return "unchanged";
      const whole = (f: string) => (optional(r, f) === null ? null : Number(text(r, f)));
      return applied(c.createPlan({ code, name: text(r, "name"), kind: text(r, "kind").toLowerCase() as "amount", installment: optional(r, "installment"), min_amount: optional(r, "min_amount"), max_amount: optional(r, "max_amount"), installments: whole("installments") ?? 0, due_day: whole("due_day"), grace_days: whole("grace_days") ?? 0, purity: optional(r, "purity"), bonus: optional(r, "bonus") ?? "none", terms: text(r, "terms"), rules: null }));
    }
    case "customers": {
      const phone = kyc.mobile(text(r, "phone"));
      const same = [...s.customers.values()].some((x) => x.phone === phone && x.name.toLowerCase() === text(r, "name").toLowerCase());
      if (same) return "unchanged";
      return applied(c.addCustomer({ name: text(r, "name"), phone: text(r, "phone"), pan: optional(r, "pan"), aadhaar: optional(r, "aadhaar"), dob: optional(r, "dob"), address: optional(r, "address"), pin_code: optional(r, "pin_code"), email: optional(r, "email"), family_of: null, relation: null }));
    }
    case "enrollments": {
      const customer = customerOf(s, r);
      const plan = text(r, "plan_code").toUpperCase();
      const date = optional(r, "date") ?? s.clock.today();
      if ([...s.enrollments.values()].some((e) => e.customer === customer && e.plan === plan && e.start === date)) return "unchanged";
      const tier = optional(r, "installments");
      return applied(c.enroll({ customer_code: customer, plan_code: plan, date, installments: tier === null ? null : Number(tier) }));
    }
    case "payments": {
      const customer = customerOf(s, r);
      const plan = text(r, "plan_code").toUpperCase();
      const numbers = [...s.enrollments.values()].filter((e) => e.customer === customer && e.plan === plan).map((e) => e.no);
      if (numbers.length !== 1) throw new FieldProblem("plan_code", `${customer} has ${numbers.length ? "several enrollments" : "no enrollment"} in this plan`);
      const id = rowPaymentId(r, occurrence);
      if (s.payments.some((p) => p.id === id)) return "unchanged";
      return applied(c.recordPayment({ id, enrollment_no: numbers[0], amount: text(r, "amount"), mode: (optional(r, "mode")?.toLowerCase() ?? "cash") as "cash", reference: optional(r, "reference"), date: text(r, "date"), confirm_duplicate: true }));
    }
  }
}

/** The problem a refusal makes: in the column that holds the field it names, if that is mapped. */
function problemOf(r: Row, error: unknown): ImportProblem {
  const failure = error instanceof FieldProblem ? { field: error.field, message: error.message } : (error as IpcError);
  const field = failure.field === "customer_code" ? "phone" : failure.field;
  const column = field ? (r.columns[field] ?? null) : null;
  const message = field && failure.message.startsWith(`${field}: `) && column ? failure.message.slice(field.length + 2) : failure.message;
  return { sheet: r.sheet, row: r.row, column, message };
}

const KEPT = ["customers", "plans", "enrollments", "payments", "sequences", "receivedAtMs", "audit"] as const;

async function importRows(s: FakeState, path: string, mapping: ImportMapping, dryRun: boolean): Promise<ImportReport> {
  requireShop(s);
  const file = readFile(s, path);
  const { rows, problems } = records(readWorkbook(file.name, file.bytes), mapping);
  rows.sort((a, b) => KINDS.indexOf(a.kind) - KINDS.indexOf(b.kind));
  const before = structuredClone(Object.fromEntries(KEPT.map((k) => [k, s[k]])));
  const inner = { ...customerCommands(s), ...planCommands(s), ...enrollmentCommands(s), ...paymentCommands(s) } as Commands;
  const counts: ImportCount[] = [];
  const seen = new Map<string, number>();
  for (const r of rows) {
    const key = JSON.stringify([r.kind, Object.entries(r.values).sort()]);
    seen.set(key, (seen.get(key) ?? 0) + 1);
    let count = counts.find((x) => x.kind === r.kind);
    if (!count) counts.push((count = { kind: r.kind, created: 0, unchanged: 0 }));
    try {
      count[(await applyRow(s, inner, r, seen.get(key)!)) === "created" ? "created" : "unchanged"] += 1;
    } catch (e) {
      problems.push(problemOf(r, e));
    }
  }
  const committed = problems.length === 0 && !dryRun;
  if (committed) recordAudit(s, actorLogin(s), "import", `import of ${file.name}: ${counts.map((x) => `${x.kind} ${x.created} new, ${x.unchanged} already stored`).join("; ")}`);
  else Object.assign(s, structuredClone(before));
  problems.sort((a, b) => a.sheet.localeCompare(b.sheet) || a.row - b.row);
  return { dry_run: dryRun, committed, rows: rows.length, counts, problems };
}

export function importCommands(s: FakeState): Pick<Commands, "previewImport" | "importSpreadsheet"> {
  return {
    previewImport: (path: string) =>
      run(() => {
        const file = readFile(s, path);
        return previewOf(file.name, readWorkbook(file.name, file.bytes));
      }),
    importSpreadsheet: async (path: string, mapping: ImportMapping, dryRun: boolean) => {
      try {
        const report = await importRows(s, path, mapping, dryRun);
        return run(() => report);
      } catch (e) {
        return run(() => {
          throw e;
        });
      }
    },
  };
}
