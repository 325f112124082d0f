import { beforeEach, describe, expect, it, vi } from "vitest";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import ReportsScreen from "./ReportsScreen.svelte";
import ReportTableView from "./ReportTableView.svelte";
import { useFakeBackend, uuidv7, type IpcError, type ReportFilter, type ReportName, type ReportTable, type Result } from "../../ipc";
import { createFakeShop, type Commands } from "../../ipc/fake";
import { fakeExports } from "../../ipc/fake-reports";
import { useFakeDialogs, FAKE_DOCUMENTS_DIR } from "../../ipc/files";
import type { FakeState } from "../../ipc/fake-state";
import { hashToRoute, router } from "../../router.svelte";
import { links } from "../dashboard/dashboard-links";
import { EMPTY_FILTER } from "./report-catalog";
import { todayIso } from "../../format";

const TODAY = "2026-12-10";
const clock = { today: () => TODAY, now: () => new Date(`${TODAY}T11:00:00`) };
let fake: Commands;
let state: FakeState;
let asked: [ReportName, ReportFilter][];

async function ok<T>(pending: Promise<Result<T, IpcError>>): Promise<T> {
  const r = await pending;
  if (r.status === "error") throw new Error(JSON.stringify(r.error));
  return r.data;
}
const customer = (name: string, phone: string) => ({ name, phone, pan: null, aadhaar: null, dob: null, address: null, pin_code: null, email: null, family_of: null, relation: null });

/** Renders the screen as the route `hash` would. */
function open(hash: string) {
  const route = hashToRoute(hash);
  if (route.name !== "reports") throw new Error(`${hash} is not a report`);
  return render(ReportsScreen, { report: route.report, filters: route.filters });
}

beforeEach(async () => {
  ({ commands: fake, state } = createFakeShop(clock));
  const report = fake.report;
  asked = [];
  fake.report = vi.fn((name: ReportName, filter: ReportFilter) => {
    asked.push([name, filter]);
    return report(name, filter);
  });
  useFakeBackend(fake);
  useFakeDialogs(null);
  await ok(fake.setupShop({ shop_name: "Lakshmi Jewellers", address: "Jaipur", gstin: null, branch_code: "MAIN", owner_name: "Ravi Soni", owner_pin: "4321" }));
  await ok(fake.createPlan({ code: "SWARNA11", name: "Swarna 11", kind: "amount", installment: "5000", min_amount: null, max_amount: null, installments: 11, due_day: null, grace_days: 7, purity: null, bonus: "none", terms: "", rules: null }));
  await ok(fake.counterEnroll({ customer: customer("Asha Verma", "9876543210"), plan_code: "SWARNA11", installments: null, payment_id: uuidv7(), amount: "5000", mode: "cash", reference: null }));
  await ok(fake.recordPayment({ id: uuidv7(), enrollment_no: "MAIN-E00001", amount: "5000", mode: "cheque", reference: "CHQ-7", date: null, confirm_duplicate: true }));
});

describe("the reports screen", () => {
  it("opens the payments report from the dashboard's today-by-mode link with those filters in the request", async () => {
    open(links.todayPayments(TODAY, "cash"));
    await screen.findByTestId("report-table");
    expect(asked).toEqual([["payments", { ...EMPTY_FILTER, from: TODAY, to: TODAY, mode: "cash" }]]);
    expect((screen.getByLabelText("From date", { selector: "input" }) as HTMLInputElement).value).toBe(TODAY);
    expect((screen.getByLabelText("Payment mode", { selector: "select" }) as HTMLSelectElement).value).toBe("cash");
    // Only the filters the payments report reads.
    expect(screen.queryByLabelText("Month", { selector: "input" })).toBeNull();
    // The cash payment only: the cheque (MAIN-R000002) is another mode.
    const rows = screen.getAllByTestId("report-row");
    expect(rows).toHaveLength(1);
    expect(rows[0].textContent).toContain("MAIN-R000001");
  });

  it("opens the missed report for the month of the dashboard's overdue link, and the form changes the route", async () => {
    open(links.overdue(TODAY));
    await waitFor(() => expect(asked).toEqual([["missed", { ...EMPTY_FILTER, month: "2026-12" }]]));
    expect(screen.queryByLabelText("From date", { selector: "input" })).toBeNull();
    await fireEvent.input(screen.getByLabelText("Plan code", { selector: "input" }), { target: { value: "SWARNA11" } });
    await fireEvent.click(screen.getByRole("button", { name: "Show report" }));
    expect(router.route).toEqual({ name: "reports", report: "missed", filters: { month: "2026-12", plan_code: "SWARNA11" } });
  });

  it("shows a refused filter under its field", async () => {
    open("#/reports/payments?from=2026-12-10&to=2026-12-01");
    expect((await screen.findByText("must be on or after from")).closest(".field")!.querySelector("input")!.id).toBe("report-to");
  });

  it("exports to the path the save dialog picked and says how many rows were written", async () => {
    open(links.todayPayments(TODAY));
    await screen.findByTestId("report-table");
    await fireEvent.click(screen.getByRole("button", { name: "Export as CSV" }));
    expect((await screen.findByRole("status")).textContent).toBe(`Saved 2 row(s) to ${FAKE_DOCUMENTS_DIR}/payments-${todayIso()}.csv`);
    await fireEvent.click(screen.getByRole("button", { name: "Export as Excel" }));
    await waitFor(() => expect(fakeExports(state).map((e) => [e.name, e.format, e.filter.from])).toEqual([["payments", "csv", TODAY], ["payments", "xlsx", TODAY]]));
    expect(screen.getByRole("button", { name: "Export as JSON" })).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Export as Tally XML" })).toBeNull();
  });

  it("writes nothing when the save dialog is cancelled, and shows a refused export's reason", async () => {
    useFakeDialogs({ savePath: async () => null });
    open("#/reports/payments");
    await screen.findByTestId("report-table");
    await fireEvent.click(screen.getByRole("button", { name: "Export as CSV" }));
    await new Promise((r) => setTimeout(r, 20));
    expect(fakeExports(state)).toEqual([]);
    useFakeDialogs(null);
    await fireEvent.click(screen.getByRole("button", { name: "Export as PDF" }));
    expect((await screen.findByRole("alert")).textContent).toContain("not available");
  });

  it("sends a reminder from a row of the missed report and shows a refusal in that row", async () => {
    const bhavna = await ok(fake.addCustomer(customer("Bhavna Rao", "9876543211")));
    await ok(fake.enroll({ customer_code: bhavna.code, plan_code: "SWARNA11", date: "2026-09-01", installments: null }));
    const sent: string[] = [];
    const send = fake.sendMissedReminder;
    fake.sendMissedReminder = vi.fn((no: string) => {
      sent.push(no);
      return sent.length === 1 ? send(no) : Promise.resolve({ status: "error" as const, error: { code: "conflict", message: "reminders are switched off (Settings → Messages)", field: null } });
    });
    open(links.overdue(TODAY));
    const button = await screen.findByRole("button", { name: "Send reminder to MAIN-E00002" });
    await fireEvent.click(button);
    expect((await screen.findByTestId("reminder-result")).textContent).toBe("Reminder queued for MAIN-E00002");
    await fireEvent.click(button);
    await waitFor(() => expect(screen.getByTestId("reminder-result").textContent).toBe("reminders are switched off (Settings → Messages)"));
    expect(sent).toEqual(["MAIN-E00002", "MAIN-E00002"]);
    // Only the missed report has the button.
    expect(screen.getAllByRole("button", { name: /^Send reminder to/ })).toHaveLength(1);
  });

  it("offers the Tally export only as XML", async () => {
    open("#/reports/tally");
    await waitFor(() => expect(asked.map((a) => a[0])).toEqual(["tally"]));
    await screen.findByTestId("report");
    const buttons = screen.getAllByRole("button").map((b) => b.getAttribute("aria-label")).filter((l) => l?.startsWith("Export as"));
    expect(buttons).toEqual(["Export as Tally XML"]);
  });
});

describe("a report table", () => {
  const table: ReportTable = {
    name: "missed", title: "Missed payments", subtitle: "December 2026", generated_at: "2026-12-10T06:30:00.000Z",
    sections: [{
      title: "Missed payments",
      columns: [
        { key: "enrollment_no", label: "Enrollment", kind: "text" }, { key: "customer_name", label: "Name", kind: "text" },
        { key: "due_date", label: "Due", kind: "date" }, { key: "amount", label: "Amount", kind: "money" },
        { key: "grams", label: "Grams", kind: "grams" }, { key: "days_late", label: "Days late", kind: "days" }, { key: "phone", label: "Phone", kind: "phone" },
      ],
      rows: [
        { cells: ["MAIN-E00002", "Bhavna Rao", "2026-11-01", "150000.00", "1.5", "39", "9876543211"], enrollment_no: "MAIN-E00002", customer_code: "MAIN-00002", payment_id: null, flagged: true },
        { cells: ["MAIN-E00003", "Chetan Das", "2026-12-01", "2000.00", "", "9", "9876543212"], enrollment_no: "MAIN-E00003", customer_code: "MAIN-00003", payment_id: null, flagged: false },
      ],
      totals: [{ label: "Total", value: "152000.00", kind: "money" }, { label: "Enrollments", value: "2", kind: "count" }],
    }],
  };

  it("formats each cell by its column's kind, links enrollments and customers, and highlights flagged rows", () => {
    render(ReportTableView, { table });
    const [first, second] = screen.getAllByTestId("report-row");
    const cell = (row: HTMLElement, kind: string) => row.querySelector<HTMLElement>(`td[data-kind="${kind}"]:not(:first-child)`) ?? row.querySelector<HTMLElement>(`td[data-kind="${kind}"]`)!;
    expect(cell(first, "money").textContent!.trim()).toBe("₹1,50,000.00");
    expect(cell(first, "money").classList.contains("num")).toBe(true);
    expect(cell(first, "grams").textContent!.trim()).toMatch(/^1\.500/);
    expect(cell(first, "date").textContent!.trim()).not.toBe("2026-11-01");
    expect(cell(first, "days").textContent!.trim()).toBe("39");
    expect(within(first).getByRole("link", { name: "MAIN-E00002" }).getAttribute("href")).toBe("#/enrollments/MAIN-E00002");
    expect(within(first).getByRole("link", { name: "Bhavna Rao" }).getAttribute("href")).toBe("#/customers/MAIN-00002");
    expect(first.classList.contains("flagged")).toBe(true);
    expect(first.textContent).toContain("Needs attention");
    expect(second.classList.contains("flagged")).toBe(false);
    expect(screen.getByTestId("report-totals").textContent).toContain("₹1,52,000.00");
  });
});
