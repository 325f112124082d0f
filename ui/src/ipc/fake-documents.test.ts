import { beforeEach, describe, expect, it } from "vitest";
import type { ExportProgress, IpcError } from "./bindings";
import type { Result } from "./result";
import { createFakeShop, type Commands } from "./fake";
import { progressChannel } from "./files";
import { uuidv7 } from "./uuid";

async function ok<T>(pending: Promise<Result<T, IpcError>>): Promise<T> {
  const r = await pending;
  if (r.status === "error") throw new Error(`expected ok, got ${JSON.stringify(r.error)}`);
  return r.data;
}

async function refused<T>(pending: Promise<Result<T, IpcError>>): Promise<IpcError> {
  const r = await pending;
  if (r.status === "ok") throw new Error(`expected a refusal, got ${JSON.stringify(r.data)}`);
  return r.error;
}

let fake: Commands;
const running = { all: false, status: null, plan_code: null };

beforeEach(async () => {
  fake = createFakeShop(undefined, { exportPaceMs: 5 }).commands;
  await ok(fake.setupShop({ shop_name: "Lakshmi Jewellers", address: "Jaipur", gstin: null, branch_code: "MAIN", owner_name: "Ravi", owner_pin: "4321" }));
  await ok(fake.createPlan({ code: "SWARNA11", name: "Swarna 11", kind: "amount", installment: "5000", min_amount: null, max_amount: null, installments: 11, due_day: null, grace_days: 7, purity: null, bonus: "none", terms: "", rules: null }));
  await ok(
    fake.counterEnroll({
      customer: { name: "Asha Verma", phone: "9876543210", pan: null, aadhaar: null, dob: null, address: null, pin_code: null, email: null, family_of: null, relation: null },
      plan_code: "SWARNA11", installments: null, payment_id: uuidv7(), amount: "5000", mode: "cash", reference: null,
    }),
  );
});

describe("the fake's documents", () => {
  it("refuses_documents_of_what_does_not_exist_as_the_shell_does", async () => {
    expect(await refused(fake.printDocument({ kind: "ledger", enrollment_no: "MAIN-E09999", language: null }))).toEqual({
      code: "not_found", message: "enrollment MAIN-E09999 was not found", field: "enrollment_no",
    });
    expect((await refused(fake.printDocument({ kind: "receipt", payment_id: uuidv7(), format: "a5" }))).field).toBe("payment_id");
    expect((await refused(fake.saveDocument({ kind: "closure_statement", enrollment_no: "MAIN-E00001", language: null }, "/tmp/c.pdf"))).message).toBe("closure of enrollment MAIN-E00001 was not found");
  });

  it("gives_a_saved_file_a_pdf_name", async () => {
    const saved = await ok(fake.saveDocument({ kind: "ledger", enrollment_no: "MAIN-E00001", language: "hi" }, "/home/asha/ledger"));
    expect(saved.path).toBe("/home/asha/ledger.pdf");
  });

  it("runs_one_export_at_a_time_and_cancel_without_one_says_so", async () => {
    expect(await ok(fake.cancelExport())).toBe(false);
    const seen: ExportProgress[] = [];
    const first = fake.exportLedgers(running, { kind: "folder", dir: "/tmp/out" }, progressChannel((p: ExportProgress) => seen.push(p)));
    const second = await refused(fake.exportLedgers(running, { kind: "folder", dir: "/tmp/out" }, progressChannel(() => {})));
    expect(second.code).toBe("conflict");
    expect(await ok(first)).toEqual({ written: 1, total: 1, cancelled: false, files: ["/tmp/out/LEDGER-MAIN-E00001.pdf"] });
    expect(seen).toEqual([{ done: 1, total: 1, enrollment_no: "MAIN-E00001" }]);
  });

  it("lets_only_owners_and_managers_export", async () => {
    await ok(fake.addStaff({ name: "Meena", login: "meena", role: "cashier", pin: "1111" }));
    await ok(fake.login("meena", "1111"));
    expect((await refused(fake.exportLedgers(running, { kind: "folder", dir: "/tmp/out" }, progressChannel(() => {})))).code).toBe("forbidden");
    expect((await ok(fake.printDocument({ kind: "ledger", enrollment_no: "MAIN-E00001", language: null }))).path).toMatch(/ledger-MAIN-E00001\.pdf$/);
  });
});
