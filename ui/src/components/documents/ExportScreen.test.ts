import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import ExportScreen from "./ExportScreen.svelte";
import { uuidv7, useFakeBackend, type IpcError, type Result } from "../../ipc";
import { useFakeDialogs } from "../../ipc/files";
import { createFakeShop, type Commands } from "../../ipc/fake";
import type { FakeState } from "../../ipc/fake-state";
import { todayIso } from "../../format";
import { session } from "../../session.svelte";

let fake: Commands;
let state: FakeState;

async function ok<T>(pending: Promise<Result<T, IpcError>>): Promise<T> {
  const r = await pending;
  if (r.status === "error") throw new Error(JSON.stringify(r.error));
  return r.data;
}

async function plan(code: string) {
  await ok(fake.createPlan({ code, name: `Plan ${code}`, kind: "amount", installment: "5000", min_amount: null, max_amount: null, installments: 11, due_day: null, grace_days: 7, purity: null, bonus: "none", terms: "", rules: null }));
}

/** `count` customers enrolled in `planCode` at the counter, each with the first installment paid. */
async function enrollments(planCode: string, count: number) {
  for (let i = 0; i < count; i++) {
    await ok(
      fake.counterEnroll({
        customer: { name: `Customer ${planCode} ${i}`, phone: `98765${planCode.length}${String(i).padStart(4, "0")}`, pan: null, aadhaar: null, dob: null, address: null, pin_code: null, email: null, family_of: null, relation: null },
        plan_code: planCode, installments: null, payment_id: uuidv7(), amount: "5000", mode: "cash", reference: null,
      }),
    );
  }
}

async function shop(exportPaceMs: number) {
  ({ commands: fake, state } = createFakeShop(undefined, { exportPaceMs }));
  useFakeBackend(fake);
  await ok(fake.setupShop({ shop_name: "Lakshmi Jewellers", address: "Jaipur", gstin: null, branch_code: "MAIN", owner_name: "Ravi", owner_pin: "4321" }));
  session.user = { login: "owner", role: "owner" };
  await plan("SWARNA11");
  await plan("DHAN6");
  await enrollments("SWARNA11", 3);
  await enrollments("DHAN6", 2);
}

afterEach(() => useFakeDialogs(null));

const ledgerFiles = () => [...state.files.keys()].sort();

describe("bulk export of ledgers", () => {
  beforeEach(() => shop(1));

  it("exports_the_ledger_of_every_active_enrollment_into_the_chosen_folder", async () => {
    useFakeDialogs({ folder: async () => "/mnt/usb/ledgers" });
    render(ExportScreen);
    expect((await screen.findByTestId("export-count")).textContent).toBe("Enrollments that match: 5");
    await fireEvent.click(screen.getByRole("button", { name: "Export" }));
    expect((await screen.findByTestId("export-result")).textContent?.trim()).toBe("Ledgers exported: 5, to /mnt/usb/ledgers");
    expect(ledgerFiles()).toEqual(["MAIN-E00001", "MAIN-E00002", "MAIN-E00003", "MAIN-E00004", "MAIN-E00005"].map((no) => `/mnt/usb/ledgers/LEDGER-${no}.pdf`));
    expect(screen.queryByTestId("export-progress")).toBeNull();
  });

  it("a_plan_filter_exports_only_that_plans_running_ledgers", async () => {
    render(ExportScreen);
    await screen.findByRole("option", { name: "Plan DHAN6 · DHAN6" });
    await fireEvent.change(screen.getByLabelText("Only plan", { selector: "select" }), { target: { value: "DHAN6" } });
    expect(screen.getByTestId("export-count").textContent).toBe("Enrollments that match: 2");
    await fireEvent.click(screen.getByRole("button", { name: "Export" }));
    await screen.findByText("Ledgers exported: 2, to /home/kanak/Documents");
    expect(ledgerFiles()).toEqual(["/home/kanak/Documents/LEDGER-MAIN-E00004.pdf", "/home/kanak/Documents/LEDGER-MAIN-E00005.pdf"]);
  });

  it("a_status_with_no_enrollments_offers_nothing_to_export", async () => {
    render(ExportScreen);
    await screen.findByTestId("export-count");
    await fireEvent.change(screen.getByLabelText("Enrollments", { selector: "select" }), { target: { value: "closed" } });
    expect(screen.getByTestId("export-count").textContent).toBe("Enrollments that match: 0");
    expect(screen.getByText("No enrollment matches; there is nothing to export.")).toBeTruthy();
    expect((screen.getByRole("button", { name: "Export" }) as HTMLButtonElement).disabled).toBe(true);
    await fireEvent.change(screen.getByLabelText("Enrollments", { selector: "select" }), { target: { value: "all" } });
    expect(screen.getByTestId("export-count").textContent).toBe("Enrollments that match: 5");
  });

  it("one_combined_pdf_is_saved_where_the_save_dialog_says", async () => {
    const asked: string[] = [];
    useFakeDialogs({ savePath: async (name) => (asked.push(name), `/home/ravi/${name}`) });
    render(ExportScreen);
    await screen.findByTestId("export-count");
    await fireEvent.click(screen.getByRole("radio", { name: "One combined PDF" }));
    await fireEvent.click(screen.getByRole("button", { name: "Export" }));
    const file = `/home/ravi/ledgers-${todayIso()}.pdf`;
    await screen.findByText(`Ledgers exported: 5, to ${file}`);
    expect(asked).toEqual([`ledgers-${todayIso()}.pdf`]);
    expect(ledgerFiles()).toEqual([file]);
  });

  it("a_cancelled_folder_picker_starts_no_export", async () => {
    useFakeDialogs({ folder: async () => null });
    render(ExportScreen);
    await screen.findByTestId("export-count");
    await fireEvent.click(screen.getByRole("button", { name: "Export" }));
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(screen.queryByTestId("export-progress")).toBeNull();
    expect(screen.queryByTestId("export-result")).toBeNull();
    expect(state.files.size).toBe(0);
  });
});

describe("progress and cancel", () => {
  beforeEach(() => shop(60));

  it("the_progress_bar_counts_ledgers_and_cancel_stops_between_two_of_them", async () => {
    render(ExportScreen);
    await screen.findByTestId("export-count");
    await fireEvent.click(screen.getByRole("button", { name: "Export" }));
    const bar = (await screen.findByTestId("export-progress")).querySelector("progress")!;
    await waitFor(() => expect(bar.value).toBeGreaterThanOrEqual(1));
    expect(bar.max).toBe(5);
    expect(screen.getByTestId("export-progress").textContent).toMatch(/Ledgers written: [1-4] of 5 · \d+%\s*MAIN-E0000[1-4]/);
    await fireEvent.click(screen.getByRole("button", { name: "Cancel export" }));
    const result = await screen.findByTestId("export-result");
    const written = Number(/ledgers written (\d) of 5/.exec(result.textContent ?? "")?.[1]);
    expect(written).toBeGreaterThanOrEqual(1);
    expect(written).toBeLessThan(5);
    expect(state.files.size).toBe(written);
    expect(screen.queryByRole("button", { name: "Cancel export" })).toBeNull();
  });
});
