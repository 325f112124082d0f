import { beforeEach, describe, expect, it } from "vitest";
import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import EnrollmentDetail from "./EnrollmentDetail.svelte";
import { uuidv7, useFakeBackend, type IpcError, type PlanRules, type Result } from "../../ipc";
import { createFakeBackend, type Commands } from "../../ipc/fake";
import { addMonths } from "../../ipc/fake-plan";
import { todayIso } from "../../format";
import { session } from "../../session.svelte";

let fake: Commands;

async function ok<T>(pending: Promise<Result<T, IpcError>>): Promise<T> {
  const r = await pending;
  if (r.status === "error") throw new Error(JSON.stringify(r.error));
  return r.data;
}

beforeEach(async () => {
  fake = createFakeBackend();
  useFakeBackend(fake);
  await ok(fake.setupShop({ shop_name: "Lakshmi Jewellers", address: "Jaipur", gstin: null, branch_code: "MAIN", owner_name: "Ravi", owner_pin: "4321" }));
  session.user = { login: "owner", role: "owner" }; // setup logged the owner in
});

/** An enrollment begun two months ago with its first two installments paid on their days. */
async function enrollment(rules: PlanRules | null): Promise<string> {
  await ok(fake.createPlan({ code: "SWARNA11", name: "Swarna 11", kind: "amount", installment: "5000", min_amount: null, max_amount: null, installments: 11, due_day: null, grace_days: 7, purity: null, bonus: "1 installment", terms: "", rules }));
  const c = await ok(fake.addCustomer({ name: "Asha Verma", phone: "9876543210", pan: null, aadhaar: null, dob: null, address: null, pin_code: null, email: null, family_of: null, relation: null }));
  const start = addMonths(todayIso(), -2);
  const e = await ok(fake.enroll({ customer_code: c.code, plan_code: "SWARNA11", date: start, installments: null }));
  for (const months of [0, 1]) {
    await ok(fake.recordPayment({ id: uuidv7(), enrollment_no: e.enrollment_no, amount: "5000", mode: "upi", reference: "UPI1", date: addMonths(start, months), confirm_duplicate: true }));
  }
  return e.enrollment_no;
}

const input = (label: string) => screen.getByLabelText(label, { selector: "input, select" }) as HTMLInputElement;

describe("changes to an enrollment", () => {
  it("a_pause_is_recorded_and_the_detail_refreshes", async () => {
    const no = await enrollment({ max_pause_months: 2 });
    render(EnrollmentDetail, { no });
    await fireEvent.click(await screen.findByRole("button", { name: "Pause" }));
    expect(screen.queryByRole("button", { name: "Upgrade or downgrade" })).toBeNull();
    expect(input("Pause from").value).toMatch(/^\d{2}-\d{2}-\d{4}$/);
    await fireEvent.input(input("Months to pause"), { target: { value: "3" } });
    await fireEvent.click(screen.getByRole("button", { name: "Pause plan" }));
    await waitFor(() => expect(input("Months to pause").getAttribute("aria-invalid")).toBe("true"));
    expect(screen.getByText(/the plan allows 2 in all; 0 used/)).toBeTruthy();
    await fireEvent.input(input("Months to pause"), { target: { value: "1" } });
    await fireEvent.click(screen.getByRole("button", { name: "Pause plan" }));
    await waitFor(() => expect(screen.getByRole("status").textContent).toContain("The enrollment is paused"));
    expect(screen.getByTestId("engine-explanation").textContent).toContain("Paused for 1 month in all");
  });

  it("an_upgrade_shows_its_quote_before_it_is_confirmed", async () => {
    const no = await enrollment({ changes_allowed: true });
    render(EnrollmentDetail, { no });
    await fireEvent.click(await screen.findByRole("button", { name: "Upgrade or downgrade" }));
    await fireEvent.input(input("New installment amount"), { target: { value: "7500" } });
    await fireEvent.click(screen.getByRole("button", { name: "Show the change" }));
    const quote = await screen.findByTestId("change-quote");
    expect(quote.textContent).toContain("₹7,500.00");
    expect(screen.getByText(/keeps counting/)).toBeTruthy();
    await fireEvent.input(input("New installment amount"), { target: { value: "8000" } });
    expect(screen.queryByTestId("change-quote")).toBeNull();
    await fireEvent.click(screen.getByRole("button", { name: "Show the change" }));
    await fireEvent.click(await screen.findByRole("button", { name: "Confirm change" }));
    await waitFor(() => expect(screen.getByRole("status").textContent).toContain("The change is recorded"));
    expect(screen.getByTestId("enrollment-schedule").textContent).toContain("₹8,000.00");
  });

  it("an_earned_gift_is_handed_over_once", async () => {
    const no = await enrollment({ gifts: [{ after_installments: 2, item: "Silver coin", value: "500" }, { after_installments: 6, item: "Bag", value: "300" }] });
    render(EnrollmentDetail, { no });
    await fireEvent.click(await screen.findByRole("button", { name: "Gifts" }));
    expect(screen.getByTestId("gift-list").textContent).toContain("Bag after 6 installments");
    expect(input("Gift to hand over").value).toBe("Silver coin");
    await fireEvent.click(screen.getByRole("button", { name: "Record gift given" }));
    await waitFor(() => expect(screen.getByRole("status").textContent).toContain("The gift is recorded as given"));
    await fireEvent.click(screen.getByRole("button", { name: "Gifts" }));
    expect(screen.getByTestId("gift-list").textContent).toContain("Given");
    expect(screen.getByText("No gift is waiting to be handed over.")).toBeTruthy();
  });

  it("a_plain_plan_offers_no_mid_term_changes", async () => {
    const no = await enrollment(null);
    render(EnrollmentDetail, { no });
    await screen.findByTestId("enrollment-schedule");
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(screen.queryByTestId("enrollment-actions")).toBeNull();
  });

  it("a_cashier_is_not_offered_a_pause_the_role_cannot_make", async () => {
    const no = await enrollment({ max_pause_months: 2, gifts: [{ after_installments: 2, item: "Silver coin", value: "500" }] });
    await ok(fake.addStaff({ name: "Meena", login: "meena", role: "cashier", pin: "1111" }));
    await ok(fake.login("meena", "1111"));
    session.user = { login: "meena", role: "cashier" };
    render(EnrollmentDetail, { no });
    await screen.findByRole("button", { name: "Gifts" });
    expect(screen.queryByRole("button", { name: "Pause" })).toBeNull();
  });
});
