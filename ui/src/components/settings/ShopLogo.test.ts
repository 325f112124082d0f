import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { fireEvent, render, screen } from "@testing-library/svelte";
import PrintingSettings from "./PrintingSettings.svelte";
import { useFakeBackend, type IpcError, type Result } from "../../ipc";
import { useFakeDialogs } from "../../ipc/files";
import { createFakeShop, type Commands } from "../../ipc/fake";
import type { FakeState } from "../../ipc/fake-state";
import { pngOfSize, TINY_PNG } from "../../ipc/fake-logo";
import { shop } from "../../shop.svelte";
import { session } from "../../session.svelte";

let fake: Commands;
let state: FakeState;

const PICKED = "/home/ravi/Pictures/lakshmi-logo.png";

async function ok<T>(pending: Promise<Result<T, IpcError>>): Promise<T> {
  const r = await pending;
  if (r.status === "error") throw new Error(JSON.stringify(r.error));
  return r.data;
}

/** The file picker answers `path` and counts how often it was opened. */
function picker(path: string | null): { opened: number } {
  const seen = { opened: 0 };
  useFakeDialogs({ logoFile: async () => (seen.opened++, path) });
  return seen;
}

async function showPrinting() {
  shop.status = await ok(fake.appStatus());
  render(PrintingSettings);
}

const logoState = () => screen.getByTestId("shop-logo").querySelector(".chip")?.textContent;
const logoAudit = () => state.audit.filter((e) => e.action === "settings.logo").map((e) => e.detail);

beforeEach(async () => {
  ({ commands: fake, state } = createFakeShop());
  useFakeBackend(fake);
  await ok(fake.setupShop({ shop_name: "Lakshmi Jewellers", address: "Jaipur", gstin: null, branch_code: "MAIN", owner_name: "Ravi", owner_pin: "4321" }));
  session.user = { login: "owner", role: "owner" };
});

afterEach(() => {
  useFakeDialogs(null);
  shop.status = null;
});

describe("settings: the shop logo", () => {
  it("choosing_a_logo_sends_the_file_and_shows_it_is_set", async () => {
    state.disk.set(PICKED, TINY_PNG);
    const seen = picker(PICKED);
    await showPrinting();
    expect(logoState()).toBe("Not set");
    expect(screen.queryByRole("button", { name: "Remove logo" })).toBeNull();
    await fireEvent.click(screen.getByRole("button", { name: "Choose logo…" }));
    expect((await screen.findByRole("status")).textContent).toBe("Logo saved; it prints on every document from now on");
    expect(seen.opened).toBe(1);
    expect(state.logo).toEqual(TINY_PNG);
    expect(logoState()).toBe("Set");
    expect(shop.status?.shop?.has_logo).toBe(true);
    expect(logoAudit()).toEqual([`shop logo set (${TINY_PNG.length} bytes)`]);
    expect(screen.getByRole("button", { name: "Remove logo" })).toBeTruthy();
  });

  it("a_refused_logo_shows_why", async () => {
    state.disk.set(PICKED, new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x4a, 0x46, 0x49, 0x46]));
    picker(PICKED);
    await showPrinting();
    await fireEvent.click(screen.getByRole("button", { name: "Choose logo…" }));
    expect((await screen.findByRole("alert")).textContent).toBe("Shop logo: is not a PNG image the printer can use (Invalid PNG signature.)");
    expect(logoState()).toBe("Not set");
    expect(state.logo).toBeNull();
    expect(logoAudit()).toEqual([]);
  });

  it("a_logo_too_large_to_print_is_refused_with_its_size_and_the_old_one_is_kept", async () => {
    state.disk.set("/home/ravi/old.png", TINY_PNG);
    await ok(fake.setShopLogo("/home/ravi/old.png"));
    state.disk.set(PICKED, pngOfSize(2400, 800));
    picker(PICKED);
    await showPrinting();
    await fireEvent.click(screen.getByRole("button", { name: "Choose logo…" }));
    expect((await screen.findByRole("alert")).textContent).toBe("Shop logo: is 2400×800 pixels; at most 2000 on each side");
    expect(logoState()).toBe("Set");
    expect(state.logo).toEqual(TINY_PNG);
  });

  it("remove_logo_clears_it", async () => {
    state.disk.set(PICKED, TINY_PNG);
    await ok(fake.setShopLogo(PICKED));
    await showPrinting();
    expect(logoState()).toBe("Set");
    await fireEvent.click(screen.getByRole("button", { name: "Remove logo" }));
    expect((await screen.findByRole("status")).textContent).toBe("Logo removed");
    expect(logoState()).toBe("Not set");
    expect(state.logo).toBeNull();
    expect((await ok(fake.appStatus())).shop?.has_logo).toBe(false);
    expect(screen.queryByRole("button", { name: "Remove logo" })).toBeNull();
  });

  it("closing_the_file_picker_without_choosing_changes_nothing", async () => {
    const seen = picker(null);
    await showPrinting();
    await fireEvent.click(screen.getByRole("button", { name: "Choose logo…" }));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(seen.opened).toBe(1);
    expect(screen.queryByRole("status")).toBeNull();
    expect(screen.queryByRole("alert")).toBeNull();
    expect(logoAudit()).toEqual([]);
  });

  it("staff_who_may_not_change_settings_see_whether_a_logo_is_set_but_no_buttons", async () => {
    state.disk.set(PICKED, TINY_PNG);
    await ok(fake.setShopLogo(PICKED));
    session.user = { login: "suresh", role: "manager" };
    await showPrinting();
    expect(logoState()).toBe("Set");
    expect(screen.queryByRole("button", { name: "Choose logo…" })).toBeNull();
    expect(screen.queryByRole("button", { name: "Remove logo" })).toBeNull();
  });
});
