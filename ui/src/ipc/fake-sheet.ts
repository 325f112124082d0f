// The fake backend's reading of a spreadsheet, after crates/app/src/import/{sheet,mapping,preview}.rs:
// CSV with RFC 4180 quoting (the browser fake reads no XLSX), the fields of each kind, the
// header suggestions with the usual headings ("Mobile" for the phone), the guessed kind and date format.

import type { ImportKind, ImportPreview, KindFields, KindSuggestion, SheetPreview } from "./bindings";
import { FieldProblem } from "./fake-kyc";

export const KINDS: ImportKind[] = ["plans", "customers", "enrollments", "payments"];

export const FIELDS: Record<ImportKind, [string[], string[]]> = {
  plans: [["code", "name", "kind", "installments"], ["installment", "min_amount", "max_amount", "due_day", "grace_days", "purity", "bonus", "terms"]],
  customers: [["name", "phone"], ["pan", "aadhaar", "dob", "address", "pin_code", "email"]],
  enrollments: [["phone", "plan_code"], ["name", "date", "installments"]],
  payments: [["phone", "plan_code", "date", "amount"], ["name", "mode", "reference"]],
};

const SYNONYMS: [ImportKind | "*", string, string[]][] = [
  ["plans", "code", ["scheme code", "plan code", "code"]],
  ["plans", "name", ["scheme", "scheme name", "plan", "plan name"]],
  ["plans", "kind", ["type", "scheme type", "plan type"]],
  ["plans", "installment", ["monthly", "installment amount", "monthly amount", "emi"]],
  ["plans", "installments", ["months", "duration", "tenure", "no of installments"]],
  ["*", "name", ["customer name", "customer", "full name"]],
  ["*", "phone", ["mobile", "mobile no", "mobile number", "phone no", "phone number", "contact"]],
  ["*", "plan_code", ["scheme code", "plan code", "scheme", "plan"]],
  ["*", "pin_code", ["pincode", "pin", "postal code"]],
  ["*", "dob", ["date of birth", "birth date", "birthday"]],
  ["*", "email", ["e-mail", "email id", "mail"]],
  ["enrollments", "date", ["joined", "joined on", "start date", "start", "enrolled on"]],
  ["payments", "date", ["paid on", "payment date", "date paid"]],
  ["payments", "amount", ["amount paid", "paid", "rs", "amount (rs)"]],
  ["payments", "mode", ["payment mode", "paid by", "via"]],
  ["payments", "reference", ["ref", "ref no", "utr", "reference no", "txn id"]],
  ["*", "installments", ["months", "tier"]],
];

export type Sheet = { name: string; rows: string[][] };

/** Header text as staff see it: case, spacing and a trailing colon do not matter. */
export function sameHeader(a: string, b: string): boolean {
  const norm = (s: string) => s.trim().replace(/:+$/, "").split(/\s+/).filter(Boolean).join(" ").toLowerCase();
  return norm(a) === norm(b);
}

/** RFC 4180: fields split by commas; a quoted field may hold commas, newlines and "". */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  let wasQuoted = false;
  let line = 1;
  const body = text.replace(/^\uFEFF/, "");
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (quoted) {
      if (c === '"' && body[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else (field += c), (line += c === "\n" ? 1 : 0);
    } else if (c === '"') {
      if (field !== "" || wasQuoted) throw new FieldProblem("file", `line ${line}: a quote inside an unquoted field; quote the whole field`);
      quoted = wasQuoted = true;
    } else if (c === ",") (row.push(field), (field = ""), (wasQuoted = false));
    else if (c === "\r" && body[i + 1] === "\n") continue;
    else if (c === "\n" || c === "\r") (row.push(field), rows.push(row), (row = []), (field = ""), (wasQuoted = false), line++);
    else field += c;
  }
  if (quoted) throw new FieldProblem("file", `line ${line}: a quoted field is never closed`);
  if (field !== "" || row.length > 0 || wasQuoted) (row.push(field), rows.push(row));
  return rows;
}

/** The fake reads CSV text only; a workbook (a zip) is refused with a note saying so. */
export function readWorkbook(fileName: string, bytes: Uint8Array): Sheet[] {
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) throw new FieldProblem("file", "the browser demo reads CSV files only; XLSX is read by the desktop app");
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new FieldProblem("file", "the file is neither XLSX nor UTF-8 CSV text");
  }
  const stem = fileName.replace(/^.*[\\/]/, "").replace(/\.[^.]*$/, "") || "sheet";
  return [{ name: stem, rows: parseCsv(text) }];
}

export function suggest(kind: ImportKind, header: string[]): Record<string, string> {
  const [required, optional] = FIELDS[kind];
  const fields = [...required, ...optional];
  const taken = header.map(() => false);
  const chosen: Record<string, string> = {};
  const pass = (names: (field: string) => string[]) => {
    for (const field of fields) {
      if (field in chosen) continue;
      for (const name of names(field)) {
        const i = header.findIndex((h, j) => !taken[j] && sameHeader(h, name));
        if (i >= 0) {
          taken[i] = true;
          chosen[field] = header[i];
          break;
        }
      }
    }
  };
  pass((field) => [field, field.replaceAll("_", " ")]);
  pass((field) => SYNONYMS.find(([k, f]) => (k === kind || k === "*") && f === field)?.[2] ?? []);
  return Object.fromEntries(Object.entries(chosen).sort(([a], [b]) => a.localeCompare(b)));
}

function guessKind(name: string, suggestions: KindSuggestion[]): ImportKind | null {
  const named = KINDS.find((k) => sameHeader(name, k));
  if (named) return named;
  const complete = suggestions.filter((s) => FIELDS[s.kind][0].every((f) => f in s.columns));
  complete.sort((a, b) => Object.keys(b.columns).length - Object.keys(a.columns).length);
  return complete[0]?.kind ?? null;
}

function sheetPreview(sheet: Sheet): SheetPreview {
  const header = sheet.rows[0] ?? [];
  const suggestions = KINDS.map((kind) => ({ kind, columns: suggest(kind, header) }));
  const sample = sheet.rows.slice(1).filter((r) => r.some((c) => c.trim() !== "")).slice(0, 5);
  return { name: sheet.name, header, rows: Math.max(0, sheet.rows.length - 1), sample, kind: guessKind(sheet.name, suggestions), suggestions };
}

function guessDateFormat(sheets: SheetPreview[]): string | null {
  let separator: string | null = null;
  let monthFirst = false;
  for (const s of sheets) {
    const suggested = s.suggestions.find((x) => x.kind === s.kind);
    if (!suggested) continue;
    const columns = ["date", "dob"].map((f) => s.header.indexOf(suggested.columns[f] ?? "\u0000")).filter((i) => i >= 0);
    for (const cell of s.sample.flatMap((r) => columns.map((i) => r[i] ?? ""))) {
      const m = /^(\d{1,2})([/.])(\d{1,2})\2\d{4}$/.exec(cell.trim());
      if (!m) continue;
      separator = m[2];
      monthFirst ||= Number(m[1]) <= 12 && Number(m[3]) > 12;
    }
  }
  if (separator === null) return null;
  return monthFirst ? `%m${separator}%d${separator}%Y` : `%d${separator}%m${separator}%Y`;
}

export function previewOf(fileName: string, sheets: Sheet[]): ImportPreview {
  const previews = sheets.map(sheetPreview);
  const kinds: KindFields[] = KINDS.map((kind) => ({
    kind,
    fields: [...FIELDS[kind][0].map((name) => ({ name, required: true })), ...FIELDS[kind][1].map((name) => ({ name, required: false }))],
  }));
  return { file_name: fileName, sheets: previews, kinds, date_format: guessDateFormat(previews) };
}

/** A date as the file writes it under a chrono-style format (%d %m %Y, any separator), as ISO; else as written. */
export function normaliseDate(text: string, format: string | null): string {
  const value = text.trim();
  if (!format) return value;
  const order = [...format.matchAll(/%([dmY])/g)].map((m) => m[1]);
  const parts = value.split(/[/.-]/);
  if (order.length !== 3 || parts.length !== 3 || parts.some((p) => !/^\d+$/.test(p))) return value;
  const at = (k: string) => parts[order.indexOf(k)];
  const [y, m, d] = [at("Y"), at("m"), at("d")];
  if (y.length !== 4) return value;
  return `${y}-${m.padStart(2, "0")}-${d.padStart(2, "0")}`;
}
