import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import EnrollmentDetail from "../enrollments/EnrollmentDetail.svelte";
import { uuidv7, useFakeBackend, type IpcError, type Result } from "../../ipc";
import { useFakeDialogs } from "../../ipc/files";
import { createFakeShop, type Commands } from "../../ipc/fake";
import type { FakeState } from "../../ipc/fake-state";
import { session } from "../../session.svelte";

let fake: Commands;
let state: FakeState;

async function ok<T>(pending: Promise<Result<T, IpcError>>): Promise<T> {
  const r = await pending;
  if (r.status === "error") throw new Error(JSON.stringify(r.error));
  return r.data;
}

beforeEach(async () => {
  ({ commands: fake, state } = createFakeShop());
  useFakeBackend(fake);
  await ok(fake.setupShop({ shop_name: "Lakshmi Jewellers", address: "Jaipur", gstin: null, branch_code: "MAIN", owner_name: "Ravi", owner_pin: "4321" }));
  session.user = { login: "owner", role: "owner" };
});

afterEach(() => useFakeDialogs(null));

/** A plan closable from its first installment, enrolled at the counter with that installment paid. */
async function enrolled(): Promise<{ no: string; paymentId: string; receipt: string }> {
  const rules = { closure: { earliest_installments: 1, deductions: [{ kind: "percent_of_paid" as const, percent: "2" }] } };
  await ok(fake.createPlan({ code: "SWARNA11", name: "Swarna 11", kind: "amount", installment: "5000", min_amount: null, max_amount: null, installments: 11, due_day: null, grace_days: 7, purity: null, bonus: "1 installment", terms: "", rules }));
  const r = await ok(
    fake.counterEnroll({
      customer: { name: "Asha Verma", phone: "9876543210", pan: null, aadhaar: null, dob: null, address: null, pin_code: null, email: null, family_of: null, relation: null },
      plan_code: "SWARNA11", installments: null, payment_id: uuidv7(), amount: "5000", mode: "upi", reference: "UPI-1",
    }),
  );
  return { no: r.enrollment.enrollment_no, paymentId: r.payment.id, receipt: r.payment.receipt_no };
}

const button = (name: string) => screen.findByRole("button", { name });

describe("the enrollment's ledger", () => {
  it("download_ledger_asks_where_to_save_and_writes_the_pdf", async () => {
    const { no } = await enrolled();
    const asked: string[] = [];
    useFakeDialogs({ savePath: async (name) => (asked.push(name), `/home/asha/Desktop/${name}`) });
    render(EnrollmentDetail, { no });
    await fireEvent.click(await button("Download ledger"));
    const status = await screen.findByText(/^Saved to /);
    expect(asked).toEqual(["ledger-MAIN-E00001.pdf"]);
    expect(status.textContent).toBe("Saved to /home/asha/Desktop/ledger-MAIN-E00001.pdf");
    expect(state.files.get("/home/asha/Desktop/ledger-MAIN-E00001.pdf")).toEqual({ kind: "ledger", enrollment_no: no, language: "en" });
  });

  it("a_cancelled_save_dialog_writes_nothing_and_says_nothing", async () => {
    const { no } = await enrolled();
    let asked = 0;
    useFakeDialogs({ savePath: async () => (asked++, null) });
    render(EnrollmentDetail, { no });
    await fireEvent.click(await button("Download ledger"));
    await waitFor(() => expect(asked).toBe(1));
    await waitFor(() => expect((screen.getByRole("button", { name: "Download ledger" }) as HTMLButtonElement).disabled).toBe(false));
    expect(state.files.size).toBe(0);
    expect(screen.queryByText(/^Saved to /)).toBeNull();
  });

  it("print_ledger_opens_it_in_the_language_picked_for_the_customer", async () => {
    const { no } = await enrolled();
    render(EnrollmentDetail, { no });
    const language = (await screen.findByLabelText("Document language", { selector: "select" })) as HTMLSelectElement;
    expect(language.value).toBe("en");
    await fireEvent.change(language, { target: { value: "hi" } });
    await fireEvent.click(screen.getByRole("button", { name: "Print ledger" }));
    expect((await screen.findByText(/for printing$/)).textContent).toBe("Opened ledger-MAIN-E00001.pdf for printing");
    expect(state.printed).toEqual([{ kind: "ledger", enrollment_no: no, language: "hi" }]);
  });

  it("a_save_the_backend_refuses_shows_its_reason_under_the_buttons", async () => {
    const { no } = await enrolled();
    useFakeDialogs({ savePath: async () => "ledger.pdf" });
    render(EnrollmentDetail, { no });
    await fireEvent.click(await button("Download ledger"));
    expect((await screen.findByRole("alert")).textContent).toBe("path: must be a full path to a file");
    expect(state.files.size).toBe(0);
  });
});

describe("the closure statement", () => {
  it("an_open_enrollment_has_no_closure_statement", async () => {
    const { no } = await enrolled();
    render(EnrollmentDetail, { no });
    await button("Download ledger");
    expect(screen.queryByRole("button", { name: "Download closure statement" })).toBeNull();
  });

  it("a_closed_enrollment_saves_and_prints_its_closure_statement", async () => {
    const { no } = await enrolled();
    const otp = await ok(fake.requestClosureOtp(no));
    await ok(fake.confirmClosure({ enrollment_no: no, settlement: "cash", invoice_no: null, invoice_value: null }, otp.test_code!));
    render(EnrollmentDetail, { no });
    await fireEvent.click(await button("Download closure statement"));
    await screen.findByText("Saved to /home/kanak/Documents/closure-statement-MAIN-E00001.pdf");
    expect(state.files.get("/home/kanak/Documents/closure-statement-MAIN-E00001.pdf")).toEqual({ kind: "closure_statement", enrollment_no: no, language: "en" });
    await fireEvent.click(screen.getByRole("button", { name: "Print closure statement" }));
    await screen.findByText("Opened closure-statement-MAIN-E00001.pdf for printing");
    expect(state.printed).toEqual([{ kind: "closure_statement", enrollment_no: no, language: "en" }]);
  });
});

describe("a payment row's receipts", () => {
  it("the_thermal_receipt_button_prints_the_80_mm_receipt_of_that_payment", async () => {
    const { no, paymentId, receipt } = await enrolled();
    render(EnrollmentDetail, { no });
    await fireEvent.click(await button(`Thermal receipt ${receipt} (80 mm)`));
    await fireEvent.click(screen.getByRole("menuitem", { name: `Print receipt ${receipt}` }));
    expect((await screen.findByTestId("enrollment-payments-receipt")).textContent).toBe(`Receipt ${receipt} opened for printing`);
    expect(state.printed).toEqual([{ kind: "receipt", payment_id: paymentId, format: "80mm" }]);
    expect(screen.queryByRole("menu")).toBeNull();
  });

  it("the_receipt_button_saves_the_a5_receipt_as_a_pdf", async () => {
    const { no, paymentId, receipt } = await enrolled();
    render(EnrollmentDetail, { no });
    await fireEvent.click(await button(`Receipt ${receipt} (A5)`));
    await fireEvent.click(screen.getByRole("menuitem", { name: `Save receipt ${receipt} as PDF` }));
    const path = `/home/kanak/Documents/receipt-${receipt}.pdf`;
    expect((await screen.findByTestId("enrollment-payments-receipt")).textContent).toBe(`Saved to ${path}`);
    expect(state.files.get(path)).toEqual({ kind: "receipt", payment_id: paymentId, format: "a5" });
  });
});
