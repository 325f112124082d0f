import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

// The generated bindings are replaced: these tests are about how the ipc module unwraps their Results.
vi.mock("./bindings", () => ({
  commands: {
    appStatus: vi.fn(),
    searchCustomers: vi.fn(),
    recordPayment: vi.fn(),
  },
}));

import { commands } from "./bindings";
import { ipc, IpcFailure, unwrap } from "./index";

const mocked = commands as unknown as Record<"appStatus" | "searchCustomers" | "recordPayment", ReturnType<typeof vi.fn>>;

describe("ipc inside the Tauri window", () => {
  beforeEach(() => {
    (window as unknown as Record<string, unknown>).__TAURI_INTERNALS__ = {};
  });
  afterEach(() => {
    delete (window as unknown as Record<string, unknown>).__TAURI_INTERNALS__;
    vi.resetAllMocks();
  });

  it("returns the data of an ok result and passes the arguments through", async () => {
    mocked.searchCustomers.mockResolvedValue({ status: "ok", data: [{ code: "MAIN-00001", name: "Asha", phone: "9876543210", family_of: null, active_enrollments: 1 }] });
    const found = await ipc.searchCustomers("asha", 10);
    expect(found.map((c) => c.code)).toEqual(["MAIN-00001"]);
    expect(mocked.searchCustomers).toHaveBeenCalledWith("asha", 10);
  });

  it("throws an IpcFailure carrying code, message and field for an error result", async () => {
    mocked.recordPayment.mockResolvedValue({ status: "error", error: { code: "invalid_input", message: "amount: must be more than zero", field: "amount" } });
    const failure = await ipc
      .recordPayment({ id: "x", enrollment_no: "MAIN-E00001", amount: "0", mode: "cash", reference: null, date: null, confirm_duplicate: false })
      .catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(IpcFailure);
    expect(failure).toBeInstanceOf(Error);
    const f = failure as IpcFailure;
    expect([f.code, f.message, f.field]).toEqual(["invalid_input", "amount: must be more than zero", "amount"]);
    expect(f.detail).toBe("must be more than zero");
  });

  it("turns a plain-string rejection (arguments the shell could not read) into an IpcFailure with that message", async () => {
    mocked.appStatus.mockResolvedValue({ status: "error", error: "invalid args `input` for command `simulate_plan`: bonus: must be \"none\"" });
    await expect(ipc.appStatus()).rejects.toMatchObject({ name: "IpcFailure", code: "ipc", field: null, message: expect.stringContaining("invalid args") });
  });

  it("turns a thrown error (the bindings rethrow Error rejections) into an IpcFailure too", async () => {
    mocked.appStatus.mockRejectedValue(new Error("command app_status not found"));
    await expect(ipc.appStatus()).rejects.toMatchObject({ name: "IpcFailure", code: "ipc", message: "command app_status not found", field: null });
  });
});

describe("ipc in a plain browser", () => {
  it("uses the in-memory fake, not the bindings", async () => {
    const status = await ipc.appStatus();
    expect(status.setup_done).toBe(false);
    expect(mocked.appStatus).not.toHaveBeenCalled();
  });

  it("unwrap keeps a failure's message for banners", async () => {
    const failure = await unwrap(Promise.resolve({ status: "error" as const, error: { code: "not_found", message: "enrollment X was not found", field: "enrollment_no" } })).catch((e: unknown) => e);
    expect((failure as IpcFailure).detail).toBe("enrollment X was not found");
  });
});
