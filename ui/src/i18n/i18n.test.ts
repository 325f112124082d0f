import { afterEach, describe, expect, it } from "vitest";
import { en, hi, setLanguage, t, language } from "./index";

describe("i18n", () => {
  afterEach(() => setLanguage("en"));

  it("has a Hindi text for every English key, and no extra keys", () => {
    expect(Object.keys(hi).sort()).toEqual(Object.keys(en).sort());
    for (const [key, text] of Object.entries(hi)) expect(text.trim(), key).not.toBe("");
  });

  it("keeps the same {placeholders} in both languages", () => {
    const placeholders = (s: string) => (s.match(/\{\w+(?::\w+)?\}/g) ?? []).sort();
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(placeholders(hi[key]), key).toEqual(placeholders(en[key]));
    }
  });

  it("is really Hindi, not copied English", () => {
    expect(hi["nav.customers"]).toBe("ग्राहक");
    expect(hi["counter.plan"]).toBe("योजना");
    expect(hi["nav.rate"]).toBe("सोने का भाव");
    expect(hi["nav.payments"]).toBe("भुगतान");
    expect(hi["customerForm.create"]).toContain("सहेजें");
    expect(hi["plans.installment"]).toContain("किस्त");
    const devanagari = Object.values(hi).filter((s) => /[\u0900-\u097F]/.test(s)).length;
    expect(devanagari / Object.keys(hi).length).toBeGreaterThan(0.9);
  });

  it("switches language and fills placeholders", () => {
    expect(t("nav.customers")).toBe("Customers");
    setLanguage("hi");
    expect(language()).toBe("hi");
    expect(t("nav.customers")).toBe("ग्राहक");
    expect(t("payment.receipt", { receipt: "MAIN-R000001" })).toBe("रसीद MAIN-R000001");
    expect(document.documentElement.lang).toBe("hi");
    setLanguage("en");
    expect(t("payment.receipt", { receipt: "MAIN-R000001" })).toBe("Receipt MAIN-R000001");
  });

  it("leaves unknown {tokens} alone (the code-pattern hint shows them literally)", () => {
    expect(t("settings.codeTokens")).toBe("Tokens: {BRANCH} {COUNTER} {YYYY} {YY} {SEQ:n}");
  });

  it("uses the exact English control labels the end-to-end test looks for", () => {
    const labels = [
      ["setup.shopName", "Shop name"], ["setup.address", "Address"], ["setup.gstin", "GSTIN"], ["setup.branchCode", "Branch code"],
      ["setup.ownerName", "Owner name"], ["setup.ownerPin", "Owner PIN"], ["setup.confirmPin", "Confirm PIN"], ["setup.submit", "Start using Kanak"],
      ["customer.name", "Customer name"], ["customer.phone", "Phone"], ["customer.pan", "PAN"], ["customer.aadhaar", "Aadhaar"],
      ["customer.dob", "Date of birth"], ["customer.pinCode", "PIN code"], ["customer.email", "Email"], ["counter.plan", "Plan"],
      ["counter.amount", "Amount"], ["counter.mode", "Payment mode"], ["counter.reference", "Reference"],
      ["counter.submit", "Enroll and take payment"], ["counter.openProfile", "Open profile"],
      ["nav.counter", "Counter"], ["nav.customers", "Customers"], ["nav.payments", "Payments"], ["nav.plans", "Plans"],
      ["nav.enrollments", "Enrollments"], ["nav.rate", "Gold rate"], ["nav.settings", "Settings"],
      ["plans.name", "Plan name"], ["plans.code", "Plan code"], ["plans.kind", "Plan kind"], ["plans.installment", "Installment amount"],
      ["plans.min", "Minimum amount"], ["plans.max", "Maximum amount"], ["plans.count", "Number of installments"], ["plans.dueDay", "Due day"],
      ["plans.grace", "Grace days"], ["plans.purity", "Purity"], ["plans.bonus", "Bonus"], ["plans.terms", "Terms"], ["plans.submit", "Create plan"],
      ["payment.findCustomer", "Find customer"], ["payment.enrollment", "Enrollment"], ["payment.amount", "Amount"], ["payment.mode", "Payment mode"],
      ["payment.reference", "Reference"], ["payment.date", "Payment date"], ["payment.submit", "Record payment"],
      ["rate.date", "Rate date"], ["rate.purity", "Purity"], ["rate.perGram", "Rate per gram"], ["rate.submit", "Save rate"],
      ["profile.enrollments", "Enrollments"], ["profile.payments", "Payments"], ["profile.family", "Family"],
      // tests/e2e/closure.test.mjs
      ["setup.continue", "Continue"], ["rules.earliest", "Earliest after installments"], ["rules.deduction", "Deduction (% of paid)"],
      ["rules.settlement", "Early closure settled in"], ["close.open", "Close plan"], ["close.settlement", "Settlement"],
      ["close.sendCode", "Send code"], ["close.otp", "One-time code"], ["close.confirm", "Confirm closure"],
      ["closed.by", "Closed by {staff}"], ["close.testMode", "TEST MODE — console provider"],
      // tests/e2e/documents.test.mjs and export.test.mjs
      ["login.login", "Login"], ["login.pin", "PIN"], ["login.submit", "Log in"],
      ["documents.downloadLedger", "Download ledger"], ["documents.printLedger", "Print ledger"], ["documents.language", "Document language"],
      ["documents.saved", "Saved to {path}"], ["receipt.thermalFor", "Thermal receipt {receipt} (80 mm)"], ["receipt.printFor", "Print receipt {receipt}"],
      ["receipt.printed", "Receipt {receipt} opened for printing"], ["nav.export", "Export ledgers"], ["export.start", "Export"],
      ["export.combined", "One combined PDF"], ["export.cancel", "Cancel export"], ["export.count", "Enrollments that match: {count}"],
      ["export.done", "Ledgers exported: {written}, to {where}"], ["export.cancelled", "Export cancelled: ledgers written {written} of {total}"],
    ] as const;
    for (const [key, label] of labels) expect(en[key], key).toBe(label);
  });
});
