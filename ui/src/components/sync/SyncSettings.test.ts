import { beforeEach, describe, expect, it } from "vitest";
import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import SyncSettings from "./SyncSettings.svelte";
import { useFakeBackend, type IpcError, type Result } from "../../ipc";
import { createFakeShop, type Commands } from "../../ipc/fake";
import { setFakeHubOnline } from "../../ipc/fake-sync";
import type { FakeState } from "../../ipc/fake-state";
import { syncState } from "../../sync.svelte";

let fake: Commands;
let state: FakeState;

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

beforeEach(async () => {
  ({ commands: fake, state } = createFakeShop());
  useFakeBackend(fake);
  syncState.status = null;
  await ok(fake.setupShop({ shop_name: "Lakshmi Jewellers", address: "Jaipur", gstin: null, branch_code: "MAIN", owner_name: "Ravi Soni", owner_pin: "4321" }));
});

describe("settings: sync with the hub", () => {
  it("a_counter_enrolls_with_the_hub_address_and_token_then_syncs_now", async () => {
    render(SyncSettings);
    expect((await byLabelSoon("Sync now")).hasAttribute("disabled")).toBe(true);
    await type("Hub address", "http://127.0.0.1:8750/");
    await type("One-time token", "tok-123");
    await fireEvent.click(byLabel("Enroll this counter"));
    await waitFor(() => expect(screen.getByRole("status").textContent).toBe("Enrolled with the hub"));
    expect(screen.getByTestId("sync-enrolled").textContent).toBe("Counter C1 of branch MAIN at http://127.0.0.1:8750");
    expect((byLabel("One-time token") as HTMLInputElement).value).toBe("");
    await fireEvent.click(byLabel("Sync now"));
    await waitFor(() => expect(screen.getByRole("status").textContent).toBe("Sent 0, received 0, applied 0"));
    expect(syncState.status?.online).toBe(true);
  });

  it("a_missing_token_is_shown_under_its_field_and_an_offline_hub_in_the_banner", async () => {
    render(SyncSettings);
    await type("Hub address", "http://127.0.0.1:8750");
    await fireEvent.click(await byLabelSoon("Enroll this counter"));
    await waitFor(() => expect(document.getElementById("sync-token-error")?.textContent).toBe("enter the one-time token from kanak-hub device add"));
    setFakeHubOnline(state, false);
    await type("One-time token", "tok-123");
    await fireEvent.click(byLabel("Enroll this counter"));
    await waitFor(() => expect(screen.getByRole("alert").textContent).toContain("could not be reached"));
  });

  it("auto_sync_is_saved_and_an_interval_out_of_bounds_is_refused_under_its_field", async () => {
    render(SyncSettings);
    await waitFor(() => expect((byLabel("Every (seconds)") as HTMLInputElement).value).toBe("120"));
    await type("Every (seconds)", "5");
    await fireEvent.click(byLabel("Save auto-sync"));
    await waitFor(() => expect(document.getElementById("sync-interval-error")?.textContent).toBe("must be between 15 and 86400 seconds"));
    await type("Every (seconds)", "1.5");
    await fireEvent.click(byLabel("Save auto-sync"));
    await waitFor(() => expect(document.getElementById("sync-interval-error")?.textContent).toBe("enter whole seconds"));
    await fireEvent.click(byLabel("Sync automatically"));
    await type("Every (seconds)", "300");
    await fireEvent.click(byLabel("Save auto-sync"));
    await waitFor(() => expect(screen.getByRole("status").textContent).toBe("Auto-sync settings saved"));
    expect(await ok(fake.syncSettings())).toEqual({ auto_sync: false, interval_seconds: 300 });
  });
});
