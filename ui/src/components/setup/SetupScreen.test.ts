import { beforeEach, describe, expect, it } from "vitest";
import { fireEvent, render, screen } from "@testing-library/svelte";
import SetupScreen from "./SetupScreen.svelte";
import { useFakeBackend, type IpcError, type Result } from "../../ipc";
import { createFakeShop, type Commands } from "../../ipc/fake";
import type { FakeState } from "../../ipc/fake-state";
import { session } from "../../session.svelte";

let fake: Commands;
let state: FakeState;

async function ok<T>(pending: Promise<Result<T, IpcError>>): Promise<T> {
  const r = await pending;
  if (r.status === "error") throw new Error(JSON.stringify(r.error));
  return r.data;
}

beforeEach(() => {
  ({ commands: fake, state } = createFakeShop());
  useFakeBackend(fake);
  session.lastLogin = "";
});

describe("first run: try with demo data", () => {
  it("fills_the_empty_shop_with_the_demo_and_says_how_to_log_in", async () => {
    let done = 0;
    render(SetupScreen, { onDone: () => void done++ });
    await fireEvent.click(screen.getByRole("button", { name: "Try with demo data" }));
    const ready = await screen.findByTestId("demo-ready");
    expect(ready.textContent).toContain(`The demo shop is ready: ${state.customers.size} customers`);
    expect(ready.textContent).toContain("Log in as owner with PIN 4321, or as cashier with PIN 2468.");
    expect(state.customers.size).toBeGreaterThan(0);
    expect(state.payments.length).toBeGreaterThan(0);
    expect(state.session).toBeNull();
    expect(session.lastLogin).toBe("owner");
    expect((await ok(fake.appStatus())).setup_done).toBe(true);
    await fireEvent.click(screen.getByRole("button", { name: "Go to login" }));
    expect(done).toBe(1);
    expect((await ok(fake.login("cashier", "2468"))).role).toBe("cashier");
  });

  it("is_refused_once_a_shop_is_set_up_so_no_demo_rows_reach_a_real_book", async () => {
    await ok(fake.setupShop({ shop_name: "Lakshmi Jewellers", address: "Jaipur", gstin: null, branch_code: "MAIN", owner_name: "Ravi", owner_pin: "4321" }));
    render(SetupScreen, { onDone: () => {} });
    await fireEvent.click(screen.getByRole("button", { name: "Try with demo data" }));
    expect((await screen.findByRole("alert")).textContent).toContain("already set up");
    expect(state.customers.size).toBe(0);
  });
});
