import { beforeEach, describe, expect, it } from "vitest";
import type { IpcError, ShopView } from "./bindings";
import type { Result } from "./result";
import { createFakeBackend, type Commands } from "./fake";
import { derivedRate, settingsOf } from "./fake-rates";
import { uuidv7 } from "./uuid";

const clock = { today: () => "2026-11-23", now: () => new Date("2026-11-23T11:00:00+05:30") };

async function ok<T>(pending: Promise<Result<T, IpcError>>): Promise<T> {
  const r = await pending;
  if (r.status === "error") throw new Error(`expected ok, got ${JSON.stringify(r.error)}`);
  return r.data;
}

async function refused<T>(pending: Promise<Result<T, IpcError>>): Promise<IpcError> {
  const r = await pending;
  if (r.status === "ok") throw new Error(`expected a refusal, got ${JSON.stringify(r.data)}`);
  return r.error;
}

let fake: Commands;
let shop: ShopView;

beforeEach(async () => {
  fake = createFakeBackend(clock);
  shop = (await ok(fake.setupShop({ shop_name: "Lakshmi Jewellers", address: "", gstin: null, branch_code: "MAIN", owner_name: "Ravi Soni", owner_pin: "4321" }))).shop;
});

describe("the fake backend's rates", () => {
  it("derives 22K and 18K like the Rust domain, half a paisa up", () => {
    expect([derivedRate("7800", "22K"), derivedRate("7800", "18K"), derivedRate("9990", "22K")]).toEqual(["7151.95", "5855.86", "9160.00"]);
  });

  it("fills in derived karats only where no rate was entered that day", async () => {
    await ok(fake.updateSettings({ ...settingsOf(shop), derive_rates: true }));
    await ok(fake.setGoldRate({ date: "2026-11-23", purity: "22K", per_gram: "7100" }));
    await ok(fake.setGoldRate({ date: "2026-11-23", purity: "24K", per_gram: "7800" }));
    const rates = await ok(fake.goldRates("2026-11-23"));
    expect(rates.map((r) => [r.purity, r.per_gram, r.source])).toEqual([
      ["18K", "5855.86", "derived"], ["22K", "7100.00", "manual"], ["24K", "7800.00", "manual"],
    ]);
  });

  it("imports a CSV sheet whole, or refuses it naming the line and field", async () => {
    const result = await ok(fake.importGoldRates("date,purity,per_gram\n23-11-2026,24K,7800\n2026-11-22,22K,7100\n"));
    expect([result.imported, result.derived, result.source]).toEqual([2, 0, "csv"]);
    const error = await refused(fake.importGoldRates("date,purity,per_gram\n23-11-2026,24K,7800\n23-11-2026,22K,abc\n"));
    expect([error.field, error.message.startsWith("line 3: per_gram: ")]).toEqual(["per_gram", true]);
  });

  it("validates the feed address and the limits in settings", async () => {
    expect((await refused(fake.updateSettings({ ...settingsOf(shop), rate_feed_url: "ftp://x/y" }))).field).toBe("rate_feed_url");
    expect((await refused(fake.updateSettings({ ...settingsOf(shop), cash_limit_per_day: "0" }))).field).toBe("cash_limit_per_day");
    expect((await refused(fake.fetchGoldRates())).field).toBe("rate_feed_url");
  });
});

describe("the fake backend's compliance guards", () => {
  async function enrolled(): Promise<{ no: string; code: string }> {
    await ok(fake.createPlan({ code: "FLEXI", name: "Flexi", kind: "flexible", installment: null, min_amount: "1000", max_amount: "300000", installments: 12, due_day: null, grace_days: 7, purity: null, bonus: "none", terms: "", rules: null }));
    const customer = await ok(fake.addCustomer({ name: "Asha", phone: "9876543210", pan: null, aadhaar: null, dob: null, address: null, pin_code: null, email: null, family_of: null, relation: null }));
    const e = await ok(fake.enroll({ customer_code: customer.code, plan_code: "FLEXI", date: null, installments: null }));
    return { no: e.enrollment_no, code: customer.code };
  }

  const pay = (no: string, amount: string, mode: "cash" | "upi" = "cash") =>
    fake.recordPayment({ id: uuidv7(), enrollment_no: no, amount, mode, reference: mode === "cash" ? null : "REF", date: null, confirm_duplicate: false });

  it("refuses cash totalling ₹2,00,000 in a day from one person (s.269ST)", async () => {
    const { no } = await enrolled();
    await ok(pay(no, "150000"));
    const error = await refused(pay(no, "50000"));
    expect(error.message).toContain("(Income-tax Act s.269ST): ₹1,50,000.00 already received today");
    await ok(pay(no, "49999.99"));
  });

  it("needs PAN or a Form 60 over ₹2,00,000", async () => {
    const { no, code } = await enrolled();
    expect((await refused(pay(no, "250000", "upi"))).field).toBe("pan");
    const customer = await ok(fake.recordForm60(code, "2026-11-20"));
    expect(customer.form60_declared_on).toBe("2026-11-20");
    await ok(pay(no, "250000", "upi"));
  });
});
