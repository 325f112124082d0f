// The fake backend's customers: KYC checks, codes by the shop's pattern, family links, search and the profile.

import type { CustomerEdit, CustomerInput, CustomerProfile, CustomerSummary, CustomerView, ShopView } from "./bindings";
import * as kyc from "./fake-kyc";
import { FieldProblem } from "./fake-kyc";
import { enrollmentView } from "./fake-enrollments";
import { sumMoney } from "../money";
import { renderCodePattern } from "../code-pattern";
import { type Commands, type FakeState, Refusal, requireShop, run, timestamp } from "./fake-state";

export function checkCustomer(s: FakeState, input: CustomerInput | CustomerEdit) {
  return {
    name: kyc.requiredText("name", input.name),
    phone: kyc.mobile(input.phone),
    pan: kyc.pan(input.pan),
    aadhaar_last4: kyc.aadhaarLast4(input.aadhaar),
    dob: kyc.dob(input.dob, s.clock.today()),
    address: kyc.optionalText(input.address),
    pin_code: kyc.pinCode(input.pin_code),
    email: kyc.email(input.email),
  };
}

export function checkFamily(s: FakeState, input: CustomerInput): { family_of: string | null; relation: string | null } {
  const familyOf = kyc.optionalText(input.family_of);
  if (familyOf === null) return { family_of: null, relation: null };
  const head = s.customers.get(familyOf);
  if (!head) throw new Refusal("not_found", `customer ${familyOf} was not found`, "family_of");
  if (head.family_of) throw new FieldProblem("family_of", `${familyOf} is itself a family member of ${head.family_of}; choose the main contact`);
  return { family_of: head.code, relation: kyc.optionalText(input.relation) ?? "family" };
}

function nextCustomerCode(s: FakeState, shop: ShopView): string {
  for (;;) {
    s.sequences.customer += 1;
    const code = renderCodePattern(shop.code_pattern, { branch: shop.branch_code, counter: "1", date: s.clock.today(), seq: s.sequences.customer });
    if (!s.customers.has(code)) return code;
  }
}

/** Registers a checked customer under the next code. */
export function storeCustomer(s: FakeState, fields: ReturnType<typeof checkCustomer>, family: ReturnType<typeof checkFamily>): CustomerView {
  const customer: CustomerView = { code: nextCustomerCode(s, requireShop(s)), ...fields, ...family, created_at: timestamp(s.clock.now()), form60_declared_on: null };
  s.customers.set(customer.code, customer);
  return customer;
}

function summary(s: FakeState, c: CustomerView): CustomerSummary {
  const active = [...s.enrollments.values()].filter((e) => e.customer === c.code && e.status === "active").length;
  return { code: c.code, name: c.name, phone: c.phone, family_of: c.family_of, active_enrollments: active };
}

export function customerOrRefuse(s: FakeState, code: string, field = "customer_code"): CustomerView {
  const c = s.customers.get(code.trim());
  if (!c) throw new Refusal("not_found", `customer ${code} was not found`, field);
  return c;
}

function editCustomer(s: FakeState, code: string, input: CustomerEdit): CustomerView {
  requireShop(s);
  const current = customerOrRefuse(s, code, "code");
  const fields = checkCustomer(s, input);
  const newCode = kyc.optionalText(input.code) ?? current.code;
  if (newCode !== current.code) {
    if (!/^[A-Za-z0-9/_-]{2,24}$/.test(newCode)) throw new FieldProblem("code", "use letters, digits, - / and _");
    if (s.customers.has(newCode)) throw new Refusal("conflict", `code ${newCode} is already used by another customer`, "code");
  }
  // An edit without an Aadhaar number keeps the stored last four digits.
  const updated: CustomerView = { ...current, ...fields, aadhaar_last4: fields.aadhaar_last4 ?? current.aadhaar_last4, code: newCode };
  s.customers.delete(current.code);
  s.customers.set(newCode, updated);
  if (newCode !== current.code) {
    for (const c of s.customers.values()) if (c.family_of === current.code) c.family_of = newCode;
    for (const e of s.enrollments.values()) if (e.customer === current.code) e.customer = newCode;
  }
  return updated;
}

function searchCustomers(s: FakeState, query: string, limit: number): CustomerSummary[] {
  requireShop(s);
  const q = query.trim().toLowerCase();
  const digits = q.replace(/\D/g, "");
  const all = [...s.customers.values()].reverse();
  const phoneLike = digits.length >= 3 && /^[\d\s+-]+$/.test(q);
  const found = q
    ? all.filter((c) => c.name.toLowerCase().includes(q) || (phoneLike && c.phone.includes(digits)) || c.code.toLowerCase().startsWith(q))
    : all;
  return found.slice(0, Math.max(0, limit)).map((c) => summary(s, c));
}

function customerProfile(s: FakeState, code: string): CustomerProfile {
  requireShop(s);
  const customer = customerOrRefuse(s, code, "code");
  const related = (c: CustomerView) =>
    c.code !== customer.code &&
    (c.family_of === customer.code || (customer.family_of !== null && (c.code === customer.family_of || c.family_of === customer.family_of)));
  const family = [...s.customers.values()].filter(related).map((c) => summary(s, c));
  const own = [...s.enrollments.values()].filter((e) => e.customer === customer.code).map((e) => enrollmentView(s, e)).reverse();
  const numbers = new Set(own.map((e) => e.enrollment_no));
  const paid = s.payments.filter((p) => numbers.has(p.enrollment_no)).reverse();
  return { customer, family, enrollments: own, payments: paid, outstanding: sumMoney(own.map((e) => e.outstanding)) };
}

export function customerCommands(
  s: FakeState,
): Pick<Commands, "addCustomer" | "editCustomer" | "searchCustomers" | "customerProfile" | "recordForm60"> {
  return {
    addCustomer: (input: CustomerInput) =>
      run(() => {
        requireShop(s);
        return storeCustomer(s, checkCustomer(s, input), checkFamily(s, input));
      }),
    editCustomer: (code: string, input: CustomerEdit) => run(() => editCustomer(s, code, input)),
    searchCustomers: (query: string, limit: number) => run(() => searchCustomers(s, query, limit)),
    customerProfile: (code: string) => run(() => customerProfile(s, code)),
    recordForm60: (code: string, date: string) =>
      run(() => {
        requireShop(s);
        const current = customerOrRefuse(s, code);
        const day = kyc.isoDate("date", date);
        if (day > s.clock.today()) throw new FieldProblem("date", "cannot be in the future");
        const updated: CustomerView = { ...current, form60_declared_on: day };
        s.customers.set(updated.code, updated);
        return updated;
      }),
  };
}
