// A sample shop for the in-browser fake backend (open the dev server with "?demo"): plans of every
// kind, a family, a Hindi name, weight-plan payments priced at past rates, and one overdue enrollment.

import type { DemoShop, IpcError, Language } from "./bindings";
import type { Result } from "./result";
import type { Commands } from "./fake";
import { addMonths } from "./fake-plan";
import { type FakeState, Refusal, run } from "./fake-state";
import { settingsOf } from "./fake-rates";
import { uuidv7 } from "./uuid";
import { todayIso } from "../format";

async function ok<T>(pending: Promise<Result<T, IpcError>>): Promise<T> {
  const result = await pending;
  if (result.status === "error") throw new Error(`demo seed: ${result.error.message}`);
  return result.data;
}

export async function seedDemoShop(fake: Commands, language: Language = "en", today: string = todayIso()): Promise<void> {
  const { shop } = await ok(fake.setupShop({ shop_name: "Lakshmi Jewellers", address: "12 Johari Bazaar, Jaipur 302003", gstin: "08ABCDE1234F1Z5", branch_code: "MAIN", owner_name: "Ravi Soni", owner_pin: "4321" }));

  const plan = (code: string, name: string, rest: Partial<Parameters<Commands["createPlan"]>[0]>) =>
    ok(fake.createPlan({ code, name, kind: "amount", installment: null, min_amount: null, max_amount: null, installments: 11, due_day: null, grace_days: 7, purity: null, bonus: "none", terms: "", rules: null, ...rest }));
  await plan("SWARNA11", "Swarna 11", { installment: "5000.00", bonus: "1 installment", terms: "Redeem against jewellery after the 11th installment. Making charges extra.", rules: null });
  await plan("DHAN12", "Dhan Varsha", { installment: "2000.00", installments: 12, due_day: 10, bonus: "50% of installment" });
  await plan("GOLDGRAM", "Gold Gram Saver", { kind: "weight", installment: "3000.00", purity: "22K", terms: "Each installment buys 22K gold at the day's rate." });
  await plan("SUVARNA", "Suvarna Flexi", { kind: "flexible", min_amount: "1000.00", max_amount: "25000.00", installments: 12, bonus: "5% of total" });
  await plan("VRIDDHI", "Swarna Vriddhi", {
    installment: "3000.00",
    bonus: "75% of installment",
    terms: "Pick 6, 11 or 18 months. Late installments reduce the bonus pro rata.",
    rules: {
      tiers: [{ installments: 6, bonus: "30% of installment" }, { installments: 11, bonus: "75% of installment" }, { installments: 18, bonus: "150% of installment" }],
      gifts: [{ after_installments: 3, item: "Silver coin", value: "500.00" }],
      lateness: { pro_rata_bonus: true },
      max_pause_months: 2,
      changes_allowed: true,
      closure: { earliest_installments: 3, benefit: "lower_tier", settlement: "jewellery_only", deductions: [{ kind: "gifts_given" }] },
      redemption_window_days: 60,
    },
  });

  const rate = (date: string, purity: string, per_gram: string) => ok(fake.setGoldRate({ date, purity, per_gram }));
  const months = [-3, -2, -1];
  for (const [i, m] of months.entries()) {
    await rate(addMonths(today, m), "22K", ["6985.00", "7040.00", "7115.00"][i]);
    await rate(addMonths(today, m), "24K", ["7620.00", "7680.00", "7760.00"][i]);
  }
  await rate(today, "24K", "7845.00");
  await rate(today, "22K", "7190.00");
  await rate(today, "18K", "5885.00");

  const person = (name: string, phone: string, extra: Partial<Parameters<Commands["addCustomer"]>[0]> = {}) =>
    ok(fake.addCustomer({ name, phone, pan: null, aadhaar: null, dob: null, address: null, pin_code: null, email: null, family_of: null, relation: null, ...extra }));
  const asha = await person("Asha Verma", "9876543210", { pan: "ABCDE1234F", aadhaar: "234123412346", dob: "1984-06-12", address: "45 Tripolia Bazaar, Jaipur", pin_code: "302002", email: "asha.verma@example.com" });
  await person("Rohan Verma", "9876543219", { family_of: asha.code, relation: "son" });
  const lakshmi = await person("श्रीमती लक्ष्मी देवी", "9812345678", { address: "Chandpole, Jaipur", pin_code: "302001" });
  const vikram = await person("Vikram Rao", "9123400000");
  const meera = await person("Meera Iyer", "9988776655", { email: "meera@example.com" });

  const enrollAndPay = async (customer: string, planCode: string, startMonthsAgo: number, amounts: string[], installments: number | null = null) => {
    const start = addMonths(today, -startMonthsAgo);
    const e = await ok(fake.enroll({ customer_code: customer, plan_code: planCode, date: start, installments }));
    for (const [i, amount] of amounts.entries()) {
      const date = addMonths(start, i);
      await ok(fake.recordPayment({ id: uuidv7(), enrollment_no: e.enrollment_no, amount, mode: i % 2 ? "upi" : "cash", reference: i % 2 ? `UPI${412000 + i}` : null, date, confirm_duplicate: true }));
    }
  };
  await enrollAndPay(asha.code, "SWARNA11", 3, ["5000.00", "5000.00", "5000.00", "5000.00"]);
  await enrollAndPay(lakshmi.code, "GOLDGRAM", 3, ["3000.00", "3000.00", "3000.00", "3000.00"]);
  await enrollAndPay(meera.code, "DHAN12", 3, ["2000.00"]);
  await enrollAndPay(vikram.code, "SUVARNA", 1, ["10000.00", "2500.00"]);
  await enrollAndPay(meera.code, "VRIDDHI", 3, ["3000.00", "3000.00", "3000.00"], 18);
  if (language !== shop.language) {
    await ok(fake.updateSettings({ ...settingsOf(shop), language }));
  }
}

/** "Try with demo data" on the first-run screen: the sample shop above, a cashier, and nobody logged in. */
export async function startDemoShop(s: FakeState, fake: Commands): Promise<Result<DemoShop, IpcError>> {
  if (s.shop) return run(() => { throw new Refusal("already_set_up", "the shop is already set up"); });
  await seedDemoShop(fake);
  await ok(fake.addStaff({ name: "Asha Cashier", login: "cashier", role: "cashier", pin: "2468" }));
  await ok(fake.logout());
  const payments = s.payments.length;
  return run((): DemoShop => ({
    summary: {
      customers: s.customers.size, family_members: [...s.customers.values()].filter((c) => c.family_of).length, enrollments: s.enrollments.size, payments,
      refused_payments: 0, cheques_cleared: 0, cheques_bounced: 0, refunds: 0, closures: 0, rate_days: new Set(s.rates.map((r) => r.date)).size, first_day: s.rates[0]?.date ?? s.clock.today(),
    },
    owner_login: "owner", owner_pin: "4321", cashier_login: "cashier", cashier_pin: "2468",
  }));
}
