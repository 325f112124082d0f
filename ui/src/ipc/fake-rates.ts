// The fake backend's gold-rate sources and compliance guards: a small model of crates/app's rate.rs,
// rate_sheet.rs and compliance.rs (and crates/domain's compliance.rs), enough for the UI and its tests.

import type { GoldRateInput, GoldRateView, PaymentMode, RateImportView, RateSource, SettingsInput, ShopView } from "./bindings";
import { FieldProblem } from "./fake-kyc";
import * as kyc from "./fake-kyc";
import { compareMoney, fromPaise, sumMoney, toPaise } from "../money";
import { formatInr } from "../format";
import { PURITIES } from "./fake-plans";
import { type Commands, type FakeState, Refusal, requireShop, run, timestamp } from "./fake-state";

export const DEFAULT_LIMIT = "200000.00";

/** A problem on one line of a rate sheet: "line 3: per_gram: …", still naming the field. */
class LineProblem extends FieldProblem {
  constructor(line: number, problem: FieldProblem) {
    super(problem.field, "");
    this.message = `line ${line}: ${problem.message}`;
  }
}

const FINENESS: Record<string, bigint> = { "24K": 999n, "22K": 916n, "18K": 750n };

/** The settings as they stand, for a form or demo that changes a few. */
export function settingsOf(s: ShopView): SettingsInput {
  const { shop_name, address, gstin, code_pattern, language, derive_rates, rate_feed_url, cash_limit_per_day, pan_required_above, print_receipt_after_payment } = s;
  return { shop_name, address, gstin, code_pattern, language, derive_rates, rate_feed_url, cash_limit_per_day, pan_required_above, print_receipt_after_payment };
}

/** rate × to ÷ 999 rounded half up to the paisa, as crates/domain's RatePerGram::at_purity. */
export function derivedRate(rate24k: string, purity: "22K" | "18K"): string {
  const paise = (toPaise(rate24k) ?? 0n) * FINENESS[purity];
  return fromPaise((paise * 2n + 999n) / (999n * 2n));
}

export type NewRate = { date: string; purity: string; per_gram: string };

/** Stores rates like the Rust store_rates: one rate per day and purity in force; derived ones only fill in. */
export function storeRates(rates: GoldRateView[], shop: ShopView, incoming: NewRate[], source: RateSource, at: string): GoldRateView[] {
  const stored: GoldRateView[] = [];
  const put = (r: NewRate, s: RateSource) => {
    const view: GoldRateView = { ...r, source: s, entered_by: "owner", entered_at: at };
    const existing = rates.findIndex((x) => x.date === r.date && x.purity === r.purity);
    if (existing >= 0) rates.splice(existing, 1);
    rates.push(view);
    stored.push(view);
  };
  for (const r of incoming) put(r, source);
  for (const r of incoming.filter((x) => shop.derive_rates && x.purity === "24K")) {
    for (const purity of ["22K", "18K"] as const) {
      const entered = rates.find((x) => x.date === r.date && x.purity === purity && x.source !== "derived");
      if (!entered) put({ date: r.date, purity, per_gram: derivedRate(r.per_gram, purity) }, "derived");
    }
  }
  rates.sort((a, b) => (a.date === b.date ? a.purity.localeCompare(b.purity) : b.date.localeCompare(a.date)));
  return stored;
}

/** A rate sheet "date,purity,per_gram"; a bad line refuses the whole sheet, naming the line. */
export function parseRateSheet(text: string, today: string, purities: readonly string[]): NewRate[] {
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/).map((l, i) => ({ no: i + 1, text: l })).filter((l) => l.text.trim() !== "");
  const header = lines.shift();
  if (!header) throw new FieldProblem("file", "is empty; expected the header date,purity,per_gram");
  if (header.text.split(",").map((h) => h.trim().toLowerCase()).join(",") !== "date,purity,per_gram") {
    throw new LineProblem(header.no, new FieldProblem("header", "must be date,purity,per_gram"));
  }
  if (lines.length === 0) throw new FieldProblem("file", "has no rates below its header");
  return lines.map(({ no, text }) => {
    const at = (e: unknown) => (e instanceof FieldProblem ? new LineProblem(no, e) : e);
    try {
      const [date, purity, perGram, ...rest] = text.split(",").map((f) => f.trim().replace(/^"|"$/g, ""));
      if (perGram === undefined || rest.length > 0) throw new FieldProblem("row", "expected date,purity,per_gram");
      const day = kyc.isoDate("date", dayFirstToIso(date));
      if (day > today) throw new FieldProblem("date", "cannot be in the future");
      const p = purity.toUpperCase();
      if (!purities.includes(p)) throw new FieldProblem("purity", `must be one of ${purities.join(", ")}`);
      return { date: day, purity: p, per_gram: kyc.positiveMoney("per_gram", perGram) };
    } catch (e) {
      throw at(e);
    }
  });
}

function dayFirstToIso(text: string): string {
  const m = /^(\d{2})-(\d{2})-(\d{4})$/.exec(text);
  return m ? `${m[3]}-${m[2]}-${m[1]}` : text;
}

/** An http(s) address or nothing, as crates/app's parse_feed_url. */
export function feedUrl(value: string | null): string | null {
  const text = (value ?? "").trim();
  if (text === "") return null;
  if (!/^https?:\/\/[^\s/?#]+(\/\S*)?$/i.test(text)) {
    throw new FieldProblem("rate_feed_url", "must be an http:// or https:// address like https://rates.example.in/today.csv");
  }
  return text;
}

/** s.269ST (cash totalling the limit or more in a day) and PAN or Form 60 over the PAN limit. */
export function checkCompliance(shop: ShopView, mode: PaymentMode, amount: string, cashToday: string[], panOrForm60: boolean): void {
  const already = sumMoney(cashToday);
  if (mode === "cash" && compareMoney(sumMoney([already, amount]), shop.cash_limit_per_day) >= 0) {
    const taken = compareMoney(already, "0") > 0 ? `: ${formatInr(already)} already received today` : "";
    throw new FieldProblem(
      "amount",
      `cash of ${formatInr(shop.cash_limit_per_day)} or more from one person in a day is not allowed (Income-tax Act s.269ST)${taken}`,
    );
  }
  if (compareMoney(amount, shop.pan_required_above) > 0 && !panOrForm60) {
    throw new FieldProblem("pan", `is required for a payment over ${formatInr(shop.pan_required_above)} (or record a Form 60 declaration)`);
  }
}

export function rateCommands(s: FakeState): Pick<Commands, "setGoldRate" | "goldRates" | "importGoldRates" | "fetchGoldRates"> {
  return {
    setGoldRate: (input: GoldRateInput) =>
      run(() => {
        const shop = requireShop(s);
        const date = kyc.isoDate("date", input.date);
        if (date > s.clock.today()) throw new FieldProblem("date", "a rate cannot be set for a future day");
        const purity = input.purity.trim().toUpperCase();
        if (!PURITIES.includes(purity)) throw new FieldProblem("purity", `choose one of ${PURITIES.join(", ")}`);
        const perGram = kyc.positiveMoney("per_gram", input.per_gram);
        const [view] = storeRates(s.rates, shop, [{ date, purity, per_gram: perGram }], "manual", timestamp(s.clock.now()));
        return view;
      }),

    goldRates: (date: string | null) =>
      run(() => {
        requireShop(s);
        return date ? s.rates.filter((r) => r.date === date) : s.rates.slice(0, 30);
      }),

    importGoldRates: (csv: string) =>
      run((): RateImportView => {
        const shop = requireShop(s);
        const sheet = parseRateSheet(csv, s.clock.today(), PURITIES);
        const stored = storeRates(s.rates, shop, sheet, "csv", timestamp(s.clock.now()));
        return { source: "csv", imported: sheet.length, derived: stored.length - sheet.length, rates: stored };
      }),

    // The browser has no feed to read: say so the way the real backend reports an unreachable one.
    fetchGoldRates: () =>
      run((): RateImportView => {
        const url = requireShop(s).rate_feed_url;
        if (!url) throw new FieldProblem("rate_feed_url", "is not set; add the shop's rate feed address in settings");
        throw new Refusal("feed_unavailable", `the rate feed ${url} could not be reached (the browser demo has no network); nothing was imported`, "rate_feed_url");
      }),
  };
}
