import { beforeEach, describe, expect, it } from "vitest";
import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import App from "../../App.svelte";
import { useFakeBackend, type IpcError, type Result } from "../../ipc";
import { createFakeShop, type Commands } from "../../ipc/fake";
import type { FakeState } from "../../ipc/fake-state";
import { FAKE_RECOVERY_KEY, lockFakeVault } from "../../ipc/fake-vault";
import { setLanguage } from "../../i18n";
import { shop } from "../../shop.svelte";

let fake: Commands;
let state: FakeState;

async function ok<T>(pending: Promise<Result<T, IpcError>>): Promise<T> {
  const r = await pending;
  if (r.status === "error") throw new Error(JSON.stringify(r.error));
  return r.data;
}

const keyField = () => screen.getByLabelText("Recovery key") as HTMLInputElement;
const unlock = () => screen.getByRole("button", { name: "Open the database" });

beforeEach(async () => {
  ({ commands: fake, state } = createFakeShop());
  useFakeBackend(fake);
  setLanguage("en");
  shop.status = null;
  shop.locked = null;
  await ok(fake.setupShop({ shop_name: "Lakshmi Jewellers", address: "Jaipur", gstin: null, branch_code: "MAIN", owner_name: "Ravi Soni", owner_pin: "4321" }));
  await ok(fake.logout());
  lockFakeVault(state);
});

describe("the locked database", () => {
  it("shows_the_locked_screen_instead_of_setup_or_login_when_the_key_is_missing", async () => {
    render(App);
    expect((await screen.findByTestId("locked-screen")).textContent).toContain("Database locked — enter the recovery key");
    expect(screen.getByTestId("locked-reason").textContent).toContain("keyring");
    expect(screen.queryByLabelText("Shop name")).toBeNull();
    expect(screen.queryByLabelText("PIN")).toBeNull();
    expect(document.activeElement).toBe(keyField());
  });

  it("says_a_wrong_recovery_key_is_wrong_under_the_field_and_stays_locked", async () => {
    render(App);
    await screen.findByTestId("locked-screen");
    await fireEvent.input(keyField(), { target: { value: FAKE_RECOVERY_KEY.replace("FAKE", "FAKF") } });
    await fireEvent.click(unlock());
    await waitFor(() => expect(keyField().getAttribute("aria-invalid")).toBe("true"));
    expect(document.getElementById("unlock-recovery_key-error")?.textContent).toContain("is not this shop's recovery key");
    expect(screen.getByTestId("locked-screen")).toBeTruthy();
    expect((await ok(fake.vaultState())).locked).toBe(true);
  });

  it("opens_with_the_right_key_and_continues_to_the_login", async () => {
    render(App);
    await screen.findByTestId("locked-screen");
    await fireEvent.input(keyField(), { target: { value: FAKE_RECOVERY_KEY.toLowerCase().replaceAll("-", " ") } });
    await fireEvent.click(unlock());
    await waitFor(() => expect(screen.queryByTestId("locked-screen")).toBeNull());
    expect(await screen.findByRole("button", { name: /log in/i })).toBeTruthy();
  });

  it("is_in_hindi_too", async () => {
    setLanguage("hi");
    render(App);
    expect((await screen.findByTestId("locked-screen")).textContent).toContain("डेटाबेस लॉक है — रिकवरी कुंजी डालें");
  });
});
