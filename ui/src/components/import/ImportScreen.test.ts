import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { fireEvent, render, screen, within } from "@testing-library/svelte";
import ImportScreen from "./ImportScreen.svelte";
import { useFakeBackend, type IpcError, type Result } from "../../ipc";
import { useFakeDialogs } from "../../ipc/files";
import { createFakeShop, type Commands } from "../../ipc/fake";
import type { FakeState } from "../../ipc/fake-state";
import { FAKE_SHEET_PATH } from "../../ipc/fake-import";

let fake: Commands;
let state: FakeState;

async function ok<T>(pending: Promise<Result<T, IpcError>>): Promise<T> {
  const r = await pending;
  if (r.status === "error") throw new Error(JSON.stringify(r.error));
  return r.data;
}

const put = (path: string, text: string) => state.disk.set(path, new TextEncoder().encode(text));
const select = (label: string) => screen.getByLabelText(label, { selector: "select" }) as HTMLSelectElement;

async function openTyped(path: string) {
  render(ImportScreen);
  await fireEvent.input(screen.getByLabelText("File path", { selector: "input" }), { target: { value: path } });
  await fireEvent.click(screen.getByRole("button", { name: "Open file" }));
  await screen.findByTestId("import-sheet");
}

beforeEach(async () => {
  ({ commands: fake, state } = createFakeShop());
  useFakeBackend(fake);
  await ok(fake.setupShop({ shop_name: "Lakshmi Jewellers", address: "Jaipur", gstin: null, branch_code: "MAIN", owner_name: "Ravi Soni", owner_pin: "4321" }));
  await ok(fake.login("owner", "4321"));
});

afterEach(() => useFakeDialogs(null));

describe("import from a spreadsheet", () => {
  it("the_picked_file_shows_its_headings_first_rows_and_a_guessed_mapping", async () => {
    let opened = 0;
    useFakeDialogs({ spreadsheetFile: async () => (opened++, FAKE_SHEET_PATH) });
    render(ImportScreen);
    await fireEvent.click(screen.getByRole("button", { name: "Choose file…" }));
    const sheet = await screen.findByTestId("import-sheet");
    expect(opened).toBe(1);
    expect(screen.getByTestId("import-file").textContent).toBe("customers.csv: 1 sheet(s)");
    expect(select("Rows in customers are").value).toBe("customers");
    expect(select("Field for Customer Name").value).toBe("name");
    expect(select("Field for Mobile").value).toBe("phone");
    expect(select("Field for Pin code").value).toBe("pin_code");
    expect(sheet.textContent).toContain("98765 43210");
    expect(sheet.textContent).toContain("Farhan Qureshi");
    expect(screen.queryByTestId("import-missing")).toBeNull();
  });

  it("a_dry_run_lists_every_bad_row_by_row_column_and_why_and_stores_nothing", async () => {
    put("/home/ravi/book.csv", "Name,Mobile,PAN\nAsha Verma,9876543210,\nBad Phone,12345,\nBad Pan,9123456780,NOTAPAN\n");
    await openTyped("/home/ravi/book.csv");
    await fireEvent.click(screen.getByRole("button", { name: "Check every row" }));
    const table = await screen.findByTestId("import-problems");
    const rows = within(table).getAllByRole("row").slice(1).map((r) => [...r.querySelectorAll("td")].map((td) => td.textContent));
    expect(rows.map((r) => r.slice(0, 3))).toEqual([["book", "3", "Mobile"], ["book", "4", "PAN"]]);
    expect(rows[0][3]).toContain("10-digit mobile");
    expect(screen.getByTestId("import-problem-count").textContent).toContain("2 problem(s) found");
    expect((screen.getByRole("button", { name: "Import all rows" }) as HTMLButtonElement).disabled).toBe(true);
    expect(state.customers.size).toBe(0);
  });

  it("a_clean_file_imports_all_rows_with_the_summary_and_a_second_import_adds_nothing", async () => {
    await openTyped(FAKE_SHEET_PATH);
    await fireEvent.click(screen.getByRole("button", { name: "Check every row" }));
    expect((await screen.findByTestId("import-summary")).textContent).toContain("All 3 rows can be imported.");
    expect(state.customers.size).toBe(0);
    await fireEvent.click(screen.getByRole("button", { name: "Import all rows" }));
    const done = await screen.findByTestId("import-done");
    expect(done.textContent).toContain("Imported 3 rows.");
    expect(done.textContent).toContain("Customers: 3 new, 0 already stored");
    expect([...state.customers.values()].map((c) => c.phone).sort()).toEqual(["9123456780", "9876543210", "9988776655"]);
    expect(state.audit.filter((e) => e.action === "import")).toHaveLength(1);

    await fireEvent.click(screen.getByRole("button", { name: "Import another file" }));
    await fireEvent.input(screen.getByLabelText("File path", { selector: "input" }), { target: { value: FAKE_SHEET_PATH } });
    await fireEvent.click(screen.getByRole("button", { name: "Open file" }));
    await fireEvent.click(await screen.findByRole("button", { name: "Check every row" }));
    await screen.findByTestId("import-summary");
    await fireEvent.click(screen.getByRole("button", { name: "Import all rows" }));
    expect((await screen.findByTestId("import-done")).textContent).toContain("every one was already stored");
    expect(state.customers.size).toBe(3);
  });

  it("changing_a_column_after_the_check_asks_for_a_new_check_before_importing", async () => {
    await openTyped(FAKE_SHEET_PATH);
    await fireEvent.click(screen.getByRole("button", { name: "Check every row" }));
    await screen.findByTestId("import-summary");
    await fireEvent.change(select("Field for PAN"), { target: { value: "" } });
    expect(screen.getByText("The columns changed: check every row again before importing.")).toBeTruthy();
    expect((screen.getByRole("button", { name: "Import all rows" }) as HTMLButtonElement).disabled).toBe(true);
  });

  it("a_field_moved_to_another_column_leaves_the_first_and_unmapped_required_fields_are_named", async () => {
    await openTyped(FAKE_SHEET_PATH);
    await fireEvent.change(select("Field for Address"), { target: { value: "phone" } });
    expect(select("Field for Mobile").value).toBe("");
    expect(select("Field for Address").value).toBe("phone");
    await fireEvent.change(select("Field for Address"), { target: { value: "" } });
    expect(screen.getByTestId("import-missing").textContent).toBe("Still to choose a column for: Mobile");
  });

  it("a_missing_file_is_refused_under_the_path", async () => {
    await render(ImportScreen);
    await fireEvent.input(screen.getByLabelText("File path", { selector: "input" }), { target: { value: "/nowhere/x.csv" } });
    await fireEvent.click(screen.getByRole("button", { name: "Open file" }));
    expect((await screen.findByText(/cannot read \/nowhere\/x.csv/)).textContent).toContain("No such file");
    expect(screen.queryByTestId("import-sheet")).toBeNull();
  });
});
