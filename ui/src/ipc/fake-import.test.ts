import { beforeEach, describe, expect, it } from "vitest";
import type { ImportKind, ImportMapping, ImportReport, IpcError } from "./bindings";
import type { Result } from "./result";
import { createFakeShop, type Commands } from "./fake";
import type { FakeState } from "./fake-state";

let fake: Commands;
let state: FakeState;

async function ok<T>(pending: Promise<Result<T, IpcError>>): Promise<T> {
  const r = await pending;
  if (r.status === "error") throw new Error(JSON.stringify(r.error));
  return r.data;
}

/** Puts `csv` on the fake disk and runs it through the mapping the preview suggests. */
async function importCsv(name: string, csv: string, dryRun = false): Promise<ImportReport> {
  const path = `/home/ravi/${name}.csv`;
  state.disk.set(path, new TextEncoder().encode(csv));
  const preview = await ok(fake.previewImport(path));
  const sheet = preview.sheets[0];
  const columns = sheet.suggestions.find((s) => s.kind === sheet.kind)!.columns;
  const mapping: ImportMapping = { date_format: preview.date_format, sheets: [{ sheet: sheet.name, kind: sheet.kind as ImportKind, header_row: null, columns }] };
  return ok(fake.importSpreadsheet(path, mapping, dryRun));
}

beforeEach(async () => {
  ({ commands: fake, state } = createFakeShop());
  await ok(fake.setupShop({ shop_name: "Lakshmi Jewellers", address: "Jaipur", gstin: null, branch_code: "MAIN", owner_name: "Ravi Soni", owner_pin: "4321" }));
  await ok(fake.login("owner", "4321"));
});

describe("the fake backend's spreadsheet import", () => {
  it("imports_plans_customers_enrollments_and_payments_and_a_second_import_of_payments_adds_nothing", async () => {
    expect((await importCsv("plans", "Scheme code,Scheme,Type,Monthly,Months\nSWARNA11,Swarna 11,amount,5000,11\n")).counts).toEqual([{ kind: "plans", created: 1, unchanged: 0 }]);
    await importCsv("customers", "Customer Name,Mobile\nAsha Verma,9876543210\n");
    await importCsv("enrollments", "Mobile,Scheme code,Joined\n9876543210,SWARNA11,2026-01-10\n");
    const payments = "Mobile,Scheme code,Paid on,Amount,Mode,Ref\n9876543210,SWARNA11,10/01/2026,5000,cash,\n9876543210,SWARNA11,10/02/2026,5000,upi,UPI-302117\n";
    const first = await importCsv("payments", payments);
    expect(first).toMatchObject({ committed: true, rows: 2, problems: [], counts: [{ kind: "payments", created: 2, unchanged: 0 }] });
    expect(state.payments.map((p) => p.received_on)).toEqual(["2026-01-10", "2026-02-10"]);
    const again = await importCsv("payments", payments);
    expect(again.counts).toEqual([{ kind: "payments", created: 0, unchanged: 2 }]);
    expect(state.payments).toHaveLength(2);
  });

  it("one_bad_row_stores_none_of_the_file_and_a_dry_run_stores_nothing_at_all", async () => {
    const report = await importCsv("customers", "Customer Name,Mobile\nAsha Verma,9876543210\nNo Phone,\n");
    expect(report.committed).toBe(false);
    expect(report.problems).toEqual([{ sheet: "customers", row: 3, column: "Mobile", message: expect.stringContaining("mobile") }]);
    expect(state.customers.size).toBe(0);
    expect((await importCsv("customers", "Customer Name,Mobile\nAsha Verma,9876543210\n", true)).problems).toEqual([]);
    expect(state.customers.size).toBe(0);
    expect(state.audit.some((e) => e.action === "import")).toBe(false);
  });

  it("a_cashier_may_not_import", async () => {
    await ok(fake.addStaff({ name: "Meena", login: "meena", role: "cashier", pin: "2468" }));
    await ok(fake.login("meena", "2468"));
    state.disk.set("/x.csv", new TextEncoder().encode("Name,Mobile\nA,9876543210\n"));
    const refused = await fake.importSpreadsheet("/x.csv", { date_format: null, sheets: [] }, true);
    expect(refused).toMatchObject({ status: "error", error: { code: "forbidden" } });
  });
});
