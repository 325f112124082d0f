// The bonus grammar of a plan or tier, as the jeweller writes it on the leaflet and as the Rust
// domain's BonusRule::parse reads it: "none", "1 installment", "75% of installment", "5% of total",
// "₹500", "0.5 g", "75% of making up to 18%", "55% to 75% of installment from month 10 to 12".
// Shared by the plan form (to name a problem before sending) and the browser fake backend.

import { fromMilligrams, fromPaise, parseScaled, renderScaled } from "./money";

export type BonusRule =
  | { kind: "none" }
  | { kind: "installments"; count: number }
  | { kind: "percent_installment"; percent: string }
  | { kind: "percent_total"; percent: string }
  | { kind: "fixed"; amount: string }
  | { kind: "grams"; grams: string }
  | { kind: "making"; share: string; cap: string }
  | { kind: "sliding"; from: string; to: string; fromMonth: number; toMonth: number };

export const BONUS_WORDING =
  'must be "none", "N installments", "P% of installment", "P% of total", "₹A", "G g", "P% of making up to C%" or "P% to Q% of installment from month M to N"';

/** A problem with the text, worded like the Rust domain's field errors. */
export class BonusProblem extends Error {}

/** "75", "75%", "2.5 %" → "75", "2.5" (normalised, no sign); more than 0 and at most 1000. */
export function readPercent(text: string): string {
  const plain = text.trim().replace(/%$/, "").trim();
  const hundredths = /^\d+(\.\d{1,2})?$/.test(plain) ? parseScaled(plain, 2) : null;
  if (hundredths === null) throw new BonusProblem("percentage must be a number like 5 or 2.5");
  if (hundredths < 1n || hundredths > 100_000n) throw new BonusProblem("percentage must be more than 0 and at most 1000");
  return renderScaled(hundredths, 2).replace(/\.?0+$/, "");
}

function positive(text: string, scale: number): bigint {
  const units = /^\d*(\.\d*)?$/.test(text.trim()) ? parseScaled(text.trim(), scale) : null;
  if (units === null || units <= 0n) throw new BonusProblem(BONUS_WORDING);
  return units;
}

function month(text: string): number {
  const n = /^\d+$/.test(text.trim()) ? Number(text.trim()) : NaN;
  if (!(n >= 1 && n <= 60)) throw new BonusProblem("months of a sliding bonus must be from 1 to 60");
  return n;
}

function sliding(text: string): BonusRule | null {
  const m = /^(.+?) to (.+?) of installment from month (.+)$/.exec(text);
  if (!m) return null;
  const months = /^(.+?) to (.+)$/.exec(m[3]);
  if (!months) throw new BonusProblem(BONUS_WORDING);
  const [fromMonth, toMonth] = [month(months[1]), month(months[2])];
  if (toMonth <= fromMonth) throw new BonusProblem("a sliding bonus must end after the month it starts");
  return { kind: "sliding", from: readPercent(m[1]), to: readPercent(m[2]), fromMonth, toMonth };
}

function percentOfSomething(text: string): BonusRule | null {
  const at = text.indexOf("%");
  if (at < 0) return null;
  const pct = readPercent(text.slice(0, at));
  const ofWhat = text.slice(at + 1).trim();
  if (ofWhat.startsWith("of making up to ")) return { kind: "making", share: pct, cap: readPercent(ofWhat.slice("of making up to ".length)) };
  if (ofWhat === "of installment") return { kind: "percent_installment", percent: pct };
  if (ofWhat === "of total") {
    if ((parseScaled(pct, 2) ?? 0n) > 10_000n) throw new BonusProblem("a share of the total can be at most 100%");
    return { kind: "percent_total", percent: pct };
  }
  throw new BonusProblem(BONUS_WORDING);
}

/** Reads a bonus; throws BonusProblem naming what is wrong. Case and extra spaces are ignored. */
export function readBonus(input: string): BonusRule {
  const text = input.trim().split(/\s+/).join(" ").toLowerCase();
  if (text === "" || text === "none") return { kind: "none" };
  const fixed = text.startsWith("₹") ? text.slice(1) : text.startsWith("rs ") ? text.slice(3) : null;
  if (fixed !== null) return { kind: "fixed", amount: fromPaise(positive(fixed.replace(/,/g, ""), 2)) };
  if (text.endsWith(" g")) return { kind: "grams", grams: fromMilligrams(positive(text.slice(0, -2), 3)) };
  const rule = sliding(text) ?? percentOfSomething(text);
  if (rule) return rule;
  const count = /^(\d+) installments?$/.exec(text);
  if (!count) throw new BonusProblem(BONUS_WORDING);
  const n = Number(count[1]);
  if (n < 1 || n > 60) throw new BonusProblem("must be between 1 and 60 installments");
  return { kind: "installments", count: n };
}

/** The problem with a bonus text, or null when it reads. */
export function bonusProblem(text: string): string | null {
  try {
    readBonus(text);
    return null;
  } catch (e) {
    if (e instanceof BonusProblem) return e.message;
    throw e;
  }
}

/** The text a bonus is stored and shown as: "none", "2 installments", "5% of total", "₹500.00". */
export function canonicalBonus(bonus: BonusRule): string {
  switch (bonus.kind) {
    case "none":
      return "none";
    case "installments":
      return `${bonus.count} installment${bonus.count === 1 ? "" : "s"}`;
    case "percent_installment":
      return `${bonus.percent}% of installment`;
    case "percent_total":
      return `${bonus.percent}% of total`;
    case "fixed":
      return `₹${bonus.amount}`;
    case "grams":
      return `${bonus.grams} g`;
    case "making":
      return `${bonus.share}% of making up to ${bonus.cap}%`;
    case "sliding":
      return `${bonus.from}% to ${bonus.to}% of installment from month ${bonus.fromMonth} to ${bonus.toMonth}`;
  }
}
