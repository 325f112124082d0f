import { beforeEach, describe, expect, it, vi } from "vitest";
import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import PaymentScreen from "./PaymentScreen.svelte";
import { useFakeBackend, uuidv7, type PaymentInput } from "../../ipc";
import { createFakeBackend, type Commands } from "../../ipc/fake";

let fake: Commands;
let sent: PaymentInput[];

beforeEach(async () => {
  fake = createFakeBackend();
  const record = fake.recordPayment;
  sent = [];
  fake.recordPayment = vi.fn((input: PaymentInput) => {
    sent.push(input);
    return record(input);
  });
  useFakeBackend(fake);
  await fake.setupShop({ shop_name: "Lakshmi Jewellers", address: "Jaipur", gstin: null, branch_code: "MAIN", owner_name: "Ravi", owner_pin: "4321" });
  await fake.createPlan({ code: "SWARNA11", name: "Swarna 11", kind: "amount", installment: "5000", min_amount: null, max_amount: null, installments: 11, due_day: null, grace_days: 7, purity: null, bonus: "none", terms: "", rules: null });
  await fake.counterEnroll({
    customer: { name: "Asha Verma", phone: "9876543210", pan: null, aadhaar: null, dob: null, address: null, pin_code: null, email: null, family_of: null, relation: null },
    plan_code: "SWARNA11", installments: null, payment_id: uuidv7(), amount: "5000", mode: "cash", reference: null,
  });
});

describe("record payment", () => {
  it("finds the customer, pre-fills the next due amount, and confirms a look-alike with the same payment id", async () => {
    render(PaymentScreen);
    await fireEvent.input(screen.getByLabelText("Find customer", { selector: "input" }), { target: { value: "asha" } });
    await fireEvent.click(await screen.findByRole("button", { name: /Asha Verma/ }));

    const amount = (await screen.findByLabelText("Amount", { selector: "input" })) as HTMLInputElement;
    expect((screen.getByLabelText("Enrollment", { selector: "select" }) as HTMLSelectElement).value).toBe("MAIN-E00001");
    expect(amount.value).toBe("5000.00");
    expect((screen.getByLabelText("Payment date", { selector: "input" }) as HTMLInputElement).value).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    await fireEvent.click(screen.getByRole("button", { name: "Record payment" }));
    const warning = await screen.findByTestId("payment-duplicate");
    expect(warning.textContent).toContain("MAIN-R000001");

    await fireEvent.click(screen.getByRole("button", { name: "Yes, record it again" }));
    const status = await screen.findByRole("status");
    expect(status.textContent).toContain("MAIN-R000002");
    expect(sent).toHaveLength(2);
    expect(sent[1].id).toBe(sent[0].id);
    expect([sent[0].confirm_duplicate, sent[1].confirm_duplicate]).toEqual([false, true]);
    expect(screen.queryByTestId("payment-duplicate")).toBeNull();

    // The next payment is a new attempt with a new id.
    await waitFor(() => expect(amount.value).toBe("5000.00"));
    await fireEvent.click(screen.getByRole("button", { name: "Record payment" }));
    await screen.findByTestId("payment-duplicate");
    expect(sent[2].id).not.toBe(sent[0].id);
  });

  it("shows a zero amount's error under the amount field", async () => {
    render(PaymentScreen, { customer: "MAIN-00001" });
    const amount = (await screen.findByLabelText("Amount", { selector: "input" })) as HTMLInputElement;
    await fireEvent.input(amount, { target: { value: "0" } });
    await fireEvent.click(screen.getByRole("button", { name: "Record payment" }));
    await waitFor(() => expect(amount.getAttribute("aria-invalid")).toBe("true"));
    expect(amount.parentElement!.querySelector(".field-error")!.textContent).toBe("must be more than zero");
  });
});
