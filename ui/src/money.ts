// Money and weight as exact decimals: parsed from strings into integer paise / milligrams (BigInt),
// never into floating point. The backend speaks "5000.00" (2 places) and "0.909" (3 places).

const DECIMAL = /^([+-])?(\d*)(?:\.(\d*))?$/;

/** Parses a decimal string into an integer count of 10^-scale units, rounding half away from zero. */
export function parseScaled(input: string, scale: number): bigint | null {
  const cleaned = input.replace(/[₹,\s]/g, "").replace(/^Rs\.?/i, "");
  const match = DECIMAL.exec(cleaned);
  if (!match) return null;
  const [, sign, whole = "", fraction = ""] = match;
  if (whole === "" && fraction === "") return null;
  const kept = (fraction + "0".repeat(scale)).slice(0, scale);
  let units = BigInt((whole || "0") + kept);
  const next = fraction.charAt(scale);
  if (next !== "" && next >= "5") units += 1n;
  return sign === "-" ? -units : units;
}

/** Renders an integer count of 10^-scale units as a plain decimal string. */
export function renderScaled(units: bigint, scale: number): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(scale + 1, "0");
  const whole = digits.slice(0, digits.length - scale);
  const fraction = digits.slice(digits.length - scale);
  return `${negative ? "-" : ""}${whole}${scale > 0 ? "." + fraction : ""}`;
}

export const toPaise = (amount: string): bigint | null => parseScaled(amount, 2);
export const fromPaise = (paise: bigint): string => renderScaled(paise, 2);
export const toMilligrams = (grams: string): bigint | null => parseScaled(grams, 3);
export const fromMilligrams = (mg: bigint): string => renderScaled(mg, 3);

/** "5,000" or "5000.5" → "5000.00"; anything unparseable is passed through for the backend to refuse. */
export function normaliseAmount(input: string): string {
  const paise = toPaise(input.trim());
  return paise === null ? input.trim() : fromPaise(paise);
}

/** Sum of money strings, as a money string. */
export function sumMoney(amounts: readonly string[]): string {
  return fromPaise(amounts.reduce((total, a) => total + (toPaise(a) ?? 0n), 0n));
}

/** a − b, as a money string. */
export function subtractMoney(a: string, b: string): string {
  return fromPaise((toPaise(a) ?? 0n) - (toPaise(b) ?? 0n));
}

/** Negative, zero or positive as a < b, a = b, a > b. */
export function compareMoney(a: string, b: string): number {
  const diff = (toPaise(a) ?? 0n) - (toPaise(b) ?? 0n);
  return diff < 0n ? -1 : diff > 0n ? 1 : 0;
}

/** amount × count, as a money string. */
export function multiplyMoney(amount: string, count: number): string {
  return fromPaise((toPaise(amount) ?? 0n) * BigInt(count));
}

/** percent% of amount (percent may itself be a decimal such as "2.5"), rounded half up to the paisa. */
export function percentOf(amount: string, percent: string): string {
  const paise = toPaise(amount) ?? 0n;
  const hundredths = parseScaled(percent, 2) ?? 0n; // percent × 100
  return fromPaise(divideRounded(paise * hundredths, 10000n));
}

/** Grams bought by `amount` at `perGram`, to the milligram (rounded half up). */
export function gramsFor(amount: string, perGram: string): string {
  const paise = toPaise(amount) ?? 0n;
  const rate = toPaise(perGram) ?? 0n;
  if (rate <= 0n) return "0.000";
  return fromMilligrams(divideRounded(paise * 1000n, rate));
}

/** Average ₹ per gram over total money and total grams. */
export function averageRate(totalAmount: string, totalGrams: string): string | null {
  const paise = toPaise(totalAmount) ?? 0n;
  const mg = toMilligrams(totalGrams) ?? 0n;
  if (mg <= 0n) return null;
  return fromPaise(divideRounded(paise * 1000n, mg));
}

function divideRounded(numerator: bigint, denominator: bigint): bigint {
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const q = (n * 2n + d) / (2n * d);
  return negative ? -q : q;
}
