// Input rules of the in-browser fake backend. They mirror the Rust domain's common cases (same field
// names, messages of the form "field: problem") so forms behave the same in a browser demo and in tests.

import { toPaise, fromPaise } from "../money";

export class FieldProblem extends Error {
  constructor(
    readonly field: string,
    problem: string,
  ) {
    super(`${field}: ${problem}`);
  }
}

const VERHOEFF_D = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
  [1, 2, 3, 4, 0, 6, 7, 8, 9, 5],
  [2, 3, 4, 0, 1, 7, 8, 9, 5, 6],
  [3, 4, 0, 1, 2, 8, 9, 5, 6, 7],
  [4, 0, 1, 2, 3, 9, 5, 6, 7, 8],
  [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
  [6, 5, 9, 8, 7, 1, 0, 4, 3, 2],
  [7, 6, 5, 9, 8, 2, 1, 0, 4, 3],
  [8, 7, 6, 5, 9, 3, 2, 1, 0, 4],
  [9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
];
const VERHOEFF_P = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
  [1, 5, 7, 6, 2, 8, 3, 0, 9, 4],
  [5, 8, 0, 3, 7, 9, 6, 1, 4, 2],
  [8, 9, 1, 6, 0, 4, 3, 5, 2, 7],
  [9, 4, 5, 3, 1, 2, 6, 8, 7, 0],
  [4, 2, 8, 6, 5, 7, 3, 9, 0, 1],
  [2, 7, 9, 3, 8, 0, 6, 4, 1, 5],
  [7, 0, 4, 6, 9, 1, 3, 2, 5, 8],
];

export function verhoeffValid(digits: string): boolean {
  let c = 0;
  const reversed = digits.split("").reverse();
  reversed.forEach((ch, i) => {
    c = VERHOEFF_D[c][VERHOEFF_P[i % 8][Number(ch)]];
  });
  return c === 0;
}

export function requiredText(field: string, value: string, max = 120): string {
  const trimmed = value.trim();
  if (!trimmed) throw new FieldProblem(field, "is required");
  if ([...trimmed].length > max) throw new FieldProblem(field, `is longer than ${max} characters`);
  return trimmed;
}

export function optionalText(value: string | null | undefined): string | null {
  const trimmed = (value ?? "").trim();
  return trimmed ? trimmed : null;
}

/** Indian mobile: 10 digits starting 6–9; spaces, dashes, +91 and a leading 0 are accepted. */
export function mobile(value: string): string {
  let digits = value.replace(/[\s-]/g, "");
  if (digits.startsWith("+91")) digits = digits.slice(3);
  else if (digits.length === 12 && digits.startsWith("91")) digits = digits.slice(2);
  else if (digits.length === 11 && digits.startsWith("0")) digits = digits.slice(1);
  if (!/^[6-9]\d{9}$/.test(digits)) throw new FieldProblem("phone", "enter a 10-digit mobile number starting with 6, 7, 8 or 9");
  return digits;
}

export function pan(value: string | null): string | null {
  const v = optionalText(value)?.toUpperCase() ?? null;
  if (v !== null && !/^[A-Z]{5}\d{4}[A-Z]$/.test(v)) throw new FieldProblem("pan", "a PAN looks like ABCDE1234F");
  return v;
}

/** Returns only the last four digits: the full number is never kept. */
export function aadhaarLast4(value: string | null): string | null {
  const v = optionalText(value)?.replace(/[\s-]/g, "") ?? null;
  if (v === null) return null;
  if (!/^[2-9]\d{11}$/.test(v)) throw new FieldProblem("aadhaar", "an Aadhaar number has 12 digits and does not start with 0 or 1");
  if (!verhoeffValid(v)) throw new FieldProblem("aadhaar", "this Aadhaar number fails its check digit; please re-check it");
  return v.slice(-4);
}

export function pinCode(value: string | null): string | null {
  const v = optionalText(value)?.replace(/\s/g, "") ?? null;
  if (v !== null && !/^[1-9]\d{5}$/.test(v)) throw new FieldProblem("pin_code", "a PIN code has 6 digits and does not start with 0");
  return v;
}

export function email(value: string | null): string | null {
  const v = optionalText(value);
  if (v !== null && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v)) throw new FieldProblem("email", "enter an email such as name@example.com");
  return v;
}

export function isoDate(field: string, value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) {
    throw new FieldProblem(field, "enter a date as YYYY-MM-DD");
  }
  return value;
}

/** A date as the Rust side reads it: "2026-03-31" or "31-03-2026"; returned as ISO. */
export function anyDate(field: string, value: string): string {
  const v = value.trim();
  const dayFirst = /^(\d{2})-(\d{2})-(\d{4})$/.exec(v);
  const iso = dayFirst ? `${dayFirst[3]}-${dayFirst[2]}-${dayFirst[1]}` : v;
  const time = /^\d{4}-\d{2}-\d{2}$/.test(iso) ? Date.parse(`${iso}T00:00:00Z`) : NaN;
  const valid = !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === iso;
  if (!v) throw new FieldProblem(field, "is required");
  if (!valid) throw new FieldProblem(field, "must be a date like 2026-03-31 or 31-03-2026");
  return iso;
}

export function dob(value: string | null, today: string): string | null {
  const v = optionalText(value);
  if (v === null) return null;
  isoDate("dob", v);
  if (v > today) throw new FieldProblem("dob", "the date of birth is in the future");
  return v;
}

export function gstin(value: string | null): string | null {
  const v = optionalText(value)?.toUpperCase() ?? null;
  if (v !== null && !/^\d{2}[A-Z]{5}\d{4}[A-Z][1-9A-Z]Z[0-9A-Z]$/.test(v)) {
    throw new FieldProblem("gstin", "a GSTIN has 15 characters, like 08ABCDE1234F1Z5");
  }
  return v;
}

export function branchCode(value: string): string {
  const v = value.trim().toUpperCase();
  if (!/^[A-Z0-9]{2,8}$/.test(v)) throw new FieldProblem("branch_code", "use 2 to 8 letters or digits, like MAIN");
  return v;
}

export function ownerPin(value: string): string {
  if (!/^\d{4,8}$/.test(value)) throw new FieldProblem("owner_pin", "the PIN has 4 to 8 digits");
  return value;
}

/** A positive amount, normalised to "5000.00". */
export function positiveMoney(field: string, value: string | null): string {
  const paise = value === null ? null : toPaise(value);
  if (paise === null) throw new FieldProblem(field, "enter an amount in rupees, like 5000");
  if (paise <= 0n) throw new FieldProblem(field, "must be more than zero");
  return fromPaise(paise);
}
