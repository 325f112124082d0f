import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { fireEvent, render, screen } from "@testing-library/svelte";
import PaymentScreen from "../payments/PaymentScreen.svelte";
import SettingsScreen from "../settings/SettingsScreen.svelte";
import { useFakeBackend, type IpcError, type Result } from "../../ipc";
import { createFakeShop, type Commands } from "../../ipc/fake";
import type { FakeState } from "../../ipc/fake-state";
import { settingsOf } from "../../ipc/fake-rates";
import { shop } from "../../shop.svelte";
import { session } from "../../session.svelte";
import { counterReceiptFormat, setCounterReceiptFormat } from "./receipt-printing";

let fake: Commands;
let state: FakeState;

async function ok<T>(pending: Promise<Result<T, IpcError>>): Promise<T> {
  const r = await pending;
  if (r.status === "error") throw new Error(JSON.stringify(r.error));
  return r.data;
}

async function printAfterPayment(on: boolean) {
  const current = (await ok(fake.appStatus())).shop!;
  await ok(fake.updateSettings({ ...settingsOf(current), print_receipt_after_payment: on }));
  shop.status = await ok(fake.appStatus());
}

beforeEach(async () => {
  ({ commands: fake, state } = createFakeShop());
  useFakeBackend(fake);
  await ok(fake.setupShop({ shop_name: "Lakshmi Jewellers", address: "Jaipur", gstin: null, branch_code: "MAIN", owner_name: "Ravi", owner_pin: "4321" }));
  session.user = { login: "owner", role: "owner" };
  await ok(fake.createPlan({ code: "SWARNA11", name: "Swarna 11", kind: "amount", installment: "5000", min_amount: null, max_amount: null, installments: 11, due_day: null, grace_days: 7, purity: null, bonus: "none", terms: "", rules: null }));
  const c = await ok(fake.addCustomer({ name: "Asha Verma", phone: "9876543210", pan: null, aadhaar: null, dob: null, address: null, pin_code: null, email: null, family_of: null, relation: null }));
  await ok(fake.enroll({ customer_code: c.code, plan_code: "SWARNA11", date: null, installments: null }));
});

afterEach(() => {
  localStorage.clear();
  shop.status = null;
});

async function pay() {
  render(PaymentScreen, { customer: "MAIN-00001" });
  await screen.findByLabelText("Amount", { selector: "input" });
  await fireEvent.click(screen.getByRole("button", { name: "Record payment" }));
  return screen.findByTestId("payment-success");
}

describe("printing the receipt after a payment", () => {
  it("the_receipt_prints_right_after_a_payment_when_the_shop_asks_for_it_in_this_counters_size", async () => {
    await printAfterPayment(true);
    setCounterReceiptFormat("80mm");
    await pay();
    expect((await screen.findByTestId("receipt-print-result")).textContent).toBe("Receipt MAIN-R000001 opened for printing");
    expect(state.printed).toEqual([{ kind: "receipt", payment_id: state.payments[0].id, format: "80mm" }]);
  });

  it("no_receipt_prints_when_the_setting_is_off_but_the_buttons_are_there", async () => {
    await printAfterPayment(false);
    const success = await pay();
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(state.printed).toEqual([]);
    expect(screen.queryByTestId("receipt-print-result")).toBeNull();
    expect(success.querySelector('[aria-label="Receipt MAIN-R000001 (A5)"]')).not.toBeNull();
  });

  it("a_receipt_that_cannot_print_says_so_and_the_payment_stays_recorded", async () => {
    await printAfterPayment(true);
    fake.printDocument = async () => ({ status: "error", error: { code: "viewer_unavailable", message: "no program to open PDFs was found", field: null } });
    const success = await pay();
    expect((await screen.findByRole("alert")).textContent).toBe("The payment is recorded, but its receipt could not be printed: no program to open PDFs was found");
    expect(success.textContent).toContain("MAIN-R000001");
    expect(state.payments).toHaveLength(1);
  });
});

describe("the printing settings", () => {
  it("print_receipt_after_payment_is_saved_with_the_shop_settings_and_the_size_stays_on_this_computer", async () => {
    shop.status = await ok(fake.appStatus());
    render(SettingsScreen);
    const check = screen.getByLabelText("Print a receipt after each payment") as HTMLInputElement;
    expect(check.checked).toBe(false);
    await fireEvent.click(check);
    await fireEvent.change(screen.getByLabelText("Receipt size at this counter", { selector: "select" }), { target: { value: "80mm" } });
    await fireEvent.click(screen.getByRole("button", { name: "Save settings" }));
    await screen.findByText("Settings saved");
    expect((await ok(fake.appStatus())).shop?.print_receipt_after_payment).toBe(true);
    expect(shop.status?.shop?.print_receipt_after_payment).toBe(true);
    expect(counterReceiptFormat()).toBe("80mm");
  });
});
