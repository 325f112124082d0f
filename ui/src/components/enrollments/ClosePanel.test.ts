import { beforeEach, describe, expect, it } from "vitest";
import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import EnrollmentDetail from "./EnrollmentDetail.svelte";
import { uuidv7, useFakeBackend, type IpcError, type PlanRules, type Result, type Role } from "../../ipc";
import { createFakeBackend, type Commands } from "../../ipc/fake";
import { session } from "../../session.svelte";

let fake: Commands;

async function ok<T>(pending: Promise<Result<T, IpcError>>): Promise<T> {
  const r = await pending;
  if (r.status === "error") throw new Error(JSON.stringify(r.error));
  return r.data;
}

const byLabel = (label: string) => {
  const found = document.querySelectorAll<HTMLElement>(`[aria-label="${label}"]`);
  if (found.length !== 1) throw new Error(`${found.length} controls labelled ${label}`);
  return found[0];
};
const byLabelSoon = (label: string) => waitFor(() => byLabel(label));
async function type(label: string, text: string) {
  await fireEvent.input(await byLabelSoon(label), { target: { value: text } });
}

beforeEach(async () => {
  fake = createFakeBackend();
  useFakeBackend(fake);
  await ok(fake.setupShop({ shop_name: "Lakshmi Jewellers", address: "Jaipur", gstin: null, branch_code: "MAIN", owner_name: "Ravi", owner_pin: "4321" }));
  await ok(fake.addStaff({ name: "Kiran", login: "kiran", role: "manager", pin: "1111" }));
  await ok(fake.addStaff({ name: "Meena", login: "meena", role: "cashier", pin: "2222" }));
});

/** Logs `login` in on the fake and mirrors it in the session store, as the login screen does. */
async function as(login: string, pin: string, role: Role) {
  await ok(fake.login(login, pin));
  session.user = { login, role };
  session.checked = true;
}

/** A plan closable from the first installment, enrolled at the counter with it paid. */
async function enrolled(rules: PlanRules = { closure: { earliest_installments: 1, deductions: [{ kind: "percent_of_paid", percent: "2" }] } }): Promise<string> {
  await ok(fake.createPlan({ code: "SWARNA11", name: "Swarna 11", kind: "amount", installment: "5000", min_amount: null, max_amount: null, installments: 11, due_day: null, grace_days: 7, purity: null, bonus: "1 installment", terms: "", rules }));
  const r = await ok(
    fake.counterEnroll({
      customer: { name: "Asha Verma", phone: "9876543210", pan: null, aadhaar: null, dob: null, address: null, pin_code: null, email: null, family_of: null, relation: null },
      plan_code: "SWARNA11", installments: null, payment_id: uuidv7(), amount: "5000", mode: "cash", reference: null,
    }),
  );
  return r.enrollment.enrollment_no;
}

describe("closing a plan", () => {
  it("a_cashier_does_not_see_the_close_plan_panel", async () => {
    const no = await enrolled();
    await as("meena", "2222", "cashier");
    render(EnrollmentDetail, { no });
    await screen.findByRole("heading", { name: `Enrollment ${no}`, level: 1 });
    expect(screen.getByRole("button", { name: "Take payment" })).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Close plan" })).toBeNull();
    expect(screen.queryByTestId("close-panel")).toBeNull();
  });

  it("a_manager_closes_with_the_code_shown_under_the_test_mode_banner", async () => {
    const no = await enrolled();
    await as("kiran", "1111", "manager");
    render(EnrollmentDetail, { no });
    await fireEvent.click(await byLabelSoon("Close plan"));
    const quote = await screen.findByTestId("close-quote");
    expect(quote.textContent).toContain("2% of the amount paid");
    expect(quote.textContent).toContain("₹4,900.00");
    expect(screen.getByRole("heading", { name: "Premature closure" })).toBeTruthy();
    const settlement = byLabel("Settlement") as HTMLSelectElement;
    expect([...settlement.options].map((o) => o.value)).toEqual(["cash", "jewellery"]);
    expect(settlement.value).toBe("cash");
    await fireEvent.click(byLabel("Send code"));
    const banner = await screen.findByTestId("otp-test-mode");
    expect(banner.textContent).toContain("TEST MODE — console provider");
    const code = screen.getByTestId("otp-test-code").textContent!;
    expect(code).toMatch(/^\d{6}$/);
    expect(screen.getByTestId("otp-message").textContent).toContain("******3210");
    expect(byLabel("Send again")).toBeTruthy();
    await type("One-time code", code === "000000" ? "111111" : "000000");
    await fireEvent.click(byLabel("Confirm closure"));
    await waitFor(() => expect(document.getElementById("close-otp-error")?.textContent).toBe("wrong code; 4 tries left"));
    await type("One-time code", code);
    await fireEvent.click(byLabel("Confirm closure"));
    const closed = await screen.findByTestId("closure-summary");
    expect(screen.getByTestId("closed-by").textContent).toBe("Closed by kiran");
    expect(closed.textContent).toContain("Premature closure");
    expect(closed.textContent).toContain("Confirmed with the customer's one-time code");
    expect(closed.textContent).toContain("₹4,900.00");
    expect(screen.queryByRole("button", { name: "Take payment" })).toBeNull();
    expect(screen.queryByTestId("close-panel")).toBeNull();
    expect(screen.queryByTestId("closure-quote")).toBeNull();
  });

  it("an_awaiting_code_offers_send_again_and_the_owner_override_is_marked_with_its_reason", async () => {
    const no = await enrolled();
    const settings = (await ok(fake.otpSettings())).settings;
    await ok(fake.updateOtpSettings({ ...settings, primary: "msg91" }));
    await as("kiran", "1111", "manager");
    render(EnrollmentDetail, { no });
    await fireEvent.click(await byLabelSoon("Close plan"));
    await fireEvent.click(await byLabelSoon("Send code"));
    const awaiting = await screen.findByTestId("otp-awaiting");
    expect(awaiting.textContent).toContain("The closure is awaiting a code");
    expect(awaiting.textContent).toContain("msg91: no API key is set");
    expect(byLabel("Send again")).toBeTruthy();
    expect(screen.queryByLabelText("One-time code")).toBeNull();
    expect(screen.getByTestId("override-form")).toBeTruthy();
    expect((byLabel("Owner login") as HTMLInputElement).value).toBe("owner");
    await type("Owner's PIN", "4321");
    await type("Reason for override", "short");
    await fireEvent.click(byLabel("Close with override"));
    await waitFor(() => expect(document.getElementById("override-reason-error")?.textContent).toContain("at least 10 characters"));
    expect((byLabel("Owner's PIN") as HTMLInputElement).value).toBe("");
    await type("Owner's PIN", "4321");
    await type("Reason for override", "No mobile network in the market today");
    await fireEvent.click(byLabel("Close with override"));
    await screen.findByTestId("closure-summary");
    expect(screen.getByTestId("closed-by").textContent).toBe("Closed by owner");
    expect(screen.getByTestId("override-reason").textContent).toContain("OWNER OVERRIDE");
    expect(screen.getByTestId("override-reason").textContent).toContain("Reason: No mobile network in the market today");
  });

  it("a_plan_not_closable_yet_shows_why_and_offers_no_code", async () => {
    const no = await enrolled({ closure: { earliest_installments: 3, settlement: "jewellery_only" } });
    await as("owner", "4321", "owner");
    render(EnrollmentDetail, { no });
    await fireEvent.click(await byLabelSoon("Close plan"));
    await waitFor(() => expect(screen.getByRole("status").textContent).toContain("a premature closure needs at least 3 installments paid"));
    expect(screen.queryByRole("button", { name: "Send code" })).toBeNull();
  });

  it("a_jewellery_settlement_records_the_invoice_and_the_balance", async () => {
    const no = await enrolled({ closure: { earliest_installments: 1, settlement: "jewellery_only" } });
    await as("owner", "4321", "owner");
    render(EnrollmentDetail, { no });
    await fireEvent.click(await byLabelSoon("Close plan"));
    await waitFor(() => expect((byLabel("Settlement") as HTMLSelectElement).value).toBe("jewellery"));
    await type("Invoice number", "INV-77");
    await type("Invoice value", "12,000");
    await fireEvent.click(byLabel("Send code"));
    const code = (await screen.findByTestId("otp-test-code")).textContent!;
    await type("One-time code", code);
    await fireEvent.click(byLabel("Confirm closure"));
    const closed = await screen.findByTestId("closure-summary");
    expect(closed.textContent).toContain("INV-77");
    expect(closed.textContent).toContain("Customer pays ₹7,000.00");
    expect(closed.textContent).toContain("Against jewellery");
  });
});
