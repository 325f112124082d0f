import { beforeEach, describe, expect, it } from "vitest";
import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import AuditScreen from "./AuditScreen.svelte";
import { useFakeBackend, type IpcError, type Result } from "../../ipc";
import { createFakeBackend, type Commands } from "../../ipc/fake";

let fake: Commands;

async function ok<T>(pending: Promise<Result<T, IpcError>>): Promise<T> {
  const r = await pending;
  if (r.status === "error") throw new Error(JSON.stringify(r.error));
  return r.data;
}

const byLabel = (label: string) => {
  const found = document.querySelectorAll<HTMLElement>(`[aria-label="${label}"]`);
  if (found.length !== 1) throw new Error(`${found.length} controls labelled ${label}`);
  return found[0];
};
async function type(label: string, text: string) {
  await fireEvent.input(await waitFor(() => byLabel(label)), { target: { value: text } });
}
const actions = () => screen.getAllByTestId("audit-row").map((r) => r.children[2].textContent);

beforeEach(async () => {
  fake = createFakeBackend();
  useFakeBackend(fake);
  await ok(fake.setupShop({ shop_name: "Lakshmi Jewellers", address: "Jaipur", gstin: null, branch_code: "MAIN", owner_name: "Ravi Soni", owner_pin: "4321" }));
  await ok(fake.addStaff({ name: "Meena", login: "meena", role: "cashier", pin: "1111" }));
  await ok(fake.login("meena", "1111"));
  await ok(fake.addCustomer({ name: "Asha Verma", phone: "9876543210", pan: null, aadhaar: null, dob: null, address: null, pin_code: null, email: null, family_of: null, relation: null }));
  await ok(fake.login("owner", "4321"));
});

describe("the audit screen", () => {
  it("lists_entries_newest_first_and_filters_by_staff_customer_and_dates", async () => {
    render(AuditScreen);
    await waitFor(() => expect(actions()).toEqual(["login", "customer.add", "login", "staff.add", "shop.setup"]));
    await type("Staff login", "meena");
    await fireEvent.click(byLabel("Show entries"));
    await waitFor(() => expect(actions()).toEqual(["customer.add", "login"]));
    await type("Staff login", "");
    await type("Customer code", "MAIN-00001");
    await fireEvent.click(byLabel("Show entries"));
    await waitFor(() => expect(actions()).toEqual(["customer.add"]));
    await type("From date", "32-13-2026");
    await fireEvent.click(byLabel("Show entries"));
    await waitFor(() => expect(document.getElementById("audit-from-error")?.textContent).toContain("31-03-2026"));
    await type("From date", "01-01-2999");
    await fireEvent.click(byLabel("Show entries"));
    await screen.findByText("No entries match these filters.");
    await fireEvent.click(byLabel("Clear filters"));
    await waitFor(() => expect(actions()).toHaveLength(5));
  });

  it("verify_shows_intact_with_the_number_of_entries", async () => {
    render(AuditScreen);
    await fireEvent.click(byLabel("Verify audit trail"));
    await waitFor(() => expect(screen.getByTestId("audit-verdict").textContent).toContain("Intact: 5 entries checked"));
  });

  it("a_broken_chain_is_shown_prominently_with_the_entry_and_the_problem", async () => {
    useFakeBackend({
      ...fake,
      verifyAudit: async () => ({ status: "ok", data: { entries: 3, intact: false, first_broken: 4, problem: "was changed after it was written" } }),
    });
    render(AuditScreen);
    await fireEvent.click(byLabel("Verify audit trail"));
    const verdict = await screen.findByTestId("audit-verdict");
    expect(verdict.getAttribute("role")).toBe("alert");
    expect(verdict.textContent).toContain("Broken at entry 4: was changed after it was written");
    expect(verdict.textContent).toContain("The 3 entries before it are intact");
  });
});
