// Display formats: Indian rupees with lakh/crore grouping, grams, and DD-MM-YYYY dates.
// All of it is string work on the backend's decimal strings; no floating point touches money.

import { parseScaled, renderScaled } from "./money";

/** Groups an integer digit string the Indian way: the last 3 digits, then groups of 2. */
export function groupIndian(digits: string): string {
  if (digits.length <= 3) return digits;
  const last3 = digits.slice(-3);
  let rest = digits.slice(0, -3);
  const groups: string[] = [];
  while (rest.length > 2) {
    groups.unshift(rest.slice(-2));
    rest = rest.slice(0, -2);
  }
  if (rest) groups.unshift(rest);
  return `${groups.join(",")},${last3}`;
}

/** "123456.5" → "₹1,23,456.50"; "-500" → "-₹500.00". Unparseable input is shown as given. */
export function formatInr(amount: string | null | undefined): string {
  if (amount === null || amount === undefined || amount === "") return "—";
  const paise = parseScaled(amount, 2);
  if (paise === null) return amount;
  const plain = renderScaled(paise, 2);
  const negative = plain.startsWith("-");
  const [whole, fraction] = (negative ? plain.slice(1) : plain).split(".");
  return `${negative ? "-" : ""}₹${groupIndian(whole)}.${fraction}`;
}

/** "0.909" → "0.909 g"; "1.5" → "1.500 g". */
export function formatGrams(grams: string | null | undefined): string {
  if (grams === null || grams === undefined || grams === "") return "—";
  const mg = parseScaled(grams, 3);
  if (mg === null) return `${grams} g`;
  const plain = renderScaled(mg, 3);
  const negative = plain.startsWith("-");
  const [whole, fraction] = (negative ? plain.slice(1) : plain).split(".");
  return `${negative ? "-" : ""}${groupIndian(whole)}.${fraction} g`;
}

/** "2026-11-23" → "23-11-2026". Also accepts an RFC3339 timestamp (its date part). */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return "—";
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!match) return iso;
  return `${match[3]}-${match[2]}-${match[1]}`;
}

/**
 * "2026-11-23T10:04:05.123+05:30" → "23-11-2026 10:04": a time written with its offset is shown as
 * that wall-clock time. The backend stamps events in UTC ("…Z"); those are shown in this computer's
 * own time zone, so a payment taken at 10:30 in the shop reads 10:30, not 05:00.
 */
export function formatTimestamp(rfc3339: string | null | undefined): string {
  if (!rfc3339) return "—";
  if (/Z$/i.test(rfc3339)) {
    const at = new Date(rfc3339);
    if (!Number.isNaN(at.getTime())) {
      const two = (n: number) => n.toString().padStart(2, "0");
      return `${two(at.getDate())}-${two(at.getMonth() + 1)}-${at.getFullYear()} ${two(at.getHours())}:${two(at.getMinutes())}`;
    }
  }
  const time = /T(\d{2}:\d{2})/.exec(rfc3339);
  return time ? `${formatDate(rfc3339)} ${time[1]}` : formatDate(rfc3339);
}

/** Today's local date as "YYYY-MM-DD". */
export function todayIso(now: Date = new Date()): string {
  const y = now.getFullYear().toString().padStart(4, "0");
  const m = (now.getMonth() + 1).toString().padStart(2, "0");
  const d = now.getDate().toString().padStart(2, "0");
  return `${y}-${m}-${d}`;
}

/** Aadhaar is only ever shown masked: "XXXX XXXX 1234". */
export function maskAadhaar(last4: string | null | undefined): string {
  return last4 ? `XXXX XXXX ${last4}` : "—";
}
