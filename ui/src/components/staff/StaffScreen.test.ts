import { beforeEach, describe, expect, it } from "vitest";
import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import StaffScreen from "./StaffScreen.svelte";
import { useFakeBackend, type IpcError, type Result } from "../../ipc";
import { createFakeBackend, type Commands } from "../../ipc/fake";

let fake: Commands;
let recovery: string;

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
const byLabelSoon = (label: string) => waitFor(() => byLabel(label));
async function type(label: string, text: string) {
  await fireEvent.input(await byLabelSoon(label), { target: { value: text } });
}
const row = (login: string) => screen.getByTestId(`staff-${login}`).textContent ?? "";

beforeEach(async () => {
  fake = createFakeBackend();
  useFakeBackend(fake);
  recovery = (await ok(fake.setupShop({ shop_name: "Lakshmi Jewellers", address: "Jaipur", gstin: null, branch_code: "MAIN", owner_name: "Ravi Soni", owner_pin: "4321" }))).recovery_code;
});

describe("the staff screen", () => {
  it("the_owner_adds_a_cashier_then_disables_enables_and_resets_the_pin", async () => {
    render(StaffScreen);
    await waitFor(() => expect(row("owner")).toContain("Ravi Soni"));
    expect(screen.queryByRole("button", { name: "Disable owner" })).toBeNull();
    await type("Staff name", "Meena Sharma");
    await type("Staff login", "x");
    await type("Staff PIN", "1111");
    await fireEvent.click(byLabel("Add staff member"));
    await waitFor(() => expect(document.getElementById("staff-login-error")?.textContent).toContain("3 to 32"));
    await type("Staff login", "Meena");
    await fireEvent.click(byLabel("Add staff member"));
    await waitFor(() => expect(screen.getByRole("status").textContent).toBe("meena can now log in"));
    await waitFor(() => expect(row("meena")).toContain("Cashier"));
    expect(row("meena")).toContain("Active");
    await fireEvent.click(byLabel("Disable meena"));
    await waitFor(() => expect(row("meena")).toContain("Disabled"));
    await fireEvent.click(byLabel("Enable meena"));
    await waitFor(() => expect(row("meena")).toContain("Active"));
    await fireEvent.click(byLabel("Reset PIN of meena"));
    await type("New PIN for meena", "12");
    await fireEvent.click(byLabel("Save new PIN"));
    await waitFor(() => expect(document.getElementById("staff-reset-pin-error")?.textContent).toContain("4 to 8 digits"));
    await type("New PIN for meena", "7777");
    await fireEvent.click(byLabel("Save new PIN"));
    await waitFor(() => expect(screen.getByRole("status").textContent).toBe("The PIN of meena is changed"));
    await ok(fake.logout());
    expect(await ok(fake.login("meena", "7777"))).toEqual({ login: "meena", role: "cashier" });
  });

  it("a_login_locked_after_wrong_pins_shows_locked", async () => {
    await ok(fake.addStaff({ name: "Kiran", login: "kiran", role: "manager", pin: "1111" }));
    for (let i = 0; i < 3; i++) await fake.login("kiran", "9999");
    await ok(fake.login("owner", "4321"));
    render(StaffScreen);
    await waitFor(() => expect(row("kiran")).toContain("Locked"));
    expect(row("kiran")).toContain("Manager");
  });

  it("the_recovery_code_is_regenerated_after_a_confirmation_and_shown_once", async () => {
    render(StaffScreen);
    await fireEvent.click(await byLabelSoon("Re-generate recovery code"));
    expect(screen.getByRole("status").textContent).toContain("will stop working");
    await fireEvent.click(byLabel("Yes, make a new code"));
    const shown = await screen.findByTestId("recovery-code");
    const code = /[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}/.exec(shown.textContent ?? "")![0];
    expect(code).not.toBe(recovery);
    await fireEvent.click(byLabel("Done"));
    expect(screen.queryByTestId("recovery-code")).toBeNull();
    expect(document.body.textContent).not.toContain(code);
    await ok(fake.logout());
    expect((await fake.resetOwnerPin(recovery, "9999")).status).toBe("error");
    expect((await fake.resetOwnerPin(code, "9999")).status).toBe("ok");
  });
});
