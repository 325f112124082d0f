import { beforeEach, describe, expect, it } from "vitest";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import DashboardScreen from "./DashboardScreen.svelte";
import { useFakeBackend, uuidv7, type IpcError, type Result } from "../../ipc";
import { createFakeShop, type Commands } from "../../ipc/fake";
import { seedOutboxMessage } from "../../ipc/fake-messages";
import type { FakeState } from "../../ipc/fake-state";
import { dataChanged } from "../../data-version.svelte";

const TODAY = "2026-12-10";
const clock = { today: () => TODAY, now: () => new Date(`${TODAY}T11:00:00`) };
let fake: Commands;
let state: FakeState;

async function ok<T>(pending: Promise<Result<T, IpcError>>): Promise<T> {
  const r = await pending;
  if (r.status === "error") throw new Error(JSON.stringify(r.error));
  return r.data;
}
const customer = (name: string, phone: string) => ({ name, phone, pan: null, aadhaar: null, dob: null, address: null, pin_code: null, email: null, family_of: null, relation: null });
const pay = (no: string, amount: string, mode: "cash" | "cheque" = "cash") =>
  ok(fake.recordPayment({ id: uuidv7(), enrollment_no: no, amount, mode, reference: mode === "cash" ? null : "CHQ-1", date: null, confirm_duplicate: false }));
const widgets = () => [...document.querySelectorAll<HTMLElement>("[data-widget]")].map((w) => w.dataset.widget);

beforeEach(async () => {
  ({ commands: fake, state } = createFakeShop(clock));
  useFakeBackend(fake);
  await ok(fake.setupShop({ shop_name: "Lakshmi Jewellers", address: "Jaipur", gstin: null, branch_code: "MAIN", owner_name: "Ravi Soni", owner_pin: "4321" }));
  await ok(fake.createPlan({ code: "SWARNA11", name: "Swarna 11", kind: "amount", installment: "5000", min_amount: null, max_amount: null, installments: 11, due_day: null, grace_days: 7, purity: null, bonus: "none", terms: "", rules: null }));
  // Asha enrolls today and pays 5000 cash; Bhavna enrolled on Sep 1 and never paid: overdue.
  await ok(fake.counterEnroll({ customer: customer("Asha Verma", "9876543210"), plan_code: "SWARNA11", installments: null, payment_id: uuidv7(), amount: "5000", mode: "cash", reference: null }));
  const bhavna = await ok(fake.addCustomer(customer("Bhavna Rao", "9876543211")));
  await ok(fake.enroll({ customer_code: bhavna.code, plan_code: "SWARNA11", date: "2026-09-01", installments: null }));
});

describe("the dashboard", () => {
  it("shows today's collection by mode and the overdue enrollments, each figure linking to its report", async () => {
    render(DashboardScreen);
    const today = await screen.findByTestId("today-collection");
    expect(today.textContent).toContain("₹5,000.00");
    expect(within(today).getByRole("link").getAttribute("href")).toBe("#/reports/payments?from=2026-12-10&to=2026-12-10");
    expect(screen.getByTestId("today-mode-cash").querySelector("a")!.getAttribute("href")).toBe("#/reports/payments?from=2026-12-10&to=2026-12-10&mode=cash");
    const overdue = screen.getByTestId("overdue");
    expect(overdue.textContent).toContain("1");
    // Sep 1, Oct 1 and Nov 1 are missed, Dec 1 is past its grace (Dec 8): the figure opens the latest
    // month's missed report, and each month has its own link.
    expect(screen.getByText("₹20,000.00 unpaid past grace")).toBeTruthy();
    const months = screen.getByTestId("overdue-months");
    expect([...months.querySelectorAll("a")].map((a) => a.getAttribute("href"))).toEqual(
      ["2026-09", "2026-10", "2026-11", "2026-12"].map((m) => `#/reports/missed?month=${m}`),
    );
    expect(within(overdue).getByRole("link").getAttribute("href")).toBe("#/reports/missed?month=2026-12");
    expect(within(screen.getByTestId("active")).getByRole("link").getAttribute("href")).toBe("#/reports/outstanding?as_of=2026-12-10");
    expect(within(screen.getByTestId("maturing")).getByRole("link").getAttribute("href")).toBe("#/reports/maturity?from=2026-12-01&to=2026-12-31");
    const recent = screen.getByTestId("recent-payments");
    expect(within(recent).getByRole("link", { name: "MAIN-R000001" }).getAttribute("href")).toBe("#/enrollments/MAIN-E00001");
    const bars = screen.getByTestId("collection-chart").querySelectorAll("rect");
    expect(bars).toHaveLength(12);
    expect([bars[11].dataset.month, bars[11].dataset.amount]).toEqual(["2026-12", "5000.00"]);
    expect(bars[11].closest("a")!.getAttribute("href")).toBe("#/reports/payments?from=2026-12-01&to=2026-12-31");
  });

  it("keeps a processing cheque apart from confirmed money", async () => {
    await pay("MAIN-E00002", "5000", "cheque");
    render(DashboardScreen);
    const processing = await screen.findByTestId("today-processing");
    expect(processing.textContent).toContain("₹5,000.00");
    expect(processing.querySelector("a")!.getAttribute("href")).toBe("#/reports/payments?from=2026-12-10&to=2026-12-10&status=processing");
    expect(screen.getByTestId("today-collection").textContent).toContain("₹5,000.00");
  });

  it("warns that today's rate is not entered, and shows the rate once it is", async () => {
    const view = render(DashboardScreen);
    expect((await screen.findByTestId("dashboard-rate-missing")).textContent).toContain("Today's rate not entered");
    await ok(fake.setGoldRate({ date: TODAY, purity: "22K", per_gram: "7250" }));
    view.unmount();
    render(DashboardScreen);
    expect((await screen.findByTestId("rates-today")).textContent).toContain("22K: ₹7,250.00/g");
    expect(screen.queryByTestId("dashboard-rate-missing")).toBeNull();
  });

  it("fetches its figures again when a payment signals that the data changed", async () => {
    render(DashboardScreen);
    await waitFor(() => expect(screen.getByTestId("today-collection").textContent).toContain("₹5,000.00"));
    await pay("MAIN-E00002", "5000");
    dataChanged();
    await waitFor(() => expect(screen.getByTestId("today-collection").textContent).toContain("₹10,000.00"));
    expect(screen.getByTestId("recent-payments").textContent).toContain("MAIN-R000002");
  });

  it("hides and reorders widgets in Customize and keeps that layout for this staff member only", async () => {
    const first = render(DashboardScreen);
    await screen.findByTestId("today-collection");
    await fireEvent.click(screen.getByRole("button", { name: "Customize" }));
    await fireEvent.click(screen.getByLabelText("Show Today's collection"));
    await fireEvent.click(screen.getByRole("button", { name: "Move Overdue up" }));
    await waitFor(() => expect(widgets().slice(0, 2)).toEqual(["overdue", "due_today"]));
    expect(widgets()).not.toContain("today_collection");
    const saved = await ok(fake.dashboardLayout());
    expect(saved.slice(0, 3)).toEqual([
      { widget: "today_collection", visible: false },
      { widget: "overdue", visible: true },
      { widget: "due_today", visible: true },
    ]);
    first.unmount();
    render(DashboardScreen);
    await waitFor(() => expect(widgets().slice(0, 2)).toEqual(["overdue", "due_today"]));
    // Another login starts from the default layout.
    await ok(fake.addStaff({ name: "Meena", login: "meena", role: "cashier", pin: "1111" }));
    await ok(fake.login("meena", "1111"));
    expect((await ok(fake.dashboardLayout()))[0]).toEqual({ widget: "today_collection", visible: true });
  });

  it("moves widgets with the keyboard-reachable up and down buttons, not past either end", async () => {
    render(DashboardScreen);
    await screen.findByTestId("today-collection");
    await fireEvent.click(screen.getByRole("button", { name: "Customize" }));
    expect((screen.getByRole("button", { name: "Move Today's collection up" }) as HTMLButtonElement).disabled).toBe(true);
    expect((screen.getByRole("button", { name: "Move Sync down" }) as HTMLButtonElement).disabled).toBe(true);
    await fireEvent.click(screen.getByRole("button", { name: "Move Today's collection down" }));
    await waitFor(() => expect(widgets().slice(0, 2)).toEqual(["due_today", "today_collection"]));
  });

  it("shows a cashier the figures without report links and without the 12-month chart", async () => {
    await ok(fake.addStaff({ name: "Meena", login: "meena", role: "cashier", pin: "1111" }));
    await ok(fake.login("meena", "1111"));
    render(DashboardScreen);
    const overdue = await screen.findByTestId("overdue");
    expect(overdue.textContent).toContain("1");
    expect(within(overdue).queryByRole("link")).toBeNull();
    expect(within(screen.getByTestId("today-collection")).queryByRole("link")).toBeNull();
    expect(screen.getByText("The 12-month chart needs the reports permission.")).toBeTruthy();
  });

  it("counts the messages waiting in the outbox and the failed ones, linking to the Outbox screen", async () => {
    seedOutboxMessage(state, { state: "pending" });
    seedOutboxMessage(state, { state: "pending" });
    seedOutboxMessage(state, { state: "failed", last_error: "DLT template not approved" });
    render(DashboardScreen);
    const outbox = await screen.findByTestId("outbox-widget");
    expect(outbox.textContent).toContain("2 message(s) waiting to be sent");
    expect(within(outbox).getByRole("link").getAttribute("href")).toBe("#/outbox");
    expect(screen.getByTestId("outbox-problems").textContent).toContain("1 failed");
  });

  it("refuses an unknown widget in a saved layout, naming the field", async () => {
    const r = await fake.saveDashboardLayout([{ widget: "weather", visible: true }]);
    expect(r.status === "error" && r.error.field).toBe("widgets");
  });
});
