import { describe, expect, it, vi } from "vitest";

const invoke = vi.fn();
vi.mock("@tauri-apps/api/core", () => ({ invoke: (...args: unknown[]) => invoke(...args) }));

import { commands } from "./bindings";

describe("the bindings placeholder matches the tauri-specta contract", () => {
  it("calls each snake_case command with camelCased argument names", async () => {
    invoke.mockResolvedValue([]);
    await commands.editCustomer("MAIN-00001", { code: null, name: "A", phone: "9876543210", pan: null, aadhaar: null, dob: null, address: null, pin_code: null, email: null });
    await commands.searchCustomers("asha", 10);
    await commands.enrollmentDetail("MAIN-E00001");
    await commands.listPlans(true);
    await commands.listEnrollments(false);
    await commands.goldRates(null);
    await commands.appStatus();
    expect(invoke.mock.calls.map((c) => [c[0], c[1]])).toEqual([
      ["edit_customer", { code: "MAIN-00001", input: expect.objectContaining({ name: "A" }) }],
      ["search_customers", { query: "asha", limit: 10 }],
      ["enrollment_detail", { enrollmentNo: "MAIN-E00001" }],
      ["list_plans", { includeRetired: true }],
      ["list_enrollments", { overdueOnly: false }],
      ["gold_rates", { date: null }],
      ["app_status", undefined],
    ]);
  });

  it("wraps a rejected invoke (an IpcError) into status error", async () => {
    const error = { code: "not_found", message: "customer X was not found", field: "code" };
    invoke.mockRejectedValueOnce(error);
    expect(await commands.customerProfile("X")).toEqual({ status: "error", error });
    invoke.mockResolvedValueOnce({ code: "P" });
    expect(await commands.retirePlan("P")).toEqual({ status: "ok", data: { code: "P" } });
  });

  it("has every command", () => {
    expect(Object.keys(commands).sort()).toEqual(
      [
        "appStatus", "setupShop", "startDemoShop", "updateSettings", "setShopLogo", "addCustomer", "editCustomer", "searchCustomers", "customerProfile", "listPlans",
        "createPlan", "editPlan", "retirePlan", "enroll", "counterEnroll", "recordPayment", "enrollmentDetail", "listEnrollments",
        "setGoldRate", "goldRates", "importGoldRates", "fetchGoldRates", "previewImport", "importSpreadsheet", "recordForm60", "simulatePlan", "pauseEnrollment",
        "changeQuote", "changeEnrollment", "giveGift", "addFestival",
        "login", "logout", "currentUser", "listStaff", "addStaff", "setStaffActive", "resetPin", "resetOwnerPin", "regenerateRecoveryCode",
        "auditLog", "verifyAudit", "closureQuote", "requestClosureOtp", "confirmClosure", "overrideClosure",
        "otpSettings", "updateOtpSettings", "setProviderKey", "removeProviderKey",
        "saveDocument", "printDocument", "presetSaveDir", "exportLedgers", "cancelExport",
        "dashboard", "dashboardLayout", "saveDashboardLayout",
        "report", "exportReport",
        "outboxSummary", "listOutbox", "retryMessage", "cancelMessage", "sendOutboxNow", "sendMissedReminder", "messageSettings",
        "updateMessageSettings", "messageTemplates", "registerMessageTemplate", "previewMessageTemplate", "messageOptOuts", "setMessageOptOut",
        "createSupportBundle", "opsSettings", "updateOpsSettings", "checkForUpdate", "installUpdate",
        "syncStatus", "syncEnroll", "syncNow", "syncConflicts", "syncResolve", "syncSettings", "updateSyncSettings",
        "vaultState", "unlockDatabase", "backupOverview", "updateBackupSettings", "createBackup", "verifyBackup", "restoreBackup",
      ].sort(),
    );
  });

  it("passes the sync commands' arguments as the shell names them", async () => {
    invoke.mockClear();
    invoke.mockResolvedValue(null);
    await commands.syncEnroll("http://127.0.0.1:8750", "tok");
    await commands.syncConflicts(true);
    await commands.syncResolve("c-1", "paid back");
    expect(invoke.mock.calls).toEqual([
      ["sync_enroll", { hubUrl: "http://127.0.0.1:8750", token: "tok" }],
      ["sync_conflicts", { includeResolved: true }],
      ["sync_resolve", { id: "c-1", resolution: "paid back" }],
    ]);
  });

  it("passes the staff and closure commands' arguments camelCased", async () => {
    invoke.mockClear();
    invoke.mockResolvedValue(null);
    await commands.login("owner", "4321");
    await commands.resetOwnerPin("ABCD-EFGH-JKLM-NPQR", "9876");
    await commands.overrideClosure({ enrollment_no: "MAIN-E00001", settlement: "cash", invoice_no: null, invoice_value: null }, "no network at all today", "owner", "4321");
    expect(invoke.mock.calls.map((c) => [c[0], c[1]])).toEqual([
      ["login", { login: "owner", pin: "4321" }],
      ["reset_owner_pin", { recoveryCode: "ABCD-EFGH-JKLM-NPQR", pin: "9876" }],
      ["override_closure", { input: expect.objectContaining({ settlement: "cash" }), reason: "no network at all today", ownerLogin: "owner", ownerPin: "4321" }],
    ]);
  });

  it("passes the documents commands' arguments as the shell names them", async () => {
    invoke.mockClear();
    invoke.mockResolvedValue(null);
    const ledger = { kind: "ledger" as const, enrollment_no: "MAIN-E00001", language: "hi" as const };
    await commands.saveDocument(ledger, "/home/ravi/ledger.pdf");
    await commands.printDocument({ kind: "receipt", payment_id: "0190f5c2-0000-7000-8000-000000000000", format: "80mm" });
    await commands.cancelExport();
    await commands.setShopLogo("/home/ravi/logo.png");
    await commands.setShopLogo(null);
    expect(invoke.mock.calls.map((c) => [c[0], c[1]])).toEqual([
      ["save_document", { document: ledger, path: "/home/ravi/ledger.pdf" }],
      ["print_document", { document: { kind: "receipt", payment_id: "0190f5c2-0000-7000-8000-000000000000", format: "80mm" } }],
      ["cancel_export", undefined],
      ["set_shop_logo", { path: "/home/ravi/logo.png" }],
      ["set_shop_logo", { path: null }],
    ]);
  });
});
